"""Start-up to a visible main window, against the bare floor of a Qt window with a table.

Both are whole processes started the same way, timed from launch to the line each prints once
its window is shown (netdesk prints a second line once the window is filled with data from the
100,000-people database, then quits); the figures are medians of alternating runs.
Run: .venv/bin/python benchmarks/bench_startup.py [--runs N]
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

BARE = """
import sys, time
t0 = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget
app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QTableWidget(30, 5))
window.resize(1200, 760)
window.show()
def done():
    print(f"shown {time.perf_counter() - t0:.4f}", flush=True)
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


def timed(cmd: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from launch to each "stage" line the process prints."""
    started = time.perf_counter()
    stages: dict[str, float] = {}
    with subprocess.Popen(
        cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    ) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            stages[line.split()[0]] = time.perf_counter() - started
    if proc.returncode != 0 or "shown" not in stages:
        raise SystemExit(f"{cmd} failed (exit {proc.returncode})")
    return stages


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    db = big_database()
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["NETDESK_QUIT_WHEN_SHOWN"] = "1"
    with tempfile.TemporaryDirectory() as config:
        env["XDG_CONFIG_HOME"] = config  # fresh QSettings: the window opens on Today
        bare_cmd = [sys.executable, "-c", BARE]
        app_cmd = [sys.executable, "-m", "netdesk", "--db", str(db)]
        timed(bare_cmd, env), timed(app_cmd, env)  # warm the file cache
        bare, shown, filled = [], [], []
        for _ in range(args.runs):
            bare.append(timed(bare_cmd, env)["shown"])
            stages = timed(app_cmd, env)
            shown.append(stages["shown"])
            filled.append(stages["filled"])
    b, s, f = (statistics.median(x) for x in (bare, shown, filled))
    print(f"bare Qt window with a table shown:      {b * 1000:.0f} ms (median of {args.runs})")
    print(
        f"netdesk main window shown:              {s * 1000:.0f} ms  ratio {s / b:.2f}x "
        "(limit 3x, aim 2x)"
    )
    print(f"netdesk window filled (Today, 100,000): {f * 1000:.0f} ms  ratio {f / b:.2f}x")


if __name__ == "__main__":
    main()
