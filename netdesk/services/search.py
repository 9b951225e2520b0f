"""Finding people: the People table's pages, search-as-you-type and `netdesk search`.

Filtering and sorting happen in SQL, so a keystroke costs one indexed query whatever the size
of the address book (a proxy model over 100,000 rows costs 0.6 s a keystroke: DESIGN.md).
"""

from __future__ import annotations

import enum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    ScalarSelect,
    Select,
    SQLColumnExpression,
    and_,
    column,
    func,
    literal,
    or_,
    select,
    table,
)

from netdesk import search_index
from netdesk.db import Database
from netdesk.models import Contact, ContactEmail, ContactPhone
from netdesk.services.records import ContactRow
from netdesk.text import fold


class SortColumn(enum.StrEnum):
    NAME = "name"
    ORGANIZATION = "organization"
    TITLE = "title"
    EMAIL = "email"
    PHONE = "phone"


def _escape_like(token: str) -> str:
    return token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def tokens_of(query: str) -> list[str]:
    return fold(query).split()


def _first_email() -> ScalarSelect[Any]:
    return (
        select(ContactEmail.value)
        .where(ContactEmail.contact_id == Contact.id)
        .order_by(ContactEmail.position)
        .limit(1)
        .scalar_subquery()
    )


def _first_phone() -> ScalarSelect[Any]:
    return (
        select(ContactPhone.value)
        .where(ContactPhone.contact_id == Contact.id)
        .order_by(ContactPhone.position)
        .limit(1)
        .scalar_subquery()
    )


class SearchService:
    def __init__(self, db: Database) -> None:
        self.db = db
        key = "rowid" if db.dialect == "sqlite" else "contact_id"
        self._index = table(search_index.TABLE, column(key), column("name"), column("body"))
        self._key = self._index.c[key]

    def _matching_ids(self, tokens: list[str]) -> Select[Any]:
        idx = self._index
        conditions: list[ColumnElement[bool]] = []
        if self.db.dialect == "sqlite":
            long_tokens = [t for t in tokens if len(t) >= 3]
            if long_tokens:
                # Each token a quoted phrase: the trigram tokenizer then finds it as a substring.
                expr = " AND ".join('"' + t.replace('"', '""') + '"' for t in long_tokens)
                conditions.append(column(search_index.TABLE).op("MATCH")(expr))
            short = [t for t in tokens if len(t) < 3]
        else:
            short = tokens
        for token in short:
            pattern = f"%{_escape_like(token)}%"
            conditions.append(
                or_(idx.c.name.like(pattern, escape="\\"), idx.c.body.like(pattern, escape="\\"))
            )
        return select(self._key).select_from(idx).where(and_(*conditions))

    def _rank(self, tokens: list[str]) -> ColumnElement[Any]:
        """0 when the name starts with the first word of the query (or a name part does), else 1."""
        first = _escape_like(tokens[0])
        name = self._index.c.name
        starts = or_(name.like(f"{first}%", escape="\\"), name.like(f"% {first}%", escape="\\"))
        return select(literal(0)).where(self._key == Contact.id, starts).scalar_subquery()

    def _order(
        self, tokens: list[str], sort: SortColumn, descending: bool
    ) -> tuple[list[ColumnElement[bool]], list[Any]]:
        """The filter and the display order that `page` and `index_of` share."""
        sort_expr: SQLColumnExpression[Any] = {
            SortColumn.NAME: Contact.sort_name,
            SortColumn.ORGANIZATION: func.lower(Contact.organization),
            SortColumn.TITLE: func.lower(Contact.title),
            SortColumn.EMAIL: func.lower(_first_email()),
            SortColumn.PHONE: _first_phone(),
        }[sort]
        where: list[ColumnElement[bool]] = []
        order: list[Any] = []
        if tokens:
            where.append(Contact.id.in_(self._matching_ids(tokens)))
            if sort is SortColumn.NAME and not descending:
                order.append(func.coalesce(self._rank(tokens), 1))
        # Empty values last in either direction: a blank organisation is not "first".
        if sort is not SortColumn.NAME:
            order.append(func.coalesce(sort_expr, "") == "")
        order.append(sort_expr.desc() if descending else sort_expr.asc())
        order.append(Contact.id.desc() if descending else Contact.id.asc())
        return where, order

    def page(
        self,
        query: str = "",
        sort: SortColumn = SortColumn.NAME,
        descending: bool = False,
        offset: int = 0,
        limit: int = 200,
    ) -> list[ContactRow]:
        where, order = self._order(tokens_of(query), sort, descending)
        # Ids first, values second: skipping `offset` rows then costs no email/phone lookups
        # (a page at row 66,000 of 100,000 takes 0.5 s when the skipped rows carry them).
        ids_stmt = select(Contact.id).where(*where).order_by(*order).offset(offset).limit(limit)
        with self.db.Session() as session:
            ids = list(session.scalars(ids_stmt))
            if not ids:
                return []
            values = select(
                Contact.id,
                Contact.formatted_name,
                Contact.organization,
                Contact.title,
                _first_email(),
                _first_phone(),
            ).where(Contact.id.in_(ids))
            rows = {
                cid: ContactRow(cid, name, org, title, em or "", ph or "")
                for cid, name, org, title, em, ph in session.execute(values)
            }
        return [rows[cid] for cid in ids if cid in rows]

    def index_of(
        self,
        contact_id: int,
        query: str = "",
        sort: SortColumn = SortColumn.NAME,
        descending: bool = False,
    ) -> int | None:
        """Where this contact sits in `page`'s order (None when the query does not match it).

        Lets the People table jump to a contact far beyond the pages it has loaded without
        reading every page on the way.
        """
        where, order = self._order(tokens_of(query), sort, descending)
        numbered = (
            select(Contact.id.label("cid"), func.row_number().over(order_by=order).label("pos"))
            .where(*where)
            .subquery()
        )
        with self.db.Session() as session:
            position = session.scalar(select(numbered.c.pos).where(numbered.c.cid == contact_id))
        return None if position is None else int(position) - 1

    def count(self, query: str = "") -> int:
        tokens = tokens_of(query)
        with self.db.Session() as session:
            if not tokens:
                return session.scalar(select(func.count(Contact.id))) or 0
            sub = self._matching_ids(tokens).subquery()
            return session.scalar(select(func.count()).select_from(sub)) or 0
