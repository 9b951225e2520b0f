"""The backups in a database's backups folder, newest first, read from their file names
("2026-03-01T09-30-00Z-upgrade-0005.sqlite": when, why, and the schema before an upgrade).
Plain file names, no SQLite: the damage message of a file names its newest backup from here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

REASON_LABELS = {
    "daily": "Daily",
    "import": "Before an import",
    "merge": "Before a merge",
    "upgrade": "Before an upgrade",
    "restore": "Before a restore",
    "manual": "Made by hand",
}
BACKUP_NAME = re.compile(
    r"^(?P<stamp>\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d)Z-(?P<reason>[a-z]+)"
    r"(?:-(?P<detail>[0-9A-Za-z]+))?(?:_(?P<n>\d+))?\.sqlite$"
)
STAMP = "%Y-%m-%dT%H-%M-%S"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime  # UTC
    reason: str
    detail: str  # the schema it had, for an upgrade backup
    size: int

    @property
    def label(self) -> str:
        label = REASON_LABELS.get(self.reason, self.reason.capitalize())
        return f"{label} (schema {self.detail})" if self.detail else label


def list_backups(folder: Path) -> list[Backup]:
    """The backups in `folder`, newest first."""
    found: list[tuple[datetime, int, Backup]] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for path in entries:
        match = BACKUP_NAME.match(path.name)
        if not match:
            continue
        try:
            size = path.stat().st_size
        except OSError:
            continue
        taken = datetime.strptime(match["stamp"], STAMP).replace(tzinfo=UTC)
        backup = Backup(path, taken, match["reason"], match["detail"] or "", size)
        found.append((taken, int(match["n"] or 1), backup))
    found.sort(key=lambda item: item[:2], reverse=True)
    return [backup for _taken, _n, backup in found]


def newest_backup(folder: Path) -> Backup | None:
    backups = list_backups(folder)
    return backups[0] if backups else None


def taken_at(path: Path) -> datetime:
    """When the backup file `path` (named by BACKUP_NAME) was made, in UTC."""
    match = BACKUP_NAME.match(path.name)
    assert match is not None
    return datetime.strptime(match["stamp"], STAMP).replace(tzinfo=UTC)
