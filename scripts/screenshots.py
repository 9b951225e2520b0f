"""Takes the README's screenshots: the main views on the demo data, in a real window.

Run under a virtual screen (xvfb-run needs Debian's xvfb and xauth packages):
  xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshots.py docs/screenshots
A 1366x768 screen instead shows what a small laptop's user sees (windows sized to fit it).
With --dark, in the Fusion style with a dark palette (as a KDE or GNOME dark theme gives):
  xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshots.py --dark DIR
The scenes that files from other programs bring are in screenshot_scenes.py; email's in
mail_scenes.py; the review after an event, reminders and goals in followthrough_scenes.py;
the review of a scanned business card in scan_scenes.py.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date
from pathlib import Path

import followthrough_scenes
import mail_scenes
import scan_scenes
import screenshot_scenes as scenes
from PySide6.QtCore import QCoreApplication, QSettings, QSize
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from netdesk.cards.badge_sheet import SheetOptions, page_image
from netdesk.cards.templates import BUILTIN_TEMPLATES
from netdesk.services.demo import generate_demo
from netdesk.services.service_set import Services
from netdesk.store import open_database
from netdesk.ui.main_window import EVENTS, FOLLOWUPS, PEOPLE, TODAY, MainWindow
from netdesk.ui.widgets.icons import app_icon
from netdesk.ui.widgets.indicator_style import outline_indicators
from netdesk.ui.widgets.screen_fit import WINDOW_SIZE, fit_to_screen
from netdesk.ui.widgets.theme import dark_palette


def settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def main() -> None:
    # Parsed first: `--help` prints this and writes nothing (not a folder named "--help").
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", nargs="?", default="docs/screenshots", help="the folder")
    parser.add_argument("--dark", action="store_true", help="a dark palette in Fusion")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    QCoreApplication.setOrganizationName("netdesk-screenshots")
    app = QApplication(sys.argv[:1])
    if args.dark:
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    outline_indicators(app)  # as the app does
    app.setWindowIcon(app_icon())
    work = Path(tempfile.mkdtemp())
    db = open_database(f"sqlite:///{work / 'demo.sqlite'}")
    generate_demo(db, seed=2026, today=date.today())
    services = Services(db)
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(services, settings)
    # The window's first-start size; under a 1366x768 screen, what that screen has.
    fit_to_screen(window, WINDOW_SIZE)
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

    followthrough_scenes.event_review(app, window, services, out)
    _import_and_duplicates(app, window, services, work, out)
    scenes.repeating_event(app, window, services, work, out)
    scenes.phone_extension(app, window, services, out)
    scenes.csv_columns(app, window, services, work, out)
    scenes.import_report(app, window, services, work, out)
    scenes.export_refused(app, window, services, work / "demo.sqlite", out)
    scenes.welcome_and_help(app, window, work, out)
    scenes.sync_scenes(app, window, services, work, out)
    followthrough_scenes.reminders(app, window, services, work, out)
    followthrough_scenes.goals_scenes(app, window, services, out)
    mail_scenes.mail_scenes(app, window, services, out)
    _cards_and_badges(app, window, services, out)
    scan_scenes.scan_review(app, window, services, work, out)
    _backups(app, window, services, out)

    window.close()
    db.close()
    print(f"screenshots in {out}")


def _cards_and_badges(app: QApplication, window: MainWindow, services: Services, out: Path) -> None:
    card = window.cards.show_my_card()
    assert card is not None
    card.resize(820, 600)
    settle(app)
    card.grab().save(str(out / "qr-card.png"))
    card.close()

    # The event with the most people, as an organiser printing its badges would pick.
    busiest = max(services.events.list(), key=lambda e: e.people)
    dialog = window.badges.open_dialog(busiest.id)
    assert dialog is not None
    fit_to_screen(dialog, QSize(1180, 800))
    for _ in range(3):  # the preview is drawn a moment after the options settle
        settle(app)
        QTest.qWait(200)
    dialog.grab().save(str(out / "badge-dialog.png"))
    dialog.reject()

    badges = services.cards.badges(busiest.id)[:8]
    options = SheetOptions(event_name=busiest.name)
    avery = next(t for t in BUILTIN_TEMPLATES if t.id == "avery-5395")
    page_image(avery, badges, options, dpi=110).save(str(out / "badge-sheet.png"))


def _backups(app: QApplication, window: MainWindow, services: Services, out: Path) -> None:
    store = services.db.backups
    assert store is not None
    store.take("daily")
    store.take("import")
    store.take("manual")
    dialog = window.backup_actions.open_dialog()
    assert dialog is not None
    dialog.resize(700, 440)
    settle(app)
    dialog.grab().save(str(out / "backups.png"))
    dialog.reject()


CARDS = """BEGIN:VCARD
VERSION:3.0
FN:{name}
N:{family};{given};;;
ORG:{org}
EMAIL;TYPE=work:{email}
TEL;TYPE=cell:{phone}
END:VCARD
"""


def _import_and_duplicates(
    app: QApplication, window: MainWindow, services: Services, work: Path, out: Path
) -> None:
    """The import preview of a phone's export that knows some people already, and the
    duplicates dialog once a few people were added twice."""
    from netdesk.services.records import ContactInput
    from netdesk.ui.importing.duplicates_dialog import DuplicatesDialog
    from netdesk.ui.importing.flow import ImportFlow

    rows = services.search.page(limit=40)
    known = [services.contacts.get(row.id) for row in rows[5:8]]
    cards = [
        CARDS.format(
            name=c.formatted_name,
            family=c.family_name,
            given=c.given_name,
            org=c.organization,
            email=c.emails[0] if c.emails else "",
            phone=c.phones[0].value if c.phones else "",
        )
        for c in known
    ]
    newcomers = [
        ("Ingrid Solberg", "Solberg", "Ingrid", "Nordlys Data", "ingrid@nordlys.example"),
        ("Tomás Ferreira", "Ferreira", "Tomás", "Lisboa Labs", "tomas@lisboalabs.example"),
        ("Mei Lin", "Lin", "Mei", "Harbour AI", "mei.lin@harbour.example"),
        ("Kwame Mensah", "Mensah", "Kwame", "Accra Cloud", "kwame@accracloud.example"),
    ]
    for n, (name, family, given, org, email) in enumerate(newcomers):
        phone = f"+1 202 555 01{40 + n}"
        cards.append(
            CARDS.format(name=name, family=family, given=given, org=org, email=email, phone=phone)
        )
    # A namesake of someone already here, at the same company but with an email and a phone
    # of their own (a big conference's attendee list): a possible duplicate, added as new
    # unless the user merges it.
    namesake = next(
        c for c in (services.contacts.get(row.id) for row in rows[8:]) if c.organization
    )
    namesake_email = f"{namesake.given_name.lower()}.{namesake.family_name.lower()}@mail.example"
    cards.append(
        CARDS.format(
            name=namesake.formatted_name,
            family=namesake.family_name,
            given=namesake.given_name,
            org=namesake.organization,
            email=namesake_email,
            phone="+43 1 555 0199",
        )
    )
    path = work / "phone-contacts.vcf"
    path.write_text("".join(cards), encoding="utf-8")
    flow = ImportFlow(window, services)
    plan = flow.read(path)
    assert plan is not None
    preview = flow.preview_dialog(plan)
    preview.resize(1290, 500)  # wide enough for the possible duplicate's reason
    preview.show()
    settle(app)
    preview.grab().save(str(out / "import-preview.png"))
    preview.reject()

    for c in known:
        services.contacts.create(
            ContactInput(formatted_name=c.formatted_name, emails=list(c.emails[:1]))
        )
    # The namesake too: listed last, as a possible duplicate to review on its own.
    services.contacts.create(
        ContactInput(
            formatted_name=namesake.formatted_name,
            organization=namesake.organization,
            emails=[namesake_email],
        )
    )
    duplicates = DuplicatesDialog(services, window.undo_stack, window)
    duplicates.resize(900, 520)
    duplicates.show()
    settle(app)
    duplicates.grab().save(str(out / "find-duplicates.png"))
    duplicates.reject()


if __name__ == "__main__":
    main()
