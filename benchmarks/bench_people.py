"""The People view on 100,000 people and 1,000 events: search-as-you-type per keystroke, opening
the view, and resident memory.

Run: .venv/bin/python benchmarks/bench_people.py   (the database is made once by _data.py)
     .venv/bin/python benchmarks/bench_people.py --db postgresql+psycopg://USER:PW@HOST/DB
     (an empty PostgreSQL database is filled with the same 100,000 people first)
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import big_database_url
from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from netdesk.services.search import SearchService
from netdesk.services.service_set import Services
from netdesk.store import open_database
from netdesk.ui.change_bridge import ChangeBridge
from netdesk.ui.main_window import PAGES, MainWindow
from netdesk.ui.people.view import PeopleView


def rss_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def queries(services: Services) -> list[str]:
    """What a user types: a full name, a family name, an organisation, a tag, an email domain,
    a phone prefix, two words, all taken from the data itself."""
    someone = services.search.page(offset=61_803, limit=1)[0]
    other = services.search.page(offset=27_182, limit=1)[0]
    given, family = someone.name.split()[0], someone.name.split()[-1]
    return [
        someone.name,
        other.name.split()[-1],
        other.organization or "Datafabryka",
        "python",
        "@" + (someone.email.split("@")[-1] if someone.email else "posteo.de"),
        (other.phone or "+49 151")[:7],
        f"{given[:4]} {family[:3]}",
    ]


def typed_queries(services: Services) -> list[str]:
    """The queries whose keystrokes are reported one by one: a word found in a third of the
    people, two letters, a full name, an email domain, one letter."""
    someone = services.search.page(offset=61_803, limit=1)[0]
    domain = someone.email.split("@")[-1] if someone.email else "posteo.de"
    return ["data", "an", someone.name, "@" + domain, "d"]


def count_and_first_page(search: SearchService, query: str, runs: int = 7) -> tuple[float, float]:
    """Seconds of what the People table asks per keystroke, the count and the first page: the
    best of `runs`, as timeit reports, since on a shared machine the others measure the load."""
    counts: list[float] = []
    pages: list[float] = []
    for _ in range(runs):
        t0 = time.perf_counter()
        search.count(query)
        t1 = time.perf_counter()
        search.page(query, limit=200)
        counts.append(t1 - t0)
        pages.append(time.perf_counter() - t1)
    return min(counts), min(pages)


def report_keystrokes(search: SearchService, queries: list[str]) -> None:
    print("count + first page of 200, per keystroke (best of 7 runs):")
    sums: list[float] = []
    for query in queries:
        steps = []
        for end in range(1, len(query) + 1):
            count, page = count_and_first_page(search, query[:end])
            sums.append(count + page)
            steps.append(f"{query[:end]!r} {count * 1000:.0f}+{page * 1000:.0f}")
        print(f"  {query!r}: " + ", ".join(steps) + " ms")
    print(
        f"  all {len(sums)} keystrokes: median {statistics.median(sums) * 1000:.1f} ms, "
        f"max {max(sums) * 1000:.1f} ms (aim 30 ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", metavar="URL", help="a database URL (default: the SQLite benchmark file)"
    )
    parser.add_argument(
        "--keystrokes-only",
        action="store_true",
        help="only the count + first page per keystroke, without the window",
    )
    args = parser.parse_args()
    url = big_database_url(args.db)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    db = open_database(url)
    services = Services(db)
    print(f"database: {db.dialect}")
    report_keystrokes(services.search, typed_queries(services))
    if args.keystrokes_only:
        db.close()
        return
    bridge = ChangeBridge(db)
    stack = QUndoStack()

    started = time.perf_counter()
    view = PeopleView(services, bridge, stack)
    view.resize(1200, 760)
    view.show()
    app.processEvents()
    opened = time.perf_counter() - started
    assert view.model.rowCount() > 0

    first_page: list[float] = []
    whole: list[float] = []
    service_only: list[float] = []
    for query in queries(services):
        view.search_edit.clear()
        view.flush_search()
        for end in range(1, len(query) + 1):
            prefix = query[:end]
            t0 = time.perf_counter()
            services.search.page(prefix, limit=200)
            service_only.append(time.perf_counter() - t0)
            view.search_edit.setText(prefix)
            t0 = time.perf_counter()
            view.model.set_query(prefix)  # the first page, as the table shows it
            first_page.append(time.perf_counter() - t0)
            view.model.set_query("")  # so that the next step is measured from scratch
            view.model.set_query(view.model.query)
            t0 = time.perf_counter()
            view.flush_search()  # first page + status line + detail pane
            app.processEvents()
            whole.append(time.perf_counter() - t0)

    def ms(values: list[float]) -> str:
        cuts = statistics.quantiles(values, n=10)
        return (
            f"median {statistics.median(values) * 1000:.1f} ms, "
            f"p90 {cuts[-1] * 1000:.1f} ms, max {max(values) * 1000:.1f} ms"
        )

    print(f"keystrokes measured: {len(first_page)} over {len(queries(services))} queries")
    print(f"search service, first page of 200:  {ms(service_only)}")
    print(f"table shows its first page:         {ms(first_page)}  (limit 30 ms median)")
    print(f"keystroke with status and details:  {ms(whole)}")
    print(f"People view opened and shown in {opened * 1000:.0f} ms (limit 200 ms)")
    print(f"resident memory now {rss_mb():.0f} MB, peak {rss_mb('VmHWM'):.0f} MB (limit 300 MB)")
    view.close()
    bridge.detach()

    # The whole window with every page visited once (Follow-ups lists all open ones).
    settings_dir = tempfile.mkdtemp()
    settings = QSettings(str(Path(settings_dir) / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(services, settings)
    window.show()
    started = time.perf_counter()
    for key, _title in PAGES:
        window.go_to(key)
        app.processEvents()
    visited = time.perf_counter() - started
    print(
        f"main window, all four pages visited in {visited * 1000:.0f} ms: resident memory "
        f"{rss_mb():.0f} MB, peak {rss_mb('VmHWM'):.0f} MB (limit 300 MB)"
    )
    window.close()
    db.close()


if __name__ == "__main__":
    main()
