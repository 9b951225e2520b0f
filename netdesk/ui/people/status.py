"""What the People view says of the people it shows: the line under the search field (how many
there are and how many match), and the detail pane's words when it shows no one person."""

from __future__ import annotations

from netdesk.ui.people.detail import EMPTY_BOOK, SELECT_PROMPT


def people(n: int) -> str:
    return f"{n:,} {'person' if n == 1 else 'people'}"


def status_text(matches: int, total: int, query: str) -> str:
    """The line under the search field: how many people there are and how many match."""
    query = query.strip()
    if not query:
        return people(total) if total else "No people yet"
    if matches == 0:
        return f"No one matches “{query}”"
    return f"{matches:,} of {people(total)} match “{query}”"


def empty_detail_text(selected: int, total: int, query: str, matches: int) -> str:
    """What the detail pane says when it shows no one person: several are selected, the book
    is empty, the search finds no one, or no one is selected yet."""
    if selected:
        return f"{people(selected)} selected"
    if total == 0:
        return EMPTY_BOOK
    if query.strip() and matches == 0:
        return (
            f"No one matches “{query.strip()}”. Try fewer letters, or clear the"
            " search to see everyone."
        )
    return SELECT_PROMPT
