"""Keep in touch: rhythms per person and per tag, the last interaction, who is due, snoozes."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event as sql_event
from sqlalchemy import update

from netdesk import clock
from netdesk.dates import add_interval, local_day
from netdesk.models import Contact, ContactEmail, Introduction, Note, NoteTopic, RhythmUnit
from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services

LONG_AGO = datetime(2020, 1, 15, 12, 0, tzinfo=UTC)


def _person(services: Services, name: str, *, tags: list[str] | None = None, org: str = "") -> int:
    """A person added long ago: with a rhythm and nothing since, they are due."""
    contact_id = services.contacts.create(
        ContactInput(formatted_name=name, organization=org, tags=tags or [])
    )
    _added_on(services, contact_id, LONG_AGO)
    return contact_id


def _added_on(services: Services, contact_id: int, moment: datetime) -> None:
    with services.db.transaction() as session:
        session.execute(update(Contact).where(Contact.id == contact_id).values(created_at=moment))


def _tag_id(services: Services, name: str) -> int:
    return services.keep_in_touch.tag_rhythms()[name].tag_id


def _due_ids(services: Services, today: date | None = None) -> list[int]:
    return [row.contact_id for row in services.keep_in_touch.due(today or clock.today())]


def _introduce(services: Services, first: int, second: int, on: date) -> None:
    # The introductions service is another part's; the row is what it records.
    with services.db.transaction() as session:
        session.add(Introduction(first_id=first, second_id=second, introduced_on=on))


# -- month arithmetic ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "every", "unit", "expected"),
    [
        (date(2027, 1, 31), 1, "months", date(2027, 2, 28)),
        (date(2028, 1, 31), 1, "months", date(2028, 2, 29)),
        (date(2026, 10, 31), 4, "months", date(2027, 2, 28)),
        (date(2026, 8, 31), 1, "months", date(2026, 9, 30)),
        (date(2026, 11, 30), 3, "months", date(2027, 2, 28)),
        (date(2026, 12, 15), 1, "months", date(2027, 1, 15)),
        (date(2026, 12, 31), 12, "months", date(2027, 12, 31)),
        (date(2028, 2, 29), 1, "years", date(2029, 2, 28)),
        (date(2028, 2, 29), 4, "years", date(2032, 2, 29)),
        (date(2026, 12, 25), 2, "weeks", date(2027, 1, 8)),
        (date(2026, 2, 27), 3, "days", date(2026, 3, 2)),
    ],
)
def test_intervals_clamp_to_the_end_of_the_month(
    start: date, every: int, unit: str, expected: date
) -> None:
    assert add_interval(start, every, unit) == expected


def test_an_unknown_unit_is_refused() -> None:
    with pytest.raises(ValueError, match="fortnights"):
        add_interval(date(2026, 1, 1), 1, "fortnights")


# -- rhythms ------------------------------------------------------------------------------------


def test_a_person_never_met_is_due_a_rhythm_after_they_were_added(services: Services) -> None:
    ana = _person(services, "Ana Lima", org="Kiwi Labs")
    _added_on(services, ana, datetime(2026, 1, 31, 9, 0, tzinfo=UTC))
    services.keep_in_touch.set_rhythm(contact_id=ana, every=1, unit=RhythmUnit.MONTHS)

    status = services.keep_in_touch.status(ana)
    assert status is not None
    assert status.last is None
    assert status.due_on == date(2026, 2, 28)
    assert status.rhythm.text == "every month"
    assert _due_ids(services, date(2026, 2, 27)) == []
    [row] = services.keep_in_touch.due(date(2026, 3, 3))
    assert (row.contact_id, row.name, row.organization) == (ana, "Ana Lima", "Kiwi Labs")
    assert (row.last, row.due_on, row.days_over, row.rhythm_text) == (
        None,
        date(2026, 2, 28),
        3,
        "every month",
    )


def test_nobody_without_a_rhythm_is_due(services: Services) -> None:
    _person(services, "Ana Lima", tags=["Friends"])
    assert services.keep_in_touch.due(date(2030, 1, 1)) == []
    assert services.keep_in_touch.status(_person(services, "Bo Lind")) is None


def test_setting_changing_and_removing_a_rhythm_says_what_it_replaced(services: Services) -> None:
    kit = services.keep_in_touch
    ana = _person(services, "Ana Lima")
    assert kit.set_rhythm(contact_id=ana, every=3, unit="months") is None
    assert kit.set_rhythm(contact_id=ana, every=2, unit=RhythmUnit.WEEKS) == (3, RhythmUnit.MONTHS)
    rhythm = kit.rhythm_for(ana)
    assert rhythm is not None
    assert (rhythm.every, rhythm.unit, rhythm.source, rhythm.text) == (
        2,
        RhythmUnit.WEEKS,
        "own",
        "every 2 weeks",
    )
    assert kit.set_rhythm(contact_id=ana, every=None) == (2, RhythmUnit.WEEKS)
    assert kit.rhythm_for(ana) is None
    assert kit.set_rhythm(contact_id=ana, every=None) is None


def test_bad_rhythms_are_refused_in_words(services: Services) -> None:
    kit = services.keep_in_touch
    ana = _person(services, "Ana Lima")
    with pytest.raises(ValidationError, match="from 1 to 999"):
        kit.set_rhythm(contact_id=ana, every=0, unit="days")
    with pytest.raises(ValidationError, match="fortnights"):
        kit.set_rhythm(contact_id=ana, every=1, unit="fortnights")
    with pytest.raises(NotFoundError, match="person no longer exists"):
        kit.set_rhythm(contact_id=ana + 100, every=1, unit="days")
    with pytest.raises(NotFoundError, match="tag no longer exists"):
        kit.set_rhythm(tag_id=12345, every=1, unit="days")
    with pytest.raises(ValueError, match="person or to a tag"):
        kit.set_rhythm(every=1, unit="days")
    assert kit.rhythm_for(ana) is None


def test_a_persons_own_rhythm_beats_their_tags(services: Services) -> None:
    kit = services.keep_in_touch
    ana = _person(services, "Ana Lima", tags=["Friends"])
    kit.set_rhythm(tag_id=_tag_id(services, "Friends"), every=1, unit="weeks")
    rhythm = kit.rhythm_for(ana)
    assert rhythm is not None and (rhythm.source, rhythm.text) == ("Friends", "every week")
    kit.set_rhythm(contact_id=ana, every=1, unit="years")
    rhythm = kit.rhythm_for(ana)
    assert rhythm is not None and (rhythm.source, rhythm.text) == ("own", "every year")
    status = kit.status(ana)
    assert status is not None and status.due_on == date(2021, 1, 15)


def test_the_shortest_of_a_persons_tag_rhythms_wins(services: Services) -> None:
    kit = services.keep_in_touch
    ana = _person(services, "Ana Lima", tags=["Friends", "Mentors", "Python"])
    kit.set_rhythm(tag_id=_tag_id(services, "Friends"), every=1, unit="months")
    kit.set_rhythm(tag_id=_tag_id(services, "Mentors"), every=4, unit="weeks")
    kit.set_rhythm(tag_id=_tag_id(services, "Python"), every=1, unit="years")
    rhythm = kit.rhythm_for(ana)
    assert rhythm is not None and (rhythm.source, rhythm.text) == ("Mentors", "every 4 weeks")
    tags = kit.tag_rhythms()
    assert {name: t.rhythm.text if t.rhythm else None for name, t in tags.items()} == {
        "Friends": "every month",
        "Mentors": "every 4 weeks",
        "Python": "every year",
    }
    [row] = kit.due(date(2026, 1, 1))
    assert row.rhythm_text == "every 4 weeks"


def test_a_tag_rhythm_reaches_everybody_with_the_tag(services: Services) -> None:
    kit = services.keep_in_touch
    tagged = [_person(services, f"Person {n}", tags=["Clients"]) for n in range(3)]
    _person(services, "Not tagged")
    kit.set_rhythm(tag_id=_tag_id(services, "Clients"), every=6, unit="months")
    assert sorted(_due_ids(services, date(2026, 1, 1))) == sorted(tagged)
    kit.set_rhythm(tag_id=_tag_id(services, "Clients"), every=None)
    assert _due_ids(services, date(2026, 1, 1)) == []


def test_the_most_overdue_come_first_and_the_list_is_limited(services: Services) -> None:
    kit = services.keep_in_touch
    people = {}
    for name, added in (("Cy", 2021), ("Ana", 2023), ("Bo", 2019), ("Di", 2023)):
        people[name] = _person(services, name)
        _added_on(services, people[name], datetime(added, 5, 1, tzinfo=UTC))
        kit.set_rhythm(contact_id=people[name], every=1, unit="years")
    rows = kit.due(date(2026, 1, 1))
    assert [r.name for r in rows] == ["Bo", "Cy", "Ana", "Di"]  # equally late: by name
    assert rows[0].days_over == (date(2026, 1, 1) - date(2020, 5, 1)).days
    assert [r.name for r in kit.due(date(2026, 1, 1), limit=2)] == ["Bo", "Cy"]


# -- every interaction restarts the rhythm -------------------------------------------------------


def _met(services: Services, contact_id: int) -> str:
    start = clock.now() - timedelta(days=3)
    event = services.events.create(EventInput(name="PyCon DE", starts_at=start))
    services.events.add_attendee(event, contact_id, met=True)
    return "Met at PyCon DE"


def _note(services: Services, contact_id: int) -> str:
    services.notes.add(contact_id, "Coffee at the station")
    return "Note"


def _emailed(services: Services, contact_id: int) -> str:
    services.notes.add(contact_id, "Emailed: It has been a while", topic=NoteTopic.EMAILED.value)
    return "Emailed"


def _followup_done(services: Services, contact_id: int) -> str:
    services.followups.set_done(services.followups.add(contact_id, "Send the slides", None))
    return "Follow-up done"


def _introduced(services: Services, contact_id: int) -> str:
    other = services.contacts.create(ContactInput(formatted_name="Zoe Quist"))
    _introduce(services, other, contact_id, clock.today())
    return "Introduced to Zoe Quist"


@pytest.mark.parametrize(
    "interact", [_met, _note, _emailed, _followup_done, _introduced], ids=lambda f: f.__name__
)
def test_every_kind_of_interaction_restarts_the_rhythm(services: Services, interact) -> None:  # type: ignore[no-untyped-def]
    kit = services.keep_in_touch
    ana = _person(services, "Ana Lima")
    kit.set_rhythm(contact_id=ana, every=2, unit="months")
    today = clock.today()
    assert _due_ids(services, today) == [ana]

    label = interact(services, ana)

    assert _due_ids(services, today) == []
    status = kit.status(ana)
    assert status is not None and status.last is not None
    assert status.last.label == label
    assert status.last.on <= today
    assert status.due_on == add_interval(status.last.on, 2, "months")
    assert kit.last_interactions([ana])[ana] == status.last
    # Two months later they are due again, with what happened last beside them.
    [row] = kit.due(status.due_on)
    assert (row.contact_id, row.last, row.days_over) == (ana, status.last, 0)


def test_the_latest_interaction_of_any_kind_is_the_last(services: Services) -> None:
    kit = services.keep_in_touch
    ana, bo = _person(services, "Ana Lima"), _person(services, "Bo Lind")
    old = services.events.create(
        EventInput(name="Old meetup", starts_at=datetime(2025, 3, 2, 18, tzinfo=UTC))
    )
    newer = services.events.create(
        EventInput(name="Newer meetup", starts_at=datetime(2025, 9, 2, 18, tzinfo=UTC))
    )
    not_met = services.events.create(
        EventInput(name="Only there", starts_at=datetime(2025, 11, 2, 18, tzinfo=UTC))
    )
    future = services.events.create(
        EventInput(name="Next year", starts_at=clock.now() + timedelta(days=300))
    )
    for event in (old, newer, future):
        services.events.add_attendee(event, ana, met=True)
    services.events.add_attendee(not_met, ana)
    _introduce(services, ana, bo, date(2025, 8, 1))
    _introduce(services, bo, ana, date(2025, 10, 1))
    last = kit.last_interactions([ana, bo])
    assert (last[ana].on, last[ana].label) == (date(2025, 10, 1), "Introduced to Bo Lind")
    assert (last[bo].on, last[bo].label) == (date(2025, 10, 1), "Introduced to Ana Lima")
    # Introduced on the day of a meeting: the meeting is named.
    with services.db.transaction() as session:
        session.execute(update(Introduction).values(introduced_on=date(2025, 9, 2)))
    last = kit.last_interactions([ana])
    assert (last[ana].on, last[ana].label) == (date(2025, 9, 2), "Met at Newer meetup")
    assert kit.last_interactions([]) == {}


def test_many_ids_are_asked_in_one_go(services: Services) -> None:
    kit = services.keep_in_touch
    ana = _person(services, "Ana Lima")
    services.notes.add(ana, "Lunch")
    asked = [ana, *range(10_000, 10_700)]
    assert set(kit.last_interactions(asked)) == {ana}


# -- snoozes ------------------------------------------------------------------------------------


def test_a_snooze_keeps_a_person_off_the_list_until_its_day(services: Services) -> None:
    kit = services.keep_in_touch
    ana, bo = _person(services, "Ana Lima"), _person(services, "Bo Lind")
    for person in (ana, bo):
        kit.set_rhythm(contact_id=person, every=1, unit="months")
    today = date(2026, 3, 10)
    until = add_interval(today, 2, "weeks")
    assert kit.snooze(ana, until) is None
    assert kit.snoozed_until(ana) == until
    assert _due_ids(services, today) == [bo]
    assert _due_ids(services, until - timedelta(days=1)) == [bo]
    assert sorted(_due_ids(services, until)) == sorted([ana, bo])
    assert kit.snooze(ana, date(2026, 6, 10)) == until  # what it replaced, for undo
    status = kit.status(ana)
    assert status is not None and status.snoozed_until == date(2026, 6, 10)
    kit.clear_snooze(ana)
    kit.clear_snooze(ana)  # nothing left to clear: fine
    assert kit.snoozed_until(ana) is None
    assert sorted(_due_ids(services, today)) == sorted([ana, bo])
    with pytest.raises(NotFoundError):
        kit.snooze(ana + bo + 100, until)


# -- local dates ------------------------------------------------------------------------------


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Iterator[ZoneInfo]:
    """This computer's clock set to the zone the test names, then back to what it was."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield ZoneInfo(request.param)
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("zone", ["Europe/Berlin"], indirect=True)
def test_a_note_just_after_midnight_counts_for_the_local_day(
    services: Services, zone: ZoneInfo
) -> None:
    """00:30 in Berlin on 1 Feb is 23:30 UTC on 31 Jan: a month later is 1 Mar, not 28 Feb."""
    kit = services.keep_in_touch
    ana = _person(services, "Ana Lima")
    kit.set_rhythm(contact_id=ana, every=1, unit="months")
    note = services.notes.add(ana, "Late drinks after the meetup")
    written = datetime(2026, 2, 1, 0, 30, tzinfo=zone)
    with services.db.transaction() as session:
        session.execute(update(Note).where(Note.id == note).values(created_at=written))

    clock.stop_at(datetime(2026, 2, 28, 23, 50, tzinfo=zone))  # 22:50 UTC
    assert ana not in _due_ids(services, None)
    status = kit.status(ana)
    assert status is not None and status.last is not None
    assert (status.last.on, status.due_on) == (date(2026, 2, 1), date(2026, 3, 1))
    clock.stop_at(datetime(2026, 3, 1, 0, 10, tzinfo=zone))  # still 28 Feb in UTC
    assert _due_ids(services, None) == [ana]


