"""Finding the same person twice among existing contacts, merging, and undoing the merge."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from netdesk.services.errors import ServiceError, ValidationError
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services


def _person(services: Services, name: str, **fields: object) -> int:
    return services.contacts.create(ContactInput(formatted_name=name, **fields))  # type: ignore[arg-type]


def test_groups_by_email_phone_and_name(services: Services) -> None:
    a1 = _person(services, "Ada Lovelace", emails=["ada@example.org"], organization="Engines")
    a2 = _person(services, "A. Lovelace", emails=["ADA@example.org"])
    g1 = _person(services, "Grace Hopper", phones=["+1 202 555 0100"])
    g2 = _person(services, "Grace M. Hopper", phones=["+1 (202) 555-0100"])
    t1 = _person(services, "Alan Turing", organization="Bletchley Park")
    t2 = _person(services, "Alan Turring", organization="Bletchley Park")
    _person(services, "Alan Smith", organization="Elsewhere")
    _person(services, "John Smith", organization="Acme")
    _person(services, "John Smith", organization="Globex")  # namesakes, different firms
    groups = services.duplicates.find()
    found = {frozenset(g.contact_ids): g for g in groups}
    assert set(found) == {frozenset({a1, a2}), frozenset({g1, g2}), frozenset({t1, t2})}
    assert found[frozenset({a1, a2})].contact_ids[0] == a1  # the more complete one first
    assert found[frozenset({a1, a2})].reason == "same email ADA@example.org"
    assert found[frozenset({t1, t2})].reason == "similar name, same organisation"


def test_merge_unions_details_moves_history_and_undo_restores_it(services: Services) -> None:
    keep = _person(services, "Ada Lovelace", emails=["ada@example.org"], note="Poet's daughter")
    other = _person(
        services,
        "Ada Lovelace",
        emails=["ada@engines.org"],
        phones=["+44 20 7946 0958"],
        organization="Analytical Engines",
        birthday=date(1815, 12, 10),
        note="Wrote the first program",
        tags=["math"],
    )
    event = services.events.create(
        EventInput(name="Babbage soirée", starts_at=datetime(2026, 5, 1, 18, tzinfo=UTC))
    )
    services.events.add_attendee(event, other)
    services.notes.add(other, "Talked about Bernoulli numbers", event_id=event)
    before_keep, before_other = services.contacts.get(keep), services.contacts.get(other)

    snapshot = services.duplicates.merge(keep, [other])
    assert snapshot.label == "Merge 2 people into Ada Lovelace"
    merged = services.contacts.get(keep)
    assert merged.emails == ("ada@example.org", "ada@engines.org")
    assert [p.e164 for p in merged.phones] == ["+442079460958"]
    assert merged.organization == "Analytical Engines"
    assert merged.birthday == date(1815, 12, 10)
    assert merged.note == "Poet's daughter\n\nWrote the first program"
    assert merged.tags == ("math",)
    assert [m.event_name for m in merged.meetings] == ["Babbage soirée"]
    assert [n.body for m in merged.meetings for n in m.notes] == ["Talked about Bernoulli numbers"]
    assert services.contacts.count() == 1
    assert services.duplicates.find() == []

    services.duplicates.restore(snapshot)
    assert services.contacts.count() == 2
    assert services.contacts.get(keep) == before_keep
    assert services.contacts.get(other) == before_other
    assert [r.name for r in services.search.page("engines")] == ["Ada Lovelace"]


def test_undo_refuses_when_the_merged_contact_changed_since(services: Services) -> None:
    keep = _person(services, "Ada Lovelace", emails=["ada@example.org"])
    other = _person(services, "Ada Lovelace", emails=["ada@example.org"])
    snapshot = services.duplicates.merge(keep, [other])
    services.notes.add(keep, "A note written after the merge")
    with pytest.raises(ServiceError, match="changed since"):
        services.duplicates.restore(snapshot)
    assert services.contacts.count() == 1  # nothing half-undone


def test_merging_needs_two_people(services: Services) -> None:
    keep = _person(services, "Ada Lovelace")
    with pytest.raises(ValidationError):
        services.duplicates.merge(keep, [keep])


def test_namesakes_with_different_emails_are_only_possible_duplicates(
    services: Services,
) -> None:
    john = _person(services, "John Smith", emails=["john@acme.example"])
    jsmith = _person(services, "John Smith", emails=["jsmith@globex.example"])
    jon = _person(services, "Jon Smith", organization="Initech", emails=["jon@initech.example"])
    ann = _person(services, "Ann Lee", organization="Acme", phones=["+49 30 1111111"])
    ann2 = _person(services, "Ann Lee", organization="Acme", phones=["+49 30 2222222"])
    groups = services.duplicates.find()
    assert [(set(g.contact_ids), g.reason, g.possible) for g in groups] == [
        ({ann, ann2}, "same name and organisation, but different phone numbers", True),
        ({john, jsmith}, "same name, but different email addresses", True),
    ]
    # A John Smith at Initech, with yet another address, may be either John Smith: one group
    # to review, never merged unasked. Jon Smith, a near name with another address, is not.
    initech = _person(services, "John Smith", organization="Initech", emails=["js@initech.example"])
    johns = [g for g in services.duplicates.find() if "John Smith" in g.names]
    assert [(set(g.contact_ids), g.possible) for g in johns] == [({john, jsmith, initech}, True)]
    # Without an email, nothing says that a John Smith at Initech is someone else.
    twin = _person(services, "John Smith", organization="Initech")
    groups = services.duplicates.find()
    sure = [g for g in groups if not g.possible]
    assert [(g.contact_ids, g.reason) for g in sure] == [
        ((initech, twin), "same name and organisation")
    ]
    # The possible group holds that pair too, to review besides: merging the pair first (it
    # is sure) leaves the namesakes to decide about.
    possible = [set(g.contact_ids) for g in groups if g.possible]
    assert {john, jsmith, jon, initech, twin} in possible
    services.duplicates.merge_groups([g.contact_ids for g in sure])
    johns = [g for g in services.duplicates.find() if "John Smith" in g.names]
    assert [(set(g.contact_ids), g.possible) for g in johns] == [({john, jsmith, initech}, True)]


def test_the_sure_groups_come_first_and_only_they_are_merged_all_at_once(
    services: Services,
) -> None:
    a1 = _person(services, "Ada Lovelace", emails=["ada@example.org"])
    a2 = _person(services, "Ada Lovelace", emails=["ADA@example.org"], organization="Engines")
    _person(services, "Bo Lind", emails=["bo@one.example"])
    _person(services, "Bo Lind", emails=["bo@two.example"])
    groups = services.duplicates.find()
    assert [g.possible for g in groups] == [False, True]
    assert services.duplicates.merge_groups([g.contact_ids for g in groups if not g.possible]) == 1
    assert {a1, a2} - {c for g in services.duplicates.find() for c in g.contact_ids} == {a1, a2}
    assert services.contacts.count() == 3


def test_uids_of_cards_tell_namesakes_apart_but_made_up_ones_do_not() -> None:
    from netdesk.services.matching import Keys, Matcher

    matcher = Matcher()
    matcher.add(1, Keys("card-1", [], [], "Ann Lee", "Acme", source="vcard"))
    other = matcher.match(Keys("card-2", [], [], "Ann Lee", "Acme", source="vcard"))
    assert other is not None and other.possible
    assert other.reason == "same name and organisation, but different UIDs"
    # Another kind of source (a QR code, a hand-typed contact) or a UID netdesk made up for
    # a card that had none says nothing.
    for keys in (
        Keys("qr-7", [], [], "Ann Lee", "Acme", source="qr"),
        Keys(
            "urn:uuid:0f0e3c2a-5b7d-4e7f-9a51-1c2d3e4f5a6b", [], [], "Ann Lee", "", source="vcard"
        ),
    ):
        same = matcher.match(keys)
        assert same is not None and not same.possible, keys


def test_undo_refuses_after_any_edit_of_the_merged_contact(services: Services) -> None:
    keep = _person(services, "Ann Lee", emails=["a@example.org"])
    other = _person(services, "Ann Lee", emails=["b@example.org"], organization="Lee & Co")
    snapshot = services.duplicates.merge(keep, [other])
    edited = services.contacts.get(keep).as_input()
    edited.emails.append("new@example.org")  # an edit that leaves updated_at alone
    services.contacts.update(keep, edited)
    with pytest.raises(ServiceError, match="changed since"):
        services.duplicates.restore(snapshot)
    assert "new@example.org" in services.contacts.get(keep).emails


def test_the_same_name_three_times_with_nothing_else_is_one_sure_group(
    services: Services,
) -> None:
    triplets = [_person(services, "John Smith", organization="Acme") for _ in range(3)]
    groups = services.duplicates.find()
    assert [(set(g.contact_ids), g.possible) for g in groups] == [(set(triplets), False)]


def test_a_name_alone_that_two_told_apart_people_have_is_only_a_possible_duplicate(
    services: Services,
) -> None:
    """Two John Smiths at Acme with their own emails, and a third with nothing but the name:
    the third was grouped surely with the first, for `duplicates --merge` to merge."""
    first = _person(services, "John Smith", organization="Acme", emails=["js1@acme.example"])
    second = _person(services, "John Smith", organization="Acme", emails=["js2@acme.example"])
    third = _person(services, "John Smith", organization="Acme")
    groups = services.duplicates.find()
    assert [(set(g.contact_ids), g.possible) for g in groups] == [({first, second, third}, True)]


def _attended(services: Services, event: int, person: int, **fields: object) -> int:
    attendance = services.events.add_attendee(event, person)
    services.events.update_attendance(attendance, **fields)  # type: ignore[arg-type]
    return attendance


def test_two_people_at_the_same_event_become_one_attendance_with_both_notes(
    services: Services,
) -> None:
    keep = _person(services, "Ada Lovelace", emails=["ada@example.org"])
    other = _person(services, "Ada Lovelace", emails=["ada@example.org"])
    soiree = services.events.create(
        EventInput(name="Babbage soirée", starts_at=datetime(2026, 5, 1, 18, tzinfo=UTC))
    )
    salon = services.events.create(
        EventInput(name="Salon", starts_at=datetime(2026, 6, 1, 18, tzinfo=UTC))
    )
    _attended(services, soiree, keep, notes="Sat in the front row")
    _attended(
        services,
        soiree,
        other,
        role="speaker",
        status="checked in",
        met=True,
        notes="Spoke about the engine",
        badge_printed=True,
    )
    _attended(services, salon, other, notes="Came late")
    services.notes.add(keep, "Asked about punched cards", event_id=soiree)
    services.notes.add(other, "Promised her notes", event_id=soiree)

    services.duplicates.merge(keep, [other])

    (at_soiree,) = services.events.attendees(soiree)
    assert (at_soiree.contact_id, at_soiree.role, at_soiree.status) == (
        keep,
        "speaker",
        "checked in",
    )
    assert at_soiree.met and at_soiree.badge_printed
    assert at_soiree.notes == "Sat in the front row\n\nSpoke about the engine"
    (at_salon,) = services.events.attendees(salon)
    assert (at_salon.contact_id, at_salon.notes) == (keep, "Came late")
    meetings = {m.event_name: m for m in services.contacts.get(keep).meetings}
    assert sorted(meetings) == ["Babbage soirée", "Salon"]
    assert sorted(n.body for n in meetings["Babbage soirée"].notes) == [
        "Asked about punched cards",
        "Promised her notes",
    ]


def test_the_kept_persons_role_and_better_status_stay_when_merging_an_attendance(
    services: Services,
) -> None:
    keep = _person(services, "Ada Lovelace", emails=["ada@example.org"])
    other = _person(services, "Ada Lovelace", emails=["ada@example.org"])
    soiree = services.events.create(
        EventInput(name="Babbage soirée", starts_at=datetime(2026, 5, 1, 18, tzinfo=UTC))
    )
    _attended(services, soiree, keep, role="organiser", status="checked in", notes="Host")
    _attended(services, soiree, other, role="speaker", status="cancelled", notes="Host")

    services.duplicates.merge(keep, [other])

    (at_soiree,) = services.events.attendees(soiree)
    assert (at_soiree.contact_id, at_soiree.role, at_soiree.status) == (
        keep,
        "organiser",
        "checked in",
    )
    assert not at_soiree.met and not at_soiree.badge_printed
    assert at_soiree.notes == "Host"
