"""Quick capture: a person, the meeting, a note and a follow-up in one transaction."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from netdesk.services.capture import Capture
from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services


def _event(services: Services) -> int:
    return services.events.create(
        EventInput(name="PyCon", starts_at=datetime(2025, 3, 1, 9, tzinfo=UTC))
    )


def test_capture_creates_everything(services: Services) -> None:
    pycon = _event(services)
    result = services.capture.save(
        Capture(
            name=" Anna  Schröder ",
            organization="ACME",
            talked_about="Rust in embedded",
            followup="Send the slides",
            due_date=date(2025, 3, 20),
            event_id=pycon,
        )
    )
    assert result.created
    anna = services.contacts.get(result.contact_id)
    assert (anna.formatted_name, anna.given_name, anna.family_name) == (
        "Anna Schröder",
        "Anna",
        "Schröder",
    )
    assert anna.organization == "ACME"
    assert [(m.event_id, m.met) for m in anna.meetings] == [(pycon, True)]
    assert [(n.id, n.topic, n.body, n.event_id) for n in anna.notes] == [
        (result.note_id, "talked about", "Rust in embedded", pycon)
    ]
    assert [(f.id, f.action, f.due_date, f.event_id) for f in anna.followups] == [
        (result.followup_id, "Send the slides", date(2025, 3, 20), pycon)
    ]


def test_name_alone_creates_only_the_person(services: Services) -> None:
    result = services.capture.save(Capture(name="Bob Ng"))
    assert result.created and result.note_id is None and result.followup_id is None
    bob = services.contacts.get(result.contact_id)
    assert (bob.meetings, bob.notes, bob.followups) == ((), (), ())


def test_reuses_the_person_with_the_same_name_and_organisation(services: Services) -> None:
    pycon = _event(services)
    anna = services.contacts.create(
        ContactInput(formatted_name="Anna Schröder", organization="ACME")
    )
    other = services.contacts.create(
        ContactInput(formatted_name="Anna Schröder", organization="Globex")
    )
    result = services.capture.save(
        Capture(name="Anna Schröder", organization="Globex", talked_about="Hiring", event_id=pycon)
    )
    assert (result.contact_id, result.created) == (other, False)
    assert services.contacts.count() == 2
    assert [n.body for n in services.contacts.get(other).notes] == ["Hiring"]
    assert services.contacts.get(anna).notes == ()


def test_name_without_organisation_goes_to_the_person_find_by_name_reports(
    services: Services,
) -> None:
    anna = services.contacts.create(
        ContactInput(formatted_name="Anna Schröder", organization="ACME")
    )
    assert services.contacts.find_by_name("Anna Schröder") == anna
    result = services.capture.save(Capture(name="Anna Schröder", talked_about="Rust"))
    assert (result.contact_id, result.created) == (anna, False)
    assert services.contacts.get(anna).organization == "ACME"


def test_a_different_organisation_is_a_different_person(services: Services) -> None:
    anna = services.contacts.create(
        ContactInput(formatted_name="Anna Schröder", organization="ACME")
    )
    result = services.capture.save(Capture(name="Anna Schröder", organization="Initech"))
    assert result.created and result.contact_id != anna


@pytest.mark.parametrize(
    ("capture", "fields"),
    [
        (Capture(name="  ", talked_about="Rust", followup="Call"), {"name"}),
        (Capture(name="Bob", talked_about="Rust", due_date=date(2025, 3, 20)), {"followup"}),
        (Capture(name="", due_date=date(2025, 3, 20)), {"name", "followup"}),
        (Capture(name="Bob", followup="x" * 501), {"followup"}),
    ],
)
def test_validation_leaves_nothing_behind(
    services: Services, capture: Capture, fields: set[str]
) -> None:
    with pytest.raises(ValidationError) as err:
        services.capture.save(capture)
    assert set(err.value.errors) == fields
    assert services.contacts.count() == 0


def test_a_failure_midway_rolls_back_the_new_person(services: Services) -> None:
    with pytest.raises(NotFoundError):
        services.capture.save(Capture(name="Bob Ng", talked_about="Rust", event_id=9999))
    assert services.contacts.count() == 0
    assert services.search.page("Bob") == []
