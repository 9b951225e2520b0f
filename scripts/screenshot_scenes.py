"""The screenshots of what files from other programs bring: a repeating event from a calendar,
a phone with an extension, a Thunderbird CSV's columns, an import's report of problems, and
the refusal to export over the open database. Used by screenshots.py."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, QTimer
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from netdesk.services.importing import NeedsMapping
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.ui.main_window import EVENTS, PEOPLE, MainWindow


def settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


# A weekly meetup as a calendar program exports it: every Tuesday until June, two evenings
# cancelled (EXDATE).
MEETUP_ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Example Corp//Calendar 1.0//EN
BEGIN:VEVENT
UID:python-meetup-2027@example.org
DTSTAMP:20270101T090000Z
SUMMARY:Python Meetup Lisbon
LOCATION:Lisboa Labs, Rua da Prata 80, Lisbon
DTSTART;TZID=Europe/Lisbon:20270112T183000
DTEND;TZID=Europe/Lisbon:20270112T210000
RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20270629T173000Z
EXDATE;TZID=Europe/Lisbon:20270406T183000,20270525T183000
DESCRIPTION:Talks\\, lightning talks and pizza. Bring a laptop for the sprint hour.
ORGANIZER;CN=Lisboa Labs:mailto:events@lisboalabs.example
END:VEVENT
END:VCALENDAR
"""


def repeating_event(
    app: QApplication, window: MainWindow, services: Services, work: Path, out: Path
) -> None:
    """The event page of a series imported from a calendar, and its editor's Repeats row."""
    from netdesk.ui.events.dialog import EventDialog

    path = work / "meetup.ics"
    path.write_text(MEETUP_ICS, encoding="utf-8")
    plan = services.imports.preview(path)
    services.imports.apply(plan)
    event = next(e for e in services.events.list() if e.name == "Python Meetup Lisbon")
    events = window.go_to(EVENTS)
    window.show_event(event.id)
    settle(app)
    page = events.page.grab(QRect(0, 0, events.page.width(), 290))

    dialog = EventDialog(services, event.id, window)
    dialog.show()
    settle(app)
    side_by_side(page, dialog.grab()).save(str(out / "event-repeats.png"))
    dialog.reject()


def phone_extension(app: QApplication, window: MainWindow, services: Services, out: Path) -> None:
    """A person whose office number has an extension: in the contact pane and in the form."""
    contact_id = services.contacts.create(
        ContactInput(
            formatted_name="Geneviève Tremblay",
            given_name="Geneviève",
            family_name="Tremblay",
            organization="Université Laval",
            department="Service des technologies",
            title="Research software lead",
            emails=["genevieve.tremblay@ulaval.example"],
            phones=["+1-418-656-9254 ext. 102", "+1 581 555 0142"],
            urls=["https://ulaval.example/~gtremblay"],
            tags=["research", "quebec"],
        )
    )
    people = window.go_to(PEOPLE)
    people.flush_search()
    people.show_contact(contact_id)
    settle(app)
    pane = people.detail.grab(QRect(0, 0, people.detail.width(), 375))

    dialog = people.make_contact_dialog(contact_id)
    dialog.show()
    settle(app)
    side_by_side(pane, dialog.grab()).save(str(out / "phone-extension.png"))
    dialog.reject()


THUNDERBIRD_HEADER = (
    "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Screen Name,"
    "Work Phone,Home Phone,Fax Number,Pager Number,Mobile Number,Home Address,Home Address 2,"
    "Home City,Home State,Home ZipCode,Home Country,Work Address,Work Address 2,Work City,"
    "Work State,Work ZipCode,Work Country,Job Title,Department,Organization,Web Page 1,"
    "Web Page 2,Birth Year,Birth Month,Birth Day,Custom 1,Custom 2,Custom 3,Custom 4,Notes"
)
THUNDERBIRD_ROWS = (
    "Ingrid,Solberg,Ingrid Solberg,,ingrid@nordlys.example,,ingrid.s,+47 22 12 34 56,,,,"
    "+47 912 34 567,,,,,,,Storgata 1,,Oslo,,0155,Norway,CTO,,Nordlys Data,"
    "https://nordlys.example,,1984,3,14,,,,,Met at NDC\n"
    "Kwame,Mensah,Kwame Mensah,Kay,kwame@accracloud.example,kwame.m@mail.example,,"
    "+233 30 123 4567,,,,,,,,,,,,,Accra,,,Ghana,Founder,,Accra Cloud,,,,,,,,,,\n"
)


