"""Importing a 10,000-card vCard 3.0 file into an empty database, against vobject alone parsing
the same file, in the same run; and how much the import grows the process's peak memory.

- vobject: `list(vobject.readComponents(text))` over the already decoded text (reading and
  decoding the file are left out, which favours vobject).
- netdesk: `services.imports.import_file(path)` into a new, empty SQLite file each run: reading,
  decoding, parsing, the duplicate check against the database and earlier cards, and the commit.
  Opening the database (creating the schema) is left out.
Runs alternate between the two; the figures are medians (limit 1.3x, goal 1.0x or better).

Memory is measured in fresh subprocesses, so earlier runs cannot have raised the high-water mark:
- peak RSS growth: the peak resident size during the import (VmHWM, reset to the current size
  through /proc/self/clear_refs just before it) minus the resident size when it starts, with
  every module imported and the database open. It counts everything the process touches (Python
  objects, SQLite's page cache, the file's bytes), so it is the figure the limit (< 200 MB) is
  checked against. (Not getrusage's ru_maxrss: Linux carries it across fork and exec.)
- tracemalloc peak: Python allocations only (not SQLite's), at their highest during the import;
  a second run, because tracing slows the import several times over.
vobject's own peak RSS growth when holding the whole file's cards is printed for scale.

Run: .venv/bin/python benchmarks/bench_vcard_import.py [--runs N] [--cards N] [--profile]
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _vcard_data import CARDS, vcard_file

RATIO_LIMIT = 1.3
MEMORY_LIMIT_MB = 200


def time_vobject(text: str) -> float:
    import vobject

    started = time.perf_counter()
    cards = list(vobject.readComponents(text))
    elapsed = time.perf_counter() - started
    assert cards, "vobject read nothing"
    del cards
    gc.collect()
    return elapsed


def time_netdesk(path: Path, folder: Path, run: int, expected: int) -> float:
    from netdesk.services.service_set import Services
    from netdesk.store import open_database

    db = open_database(f"sqlite:///{folder / f'import-{run}.sqlite'}")
    try:
        services = Services(db)
        started = time.perf_counter()
        report = services.imports.import_file(path)
        elapsed = time.perf_counter() - started
        people = report.added + report.merged
        if report.rejected or people != expected:
            print(f"  note: {report.summary()}")
    finally:
        db.close()
    gc.collect()
    return elapsed


def rss_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of this process, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise SystemExit("needs Linux's /proc/self/status")


def start_peak() -> float:
    """Resets the peak to the current resident size and returns it.

    Not getrusage's ru_maxrss: Linux carries that across fork and exec, so a child started by a
    big parent begins with the parent's high-water mark and shows no growth at all."""
    Path("/proc/self/clear_refs").write_text("5")  # 5: reset the peak RSS (Linux 4.0+)
    return rss_mb("VmRSS")


def child(mode: str, path: Path, folder: Path) -> None:
    """Runs in a fresh interpreter and prints one JSON line of what it measured."""
    import tracemalloc

    # Imported before the baseline, like netdesk's own modules.
    import vobject

    from netdesk.services.service_set import Services
    from netdesk.store import open_database

    db = open_database(f"sqlite:///{folder / f'memory-{mode}.sqlite'}")
    services = Services(db)
    gc.collect()
    result: dict[str, float] = {}
    if mode == "vobject":
        text = path.read_bytes().decode("utf-8")
        before = start_peak()
        cards = list(vobject.readComponents(text))
        result["rss_growth_mb"] = rss_mb("VmHWM") - before
        result["cards"] = len(cards)
    elif mode == "netdesk":
        before = start_peak()
        report = services.imports.import_file(path)
        result["rss_growth_mb"] = rss_mb("VmHWM") - before
        result["cards"] = report.added + report.merged
    else:  # "tracemalloc"
        tracemalloc.start()
        tracemalloc.reset_peak()
        start_current, _ = tracemalloc.get_traced_memory()
        report = services.imports.import_file(path)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        result["traced_peak_mb"] = (peak - start_current) / 2**20
        result["cards"] = report.added + report.merged
    db.close()
    print(json.dumps(result))


def measure_in_child(mode: str, path: Path, folder: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path), str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"memory run {mode} failed:\n{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def profile(path: Path, folder: Path) -> None:
    import cProfile
    import pstats

    from netdesk.services.service_set import Services
    from netdesk.store import open_database

    db = open_database(f"sqlite:///{folder / 'profile.sqlite'}")
    services = Services(db)
    profiler = cProfile.Profile()
    profiler.enable()
    services.imports.import_file(path)
    profiler.disable()
    db.close()
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(30)
    stats.sort_stats("cumulative").print_stats(40)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cards", type=int, default=CARDS)
    parser.add_argument("--no-memory", action="store_true", help="skip the memory subprocesses")
    parser.add_argument("--profile", action="store_true", help="cProfile one netdesk import")
    parser.add_argument("--child", nargs=3, metavar=("MODE", "FILE", "FOLDER"), help="internal")
    args = parser.parse_args()
    if args.child:
        mode, file, folder = args.child
        child(mode, Path(file), Path(folder))
        return

    path = vcard_file(args.cards)
    text = path.read_bytes().decode("utf-8")
    print(f"{path} ({path.stat().st_size / 2**20:.1f} MB, {args.cards:,} cards, vCard 3.0)")
    with tempfile.TemporaryDirectory(prefix="netdesk-bench-import-") as tmp:
        folder = Path(tmp)
        if args.profile:
            profile(path, folder)
            return
        parse, imported = [], []
        time_vobject(text)  # warm up: imports, file cache
        for run in range(args.runs):
            parse.append(time_vobject(text))
            imported.append(time_netdesk(path, folder, run, args.cards))
        p, i = statistics.median(parse), statistics.median(imported)
        print(f"vobject parses the file:           {p:6.2f} s  ({args.cards / p:,.0f} cards/s)")
        print(f"netdesk imports it (empty SQLite): {i:6.2f} s  ({args.cards / i:,.0f} cards/s)")
        print(f"  runs: vobject {_list(parse)}; netdesk {_list(imported)}")
        verdict = "ok" if i / p <= RATIO_LIMIT else "OVER THE LIMIT"
        print(
            f"ratio import/vobject: {i / p:.2f}x (median of {args.runs}; limit {RATIO_LIMIT}x, "
            f"goal 1.0x) {verdict}"
        )
        if args.no_memory:
            return
        ours = measure_in_child("netdesk", path, folder)
        theirs = measure_in_child("vobject", path, folder)
        traced = measure_in_child("tracemalloc", path, folder)
        growth = ours["rss_growth_mb"]
        verdict = "ok" if growth < MEMORY_LIMIT_MB else "OVER THE LIMIT"
        print(
            f"peak memory growth of the import (peak RSS delta, fresh process): {growth:.0f} MB "
            f"(limit {MEMORY_LIMIT_MB} MB) {verdict}"
        )
        traced_mb = traced["traced_peak_mb"]
        print(f"  Python allocations at their peak (tracemalloc): {traced_mb:.0f} MB")
        print(
            f"  for scale, vobject holding all {theirs['cards']:,.0f} cards: "
            f"{theirs['rss_growth_mb']:.0f} MB"
        )


def _list(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


if __name__ == "__main__":
    main()
