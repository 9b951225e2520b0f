"""People > My QR card on 100,000 people: from the action to the window on screen with its code
painted (limit 100 ms).

Each run makes the code afresh (the per-payload caches are cleared), as it is the first time a
card is shown or after its fields change; the first run of the process also pays for importing
the window's module and the qrcode library, and is reported apart. Reopening a card whose code
is still cached is reported too.

Run: .venv/bin/python benchmarks/bench_qr_window.py [--runs 21]
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
from _data import big_database
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings
from PySide6.QtWidgets import QApplication

from netdesk.services.service_set import Services
from netdesk.store import open_database
from netdesk.ui.cards.actions import WARM_UP_DELAY_MS, CardActions
from netdesk.ui.main_window import MainWindow


class PaintWatch(QObject):
    """Counts the paint events of the widgets it is installed on."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def clear_code_caches() -> None:
    from netdesk.cards import qr_image
    from netdesk.cards.qr import qr_code

    qr_code.cache_clear()
    qr_image.clear_cache()


def open_once(app: QCoreApplication, cards: CardActions) -> float:
    """Seconds from the action to the code painted in the shown window."""
    watch = PaintWatch()
    started = time.perf_counter()
    card = cards.show_my_card()
    assert card is not None
    card.code_view.installEventFilter(watch)
    deadline = started + 5
    while watch.paints == 0 and time.perf_counter() < deadline:
        app.processEvents()
    elapsed = time.perf_counter() - started
    assert watch.paints, "the code was never painted"
    assert card.card() is not None
    card.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    path = big_database()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    db = open_database(f"sqlite:///{path}")
    services = Services(db)
    settings_dir = tempfile.mkdtemp()
    settings = QSettings(str(Path(settings_dir) / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(services, settings)
    cards = getattr(window, "cards", None) or CardActions(window)
    window.show()
    app.processEvents()
    assert services.cards.me_id() is not None, "the demo database has no 'me' contact"
    imported_before = "qrcode" in sys.modules
    # A user looks at the window for a moment before asking for a card; meanwhile the window
    # loads what cards need (ui.cards.actions.WARM_UP_DELAY_MS).
    settle_until = time.perf_counter() + WARM_UP_DELAY_MS / 1000 + 0.5
    while time.perf_counter() < settle_until:
        app.processEvents()
        time.sleep(0.01)
    warmed = "qrcode" in sys.modules
    first = open_once(app, cards)
    fresh: list[float] = []
    cached: list[float] = []
    for _ in range(args.runs):
        clear_code_caches()
        fresh.append(open_once(app, cards))
        cached.append(open_once(app, cards))

    def ms(values: list[float]) -> str:
        return (
            f"median {statistics.median(values) * 1000:.1f} ms, "
            f"min {min(values) * 1000:.1f} ms, max {max(values) * 1000:.1f} ms"
        )

    print(
        f"runs: {args.runs}; qrcode imported at start-up: {imported_before}, "
        f"after the window settled: {warmed}"
    )
    print(f"first open in the process, 2 s after the window showed: {first * 1000:.1f} ms")
    print(f"open, code made afresh:  {ms(fresh)}  (limit 100 ms)")
    print(f"open, code cached:       {ms(cached)}")
    window.close()
    db.close()


if __name__ == "__main__":
    main()