def csv_columns(
    app: QApplication, window: MainWindow, services: Services, work: Path, out: Path
) -> None:
    """The column dialog for Thunderbird's CSV export, each column preselected by its header."""
    path = work / "thunderbird.csv"
    path.write_text(THUNDERBIRD_HEADER + "\n" + THUNDERBIRD_ROWS, encoding="utf-8")
    flow = window.exchange.flow
    try:
        services.imports.preview(path)
    except NeedsMapping as exc:
        dialog = flow.mapping_dialog(exc.table)  # type: ignore[arg-type]
    else:
        raise AssertionError("Thunderbird's CSV was read without asking")
    dialog.show()
    settle(app)
    dialog.grab().save(str(out / "csv-columns.png"))
    dialog.reject()


BROKEN_VCF = """BEGIN:VCARD
VERSION:3.0
FN:Ana Sousa
EMAIL:ana.sousa@lisboalabs.example
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:;;;;
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Lars Eriksen
EMAIL:lars@fjord.example
a line that lost its property name
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Pia Keller
TEL;TYPE=work:+41 44 555 01 23
"""


def import_report(
    app: QApplication, window: MainWindow, services: Services, work: Path, out: Path
) -> None:
    """The report after importing a file with problems: what went in, and each line left out."""
    from netdesk.ui.importing.report_dialog import context_of

    path = work / "old-phone.vcf"
    path.write_text(BROKEN_VCF, encoding="utf-8")
    plan = services.imports.preview(path)
    report = services.imports.apply(plan)
    dialog = window.exchange.flow.report_dialog(report, context_of(plan, None))
    dialog.resize(1120, 330)
    dialog.show()
    settle(app)
    dialog.grab().save(str(out / "import-report.png"))
    dialog.reject()


def export_refused(
    app: QApplication, window: MainWindow, services: Services, db_file: Path, out: Path
) -> None:
    """File > Export given the open database's own file as the file to write."""
    from netdesk.ui.exporting.actions import export_vcard

    def grab_box() -> None:
        box = QApplication.activeModalWidget()
        assert box is not None
        box.grab().save(str(out / "export-refused.png"))
        box.close()

    def ask(_parent: QWidget | None, _caption: str, _suggested: str, _filter: str) -> str:
        return str(db_file)

    when_shown(grab_box)
    said = export_vcard(window, services, ask=ask)
    assert said is None and (out / "export-refused.png").exists(), said


def side_by_side(left: QPixmap, right: QPixmap, gap: int = 16) -> QPixmap:
    """Two pictures on one, on the window's background: a page and the dialog that edits it."""
    ratio = left.devicePixelRatio()
    width = left.width() + gap + right.width()
    both = QPixmap(width, max(left.height(), right.height()))
    both.fill(QApplication.palette().window().color())
    painter = QPainter(both)
    painter.drawPixmap(0, 0, left)
    painter.drawPixmap(left.width() + gap, 0, right)
    painter.end()
    both.setDevicePixelRatio(ratio)
    return both


def when_shown(act: Callable[[], None]) -> None:
    """Run `act` once the modal box that is about to open is on screen."""
    QTimer.singleShot(300, act)


def welcome_and_help(app: QApplication, window: MainWindow, work: Path, out: Path) -> None:
    """A first start's welcome on an empty database, then Help's shortcuts and guide."""
    from PySide6.QtCore import QSettings

    from netdesk.store import open_database
    from netdesk.ui.main_window import TODAY

    db = open_database(f"sqlite:///{work / 'first-start.sqlite'}")
    settings = QSettings(str(work / "first-start.ini"), QSettings.Format.IniFormat)
    first = MainWindow(Services(db), settings)
    first.resize(1360, 820)
    first.show()
    first.go_to(TODAY)
    settle(app)
    first.grab().save(str(out / "welcome.png"))
    first.close()
    db.close()

    shortcuts = window.help.show_shortcuts()
    settle(app)
    shortcuts.grab().save(str(out / "keyboard-shortcuts.png"))
    shortcuts.close()
    guide = window.help.show_guide()
    settle(app)
    guide.grab().save(str(out / "guide.png"))
    guide.close()


