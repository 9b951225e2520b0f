"""The contact search index: substring search over names and details, kept in step with writes.

Runs on SQLite (FTS5 trigram) and, when configured, PostgreSQL (pg_trgm) through `services`.
"""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from netdesk.models import Contact
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.store import open_database, search_index
from tests.conftest import PG_URL_VAR


def names(services: Services, query: str) -> list[str]:
    return sorted(row.name for row in services.search.page(query))


def index_rows(services: Services) -> list[tuple[Any, ...]]:
    with services.db.engine.connect() as conn:
        key = search_index.key_column(conn)
        return [
            tuple(r)
            for r in conn.execute(
                text(f"SELECT {key}, name, body FROM {search_index.TABLE} ORDER BY {key}")
            )
        ]


def assert_index_matches_a_full_rebuild(services: Services) -> None:
    """What the writes left in the index is exactly what rebuilding it from the tables gives."""
    incremental = index_rows(services)
    with services.db.engine.begin() as conn:
        search_index.rebuild_all(conn)
    assert index_rows(services) == incremental
    assert len(incremental) == services.contacts.count()


def add(services: Services, name: str, **fields: Any) -> int:
    return services.contacts.create(ContactInput(formatted_name=name, **fields))


def test_substrings_of_names_and_details_are_found(services: Services) -> None:
    add(
        services,
        "Annabel Okafor",
        organization="Brightwater Logistics",
        title="Head of Procurement",
        emails=["annabel@brightwater.example"],
        phones=["+44 20 7946 0958"],
        note="Wants a demo of the routing planner",
        tags=["Shipping"],
    )
    add(services, "Joanna Berg", organization="Nordlicht Energie")
    add(services, "Tom Hardy", organization="Greenfield Farms")

    assert names(services, "nna") == ["Annabel Okafor", "Joanna Berg"]  # inside names
    assert names(services, "water log") == ["Annabel Okafor"]  # two words, both must match
    assert names(services, "procure") == ["Annabel Okafor"]  # title
    assert names(services, "brightwater.exa") == ["Annabel Okafor"]  # email
    assert names(services, "7946") == ["Annabel Okafor"]  # phone as typed
    assert names(services, "442079460958") == ["Annabel Okafor"]  # phone as E.164 digits
    assert names(services, "ROUTING") == ["Annabel Okafor"]  # contact note, any case
    assert names(services, "shipp") == ["Annabel Okafor"]  # tag
    assert names(services, "energie") == ["Joanna Berg"]
    assert names(services, "ha") == ["Tom Hardy"]  # two letters: shorter than a trigram
    assert names(services, "zebra") == []
    assert services.search.count("nna") == 2


def test_accents_and_case_are_folded(services: Services) -> None:
    add(services, "Jürgen Schröder", organization="Société Générale")
    add(services, "Zoë Ølstad")
    assert names(services, "schroder") == ["Jürgen Schröder"]
    assert names(services, "SCHRÖDER") == ["Jürgen Schröder"]
    assert names(services, "societe gen") == ["Jürgen Schröder"]
    assert names(services, "zoe olst") == ["Zoë Ølstad"]


def test_query_characters_are_taken_literally(services: Services) -> None:
    add(services, "Percy 100% Sure", note='Said "quote" and under_score')
    add(services, "Plain Name")
    assert names(services, "100%") == ["Percy 100% Sure"]
    assert names(services, '"quote"') == ["Percy 100% Sure"]
    assert names(services, "r_s") == ["Percy 100% Sure"]
    assert names(services, "00%") == ["Percy 100% Sure"]
    assert names(services, "%") == []  # one character: the start of a word, and none starts so
    assert names(services, "AND OR NOT") == []


def test_creating_editing_and_deleting_a_contact_updates_the_index(services: Services) -> None:
    cid = add(services, "Ada Byron", organization="Analytical Engines")
    assert names(services, "byron") == ["Ada Byron"]

    detail = services.contacts.get(cid)
    changed = detail.as_input()
    changed.formatted_name = "Ada Lovelace"
    changed.organization = "Difference Engines"
    changed.emails = ["ada@engines.example"]
    services.contacts.update(cid, changed)
    assert names(services, "byron") == []
    assert names(services, "analytical") == []
    assert names(services, "lovelace") == ["Ada Lovelace"]
    assert names(services, "difference") == ["Ada Lovelace"]
    assert names(services, "ada@engines") == ["Ada Lovelace"]
    assert_index_matches_a_full_rebuild(services)

    snapshot = services.contacts.delete([cid])
    assert names(services, "lovelace") == []
    assert index_rows(services) == []

    services.contacts.restore(snapshot)
    assert names(services, "lovelace") == ["Ada Lovelace"]
    assert_index_matches_a_full_rebuild(services)


