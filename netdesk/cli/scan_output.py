"""What `netdesk scan` prints: a line per card and a summary, or a JSON object per card."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from netdesk.cli.search_output import one_line
from netdesk.services.import_plan import Action

if TYPE_CHECKING:
    from netdesk.cli.scan_read import ReadCard
    from netdesk.services.import_plan import ImportReport, PlanItem

_DONE = {Action.ADD: "added", Action.MERGE: "merged", Action.SKIP: "skipped"}
_WOULD = {Action.ADD: "would add", Action.MERGE: "would merge", Action.SKIP: "would skip"}


def card_json(card: ReadCard, item: PlanItem, dry_run: bool) -> dict[str, Any]:
    """The issue's shape of a card's fields, with the photo ("file", and "back" for two
    sides), the card's number on it ("card", from 0), what was done ("action": added, merged,
    skipped, or with --dry-run would add...) and the person it matched ("duplicate_of")."""
    row: dict[str, Any] = card.fields.to_json()
    row["file"] = card.file
    if card.back:
        row["back"] = card.back
    row["card"] = card.index
    row["action"] = (_WOULD if dry_run else _DONE)[item.action]
    row["duplicate_of"] = (
        {"name": item.match_name, "reason": item.reason, "in_netdesk": item.match_id is not None}
        if item.is_duplicate
        else None
    )
    return row


def late_said(item: PlanItem, late: tuple[Action, str] | None) -> PlanItem:
    """The item as the save carried it out: a card planned as new whose person another
    process saved meanwhile was merged into them (or skipped)."""
    if late is None:
        return item
    action, name = late
    # match_id: only "in netdesk" is said of it (its id is not at hand here).
    return replace(item, action=action, match_id=-1, match_name=name, reason="saved meanwhile")


def who(card: ReadCard) -> str:
    """The card in a few words: "Ana Lima, Example GmbH", else its first email or phone."""
    fields = card.fields
    words = ", ".join(one_line(part) for part in (fields.name, fields.organization) if part)
    if words:
        return words
    if fields.emails:
        return one_line(fields.emails[0])
    return one_line(fields.phones[0].number) if fields.phones else "(no name)"


def card_line(card: ReadCard, item: PlanItem, dry_run: bool) -> str:
    """ "IMG_1.jpg: Ana Lima, Example GmbH — added" / "— merged into Ana Lima (same email
    ana@example.com)" / "— would skip: already in netdesk as Ana Lima (same phone ...)"."""
    return f"{one_line(card.where)}: {who(card)} — {_what(item, dry_run)}"


def _what(item: PlanItem, dry_run: bool) -> str:
    done = (_WOULD if dry_run else _DONE)[item.action]
    if not item.is_duplicate:
        return done
    match = one_line(item.match_name) or "someone"
    found = match if item.match_id is not None else f"{match}, read earlier in this run"
    why = f" ({one_line(item.reason)})" if item.reason else ""
    if item.action is Action.MERGE:
        return f"{done} into {found}{why}"
    if item.action is Action.SKIP:
        return f"{done}: already there as {found}{why}"
    if item.possible:
        return f"{done} as new although the name matches {found}{why}"
    return f"{done} as new beside {found}{why}"


def summary(report: ImportReport, cards: int, pictures_read: int, pictures: int) -> str:
    """ "3 cards read from 2 pictures: 2 added, 1 merged, 3 put on the event 'Salon'" (or "the
    new event 'Salon'" when the scan made it); with
    --dry-run "...: dry run, nothing saved; would have: ..."."""
    read = f"{cards} card{'s' * (cards != 1)} read from "
    read += f"{pictures_read} of {pictures}" if pictures_read != pictures else f"{pictures}"
    read += " picture" if pictures == 1 else " pictures"
    if report.cancelled:
        return f"{read}: cancelled, nothing was saved"
    event = "the new event" if report.event_created else "the event"
    event += f" {one_line(report.event_name)!r}" if report.event_name else ""
    counts = [
        (report.added, "added"),
        (report.merged, "merged"),
        (report.skipped, "skipped"),
        (report.attached, f"put on {event}"),
        (report.rejected, "left out"),
    ]
    said = ", ".join(f"{n} {what}" for n, what in counts if n) or "nothing"
    if report.dry_run:
        return f"{read}: dry run, nothing saved; would have: {said}"
    return f"{read}: {said}"
