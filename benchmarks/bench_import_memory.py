"""Peak memory of `netdesk import` fed a stream that never ends (/dev/zero) and a vCard file just
under the 256 MB limit, each in a fresh process.

- /dev/zero: the import must stop at the limit (256 MB read, then the one-line refusal), so its
  peak is about the limit plus the interpreter. A reader without the bound grows until the cap
  given with --cap-gb (an address-space limit, RLIMIT_AS) stops it: the figure is then the cap.
- the file: 13,000 cards with a 20 KB note each (250 MB), made once in the temp folder; the
  whole import (reading, decoding, parsing, duplicate check, commit) into a new SQLite file.
Peak RSS is the child's own (os.wait4's ru_maxrss): this script imports nothing of netdesk, so
the figure it inherits from here at fork is a few MB.

--checkout runs another copy of netdesk (an older commit in a git worktree) to compare:
  git worktree add /tmp/base <commit>
  .venv/bin/python benchmarks/bench_import_memory.py --checkout /tmp/base

Run: .venv/bin/python benchmarks/bench_import_memory.py [--checkout PATH] [--cap-gb N]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

CARDS = 13_000
NOTE_BYTES = 20_000


def big_vcard(folder: Path) -> Path:
    path = folder / f"netdesk-bench-{CARDS}x{NOTE_BYTES}.vcf"
    if path.exists():
        return path
    partial = path.with_suffix(".part")
    note = ("Met at the sprint and talked for hours about import formats. " * 400)[:NOTE_BYTES]
    with partial.open("w", encoding="utf-8", newline="") as out:
        for i in range(CARDS):
            out.write(
                "BEGIN:VCARD\r\nVERSION:3.0\r\n"
                f"UID:bench-{i}@memory.example\r\nN:Person{i};Kim;;;\r\nFN:Kim Person{i}\r\n"
                f"EMAIL:kim{i}@memory.example\r\nNOTE:{note}\r\nEND:VCARD\r\n"
            )
    partial.replace(path)
    return path


def measure(checkout: Path, db: Path, source: str, cap: int, timeout: float) -> tuple[str, float]:
    """(how it ended, peak RSS in MB) of `netdesk --db DB import SOURCE`."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    env = {**os.environ, "PYTHONPATH": str(checkout)}
    argv = [sys.executable, "-m", "netdesk", "--db", str(db), "import", source]
    started = time.monotonic()
    child = subprocess.Popen(
        argv,
        env=env,
        cwd=checkout,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=limit,
    )
    timer = threading.Timer(timeout, child.kill)
    timer.start()
    # Read the pipes while it runs (a full pipe would stall it), then reap it with its usage.
    out: list[bytes] = []
    readers = [
        threading.Thread(target=lambda s=s: out.append(s.read()))  # type: ignore[misc]
        for s in (child.stdout, child.stderr)
    ]
    for reader in readers:
        reader.start()
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    timer.cancel()
    for reader in readers:
        reader.join()
    elapsed = time.monotonic() - started
    said = b" | ".join(o.strip() for o in out if o.strip()).decode(errors="replace")
    ending = f"exit {child.returncode} after {elapsed:.1f} s: {said[-160:]}"
    return ending, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkout", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--cap-gb", type=float, default=4.0, help="address-space cap (RLIMIT_AS)")
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args()
    cap = int(args.cap_gb * 1024**3)
    temp = Path(tempfile.gettempdir())
    vcf = big_vcard(temp)
    print(f"netdesk from {args.checkout}; cap {args.cap_gb:g} GB of address space")
    with tempfile.TemporaryDirectory() as folder:
        for label, source in (
            ("import /dev/zero", "/dev/zero"),
            (f"import {vcf.stat().st_size / 1024**2:.0f} MB vCard file", str(vcf)),
        ):
            db = Path(folder) / f"{len(label)}.sqlite"
            ending, peak = measure(args.checkout, db, source, cap, args.timeout)
            print(f"{label}: peak RSS {peak:,.0f} MB ({ending})")


if __name__ == "__main__":
    main()