@pytest.mark.parametrize("zone", ["America/New_York"], indirect=True)
def test_a_meeting_counts_for_the_events_day(services: Services, zone: ZoneInfo) -> None:
    """An all-day event on 1 Feb is on 1 Feb in New York too (its midnight UTC is still 31
    Jan there); an evening event on 31 Jan at 21:00 there is on 31 Jan (2:00 UTC on 1 Feb)."""
    kit = services.keep_in_touch
    clock.stop_at(datetime(2026, 2, 10, 12, 0, tzinfo=zone))
    ana, bo = _person(services, "Ana Lima"), _person(services, "Bo Lind")
    fair = services.events.create(
        EventInput(name="Job fair", starts_at=datetime(2026, 2, 1, tzinfo=UTC), all_day=True)
    )
    party = services.events.create(
        EventInput(name="Party", starts_at=datetime(2026, 1, 31, 21, 0, tzinfo=zone))
    )
    services.events.add_attendee(fair, ana, met=True)
    services.events.add_attendee(party, bo, met=True)
    last = kit.last_interactions([ana, bo])
    assert (last[ana].on, last[ana].label) == (date(2026, 2, 1), "Met at Job fair")
    assert (last[bo].on, last[bo].label) == (date(2026, 1, 31), "Met at Party")
    # Both for Ana: the all-day fair on 1 Feb is later than an evening on 31 Jan.
    services.events.add_attendee(party, ana, met=True)
    assert kit.last_interactions([ana])[ana].label == "Met at Job fair"


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/St_Johns"], indirect=True)
def test_local_days_around_a_change_of_the_clocks(zone: ZoneInfo) -> None:
    """Every minute of the days the clocks change (St John's changes at 2:00 local, a half
    hour in UTC) falls on the day the local clock shows."""
    for day in (date(2026, 3, 8), date(2026, 3, 29), date(2026, 10, 25), date(2026, 11, 1)):
        start = datetime(day.year, day.month, day.day, tzinfo=UTC) - timedelta(hours=6)
        for minutes in range(0, 36 * 60, 15):
            moment = start + timedelta(minutes=minutes)
            assert local_day(moment) == moment.astimezone(zone).date(), moment


