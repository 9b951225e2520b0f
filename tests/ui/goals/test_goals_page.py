"""The Goals page, Link to goal… on the person page and the Follow-ups page, and Today's
Goals card, through the real widgets."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressBar, QPushButton
from pytestqt.qtbot import QtBot

from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.ui.change_bridge import ChangeBridge
from netdesk.ui.goals.dialog import GoalDialog
from netdesk.ui.goals.link_dialog import LinkGoalDialog
from netdesk.ui.goals.progress import GoalSummary
from netdesk.ui.goals.view import GoalsView
from netdesk.ui.people.detail import ContactDetail
from netdesk.ui.shell import GOALS, PAGE_KEYS
from netdesk.ui.today.view import TodayView
from tests.ui.event_ui_helpers import type_date
from tests.ui.main_window_helpers import (
    ModalDriver,
    click,
    label_texts,
    open_window,
    settings_at,
)
from tests.undo_stacks import new_undo_stack


def _goals_view(qtbot: QtBot, services: Services) -> tuple[GoalsView, object]:
    bridge = ChangeBridge(services.db)
    stack = new_undo_stack()
    view = GoalsView(services, bridge, stack)
    bridge.setParent(view)
    stack.setParent(view)
    qtbot.addWidget(view)
    view.resize(1000, 650)
    view.show()
    return view, stack


def _summaries(view: GoalsView) -> list[str]:
    return [
        view.goal_list.itemWidget(view.goal_list.item(i)).title.text()  # type: ignore[union-attr]
        for i in range(view.goal_list.count())
    ]


def test_new_goal_edit_done_delete_each_undone(
    qtbot: QtBot, sqlite_services: Services, frozen_today: date
) -> None:
    view, stack = _goals_view(qtbot, sqlite_services)
    assert view.goal_list.count() == 0
    assert not view.delete_button.isEnabled()

    dialog = view.new_dialog()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.text, "A job in climate tech")
    dialog.no_target.setChecked(False)
    type_date(qtbot, dialog.target, date(frozen_today.year + 1, 6, 30))
    qtbot.keyClicks(dialog.tags, "climate tech, job")
    click(qtbot, dialog.ok_button)
    assert dialog.result() == GoalDialog.DialogCode.Accepted
    [goal] = sqlite_services.goals.list()
    assert goal.tags == ("climate tech", "job")
    assert goal.target_date == date(frozen_today.year + 1, 6, 30)
    assert _summaries(view) == [f"A job in climate tech · by 30 Jun {frozen_today.year + 1}"]
    assert view.detail.next_label.text() == "Next step: Link people or events to this goal"

    edit = view.edit_dialog(goal.id)
    qtbot.addWidget(edit)
    edit.text.clear()
    qtbot.keyClicks(edit.text, "A job in solar")
    click(qtbot, edit.ok_button)
    assert sqlite_services.goals.get(goal.id).text == "A job in solar"

    click(qtbot, view.done_button)
    assert sqlite_services.goals.list() == []
    qtbot.waitUntil(lambda: view.goal_list.count() == 0)
    stack.undo()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: view.goal_list.count() == 1)
    assert sqlite_services.goals.get(goal.id).done_at is None

    click(qtbot, view.delete_button)
    assert sqlite_services.goals.list(include_done=True) == []
    assert view.goal_list.count() == 0
    stack.undo()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: view.goal_list.count() == 1)
    assert sqlite_services.goals.get(goal.id).tags == ("climate tech", "job")


def test_empty_goal_text_is_named_beside_the_field(qtbot: QtBot, sqlite_services: Services) -> None:
    view, _ = _goals_view(qtbot, sqlite_services)
    dialog = view.new_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    assert "Say what the goal is." in label_texts(dialog)
    assert sqlite_services.goals.list() == []


def test_link_a_person_from_the_person_page(qtbot: QtBot, sqlite_services: Services) -> None:
    goal = sqlite_services.goals.create("A mentor in product management")
    ana = sqlite_services.contacts.create(ContactInput(formatted_name="Ana Lopez"))
    sqlite_services.followups.add(ana, "Ask Ana for coffee", None)
    pane = ContactDetail(sqlite_services, undo_stack=new_undo_stack())
    qtbot.addWidget(pane)
    pane.resize(420, 700)
    pane.show()
    pane.set_contact(ana)
    assert pane.findChildren(QPushButton, "goal_link") == []

    def tick_goal(dialog: LinkGoalDialog) -> None:
        item = dialog.goal_list.item(0)
        assert item.text() == "A mentor in product management"
        item.setCheckState(Qt.CheckState.Checked)
        click(qtbot, dialog.ok_button)

    driver = ModalDriver(LinkGoalDialog, tick_goal)
    click(qtbot, pane.goal_button)
    driver.check()
    assert [g.id for g in sqlite_services.goals.goals_for(contact_id=ana)] == [goal]
    [link] = [b for b in pane.findChildren(QPushButton, "goal_link") if b.isVisibleTo(pane)]
    assert link.text() == "A mentor in product management"
    assert "Next: Ana Lopez: Ask Ana for coffee" in label_texts(pane)

    # A follow-up of hers, linked from its own "Goal…" link, and a new goal typed there.
    def new_goal(dialog: LinkGoalDialog) -> None:
        qtbot.keyClicks(dialog.new_goal, "Speak at a conference")
        click(qtbot, dialog.ok_button)

    [followup_link] = [
        b for b in pane.findChildren(QPushButton, "link_goal") if b.isVisibleTo(pane)
    ]
    driver = ModalDriver(LinkGoalDialog, new_goal)
    click(qtbot, followup_link)
    driver.check()
    [fup] = sqlite_services.contacts.get(ana).followups
    assert [g.text for g in sqlite_services.goals.goals_for(followup_id=fup.id)] == [
        "Speak at a conference"
    ]


def test_today_card_shows_each_goals_progress_and_hides_without_goals(
    qtbot: QtBot, sqlite_services: Services, frozen_today: date
) -> None:
    bridge = ChangeBridge(sqlite_services.db)
    view = TodayView(sqlite_services, bridge)
    bridge.setParent(view)
    qtbot.addWidget(view)
    view.resize(1100, 800)
    view.show()
    assert not view.goals_card.isVisible()

    ana = sqlite_services.contacts.create(ContactInput(formatted_name="Ana Lopez"))
    done = sqlite_services.followups.add(ana, "Send CV", None)
    sqlite_services.followups.add(ana, "Ask about the team", frozen_today + timedelta(days=2))
    goal = sqlite_services.goals.create("A job in climate tech")
    sqlite_services.goals.link(goal, contact_id=ana)
    sqlite_services.followups.set_done(done, True)
    qtbot.waitUntil(view.goals_card.isVisible)
    [bar] = view.goals_card.findChildren(QProgressBar)
    assert bar.value() == 50
    texts = label_texts(view.goals_card)
    assert any(t.startswith("Next: Ana Lopez: Ask about the team (due ") for t in texts)
    sqlite_services.goals.delete(goal)
    qtbot.waitUntil(lambda: not view.goals_card.isVisible())


def test_goals_page_in_the_sidebar_and_link_from_the_follow_ups_page(
    qtbot: QtBot, sqlite_services: Services, tmp_path: object
) -> None:
    goal = sqlite_services.goals.create("A job in climate tech")
    ana = sqlite_services.contacts.create(ContactInput(formatted_name="Ana Lopez"))
    fup = sqlite_services.followups.add(ana, "Send the slides", None)
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))  # type: ignore[arg-type]
    assert PAGE_KEYS.index(GOALS) == PAGE_KEYS.index("followups") + 1
    [go_goals] = [a for a in window.act_go if a.text().replace("&", "") == "Goals"]
    go_goals.trigger()
    assert window.current_key() == GOALS
    goals_view = window.view(GOALS)
    assert isinstance(goals_view.goal_list.itemWidget(goals_view.goal_list.item(0)), GoalSummary)

    followups = window.go_to("followups")
    followups.select_ids([fup])
    [action] = [a for a in followups.context_menu().actions() if a.text() == "Link to goal…"]

    def tick_goal(dialog: LinkGoalDialog) -> None:
        dialog.tick(goal)
        click(qtbot, dialog.ok_button)

    driver = ModalDriver(LinkGoalDialog, tick_goal)
    action.trigger()
    driver.check()
    assert [g.id for g in sqlite_services.goals.goals_for(followup_id=fup)] == [goal]
    window.go_to(GOALS)  # back on the Goals page, the goal shows the follow-up linked
    qtbot.waitUntil(
        lambda: goals_view.detail.detail is not None and bool(goals_view.detail.detail.links)
    )
    assert [i.title for i in goals_view.detail.detail.links] == ["Send the slides"]


def test_a_long_goal_on_a_narrow_person_page_does_not_widen_it(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    s = sqlite_services
    ana = s.contacts.create(ContactInput(formatted_name="Ana Lopez"))
    s.notes.add(ana, "Works on heat pumps")
    s.followups.add(ana, "Send the slides", None)
    goal = s.goals.create("A job in climate tech, ideally in a team that builds heat pumps")
    s.goals.link(goal, contact_id=ana)
    pane = ContactDetail(s, undo_stack=new_undo_stack())
    qtbot.addWidget(pane)
    pane.resize(320, 900)
    pane.show()
    pane.set_contact(ana)
    qtbot.waitExposed(pane)
    scroll = pane.scroll_area
    qtbot.waitUntil(lambda: scroll.widget().width() <= scroll.viewport().width())
    [link] = [b for b in pane.findChildren(QPushButton, "goal_link") if b.isVisibleTo(pane)]
    assert link.text().endswith("…")
    assert link.toolTip().startswith("A job in climate tech, ideally")


def test_today_card_opens_the_goal_and_edit_delete_removes_it(
    qtbot: QtBot, sqlite_services: Services, tmp_path: object
) -> None:
    sqlite_services.contacts.create(ContactInput(formatted_name="Ana Lopez"))  # no welcome
    sqlite_services.goals.create("A job in climate tech")
    second = sqlite_services.goals.create("A mentor in design")
    window = open_window(qtbot, sqlite_services, settings_at(tmp_path))  # type: ignore[arg-type]
    today = window.go_to("today")

    def links() -> list[QPushButton]:
        buttons = today.goals_card.findChildren(QPushButton, "goal_link")
        return [b for b in buttons if b.isVisible() and "design" in b.text()]

    qtbot.waitUntil(lambda: len(links()) == 1)
    click(qtbot, links()[0])
    assert window.current_key() == GOALS
    goals_view = window.view(GOALS)
    assert goals_view.selected_goal_id() == second
    window.act_delete.trigger()
    assert [g.text for g in sqlite_services.goals.list()] == ["A job in climate tech"]
    window.act_undo.trigger()
    assert len(sqlite_services.goals.list()) == 2


def test_a_goal_is_laid_out_once_and_not_while_another_page_shows(
    qtbot: QtBot, sqlite_services: Services, frozen_today: date
) -> None:
    # A goal with hundreds of people takes a good part of a second to lay out: a change made
    # on another page (adding a person on Today) must not freeze the window for it.
    s = sqlite_services
    goal = s.goals.create("A mentor in design")
    for name in ("Ana Lima", "Ben Okafor"):
        s.goals.link(goal, contact_id=s.contacts.create(ContactInput(formatted_name=name)))
    view, _stack = _goals_view(qtbot, s)
    laid_out: list[int] = []
    real_show_goal = view.detail.show_goal
    view.detail.show_goal = lambda detail: (laid_out.append(detail.row.id), real_show_goal(detail))  # type: ignore[method-assign]

    view.reload()
    assert laid_out == [goal]

    view.hide()
    s.goals.link(goal, contact_id=s.contacts.create(ContactInput(formatted_name="Chen Wu")))
    s.contacts.create(ContactInput(formatted_name="Dana Park"))
    qtbot.wait(50)
    assert laid_out == [goal]  # nothing done for a page nobody sees

    view.show()  # back on the Goals page: it shows the change at once
    assert laid_out == [goal, goal]
    names = [b.text() for b in view.detail.findChildren(QPushButton, "linked_contact")]
    assert "Chen Wu" in names


def test_a_cut_goal_or_name_shows_whole_in_its_tooltip_as_typed(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    from PySide6.QtGui import QTextDocument

    s = sqlite_services
    typed = "<b>Bold</b> <i>mentor</i> in product management for a long time to come, surely"
    goal = s.goals.create(typed)
    s.goals.link(goal, contact_id=s.contacts.create(ContactInput(formatted_name="Ana Lima")))
    today = TodayView(s, ChangeBridge(s.db))
    qtbot.addWidget(today)
    today.resize(640, 700)
    today.show()
    [link] = today.goals_card.findChildren(QPushButton, "goal_link")
    qtbot.waitUntil(lambda: link.text().endswith("…"))  # too long for its column: cut
    shown = QTextDocument()
    shown.setHtml(link.toolTip())  # a tooltip that looks like HTML is shown as HTML
    assert shown.toPlainText() == typed


def test_today_on_a_small_laptop_shows_one_row_of_goals_whole(
    qtbot: QtBot, sqlite_services: Services, frozen_today: date
) -> None:
    from PySide6.QtWidgets import QLabel

    s = sqlite_services
    ana = s.contacts.create(ContactInput(formatted_name="Ana Lima"))
    for n in range(6):
        goal = s.goals.create(f"Goal number {n}", frozen_today + timedelta(days=30 + n))
        fup = s.followups.add(ana, "Ask about the opening in the heat pump team " * 2, None)
        s.goals.link(goal, followup_id=fup)
    today = TodayView(s, ChangeBridge(s.db))
    qtbot.addWidget(today)
    today.resize(1060, 560)  # Today's part of a 1280x720 window
    today.show()
    card = today.goals_card
    qtbot.waitUntil(lambda: card.title_label.text() == "Goals · 6 (and 3 more on the Goals page)")
    links = [b for b in card.findChildren(QPushButton, "goal_link") if b.isVisible()]
    assert len(links) == 3
    steps = [
        label
        for label in card.findChildren(QLabel)
        if label.isVisible() and label.text().startswith("Next:")
    ]
    assert len(steps) == 3
    for label in steps:  # every line of the next step shows, none cut through
        assert label.height() >= label.heightForWidth(label.width())
    assert today.due_card.list_view.viewport().height() > 40  # the lists above keep room
