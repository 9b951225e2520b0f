"""Save draft…: where the .eml files go (one file, or one per person into a folder) and
writing them safely, each whole or not at all, never over the open database."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QWidget

from netdesk.services.errors import ServiceError
from netdesk.services.exporting import safe_file_name
from netdesk.services.mail.draft_types import Draft
from netdesk.services.service_set import Services
from netdesk.ui.exporting.actions import default_folder, export_failure_text, with_suffix
from netdesk.ui.mail.choices import AskFolder, AskPath
from netdesk.ui.widgets.plain_text import show_error

EML_FILTER = "Email drafts (*.eml);;All files (*)"


def unique_path(folder: Path, name: str, taken: set[str]) -> Path:
    """`name` in `folder`, numbered ("Ana Lima 2.eml") when two people share a name or a file
    of that name is there already (it is never replaced)."""
    stem, suffix = name[: -len(".eml")], ".eml"
    candidate, n = name, 1
    # lexists: a dangling symlink of that name is there too (writing would follow it).
    while candidate.casefold() in taken or os.path.lexists(folder / candidate):
        n += 1
        candidate = f"{stem} {n}{suffix}"
    taken.add(candidate.casefold())
    return folder / candidate


def _paths(
    parent: QWidget | None, drafts: Sequence[Draft], ask_path: AskPath, ask_folder: AskFolder
) -> list[Path]:
    if len(drafts) == 1:
        suggested = default_folder() / safe_file_name(drafts[0].subject, ".eml", "Email")
        chosen = ask_path(parent, "Save email draft", str(suggested), EML_FILTER)
        return [with_suffix(chosen, ".eml")] if chosen else []
    chosen = ask_folder(parent, f"Save {len(drafts)} email drafts in", str(default_folder()))
    if not chosen:
        return []
    taken: set[str] = set()
    names = [safe_file_name(d.to[0][0] or d.to[0][1], ".eml", "Email") for d in drafts]
    return [unique_path(Path(chosen), name, taken) for name in names]


def save_drafts(
    parent: QWidget | None,
    services: Services,
    drafts: Sequence[Draft],
    ask_path: AskPath,
    ask_folder: AskFolder,
) -> list[Path]:
    """Ask where, write the files and record the drafts written as pending; returns the files
    written (none when cancelled; up to the first failure, which is shown naming the file)."""
    paths = _paths(parent, drafts, ask_path, ask_folder) if drafts else []
    written: list[Path] = []
    for draft, path in zip(drafts, paths, strict=False):
        try:
            written.append(services.drafts.save_eml(draft, path))
        except OSError as exc:
            show_error(parent, "Could not save the draft", export_failure_text(path, exc))
            break
        except ServiceError as exc:
            show_error(parent, "Could not save the draft", f"“{path.name}”: {exc}")
            break
    if written:
        try:
            services.drafts.record(list(drafts[: len(written)]))
        except ServiceError as exc:
            show_error(parent, "Could not remember the draft", str(exc))
    return written
