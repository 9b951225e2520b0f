"""Takes the README's screenshots: the main views on the demo data, in a real window.

Run under a virtual screen:
  xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshots.py docs/screenshots
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from netdesk.db import open_database
from netdesk.services.demo import generate_demo
from netdesk.services.service_set import Services
from netdesk.ui.icons import app_icon
from netdesk.ui.main_window import EVENTS, FOLLOWUPS, PEOPLE, TODAY, MainWindow


def settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    QCoreApplication.setOrganizationName("netdesk-screenshots")
    app = QApplication(sys.argv[:1])
    app.setWindowIcon(app_icon())
    work = Path(tempfile.mkdtemp())
    db = open_database(f"sqlite:///{work / 'demo.sqlite'}")
    generate_demo(db, seed=2026, today=date.today())
    services = Services(db)
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(services, settings)
    window.resize(1360, 820)
    window.show()
    window.load_current_view()
    settle(app)

    window.go_to(TODAY)
    settle(app)
    window.grab().save(str(out / "today.png"))

    events = services.events.list()
    busiest = max(events, key=lambda e: e.people)
    window.show_event(busiest.id)
    settle(app)
    window.grab().save(str(out / "events.png"))

    people = window.go_to(PEOPLE)
    settle(app)
    met = [m for m in services.today.summary().recently_met] or []
    target = met[0].contact_id if met else services.search.page(limit=1)[0].id
    people.show_contact(target)
    settle(app)
    window.grab().save(str(out / "people.png"))
    people.search_edit.setText("data")
    people.flush_search()
    people.table.selectRow(0)
    settle(app)
    window.grab().save(str(out / "people-search.png"))
    people.search_edit.clear()
    people.flush_search()

    window.go_to(FOLLOWUPS)
    settle(app)
    window.grab().save(str(out / "followups.png"))

    window.go_to(EVENTS)
    dialog = window.quick_capture()
    settle(app)
    dialog.grab().save(str(out / "quick-capture.png"))
    dialog.reject()

    window.close()
    db.close()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
