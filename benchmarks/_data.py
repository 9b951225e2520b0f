"""The benchmark database: 100,000 people and 1,000 events from `netdesk demo`, made once and
kept in the temp folder between runs (delete it to rebuild)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from netdesk.db import open_database

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
