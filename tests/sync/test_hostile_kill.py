"""SIGKILL of `netdesk sync` at random moments, then a clean run: nothing lost, nothing doubled.

Each kill point starts from the same story on fresh collections of a real Radicale: people here
(some with follow-ups, which go to the task list), cards on the phone (iOS-style, some the same
people as here by email), and for the "later" phase a first sync already done, then edits,
additions and deletions on both sides. `netdesk sync` runs as a process through a counting
proxy and is killed once the proxy has seen a seeded number of requests (plus a few seeded
milliseconds, so that kills also land between requests, while it writes the database). A clean
run then must leave: every person exactly once on each side (by name and UID), nobody lost,
every edit of either side on both, every follow-up once here and once on the server, and a
third run with nothing left to do.

NETDESK_SYNC_KILLS=N tries N kill points per phase (default 3); NETDESK_KILL_SEED=S repeats a
failed run's points (each failure names its seed).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.store import open_database
from tests.reliability.kill_harness import integrity
from tests.sync import hostile_world
from tests.sync.cutting_proxy import CuttingProxy
from tests.sync.hostile_world import (
    add_account,
    assert_each_once,
    local_followups,
    server_cards,
    server_tasks,
    start_sync,
    sync,
)
from tests.sync.phone import Phone, ios_card
from tests.sync.servers import RadicaleServer

if sys.platform == "win32":
    pytest.skip("SIGKILL is POSIX", allow_module_level=True)

sync_env = hostile_world.sync_env

KILLS = int(os.environ.get("NETDESK_SYNC_KILLS", "3"))
SEED = int(os.environ.get("NETDESK_KILL_SEED", random.SystemRandom().randrange(1_000_000)))
HERE = 24  # people only here at the start
THERE = 24  # cards only on the phone at the start
BOTH = 4  # the same people on both sides (same email), to be linked, not doubled


@dataclass
class Story:
    """What must hold after the kill and the clean run."""

    names: set[str] = field(default_factory=set)
    gone: set[str] = field(default_factory=set)
    titles: dict[str, str] = field(default_factory=dict)  # edited on the phone
    organizations: dict[str, str] = field(default_factory=dict)  # edited here
    followups: set[str] = field(default_factory=set)
    done: set[str] = field(default_factory=set)


def _start_state(db_path: Path, proxy: CuttingProxy, server: RadicaleServer) -> Story:
    story = Story()
    db = open_database(f"sqlite:///{db_path}")
    try:
        services = Services(db)
        for i in range(HERE + BOTH):
            name = f"Local Person{i}" if i < HERE else f"Shared Person{i - HERE}"
            contact = services.contacts.create(
                ContactInput(name, emails=[f"{name.replace(' ', '.').lower()}@here.example"])
            )
            story.names.add(name)
            if i % 4 == 0:
                action = f"Send the slides to {name}"
                services.followups.add(contact, action, date(2026, 12, 20))
                story.followups.add(action)
    finally:
        db.close()
    add_account(db_path, proxy.url, tasks=True)
    with Phone(server) as phone:
        for i in range(THERE + BOTH):
            name = f"Phone Person{i}" if i < THERE else f"Shared Person{i - THERE}"
            email = f"{name.replace(' ', '.').lower()}@here.example"
            phone.put_card(f"card-{i}", ios_card(name, emails=(email,), uid=f"PHONE-{i}"))
            story.names.add(name)
    return story


def _edit_both_sides(db_path: Path, server: RadicaleServer, story: Story) -> None:
    """After a first sync: each side adds, edits and deletes some people and follow-ups."""
    db = open_database(f"sqlite:///{db_path}")
    try:
        services = Services(db)
        ids = _ids_by_name(db_path)
        for i in range(0, 6):
            name = f"Local Person{i}"
            detail = services.contacts.get(ids[name]).as_input()
            detail.organization = f"Edited Here {i}"
            services.contacts.update(ids[name], detail)
            story.organizations[name] = detail.organization
        for i in (17, 18, 19):  # people without follow-ups
            services.contacts.delete([ids[f"Local Person{i}"]])
            story.names.discard(f"Local Person{i}")
            story.gone.add(f"Local Person{i}")
        for i in range(5):
            name = f"New Here{i}"
            contact = services.contacts.create(ContactInput(name, emails=[f"new{i}@h.example"]))
            story.names.add(name)
            action = f"Call {name} back"
            services.followups.add(contact, action, date(2026, 12, 24))
            story.followups.add(action)
        for rows in services.followups.queue().values():
            for row in rows:
                if row.action == "Send the slides to Local Person0":
                    services.followups.set_done(row.id)
                    story.done.add(row.action)
    finally:
        db.close()
    with Phone(server) as phone:
        cards = {card.name: card for card in server_cards(server)}
        for i in range(6, 12):
            name = f"Phone Person{i}"
            title = f"Edited On The Phone {i}"
            email = f"phone.person{i}@here.example"
            phone.edit_card(
                cards[name].href, ios_card(name, emails=(email,), uid=cards[name].uid, title=title)
            )
            story.titles[name] = title
        for i in range(12, 15):
            phone.delete_card(cards[f"Phone Person{i}"].href)
            story.names.discard(f"Phone Person{i}")
            story.gone.add(f"Phone Person{i}")
        for i in range(5):
            name = f"New On Phone{i}"
            phone.put_card(f"new-{i}", ios_card(name, emails=(f"np{i}@p.example",)))
            story.names.add(name)
        for href, task in phone.tasks().items():
            if "Send the slides to Local Person4" in task:
                phone.complete_task(href)
                story.done.add("Send the slides to Local Person4")


def _ids_by_name(db_path: Path) -> dict[str, int]:
    conn = sqlite3.connect(db_path)
    try:
        return dict(conn.execute("SELECT formatted_name, id FROM contacts").fetchall())
    finally:
        conn.close()


def _check(db_path: Path, server: RadicaleServer, story: Story, where: str) -> None:
    people, cards = assert_each_once(db_path, server)
    names = {p.name for p in people}
    assert story.names - names == set(), f"{where}: lost"
    assert names & story.gone == set(), f"{where}: deleted people came back"
    by_name = {p.name: p for p in people}
    card_by_name = {c.name: c for c in cards}
    for name, title in story.titles.items():
        assert by_name[name].title == title, f"{where}: the phone's edit of {name} lost here"
        assert card_by_name[name].props.get("TITLE") == title, f"{where}: phone edit undone"
    for name, org in story.organizations.items():
        assert by_name[name].organization == org, f"{where}: the edit of {name} lost here"
        assert card_by_name[name].props.get("ORG", "").split(";")[0] == org, f"{where}: not sent"
    followups = local_followups(db_path)
    actions = [action for _, action, _ in followups]
    assert sorted(actions) == sorted(story.followups), f"{where}: follow-ups lost or doubled"
    tasks = server_tasks(server)
    summaries = [task.get("SUMMARY", "") for task in tasks]
    assert sorted(summaries) == sorted(story.followups), f"{where}: tasks lost or doubled"
    done_there = {t.get("SUMMARY", "") for t in tasks if t.get("STATUS") == "COMPLETED"}
    assert done_there == story.done, f"{where}: done states on the server"
    done_here = {action for _, action, done in followups if done}
    assert done_here == story.done, f"{where}: done states"
    assert integrity(db_path) == ["ok"], f"{where}: the file is damaged"


@dataclass
class KillPoint:
    requests: int
    extra_ms: int

    def __str__(self) -> str:
        return f"after {self.requests} requests + {self.extra_ms} ms (seed {SEED})"


def _kill_at(db_path: Path, env: dict[str, str], proxy: CuttingProxy, point: KillPoint) -> bool:
    """Runs `netdesk sync` and kills it at the point; False when it finished before."""
    seen = len(proxy.requests)
    process = start_sync(db_path, env)
    try:
        while len(proxy.requests) < seen + point.requests:
            if process.poll() is not None:
                return False
            time.sleep(0.001)
        time.sleep(point.extra_ms / 1000)
        if process.poll() is not None:
            return False
        process.send_signal(signal.SIGKILL)
        process.wait(10)
        return True
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()


def _requests_of_one_run(
    tmp_path: Path, server: RadicaleServer, env: dict[str, str], phase: str
) -> int:
    """How many requests a whole run of the phase makes (a run to the end, not killed)."""
    with CuttingProxy(server.url) as proxy:
        db_path = tmp_path / "reference.sqlite"
        story = _start_state(db_path, proxy, server)
        if phase == "later":
            assert sync(db_path).status == 0
            _edit_both_sides(db_path, server, story)
        before = len(proxy.requests)
        process = start_sync(db_path, env)
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        _check(db_path, server, story, f"{phase} reference")
        return len(proxy.requests) - before


@pytest.mark.parametrize("phase", ["first", "later"])
def test_a_killed_sync_loses_and_doubles_nothing(
    radicale_server: RadicaleServer, tmp_path: Path, sync_env: dict[str, str], phase: str
) -> None:
    rng = random.Random(f"{SEED}-{phase}")
    total = _requests_of_one_run(tmp_path, radicale_server, sync_env, phase)
    assert total > 2
    # Spread over the run: one early, one late, the others anywhere.
    counts = [1, total] + [rng.randint(1, total) for _ in range(max(0, KILLS - 2))]
    killed = 0
    for number, count in enumerate(counts[:KILLS]):
        point = KillPoint(count, rng.choice([0, 0, 2, 10, 40]))
        radicale_server.reset()
        with CuttingProxy(radicale_server.url) as proxy:
            db_path = tmp_path / f"kill-{number}.sqlite"
            story = _start_state(db_path, proxy, radicale_server)
            if phase == "later":
                assert sync(db_path).status == 0
                _edit_both_sides(db_path, radicale_server, story)
            hit = _kill_at(db_path, sync_env, proxy, point)
            killed += hit
            print(f"{phase}: {point} of {total}: {'killed' if hit else 'finished first'}")
            again = sync(db_path)
            assert again.status == 0, f"{point}: the run after the kill failed: {again.err}"
            _check(db_path, radicale_server, story, str(point))
            third = sync(db_path)
            assert third.status == 0 and "sent 0, received 0, deleted 0" in third.out, (
                f"{point}: a third run still had work: {third.out}"
            )
    assert killed, f"no run was killed (seed {SEED})"
