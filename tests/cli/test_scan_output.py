"""The words `netdesk scan` prints for each card, whatever the duplicate check decided (the
cards here are built as the reader hands them over, with no OCR run)."""

from __future__ import annotations

from netdesk.cli.scan_output import card_json, card_line
from netdesk.cli.scan_read import ReadCard
from netdesk.formats.records import ContactRecord
from netdesk.scan.card_fields import CardFields, CardPhone
from netdesk.services.import_plan import Action, PlanItem


def _card(**fields: object) -> ReadCard:
    return ReadCard("IMG_1.jpg", 1, 2, CardFields(**fields))  # type: ignore[arg-type]


def _item(action: Action, match_id: int | None = 7, **more: object) -> PlanItem:
    item = PlanItem(ContactRecord(), action, match_id, "Ana Lima", "same email ana@example.com")
    for key, value in more.items():
        setattr(item, key, value)
    return item


def test_each_decision_reads_as_a_sentence() -> None:
    ana = _card(name="Ana Lima", organization="Example GmbH")
    start = "IMG_1.jpg (card 2): Ana Lima, Example GmbH — "
    assert card_line(ana, PlanItem(ContactRecord()), False) == start + "added"
    assert card_line(ana, _item(Action.MERGE), False) == (
        start + "merged into Ana Lima (same email ana@example.com)"
    )
    assert card_line(ana, _item(Action.SKIP), True) == (
        start + "would skip: already there as Ana Lima (same email ana@example.com)"
    )
    earlier = _item(Action.MERGE, None, earlier=0)
    assert card_line(ana, earlier, False) == (
        start + "merged into Ana Lima, read earlier in this run (same email ana@example.com)"
    )
    namesake = _item(Action.ADD, possible=True, reason="same name, but different emails")
    assert card_line(ana, namesake, False) == (
        start + "added as new although the name matches Ana Lima (same name, but different emails)"
    )


def test_a_card_without_a_name_is_named_by_its_email_or_phone_and_text_stays_on_one_line() -> None:
    phone_only = _card(phones=[CardPhone("+49 30 5550123", "work")])
    assert card_line(phone_only, PlanItem(ContactRecord()), False).endswith(
        ": +49 30 5550123 — added"
    )
    odd = _card(name="Ana\nLima\x1b[2J", emails=["ana@example.com"])
    line = card_line(odd, PlanItem(ContactRecord()), False)
    assert "\n" not in line and "\x1b" not in line


def test_json_says_the_photo_the_card_and_the_match() -> None:
    row = card_json(_card(name="Ana Lima"), _item(Action.MERGE, None, earlier=0), True)
    assert (row["file"], row["card"], row["action"]) == ("IMG_1.jpg", 1, "would merge")
    assert row["duplicate_of"] == {
        "name": "Ana Lima",
        "reason": "same email ana@example.com",
        "in_netdesk": False,
    }
    assert "back" not in row


def test_a_card_merged_into_someone_saved_meanwhile_says_so() -> None:
    """Two scans of one card at once: the plan said new, the save merged (report.late)."""
    from netdesk.cli.scan_output import late_said

    ana = _card(name="Ana Lima")
    planned = PlanItem(ContactRecord())
    done = late_said(planned, (Action.MERGE, "Ana Lima"))
    assert card_line(ana, done, False) == (
        "IMG_1.jpg (card 2): Ana Lima — merged into Ana Lima (saved meanwhile)"
    )
    assert card_json(ana, done, False)["duplicate_of"] == {
        "name": "Ana Lima",
        "reason": "saved meanwhile",
        "in_netdesk": True,
    }
    assert late_said(planned, None) is planned
