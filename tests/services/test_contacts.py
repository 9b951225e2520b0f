"""Contacts: create, update, validation, delete and restore."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services


def test_create_stores_fields_and_e164_phone(services: Services) -> None:
    contact_id = services.contacts.create(
        ContactInput(
            formatted_name="  Ann   Lee ",
            organization="Acme",
            title="CTO",
            emails=["ann@acme.org", " "],
            phones=["+44 20 7946 0958"],
            urls=["https://acme.org"],
            birthday=date(1990, 5, 17),
            tags=["Investor", "investor", "AI"],
        )
    )
    detail = services.contacts.get(contact_id)
    assert detail.formatted_name == "Ann Lee"
    assert detail.emails == ("ann@acme.org",)
    assert detail.phones[0].value == "+44 20 7946 0958"
    assert detail.phones[0].e164 == "+442079460958"
    assert detail.urls == ("https://acme.org",)
    assert detail.birthday == date(1990, 5, 17)
    assert sorted(detail.tags) == ["AI", "Investor"]


def test_name_comes_from_given_and_family_when_left_empty(services: Services) -> None:
    contact_id = services.contacts.create(ContactInput(given_name="Ann", family_name="Lee"))
    assert services.contacts.get(contact_id).formatted_name == "Ann Lee"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (ContactInput(formatted_name="   "), "name"),
        (ContactInput(formatted_name="Ann", emails=["ann.example.org"]), "emails"),
        (ContactInput(formatted_name="Ann", phones=["call me maybe"]), "phones"),
        (ContactInput(formatted_name="Ann", phones=["+44 1"]), "phones"),
    ],
)
def test_invalid_input_names_the_field_and_saves_nothing(
    services: Services, data: ContactInput, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.contacts.create(data)
    assert field in caught.value.errors
    assert caught.value.errors[field]
    assert services.contacts.count() == 0


def test_update_changes_fields_and_keeps_id(services: Services) -> None:
    contact_id = services.contacts.create(
        ContactInput(formatted_name="Ann Lee", emails=["ann@acme.org"])
    )
    data = services.contacts.get(contact_id).as_input()
    data.organization = "Globex"
    data.emails = ["ann@globex.com", "ann@acme.org"]
    services.contacts.update(contact_id, data)
    detail = services.contacts.get(contact_id)
    assert detail.organization == "Globex"
    assert detail.emails == ("ann@globex.com", "ann@acme.org")


def test_update_with_bad_email_keeps_the_old_values(services: Services) -> None:
    contact_id = services.contacts.create(ContactInput(formatted_name="Ann Lee"))
    with pytest.raises(ValidationError) as caught:
        services.contacts.update(
            contact_id, ContactInput(formatted_name="Ann B", emails=["not an email"])
        )
    assert set(caught.value.errors) == {"emails"}
    assert services.contacts.get(contact_id).formatted_name == "Ann Lee"


def test_only_one_contact_is_me(services: Services) -> None:
    first = services.contacts.create(ContactInput(formatted_name="Me Once", is_me=True))
    second = services.contacts.create(ContactInput(formatted_name="Me Twice", is_me=True))
    assert not services.contacts.get(first).is_me
    me = services.contacts.me()
    assert me is not None and me.id == second


def test_delete_and_restore_keep_ids_notes_and_attendances(services: Services) -> None:
    contact_id = services.contacts.create(
        ContactInput(formatted_name="Jürgen Schröder", phones=["+49 30 1234567"], tags=["AI"])
    )
    event_id = services.events.create(
        EventInput(name="PyCon", starts_at=datetime(2024, 5, 1, 9, tzinfo=UTC))
    )
    attendance_id = services.events.add_attendee(event_id, contact_id, role="speaker", met=True)
    note_id = services.notes.add(contact_id, "Talked about sourdough", event_id=event_id)
    followup_id = services.followups.add(contact_id, "Send the paper", date(2024, 5, 3))

    snapshot = services.contacts.delete([contact_id])
    with pytest.raises(NotFoundError):
        services.contacts.get(contact_id)
    assert services.search.page("sourdough") == []

    services.contacts.restore(snapshot)
    detail = services.contacts.get(contact_id)
    assert detail.formatted_name == "Jürgen Schröder"
    assert detail.tags == ("AI",)
    assert detail.phones[0].e164 == "+49301234567"
    assert [m.attendance_id for m in detail.meetings] == [attendance_id]
    assert detail.meetings[0].role == "speaker"
    assert [n.id for n in detail.meetings[0].notes] == [note_id]
    assert [n.id for n in detail.notes] == [note_id]
    assert [f.id for f in detail.followups] == [followup_id]
    assert [r.id for r in services.search.page("sourdough")] == [contact_id]


def test_delete_several_at_once(services: Services) -> None:
    ids = [services.contacts.create(ContactInput(formatted_name=f"P{i}")) for i in range(3)]
    snapshot = services.contacts.delete(ids[:2])
    assert snapshot.label == "Delete 2 people"
    assert services.contacts.count() == 1
    services.contacts.restore(snapshot)
    assert services.contacts.count() == 3


def test_delete_of_missing_contact_says_so(services: Services) -> None:
    with pytest.raises(NotFoundError):
        services.contacts.delete([12345])


def test_detail_lists_open_followups_first(services: Services) -> None:
    contact_id = services.contacts.create(ContactInput(formatted_name="Ann"))
    done = services.followups.add(contact_id, "Old thing", date(2024, 1, 1))
    later = services.followups.add(contact_id, "Later thing", date(2024, 3, 1))
    sooner = services.followups.add(contact_id, "Sooner thing", date(2024, 2, 1))
    services.followups.set_done(done)
    detail = services.contacts.get(contact_id)
    assert [f.id for f in detail.followups] == [sooner, later, done]


def test_every_bad_email_phone_and_web_address_is_reported_at_once(services: Services) -> None:
    with pytest.raises(ValidationError) as caught:
        services.contacts.create(
            ContactInput(
                formatted_name="Zoe Park",
                emails=["not-an-email", "zoe@@x", "good@example.org"],
                phones=["12", "+44 20 7946 0958", "abc"],
                urls=["javascript:alert(1)", "not a url", "example.org/zoe"],
            )
        )
    errors = caught.value.errors
    assert errors["emails"].count("\n") == 1 and "zoe@@x" in errors["emails"]
    assert errors["phones"].count("\n") == 1 and "abc" in errors["phones"]
    assert errors["urls"].count("\n") == 1 and "javascript:alert(1)" in errors["urls"]
    assert services.contacts.count() == 0


def test_web_addresses_get_a_scheme_and_duplicates_are_dropped(services: Services) -> None:
    cid = services.contacts.create(
        ContactInput(
            formatted_name="Zoe Park",
            emails=["zoe@example.org", "ZOE@example.org"],
            phones=["+44 20 7946 0958", "+44 (0)20 7946 0958"],
            urls=["example.org/zoe", "https://social.example/@zoe"],
        )
    )
    zoe = services.contacts.get(cid)
    assert zoe.emails == ("zoe@example.org",)
    assert [p.e164 for p in zoe.phones] == ["+442079460958"]
    assert zoe.urls == ("https://example.org/zoe", "https://social.example/@zoe")


def test_a_name_typed_in_one_piece_sorts_by_its_last_word(services: Services) -> None:
    services.contacts.create(ContactInput(formatted_name="Ann Tabtest"))
    services.contacts.create(ContactInput(given_name="Bea", family_name="Andersson"))
    services.contacts.create(ContactInput(given_name="Cy", family_name="Zorn"))
    assert [r.name for r in services.search.page()] == ["Bea Andersson", "Ann Tabtest", "Cy Zorn"]


def test_values_longer_than_their_columns_are_refused_beside_their_fields(
    services: Services,
) -> None:
    # PostgreSQL would refuse them at commit; SQLite would keep them whole.
    with pytest.raises(ValidationError) as caught:
        services.contacts.create(
            ContactInput(
                formatted_name="N" * 300,
                organization="O" * 300,
                emails=["a" * 330 + "@example.org"],
                urls=["https://example.org/" + "x" * 2100],
            )
        )
    errors = caught.value.errors
    assert set(errors) == {"name", "organization", "emails", "urls"}
    assert "at most 255" in errors["name"]
    assert "too long (at most 2,048)" in errors["urls"]
    assert services.contacts.count() == 0
