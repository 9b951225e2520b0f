"""The benchmark database: 100,000 people and 1,000 events from `netdesk demo`, made once and
kept in the temp folder between runs (delete it to rebuild), or the same people in a
PostgreSQL database (`big_database_url`, filled when it holds nobody yet)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from netdesk.store import open_database

PEOPLE = 100_000
EVENTS = 1_000


def big_database(people: int = PEOPLE, events: int = EVENTS, seed: int = 7) -> Path:
    path = Path(tempfile.gettempdir()) / f"netdesk-bench-{people}-{events}-{seed}.sqlite"
    if path.exists():
        return path
    from netdesk.services.demo import generate_demo

    partial = path.with_suffix(".partial")
    for leftover in partial.parent.glob(partial.name + "*"):
        leftover.unlink()
    db = open_database(f"sqlite:///{partial}")
    started = time.perf_counter()
    generate_demo(db, people=people, events=events, seed=seed)
    print(f"made {people:,} people and {events:,} events in {time.perf_counter() - started:.1f} s")
    db.close()
    partial.rename(path)
    return path


def big_database_url(url: str | None = None) -> str:
    """The SQLite benchmark file's URL, or `url` after filling it with the same demo data."""
    if url is None:
        return f"sqlite:///{big_database()}"
    from netdesk.services.demo import generate_demo
    from netdesk.services.service_set import Services

    db = open_database(url)
    try:
        if Services(db).contacts.count() == 0:
            started = time.perf_counter()
            generate_demo(db, people=PEOPLE, events=EVENTS, seed=7)
            elapsed = time.perf_counter() - started
            print(f"made {PEOPLE:,} people and {EVENTS:,} events in {elapsed:.1f} s")
    finally:
        db.close()
    return url
