"""Notes about a contact: add, edit, validate, delete and restore."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.services.notes import NoteTopic
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services


def _person(services: Services) -> int:
    return services.contacts.create(ContactInput(formatted_name="Anna Schröder"))


def _event(services: Services, name: str = "PyCon") -> int:
    return services.events.create(
        EventInput(name=name, starts_at=datetime(2025, 3, 1, 9, tzinfo=UTC))
    )


def test_add_and_get(services: Services) -> None:
    anna, pycon = _person(services), _event(services)
    nid = services.notes.add(anna, "  Loves Rust  ", NoteTopic.COMMON_GROUND.value, pycon)
    note = services.notes.get(nid)
    assert (note.contact_id, note.contact_name) == (anna, "Anna Schröder")
    assert (note.event_id, note.event_name) == (pycon, "PyCon")
    assert (note.topic, note.body) == ("common ground", "Loves Rust")
    assert [n.id for n in services.contacts.get(anna).notes] == [nid]


def test_default_topic_is_general(services: Services) -> None:
    nid = services.notes.add(_person(services), "Met at the bar")
    assert services.notes.get(nid).topic == NoteTopic.GENERAL.value


def test_update_changes_body_topic_and_event(services: Services) -> None:
    anna, pycon, djangocon = _person(services), _event(services), _event(services, "DjangoCon")
    nid = services.notes.add(anna, "First", event_id=pycon)
    services.notes.update(nid, "Second", NoteTopic.CAN_OFFER.value, djangocon)
    note = services.notes.get(nid)
    assert (note.body, note.topic, note.event_id) == ("Second", "I can offer", djangocon)
    services.notes.update(nid, "Second", NoteTopic.CAN_OFFER.value, None)
    assert services.notes.get(nid).event_id is None


def test_validation(services: Services) -> None:
    anna = _person(services)
    with pytest.raises(ValidationError) as err:
        services.notes.add(anna, "  \n ")
    assert set(err.value.errors) == {"body"}
    with pytest.raises(ValidationError) as err:
        services.notes.add(anna, "Hello", topic="gossip")
    assert set(err.value.errors) == {"topic"}
    nid = services.notes.add(anna, "Kept")
    with pytest.raises(ValidationError):
        services.notes.update(nid, "", NoteTopic.GENERAL.value, None)
    assert services.notes.get(nid).body == "Kept"


def test_unknown_contact_note_or_event(services: Services) -> None:
    with pytest.raises(NotFoundError):
        services.notes.add(9999, "Hello")
    anna = _person(services)
    with pytest.raises(NotFoundError):
        services.notes.add(anna, "Hello", event_id=9999)
    with pytest.raises(NotFoundError):
        services.notes.update(9999, "Hello", NoteTopic.GENERAL.value, None)
    assert services.contacts.get(anna).notes == ()


def test_delete_and_restore(services: Services) -> None:
    anna, pycon = _person(services), _event(services)
    nid = services.notes.add(anna, "Loves Rust", NoteTopic.TALKED_ABOUT.value, pycon)
    snapshot = services.notes.delete(nid)
    with pytest.raises(NotFoundError):
        services.notes.get(nid)
    assert services.contacts.get(anna).notes == ()
    services.notes.restore(snapshot)
    note = services.notes.get(nid)
    assert (note.body, note.topic, note.event_id) == ("Loves Rust", "talked about", pycon)
