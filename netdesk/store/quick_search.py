"""`netdesk search` on an SQLite file straight through sqlite3, without SQLAlchemy.

Mail clients run `netdesk search` on every address completion. Importing SQLAlchemy's ORM
and the models costs some 300 ms before the first query, which itself takes a few: this path
asks the same questions in SQL of its own. It finds the same people in the same order as
SearchService.page with its default sort (by name), which tests/store/test_quick_search.py checks
for a set of queries; services/search.py explains the queries themselves.

It answers only for a file it can read as it is: an existing netdesk database of the schema
this version writes, nobody's interrupted rollback journal beside it. Anything else, or any
error, returns None, and the command goes the normal way, which opens, checks, upgrades or
explains. It writes nothing: the connection is query-only, and the whole-file check is not
needed before reading (a damaged page read is an error: the normal way then checks the file
and reports it).
"""

from __future__ import annotations

import os
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

from netdesk.formats.phone_extension import with_extension
from netdesk.store.first_bytes import read_first_bytes
from netdesk.store.sqlite_names import SQLITE_MAGIC
from netdesk.text import fold

_MIGRATIONS = Path(__file__).with_name("migrations") / "versions"
# Readers of a WAL file wait only while another connection recovers it: a moment.
_BUSY_SECONDS = 2.0
_CHUNK = 900  # under SQLite's default limit of bound parameters


def head_revision() -> str:
    """The schema this version writes, as netdesk.store.schema.head_revision finds it (that module
    imports SQLAlchemy)."""
    return max(p.name.split("_", 1)[0] for p in _MIGRATIONS.glob("[0-9][0-9][0-9][0-9]_*.py"))


def sqlite_file(url: str) -> Path | None:
    """The file of a plain `sqlite:///PATH` URL (as netdesk.config makes them), else None."""
    from urllib.parse import unquote

    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url:
        return None
    path = Path(unquote(url[len(prefix) :]))  # as SQLAlchemy reads the name
    return path if path.is_absolute() else None


class FoundPerson(NamedTuple):
    """A person a search found, with every email address and phone number, in their order.

    (A named tuple: the dataclasses module costs a mail client's completion 10 ms to import.)
    """

    id: int
    uid: str
    name: str
    organization: str
    department: str
    title: str
    emails: list[str]
    phones: list[str]


