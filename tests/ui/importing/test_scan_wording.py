"""Scanned cards (ImportPlan.kind "scan") read as cards, not as a file, wherever the import's
preview and report word a plan."""

from __future__ import annotations

from netdesk.formats.records import CardImage, ContactRecord, Typed
from netdesk.services.import_plan import ImportReport
from netdesk.services.service_set import Services
from netdesk.ui.importing.models import PlanPeopleModel
from netdesk.ui.importing.report_dialog import ImportContext, context_of, outcome_lines


def card(email: str) -> ContactRecord:
    return ContactRecord(
        formatted_name="Ana Lima",
        emails=[Typed(email)],
        source="scan",
        card_images=[CardImage(b"\xff\xd8x")],
    )


def test_a_scan_that_read_nothing_says_so() -> None:
    plan = ImportReport(file="IMG_1.jpg")
    assert outcome_lines(plan, ImportContext(kind="scan")) == [
        "There was nothing to import: no business card was read from it."
    ]


def test_two_cards_of_one_person_are_merged_within_these_cards(
    sqlite_services: Services, qtbot: object
) -> None:
    services = sqlite_services
    plan = services.scanning.plan([card("ana@example.org"), card("ana@example.org")], "2 cards")
    model = PlanPeopleModel()
    model.set_plan(plan)
    assert "earlier in these cards" in model.status_text(plan.items[1])
    context = context_of(plan, None)
    report = services.scanning.save(plan, None)
    assert outcome_lines(report, context) == [
        "Added 1 new person.",
        "Merged 1 person with someone earlier in these cards.",
    ]
