"""What every large write shares: Core tables of models, a paused garbage collector, and ids
taken a bounded number at a time."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar, cast

from sqlalchemy import Table

T = TypeVar("T")

# Ids per IN (...) list or bulk batch: PostgreSQL takes at most 65,535 parameters a statement.
CHUNK = 500


def table_of(model: type) -> Table:
    return cast(Table, model.__table__)  # type: ignore[attr-defined]


def column_length(model: type, column: str) -> int | None:
    return getattr(table_of(model).c[column].type, "length", None)


def clip(value: str, limit: int | None) -> str:
    """PostgreSQL refuses a value longer than its column: a file must not be able to make a
    whole import fail that way, so over-long text is cut (SQLite would have kept it whole)."""
    return value[:limit] if limit is not None and len(value) > limit else value


def fitted(model: type, column: str, value: str) -> str:
    """The value with its runs of whitespace made single spaces, cut to the column's length."""
    return clip(" ".join(value.split()), column_length(model, column))


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hundreds of thousands of short-lived objects make the cyclic collector cost 30% or more
    of a bulk load (docs/architecture.md, "Measured")."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
