"""Exporting from the GUI: the file asked for, the file written (read back with independent
readers), the line for the status bar, and failures that leave no half-written file."""

from __future__ import annotations

import csv
import errno
import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import BinaryIO

import pytest
import vobject
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from netdesk.services.exporting import safe_file_name
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from netdesk.ui.exporting.actions import (
    export_csv,
    export_failure_text,
    export_ics,
    export_vcard,
    os_error_text,
    write_atomically,
)
from tests.formats.independent_vcard import parse_vcards
from tests.ui.main_window_helpers import answer_message_box


@dataclass
class SaveDialog:
    """Stands in for the file dialog the user answers: records what it was offered and
    answers with `answer` ("" is Cancel)."""

    answer: str
    offered: list[tuple[str, str, str]] = field(default_factory=list)

    def __call__(self, parent: QWidget | None, caption: str, suggested: str, filt: str) -> str:
        self.offered.append((caption, suggested, filt))
        return self.answer

    @property
    def suggested_name(self) -> str:
        return Path(self.offered[-1][1]).name


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _people(services: Services) -> dict[str, int]:
    return {
        "Ada": services.contacts.create(
            ContactInput(
                formatted_name="Ada Lovelace",
                organization="Analytical Engines, Ltd.",
                emails=["ada@example.org"],
                note="Met at the salon; wants the slides.\nSecond line, with a comma",
                tags=["Math"],
            )
        ),
        "Jürgen": services.contacts.create(
            ContactInput(
                formatted_name="Jürgen Straßmann-Øster",
                title="Ingénieur en chef " * 6,  # long enough to be folded
                phones=["+49 30 1234567"],
            )
        ),
        "Eve": services.contacts.create(
            ContactInput(formatted_name="Eve Formula", organization='=HYPERLINK("x")')
        ),
    }


