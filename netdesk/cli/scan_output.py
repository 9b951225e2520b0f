"""What `netdesk scan` prints: a line per card and a summary, or a JSON object per card."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netdesk.cli.search_output import one_line
from netdesk.services.import_plan import Action

if TYPE_CHECKING:
    from netdesk.cli.scan_read import ReadCard
    from netdesk.services.import_plan import ImportPlan, ImportReport, PlanItem

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


def summary(
    plan: ImportPlan, report: ImportReport | None, pictures_read: int, pictures: int
) -> str:
    """ "3 cards read from 2 pictures: 2 added, 1 merged, 3 attached to the event 'Salon'";
    with --dry-run (`report` None) "...: dry run, nothing saved; would have: ..."."""
    cards = len(plan.items)
    read = f"{cards} card{'s' * (cards != 1)} read from "
    read += f"{pictures_read} of {pictures}" if pictures_read != pictures else f"{pictures}"
    read += " picture" if pictures == 1 else " pictures"
    if report is None:
        counts = [
            (plan.count(Action.ADD), "added"),
            (plan.count(Action.MERGE), "merged"),
            (plan.count(Action.SKIP), "skipped"),
        ]
        said = ", ".join(f"{n} {what}" for n, what in counts if n) or "nothing"
        return f"{read}: dry run, nothing saved; would have: {said}"
    if report.cancelled:
        return f"{read}: cancelled, nothing was saved"
    counts = [
        (report.added, "added"),
        (report.merged, "merged"),
        (report.skipped, "skipped"),
        (report.attached, "attached to the event"),
        (report.rejected, "left out"),
    ]
    said = ", ".join(f"{n} {what}" for n, what in counts if n) or "nothing saved"
    if report.attached and report.event_name:
        said = said.replace("the event", f"the event {one_line(report.event_name)!r}")
    if report.event_created:
        said += f" (the event {one_line(report.event_name)!r} was created)"
    return f"{read}: {said}"
