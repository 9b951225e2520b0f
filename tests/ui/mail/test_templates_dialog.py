"""Settings > Email templates…: a live preview on a real person, problems named beside the
field (and nothing saved while there are any), saving, new, delete and reset."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from netdesk.services.service_set import Services
from netdesk.ui.mail.templates_dialog import TemplatesDialog
from netdesk.ui.main_window import MainWindow
from netdesk.ui.widgets.menus import top_menu
from tests.ui.mail.helpers import add_event, add_person, answer_box
from tests.ui.main_window_helpers import click, open_window, settings_at


@pytest.fixture
def window(qtbot: QtBot, sqlite_services: Services, tmp_path: Path) -> MainWindow:
    ana = add_person(sqlite_services, "Ana <b>Lima</b>", "ana@example.org")
    sqlite_services.events.add_attendee(add_event(sqlite_services, "Data Summit"), ana, met=True)
    return open_window(qtbot, sqlite_services, settings_at(tmp_path))


def _open(qtbot: QtBot, window: MainWindow) -> TemplatesDialog:
    settings = top_menu(window, "Settings")
    assert settings is not None
    [act] = [a for a in settings.actions() if a.text() == "&Email templates…"]
    act.trigger()
    dialog = window.mail.templates_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _type_body(qtbot: QtBot, dialog: TemplatesDialog, text: str) -> None:
    dialog.body_edit.selectAll()
    dialog.body_edit.setFocus()
    qtbot.keyClicks(dialog.body_edit, text)


def test_the_preview_is_the_email_a_real_person_would_get(qtbot: QtBot, window: MainWindow) -> None:
    dialog = _open(qtbot, window)
    assert dialog.template_keys()[:5] == [
        "nice-to-meet",
        "promised",
        "thanks-talk",
        "introduction",
        "reconnect",
    ]
    assert dialog.person_picker.text() == "Ana <b>Lima</b>"  # the person met most recently
    assert dialog.preview_subject.text() == "Nice to meet you at Data Summit"
    _type_body(qtbot, dialog, "Dear {full_name}, see you at {event}!")
    assert dialog.preview_body.toPlainText() == "Dear Ana <b>Lima</b>, see you at Data Summit!"
    # User text is never rich text: the labels beside the fields are plain.
    labels: list[QLabel] = [dialog.name_problem, dialog.subject_problem, dialog.body_problem]
    for label in [*labels, dialog.preview_subject, dialog.status_label]:
        assert label.textFormat() == Qt.TextFormat.PlainText


def test_a_template_that_reaches_for_attributes_is_refused_beside_the_field(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services
) -> None:
    dialog = _open(qtbot, window)
    _type_body(qtbot, dialog, "Hi {first_name.__class__}")
    problem = dialog.problem_text("body")
    assert "{first_name.__class__}" in problem
    assert "a placeholder is a name only" in problem
    assert dialog.body_problem.isVisible()
    assert dialog.status_label.text() == "Not saved until the problems are fixed."
    assert not dialog.flush()
    assert "__class__" not in sqlite_services.templates.get("nice-to-meet").body
    assert dialog.preview_body.toPlainText() == "No preview until the problems are fixed."

    dialog.subject_edit.setFocus()
    qtbot.keyClicks(dialog.subject_edit, " {nickname}")
    assert "{nickname} is not a placeholder netdesk knows" in dialog.problem_text("subject")

    _type_body(qtbot, dialog, "Hi {first_name}")  # fixed in the body; the subject still not
    assert dialog.problem_text("body") == ""
    assert not dialog.flush()


def test_an_edit_is_saved_and_reset_to_default_brings_the_original_back(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services
) -> None:
    dialog = _open(qtbot, window)
    original = sqlite_services.templates.get("nice-to-meet").body
    _type_body(qtbot, dialog, "Hi {first_name}, good to meet you.")
    qtbot.waitUntil(lambda: dialog.status_label.text() == "Saved.")  # a moment after typing
    saved = sqlite_services.templates.get("nice-to-meet")
    assert saved.body == "Hi {first_name}, good to meet you." and saved.edited
    assert dialog.list_widget.item(0).text() == "Nice to meet you · edited"
    assert dialog.reset_button.isEnabled()

    seen: list[str] = []
    answer_box(seen, "Cancel")  # a click by mistake loses nothing
    click(qtbot, dialog.reset_button)
    assert seen == ["Put “Nice to meet you” back to netdesk's own text? Yours is lost."]
    assert sqlite_services.templates.get("nice-to-meet").edited
    answer_box(seen, "Reset")
    click(qtbot, dialog.reset_button)
    assert sqlite_services.templates.get("nice-to-meet").body == original
    assert dialog.body_edit.toPlainText() == original
    assert not dialog.reset_button.isEnabled()


def test_new_and_delete_a_template_of_ones_own(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services
) -> None:
    dialog = _open(qtbot, window)
    assert not dialog.delete_button.isEnabled()  # built-in: reset only
    click(qtbot, dialog.new_button)
    assert dialog.focusWidget() is dialog.name_edit
    qtbot.keyClicks(dialog.name_edit, "Coffee?")
    dialog.subject_edit.setText("")
    dialog.subject_edit.setFocus()
    qtbot.keyClicks(dialog.subject_edit, "Coffee after {event}?")
    dialog.close()
    record = sqlite_services.templates.get("new-template")
    assert (record.name, record.subject) == ("Coffee?", "Coffee after {event}?")
    assert window.mail.write_to(sqlite_services.search.page(limit=1)[0].id, "new-template")

    dialog = _open(qtbot, window)
    dialog.select("new-template")
    seen: list[str] = []
    answer_box(seen, "Delete")
    click(qtbot, dialog.delete_button)
    assert seen == ["Delete the template “Coffee?”?"]
    assert "new-template" not in [t.key for t in sqlite_services.templates.list()]
    assert "new-template" not in dialog.template_keys()


def test_many_problems_are_listed_five_at_most(qtbot: QtBot, window: MainWindow) -> None:
    dialog = _open(qtbot, window)
    dialog.body_edit.setPlainText(" ".join(f"{{unknown_{n}}}" for n in range(40)))
    lines = dialog.problem_text("body").split("\n")
    assert lines[0] == "{unknown_0} is not a placeholder netdesk knows"
    assert lines[5:] == ["and 35 more"]


def test_closing_with_unsaved_problem_typing_asks_before_losing_it(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services
) -> None:
    # Typing a placeholder netdesk does not know and closing used to drop the typing without
    # a word: the dialog was gone, and with it the only place that said "not saved".
    dialog = _open(qtbot, window)
    _type_body(qtbot, dialog, "Hi {nickname}, a long letter I do not want to lose.")
    seen: list[str] = []
    answer_box(seen, "Keep editing")
    dialog.close()
    assert seen and "not saved" in seen[0]
    assert dialog.isVisible()
    assert dialog.body_edit.toPlainText() == "Hi {nickname}, a long letter I do not want to lose."
    answer_box(seen, "Close without saving")
    dialog.reject()
    assert len(seen) == 2 and not dialog.isVisible()
    assert "{nickname}" not in sqlite_services.templates.get("nice-to-meet").body
