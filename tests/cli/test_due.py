"""`netdesk due [--days N]`: overdue, today's and the next days' follow-ups, one a line."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from netdesk import clock
from netdesk.services.records import ContactInput, EventInput
from tests.cli.helpers import run, services_at

MONDAY = datetime(2026, 12, 7, 9, tzinfo=UTC)  # Monday 7 December 2026, 09:00 UTC


@pytest.fixture
def queue(db_path: Path) -> Path:
    """Ana's follow-ups from PyCon DE and Ben's without an event, due over three weeks; one
    done and one without a date."""
    with services_at(db_path) as services:
        pycon = services.events.create(
            EventInput(name="PyCon DE", starts_at=datetime(2026, 11, 20, 9, tzinfo=UTC))
        )
        ana = services.contacts.create(ContactInput(formatted_name="Ana Lima"))
        ben = services.contacts.create(ContactInput(formatted_name="Ben Okafor"))
        add = services.followups.add
        add(ana, "send the slides", date(2026, 12, 7), pycon)
        add(ben, "call about the job", date(2026, 11, 30))
        add(ana, "book the table", date(2025, 12, 24))
        add(ben, "introduce to Carla", date(2026, 12, 8))
        add(ana, "ask about the meetup", date(2026, 12, 10), pycon)
        add(ben, "reply later", date(2026, 12, 28))
        add(ben, "someday", None)
        services.followups.set_done(add(ana, "already done", date(2026, 12, 6)))
    clock.stop_at(MONDAY)
    return db_path


def test_overdue_and_today_by_default(queue: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(queue, "due") == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines() == [
        "Overdue",
        "Wed 24 Dec 2025  Ana Lima — book the table",
        "Mon 30 Nov       Ben Okafor — call about the job",
        "",
        "Today",
        "Mon 7 Dec        Ana Lima — send the slides (PyCon DE)",
    ]


def test_the_next_days_come_in_a_section_of_their_own(
    queue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(queue, "due", "--days", "3") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[lines.index("Next 3 days") :] == [
        "Next 3 days",
        "Tue 8 Dec        Ben Okafor — introduce to Carla",
        "Thu 10 Dec       Ana Lima — ask about the meetup (PyCon DE)",
    ]
    assert run(queue, "due", "--days", "1") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-2:] == ["Tomorrow", "Tue 8 Dec        Ben Okafor — introduce to Carla"]


def test_nothing_due_is_said_and_is_no_failure(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with services_at(db_path) as services:
        ana = services.contacts.create(ContactInput(formatted_name="Ana Lima"))
        services.followups.add(ana, "next month", date(2027, 1, 7))
    clock.stop_at(MONDAY)
    assert run(db_path, "due") == 0
    assert capsys.readouterr().out == "nothing due\n"
    assert run(db_path, "due", "--days", "40") == 0
    assert "Thu 7 Jan 2027  Ana Lima — next month" in capsys.readouterr().out


def test_today_is_the_users_local_date(
    queue: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # 23:30 UTC on Sunday is already Monday in Berlin, still Sunday in UTC.
    clock.stop_at(datetime(2026, 12, 6, 23, 30, tzinfo=UTC))
    assert run(queue, "due") == 0
    assert "Today" not in capsys.readouterr().out
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:
        assert run(queue, "due") == 0
    finally:
        monkeypatch.undo()
        time.tzset()
    assert "Today\nMon 7 Dec" in capsys.readouterr().out


@pytest.mark.parametrize("days", ["-1", "three", "99999"])
def test_a_bad_number_of_days_is_a_usage_error(
    queue: Path, capsys: pytest.CaptureFixture[str], days: str
) -> None:
    with pytest.raises(SystemExit) as caught:
        run(queue, "due", "--days", days)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "argument --days" in err
    assert "Traceback" not in err


def test_names_cannot_act_on_the_terminal(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with services_at(db_path) as services:
        odd = services.contacts.create(ContactInput(formatted_name="Eve Mallory"))
        services.followups.add(odd, "write back", date(2026, 12, 7))
    with services_at(db_path) as services:  # as an older netdesk or a sync might have left it
        from sqlalchemy import text

        with services.db.transaction() as session:
            session.execute(text("UPDATE contacts SET formatted_name = 'Eve\x1b[31m\nMallory'"))
    clock.stop_at(MONDAY)
    assert run(db_path, "due") == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "Mon 7 Dec  Eve[31m Mallory — write back" in out


def test_it_starts_without_qt(queue: Path) -> None:
    code = (
        "import sys; from netdesk.cli.main import main; status = main(sys.argv[1:]); "
        "print(sorted(m for m in sys.modules if m.startswith('PySide6'))); sys.exit(status)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "--db", str(queue), "due"],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[-1] == "[]"