def test_the_demo_keeps_in_touch_with_mentors_and_a_second_run_keeps_the_users_rhythm(
    services: Services,
) -> None:
    from netdesk.services.demo import generate_demo

    generate_demo(services.db, people=150, events=6, seed=2026)
    kit = services.keep_in_touch
    mentor = kit.tag_rhythms()["mentor"]
    assert mentor.rhythm is not None and mentor.rhythm.text == "every 3 months"
    assert kit.due(clock.today() + timedelta(days=400))  # somebody to show
    kit.set_rhythm(tag_id=mentor.tag_id, every=2, unit="weeks")
    generate_demo(services.db, people=20, events=1, seed=1)
    rhythm = kit.tag_rhythms()["mentor"].rhythm
    assert rhythm is not None and rhythm.text == "every 2 weeks"


def test_an_introduction_counts_once_its_email_is_marked_sent(services: Services) -> None:
    """Write email keeps an introduction (with its reason) from the moment the draft is made;
    until the user says it went out, nobody was introduced and no rhythm restarts."""
    kit = services.keep_in_touch
    ana = _person(services, "Ana Lima")
    bo = _person(services, "Bo Berg")
    for cid, address in ((ana, "ana@example.org"), (bo, "bo@example.org")):
        with services.db.transaction() as session:
            session.add(ContactEmail(contact_id=cid, value=address))
    kit.set_rhythm(contact_id=ana, every=2, unit="months")
    today = clock.today()
    draft = services.drafts.introduce(ana, bo, "both build sensors")
    [draft_id, *_] = services.drafts.record([draft])
    assert _due_ids(services, today) == [ana]  # written, not sent: still due
    assert kit.last_interactions([ana, bo]) == {}

    services.drafts.mark_sent([draft_id])

    assert _due_ids(services, today) == []
    last = kit.last_interactions([ana, bo])
    assert {last[ana].kind, last[bo].kind} <= {"introduction", "emailed"}


def test_who_is_due_is_read_in_the_same_few_statements_for_3_or_30_people(
    services: Services,
) -> None:
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        statements.append(statement)

    def statements_for_due() -> int:
        statements.clear()
        sql_event.listen(services.db.engine, "before_cursor_execute", count)
        try:
            assert services.keep_in_touch.due(clock.today() + timedelta(days=30))
        finally:
            sql_event.remove(services.db.engine, "before_cursor_execute", count)
        return len(statements)

    for n in range(30):
        services.keep_in_touch.set_rhythm(
            contact_id=_person(services, f"P{n}"), every=1, unit="days"
        )
        if n == 2:
            few = statements_for_due()
    assert few == statements_for_due() <= 10
