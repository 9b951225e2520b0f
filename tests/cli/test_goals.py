"""`netdesk goals`: list the open goals with progress and next step, add one, mark one done."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from netdesk import clock
from netdesk.services.records import ContactInput
from tests.cli.helpers import run, services_at


@pytest.fixture(autouse=True)
def _clock() -> None:
    clock.stop_at(datetime(2026, 3, 10, 12, tzinfo=UTC))


def test_add_list_and_done(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with services_at(db_path):
        pass  # an empty database
    assert run(db_path, "goals") == 0
    assert capsys.readouterr().out == "no open goals\n"
    status = run(
        db_path, "goals", "add", "A job in climate tech", "--by", "2026-06-30", "--tag", "climate"
    )
    assert status == 0
    assert capsys.readouterr().out == "Added goal 1: A job in climate tech\n"
    assert run(db_path, "goals", "add", "A mentor") == 0
    with services_at(db_path) as services:
        ana = services.contacts.create(ContactInput(formatted_name="Ana"))
        services.followups.add(ana, "Ask about openings", date(2026, 3, 12))
        services.goals.link(1, contact_id=ana)
    capsys.readouterr()
    assert run(db_path, "goals") == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "1. A job in climate tech (by 2026-06-30) [climate]",
        "   0% · 0 of 1 follow-ups done · 1 person · 112 days left",
        "   Next: Ana: Ask about openings (due 12 Mar)",
        "2. A mentor",
        "   Nothing linked yet",
        "   Next: Link people or events to this goal",
    ]
    assert run(db_path, "goals", "done", "2") == 0
    assert capsys.readouterr().out == "Done: A mentor\n"
    assert run(db_path, "goals", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [g["id"] for g in listed] == [1]
    assert listed[0]["target_date"] == "2026-06-30"
    assert listed[0]["next_step"] == "Ana: Ask about openings (due 12 Mar)"
    assert listed[0]["followups"] == 1 and listed[0]["people"] == 1
    assert run(db_path, "goals", "--all", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(g["id"], g["done"]) for g in listed] == [(1, False), (2, True)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("goals", "done", "7"), "there is no goal 7"),
        (("goals", "add", "   "), "Say what the goal is."),
        (("goals", "add", "x", "--by", "June"), "'June' is not a date (YYYY-MM-DD)"),
        (("goals", "done", "x"), "is not a whole number"),
    ],
)
def test_usage_errors_exit_2_in_words(
    db_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    with services_at(db_path):
        pass
    try:
        status = run(db_path, *args)
    except SystemExit as exc:  # argparse's own usage errors
        status = int(str(exc.code))
    assert status == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_text_that_would_act_on_the_terminal_is_shown_plain(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with services_at(db_path) as services:
        services.goals.create("Meet\tpeople \x1b[31mred")
    assert run(db_path, "goals") == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert "\x1b" not in first and first.startswith("1. Meet people")


def test_the_usage_shows_the_subcommand_as_optional(capsys: pytest.CaptureFixture[str]) -> None:
    from netdesk.cli.main import build_parser

    with pytest.raises(SystemExit):
        build_parser().parse_args(["goals", "--help"])
    assert "usage: netdesk goals [-h] [--all] [--json] [add | done]" in capsys.readouterr().out
