"""CardService: QR cards for a contact and for "me", finding a contact by email or UID, and
the badges of an event with the fields each attendee agreed to share."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from netdesk.cards.payload import PayloadFormat
from netdesk.cards.qr import qr_code
from netdesk.cards.share import BADGE_DEFAULT_FIELDS, CARD_DEFAULT_FIELDS
from netdesk.models.attendance import RegistrationStatus, Role
from netdesk.services.cards import BadgeSelection
from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from tests.formats.independent_vcard import Card, parse_vcards


def card_of(payload: str) -> Card:
    (card,) = parse_vcards(payload.encode("utf-8"))
    return card


def person(services: Services, given: str, family: str, **more: object) -> int:
    return services.contacts.create(
        ContactInput(given_name=given, family_name=family, **more)  # type: ignore[arg-type]
    )


@pytest.fixture
def zoe(services: Services) -> int:
    return person(
        services,
        "Zoë",
        "Müller",
        organization="Société Générale",
        title="Head of research",
        emails=["Zoe.Muller@SG.example", "zoe@home.example"],
        phones=["+33 1 23 45 67 89"],
        urls=["https://zoe.example/"],
        birthday=date(1984, 2, 29),
        note="Owes me a coffee",
        tags=["vip"],
    )


# ---- QR cards -------------------------------------------------------------------------------


def test_card_for_a_contact_holds_the_chosen_fields_and_its_code(
    services: Services, zoe: int
) -> None:
    card = services.cards.card(zoe, ("name", "organization", "email"))
    assert (card.contact_id, card.name, card.format) == (zoe, "Zoë Müller", PayloadFormat.VCARD)
    assert card.fields == ("name", "organization", "email")
    assert card.code is qr_code(card.payload)
    assert card.warning == ""
    parsed = card_of(card.payload)
    assert [p.name for p in parsed.props] == ["VERSION", "N", "FN", "ORG", "EMAIL"]
    assert parsed.one("EMAIL").text() == "Zoe.Muller@SG.example"
    for private in ("coffee", "1984", "vip", "TITLE", "TEL"):
        assert private not in card.payload


def test_card_in_mecard_with_every_default_field(services: Services, zoe: int) -> None:
    card = services.cards.card(zoe, CARD_DEFAULT_FIELDS, PayloadFormat.MECARD)
    assert card.payload.startswith("MECARD:N:Müller,Zoë;ORG:Société Générale;")
    assert (
        "TEL:+33 1 23 45 67 89;" in card.payload and "URL:https\\://zoe.example/;" in card.payload
    )
    assert "coffee" not in card.payload


def test_my_card_is_the_contact_marked_me(services: Services, zoe: int) -> None:
    assert services.cards.me_id() is None
    me = person(services, "Ada", "Lovelace", organization="Engines", is_me=True)
    assert services.cards.me_id() == me
    card = services.cards.card(me, CARD_DEFAULT_FIELDS)
    assert card.name == "Ada Lovelace"
    assert card_of(card.payload).one("ORG").components() == ["Engines"]


def test_card_of_a_missing_contact_is_not_found(services: Services) -> None:
    with pytest.raises(NotFoundError):
        services.cards.card(12345, CARD_DEFAULT_FIELDS)


def test_find_contact_by_any_email_in_any_case_or_by_uid(services: Services, zoe: int) -> None:
    other = person(services, "Grace", "Hopper", emails=["grace@navy.example"])
    assert services.cards.find_contact("zoe.muller@sg.example") == zoe
    assert services.cards.find_contact("  ZOE@HOME.EXAMPLE ") == zoe
    assert services.cards.find_contact("grace@navy.example") == other
    uid = services.cards.record(other).uid
    assert uid
    assert services.cards.find_contact(uid) == other
    with pytest.raises(NotFoundError, match=r"nobody@example\.org"):
        services.cards.find_contact("nobody@example.org")
    with pytest.raises(ValidationError):
        services.cards.find_contact("   ")


def test_find_contact_refuses_an_email_two_people_share(services: Services) -> None:
    person(services, "Ann", "One", emails=["team@example.org"])
    person(services, "Bob", "Two", emails=["Team@Example.org"])
    with pytest.raises(ValidationError) as error:
        services.cards.find_contact("team@example.org")
    assert "More than one contact" in error.value.errors["contact"]


# ---- badges ---------------------------------------------------------------------------------


@pytest.fixture
def conference(services: Services) -> dict[str, int]:
    """An event with four people registered, one checked in, one cancelled; ids by name."""
    event = services.events.create(
        EventInput(name="PyCon Lisbon", starts_at=datetime(2025, 9, 1, 9, tzinfo=UTC))
    )
    ids = {"event": event}
    people = [
        ("Ada", "Lovelace", Role.SPEAKER, RegistrationStatus.CHECKED_IN),
        ("Grace", "Hopper", Role.STAFF, RegistrationStatus.REGISTERED),
        ("Alan", "Turing", Role.ATTENDEE, RegistrationStatus.REGISTERED),
        ("Barbara", "Liskov", Role.SPONSOR, RegistrationStatus.CANCELLED),
    ]
    for given, family, role, status in people:
        contact = person(
            services,
            given,
            family,
            organization=f"{family} Labs",
            title="Engineer",
            emails=[f"{given.lower()}@example.org"],
            phones=["+44 20 7946 0000"],
        )
        ids[given] = contact
        ids[f"{given} attendance"] = services.events.add_attendee(
            event, contact, role=role.value, status=status.value
        )
    return ids


def names(badges: list) -> list[str]:  # type: ignore[type-arg]
    return [badge.full_name for badge in badges]


def test_badges_of_everybody_in_name_order_without_the_cancelled(
    services: Services, conference: dict[str, int]
) -> None:
    badges = services.cards.badges(conference["event"])
    assert names(badges) == ["Grace Hopper", "Ada Lovelace", "Alan Turing"]
    ada = badges[1]
    assert (ada.first_name, ada.organization, ada.title, ada.role) == (
        "Ada",
        "Lovelace Labs",
        "Engineer",
        "speaker",
    )
    assert (ada.attendance_id, ada.contact_id) == (
        conference["Ada attendance"],
        conference["Ada"],
    )
    assert not ada.printed


def test_badge_codes_hold_name_organisation_and_title_by_default(
    services: Services, conference: dict[str, int]
) -> None:
    for badge in services.cards.badges(conference["event"]):
        card = card_of(badge.payload)
        assert [p.name for p in card.props] == ["VERSION", "N", "FN", "ORG", "TITLE"]
        assert card.one("FN").text() == badge.full_name
        assert "@" not in badge.payload and "+44" not in badge.payload
    assert BADGE_DEFAULT_FIELDS == ("name", "organization", "title")


def test_email_goes_on_a_badge_only_where_the_attendee_agreed(
    services: Services, conference: dict[str, int]
) -> None:
    services.cards.set_shared_fields(conference["Alan attendance"], ["email", "bogus"])
    badges = {b.first_name: b for b in services.cards.badges(conference["event"])}
    alan = card_of(badges["Alan"].payload)
    # The name always goes in, even when left out of the agreed fields.
    assert [p.name for p in alan.props] == ["VERSION", "N", "FN", "EMAIL"]
    assert alan.one("EMAIL").text() == "alan@example.org"
    assert "@" not in badges["Ada"].payload and "@" not in badges["Grace"].payload


def test_set_shared_fields_of_a_missing_attendance_is_not_found(services: Services) -> None:
    with pytest.raises(NotFoundError):
        services.cards.set_shared_fields(999, ["name"])


def test_mark_printed_and_select_the_not_yet_printed(
    services: Services, conference: dict[str, int]
) -> None:
    event = conference["event"]
    assert services.cards.mark_printed([conference["Ada attendance"]]) == 1
    not_printed = services.cards.badges(event, BadgeSelection.NOT_PRINTED)
    assert names(not_printed) == ["Grace Hopper", "Alan Turing"]
    printed = [b for b in services.cards.badges(event) if b.printed]
    assert names(printed) == ["Ada Lovelace"]
    services.cards.mark_printed([conference["Ada attendance"]], printed=False)
    assert len(services.cards.badges(event, BadgeSelection.NOT_PRINTED)) == 3


def test_select_the_checked_in(services: Services, conference: dict[str, int]) -> None:
    checked_in = services.cards.badges(conference["event"], BadgeSelection.CHECKED_IN)
    assert names(checked_in) == ["Ada Lovelace"]


def test_people_picked_by_hand_even_a_cancelled_one(
    services: Services, conference: dict[str, int]
) -> None:
    picked = services.cards.badges(
        conference["event"], contact_ids=[conference["Alan"], conference["Barbara"]]
    )
    assert names(picked) == ["Barbara Liskov", "Alan Turing"]
    assert services.cards.badges(conference["event"], contact_ids=[]) == []


def test_badges_of_a_missing_event_is_not_found(services: Services) -> None:
    with pytest.raises(NotFoundError):
        services.cards.badges(4242)


def test_a_badge_whose_agreed_fields_overflow_a_code_falls_back_to_what_fits(
    services: Services,
) -> None:
    event_id = services.events.create(EventInput(name="Expo", starts_at=datetime.now(UTC)))
    # Within every column's length, but together more than a QR code holds (3,400 bytes).
    long_url = "https://example.org/" + "a" * 2020
    contact_id = services.contacts.create(
        ContactInput(
            formatted_name="Lena Park",
            organization="株式会社" * 50,
            title="研究開発" * 60,
            urls=[long_url],
        )
    )
    attendance = services.events.add_attendee(event_id, contact_id)
    services.cards.set_shared_fields(attendance, ["name", "organization", "title", "url"])

    [badge] = services.cards.badges(event_id)

    assert "URL" not in badge.payload and "株式会社" in badge.payload
    assert qr_code(badge.payload).version > 0
