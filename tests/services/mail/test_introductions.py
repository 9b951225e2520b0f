"""Introductions: recorded by hand or by an introduction email marked sent, shown on both
people; a discarded email leaves none behind."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from netdesk.models import Introduction
from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.services.introductions import made
from netdesk.services.service_set import Services
from tests.services.mail.helpers import person


def _made(services: Services) -> int:
    with services.db.Session() as session:
        return session.scalar(select(func.count(Introduction.id)).where(made())) or 0


def test_recorded_by_hand_shows_on_both_newest_first(services: Services) -> None:
    ana, bo, cy = person(services, "Ana"), person(services, "Bo"), person(services, "Cy")
    first = services.introductions.record(ana, bo, date(2025, 1, 2), "  both in solar ")
    second = services.introductions.record(cy, ana, date(2025, 3, 4))
    rows = services.introductions.for_contact(ana)
    assert [(r.id, r.other_name, r.introduced_on) for r in rows] == [
        (second, "Cy", date(2025, 3, 4)),
        (first, "Bo", date(2025, 1, 2)),
    ]
    assert rows[1].reason == "both in solar"
    [for_bo] = services.introductions.for_contact(bo)
    assert (for_bo.other_id, for_bo.other_name) == (ana, "Ana")
    assert _made(services) == 2


def test_bad_introductions_are_refused(services: Services) -> None:
    ana = person(services)
    with pytest.raises(ValidationError):
        services.introductions.record(ana, ana, date(2025, 1, 2))
    with pytest.raises(NotFoundError):
        services.introductions.record(ana, ana + 999, date(2025, 1, 2))


def test_a_discarded_introduction_email_leaves_no_introduction(services: Services) -> None:
    ana, bo = person(services, "Ana"), person(services, "Bo", "bo@example.org")
    ids = services.drafts.record([services.drafts.introduce(ana, bo, "why")])
    assert _made(services) == 0  # written, not sent
    services.drafts.discard(ids[1])
    assert services.drafts.pending() == []  # both people's drafts: it was one email
    with services.db.Session() as session:
        assert session.scalar(select(func.count(Introduction.id))) == 0
    assert services.introductions.for_contact(ana) == []


def test_deleting_a_person_takes_their_introductions(services: Services) -> None:
    ana, bo = person(services, "Ana"), person(services, "Bo")
    services.introductions.record(ana, bo, date(2025, 1, 2))
    services.contacts.delete([bo])
    assert services.introductions.for_contact(ana) == []