def test_notes_are_searchable_as_soon_as_they_are_written(services: Services) -> None:
    cid = add(services, "Grace Hopper")
    add(services, "Someone Else")
    note_id = services.notes.add(cid, "Promised an intro to the COBOL committee")
    assert names(services, "cobol") == ["Grace Hopper"]

    services.notes.update(note_id, "Talked about nanoseconds and wire", "general", None)
    assert names(services, "cobol") == []
    assert names(services, "nanosecond") == ["Grace Hopper"]

    snapshot = services.notes.delete(note_id)
    assert names(services, "nanosecond") == []
    services.notes.restore(snapshot)
    assert names(services, "nanosecond") == ["Grace Hopper"]
    assert_index_matches_a_full_rebuild(services)


def test_tags_added_renamed_and_deleted_follow_in_the_index(services: Services) -> None:
    first = add(services, "Linus Pauling", tags=["Chemistry"])
    second = add(services, "Dorothy Hodgkin", tags=["chemistry", "Crystallography"])
    add(services, "Unrelated Person", tags=["Gardening"])
    assert names(services, "chemist") == ["Dorothy Hodgkin", "Linus Pauling"]

    services.tags.rename("Chemistry", "Structural biology")
    assert names(services, "chemist") == []
    assert names(services, "structural bio") == ["Dorothy Hodgkin", "Linus Pauling"]
    assert_index_matches_a_full_rebuild(services)

    services.tags.delete("Structural biology")
    assert names(services, "structural") == []
    assert names(services, "crystallo") == ["Dorothy Hodgkin"]
    assert_index_matches_a_full_rebuild(services)

    # Tagging through the contact form.
    detail = services.contacts.get(first)
    changed = detail.as_input()
    changed.tags = ["Nobel laureate"]
    services.contacts.update(first, changed)
    assert names(services, "laureate") == ["Linus Pauling"]
    assert services.contacts.get(second).tags == ("Crystallography",)
    assert_index_matches_a_full_rebuild(services)


def test_a_failed_write_leaves_the_index_as_it_was(services: Services) -> None:
    cid = add(services, "Rosalind Franklin", organization="King's College")
    before = index_rows(services)
    try:
        with services.db.transaction() as session:
            contact = session.get(Contact, cid)
            assert contact is not None
            contact.organization = "Birkbeck"
            session.flush()  # the index row is rewritten here, inside the transaction...
            raise RuntimeError("the user's action failed half-way")
    except RuntimeError:
        pass
    # ...and rolled back with it.
    assert index_rows(services) == before
    assert names(services, "birkbeck") == []
    assert names(services, "king's") == ["Rosalind Franklin"]


def test_rebuild_all_indexes_every_contact(services: Services) -> None:
    for i in range(25):
        add(services, f"Person {i:02d}", organization="Batch Co")
    with services.db.engine.begin() as conn:
        conn.execute(text(f"DELETE FROM {search_index.TABLE}"))
    assert names(services, "batch") == []
    with services.db.engine.begin() as conn:
        search_index.rebuild_all(conn)
    assert len(names(services, "batch")) == 25


@pytest.mark.postgres
def test_postgres_role_without_extension_rights_still_gets_search() -> None:
    """pg_trgm only speeds search up: a role that may not add it can still use netdesk."""
    admin_url = os.environ.get(PG_URL_VAR)
    if not admin_url:
        pytest.skip(f"{PG_URL_VAR} is not set")
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    # Roles are shared by every database of the server: a name of this test database's own keeps
    # two test runs on one server (two checkouts, two CI jobs) from dropping each other's role.
    suffix = re.sub(r"\W", "_", make_url(admin_url).database or "netdesk")
    role = database = f"netdesk_limited_{suffix}"[:63]
    try:
        with admin.connect() as conn:
            if not conn.execute(
                text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            ).scalar():
                pytest.skip("the test server's role cannot create roles")
            conn.execute(text(f"DROP DATABASE IF EXISTS {database}"))
            conn.execute(text(f"DROP ROLE IF EXISTS {role}"))
            conn.execute(text(f"CREATE ROLE {role} LOGIN PASSWORD 'limited'"))
            conn.execute(text(f"CREATE DATABASE {database}"))
        db_admin = create_engine(
            make_url(admin_url).set(database=database), isolation_level="AUTOCOMMIT"
        )
        with db_admin.connect() as conn:
            conn.execute(text(f"REVOKE CREATE ON DATABASE {database} FROM PUBLIC"))
            conn.execute(text(f"GRANT ALL ON SCHEMA public TO {role}"))
        db_admin.dispose()

        limited_url = make_url(admin_url).set(username=role, password="limited", database=database)
        db = open_database(limited_url.render_as_string(hide_password=False))
        try:
            services = Services(db)
            add(services, "Limited Person", organization="Small Rights Ltd")
            assert names(services, "mited pers") == ["Limited Person"]
            assert names(services, "rights") == ["Limited Person"]
        finally:
            db.close()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
            conn.execute(text(f"DROP ROLE IF EXISTS {role}"))
        admin.dispose()
