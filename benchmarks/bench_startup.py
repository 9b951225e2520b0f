"""Start-up to a visible main window, against the bare floor of a Qt window with a table.

Both are whole processes started the same way and quit as soon as their window is shown; the
figure is the median wall time of several alternating runs. Run: .venv/bin/python
benchmarks/bench_startup.py [--runs N]
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


def timed(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0 or "shown" not in done.stdout:
        raise SystemExit(f"{cmd} failed:\n{done.stdout}\n{done.stderr}")
    return elapsed


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
        bare, app = [], []
        for _ in range(args.runs):
            bare.append(timed(bare_cmd, env))
            app.append(timed(app_cmd, env))
    b, a = statistics.median(bare), statistics.median(app)
    print(f"bare Qt window with a table: {b * 1000:.0f} ms (median of {args.runs})")
    print(f"netdesk on 100,000 people:   {a * 1000:.0f} ms (median of {args.runs})")
    print(f"ratio: {a / b:.2f}x (limit 3x, aim 2x)")


if __name__ == "__main__":
    main()