def _files(folder: Path) -> list[str]:
    """What is in the folder besides the test's database."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("netdesk.sqlite"))


def test_exports_everybody_as_vcard_a_strict_reader_accepts(
    window: QWidget, sqlite_services: Services, tmp_path: Path
) -> None:
    _people(sqlite_services)
    target = tmp_path / "contacts.vcf"
    dialog = SaveDialog(str(target))

    said = export_vcard(window, sqlite_services, ask=dialog, folder=tmp_path)

    assert said == "Exported 3 people to contacts.vcf"
    caption, suggested, name_filter = dialog.offered[0]
    assert suggested == str(tmp_path / "contacts.vcf")
    assert "*.vcf" in name_filter and "vCard" in caption
    cards = parse_vcards(target.read_bytes())
    assert [card.version for card in cards] == ["3.0"] * 3
    by_name = {card.one("FN").text(): card for card in cards}
    assert set(by_name) == {"Ada Lovelace", "Jürgen Straßmann-Øster", "Eve Formula"}
    ada = by_name["Ada Lovelace"]
    assert (
        ada.one("NOTE").text() == "Met at the salon; wants the slides.\nSecond line, with a comma"
    )
    assert ada.one("ORG").components()[0] == "Analytical Engines, Ltd."
    assert ada.one("EMAIL").text() == "ada@example.org"
    assert (
        by_name["Jürgen Straßmann-Øster"].one("TITLE").text() == ("Ingénieur en chef " * 6).strip()
    )
    # Nothing but the file itself is left in the folder (no temporary file).
    assert _files(tmp_path) == ["contacts.vcf"]


def test_exports_the_selected_person_named_after_them_in_vcard_4(
    window: QWidget, sqlite_services: Services, tmp_path: Path
) -> None:
    ids = _people(sqlite_services)
    dialog = SaveDialog(str(tmp_path / "Ada Lovelace.vcf"))

    said = export_vcard(window, sqlite_services, [ids["Ada"]], version="4.0", ask=dialog)

    assert dialog.suggested_name == "Ada Lovelace.vcf"
    assert said == "Exported 1 person to Ada Lovelace.vcf"
    (card,) = parse_vcards((tmp_path / "Ada Lovelace.vcf").read_bytes())
    assert card.version == "4.0"
    assert card.one("FN").text() == "Ada Lovelace"


def test_a_name_typed_without_extension_gets_one(
    window: QWidget, sqlite_services: Services, tmp_path: Path
) -> None:
    ids = _people(sqlite_services)
    said = export_vcard(
        window, sqlite_services, [ids["Ada"], ids["Eve"]], ask=SaveDialog(str(tmp_path / "two"))
    )
    assert said == "Exported 2 people to two.vcf"
    assert len(parse_vcards((tmp_path / "two.vcf").read_bytes())) == 2


def test_exports_an_events_attendees_as_csv_safe_for_spreadsheets(
    window: QWidget, sqlite_services: Services, tmp_path: Path
) -> None:
    ids = _people(sqlite_services)
    event = sqlite_services.events.create(
        EventInput(name="Demo Day: Berlin/2026", starts_at=datetime(2026, 5, 1, tzinfo=UTC))
    )
    sqlite_services.events.add_attendee(event, ids["Ada"], role="speaker")
    sqlite_services.events.add_attendee(event, ids["Eve"])
    dialog = SaveDialog(str(tmp_path / "attendees.csv"))

    said = export_csv(window, sqlite_services, event_id=event, ask=dialog)

    # The event's name made safe for any file system.
    assert dialog.suggested_name == "Demo Day- Berlin-2026 attendees.csv"
    assert "*.csv" in dialog.offered[0][2]
    assert said == "Exported 2 people to attendees.csv"
    data = (tmp_path / "attendees.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    with open(tmp_path / "attendees.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    by_name = {row["Full name"]: row for row in rows}
    assert sorted(by_name) == ["Ada Lovelace", "Eve Formula"]
    assert by_name["Ada Lovelace"]["Role"] == "speaker"
    # A cell a spreadsheet would run as a formula is written as text.
    assert by_name["Eve Formula"]["Organisation"] != '=HYPERLINK("x")'
    assert by_name["Eve Formula"]["Organisation"].endswith('=HYPERLINK("x")')


def test_exports_events_and_open_followups_as_icalendar(
    window: QWidget, sqlite_services: Services, tmp_path: Path
) -> None:
    ids = _people(sqlite_services)
    summit = sqlite_services.events.create(
        EventInput(name="Summit", starts_at=datetime(2026, 5, 1, 9, tzinfo=UTC))
    )
    sqlite_services.events.create(
        EventInput(name="Meetup", starts_at=datetime(2026, 6, 2, 18, tzinfo=UTC))
    )
    sqlite_services.followups.add(ids["Ada"], "Send the slides", date(2026, 5, 3), summit)
    done = sqlite_services.followups.add(ids["Eve"], "Call back", date(2026, 5, 4))
    sqlite_services.followups.set_done(done)
    dialog = SaveDialog(str(tmp_path / "netdesk.ics"))

    said = export_ics(window, sqlite_services, ask=dialog)

    assert dialog.suggested_name == "netdesk.ics"
    assert said == "Exported 2 events and 1 open follow-up to netdesk.ics"
    calendar = vobject.readOne((tmp_path / "netdesk.ics").read_text(encoding="utf-8"))
    assert sorted(str(e.summary.value) for e in calendar.vevent_list) == ["Meetup", "Summit"]
    (todo,) = calendar.vtodo_list
    assert "Send the slides" in str(todo.summary.value)


def test_one_event_as_icalendar_is_named_after_it(
    window: QWidget, sqlite_services: Services, tmp_path: Path
) -> None:
    summit = sqlite_services.events.create(
        EventInput(name="Summit", starts_at=datetime(2026, 5, 1, 9, tzinfo=UTC))
    )
    sqlite_services.events.create(
        EventInput(name="Meetup", starts_at=datetime(2026, 6, 2, 18, tzinfo=UTC))
    )
    dialog = SaveDialog(str(tmp_path / "Summit.ics"))

    said = export_ics(window, sqlite_services, summit, ask=dialog)

    assert dialog.suggested_name == "Summit.ics"
    assert said == "Exported 1 event to Summit.ics"
    calendar = vobject.readOne((tmp_path / "Summit.ics").read_text(encoding="utf-8"))
    assert [str(e.summary.value) for e in calendar.vevent_list] == ["Summit"]


def test_cancelling_the_file_dialog_writes_nothing(
    window: QWidget, sqlite_services: Services, tmp_path: Path
) -> None:
    _people(sqlite_services)
    before = set(tmp_path.iterdir())
    assert export_vcard(window, sqlite_services, ask=SaveDialog(""), folder=tmp_path) is None
    assert export_csv(window, sqlite_services, ask=SaveDialog(""), folder=tmp_path) is None
    assert export_ics(window, sqlite_services, ask=SaveDialog(""), folder=tmp_path) is None
    assert set(tmp_path.iterdir()) == before


def test_no_one_to_export_says_so_without_asking_for_a_file(
    window: QWidget, sqlite_services: Services
) -> None:
    event = sqlite_services.events.create(
        EventInput(name="Empty room", starts_at=datetime(2026, 5, 1, tzinfo=UTC))
    )
    dialog = SaveDialog("unused.vcf")
    assert export_vcard(window, sqlite_services, ask=dialog) == (
        "No one to export: there are no people yet."
    )
    assert export_csv(window, sqlite_services, event_id=event, ask=dialog) == (
        "No one to export: “Empty room” has no attendees yet."
    )
    assert dialog.offered == []


def test_a_folder_that_cannot_be_written_is_reported_naming_the_file(
    qtbot: QtBot, window: QWidget, sqlite_services: Services, tmp_path: Path
) -> None:
    _people(sqlite_services)
    target = tmp_path / "gone" / "contacts.vcf"
    seen: list[str] = []
    answer_message_box(seen)

    said = export_vcard(window, sqlite_services, ask=SaveDialog(str(target)))

    assert said is None
    assert seen == [
        f"Could not save “contacts.vcf” in {target.parent}: the folder does not exist.\n\n"
        "Nothing was written. Choose another folder and try again."
    ]
    assert not target.parent.exists()


@pytest.mark.parametrize(
    ("code", "because", "advice"),
    [
        (errno.ENOENT, "the folder does not exist", "Choose another folder and try again."),
        (
            errno.EACCES,
            "you do not have permission to write there",
            "Choose a folder you can write to and try again.",
        ),
        (
            errno.ENOSPC,
            "the disk is full",
            "Free some space on that disk, or choose another one, and try again.",
        ),
        (
            errno.EROFS,
            "the disk is read-only",
            "Choose a folder on a disk that can be written to and try again.",
        ),
        (errno.ENAMETOOLONG, "the name is too long", "Choose a shorter name and try again."),
        (errno.EIO, "input/output error", "Choose another folder and try again."),
    ],
)
def test_the_advice_fits_why_the_export_failed(code: int, because: str, advice: str) -> None:
    where = Path("/home/ada/exports")
    text = export_failure_text(where / "contacts.vcf", OSError(code, os.strerror(code)))

    assert text == (
        f"Could not save “contacts.vcf” in {where}: {because}.\n\nNothing was written. {advice}"
    )
    # Space is only the cure when space is what ran out.
    assert ("space" in text) == (code == errno.ENOSPC)


def test_a_failed_replace_keeps_what_was_there_and_leaves_no_temporary_file(
    qtbot: QtBot, window: QWidget, sqlite_services: Services, tmp_path: Path
) -> None:
    _people(sqlite_services)
    # A folder of the chosen name is in the way: the rename at the end fails.
    target = tmp_path / "contacts.vcf"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    seen: list[str] = []
    answer_message_box(seen)

    assert export_vcard(window, sqlite_services, ask=SaveDialog(str(target))) is None

    assert "a folder of that name is in the way" in seen[0]
    assert (target / "keep.txt").read_text() == "mine"
    assert _files(tmp_path) == ["contacts.vcf"]


def test_a_full_disk_midway_keeps_the_old_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "contacts.vcf"
    target.write_bytes(b"the old export")

    def half_then_full(out: BinaryIO) -> int:
        out.write(b"BEGIN:VCARD\r\nVERSION:3.0\r\n")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError) as raised:
        write_atomically(target, half_then_full)

    assert os_error_text(raised.value) == "the disk is full"
    assert target.read_bytes() == b"the old export"
    assert [p.name for p in tmp_path.iterdir()] == ["contacts.vcf"]


def test_new_files_get_the_usual_permissions_and_replaced_ones_keep_theirs(
    tmp_path: Path,
) -> None:
    umask = os.umask(0o022)
    os.umask(umask)
    fresh = tmp_path / "new.vcf"
    write_atomically(fresh, lambda out: out.write(b"x"))
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask

    kept = tmp_path / "kept.vcf"
    kept.write_bytes(b"old")
    kept.chmod(0o640)
    write_atomically(kept, lambda out: out.write(b"new"))
    assert kept.read_bytes() == b"new"
    assert kept.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ada Lovelace", "Ada Lovelace.vcf"),
        ("Q&A: 2026/1", "Q&A- 2026-1.vcf"),
        ("  <tab>\there?*  ", "tab- here.vcf"),
        ("...", "contacts.vcf"),
        ("x" * 300, "x" * 120 + ".vcf"),
    ],
)
def test_file_names_are_safe_everywhere(name: str, expected: str) -> None:
    assert safe_file_name(name, ".vcf", "contacts") == expected
