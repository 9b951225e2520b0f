"""`netdesk duplicates`: the people who look like one person, as the app's Find duplicates shows
them, and `--merge` to fold each group into the contact suggested to keep. Possible duplicates
(the same name while emails, phones or UIDs differ) are listed for review and never merged here.

All groups are merged in one transaction: an interruption (Ctrl+C, a crash, a full disk) leaves
either none or all of them merged, never half of an address book cleaned up.
"""

from __future__ import annotations

import argparse
import unicodedata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netdesk.services.duplicates import DuplicateGroup
    from netdesk.services.service_set import Services


# Control characters (escape sequences, newlines) and line/paragraph separators.
_BREAKS = frozenset({"Cc", "Zl", "Zp"})
# Embeddings, overrides and isolates: they would reorder what follows on the line.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def add_commands(commands: Any) -> None:
    """Register `duplicates` on the main parser's subcommands."""
    dup = commands.add_parser(
        "duplicates",
        help="list people who look like the same person (and merge them with --merge)",
        description="List groups of people who look like the same person, the contact "
        "suggested to keep first, then the possible duplicates (the same name while emails, "
        "phones or UIDs differ) to review. With --merge, merge every group but the possible "
        "ones into the contact suggested to keep.",
    )
    dup.add_argument(
        "--merge",
        action="store_true",
        help="merge every group (not the possible duplicates) into its suggested contact "
        "(all at once, or none if stopped)",
    )


def run_duplicates(services: Services, args: argparse.Namespace) -> int:
    found = services.duplicates.find()
    if not found:
        print("No duplicates found.")
        return 0
    groups = [g for g in found if not g.possible]
    possible = [g for g in found if g.possible]
    for index, group in enumerate(groups):
        if index:
            print()
        _print_group(group)
    if possible:
        if groups:
            print()
        print(
            "Possible duplicates: the same name, but other details differ. They may be "
            "namesakes; --merge leaves them alone."
        )
        for group in possible:
            print()
            _print_group(group)
    people = sum(len(g.contact_ids) for g in groups)
    review = ""
    if possible:
        maybe_people = sum(len(g.contact_ids) for g in possible)
        review = (
            f"{_groups(len(possible), 'possible group')} ({maybe_people:,} people) to review: "
            "merge those that are one person in the window (People > Find duplicates)."
        )
    print()
    if not args.merge or not groups:
        if groups:
            print(
                f"{_groups(len(groups))} ({people:,} people) look like duplicates. Run "
                "`netdesk duplicates --merge` to merge each group into the contact marked keep."
            )
        if review:
            print(review)
        return 0
    merged = services.duplicates.merge_groups([g.contact_ids for g in groups])
    print(
        f"Merged {_groups(len(groups))}: {people:,} people are now {people - merged:,}, "
        f"{merged:,} merged away."
    )
    if review:
        print(f"Left alone: {review}")
    return 0


def _groups(count: int, what: str = "group") -> str:
    return f"1 {what}" if count == 1 else f"{count:,} {what}s"


def _print_group(group: DuplicateGroup) -> None:
    print(f"{_plain(group.names[0])} ({group.reason})")
    for position, (contact_id, name) in enumerate(zip(group.contact_ids, group.names, strict=True)):
        mark = "     " if group.possible else "keep " if position == 0 else "merge"
        print(f"  {mark} #{contact_id}  {_plain(name)}")


def _plain(text: str) -> str:
    """One line with no control characters: a name must not move the cursor, clear the
    terminal, fake another line of output or reverse the text after it."""
    cleaned = "".join(
        "" if ch in _BIDI_CONTROLS else " " if unicodedata.category(ch) in _BREAKS else ch
        for ch in text
    )
    return " ".join(cleaned.split()) or "(no name)"
