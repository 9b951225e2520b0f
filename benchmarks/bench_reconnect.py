"""Today's reload with "Time to reconnect" on 10,000 people: the summary (events, follow-ups
due, people met) plus the people past their keep-in-touch rhythm, as TodayView.reload asks
for them, and the person page's keep-in-touch line for one person.

Every person has a rhythm (their tag "python" every 3 months, "mentor" as the demo sets it, every
fifth person one of their own every 6 months, everyone else every year through a tag
given to all), a tenth are snoozed, and 2,000 introductions were made: the worst case, where
nobody is left out before the interactions are read.

Run: .venv/bin/python benchmarks/bench_reconnect.py [--people 10000] [--runs 21]
     .venv/bin/python benchmarks/bench_reconnect.py --db postgresql+psycopg://USER:PW@HOST/DB
     (the PostgreSQL database is emptied and filled first)
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert, select, text

from netdesk import clock
from netdesk.models import Contact, Introduction, ReconnectSnooze, Rhythm, Tag, contact_tags
from netdesk.services.demo import generate_demo
from netdesk.services.service_set import Services
from netdesk.store import open_database


def _fill(services: Services, people: int, seed: int) -> None:
    started = time.perf_counter()
    generate_demo(services.db, people=people, events=max(people // 100, 10), seed=seed)
    rng = random.Random(seed)
    today = clock.today()
    with services.db.transaction() as session:
        ids = list(session.scalars(select(Contact.id).order_by(Contact.id)))
        session.add(Tag(name="everyone", key="everyone"))
        session.flush()
        everyone = session.scalar(select(Tag.id).where(Tag.key == "everyone"))
        session.execute(insert(contact_tags), [{"contact_id": i, "tag_id": everyone} for i in ids])
        tags = dict(session.execute(select(Tag.key, Tag.id)).all())
        kept = set(session.scalars(select(Rhythm.tag_id)))  # the demo's own (mentors)
        for key, every, unit in (("python", 3, "months"), ("mentor", 1, "months")):
            if key in tags and tags[key] not in kept:
                session.add(Rhythm(tag_id=tags[key], every=every, unit=unit))
        session.add(Rhythm(tag_id=everyone, every=1, unit="years"))
        session.execute(
            insert(Rhythm), [{"contact_id": i, "every": 6, "unit": "months"} for i in ids[::5]]
        )
        session.execute(
            insert(ReconnectSnooze),
            [{"contact_id": i, "until": today + timedelta(days=30)} for i in ids[3::10]],
        )
        pairs = [rng.sample(ids, 2) for _ in range(2_000)]
        session.execute(
            insert(Introduction),
            [
                {"first_id": a, "second_id": b, "introduced_on": today - timedelta(days=n % 400)}
                for n, (a, b) in enumerate(pairs)
            ],
        )
    print(f"made {people:,} people with rhythms in {time.perf_counter() - started:.1f} s")


def _timed(runs: int, work: object) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()  # type: ignore[operator]
        times.append((time.perf_counter() - started) * 1000)
    return times


def _report(name: str, times: list[float]) -> None:
    print(
        f"{name:<44} median {statistics.median(times):7.1f} ms   "
        f"min {min(times):7.1f}   max {max(times):7.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", help="a PostgreSQL URL (emptied first) instead of SQLite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.db or f"sqlite:///{Path(folder) / 'reconnect.sqlite'}"
        if args.db:
            engine = create_engine(args.db)
            with engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
            engine.dispose()
        db = open_database(url)
        services = Services(db)
        _fill(services, args.people, args.seed)
        kit = services.keep_in_touch
        due = kit.due()
        print(f"{len(kit.due(limit=None)):,} people due to reconnect ({len(due)} listed)")
        someone = due[0].contact_id if due else 1

        def reload() -> None:
            services.today.summary()
            kit.due()

        _report("Today summary", _timed(args.runs, services.today.summary))
        _report("Time to reconnect (due)", _timed(args.runs, kit.due))
        _report("Today summary + Time to reconnect", _timed(args.runs, reload))
        _report("person page line (status of one)", _timed(args.runs, lambda: kit.status(someone)))
        db.close()


if __name__ == "__main__":
    main()
