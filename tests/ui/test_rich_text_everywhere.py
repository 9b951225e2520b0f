"""User text is never rendered as rich text, anywhere (issue 5, "Output is safe").

Markup (`<img src=…>`, `<a href=…>`, `<b>`, `&amp;`, a line break) goes into every field a user
or a file can fill: contacts (typed and imported, with an address and a photo link), an event,
notes, follow-ups, an attendance. Then the real main window is walked page by page, and every
dialog, window and message box that shows those things is opened: every label, button, group
box, text field, window title, tooltip and item view cell must show the markup as typed, and
the web server the markup points at must never hear from us.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, QRectF, Qt
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from netdesk import clock
from netdesk.cards.badge import Badge
from netdesk.cards.badge_paint import text_items
from netdesk.services.import_plan import OnDuplicate
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.ui.main_window import EVENTS, FOLLOWUPS, PEOPLE, TODAY, MainWindow
from netdesk.ui.today.quick_capture import QuickCaptureDialog
from netdesk.ui.widgets.plain_text import safe_tooltip
from tests.local_http_server import LocalServer, local_server  # noqa: F401 (a fixture)
from tests.ui.main_window_helpers import open_window, settings_at
from tests.ui.polling import poll, stop_poll

MARK = "<b>BOLDMARK</b>"  # shown as typed, this is how a widget proves it is plain text
AMP_MARK = "Tom & Jerry"  # no tag: Qt shows it as plain text, so it must not be escaped


def markup(base: str, what: str) -> str:
    return f'{what} <img src="{base}i.png"> <a href="{base}">link</a> {MARK} &amp;\nline 2'


def short_markup(base: str, what: str) -> str:
    """For the name parts, which hold at most 120 characters."""
    return f'{what} <a href="{base}">l</a> {MARK} &amp;'


def vcard(base: str) -> bytes:
    def v(what: str) -> str:  # a vCard text value: line break and separators escaped
        return markup(base, what).replace("\\", "\\\\").replace("\n", "\\n").replace(";", "\\;")

    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"FN:{v('imported')}",
        f"N:{v('family')};{v('given')};;;",
        f"NICKNAME:{v('nick')}",
        f"ORG:{v('org')};{v('dept')}",
        f"TITLE:{v('title')}",
        f"EMAIL;TYPE=work:{v('email')}",
        f"TEL;TYPE=cell:{v('phone')}",
        f"URL:{v('url')}",
        f"ADR;TYPE=work:;;{v('street')};{v('city')};{v('region')};{v('zip')};{v('country')}",
        f"NOTE:{v('note')}",
        f"CATEGORIES:{short_markup(base, 'vtag')}",
        f"PHOTO;VALUE=uri:{base}photo.png",
        f"LOGO;VALUE=uri:{base}logo.png",
        "END:VCARD",
        "",
    ]
    return "\r\n".join(lines).encode()


@dataclass
class World:
    typed: int  # a contact typed in, markup in every field the form has
    twin: int  # the same name again: the duplicates dialog has a pair to show
    imported: int  # read from a vCard: markup in its email, phone, address too
    ampersand: int  # "Tom & Jerry": must not turn into "Tom &amp; Jerry" anywhere
    event: int
    attendance: int
    note: int
    followup: int


def fill(services: Services, base: str, tmp_path: Path) -> World:
    m = lambda what: markup(base, what)  # noqa: E731
    typed = services.contacts.create(
        ContactInput(
            formatted_name=m("name"),
            given_name=short_markup(base, "given"),
            family_name=short_markup(base, "family"),
            nickname=short_markup(base, "nick"),
            organization=m("org"),
            department=m("dept"),
            title=m("title"),
            emails=["ann@example.org"],
            phones=["+44 20 7946 0958"],
            urls=["https://example.org/<b>BOLDMARK</b>"],
            note=m("note"),
            tags=[short_markup(base, "tag")],
        )
    )
    twin = services.contacts.create(
        ContactInput(formatted_name=m("name"), organization=m("org"), note=m("twin"))
    )
    ampersand = services.contacts.create(
        ContactInput(formatted_name=AMP_MARK, organization=AMP_MARK, title=AMP_MARK)
    )
    card = tmp_path / "imported.vcf"
    card.write_bytes(vcard(base))
    report = services.imports.import_file(card, on_duplicate=OnDuplicate.NEW)
    assert not report.problems, report.problems
    imported = services.contacts.find_by_name(" ".join(m("imported").split()))
    assert imported is not None
    now = clock.now()
    event = services.events.create(
        EventInput(
            name=m("event"),
            kind="meetup",
            starts_at=now - timedelta(hours=2),
            ends_at=now + timedelta(hours=2),
            venue=m("venue"),
            city=m("city"),
            url="https://example.org/<b>BOLDMARK</b>",
            organiser=m("organiser"),
            description=m("description"),
            tags=[short_markup(base, "etag")],
        )
    )
    attendance = 0
    for contact in (typed, twin, imported, ampersand):
        aid = services.events.add_attendee(event, contact, role="speaker", met=True)
        services.events.update_attendance(aid, notes=m("attendance"))
        attendance = attendance or aid
    note = services.notes.add(typed, m("body"), "general", event)
    services.notes.add(typed, m("other-note"), "general", None)
    followup = services.followups.add(typed, m("action"), clock.today(), event)
    services.followups.add(ampersand, AMP_MARK, clock.today() - timedelta(days=2), None)
    return World(typed, twin, imported, ampersand, event, attendance, note, followup)


# -- what a widget displays -----------------------------------------------------------------


def as_rich_text(text: str) -> str:
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def displayed(text: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What the user reads for `text` shown in this format (Qt's own rule for AutoText)."""
    rich = fmt == Qt.TextFormat.RichText or (
        fmt == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    )
    if rich:
        shown = as_rich_text(text)
    elif fmt in (Qt.TextFormat.PlainText, Qt.TextFormat.AutoText):
        shown = text
    else:
        shown = "<markdown>"  # never wanted for user text
    # Break chances for narrow panes and non-breaking spaces a rich text may bring.
    return shown.replace("\u200b", "").replace("\u2029", "\n").replace("\xa0", " ")


