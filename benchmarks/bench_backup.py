"""Backups of the 100,000-person database: what a backup before a big import costs, and a
restore, against the bare sqlite3 online backup API copying the same file.

Run: .venv/bin/python benchmarks/bench_backup.py [--runs N]   (the database is made once by
_data.py; the copies go to a temporary folder that is deleted afterwards)
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import big_database

from netdesk.store import BackupStore, contact_count


def bare_copy(source: Path, destination: Path) -> None:
    destination.unlink(missing_ok=True)  # a new file each time, as each backup is
    src = sqlite3.connect(source)
    dst = sqlite3.connect(destination)
    src.backup(dst)
    dst.close()
    src.close()


def median_time(action: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    source = big_database()
    work = Path(tempfile.mkdtemp())
    try:
        database = work / "netdesk.sqlite"
        shutil.copyfile(source, database)
        store = BackupStore(database)
        size_mb = database.stat().st_size / 1024**2
        bare = median_time(lambda: bare_copy(database, work / "bare.sqlite"), args.runs)
        ours = median_time(lambda: store.take("manual"), args.runs)
        backup = store.newest()
        assert backup is not None and contact_count(backup.path) == contact_count(database)
        restore = median_time(lambda: store.restore(backup.path), max(1, args.runs // 2))
        print(f"database: {size_mb:.0f} MB, {contact_count(database):,} people")
        print(f"bare sqlite3 backup API:            {bare:.3f} s")
        print(f"netdesk backup (checked, renamed):  {ours:.3f} s  ({ours / bare:.2f}x bare)")
        print(f"netdesk restore (with safety copy): {restore:.3f} s  ({restore / bare:.2f}x bare)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
