"""Search on PostgreSQL: what it asks the server (the index table alone, its trigram indexes),
and that it finds and orders exactly what SQLite does over the same people."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from netdesk.services.demo import generate_demo
from netdesk.services.records import ContactInput
from netdesk.services.search import SortColumn, tokens_of
from netdesk.services.service_set import Services
from netdesk.store import Database, open_database, search_index
from tests.conftest import PG_URL_VAR, _reset_postgres

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_db() -> Iterator[Database]:
    url = os.environ.get(PG_URL_VAR)
    if not url:
        pytest.skip(f"{PG_URL_VAR} is not set")
    _reset_postgres(url)
    database = open_database(url)
    yield database
    database.close()


def _demo(db: Database) -> Services:
    generate_demo(db, people=400, events=4, seed=11, today=date(2026, 5, 4))
    return Services(db)


def _queries(services: Services) -> list[str]:
    """A word, two letters, one letter, a full name, an email domain, two words, a phone
    prefix, a mixed query, characters LIKE would take as wildcards, and nothing."""
    someone = services.search.page(offset=123, limit=1)[0]
    domain = someone.email.split("@")[-1]
    assert domain
    return [
        "data",
        "an",
        "d",
        "e",
        someone.name,
        someone.name.split()[-1][:2],
        "@" + domain,
        domain[:4] + " " + someone.name.split()[0][:3],
        "+49",
        "an data",
        "a b",
        "50%",
        "_",
        "@",
        "zzqx",
    ]


def _statements(db: Database, run: Any) -> list[tuple[str, Any]]:
    """The SQL statements (with their parameters) that `run()` sends to the server."""
    sent: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        sent.append((statement, params))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        run()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return sent


def _plan(db: Database, statement: str, params: Any, *off: str) -> Any:
    """The plan of a statement with some of the planner's methods turned `off`: a test table
    of a few hundred rows is read whole, where 100,000 people would use the indexes."""
    with db.engine.connect() as conn:
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        for method in off:
            cursor.execute(f"SET enable_{method} = off")
        cursor.execute("EXPLAIN (FORMAT JSON) " + statement, params)
        (plan,) = cursor.fetchone()
        cursor.execute("RESET ALL")
        return plan if isinstance(plan, list) else json.loads(plan)


def _walk(node: Any, key: str) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        if key in node:
            found.add(node[key])
        for value in node.values():
            found |= _walk(value, key)
    elif isinstance(node, list):
        for value in node:
            found |= _walk(value, key)
    return found


def _scans_stop_at_a_limit(node: Any, above: tuple[str, ...] = ()) -> bool:
    """Every index scan in the plan reads rows in index order up to a Limit, with no Sort of
    everything it found in between."""
    if isinstance(node, list):
        return all(_scans_stop_at_a_limit(n, above) for n in node)
    if not isinstance(node, dict):
        return True
    if "Plan" in node:
        return _scans_stop_at_a_limit(node["Plan"], above)
    kind = node.get("Node Type", "")
    if kind in ("Index Scan", "Index Only Scan"):
        nearest = [k for k in reversed(above) if k in ("Limit", "Sort")]
        return bool(nearest) and nearest[0] == "Limit"
    return _scans_stop_at_a_limit(node.get("Plans", []), (*above, kind))


def test_count_and_first_page_read_only_the_index_table(pg_db: Database) -> None:
    """Joining 30,000 matches to contacts to sort them by name cost 40 ms a keystroke; the
    index rows carry sort_name so that the count and the page's ids need nothing else, one-
    and two-letter queries find name starts through a trigram index, and a page can walk the
    names in order (stopping at its end) instead of sorting every match."""
    services = _demo(pg_db)
    for query in ("data", "an", "d", "ada love", "@example"):
        sent = _statements(
            pg_db, lambda q=query: (services.search.count(q), services.search.page(q))
        )
        searching = [(s, p) for s, p in sent if search_index.TABLE in s]
        assert len(searching) >= 2, (query, sent)  # the count, then one group or two
        for statement, params in searching:
            plan = _plan(pg_db, statement, params, "seqscan")
            assert _walk(plan, "Relation Name") == {search_index.TABLE}, (query, statement)
            if all(len(t) < 3 for t in tokens_of(query)):
                found = _plan(pg_db, statement, params, "seqscan", "indexscan", "indexonlyscan")
                assert f"ix_{search_index.TABLE}_sort_name_trgm" in _walk(found, "Index Name")
            if "ORDER BY" in statement:
                walk = _plan(pg_db, statement, params, "seqscan", "bitmapscan", "sort")
                assert _walk(walk, "Index Name") == {f"ix_{search_index.TABLE}_sort_name"}
                assert _scans_stop_at_a_limit(walk), (query, statement)


def test_index_rows_follow_a_changed_sort_name(pg_db: Database) -> None:
    services = Services(pg_db)
    cid = services.contacts.create(
        ContactInput(formatted_name="Ada Zeta", given_name="Ada", family_name="Zeta")
    )
    services.contacts.create(
        ContactInput(formatted_name="Ada Mu", given_name="Ada", family_name="Mu")
    )
    services.contacts.update(
        cid, ContactInput(formatted_name="Ada Alpha", given_name="Ada", family_name="Alpha")
    )
    with pg_db.engine.connect() as conn:
        pairs = conn.execute(
            text(
                f"SELECT c.sort_name, s.sort_name FROM contacts c"
                f" JOIN {search_index.TABLE} s ON s.contact_id = c.id ORDER BY c.id"
            )
        ).all()
    assert [tuple(p) for p in pairs] == [("alpha ada", "alpha ada"), ("mu ada", "mu ada")]
    assert [r.name for r in services.search.page("ada")] == ["Ada Alpha", "Ada Mu"]


def _reference(services: Services, query: str, descending: bool = False) -> list[int]:
    """What a search must give, worked out in Python from the index rows: every word of three
    letters or more is a substring of the name or the details (then the shorter ones too),
    else every word starts a part of sort_name; people a part of whose name starts with the
    first long word come first, then by sort_name in the database's own order, then by id."""
    tokens = tokens_of(query)
    key = "rowid" if services.db.dialect == "sqlite" else "contact_id"
    with services.db.engine.connect() as conn:
        name_order = {
            cid: n
            for n, (cid,) in enumerate(
                conn.execute(text("SELECT id FROM contacts ORDER BY sort_name, id"))
            )
        }
        sort_names = dict(conn.execute(text("SELECT id, sort_name FROM contacts")).all())
        rows = conn.execute(text(f"SELECT {key}, name, body FROM {search_index.TABLE}")).all()
    long_words = [t for t in tokens if len(t) >= 3]
    found: list[tuple[int, int, int]] = []
    for cid, name, body in rows:
        if long_words:
            if not all(t in name or t in body for t in tokens):
                continue
            first = long_words[0]
            rank = 0 if name.startswith(first) or f" {first}" in name else 1
        else:
            parts = sort_names[cid].split(" ")
            if not all(any(p.startswith(t) for p in parts) for t in tokens):
                continue
            rank = 0
        found.append((0 if descending else rank, name_order[cid], cid))
    found.sort(reverse=descending)
    return [cid for *_, cid in found]


