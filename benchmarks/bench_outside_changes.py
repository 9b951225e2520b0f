"""From another process's commit to the window showing it: a writer process adds one person at
a time, at random moments, and the People view of a real window counts them (limit: about 2 s).

The window polls its change watch once a second (PRAGMA data_version on SQLite, LISTEN on
PostgreSQL), so a delay is between the reload time and one second more. Also reports what one
poll costs while nothing changes.

Run: .venv/bin/python benchmarks/bench_outside_changes.py [--commits 10] [--db URL]
(URL: a PostgreSQL database to empty and use; an SQLite file in a temporary folder by default.)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import timeit
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from sqlalchemy import create_engine, text

from netdesk.services.service_set import Services
from netdesk.store import ChangeWatch, open_database
from netdesk.ui.main_window import PEOPLE, MainWindow

WRITER = r"""
import random, sys, time
from netdesk.store import open_database
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
db = open_database(sys.argv[1])
services = Services(db)
for i in range(int(sys.argv[2])):
    time.sleep(random.uniform(1.5, 2.5))
    services.contacts.create(ContactInput(formatted_name=f"Outside {i}"))
    print(time.time(), flush=True)
db.close()
"""


def _empty_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--commits", type=int, default=10)
    parser.add_argument("--db", help="a PostgreSQL URL (emptied first)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="netdesk-bench-watch-"))
    url = args.db or f"sqlite:///{folder / 'netdesk.sqlite'}"
    if args.db:
        _empty_postgres(url)
    db = open_database(url)
    window = MainWindow(Services(db), QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    window.show()
    people = window.go_to(PEOPLE)

    watch = ChangeWatch.for_database(db)
    per_poll = timeit.timeit(watch.check, number=2000) / 2000
    watch.close()

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, url, str(args.commits)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert writer.stdout is not None
    commits: list[float] = []
    stdout = writer.stdout
    threading.Thread(target=lambda: commits.extend(float(x) for x in stdout), daemon=True).start()
    delays: list[float] = []
    shown = 0
    while len(delays) < args.commits:
        app.processEvents()
        count = people.model.total_count()
        if count > shown:
            now = time.time()
            delays += [now - c for c in commits[shown:count]]
            shown = count
        time.sleep(0.005)
    writer.wait()
    window.close()
    db.close()
    print(f"{db.dialect}: one poll while nothing changes: {per_poll * 1e6:.0f} µs")
    print(
        f"{db.dialect}: commit to window, {args.commits} commits: median "
        f"{statistics.median(delays):.2f} s, max {max(delays):.2f} s"
    )


if __name__ == "__main__":
    main()
