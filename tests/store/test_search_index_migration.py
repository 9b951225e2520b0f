"""Migration 0007: a PostgreSQL search index made by an older netdesk gains each contact's
sort_name and its trigram index, and ends up as a new database's."""

from __future__ import annotations

import os
from typing import Any

import pytest
from sqlalchemy import Engine, inspect, text

from netdesk.services.service_set import Services
from netdesk.store import (
    create_schema,
    current_revision,
    head_revision,
    make_engine,
    open_database,
    search_index,
)
from tests.conftest import PG_URL_VAR, _reset_postgres

pytestmark = pytest.mark.postgres

TABLE = search_index.TABLE


@pytest.fixture
def pg_url() -> str:
    url = os.environ.get(PG_URL_VAR)
    if not url:
        pytest.skip(f"{PG_URL_VAR} is not set")
    _reset_postgres(url)
    return url


def _index_table(engine: Engine) -> dict[str, Any]:
    with engine.connect() as conn:
        insp = inspect(conn)
        return {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"], c.get("default"))
                for c in insp.get_columns(TABLE)
            ],
            "indexes": sorted(
                conn.execute(
                    text("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = :t"),
                    {"t": TABLE},
                ).all()
            ),
        }


def _as_netdesk_0006_left_it(engine: Engine) -> None:
    """Schema 0006 with two people, their index rows in the shape netdesk 0006 wrote."""
    from netdesk.store import upgrade_schema

    upgrade_schema(engine, "0006")
    with engine.begin() as conn:
        conn.execute(text(f"DROP INDEX IF EXISTS ix_{TABLE}_sort_name_trgm"))
        conn.execute(text(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS sort_name"))
        for cid, name, sort_name in ((1, "Zoe Ash", "ash zoe"), (2, "Ada Zorn", "zorn ada")):
            conn.execute(
                text(
                    "INSERT INTO contacts (id, uid, formatted_name, sort_name, given_name,"
                    " family_name, middle_name, prefix, suffix, nickname, organization,"
                    " department, title, photo_mime, note, is_me, source, created_at,"
                    " updated_at) VALUES (:id, :uid, :name, :sort, '', '', '', '', '', '',"
                    " 'Data Works', '', '', '', '', false, 'manual', CURRENT_TIMESTAMP,"
                    " CURRENT_TIMESTAMP)"
                ),
                {"id": cid, "uid": f"urn:uuid:{cid}", "name": name, "sort": sort_name},
            )
            conn.execute(
                text(
                    f"INSERT INTO {TABLE} (contact_id, name, body) VALUES (:id, :n, 'data works')"
                ),
                {"id": cid, "n": name.lower()},
            )


def test_upgrade_fills_sort_names_and_matches_a_new_database(pg_url: str) -> None:
    engine = make_engine(pg_url)
    try:
        _as_netdesk_0006_left_it(engine)
    finally:
        engine.dispose()

    db = open_database(pg_url)
    try:
        assert current_revision(db.engine) == head_revision()
        with db.engine.connect() as conn:
            rows = conn.execute(
                text(f"SELECT contact_id, sort_name FROM {TABLE} ORDER BY contact_id")
            ).all()
        assert [tuple(r) for r in rows] == [(1, "ash zoe"), (2, "zorn ada")]
        search = Services(db).search
        assert [r.name for r in search.page("data")] == ["Zoe Ash", "Ada Zorn"]
        assert [r.name for r in search.page("z")] == ["Zoe Ash", "Ada Zorn"]
        assert search.count("zo") == 2
        migrated = _index_table(db.engine)
    finally:
        db.close()

    _reset_postgres(pg_url)
    engine = make_engine(pg_url)
    try:
        create_schema(engine)
        assert _index_table(engine) == migrated
        assert f"ix_{TABLE}_sort_name_trgm" in {name for name, _ in migrated["indexes"]}
    finally:
        engine.dispose()
