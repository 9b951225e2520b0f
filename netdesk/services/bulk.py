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


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hundreds of thousands of short-lived objects make the cyclic collector cost 30% or more
    of a bulk load (DESIGN.md)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