def test_postgresql_finds_and_orders_what_sqlite_does(pg_db: Database, tmp_path: Path) -> None:
    """The same demo people in both: the same matches, the same count and, sorted by name
    either way, the same order as the search's own definition (`_reference`)."""
    pg = _demo(pg_db)
    lite_db = open_database(f"sqlite:///{tmp_path / 'netdesk.sqlite'}")
    try:
        lite = _demo(lite_db)
        assert [r.name for r in lite.search.page(limit=1000)] == [
            r.name for r in pg.search.page(limit=1000)
        ]
        for query in _queries(pg):
            for services in (lite, pg):
                for descending in (False, True):
                    ids = [
                        r.id
                        for r in services.search.page(
                            query, SortColumn.NAME, descending, limit=1000
                        )
                    ]
                    assert ids == _reference(services, query, descending), (query, services)
                    assert services.search.count(query) == len(ids), query
            lite_ids = [r.id for r in lite.search.page(query, limit=1000)]
            assert [r.id for r in pg.search.page(query, limit=1000)] == lite_ids, query
            # Paging and jumping to a contact follow the same order.
            pages = [r.id for r in pg.search.page(query, offset=7, limit=5)]
            assert pages == lite_ids[7:12], query
            for cid in lite_ids[::37]:
                assert pg.search.index_of(cid, query) == lite_ids.index(cid), query
    finally:
        lite_db.close()
