"""Goals: progress from the aims reached by people marked met, the next step, links, and
deleting with undo (on SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from netdesk import clock
from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.services.goal_progress import NO_LINKS_STEP, GoalProgress
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services

NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)
TODAY = date(2026, 3, 10)


@pytest.fixture(autouse=True)
def _clock() -> None:
    clock.stop_at(NOW)


def _person(services: Services, name: str, tags: tuple[str, ...] = ()) -> int:
    return services.contacts.create(ContactInput(formatted_name=name, tags=list(tags)))


def _event(services: Services, name: str, days: int) -> int:
    return services.events.create(EventInput(name=name, starts_at=NOW + timedelta(days=days)))


def _meet(services: Services, event: int, person: int, role: str = "attendee") -> int:
    return services.events.add_attendee(event, person, role=role, met=True)


def test_create_list_update_and_done(services: Services) -> None:
    goals = services.goals
    first = goals.create("  A job in   climate tech ", date(2026, 6, 30), ["Climate tech"])
    second = goals.create("A mentor in product management")
    rows = goals.list(today=TODAY)
    assert [r.id for r in rows] == [first, second]  # the nearest target date first
    assert rows[0].text == "A job in climate tech"
    assert rows[0].tags == ("Climate tech",)
    assert rows[0].progress.days_left == (date(2026, 6, 30) - TODAY).days
    assert rows[1].next_step == NO_LINKS_STEP
    goals.update(second, "A mentor in design", None, ["design"], "ask around")
    assert goals.get(second).text == "A mentor in design"
    assert goals.get(second).description == "ask around"
    goals.set_done(first, True)
    assert [r.id for r in goals.list()] == [second]
    done = next(r for r in goals.list(include_done=True) if r.id == first)
    assert done.done_at is not None and done.next_step == ""
    assert done.progress.fraction == 1.0
    goals.set_done(first, False)
    assert {r.id for r in goals.list()} == {first, second}


@pytest.mark.parametrize("text", ["", "   ", "x" * 501])
def test_goal_text_is_checked(services: Services, text: str) -> None:
    with pytest.raises(ValidationError) as err:
        services.goals.create(text)
    assert set(err.value.errors) == {"text"}


def test_aims_by_role_and_by_tag_are_reached_by_people_marked_met(services: Services) -> None:
    goal = services.goals.create("A job in climate tech")
    summit = _event(services, "Climate Summit", 3)
    speakers = services.goals.add_aim(summit, "", 3, role="speaker", goal_id=goal)
    tagged = services.goals.add_aim(summit, "", 2, tag="climate tech", goal_id=goal)
    aims = {a.id: a for a in services.goals.aims(summit)}
    assert aims[speakers].text == "Talk to 3 speakers"
    assert aims[tagged].text == "Meet 2 people tagged climate tech"
    assert (aims[speakers].count_text, aims[tagged].count_text) == ("0 of 3", "0 of 2")

    ana = _person(services, "Ana", ("Climate Tech",))
    ben = _person(services, "Ben", ("climate tech",))
    cem = _person(services, "Cem")
    dina = _person(services, "Dina", ("climate tech",))
    # Speakers not met, and met people with another role, do not count.
    services.events.add_attendee(summit, dina, role="speaker", met=False)
    _meet(services, summit, ana, "speaker")
    _meet(services, summit, cem, "attendee")
    aims = {a.id: a for a in services.goals.aims(summit)}
    assert (aims[speakers].reached, aims[tagged].reached) == (1, 1)
    _meet(services, summit, ben, "speaker")
    aims = {a.id: a for a in services.goals.aims(summit)}
    assert (aims[speakers].count_text, aims[tagged].count_text) == ("2 of 3", "2 of 2")
    assert not aims[speakers].done and aims[tagged].done

    row = services.goals.get(goal)
    assert (row.progress.aims_reached, row.progress.aims_total) == (1, 2)
    attendance = next(a for a in services.events.attendees(summit) if a.contact_id == dina)
    services.events.update_attendance(attendance.attendance_id, met=True)
    row = services.goals.get(goal)
    assert (row.progress.aims_reached, row.progress.aims_total) == (2, 2)
    assert row.progress.fraction == 1.0


def test_aim_is_checked(services: Services) -> None:
    summit = _event(services, "Summit", 1)
    with pytest.raises(ValidationError) as err:
        services.goals.add_aim(summit, "", 0, role="juggler")
    assert set(err.value.errors) == {"target", "role"}
    with pytest.raises(NotFoundError):
        services.goals.add_aim(summit + 99, "", 1)


def test_next_step_follow_up_then_event_then_aim_then_hint(services: Services) -> None:
    goal = services.goals.create("A mentor")
    assert services.goals.get(goal).next_step == NO_LINKS_STEP
    past = _event(services, "Meetup", -5)
    services.goals.add_aim(past, "Meet 2 designers", 2, goal_id=goal)
    assert services.goals.get(goal).next_step == "At Meetup: meet 2 designers (0 of 2)"
    summit = _event(services, "Summit", 2)
    services.goals.link(goal, event_id=summit)
    services.goals.add_aim(summit, "", 3, role="speaker", goal_id=goal)
    assert services.goals.get(goal).next_step == "Go to Summit on 12 Mar: talk to 3 speakers"
    ana = _person(services, "Ana")
    services.followups.add(ana, "Send the slides", date(2026, 3, 20))
    soon = services.followups.add(ana, "Call about the job", date(2026, 3, 15))
    services.goals.link(goal, contact_id=ana)  # her follow-ups count for the goal
    row = services.goals.get(goal)
    assert row.next_step == "Ana: Call about the job (due 15 Mar)"
    assert (row.progress.followups_done, row.progress.followups_total) == (0, 2)
    services.followups.set_done(soon, True)
    row = services.goals.get(goal)
    assert row.next_step == "Ana: Send the slides (due 20 Mar)"
    assert (row.progress.followups_done, row.progress.people) == (1, 1)


def test_links_each_kind_once_and_unlink(services: Services) -> None:
    goal = services.goals.create("A job")
    ana = _person(services, "Ana")
    summit = _event(services, "Summit", 1)
    note = services.notes.add(ana, "Works at a solar start-up")
    bob = _person(services, "Bob")
    fup = services.followups.add(bob, "Ask Bob about openings", None)
    assert services.goals.link(goal, contact_id=ana)
    assert not services.goals.link(goal, contact_id=ana)
    services.goals.link(goal, event_id=summit)
    services.goals.link(goal, note_id=note)
    services.goals.link(goal, followup_id=fup)
    detail = services.goals.detail(goal)
    assert [(i.kind, i.title) for i in detail.links] == [
        ("contact", "Ana"),
        ("event", "Summit"),
        ("note", "Works at a solar start-up"),
        ("followup", "Ask Bob about openings"),
    ]
    assert detail.row.progress.followups_total == 1  # Bob's, linked itself; Ana has none
    for kwargs in ({"contact_id": ana}, {"event_id": summit}, {"note_id": note}):
        assert [g.id for g in services.goals.goals_for(**kwargs)] == [goal]
    assert services.goals.unlink(goal, note_id=note)
    assert services.goals.goals_for(note_id=note) == []
    with pytest.raises(NotFoundError):
        services.goals.link(goal, contact_id=ana + 999)
    with pytest.raises(ValueError):
        services.goals.link(goal, contact_id=ana, event_id=summit)


def test_deleting_linked_things_leaves_the_goal(services: Services) -> None:
    goal = services.goals.create("A job")
    ana, bob = _person(services, "Ana"), _person(services, "Bob")
    summit = _event(services, "Summit", 1)
    note = services.notes.add(bob, "Hiring in spring")
    fup = services.followups.add(bob, "Send CV", None)
    aim = services.goals.add_aim(summit, "", 2, goal_id=goal)
    for kwargs in (
        {"contact_id": ana},
        {"event_id": summit},
        {"note_id": note},
        {"followup_id": fup},
    ):
        services.goals.link(goal, **kwargs)
    services.contacts.delete([ana])
    services.notes.delete(note)
    services.followups.delete(fup)
    snapshot = services.events.delete(summit)
    detail = services.goals.detail(goal)
    assert detail.links == () and detail.aims == ()
    assert detail.row.text == "A job"
    # Undoing the event's deletion brings its link and its aim back to the goal.
    services.events.restore(snapshot)
    detail = services.goals.detail(goal)
    assert [i.kind for i in detail.links] == ["event"]
    assert [a.id for a in detail.aims] == [aim]


def test_delete_goal_and_undo_brings_back_tags_links_and_aims(services: Services) -> None:
    goal = services.goals.create("A job", date(2026, 6, 1), ["climate tech"])
    ana, bob = _person(services, "Ana"), _person(services, "Bob")
    summit = _event(services, "Summit", 1)
    aim = services.goals.add_aim(summit, "", 1, goal_id=goal)
    services.goals.link(goal, contact_id=ana)
    services.goals.link(goal, contact_id=bob)
    services.goals.link(goal, event_id=summit)
    snapshot = services.goals.delete(goal)
    assert services.goals.list() == []
    assert [a.goal_id for a in services.goals.aims(summit)] == [None]  # the aim stays
    assert services.goals.goals_for(contact_id=ana) == []
    services.contacts.delete([bob])  # gone meanwhile: undo leaves his link out
    services.goals.restore(snapshot)
    detail = services.goals.detail(goal)
    assert detail.row.tags == ("climate tech",)
    assert detail.row.target_date == date(2026, 6, 1)
    assert [(i.kind, i.title) for i in detail.links] == [("contact", "Ana"), ("event", "Summit")]
    assert [a.id for a in detail.aims] == [aim]
    with pytest.raises(NotFoundError):
        services.goals.delete(goal + 1)


def test_remove_aim_and_undo(services: Services) -> None:
    summit = _event(services, "Summit", 1)
    aim = services.goals.add_aim(summit, "Say hi to the hosts", 2, role="organiser")
    snapshot = services.goals.remove_aim(aim)
    assert services.goals.aims(summit) == []
    services.goals.restore(snapshot)
    assert [(a.id, a.text, a.role) for a in services.goals.aims(summit)] == [
        (aim, "Say hi to the hosts", "organiser")
    ]


def test_list_reads_many_goals_in_few_queries(services: Services) -> None:
    from sqlalchemy import event as sa_event

    people = [_person(services, f"P{i}") for i in range(20)]
    summit = _event(services, "Summit", 1)
    for i in range(15):
        goal = services.goals.create(f"Goal {i}", tags=[f"t{i}"])
        services.goals.add_aim(summit, "", 2, goal_id=goal)
        for p in people:
            services.goals.link(goal, contact_id=p)
    statements: list[str] = []
    engine = services.db.engine

    def count(*_args: object) -> None:
        statements.append("x")

    sa_event.listen(engine, "before_cursor_execute", count)
    try:
        rows = services.goals.list()
    finally:
        sa_event.remove(engine, "before_cursor_execute", count)
    assert len(rows) == 15 and all(r.progress.people == 20 for r in rows)
    assert len(statements) <= 6  # goals, tags, link counts, follow-ups, aims, events


def test_the_demo_has_two_goals_with_aims_and_links(services: Services) -> None:
    from netdesk.services.demo import generate_demo

    generate_demo(services.db, people=60, events=4, seed=7, today=TODAY)
    rows = services.goals.list(today=TODAY)
    assert sorted(r.text for r in rows) == [
        "A job in climate tech",
        "A mentor in product management",
    ]
    for row in rows:
        detail = services.goals.detail(row.id)
        assert detail.aims and detail.links and row.next_step
    # A second demo run into the same database adds no more goals; new goals still get ids.
    generate_demo(services.db, people=5, events=1, seed=8, today=TODAY)
    assert len(services.goals.list()) == 2
    assert services.goals.create("One more") > max(r.id for r in rows)


def test_progress_counts_in_words_like_the_rest_of_netdesk() -> None:
    progress = GoalProgress(people=1_234, events=1, days_left=-1)
    assert progress.text == "1,234 people · 1 event · 1 day past the date"
    assert GoalProgress(people=1, events=2, days_left=2).text == "1 person · 2 events · 2 days left"


def test_link_to_goal_changes_links_in_one_step_all_or_nothing(services: Services) -> None:
    goals = services.goals
    ana = _person(services, "Ana Lima")
    job, mentor, gone = goals.create("A job"), goals.create("A mentor"), goals.create("Gone")
    goals.link(mentor, contact_id=ana)
    goals.delete(gone)  # in another window, while Link to goal… was open
    with pytest.raises(NotFoundError):
        goals.change_links("contact", ana, link=[job, gone], unlink=[mentor], new_goal="Talks")
    assert [g.text for g in goals.goals_for(contact_id=ana)] == ["A mentor"]
    assert [g.text for g in goals.list()] == ["A job", "A mentor"]  # no "Talks" either

    created = goals.change_links("contact", ana, link=[job], unlink=[mentor], new_goal="Talks")
    assert {g.text for g in goals.goals_for(contact_id=ana)} == {"A job", "Talks"}
    assert created == next(g.id for g in goals.list() if g.text == "Talks")
