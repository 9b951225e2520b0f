"""INSERT … ON CONFLICT for whichever database is open.

Rows that two processes may both create at once (a new tag that two imports share) are taken
as found when the other was first, instead of failing the whole transaction on a unique key.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_missing(
    db: Session | Connection, table: Table, rows: Sequence[dict[str, Any]], key: Sequence[str]
) -> None:
    """Inserts the rows whose `key` columns (a unique constraint) are not taken yet; rows
    another transaction inserted first are left as that one wrote them."""
    if not rows:
        return
    dialect = db.get_bind().dialect.name if isinstance(db, Session) else db.dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    db.execute(insert(table).on_conflict_do_nothing(index_elements=list(key)), list(rows))
