"""`netdesk search data` as a mail client runs it on every address completion: the whole
process, from launch to exit, on the 100,000-people database against an empty one (limits:
within 50 ms of the empty file, and under 150 ms).

The figures are medians of alternating runs, after one run of each that warms the file cache
and makes the whole-file check a file gets when it changed (netdesk.store.integrity_stamp), which
is timed apart, as are opening the database through the services with and without that check.
Run: .venv/bin/python benchmarks/bench_cli_search.py [--runs 21] [--query data] [--format mutt]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import big_database

from netdesk.store import open_database


def timed(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{cmd} failed (exit {done.returncode}): {done.stderr!r}")
    return elapsed


def opening(path: Path) -> float:
    started = time.perf_counter()
    open_database(f"sqlite:///{path}").close()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--query", default="data")
    parser.add_argument("--format", default="lines")
    args = parser.parse_args()
    big = big_database()
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ)
        env["XDG_CACHE_HOME"] = os.environ["XDG_CACHE_HOME"] = folder  # no earlier checks
        empty = Path(folder) / "empty.sqlite"
        open_database(f"sqlite:///{empty}").close()

        def command(db: Path) -> list[str]:
            return [sys.executable, "-m", "netdesk", "--db", str(db), "search", args.query]

        cmd_big = [*command(big), "--format", args.format]
        cmd_empty = [*command(empty), "--format", args.format]
        timed(cmd_big, env), timed(cmd_empty, env)  # warm the file cache
        checked, unchanged = opening(big), opening(big)
        on_big, on_empty = [], []
        for _ in range(args.runs):
            on_big.append(timed(cmd_big, env))
            on_empty.append(timed(cmd_empty, env))
    b, e = statistics.median(on_big) * 1000, statistics.median(on_empty) * 1000
    print(f"command: {' '.join(cmd_big[1:])}")
    print(f"netdesk search, empty database:           {e:5.0f} ms (median of {args.runs})")
    print(
        f"netdesk search, 100,000 people:           {b:5.0f} ms, {b - e:+.0f} ms "
        f"(limits: under 150 ms, within +50 ms) {'ok' if b < 150 and b - e <= 50 else 'OVER'}"
    )
    print(f"open_database after the file changed:     {checked * 1000:5.0f} ms (whole-file check)")
    print(f"open_database, file unchanged since:      {unchanged * 1000:5.0f} ms")


if __name__ == "__main__":
    main()
