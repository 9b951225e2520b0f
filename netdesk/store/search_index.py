"""The contact search index: an FTS5 trigram table on SQLite, a pg_trgm table on PostgreSQL.

Both hold one row per contact with folded text in two columns: `name` (ranked first when it
starts with the query) and `body` (organisation, title, emails, phones, notes, tags). On
PostgreSQL the row also carries the contact's `sort_name`, so that a search sorted by name
filters, counts and sorts within this one table (joining 30,000 matches to `contacts` to
sort them cost 40 ms of a 65 ms keystroke).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, literal, select, text
from sqlalchemy.exc import DBAPIError

from netdesk.models import (
    Contact,
    ContactEmail,
    ContactPhone,
    Note,
    Tag,
    contact_tags,
)
from netdesk.text import fold

TABLE = "contact_search"
_CHUNK = 900  # under SQLite's default limit of bound parameters


def is_index_table(name: str | None) -> bool:
    """The index table and, on SQLite, the shadow tables FTS5 keeps beside it."""
    return name is not None and (name == TABLE or name.startswith(f"{TABLE}_"))


def include_name(name: str | None, type_: str, _parent_names: Mapping[Any, str | None]) -> bool:
    """For Alembic's comparisons: the index is not in the models, so leave it out of them."""
    return not (type_ == "table" and is_index_table(name))


