"""Follow-ups as tasks: ticked done on the phone is done here, and the other way round."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from netdesk.models import FollowUp
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from tests.sync.accounts import add_account, sync
from tests.sync.phone import Phone
from tests.sync.servers import DavTestServer


def _task_with(phone: Phone, words: str) -> tuple[str, str]:
    (found,) = [(h, t) for h, t in phone.tasks().items() if words in t]
    return found


def test_a_follow_up_done_on_the_phone_is_done_here_and_back(
    services: Services, dav_server: DavTestServer
) -> None:
    add_account(services, dav_server, ("contacts", "tasks"))
    ada = services.contacts.create(ContactInput(formatted_name="Ada Lovelace"))
    slides = services.followups.add(ada, "Send the slides", date(2026, 12, 10))
    intro = services.followups.add(ada, "Introduce to Babbage", None)
    with Phone(dav_server) as phone:
        report = sync(services, dav_server)
        assert report.sent == 3  # the contact and two tasks
        href, text = _task_with(phone, "Send the slides")
        assert "X-NETDESK-FOLLOWUP-ID:" in text and "With Ada Lovelace" in text
        assert "DUE;VALUE=DATE:20261210" in text

        phone.complete_task(href)
        report = sync(services, dav_server)
        assert report.received == 1
        assert services.followups.get(slides).done_at is not None
        assert services.followups.get(intro).done_at is None

        services.followups.set_done(intro)
        sync(services, dav_server)
        _, text = _task_with(phone, "Introduce to Babbage")
        assert "STATUS:COMPLETED" in text and "COMPLETED:" in text
        again = sync(services, dav_server)
        assert (again.sent, again.received) == (0, 0)


def test_a_task_made_on_the_phone_is_left_alone(
    services: Services, dav_server: DavTestServer
) -> None:
    add_account(services, dav_server, ("contacts", "tasks"))
    with Phone(dav_server) as phone:
        phone.put_task("Buy milk", uid="MILK-1")
        sync(services, dav_server)
        sync(services, dav_server)
        with services.db.Session() as session:
            assert session.scalar(select(func.count(FollowUp.id))) == 0
        assert len(phone.tasks()) == 1


def test_a_task_deleted_on_the_phone_keeps_the_follow_up_here(
    services: Services, dav_server: DavTestServer
) -> None:
    add_account(services, dav_server, ("contacts", "tasks"))
    ada = services.contacts.create(ContactInput(formatted_name="Ada Lovelace"))
    kept = services.followups.add(ada, "Send the slides", None)
    with Phone(dav_server) as phone:
        sync(services, dav_server)
        href, _ = _task_with(phone, "Send the slides")
        phone.delete_task(href)
        sync(services, dav_server)
        assert services.followups.get(kept).action == "Send the slides"
        assert phone.tasks() == {}