def search(path: Path, query: str, limit: int) -> list[FoundPerson] | None:
    """The people `query` finds, at most `limit`; None when only the normal way can tell."""
    try:
        # SQLite keeps the -wal and -journal beside the file a symbolic link leads to.
        path = path.resolve()
        # Never open()/close(): a window of this process may have it open (store.first_bytes).
        if read_first_bytes(path, len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            return None
        if path.with_name(path.name + "-journal").exists():
            return None
        # Neither mode creates the file. The last connection to close folds the write-ahead
        # log into the file: a log beside it (the window has the file open, or a netdesk was
        # killed) is left to the window or to netdesk's next open, which checks the file first,
        # by a read-only connection. Without a log, a read-only one would leave one behind,
        # and so does one that SQLite opens read-only because we may not write the file: such
        # a file (or one in a folder we may not write) nobody has open here is read as it is.
        if path.with_name(path.name + "-wal").exists():
            mode = "ro"
        elif os.access(path, os.W_OK) and os.access(path.parent, os.W_OK):
            mode = "rw"
        else:
            mode = "ro&immutable=1"
        conn = sqlite3.connect(f"{path.as_uri()}?mode={mode}", uri=True, timeout=_BUSY_SECONDS)
    except (OSError, RuntimeError, sqlite3.Error):  # RuntimeError: a loop of symbolic links
        return None
    try:
        conn.execute("PRAGMA query_only = ON")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if row is None or row[0] != head_revision():
            return None
        return _people(conn, _ids(conn, fold(query).split(), limit))
    except sqlite3.OperationalError:  # busy, unreadable, a table missing...
        return None
    except sqlite3.DatabaseError:
        # A damaged page ("database disk image is malformed") in a file that looked unchanged
        # since its last whole-file check: the normal way must check it again, and say so.
        from netdesk.store import integrity_stamp

        integrity_stamp.forget(path)
        return None
    finally:
        conn.close()


def _escape_like(token: str) -> str:
    return token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _phrase(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


_STARTS = "({column} LIKE ? ESCAPE '\\' OR {column} LIKE ? ESCAPE '\\')"


def _starts(prefix: str) -> list[str]:
    """LIKE patterns: the text, or a word in it, starts with `prefix`."""
    escaped = _escape_like(prefix)
    return [f"{escaped}%", f"% {escaped}%"]


def _ids(conn: sqlite3.Connection, tokens: list[str], limit: int) -> list[int]:
    long_tokens = [t for t in tokens if len(t) >= 3]
    if not long_tokens:
        # Only one- and two-letter words: each starts a part of the name.
        where = [_STARTS.format(column="sort_name") for _ in tokens]
        params = [p for t in tokens for p in _starts(t)]
        sql = "SELECT id FROM contacts"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY sort_name, id LIMIT ?"
        return [r[0] for r in conn.execute(sql, [*params, limit])]
    shorts = [t for t in tokens if len(t) < 3]
    short_sql = "".join(
        " AND (contact_search.name LIKE ? ESCAPE '\\' OR contact_search.body LIKE ? ESCAPE '\\')"
        for _ in shorts
    )
    short_params = [p for t in shorts for p in (f"%{_escape_like(t)}%",) * 2]
    first = long_tokens[0]
    name_expr = " AND ".join([f"name : {_phrase(first)}", *map(_phrase, long_tokens[1:])])
    all_expr = " AND ".join(map(_phrase, long_tokens))
    matching = "SELECT rowid FROM contact_search WHERE contact_search MATCH ?" + short_sql
    starts_sql = f"{matching} AND {_STARTS.format(column='contact_search.name')}"
    starts_params = [name_expr, *short_params, *_starts(first)]
    # First the people a part of whose name starts with the first word, then the others who
    # match; each group walks the sort_name index ("id + 0") and stops at the limit.
    ids = [
        r[0]
        for r in conn.execute(
            f"SELECT id FROM contacts WHERE id + 0 IN ({starts_sql})"
            " ORDER BY sort_name, id LIMIT ?",
            [*starts_params, limit],
        )
    ]
    if len(ids) < limit:
        ids += [
            r[0]
            for r in conn.execute(
                f"SELECT id FROM contacts WHERE id + 0 IN ({matching})"
                f" AND id + 0 NOT IN ({starts_sql}) ORDER BY sort_name, id LIMIT ?",
                [all_expr, *short_params, *starts_params, limit - len(ids)],
            )
        ]
    return ids


def _people(conn: sqlite3.Connection, ids: list[int]) -> list[FoundPerson]:
    found: dict[int, FoundPerson] = {}
    for start in range(0, len(ids), _CHUNK):
        found.update(_people_of(conn, ids[start : start + _CHUNK]))
    return [found[cid] for cid in ids if cid in found]


def _people_of(conn: sqlite3.Connection, ids: list[int]) -> dict[int, FoundPerson]:
    marks = ",".join("?" * len(ids))
    emails: dict[int, list[str]] = defaultdict(list)
    for cid, value in conn.execute(
        f"SELECT contact_id, value FROM contact_emails WHERE contact_id IN ({marks})"
        " ORDER BY contact_id, position, id",
        ids,
    ):
        emails[cid].append(value)
    phones: dict[int, list[str]] = defaultdict(list)
    for cid, value, extension in conn.execute(
        f"SELECT contact_id, value, extension FROM contact_phones WHERE contact_id IN ({marks})"
        " ORDER BY contact_id, position, id",
        ids,
    ):
        phones[cid].append(with_extension(value, extension))
    return {
        cid: FoundPerson(cid, uid, name, org, dept, title, emails[cid], phones[cid])
        for cid, uid, name, org, dept, title in conn.execute(
            "SELECT id, uid, formatted_name, organization, department, title FROM contacts"
            f" WHERE id IN ({marks})",
            ids,
        )
    }
