"""Tags: names for completion, counts, rename and delete."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.services.tags import TagUsage


def _person(services: Services, name: str, tags: list[str]) -> int:
    return services.contacts.create(ContactInput(formatted_name=name, tags=tags))


def test_names_are_alphabetical_and_unique(services: Services) -> None:
    _person(services, "Ann", ["investor", "Berlin"])
    _person(services, "Bob", ["Investor", "ai"])
    assert services.tags.names() == ["ai", "Berlin", "investor"]


def test_all_counts_people_and_events_apart(services: Services) -> None:
    _person(services, "Ann", ["Berlin"])
    _person(services, "Bob", ["Berlin", "AI"])
    for name in ("Summit", "Meetup"):
        services.events.create(
            EventInput(name=name, starts_at=datetime(2026, 5, 1, tzinfo=UTC), tags=["Berlin"])
        )
    services.events.create(
        EventInput(name="Demo", starts_at=datetime(2026, 6, 1, tzinfo=UTC), tags=["Fintech"])
    )
    _person(services, "Cy", ["Spare"])
    services.contacts.update(
        services.search.page("Cy")[0].id, ContactInput(formatted_name="Cy")
    )  # a tag nobody carries any more
    assert services.tags.all() == [
        TagUsage("AI", people=1, events=0),
        TagUsage("Berlin", people=2, events=2),
        TagUsage("Fintech", people=0, events=1),
        TagUsage("Spare", people=0, events=0),
    ]


def test_rename_follows_into_search(services: Services) -> None:
    ann = _person(services, "Ann", ["Berlin"])
    services.tags.rename("berlin", "Hamburg")
    assert services.contacts.get(ann).tags == ("Hamburg",)
    assert [r.id for r in services.search.page("hamburg")] == [ann]


def test_rename_returns_the_old_name_as_spelled_so_it_can_be_undone(services: Services) -> None:
    ann = _person(services, "Ann", ["Berlin"])
    assert services.tags.rename("berlin", "  Hamburg   city ") == "Berlin"
    assert services.tags.rename("hamburg city", "Berlin") == "Hamburg city"
    assert services.contacts.get(ann).tags == ("Berlin",)


def test_rename_to_an_existing_tag_is_refused(services: Services) -> None:
    _person(services, "Ann", ["Berlin", "Hamburg"])
    with pytest.raises(ValidationError) as caught:
        services.tags.rename("Berlin", "hamburg")
    assert "name" in caught.value.errors


def test_delete_removes_it_from_contacts_and_search(services: Services) -> None:
    ann = _person(services, "Ann", ["Zeppelin"])
    assert [r.id for r in services.search.page("zeppelin")] == [ann]
    services.tags.delete("zeppelin")
    assert services.contacts.get(ann).tags == ()
    assert services.search.page("zeppelin") == []
    with pytest.raises(NotFoundError):
        services.tags.delete("zeppelin")
