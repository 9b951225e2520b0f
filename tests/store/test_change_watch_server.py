"""The watch of a PostgreSQL database while its server does not answer: the window polls it
in its own thread, so no check may wait long for a server that accepts and then says nothing
(a hung server, a connection through a VPN that went down)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine

from netdesk.store import ChangeWatch, Database, Outcome


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port that accepts connections and never answers."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(16)
        yield server.getsockname()[1]


def _timed(work: object, limit: float) -> float:
    """Seconds `work` took, run in a thread so that a hang fails the test instead."""
    done = threading.Event()

    def run() -> None:
        work()  # type: ignore[operator]
        done.set()

    start = time.monotonic()
    threading.Thread(target=run, daemon=True).start()
    assert done.wait(limit), f"still waiting after {limit} s"
    return time.monotonic() - start


def test_a_silent_server_holds_each_check_only_briefly_and_is_not_asked_every_second(
    silent_server: int,
) -> None:
    db = Database(create_engine(f"postgresql+psycopg://u:p@127.0.0.1:{silent_server}/netdesk"))
    watches: list[ChangeWatch] = []
    try:
        assert _timed(lambda: watches.append(ChangeWatch.for_database(db)), 10) < 4
        [watch] = watches
        outcomes: list[Outcome] = []
        # Ten checks a second apart would try ten times, blocking each.
        assert _timed(lambda: outcomes.extend(watch.check() for _ in range(10)), 10) < 1
        assert set(outcomes) == {Outcome.NOTHING}
    finally:
        for watch in watches:
            watch.close()
        db.close()
