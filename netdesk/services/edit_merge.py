"""A form saved over a record that changed since the form was opened (a `netdesk import` in a
terminal merged a new email into the person being edited in the window).

Saving the whole form would put back every field as it was when the form opened, silently
undoing the other change. Instead a field the user left alone keeps what the record holds now;
a field the user changed takes the user's value; a list both changed (emails, phones, links,
tags) keeps the user's additions and removals and the other change's as well. The same for
an event (an `netdesk import` of its .ics moved it) edited in its dialog.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from typing import Any, TypeVar

T = TypeVar("T")
# An event's times are one thing: a start the user moved and an end another change moved
# would make an event nobody set (or one that ends before it starts).
EVENT_TIMES = frozenset({"starts_at", "ends_at", "timezone", "all_day"})


def merge_lists(opened: list[T], mine: list[T], theirs: list[T]) -> list[T]:
    """`mine` (in its order) without what the other change removed, then what it added."""
    kept = [item for item in mine if item in theirs or item not in opened]
    added = [item for item in theirs if item not in opened and item not in kept]
    return kept + added


def merge_edit(opened: T, mine: T, now: T, together: Collection[str] = ()) -> T:
    """`mine`, a form as saved, over `now`, the record as stored; `opened` is the form as it
    was filled when it opened (all three the same dataclass). The fields in `together` are
    taken all from `mine` when the user changed any of them, else all from `now`."""
    names = [f.name for f in dataclasses.fields(opened)]  # type: ignore[arg-type]
    group_changed = any(getattr(mine, n) != getattr(opened, n) for n in together)
    merged: dict[str, Any] = {}
    for name in names:
        was, new, theirs = (getattr(x, name) for x in (opened, mine, now))
        if name in together:
            merged[name] = new if group_changed else theirs
        elif new == was:
            merged[name] = theirs
        elif isinstance(new, list) and theirs != was:
            merged[name] = merge_lists(was, new, theirs)
        else:
            merged[name] = new
    return dataclasses.replace(mine, **merged)  # type: ignore[type-var]
