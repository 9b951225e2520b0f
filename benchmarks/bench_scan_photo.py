"""How long reading a 12-megapixel phone photo of one business card takes, and the process's
peak memory while it does (the issue's targets: under 3 s on a 2-core machine, under 700 MB).

    python benchmarks/bench_scan_photo.py [--turn 90] [--repeat 5]

The photo (4000 x 3000, the card across half of it, JPEG quality 90) is drawn by the reader's
test helpers and written to a temporary folder. A fresh process scans it once to warm up (the
OCR engine is built then: reported apart), then `--repeat` times; it prints the median, the
engine's build time, the CPU time per scan and the peak resident memory (VmHWM, see peak_kb),
which includes the engine. The load average is printed too: on a shared machine, other work
slows the wall-clock time.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import json, statistics, sys, time
from pathlib import Path
from netdesk.scan import ocr
from netdesk.scan.reader import scan_file
path, repeat = Path(sys.argv[1]), int(sys.argv[2])


def peak_kb():
    # VmHWM, not ru_maxrss: on Linux a child's ru_maxrss starts at its parent's peak (kept
    # across fork and exec), so it would report this script's drawing of the photo.
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))


started = time.perf_counter()
ocr.engine()
build = time.perf_counter() - started
started = time.perf_counter()
scan_file(path)
first = time.perf_counter() - started
walls, cpus = [], []
for _ in range(repeat):
    started, cpu = time.perf_counter(), time.process_time()
    scan_file(path)
    walls.append(time.perf_counter() - started)
    cpus.append(time.process_time() - cpu)
print(json.dumps({
    "build": build, "first": first, "median": statistics.median(walls), "walls": walls,
    "cpu": statistics.median(cpus),
    "peak_mb": peak_kb() / 1024,
}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turn", type=float, default=8, help="the card's angle in degrees")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.scan.drawn_cards import card, jpeg, on_table

    with tempfile.TemporaryDirectory() as folder:
        photo = Path(folder) / "IMG_12MP.jpg"
        picture = on_table([card()], [(0.5, 0.5, 0.5, args.turn)], size=(4000, 3000), tilt=0.1)
        photo.write_bytes(jpeg(picture, quality=90))
        del picture
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(photo), str(args.repeat)],
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            check=True,
        )
    result = json.loads(done.stdout)
    print(f"12-megapixel photo of one card, turned {args.turn:g} degrees, {os.cpu_count()} cores")
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    print(f"engine built in {result['build']:.2f} s; first scan {result['first']:.2f} s")
    walls = ", ".join(f"{wall:.2f}" for wall in result["walls"])
    print(f"scan: median {result['median']:.2f} s of {args.repeat} ({walls})")
    print(f"CPU time per scan (all threads): {result['cpu']:.2f} s")
    print(f"peak memory (RSS): {result['peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
