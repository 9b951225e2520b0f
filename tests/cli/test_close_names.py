"""A name typed slightly wrong on the command line: refused with the close names it may have
meant (exit 2) instead of a misspelt new event or a bare "not found"."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from netdesk.services.records import ContactInput, EventInput
from tests.cli.helpers import run, services_at, write_file

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.org\r\nEND:VCARD\r\n"


@pytest.fixture
def europython(db_path: Path) -> Path:
    """A database with the events EuroPython 2026 and EuroPython 2025, and Ada at the first."""
    with services_at(db_path) as services:
        ada = services.contacts.create(
            ContactInput(formatted_name="Ada Lovelace", emails=["ada@example.org"])
        )
        for year in (2025, 2026):
            event = services.events.create(
                EventInput(name=f"EuroPython {year}", starts_at=datetime(year, 7, 14, tzinfo=UTC))
            )
        services.events.add_attendee(event, ada)
    return db_path


def _event_names(db_path: Path) -> list[str]:
    with services_at(db_path) as services:
        return sorted(event.name for event in services.events.list())


def test_an_event_name_close_to_an_existing_one_is_refused_and_nothing_imported(
    europython: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card = write_file(tmp_path, "new.vcf", CARD.replace("Ada Lovelace", "Grace Hopper"))
    assert run(europython, "import", str(card), "--event", "EuroPyton 2026") == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "netdesk: no event named 'EuroPyton 2026'. Did you mean 'EuroPython 2026' or "
        "'EuroPython 2025'? Add --new-event to create 'EuroPyton 2026'. Nothing was imported.\n"
    )
    assert _event_names(europython) == ["EuroPython 2025", "EuroPython 2026"]
    with services_at(europython) as services:
        assert services.contacts.count() == 1  # Grace was not imported


def test_new_event_creates_the_close_name_all_the_same(
    europython: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card = write_file(tmp_path, "new.vcf", CARD)
    assert run(europython, "import", str(card), "--event", "EuroPyton 2026", "--new-event") == 0
    assert capsys.readouterr().out.splitlines()[0] == f"{card}: created event 'EuroPyton 2026'"
    assert _event_names(europython) == ["EuroPython 2025", "EuroPython 2026", "EuroPyton 2026"]


def test_a_name_with_nothing_close_is_created_and_said_then_matched_loosely(
    europython: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card = write_file(tmp_path, "new.vcf", CARD)
    grace = write_file(tmp_path, "grace.vcf", CARD.replace("Ada Lovelace", "Grace Hopper"))
    assert run(europython, "import", str(card), "--event", "  Berlin   Salon ") == 0
    assert capsys.readouterr().out == (
        f"{card}: created event 'Berlin Salon'\n{card}: 1 merged, 1 attached to the event\n"
    )
    # Case and runs of spaces do not make another event: the one there is taken.
    assert run(europython, "import", str(grace), "--event", "berlin SALON  ") == 0
    assert capsys.readouterr().out == f"{grace}: 1 added, 1 attached to the event\n"
    assert _event_names(europython) == ["Berlin Salon", "EuroPython 2025", "EuroPython 2026"]


def test_a_dry_run_is_refused_the_same_way(
    europython: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card = write_file(tmp_path, "new.vcf", CARD)
    assert run(europython, "import", str(card), "--event", "EuroPython 2027", "--dry-run") == 2
    assert "Did you mean 'EuroPython 2026' or 'EuroPython 2025'?" in capsys.readouterr().err


def test_new_event_without_event_is_a_usage_error(
    europython: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card = write_file(tmp_path, "new.vcf", CARD)
    assert run(europython, "import", str(card), "--new-event") == 2
    assert capsys.readouterr().err == "netdesk: --new-event goes with --event NAME\n"


def test_export_suggests_every_close_event(
    europython: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "people.csv"
    assert run(europython, "export", "csv", str(out), "--event", "EuroPyhton 2026") == 2
    assert capsys.readouterr().err == (
        "netdesk: no event named 'EuroPyhton 2026'. "
        "Did you mean 'EuroPython 2026' or 'EuroPython 2025'? Nothing was written.\n"
    )
    assert not out.exists()


def test_badges_suggest_the_close_event(
    europython: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "badges.pdf"
    assert run(europython, "badges", "--event", "europyton 2026", str(out)) == 2
    err = capsys.readouterr().err
    assert err == (
        "netdesk: no event named 'europyton 2026'. "
        "Did you mean 'EuroPython 2026' or 'EuroPython 2025'? Nothing was written.\n"
    )
    assert not out.exists()


def test_qr_suggests_the_close_email_address(
    europython: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "card.png"
    assert run(europython, "qr", "--contact", "ada@exmaple.org", str(out)) == 2
    assert capsys.readouterr().err == (
        "netdesk: no contact with the email address or UID 'ada@exmaple.org'. "
        "Did you mean 'ada@example.org'? Nothing was written.\n"
    )
    assert not out.exists()
