"""Follow-ups: writing, validating, snoozing and the queue's buckets."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from netdesk.services.errors import NotFoundError, ServiceError, ValidationError
from netdesk.services.followups import Bucket, FollowUpState
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services

TODAY = date(2025, 3, 12)  # a Wednesday


def _person(services: Services, name: str = "Anna Schröder") -> int:
    return services.contacts.create(ContactInput(formatted_name=name, organization="ACME"))


def _event(services: Services, name: str = "PyCon") -> int:
    return services.events.create(
        EventInput(name=name, starts_at=datetime(2025, 3, 1, 9, tzinfo=UTC))
    )


def test_add_and_get_round_trip_with_event(services: Services) -> None:
    anna, pycon = _person(services), _event(services)
    fid = services.followups.add(anna, "  Send   the slides ", date(2025, 3, 20), pycon)
    row = services.followups.get(fid)
    assert (row.contact_id, row.contact_name) == (anna, "Anna Schröder")
    assert (row.event_id, row.event_name) == (pycon, "PyCon")
    assert row.action == "Send the slides"
    assert row.due_date == date(2025, 3, 20)
    assert row.done_at is None


def test_update_changes_action_and_date_and_keeps_event_unless_given(services: Services) -> None:
    anna, pycon = _person(services), _event(services)
    fid = services.followups.add(anna, "Send slides", None, pycon)
    services.followups.update(fid, "Send the recording", date(2025, 4, 1))
    row = services.followups.get(fid)
    assert (row.action, row.due_date, row.event_id) == (
        "Send the recording",
        date(2025, 4, 1),
        pycon,
    )
    services.followups.update(fid, "Send the recording", None, event_id=None)
    row = services.followups.get(fid)
    assert (row.due_date, row.event_id) == (None, None)


@pytest.mark.parametrize("action", ["", "   ", "x" * 501])
def test_action_is_validated(services: Services, action: str) -> None:
    anna = _person(services)
    with pytest.raises(ValidationError) as err:
        services.followups.add(anna, action, None)
    assert set(err.value.errors) == {"action"}
    fid = services.followups.add(anna, "Call back", None)
    with pytest.raises(ValidationError):
        services.followups.update(fid, action, None)
    assert services.followups.get(fid).action == "Call back"


def test_unknown_contact_or_event_is_not_found(services: Services) -> None:
    with pytest.raises(NotFoundError):
        services.followups.add(9999, "Call back", None)
    anna = _person(services)
    with pytest.raises(NotFoundError):
        services.followups.add(anna, "Call back", None, event_id=9999)
    assert services.followups.queue(TODAY)[Bucket.LATER] == []


def test_set_done_and_undone(services: Services) -> None:
    fid = services.followups.add(_person(services), "Call back", TODAY)
    services.followups.set_done(fid)
    done_at = services.followups.get(fid).done_at
    assert done_at is not None
    assert abs(datetime.now(UTC) - done_at) < timedelta(minutes=1)
    services.followups.set_done(fid, False)
    assert services.followups.get(fid).done_at is None


def test_snooze_from_today_when_overdue_or_undated(services: Services) -> None:
    anna = _person(services)
    overdue = services.followups.add(anna, "Overdue", TODAY - timedelta(days=5))
    undated = services.followups.add(anna, "Undated", None)
    assert services.followups.snooze(overdue, 1, today=TODAY) == TODAY + timedelta(days=1)
    assert services.followups.snooze(undated, 3, today=TODAY) == TODAY + timedelta(days=3)
    assert services.followups.get(overdue).due_date == TODAY + timedelta(days=1)


def test_snooze_from_a_later_due_date(services: Services) -> None:
    fid = services.followups.add(_person(services), "Later", TODAY + timedelta(days=10))
    assert services.followups.snooze(fid, 7, today=TODAY) == TODAY + timedelta(days=17)
    assert services.followups.get(fid).due_date == TODAY + timedelta(days=17)


def test_queue_buckets_with_explicit_today(services: Services) -> None:
    anna, bob = _person(services), _person(services, "Bob Ng")
    add = services.followups.add
    ids = {
        "overdue old": add(bob, "overdue old", TODAY - timedelta(days=9)),
        "overdue": add(anna, "overdue", TODAY - timedelta(days=1)),
        "today": add(anna, "today", TODAY),
        "week end": add(anna, "week end", TODAY + timedelta(days=7)),
        "tomorrow": add(anna, "tomorrow", TODAY + timedelta(days=1)),
        "later": add(anna, "later", TODAY + timedelta(days=8)),
        "undated": add(anna, "undated", None),
        "done": add(anna, "done", TODAY - timedelta(days=30)),
    }
    services.followups.set_done(ids["done"])
    queue = services.followups.queue(today=TODAY)
    assert list(queue) == list(Bucket)
    actions = {bucket: [r.action for r in rows] for bucket, rows in queue.items()}
    assert actions == {
        Bucket.OVERDUE: ["overdue old", "overdue"],
        Bucket.TODAY: ["today"],
        Bucket.NEXT_DAYS: ["tomorrow", "week end"],
        Bucket.LATER: ["later", "undated"],
        Bucket.DONE: ["done"],
    }


def test_due_lists_open_items_due_today_or_earlier(services: Services) -> None:
    anna = _person(services)
    services.followups.add(anna, "today", TODAY)
    services.followups.add(anna, "last week", TODAY - timedelta(days=7))
    services.followups.add(anna, "tomorrow", TODAY + timedelta(days=1))
    services.followups.add(anna, "undated", None)
    done = services.followups.add(anna, "done", TODAY)
    services.followups.set_done(done)
    assert [r.action for r in services.followups.due(today=TODAY)] == ["last week", "today"]


def test_delete_and_restore_keep_the_id(services: Services) -> None:
    anna, pycon = _person(services), _event(services)
    fid = services.followups.add(anna, "Send slides", TODAY, pycon)
    snapshot = services.followups.delete(fid)
    with pytest.raises(NotFoundError):
        services.followups.get(fid)
    services.followups.restore(snapshot)
    row = services.followups.get(fid)
    assert (row.action, row.due_date, row.event_id) == ("Send slides", TODAY, pycon)
    with pytest.raises(NotFoundError):
        services.followups.delete(9999)


def test_next_days_group_holds_tomorrow_to_a_week_ahead(services: Services) -> None:
    anna = _person(services)
    for days in (1, 7, 8):
        services.followups.add(anna, f"in {days}", TODAY + timedelta(days=days))
    queue = services.followups.queue(today=TODAY)
    assert Bucket.NEXT_DAYS.value == "Next 7 days"
    assert [r.action for r in queue[Bucket.NEXT_DAYS]] == ["in 1", "in 7"]
    assert [r.action for r in queue[Bucket.LATER]] == ["in 8"]


def test_done_group_is_newest_first(services: Services) -> None:
    anna = _person(services)
    first = services.followups.add(anna, "first", TODAY)
    second = services.followups.add(anna, "second", TODAY)
    services.followups.set_done(first)
    services.followups.set_done(second)
    done = services.followups.queue(today=TODAY)[Bucket.DONE]
    assert [r.action for r in done] == ["second", "first"]


def test_set_done_many_and_restore_state(services: Services) -> None:
    anna = _person(services)
    a = services.followups.add(anna, "a", TODAY)
    b = services.followups.add(anna, "b", TODAY - timedelta(days=2))
    change = services.followups.set_done_many([a, b])
    assert change.ids == [a, b]
    assert [s.done_at for s in change.before] == [None, None]
    done_at = services.followups.get(a).done_at
    assert done_at is not None and services.followups.get(b).done_at is not None

    services.followups.restore_state(change.before, change.after)
    assert services.followups.get(a).done_at is None
    assert services.followups.get(b).done_at is None
    services.followups.restore_state(change.after, change.before)
    assert services.followups.get(a).done_at == done_at

    reopened = services.followups.set_done_many([a], done=False)
    assert services.followups.get(a).done_at is None
    assert reopened.before[0].done_at == done_at


def test_snooze_many_moves_each_from_its_own_date(services: Services) -> None:
    anna = _person(services)
    overdue = services.followups.add(anna, "overdue", TODAY - timedelta(days=3))
    later = services.followups.add(anna, "later", TODAY + timedelta(days=10))
    change = services.followups.snooze_many([overdue, later], 3, today=TODAY)
    assert [s.due_date for s in change.after] == [
        TODAY + timedelta(days=3),
        TODAY + timedelta(days=13),
    ]
    assert services.followups.get(later).due_date == TODAY + timedelta(days=13)
    services.followups.restore_state(change.before, change.after)
    assert services.followups.get(overdue).due_date == TODAY - timedelta(days=3)
    assert services.followups.get(later).due_date == TODAY + timedelta(days=10)


def test_restore_state_refuses_to_overwrite_a_later_change(services: Services) -> None:
    anna = _person(services)
    a = services.followups.add(anna, "a", TODAY)
    b = services.followups.add(anna, "b", TODAY)
    snoozed = services.followups.snooze_many([a, b], 1, today=TODAY)
    services.followups.update(b, "b, with the paper", TODAY + timedelta(days=30))
    with pytest.raises(ServiceError, match="changed since"):
        services.followups.restore_state(snoozed.before, snoozed.after)
    # All or nothing: the untouched one was not put back either.
    assert services.followups.get(a).due_date == TODAY + timedelta(days=1)
    assert services.followups.get(b).due_date == TODAY + timedelta(days=30)

    done = services.followups.set_done_many([a])
    services.followups.set_done(a, False)
    with pytest.raises(ServiceError, match="changed since"):
        services.followups.restore_state(done.before, done.after)
    assert services.followups.get(a).done_at is None
    services.followups.set_done(a, True)
    with pytest.raises(ServiceError, match="changed since"):  # done again, but at another time
        services.followups.restore_state(done.before, done.after)


def test_bulk_changes_are_all_or_nothing(services: Services) -> None:
    anna = _person(services)
    keep = services.followups.add(anna, "keep", TODAY)
    gone = services.followups.add(anna, "gone", TODAY)
    services.followups.delete(gone)
    with pytest.raises(NotFoundError):
        services.followups.set_done_many([keep, gone])
    with pytest.raises(NotFoundError):
        services.followups.snooze_many([keep, gone], 7, today=TODAY)
    with pytest.raises(NotFoundError):
        services.followups.delete_many([keep, gone])
    row = services.followups.get(keep)
    assert (row.done_at, row.due_date) == (None, TODAY)
    with pytest.raises(NotFoundError):
        state = FollowUpState(gone, None, TODAY)
        services.followups.restore_state([state], [state])


def test_delete_many_and_restore_in_one_step(services: Services) -> None:
    anna, pycon = _person(services), _event(services)
    a = services.followups.add(anna, "a", TODAY, pycon)
    b = services.followups.add(anna, "b", None)
    snapshot = services.followups.delete_many([a, b])
    assert snapshot.label == "Delete 2 follow-ups"
    assert services.followups.queue(today=TODAY)[Bucket.TODAY] == []
    services.followups.restore(snapshot)
    assert services.followups.get(a).event_id == pycon
    assert services.followups.get(b).action == "b"