def create(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(
            text(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE}"
                " USING fts5(name, body, tokenize='trigram')"
            )
        )
        return
    conn.execute(
        text(
            f"CREATE TABLE IF NOT EXISTS {TABLE} ("
            " contact_id INTEGER PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,"
            " name TEXT NOT NULL, body TEXT NOT NULL, sort_name TEXT NOT NULL DEFAULT '')"
        )
    )
    # A table made before migration 0007 gains the column (filled by the migration).
    conn.execute(
        text(f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS sort_name TEXT NOT NULL DEFAULT ''")
    )
    # Pages sorted by name walk this in order and stop at the page's end.
    conn.execute(
        text(f"CREATE INDEX IF NOT EXISTS ix_{TABLE}_sort_name ON {TABLE} (sort_name, contact_id)")
    )
    # pg_trgm makes LIKE '%x%' use an index; without the extension search still works, slower.
    has_trgm = conn.execute(
        text("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
    ).first()
    if not has_trgm:
        return
    try:
        # A savepoint, because a refused CREATE EXTENSION would abort the whole transaction.
        with conn.begin_nested():
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
            # sort_name's index finds the name parts a one- or two-letter query starts.
            for column in ("name", "body", "sort_name"):
                conn.execute(
                    text(
                        f"CREATE INDEX IF NOT EXISTS ix_{TABLE}_{column}_trgm ON {TABLE}"
                        f" USING gin ({column} gin_trgm_ops)"
                    )
                )
    except DBAPIError:
        pass  # the role may not add extensions: search works all the same, only slower


def fill_sort_names(conn: Connection) -> None:
    """Copy every contact's sort_name into its index row (PostgreSQL only: SQLite's index
    sorts through `contacts`)."""
    if conn.dialect.name == "sqlite":
        return
    conn.execute(
        text(
            f"UPDATE {TABLE} AS s SET sort_name = c.sort_name FROM contacts AS c"
            " WHERE c.id = s.contact_id AND s.sort_name IS DISTINCT FROM c.sort_name"
        )
    )


def drop(conn: Connection) -> None:
    conn.execute(text(f"DROP TABLE IF EXISTS {TABLE}"))


def key_column(conn: Connection) -> str:
    return "rowid" if conn.dialect.name == "sqlite" else "contact_id"


def remove(conn: Connection, contact_ids: Iterable[int]) -> None:
    ids = list(contact_ids)
    key = key_column(conn)
    stmt = text(f"DELETE FROM {TABLE} WHERE {key} IN :ids").bindparams(
        bindparam("ids", expanding=True)
    )
    for start in range(0, len(ids), _CHUNK):
        conn.execute(stmt, {"ids": ids[start : start + _CHUNK]})


def refresh(conn: Connection, contact_ids: Iterable[int], phone_extensions: bool = True) -> None:
    """Rebuild the index rows of these contacts from the tables (deleted ones are dropped).

    `phone_extensions` is False only for a schema older than migration 0006, which has no such
    column (and so no extension to index)."""
    ids = sorted(set(contact_ids))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        rows = _rows_for(conn, chunk, phone_extensions)
        if conn.dialect.name == "sqlite":
            # FTS5 tables take no ON CONFLICT; SQLite's write lock lets no one else in between.
            remove(conn, chunk)
            if rows:
                conn.execute(
                    text(f"INSERT INTO {TABLE} (rowid, name, body) VALUES (:id, :name, :body)"),
                    rows,
                )
            continue
        remove(conn, set(chunk) - {row["id"] for row in rows})
        if rows:
            # Another transaction may index the same contact at the same moment (two merges
            # of one file): whichever writes second updates the row instead of failing.
            conn.execute(
                text(
                    f"INSERT INTO {TABLE} (contact_id, name, body, sort_name)"
                    " VALUES (:id, :name, :body, :sort_name)"
                    " ON CONFLICT (contact_id) DO UPDATE SET name = EXCLUDED.name,"
                    " body = EXCLUDED.body, sort_name = EXCLUDED.sort_name"
                ),
                rows,
            )


def rebuild_all(conn: Connection, phone_extensions: bool = True) -> None:
    conn.execute(text(f"DELETE FROM {TABLE}"))
    ids = conn.execute(select(Contact.id).order_by(Contact.id)).scalars().all()
    refresh(conn, ids, phone_extensions)


def _rows_for(
    conn: Connection, ids: Sequence[int], phone_extensions: bool = True
) -> list[dict[str, object]]:
    extra: dict[int, list[str]] = defaultdict(list)
    for cid, value in conn.execute(
        select(ContactEmail.contact_id, ContactEmail.value).where(ContactEmail.contact_id.in_(ids))
    ):
        extra[cid].append(value)
    extension_column = ContactPhone.extension if phone_extensions else literal("")
    for cid, value, e164, extension in conn.execute(
        select(
            ContactPhone.contact_id, ContactPhone.value, ContactPhone.e164, extension_column
        ).where(ContactPhone.contact_id.in_(ids))
    ):
        extra[cid].append(f"{value} ext. {extension}" if extension else value)
        # Digits only, so that "0301234" and "+49 30 1234" both find the number.
        extra[cid].append("".join(ch for ch in value if ch.isdigit()))
        if e164:
            extra[cid].append(e164)
    for cid, body in conn.execute(
        select(Note.contact_id, Note.body).where(Note.contact_id.in_(ids))
    ):
        extra[cid].append(body)
    for cid, name in conn.execute(
        select(contact_tags.c.contact_id, Tag.name)
        .join(Tag, Tag.id == contact_tags.c.tag_id)
        .where(contact_tags.c.contact_id.in_(ids))
    ):
        extra[cid].append(name)
    rows: list[dict[str, object]] = []
    for c in conn.execute(
        select(
            Contact.id,
            Contact.sort_name,
            Contact.formatted_name,
            Contact.given_name,
            Contact.family_name,
            Contact.nickname,
            Contact.organization,
            Contact.department,
            Contact.title,
            Contact.note,
        ).where(Contact.id.in_(ids))
    ):
        name = " ".join(p for p in (c.formatted_name, c.nickname) if p)
        if c.given_name and c.family_name and f"{c.given_name} {c.family_name}" not in name:
            name += f" {c.given_name} {c.family_name}"
        body = "\n".join(
            p for p in (c.organization, c.department, c.title, c.note, *extra[c.id]) if p
        )
        rows.append({"id": c.id, "name": fold(name), "body": fold(body), "sort_name": c.sort_name})
    return rows
