"""Migrations: from an empty database, from the first revision, and agreeing with the models."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, inspect, text

from netdesk.models import Base
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.store import (
    DatabaseOpenError,
    create_schema,
    current_revision,
    head_revision,
    make_engine,
    open_database,
    search_index,
    upgrade_schema,
)
from netdesk.store.schema import schema_transaction

FIRST_REVISION = "0001"

OLD_PEOPLE = [
    # (id, formatted name, organisation, email, note body, tag)
    (
        1,
        "Margaret Hamilton",
        "MIT Instrumentation Lab",
        "mh@example.org",
        "Apollo guidance",
        "NASA",
    ),
    (2, "Frances Allen", "IBM Research", "fa@example.org", "Compiler optimisation", "Compilers"),
    (3, "Radia Perlman", "DEC", "rp@example.org", "Spanning tree protocol", "Networking"),
]


def _schema_diffs(conn: Connection) -> list[Any]:
    context = MigrationContext.configure(
        conn,
        opts={
            "compare_type": True,
            "compare_server_default": True,
            "include_name": search_index.include_name,
        },
    )
    return list(compare_metadata(context, Base.metadata))


def _describe_schema(engine: Engine) -> dict[str, Any]:
    """Everything the inspector reports, in a form two databases can be compared by."""
    with engine.connect() as conn:
        insp = inspect(conn)
        described: dict[str, Any] = {}
        for table in sorted(insp.get_table_names()):
            described[table] = {
                "columns": [
                    (c["name"], str(c["type"]), c["nullable"], c.get("default"))
                    for c in insp.get_columns(table)
                ],
                "pk": insp.get_pk_constraint(table),
                "fks": sorted(
                    (
                        f["name"],
                        tuple(f["constrained_columns"]),
                        f["referred_table"],
                        tuple(f["referred_columns"]),
                        tuple(sorted(f["options"].items())),
                    )
                    for f in insp.get_foreign_keys(table)
                ),
                "indexes": sorted(
                    (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                    for i in insp.get_indexes(table)
                ),
                "uniques": sorted(
                    (u["name"], tuple(u["column_names"]))
                    for u in insp.get_unique_constraints(table)
                ),
            }
        return described


def test_migrations_from_empty_agree_with_the_models(db_url: str) -> None:
    """Every migration from scratch gives exactly the schema the models describe."""
    engine = make_engine(db_url)
    try:
        upgrade_schema(engine)
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            assert _schema_diffs(conn) == []
    finally:
        engine.dispose()


def test_create_all_agrees_with_the_models(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        create_schema(engine)
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            assert _schema_diffs(conn) == []
    finally:
        engine.dispose()


def test_migrated_and_created_sqlite_schemas_are_identical(tmp_path: Path) -> None:
    """Stricter than compare_metadata: foreign key actions, index names, unique constraints."""
    migrated = make_engine(f"sqlite:///{tmp_path / 'migrated.sqlite'}")
    created = make_engine(f"sqlite:///{tmp_path / 'created.sqlite'}")
    try:
        upgrade_schema(migrated)
        create_schema(created)
        assert _describe_schema(migrated) == _describe_schema(created)
    finally:
        migrated.dispose()
        created.dispose()


def _build_first_revision(path: Path) -> None:
    engine = make_engine(f"sqlite:///{path}")
    try:
        upgrade_schema(engine, FIRST_REVISION)
        assert current_revision(engine) == FIRST_REVISION
        with engine.begin() as conn:
            for cid, name, org, email, note, tag in OLD_PEOPLE:
                conn.execute(
                    text(
                        "INSERT INTO contacts (id, uid, formatted_name, sort_name, given_name,"
                        " family_name, middle_name, prefix, suffix, nickname, organization,"
                        " department, title, photo_mime, note, is_me, source, created_at,"
                        " updated_at) VALUES (:id, :uid, :name, :sort, '', '', '', '', '', '',"
                        " :org, '', '', '', '', 0, 'manual', '2025-03-01 10:00:00.000000',"
                        " '2025-03-01 10:00:00.000000')"
                    ),
                    {
                        "id": cid,
                        "uid": f"urn:uuid:old-{cid}",
                        "name": name,
                        "sort": name.lower(),
                        "org": org,
                    },
                )
                conn.execute(
                    text(
                        "INSERT INTO contact_emails (contact_id, value, position, kind, label,"
                        " preferred) VALUES (:cid, :email, 0, 'work', '', 1)"
                    ),
                    {"cid": cid, "email": email},
                )
                conn.execute(
                    text(
                        "INSERT INTO notes (contact_id, topic, body, created_at)"
                        " VALUES (:cid, 'general', :body, '2025-03-01 10:05:00.000000')"
                    ),
                    {"cid": cid, "body": note},
                )
                conn.execute(
                    text("INSERT INTO tags (id, name, key) VALUES (:id, :name, :key)"),
                    {"id": cid, "name": tag, "key": tag.lower()},
                )
                conn.execute(
                    text("INSERT INTO contact_tags (contact_id, tag_id) VALUES (:cid, :cid)"),
                    {"cid": cid},
                )
    finally:
        engine.dispose()


def _rows(path: Path) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return conn.execute(
            "SELECT c.id, c.formatted_name, c.organization, e.value, n.body FROM contacts c"
            " JOIN contact_emails e ON e.contact_id = c.id JOIN notes n ON n.contact_id = c.id"
            " ORDER BY c.id"
        ).fetchall()
    finally:
        conn.close()


def test_upgrade_from_the_first_revision_backs_up_then_upgrades(tmp_path: Path) -> None:
    path = tmp_path / "netdesk.sqlite"
    _build_first_revision(path)
    rows_before = _rows(path)
    assert [r[1] for r in rows_before] == [p[1] for p in OLD_PEOPLE]

    db = open_database(f"sqlite:///{path}")
    try:
        assert current_revision(db.engine) == head_revision()
        services = Services(db)
        assert services.contacts.count() == len(OLD_PEOPLE)
        # Migration 0002 built the search index from the rows already there.
        assert [r.name for r in services.search.page("hamilton")] == ["Margaret Hamilton"]
        assert [r.name for r in services.search.page("ibm res")] == ["Frances Allen"]
        assert [r.name for r in services.search.page("spanning tree")] == ["Radia Perlman"]
        assert [r.name for r in services.search.page("networking")] == ["Radia Perlman"]
        assert [r.name for r in services.search.page("rp@example")] == ["Radia Perlman"]
        # And the upgraded database keeps the index in step with new writes.
        services.contacts.create(ContactInput(formatted_name="Barbara Liskov"))
        assert [r.name for r in services.search.page("liskov")] == ["Barbara Liskov"]
    finally:
        db.close()

    backups = sorted(
        (tmp_path / "netdesk.sqlite.backups").glob(f"*Z-upgrade-{FIRST_REVISION}.sqlite")
    )
    assert len(backups) == 1
    backup = backups[0]
    assert _rows(backup) == rows_before
    conn = sqlite3.connect(f"{backup.as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (FIRST_REVISION,)
        ]
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    # The backup is a finished file, not one that needs -wal or -shm files beside it.
    assert not [
        p for p in tmp_path.rglob("*") if p.name.endswith(("-wal", "-shm", "-journal", ".tmp"))
    ]

    # Opening again: already current, so no second backup.
    open_database(f"sqlite:///{path}").close()
    assert len(list((tmp_path / "netdesk.sqlite.backups").glob("*.sqlite"))) == 1


def test_upgrade_from_the_first_revision_on_both_dialects(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        upgrade_schema(engine, FIRST_REVISION)
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO contacts (id, uid, formatted_name, sort_name, given_name,"
                    " family_name, middle_name, prefix, suffix, nickname, organization,"
                    " department, title, photo_mime, note, is_me, source, created_at,"
                    " updated_at) VALUES (1, 'urn:uuid:x', 'Hedy Lamarr', 'lamarr hedy', 'Hedy',"
                    " 'Lamarr', '', '', '', '', 'Frequency hopping', '', '', '', '', false,"
                    " 'manual', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                )
            )
    finally:
        engine.dispose()
    db = open_database(db_url)
    try:
        assert current_revision(db.engine) == head_revision()
        assert [r.name for r in Services(db).search.page("hopping")] == ["Hedy Lamarr"]
    finally:
        db.close()


def test_failed_schema_change_leaves_nothing_behind(tmp_path: Path) -> None:
    """A crash half-way must not leave tables without a version stamp."""
    engine = make_engine(f"sqlite:///{tmp_path / 'netdesk.sqlite'}")
    try:
        with pytest.raises(RuntimeError), schema_transaction(engine) as conn:
            conn.exec_driver_sql("CREATE TABLE half_done (id INTEGER PRIMARY KEY)")
            conn.exec_driver_sql("INSERT INTO half_done VALUES (1)")
            raise RuntimeError("power cut")
        with engine.connect() as conn:
            assert inspect(conn).get_table_names() == []
            # The connection went back to the pool with its foreign keys on again.
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()


def test_schema_change_refuses_to_commit_dangling_rows(tmp_path: Path) -> None:
    path = tmp_path / "netdesk.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    try:
        create_schema(engine)
        with (
            pytest.raises(DatabaseOpenError, match="pointing at rows"),
            schema_transaction(engine) as conn,
        ):
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 0
            conn.exec_driver_sql(
                "INSERT INTO notes (contact_id, topic, body, created_at)"
                " VALUES (999, 'general', 'orphan', '2025-01-01 00:00:00')"
            )
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM notes").scalar() == 0
    finally:
        engine.dispose()


def test_unreadable_upgrade_names_the_backup(tmp_path: Path) -> None:
    """If a migration fails, the user is told where the copy made before it is."""
    path = tmp_path / "netdesk.sqlite"
    _build_first_revision(path)
    # A table in the way of migration 0002 makes it fail on a real database.
    conn = sqlite3.connect(path)
    conn.execute(f"CREATE TABLE {search_index.TABLE} (something_else TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseOpenError) as info:
        open_database(f"sqlite:///{path}")
    backups = list((tmp_path / "netdesk.sqlite.backups").glob("*.sqlite"))
    assert len(backups) == 1
    assert str(backups[0]) in str(info.value)
    # Nothing of the failed upgrade was kept.
    engine = make_engine(f"sqlite:///{path}")
    try:
        assert current_revision(engine) == FIRST_REVISION
    finally:
        engine.dispose()


def test_revisions_read_from_file_names_match_alembic() -> None:
    """db.py reads revisions from file names so that opening needs no Alembic import."""
    from alembic.script import ScriptDirectory

    from netdesk.store import alembic_config, known_revisions

    script = ScriptDirectory.from_config(alembic_config())
    assert known_revisions() == {s.revision for s in script.walk_revisions()}
    assert head_revision() == script.get_current_head()


def _build_revision_0003_with_an_event(path: Path) -> None:
    """A database as netdesk 0003 left it: an event (timed, in Lisbon) and who was there."""
    engine = make_engine(f"sqlite:///{path}")
    try:
        upgrade_schema(engine, "0003")
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO contacts (id, uid, formatted_name, sort_name, given_name,"
                    " family_name, middle_name, prefix, suffix, nickname, organization,"
                    " department, title, photo_mime, note, is_me, source, created_at,"
                    " updated_at) VALUES (1, 'urn:uuid:ada', 'Ada Lovelace', 'lovelace ada',"
                    " 'Ada', 'Lovelace', '', '', '', '', 'Analytical Engines', '', '', '', '',"
                    " 0, 'manual', '2025-03-01 10:00:00.000000', '2025-03-01 10:00:00.000000')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO events (id, uid, name, kind, starts_at, ends_at, timezone,"
                    " venue, city, url, organiser, description, created_at, updated_at)"
                    " VALUES (7, 'pycon-lisbon@example.org', 'PyCon Lisbon', 'conference',"
                    " '2025-09-04 08:00:00.000000', '2025-09-04 17:00:00.000000',"
                    " 'Europe/Lisbon', 'Centro de Congressos', 'Lisbon', '', '', '',"
                    " '2025-03-01 10:00:00.000000', '2025-03-01 10:00:00.000000')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO attendances (event_id, contact_id, role, status, met,"
                    " badge_printed, qr_fields, notes) VALUES (7, 1, 'speaker', 'checked in', 1,"
                    " 0, 'name', '')"
                )
            )
    finally:
        engine.dispose()


def test_upgrade_from_0003_keeps_events_as_timed_ones(tmp_path: Path) -> None:
    """Migration 0004 adds the all-day flag: events already there stay timed, with their rows."""
    path = tmp_path / "netdesk.sqlite"
    _build_revision_0003_with_an_event(path)

    db = open_database(f"sqlite:///{path}")
    try:
        assert current_revision(db.engine) == head_revision()
        services = Services(db)
        detail = services.events.get(7)
        assert (detail.name, detail.uid, detail.timezone) == (
            "PyCon Lisbon",
            "pycon-lisbon@example.org",
            "Europe/Lisbon",
        )
        assert detail.starts_at == datetime(2025, 9, 4, 8, 0, tzinfo=UTC)
        assert detail.ends_at == datetime(2025, 9, 4, 17, 0, tzinfo=UTC)
        assert detail.all_day is False
        assert [(a.name, a.role, a.met) for a in services.events.attendees(7)] == [
            ("Ada Lovelace", "speaker", True)
        ]
        # The upgraded table takes all-day events, and still never hands an id out twice.
        services.events.delete(7)
        new_id = services.events.create(
            EventInput(
                name="EuroPython sprints",
                starts_at=datetime(2025, 9, 6, tzinfo=UTC),
                ends_at=datetime(2025, 9, 8, tzinfo=UTC),
                all_day=True,
            )
        )
        assert new_id > 7
        assert services.events.get(new_id).all_day is True
    finally:
        db.close()

    backups = list((tmp_path / "netdesk.sqlite.backups").glob("*Z-upgrade-0003.sqlite"))
    assert len(backups) == 1
    conn = sqlite3.connect(f"{backups[0].as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0003",)]
        assert conn.execute("SELECT id, name FROM events").fetchall() == [(7, "PyCon Lisbon")]
    finally:
        conn.close()


def test_upgrade_from_0003_on_both_dialects(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        upgrade_schema(engine, "0003")
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO events (uid, name, kind, starts_at, timezone, venue, city,"
                    " url, organiser, description, created_at, updated_at) VALUES"
                    " ('meetup@example.org', 'Python Meetup', 'meetup', CURRENT_TIMESTAMP,"
                    " '', '', '', '', '', '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                )
            )
    finally:
        engine.dispose()
    db = open_database(db_url)
    try:
        assert current_revision(db.engine) == head_revision()
        rows = Services(db).events.list()
        assert [(r.name, r.all_day) for r in rows] == [("Python Meetup", False)]
    finally:
        db.close()
