"""Scanned business cards into contacts: the same preview, duplicate check and one-transaction
save as any import, with the card pictures kept with each person (see card_images)."""

from __future__ import annotations

from collections.abc import Sequence

from netdesk.formats.records import ContactRecord
from netdesk.services.import_plan import ImportPlan, ImportReport, Progress
from netdesk.services.importing import ImportService
from netdesk.store import Database

# ImportPlan.kind and layout of a scan, for whatever reads them (report wording, the preview).
SCAN_KIND = "scan"
SCAN_LAYOUT = "Business card"


class ScanService:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._imports = ImportService(db)

    def plan(self, records: Sequence[ContactRecord], name: str) -> ImportPlan:
        """What saving `records` (read from the photo `name`) would do, duplicates found as
        for any import: against everyone in netdesk and the other cards of the same batch."""
        return self._imports.preview_items(list(records), name, kind=SCAN_KIND, layout=SCAN_LAYOUT)

    def save(
        self,
        plan: ImportPlan,
        event_id: int | None,
        new_event_name: str = "",
        progress: Progress | None = None,
        *,
        dry_run: bool = False,
    ) -> ImportReport:
        """Carry the (possibly edited) plan out in one transaction, after a backup when it is
        big enough; the people go on `event_id`, or on a new event of that name (made in the
        same transaction) when there is none. `dry_run`: the same report (ImportReport.dry_run
        set), with nothing written."""
        if event_id is None and new_event_name.strip():
            plan.new_event_name = new_event_name.strip()
        return self._imports.apply(plan, event_id, progress, dry_run=dry_run)
