"""Events go to the chosen calendar as VEVENTs; netdesk's version is the one kept."""

from __future__ import annotations

from datetime import UTC, datetime

from netdesk.services.records import EventInput
from netdesk.services.service_set import Services
from tests.sync.accounts import add_account, sync
from tests.sync.phone import Phone
from tests.sync.servers import DavTestServer


def _events(phone: Phone) -> dict[str, str]:
    return phone._read_all(dav_calendar(phone), "calendar")


def dav_calendar(phone: Phone) -> str:
    return phone.server.calendar_url


def test_events_go_to_the_calendar_and_follow_changes_here(
    services: Services, dav_server: DavTestServer
) -> None:
    add_account(services, dav_server, ("contacts", "events"))
    start = datetime(2027, 3, 4, 9, 0, tzinfo=UTC)
    conf = services.events.create(
        EventInput(name="PyCon DE", kind="conference", starts_at=start, city="Berlin")
    )
    meetup = services.events.create(EventInput(name="Python Meetup", starts_at=start))
    with Phone(dav_server) as phone:
        assert sync(services, dav_server).sent == 2
        texts = _events(phone)
        assert len(texts) == 2
        assert any("SUMMARY:PyCon DE" in t for t in texts.values())

        data = services.events.get(conf).as_input()
        data.name = "PyCon DE & PyData"
        services.events.update(conf, data)
        assert sync(services, dav_server).sent == 1
        texts = _events(phone)
        assert any("SUMMARY:PyCon DE & PyData" in t for t in texts.values())

        services.events.delete(meetup)
        assert sync(services, dav_server).deleted == 1
        assert len(_events(phone)) == 1
        again = sync(services, dav_server)
        assert (again.sent, again.received, again.deleted) == (0, 0, 0)
