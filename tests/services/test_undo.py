"""Undo after the world moved on: ids handed out again, tags typed again, rows gone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pytestqt.qtbot import QtBot

from netdesk.services.errors import ServiceError
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.ui.undo.commands import DeleteCommand, delete_undoably
from tests.undo_stacks import new_undo_stack


def _person(services: Services, name: str, **fields: object) -> int:
    return services.contacts.create(ContactInput(formatted_name=name, **fields))  # type: ignore[arg-type]


def test_a_new_contact_never_takes_the_id_of_a_deleted_one(services: Services) -> None:
    """SQLite would give the highest freed id to the next row; undo would then collide."""
    _person(services, "Ann Lee")
    newest = _person(services, "Bo Lind", emails=["bo@example.org"])
    services.notes.add(newest, "Met at the booth")
    snapshot = services.contacts.delete([newest])
    other = _person(services, "Cy Moss")
    assert other != newest
    services.contacts.restore(snapshot)
    assert services.contacts.get(newest).formatted_name == "Bo Lind"
    assert services.contacts.get(newest).notes[0].body == "Met at the booth"
    assert services.contacts.get(other).formatted_name == "Cy Moss"
    assert [r.name for r in services.search.page("bo@example")] == ["Bo Lind"]


def test_undoing_a_tag_delete_after_the_tag_was_typed_again_joins_them(
    services: Services,
) -> None:
    ann = _person(services, "Ann Lee", tags=["NLP", "Berlin"])
    bo = _person(services, "Bo Lind", tags=["NLP"])
    event = services.events.create(
        EventInput(name="Demo Day", starts_at=datetime(2026, 5, 1, tzinfo=UTC), tags=["NLP"])
    )
    snapshot = services.tags.delete("NLP")
    services.contacts.update(bo, ContactInput(formatted_name="Bo Lind", tags=["nlp"]))
    services.tags.restore(snapshot)
    assert services.contacts.get(ann).tags == ("Berlin", "nlp")  # one tag, as typed again
    assert services.contacts.get(bo).tags == ("nlp",)  # the tag as typed again, once
    assert services.events.get(event).tags == ("nlp",)
    assert [tag.name for tag in services.tags.all()] == ["Berlin", "nlp"]
    assert {r.name for r in services.search.page("nlp")} >= {"Ann Lee", "Bo Lind"}


def test_a_restore_that_no_longer_fits_is_refused_whole(services: Services) -> None:
    ann = _person(services, "Ann Lee")
    event = services.events.create(
        EventInput(name="Demo Day", starts_at=datetime(2026, 5, 1, tzinfo=UTC))
    )
    services.events.add_attendee(event, ann, met=True)
    event_snapshot = services.events.delete(event)
    services.contacts.delete([ann])  # not undone: the attendance now points nowhere
    with pytest.raises(ServiceError, match="nothing was saved"):
        services.events.restore(event_snapshot)
    assert services.events.list() == []  # nothing of the event came back


def test_a_failed_undo_says_so_and_leaves_the_stack(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    services = sqlite_services
    ann = _person(services, "Ann Lee")
    event = services.events.create(
        EventInput(name="Tom & Jerry Fest", starts_at=datetime(2026, 5, 1, tzinfo=UTC))
    )
    services.events.add_attendee(event, ann)
    stack = new_undo_stack()
    delete_undoably(stack, lambda: services.events.delete(event), services.events.restore)
    assert stack.undoText() == "Delete Tom && Jerry Fest"  # "&" is not a shortcut marker
    services.contacts.delete([ann])
    command = stack.command(0)
    assert isinstance(command, DeleteCommand)
    stack.undo()
    assert command.failure is not None and "Tom & Jerry Fest" in command.failure
    assert stack.count() == 0  # obsolete: it does not pretend to be undone
    assert services.events.list() == []


def test_a_failing_listener_does_not_undo_a_saved_change(services: Services) -> None:
    heard: list[frozenset[str]] = []

    def broken(_kinds: frozenset[str]) -> None:
        raise RuntimeError("a view could not reload")

    services.db.add_change_listener(broken)
    services.db.add_change_listener(heard.append)
    ann = _person(services, "Ann Lee")
    snapshot = services.contacts.delete([ann])  # returns its snapshot despite the listener
    assert snapshot.label == "Delete Ann Lee"
    assert services.contacts.count() == 0
    assert len(heard) == 2


def test_undo_across_steps_brings_back_a_person_whose_tag_was_deleted_and_retyped(
    services: Services,
) -> None:
    ann = _person(services, "Ann Lee", tags=["NLP"])
    bo = _person(services, "Bo Lind")
    person_step = services.contacts.delete([ann])
    tag_step = services.tags.delete("NLP")
    services.contacts.update(bo, ContactInput(formatted_name="Bo Lind", tags=["nlp"]))
    services.tags.restore(tag_step)  # nothing left to give the tag to: joins "nlp"
    services.contacts.restore(person_step)
    assert services.contacts.get(ann).tags == ("nlp",)
    assert [t.name for t in services.tags.all()] == ["nlp"]


def test_undo_of_a_person_whose_tag_was_deleted_puts_the_tag_back(services: Services) -> None:
    ann = _person(services, "Ann Lee", tags=["Rust"])
    person_step = services.contacts.delete([ann])
    services.tags.delete("Rust")
    services.contacts.restore(person_step)
    assert services.contacts.get(ann).tags == ("Rust",)
    assert [r.name for r in services.search.page("rust")] == ["Ann Lee"]


def test_demo_data_never_takes_the_id_of_a_deleted_contact(services: Services) -> None:
    from netdesk.services.demo import generate_demo

    _person(services, "Ann Lee")
    newest = _person(services, "Bo Lind")
    snapshot = services.contacts.delete([newest])
    generate_demo(services.db, people=5, events=1, seed=1)
    services.contacts.restore(snapshot)
    assert services.contacts.get(newest).formatted_name == "Bo Lind"
    after_demo = _person(services, "Cy Moss")  # and ordinary inserts still find a free id
    assert services.contacts.get(after_demo).formatted_name == "Cy Moss"
