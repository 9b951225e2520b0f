"""Finding people: the People table's pages, search-as-you-type and `netdesk search`.

Filtering and sorting happen in SQL, so a keystroke costs one indexed query whatever the size
of the address book (a proxy model over 100,000 rows costs 0.6 s a keystroke: see
docs/architecture.md, "Measured").
"""

from __future__ import annotations

import enum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    ScalarSelect,
    Select,
    SQLColumnExpression,
    case,
    column,
    func,
    literal,
    not_,
    or_,
    select,
    table,
    union_all,
)
from sqlalchemy.orm import Session

from netdesk.models import Contact, ContactEmail, ContactPhone
from netdesk.services.records import ContactRow
from netdesk.store import Database, search_index
from netdesk.text import fold


class SortColumn(enum.StrEnum):
    NAME = "name"
    ORGANIZATION = "organization"
    TITLE = "title"
    EMAIL = "email"
    PHONE = "phone"


def _escape_like(token: str) -> str:
    return token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _phrase(token: str) -> str:
    """An FTS5 string: the trigram tokenizer then finds it as a substring, quotes and all."""
    return '"' + token.replace('"', '""') + '"'


def _rank_word(tokens: list[str]) -> str:
    """The word whose place at the start of a name ranks a person first: the first word of
    three letters or more (the shorter ones match name starts only, or anywhere)."""
    return next(t for t in tokens if len(t) >= 3)


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
    shown = case(
        (ContactPhone.extension != "", ContactPhone.value + " ext. " + ContactPhone.extension),
        else_=ContactPhone.value,
    )
    return (
        select(shown)
        .where(ContactPhone.contact_id == Contact.id)
        .order_by(ContactPhone.position)
        .limit(1)
        .scalar_subquery()
    )