def sync_scenes(
    app: QApplication, window: MainWindow, services: Services, work: Path, out: Path
) -> None:
    """Settings > Accounts… with an account and its collections, Sync > Conflicts… with two
    conflicts, and the status bar after a sync: against a real Radicale started for it (the
    tests' server), with the password in a keyring file under `work`, never the user's."""
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    from netdesk.ui.sync.add_account_dialog import AddAccountDialog

    # The tests' server and phone live in the checkout's tests/, beside this script's folder.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.sync.phone import Phone
    from tests.sync.servers import RadicaleServer

    ring = PlaintextKeyring()
    ring.file_path = str(work / "keyring.cfg")  # type: ignore[misc]
    keyring.set_keyring(ring)
    server = RadicaleServer(work / "radicale")
    server.start()
    try:
        server.reset()
        services.accounts.add(
            server.url, server.user, server.password, name="Nextcloud", tasks="Tasks"
        )
        rows = [r for r in services.search.page(limit=200) if r.title and r.organization]
        people = [rows[0].id, rows[3].id]
        run_sync(app, window)
        changes = (("title", "Head of Partnerships"), ("organization", "Nordlys Data AS"))
        with Phone(server) as phone:
            cards = phone.cards()
            for contact_id, (field, theirs) in zip(people, changes, strict=True):
                person = services.contacts.get(contact_id)
                old = getattr(person, field)
                # By UID, not by name: the demo data has namesakes.
                href = next(h for h, text in cards.items() if f"UID:{person.uid}" in text)
                prop = "TITLE" if field == "title" else "ORG"
                text = cards[href]
                line = next(line for line in text.splitlines() if line.startswith(prop + ":"))
                phone.edit_card(href, text.replace(line, f"{prop}:{theirs}"))
                mine = f"{old} (Berlin)"
                services.contacts.update(contact_id, replace_field(person.as_input(), field, mine))
        run_sync(app, window)
        bar = window.statusBar()
        width = min(bar.width(), 640)  # its right end, where the sync says how it went
        bar.grab(QRect(bar.width() - width, 0, width, bar.height())).save(
            str(out / "sync-status.png")
        )

        accounts = window.sync.show_accounts()
        assert accounts is not None
        accounts.resize(760, 380)
        settle(app)
        accounts.grab().save(str(out / "sync-accounts.png"))
        adding = accounts.make_add_dialog()
        assert isinstance(adding, AddAccountDialog)
        adding.url_edit.setText(server.url)
        adding.user_edit.setText(server.user)
        adding.password_edit.setText(server.password)
        adding.name_edit.setText("Radicale at home")
        adding.show()
        adding.discover()
        wait_while(app, adding.runner.busy)
        adding.grab().save(str(out / "sync-add-account.png"))
        adding.reject()
        accounts.reject()

        conflicts = window.sync.show_conflicts()
        assert conflicts is not None
        conflicts.resize(700, 460)
        settle(app)
        conflicts.grab().save(str(out / "sync-conflicts.png"))
        conflicts.reject()
    finally:
        window.sync.stop()
        server.stop()


def run_sync(app: QApplication, window: MainWindow) -> None:
    window.sync.sync_now()
    wait_while(app, window.sync.runner.busy)


def wait_while(app: QApplication, busy: Callable[[], bool]) -> None:
    """Let the window work (a minute at most) while a job runs off its thread."""
    import time

    deadline = time.monotonic() + 60
    while busy() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    settle(app)


def replace_field(data: ContactInput, field: str, value: str) -> ContactInput:
    from dataclasses import replace

    return replace(data, **{field: value})
