"""A form saved over a record that changed since the form was opened (a `netdesk import` in a
terminal merged a new email into the person being edited in the window).

Saving the whole form would put back every field as it was when the form opened, silently
undoing the other change. Instead a field the user left alone keeps what the record holds now;
a field the user changed takes the user's value; a list both changed (emails, phones, links,
tags) keeps the user's additions and removals and the other change's as well.
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

from netdesk.services.records import ContactInput

T = TypeVar("T")


def merge_lists(opened: list[T], mine: list[T], theirs: list[T]) -> list[T]:
    """`mine` (in its order) without what the other change removed, then what it added."""
    kept = [item for item in mine if item in theirs or item not in opened]
    added = [item for item in theirs if item not in opened and item not in kept]
    return kept + added


def merge_contact_edit(opened: ContactInput, mine: ContactInput, now: ContactInput) -> ContactInput:
    """`mine`, the form as saved, over `now`, the record as stored; `opened` is the form as it
    was filled when it opened."""
    merged: dict[str, object] = {}
    for field in dataclasses.fields(ContactInput):
        was, new, theirs = (getattr(x, field.name) for x in (opened, mine, now))
        if new == was:
            merged[field.name] = theirs
        elif isinstance(new, list) and theirs != was:
            merged[field.name] = merge_lists(was, new, theirs)
        else:
            merged[field.name] = new
    return ContactInput(**merged)  # type: ignore[arg-type]
