"""A card that moves on the server: the phone deletes it and writes it again under another name
with the same UID (what some clients do for an edit, and what a server's clean-up does). The
person here stays one person, keeps their notes, events and follow-ups, and is linked to the
card's new address; nothing is marked "removed from" the account."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import text

from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.store import open_database
from tests.sync import hostile_world
from tests.sync.hostile_world import add_account, assert_each_once, server_cards, sql, sync
from tests.sync.phone import Phone, ios_card
from tests.sync.servers import DavTestServer

sync_env = hostile_world.sync_env

OTHERS = ("Grace Hopper", "Alan Turing", "Hedy Lamarr", "Bob Kahn")


def test_a_card_moved_on_the_server_stays_one_person_with_what_netdesk_knows(
    dav_server: DavTestServer, tmp_path: Path, sync_env: dict[str, str]
) -> None:
    db_path = tmp_path / "netdesk.sqlite"
    db = open_database(f"sqlite:///{db_path}")
    try:
        services = Services(db)
        ada = services.contacts.create(ContactInput("Ada Lovelace", emails=["ada@example.org"]))
        services.notes.add(ada, "Talked about the Analytical Engine")
        event = services.events.create(
            EventInput(name="Salon", starts_at=datetime(2026, 5, 1, 18, tzinfo=UTC))
        )
        services.events.add_attendee(event, ada)
        services.followups.add(ada, "Send Ada the notes", date(2026, 12, 20))
        for name in OTHERS:  # a move of one of five is no mass deletion
            services.contacts.create(ContactInput(name))
    finally:
        db.close()
    add_account(db_path, dav_server.url)
    assert sync(db_path).status == 0

    with Phone(dav_server) as phone:
        [old] = [c for c in server_cards(dav_server) if c.name == "Ada Lovelace"]
        phone.delete_card(old.href)
        moved = ios_card("Ada Lovelace", uid=old.uid, emails=("ada@example.org",), title="Countess")
        phone.put_card("moved-ada", moved)

    done = sync(db_path)
    assert done.status == 0, done.err
    people, _cards = assert_each_once(db_path, dav_server)
    [here] = [p for p in people if p.name == "Ada Lovelace"]
    assert here.title == "Countess"
    with sql(db_path) as conn:
        ids = conn.execute(  # type: ignore[attr-defined]
            text("SELECT id FROM contacts WHERE formatted_name = 'Ada Lovelace'")
        ).all()
        assert len(ids) == 1
        (contact_id,) = ids[0]
        assert contact_id == ada, "Ada became a new contact: what netdesk knew is elsewhere"
        unlinked = conn.execute(  # type: ignore[attr-defined]
            text("SELECT count(*) FROM sync_unlinked")
        ).scalar()
        assert unlinked == 0, "marked removed from the account though the card is there"
        kept = [
            conn.execute(  # type: ignore[attr-defined]
                text(f"SELECT count(*) FROM {table} WHERE contact_id = :c"), {"c": ada}
            ).scalar()
            for table in ("notes", "attendances", "followups")
        ]
        assert kept == [1, 1, 1], "notes, attendance, follow-up"
    assert "sent 0, received 0, deleted 0" in sync(db_path).out


def test_a_card_netdesk_sent_and_the_phone_deleted_is_seen_to_go(
    dav_server: DavTestServer, tmp_path: Path, sync_env: dict[str, str]
) -> None:
    """Made here, sent, deleted on the phone before the next sync: a token from before the
    card was sent may not report it gone (Xandikos does not), yet the next sync must."""
    db_path = tmp_path / "netdesk.sqlite"
    db = open_database(f"sqlite:///{db_path}")
    try:
        services = Services(db)
        for name in OTHERS:
            services.contacts.create(ContactInput(name))
    finally:
        db.close()
    add_account(db_path, dav_server.url)
    assert sync(db_path).status == 0
    db = open_database(f"sqlite:///{db_path}")
    try:
        Services(db).contacts.create(ContactInput("Short Lived", emails=["short@example.org"]))
    finally:
        db.close()
    assert sync(db_path).status == 0
    with Phone(dav_server) as phone:
        [card] = [c for c in server_cards(dav_server) if c.name == "Short Lived"]
        phone.delete_card(card.href)
    done = sync(db_path)
    assert done.status == 0, done.err
    assert "deleted 1" in done.out
    people, _ = assert_each_once(db_path, dav_server)
    assert sorted(p.name for p in people) == sorted(OTHERS)