class SearchService:
    def __init__(self, db: Database) -> None:
        self.db = db
        key = "rowid" if db.dialect == "sqlite" else "contact_id"
        # On PostgreSQL the index rows also hold sort_name (see netdesk.store.search_index).
        extra: tuple[Any, ...] = () if db.dialect == "sqlite" else (column("sort_name"),)
        self._index = table(search_index.TABLE, column(key), column("name"), column("body"), *extra)
        self._key = self._index.c[key]

    def _index_conditions(
        self, tokens: list[str], match_expr: str | None = None
    ) -> list[ColumnElement[bool]]:
        """Conditions on the index table: every word is a substring of the name or the body.

        Only for queries with a word of three letters or more, which narrows the rows first:
        SQLite's trigram index takes those words (`match_expr` may restrict the first to the
        name column), and the shorter ones are tested on what it found.
        """
        idx = self._index
        conditions: list[ColumnElement[bool]] = []
        indexed: list[str] = []
        if self.db.dialect == "sqlite":
            indexed = [t for t in tokens if len(t) >= 3]
            expr = match_expr or " AND ".join(_phrase(t) for t in indexed)
            conditions.append(column(search_index.TABLE).op("MATCH")(expr))
        for token in tokens:
            if token in indexed:
                continue
            pattern = f"%{_escape_like(token)}%"
            conditions.append(
                or_(idx.c.name.like(pattern, escape="\\"), idx.c.body.like(pattern, escape="\\"))
            )
        return conditions

    @staticmethod
    def _name_starts(token: str, sort_name: Any = Contact.sort_name) -> ColumnElement[bool]:
        """In a query of only one- and two-letter words, each matches the start of a part of the
        name, not any substring: "an" would otherwise match most of the address book. sort_name
        is folded and indexed, so the first page walks the (covering) index and stops early:
        even a prefix nobody has costs 10 ms for 100,000 people (with the organisation, which
        is not in the index, 150 ms). On PostgreSQL the index table's copy of sort_name has a
        trigram index that finds the word starts directly."""
        prefix = _escape_like(token)
        return or_(
            sort_name.like(f"{prefix}%", escape="\\"),
            sort_name.like(f"% {prefix}%", escape="\\"),
        )

    def _rank(self, first: str) -> ColumnElement[Any]:
        """0 when a part of the name starts with the query's first word, else 1."""
        prefix = _escape_like(first)
        name = self._index.c.name
        starts = or_(name.like(f"{prefix}%", escape="\\"), name.like(f"% {prefix}%", escape="\\"))
        return case((starts, 0), else_=1)

    @staticmethod
    def _ranked(tokens: list[str], descending: bool) -> bool:
        """Whether people whose name starts with the query come first (ascending name sort)."""
        return any(len(t) >= 3 for t in tokens) and not descending

    def _in_index_only(self, tokens: list[str], sort: SortColumn = SortColumn.NAME) -> bool:
        """A PostgreSQL search sorted by name: filtered, counted and sorted in the index table
        alone, whose rows carry sort_name (joining 30,000 matches to contacts cost 40 ms).

        Not for a query of only short words one of which has no letter or digit ("@", the
        first key of an email domain): pg_trgm indexes neither, so the index table would be
        read whole (25 ms) where contacts' narrow sort_name index takes 10 ms."""
        if self.db.dialect == "sqlite" or not tokens or sort is not SortColumn.NAME:
            return False
        return any(len(t) >= 3 for t in tokens) or all(any(map(str.isalnum, t)) for t in tokens)

    def _index_only(self, tokens: list[str], *columns: Any) -> Select[Any]:
        """SELECT columns FROM the index table, with `_filtered`'s conditions."""
        idx = self._index
        stmt = select(*columns).select_from(idx)
        if not any(len(t) >= 3 for t in tokens):
            return stmt.where(*(self._name_starts(t, idx.c.sort_name) for t in tokens))
        return stmt.where(*self._index_conditions(tokens))

    def _filtered(self, tokens: list[str], *columns: Any) -> tuple[Select[Any], bool]:
        """SELECT columns FROM contacts, joined to the index when a word needs it."""
        stmt = select(*columns)
        if not any(len(t) >= 3 for t in tokens):
            return stmt.where(*map(self._name_starts, tokens)), False
        joined = stmt.join(self._index, self._key == Contact.id)
        return joined.where(*self._index_conditions(tokens)), True

    def _ordered(
        self, tokens: list[str], sort: SortColumn, descending: bool
    ) -> tuple[Select[Any], list[Any]]:
        """The filtered select of contact ids and the display order that `page` and `index_of`
        share."""
        if self._in_index_only(tokens, sort):
            idx = self._index
            key, sort_name = idx.c.contact_id, idx.c.sort_name
            return self._index_only(tokens, key), [
                *([self._rank(_rank_word(tokens))] if self._ranked(tokens, descending) else []),
                sort_name.desc() if descending else sort_name.asc(),
                key.desc() if descending else key.asc(),
            ]
        sort_expr: SQLColumnExpression[Any] = {
            SortColumn.NAME: Contact.sort_name,
            SortColumn.ORGANIZATION: func.lower(Contact.organization),
            SortColumn.TITLE: func.lower(Contact.title),
            SortColumn.EMAIL: func.lower(_first_email()),
            SortColumn.PHONE: _first_phone(),
        }[sort]
        stmt, joined = self._filtered(tokens, Contact.id)
        order: list[Any] = []
        if joined and sort is SortColumn.NAME and not descending:
            order.append(self._rank(_rank_word(tokens)))
        # Empty values last in either direction: a blank organisation is not "first".
        if sort is not SortColumn.NAME:
            order.append(func.coalesce(sort_expr, "") == "")
        order.append(sort_expr.desc() if descending else sort_expr.asc())
        order.append(Contact.id.desc() if descending else Contact.id.asc())
        return stmt, order

    def page(
        self,
        query: str = "",
        sort: SortColumn = SortColumn.NAME,
        descending: bool = False,
        offset: int = 0,
        limit: int = 200,
    ) -> list[ContactRow]:
        tokens = tokens_of(query)
        with self.db.Session() as session:
            if self._can_walk_names(tokens, sort, descending):
                ids = self._ranked_name_walk(session, tokens, offset, limit)
            else:
                if self._in_index_only(tokens, sort) and self._ranked(tokens, descending):
                    stmt, order = self._ranked_in_name_order(tokens, offset + limit)
                else:
                    stmt, order = self._ordered(tokens, sort, descending)
                # Ids first, values second: skipping `offset` rows then costs no email/phone
                # lookups (a page at row 66,000 of 100,000 takes 0.5 s when they are read).
                ids = list(session.scalars(stmt.order_by(*order).offset(offset).limit(limit)))
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

    def _can_walk_names(self, tokens: list[str], sort: SortColumn, descending: bool) -> bool:
        return (
            self.db.dialect == "sqlite"
            and sort is SortColumn.NAME
            and not descending
            and any(len(t) >= 3 for t in tokens)
        )

    def _ranked_name_walk(
        self, session: Session, tokens: list[str], offset: int, limit: int
    ) -> list[int]:
        """The `_ordered` order for a NAME sort on SQLite, found without sorting every match.

        Sorting all matches by rank then name costs 85 ms when a word ("python") matches half
        of 100,000 people. Instead each rank group walks the sort_name index in order and stops
        after `limit` rows, testing membership in the set of matching ids: first the people a
        part of whose name starts with the first word, then everybody else who matches.
        """
        long_tokens = [t for t in tokens if len(t) >= 3]
        first = _rank_word(tokens)
        name_expr = " AND ".join([f"name : {_phrase(first)}", *map(_phrase, long_tokens[1:])])
        name = self._index.c.name
        prefix = _escape_like(first)
        starts_ids = (
            select(self._key)
            .select_from(self._index)
            .where(
                *self._index_conditions(tokens, name_expr),
                or_(name.like(f"{prefix}%", escape="\\"), name.like(f"% {prefix}%", escape="\\")),
            )
        )
        all_ids = select(self._key).select_from(self._index).where(*self._index_conditions(tokens))
        # "id + 0" keeps SQLite from looking the ids up one by one and sorting them afterwards:
        # it walks the (covering) sort_name index instead and stops at the limit.
        member = Contact.id + 0
        groups = (
            select(Contact.id).where(member.in_(starts_ids)),
            select(Contact.id).where(member.in_(all_ids), member.not_in(starts_ids)),
        )
        ids: list[int] = []
        skip = offset
        for group in groups:
            if skip:
                in_group = session.scalar(select(func.count()).select_from(group.subquery())) or 0
                if skip >= in_group:
                    skip -= in_group
                    continue
            wanted = limit - len(ids)
            ids += session.scalars(
                group.order_by(Contact.sort_name, Contact.id).offset(skip).limit(wanted)
            )
            skip = 0
            if len(ids) >= limit:
                break
        return ids

    def _ranked_in_name_order(
        self, tokens: list[str], wanted: int
    ) -> tuple[Select[Any], list[Any]]:
        """The first `wanted` ids of `_ordered`'s order for a name sort on PostgreSQL, found
        without sorting every match: each rank group takes its first `wanted` in name order,
        which the (sort_name, contact_id) index gives. The planner walks it and stops at the
        limit when a word matches many people ("data", a third of 100,000: 1 ms instead of 40
        ms sorting them all), or sorts the few matches the trigram indexes find. One
        statement, so one round trip to the server."""
        idx = self._index
        matches = self._index_conditions(tokens)
        starts = self._name_starts(_rank_word(tokens), idx.c.name)
        groups = [
            select(idx.c.contact_id, literal(rank).label("rank"), idx.c.sort_name)
            .where(*matches, condition)
            .order_by(idx.c.sort_name, idx.c.contact_id)
            .limit(wanted)
            .subquery()
            for rank, condition in ((0, starts), (1, not_(starts)))
        ]
        both = union_all(*(select(g) for g in groups)).subquery()
        return select(both.c.contact_id), [both.c.rank, both.c.sort_name, both.c.contact_id]

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
        tokens = tokens_of(query)
        stmt, order = self._ordered(tokens, sort, descending)
        key = stmt.selected_columns[0]
        numbered = stmt.with_only_columns(
            key.label("cid"), func.row_number().over(order_by=order).label("pos")
        ).subquery()
        with self.db.Session() as session:
            position = session.scalar(select(numbered.c.pos).where(numbered.c.cid == contact_id))
        return None if position is None else int(position) - 1

    def count(self, query: str = "") -> int:
        tokens = tokens_of(query)
        with self.db.Session() as session:
            if not tokens:
                return session.scalar(select(func.count(Contact.id))) or 0
            if self._in_index_only(tokens):
                return session.scalar(self._index_only(tokens, func.count())) or 0
            stmt, _ = self._filtered(tokens, func.count())
            return session.scalar(stmt.select_from(Contact)) or 0
