"""`netdesk events`: every event one a line, tab-separated, in the order they happen."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from netdesk import clock
from netdesk.cli.main import build_parser
from netdesk.services.records import ContactInput, EventInput
from tests.cli.helpers import run, services_at


@pytest.fixture
def calendar(db_path: Path) -> Path:
    """Two past events (one all-day over three days, with three people of whom two were met)
    and one to come."""
    with services_at(db_path) as services:
        sprint = services.events.create(
            EventInput(
                name="Spring  Sprint",
                starts_at=datetime(2024, 4, 2, tzinfo=UTC),
                ends_at=datetime(2024, 4, 4, 12, tzinfo=UTC),  # the last day
                all_day=True,
                venue="Betahaus",
                city="Berlin",
            )
        )
        services.events.create(
            EventInput(
                name="Salon",
                starts_at=datetime(2023, 11, 5, 18, tzinfo=UTC),
                timezone="Europe/Berlin",
            )
        )
        services.events.create(
            EventInput(
                name="Future Conf",
                starts_at=(clock.now() + timedelta(days=40)).replace(hour=9),
                timezone="UTC",
                city="Lisbon",
            )
        )
        for n, met in enumerate((True, True, False)):
            person = services.contacts.create(ContactInput(formatted_name=f"Person {n}"))
            services.events.add_attendee(sprint, person, met=met)
    return db_path


def test_events_are_listed_in_date_order_one_a_line(
    calendar: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(calendar, "events") == 0
    out, err = capsys.readouterr()
    future = (clock.now() + timedelta(days=40)).date().isoformat()
    assert out.splitlines() == [
        "Salon\t2023-11-05\t2023-11-05\t\t0\t0",
        "Spring Sprint\t2024-04-02\t2024-04-04\tBetahaus, Berlin\t3\t2",
        f"Future Conf\t{future}\t{future}\tLisbon\t0\t0",
    ]
    assert err == ""


def test_upcoming_and_past_split_the_list(
    calendar: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(calendar, "events", "--upcoming") == 0
    assert [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()] == ["Future Conf"]
    assert run(calendar, "events", "--past") == 0
    assert [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()] == [
        "Salon",
        "Spring Sprint",
    ]
    with pytest.raises(SystemExit) as exit_info:
        run(calendar, "events", "--upcoming", "--past")
    assert exit_info.value.code == 2


def test_events_as_json(calendar: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(calendar, "events", "--past", "--format", "json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[1] == {
        "name": "Spring Sprint",
        "first_day": "2024-04-02",
        "last_day": "2024-04-04",
        "venue": "Betahaus",
        "city": "Berlin",
        "people": 3,
        "met": 2,
        "upcoming": False,
    }


def test_no_events_says_so_on_stderr_only(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with services_at(db_path):
        pass
    assert run(db_path, "events", "--upcoming") == 0
    assert capsys.readouterr() == ("", "netdesk: no upcoming events\n")


def test_events_is_in_the_help() -> None:
    assert re.search(r"^ +events +list the events", build_parser().format_help(), re.M)