@dataclass
class Findings:
    problems: list[str] = field(default_factory=list)
    shown: int = 0  # places that showed the markup, as typed

    def check(self, where: str, text: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> None:
        if not text:
            return
        seen = displayed(text, fmt)
        raw = text.replace("\u200b", "")
        if "BOLDMARK" in raw or "BOLDMARK" in seen:
            if MARK in seen:
                self.shown += 1
            elif not seen.rstrip().endswith("…"):  # an elided text keeps only its start
                self.problems.append(f"{where}: {text!r} is shown as {seen!r}")
        if "Tom &" in raw or "Tom &" in seen:
            if AMP_MARK in seen:
                self.shown += 1
            elif not seen.rstrip().endswith("…"):
                self.problems.append(f"{where}: {text!r} is shown as {seen!r}")


def _name(widget: QWidget) -> str:
    return (
        f"{type(widget).__name__}#{widget.objectName()}"
        if widget.objectName()
        else (type(widget).__name__)
    )


def _button_text(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _indexes(view: QAbstractItemView) -> Iterator[QModelIndex]:
    model = view.model()
    if model is None:
        return
    # A list model's columnCount is private in PySide: it has one column.
    flat = isinstance(model, (QAbstractListModel, QAbstractTableModel))
    pending = [QModelIndex()]
    while pending:
        parent = pending.pop()
        for row in range(model.rowCount(parent)):
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
            for column in range(columns):
                index = model.index(row, column, parent)
                if not index.isValid():
                    continue
                yield index
                if column == 0 and not flat and model.rowCount(index):
                    pending.append(index)


def inspect(root: QWidget, findings: Findings, where: str) -> None:
    """Every piece of text the widget and its children show."""
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        at = f"{where}/{_name(w)}"
        if w.isWindow():
            findings.check(f"{at} title", w.windowTitle(), Qt.TextFormat.PlainText)
        findings.check(f"{at} tooltip", w.toolTip())
        if isinstance(w, QLabel):
            findings.check(at, w.text(), w.textFormat())
        elif isinstance(w, QAbstractButton):
            findings.check(at, _button_text(w.text()), Qt.TextFormat.PlainText)
        elif isinstance(w, QGroupBox):
            findings.check(at, _button_text(w.title()), Qt.TextFormat.PlainText)
        elif isinstance(w, QLineEdit):
            findings.check(at, w.text(), Qt.TextFormat.PlainText)
        elif isinstance(w, QTextEdit):
            findings.check(at, w.toPlainText(), Qt.TextFormat.PlainText)
            assert not w.acceptRichText() or w.isReadOnly(), f"{at} accepts pasted rich text"
        elif isinstance(w, QPlainTextEdit):
            findings.check(at, w.toPlainText(), Qt.TextFormat.PlainText)
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                findings.check(f"{at}[{i}]", w.itemText(i), Qt.TextFormat.PlainText)
                tip = w.itemData(i, Qt.ItemDataRole.ToolTipRole)
                findings.check(f"{at}[{i}] tooltip", tip if isinstance(tip, str) else "")
        if isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView):
            for index in _indexes(w):
                cell = f"{at}[{index.row()},{index.column()}]"
                text = index.data(Qt.ItemDataRole.DisplayRole)
                if isinstance(text, str):
                    findings.check(cell, text, Qt.TextFormat.PlainText)
                tip = index.data(Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str):
                    findings.check(f"{cell} tooltip", tip)
    for action in root.findChildren(QAction):
        findings.check(f"{where}/action {action.text()!r} tooltip", action.toolTip())


class MessageBoxes:
    """Reads and closes (with its safe button) every message box that shows up meanwhile."""

    def __init__(self, findings: Findings, where: str) -> None:
        self.findings = findings
        self.where = where
        self.texts: list[str] = []
        # Stopped by the test once `act` returned, however long that took.
        self._timer = poll(self._close_any, deadline_s=None)

    def _close_any(self) -> bool:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            self.texts.append(box.text())
            inspect(box, self.findings, self.where)
            (box.escapeButton() or box.buttons()[-1]).click()
        return False

    def stop(self) -> None:
        stop_poll(self._timer)


def while_open(qtbot: QtBot, findings: Findings, where: str, act: Callable[[], object]) -> None:
    boxes = MessageBoxes(findings, where)
    try:
        act()
        qtbot.wait(20)
    finally:
        boxes.stop()
    assert boxes.texts, f"{where}: no message box showed up"


# -- the walk -------------------------------------------------------------------------------


@pytest.fixture
def world(sqlite_services: Services, local_server: LocalServer, tmp_path: Path) -> World:  # noqa: F811
    return fill(sqlite_services, local_server.base, tmp_path)


@pytest.fixture
def window(qtbot: QtBot, sqlite_services: Services, tmp_path: Path, world: World) -> MainWindow:
    return open_window(qtbot, sqlite_services, settings_at(tmp_path))


def test_the_services_keep_the_markup_as_typed(
    sqlite_services: Services,
    world: World,
    local_server: LocalServer,  # noqa: F811
) -> None:
    typed = sqlite_services.contacts.get(world.typed)
    imported = sqlite_services.contacts.get(world.imported)
    for value in (typed.formatted_name, typed.note, imported.formatted_name, imported.note):
        assert MARK in value
    assert any(MARK in e for e in imported.emails)
    assert MARK in sqlite_services.events.get(world.event).description
    assert local_server.requests == []


def test_every_page_of_the_main_window_shows_markup_as_typed(
    qtbot: QtBot,
    window: MainWindow,
    world: World,
    local_server: LocalServer,  # noqa: F811
) -> None:
    findings = Findings()
    for key in (TODAY, FOLLOWUPS):
        window.go_to(key)
        qtbot.wait(20)
        inspect(window, findings, key)
    events = window.go_to(EVENTS)
    events.show_event(world.event)
    qtbot.wait(20)
    events.page.table.selectRow(0)
    inspect(window, findings, EVENTS)
    people = window.go_to(PEOPLE)
    for contact in (world.ampersand, world.imported, world.typed):
        assert people.show_contact(contact)
        qtbot.wait(20)
        inspect(window, findings, f"{PEOPLE}/{contact}")
    # The undo button names the step: "Undo Delete <the name>".
    window.act_delete.trigger()
    qtbot.wait(20)
    assert "BOLDMARK" in window.act_undo.toolTip()
    inspect(window, findings, "after delete")
    window.act_undo.trigger()
    qtbot.wait(20)
    inspect(window, findings, "after undo")

    assert not findings.problems, "\n".join(findings.problems)
    assert findings.shown > 50
    assert local_server.requests == []


def test_every_dialog_and_window_shows_markup_as_typed(
    qtbot: QtBot,
    tmp_path: Path,
    window: MainWindow,
    world: World,
    local_server: LocalServer,  # noqa: F811
) -> None:
    findings = Findings()
    people = window.go_to(PEOPLE)
    assert people.show_contact(world.typed)
    detail = people.detail
    events = window.view(EVENTS)
    events.show_event(world.event)
    opened: list[tuple[str, QWidget | None]] = [
        ("contact dialog", people.make_contact_dialog(world.typed)),
        ("imported contact dialog", people.make_contact_dialog(world.imported)),
        ("event dialog", events.event_dialog(world.event)),
        ("note dialog", detail.make_note_dialog(world.note)),
        ("follow-up dialog", detail.make_followup_dialog(world.followup)),
        ("add attendee dialog", events.page.add_attendee_dialog()),
        ("QR card", window.cards.open_card(world.typed)),
        ("QR card of the imported", window.cards.open_card(world.imported)),
        ("QR card of Tom & Jerry", window.cards.open_card(world.ampersand)),
        ("duplicates", window.exchange.find_duplicates()),
        ("tags", window.manage_tags()),
        ("quick capture", window.quick_capture()),
    ]
    flow = window.exchange.flow
    plan = flow.read(tmp_path / "imported.vcf")
    assert plan is not None
    opened.insert(0, ("import preview", flow.preview_dialog(plan)))
    badges = window.badges.open_dialog(world.event)
    assert badges is not None
    badges.render_preview()
    opened.append(("badges", badges))
    capture = opened[-2][1]
    opened.append(("after-event review", window.review.open_dialog(world.event)))
    opened.append(("scanned card review", _scan_review(window, local_server.base)))
    assert isinstance(capture, QuickCaptureDialog)
    for where, widget in opened:
        assert widget is not None, where
        widget.show()
        qtbot.wait(20)
        if widget is capture:  # the match note names the contact already there
            qtbot.keyClicks(capture.name, " ".join(markup(local_server.base, "name").split()))
            qtbot.waitUntil(lambda: "BOLDMARK" in capture.match_note.text())
        before = findings.shown
        inspect(widget, findings, where)
        assert findings.shown > before, f"{where} shows no user text: nothing was checked"
    capture.name.clear()  # closing would ask whether to discard the capture
    for _where, widget in opened:
        assert widget is not None
        widget.close()
    assert not findings.problems, "\n".join(findings.problems)
    assert findings.shown > 40
    assert local_server.requests == []


def _scan_review(window: MainWindow, base: str) -> QWidget | None:
    """A card whose text is markup, by the email of the contact typed in (the duplicate line
    names them)."""
    from netdesk.scan.card_fields import CardFields
    from netdesk.scan.reader import ScannedCard

    m = lambda what: markup(base, what)  # noqa: E731
    fields = CardFields(
        name=m("scanned"),
        title=m("title"),
        organization=m("org"),
        emails=["ann@example.org"],
        address=m("address"),
        unplaced=[m("slogan")],
    )
    card = ScannedCard(f"{MARK}.jpg", 0, b"", 0, 0, [], fields)
    return window.scanning.review([card]).dialog


def test_confirmations_and_errors_naming_people_and_events_are_plain_text(
    qtbot: QtBot,
    window: MainWindow,
    world: World,
    sqlite_services: Services,
    local_server: LocalServer,  # noqa: F811
) -> None:
    findings = Findings()
    events = window.go_to(EVENTS)
    events.show_event(world.event)
    name = sqlite_services.events.get(world.event).name
    while_open(qtbot, findings, "delete event", lambda: events.confirm_delete(name, 4))
    people = window.go_to(PEOPLE)
    while_open(
        qtbot,
        findings,
        "delete people",
        lambda: people.delete_contacts([world.typed, world.imported]),
    )
    assert sqlite_services.contacts.get(world.typed)  # cancelled: still there
    tags = window.manage_tags()
    usage = next(u for u in sqlite_services.tags.all() if "BOLDMARK" in u.name)
    while_open(qtbot, findings, "delete tag", lambda: tags.confirm_delete(usage))
    tags.close()
    assert not findings.problems, "\n".join(findings.problems)
    assert findings.shown >= 2
    assert local_server.requests == []


def test_badges_draw_the_names_as_typed(world: World, sqlite_services: Services) -> None:
    detail = sqlite_services.contacts.get(world.typed)
    badge = Badge(
        attendance_id=0,
        contact_id=detail.id,
        first_name=detail.given_name,
        full_name=detail.formatted_name,
        organization=detail.organization,
        title=detail.title,
        role="speaker",
        payload="",
    )
    items = text_items(QRectF(0, 0, 900, 550), badge, 10.0)
    drawn = " ".join(item.text for item in items)
    # Wrapped over lines and perhaps elided, but drawn character for character.
    assert "<img" in drawn and "<b>" in drawn


@pytest.mark.parametrize(
    "text",
    ["Tom & Jerry", "<b>Bo</b> & Co", "a &lt; b", "<img src=x>", "plain", "1 < 2 > 0", 'say "hi"'],
)
def test_safe_tooltip_is_shown_as_typed(text: str) -> None:
    assert displayed(safe_tooltip(text)) == text
