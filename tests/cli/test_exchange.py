"""`netdesk import` and `netdesk export` as a user runs them: files in, files out, exit codes,
what goes to stdout and what to stderr."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netdesk.formats.records import Problem
from netdesk.services.import_plan import ImportReport
from tests.cli.helpers import run, services_at, write_file

CARDS = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:Schröder;Anna;;;\r\n"
    "FN:Anna Schröder\r\n"
    "ORG:ACME;Platform\r\n"
    "EMAIL;TYPE=INTERNET,WORK:anna@acme.org\r\n"
    "TEL;TYPE=CELL:+49 151 23456789\r\n"
    "CATEGORIES:python,speaker\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:Nowak;Łukasz;;;\r\n"
    "FN:Łukasz Nowak\r\n"
    "EMAIL:lukasz@wislacloud.pl\r\n"
    "NOTE:Met at the sprint\\, wants the slides.\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Grace Hopper\r\n"
    "N:Hopper;Grace;;;\r\n"
    "EMAIL:grace@navy.example\r\n"
    "END:VCARD\r\n"
)
CARD_NAMES = {"Anna Schröder", "Łukasz Nowak", "Grace Hopper"}

# Line 1 starts a card that never ends (the next BEGIN, line 4, comes first): it is kept with a
# warning, as is the card after it.
BROKEN_CARDS = (
    "BEGIN:VCARD\n"
    "VERSION:3.0\n"
    "FN:Nobody Finished\n"
    "BEGIN:VCARD\n"
    "VERSION:3.0\n"
    "FN:Ada Lovelace\n"
    "EMAIL:ada@engines.example\n"
    "END:VCARD\n"
)

LINKEDIN = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Margaret,Hamilton,https://www.linkedin.com/in/mhamilton,margaret@apollo.example,"
    "Apollo Software,Director,12 Mar 2024\n"
    "Katherine,Johnson,https://www.linkedin.com/in/kjohnson,,NASA,Mathematician,01 Feb 2023\n"
)

UNKNOWN_CSV = "Spalte A;Spalte B;Spalte C\nfoo;bar;baz\nqux;quux;corge\n"

ICS = (
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//Meetup//RemoteApi//EN\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:event-1@meetup.example\r\n"
    "DTSTAMP:20240301T120000Z\r\n"
    "DTSTART;TZID=Europe/Berlin:20240412T183000\r\n"
    "DTEND;TZID=Europe/Berlin:20240412T210000\r\n"
    "SUMMARY:Python Users Berlin\r\n"
    "LOCATION:Betahaus\\, Berlin\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:event-2@meetup.example\r\n"
    "DTSTAMP:20240301T120000Z\r\n"
    "DTSTART;VALUE=DATE:20240520\r\n"
    "SUMMARY:Open source sprint day\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


def names_in(db_path: Path) -> list[str]:
    with services_at(db_path) as services:
        return sorted(row.name for row in services.search.page("", limit=1000))


def said(
    path: Path, rejected: int = 0, dry_run: bool = False, warned: int = 0, **counts: int
) -> str:
    """The summary line the import of `path` should print, worded by ImportReport itself."""
    report = ImportReport(file=str(path), dry_run=dry_run)
    report.problems = [Problem(str(path), 1, "broken")] * rejected
    report.problems += [Problem(str(path), 1, "check", kept=True)] * warned
    for name, count in counts.items():
        assert hasattr(report, name), name
        setattr(report, name, count)
    return report.summary()


def netdesk(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netdesk", *args],
        capture_output=True,
        text=True,
        check=False,
        **kwargs,  # type: ignore[call-overload]
    )


# ---- import ---------------------------------------------------------------------------------


def test_import_vcards_prints_one_summary_line_and_exits_0(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cards = write_file(tmp_path, "cards.vcf", CARDS)
    assert run(db_path, "import", str(cards)) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [said(cards, added=3)]
    assert err == ""
    assert set(names_in(db_path)) == CARD_NAMES


def test_a_broken_card_is_reported_with_file_and_line_and_the_others_go_in(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = write_file(tmp_path, "broken.vcf", BROKEN_CARDS)
    # The card cut short is kept: a warning, which alone does not fail the import.
    assert run(db_path, "import", str(broken)) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [said(broken, added=2, warned=1)]
    problems = err.splitlines()
    assert len(problems) == 1
    assert problems[0].startswith(f"{broken}:4: warning: ")
    assert names_in(db_path) == ["Ada Lovelace", "Nobody Finished"]


def test_duplicates_are_merged_by_default_or_skipped_or_added_as_new(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cards = write_file(tmp_path, "cards.vcf", CARDS)
    assert run(db_path, "import", str(cards)) == 0
    assert run(db_path, "import", str(cards)) == 0
    assert run(db_path, "import", str(cards), "--on-duplicate", "skip") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:] == [said(cards, merged=3), said(cards, skipped=3)]
    assert len(names_in(db_path)) == 3
    assert run(db_path, "import", str(cards), "--on-duplicate", "new") == 0
    assert capsys.readouterr().out.splitlines() == [said(cards, added=3)]
    assert sorted(names_in(db_path)) == sorted(list(CARD_NAMES) * 2)


def test_an_unknown_duplicate_choice_is_a_usage_error(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cards = write_file(tmp_path, "cards.vcf", CARDS)
    with pytest.raises(SystemExit) as exit_info:
        run(db_path, "import", str(cards), "--on-duplicate", "replace")
    assert exit_info.value.code == 2
    assert "invalid choice: 'replace'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        run(db_path, "import")  # no file at all
    assert exit_info.value.code == 2
    assert not db_path.exists()


def test_event_option_attaches_people_to_the_event_and_creates_it_only_once(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cards = write_file(tmp_path, "cards.vcf", CARDS)
    linkedin = write_file(tmp_path, "Connections.csv", LINKEDIN)
    assert run(db_path, "import", str(cards), "--event", "PyCon Österreich") == 0
    # Same name in other case and without the accent: the same event, not a second one.
    assert run(db_path, "import", str(linkedin), "--event", "pycon osterreich") == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{cards}: created event 'PyCon Österreich'",
        said(cards, added=3, attached=3),
        said(linkedin, added=2, attached=2),
    ]
    with services_at(db_path) as services:
        events = services.events.list()
        assert [e.name for e in events] == ["PyCon Österreich"]
        attendees = {a.name for a in services.events.attendees(events[0].id)}
        assert attendees == CARD_NAMES | {"Margaret Hamilton", "Katherine Johnson"}


def test_dry_run_says_what_would_happen_and_changes_nothing(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cards = write_file(tmp_path, "cards.vcf", CARDS)
    assert run(db_path, "import", str(cards), "--dry-run", "--event", "Sprint") == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["The event 'Sprint' would be created.", said(cards, added=3, dry_run=True)]
    assert names_in(db_path) == []
    with services_at(db_path) as services:
        assert services.events.list() == []


def test_linkedin_connections_with_their_preamble(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    linkedin = write_file(tmp_path, "Connections.csv", LINKEDIN)
    assert run(db_path, "import", str(linkedin)) == 0
    assert capsys.readouterr().out.splitlines() == [said(linkedin, added=2)]
    with services_at(db_path) as services:
        rows = services.search.page("hamilton")
        assert [(r.name, r.organization, r.email) for r in rows] == [
            ("Margaret Hamilton", "Apollo Software", "margaret@apollo.example")
        ]


def test_a_csv_of_unknown_columns_fails_that_file_and_the_next_file_still_goes_in(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unknown = write_file(tmp_path, "export.csv", UNKNOWN_CSV)
    cards = write_file(tmp_path, "cards.vcf", CARDS)
    assert run(db_path, "import", str(unknown), str(cards)) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [said(cards, added=3)]
    assert err.splitlines() == [
        f"{unknown}: no column holds a name or an email address; say which one does with "
        '--map "HEADER=FIELD" (--columns shows what each column is taken for)'
    ]
    assert set(names_in(db_path)) == CARD_NAMES


def test_a_missing_file_is_reported_and_the_others_still_go_in(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cards = write_file(tmp_path, "cards.vcf", CARDS)
    missing = tmp_path / "nope.vcf"
    assert run(db_path, "import", str(missing), str(cards), "--event", "Meetup") == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{cards}: created event 'Meetup'",
        said(cards, added=3, attached=3),
    ]
    assert str(missing) in err and "no such file" in err
    assert set(names_in(db_path)) == CARD_NAMES


def test_nothing_importable_leaves_no_empty_event_behind(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db_path, "import", str(tmp_path / "typo.vcf"), "--event", "Meetup") == 1
    assert "typo.vcf" in capsys.readouterr().err
    with services_at(db_path) as services:
        assert services.events.list() == []


def test_ics_creates_events_and_updates_them_by_uid_the_second_time(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ics = write_file(tmp_path, "meetup.ics", ICS)
    assert run(db_path, "import", str(ics)) == 0
    assert run(db_path, "import", str(ics)) == 0
    assert capsys.readouterr().out.splitlines() == [
        said(ics, events_added=2),
        said(ics, events_updated=2),
    ]
    with services_at(db_path) as services:
        names = sorted(e.name for e in services.events.list())
        assert names == ["Open source sprint day", "Python Users Berlin"]


def test_import_as_a_separate_process_never_shows_a_traceback(
    tmp_path: Path, db_path: Path
) -> None:
    cards = write_file(tmp_path, "cards.vcf", CARDS)
    broken = write_file(tmp_path, "broken.vcf", BROKEN_CARDS)
    unknown = write_file(tmp_path, "export.csv", UNKNOWN_CSV)
    done = netdesk("--db", str(db_path), "import", str(cards), str(broken), str(unknown))
    assert done.returncode == 1
    assert done.stdout.splitlines() == [said(cards, added=3), said(broken, added=2, warned=1)]
    err = done.stderr.splitlines()
    assert err[0].startswith(f"{broken}:4: warning: ")
    assert err[1] == (
        f"{unknown}: no column holds a name or an email address; say which one does with "
        '--map "HEADER=FIELD" (--columns shows what each column is taken for)'
    )
    assert "Traceback" not in done.stderr
    done = netdesk("--db", str(db_path), "import", str(cards))
    assert (done.returncode, done.stdout, done.stderr) == (0, said(cards, merged=3) + "\n", "")


def _big_vcard(people: int) -> str:
    return "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Person{i};Bulk;;;\r\nFN:Bulk Person{i}\r\n"
        f"EMAIL:bulk{i}@example.org\r\nTEL;TYPE=CELL:+49 151 {10000000 + i}\r\nEND:VCARD\r\n"
        for i in range(people)
    )


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal and SIGINT")
def test_ctrl_c_keeps_the_files_before_and_nothing_of_the_interrupted_one(
    tmp_path: Path, db_path: Path
) -> None:
    import pty

    cards = write_file(tmp_path, "cards.vcf", CARDS)
    # The second file is a pipe this test writes: the command is certainly in the middle of it
    # when the signal goes in, however slow or busy the machine (a plain file of 20,000 cards
    # was sometimes imported whole before a loaded test process got round to signalling).
    big = tmp_path / "big.vcf"
    os.mkfifo(big)
    # stderr on a terminal, as when a user presses Ctrl+C: the progress line shows there.
    controller, terminal = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "netdesk", "--db", str(db_path), "import", str(cards), str(big)],
        stdout=subprocess.PIPE,
        stderr=terminal,
        text=True,
    )
    os.close(terminal)
    seen = b""
    # Opening the pipe to write returns once the command has opened it to read.
    with big.open("wb") as pipe:
        pipe.write(_big_vcard(2_000).encode())
        pipe.flush()
        time.sleep(0.2)
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=60)
    try:
        while chunk := os.read(controller, 4096):
            seen += chunk
    except OSError:  # the terminal closes with the process
        pass
    os.close(controller)
    err = seen.decode("utf-8", "replace")
    assert proc.returncode == 130, err
    assert f"interrupted: nothing from {big} was imported" in err
    assert "Traceback" not in err
    assert out.splitlines() == [said(cards, added=3)]
    assert set(names_in(db_path)) == CARD_NAMES


# ---- export ---------------------------------------------------------------------------------


@pytest.fixture
def filled(tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Three people from a vCard (at "Sprint") and two from LinkedIn, plus two events."""
    assert (
        run(db_path, "import", str(write_file(tmp_path, "c.vcf", CARDS)), "--event", "Sprint") == 0
    )
    assert run(db_path, "import", str(write_file(tmp_path, "l.csv", LINKEDIN))) == 0
    assert run(db_path, "import", str(write_file(tmp_path, "m.ics", ICS))) == 0
    capsys.readouterr()
    return db_path


def unfolded(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")


def test_export_vcard_of_everybody_and_of_one_event(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "all.vcf"
    assert run(filled, "export", "vcard", str(out)) == 0
    assert capsys.readouterr().out == f"Wrote 5 people (vCard 3.0) to {out}\n"
    lines = unfolded(out.read_bytes())
    assert lines.count("BEGIN:VCARD") == 5 and lines.count("VERSION:3.0") == 5
    assert "FN:Anna Schröder" in lines
    assert b"\n" not in out.read_bytes().replace(b"\r\n", b"")  # CRLF only

    sprint = tmp_path / "sprint.vcf"
    assert (
        run(filled, "export", "vcard", str(sprint), "--event", "sprint", "--vcard-version", "4.0")
        == 0
    )
    assert capsys.readouterr().out == f"Wrote 3 people (vCard 4.0) to {sprint}\n"
    lines = unfolded(sprint.read_bytes())
    assert lines.count("VERSION:4.0") == 3
    assert {line[3:] for line in lines if line.startswith("FN:")} == CARD_NAMES
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_export_csv_of_an_events_attendees(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sprint.csv"
    assert run(filled, "export", "csv", str(out), "--event", "Sprint") == 0
    assert capsys.readouterr().out == f"Wrote 3 people to {out}\n"
    text = out.read_text(encoding="utf-8-sig")
    assert len(text.splitlines()) == 4  # header and three people
    assert "Łukasz" in text and "Margaret" not in text


def test_export_ics_of_events(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "events.ics"
    assert run(filled, "export", "ics", str(out)) == 0
    said = capsys.readouterr().out
    assert said.startswith("Wrote 3 events and 0 open follow-ups to ")
    lines = unfolded(out.read_bytes())
    assert lines.count("BEGIN:VEVENT") == 3
    assert "SUMMARY:Python Users Berlin" in lines


def test_an_unknown_event_writes_nothing_and_exits_2(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "kept.vcf"
    out.write_text("the old file\n")
    before = sorted(p.name for p in tmp_path.iterdir())
    assert run(filled, "export", "vcard", str(out), "--event", "No Such Conf") == 2
    assert capsys.readouterr().err == (
        "netdesk: no event named 'No Such Conf' (`netdesk events` lists them). "
        "Nothing was written.\n"
    )
    assert out.read_text() == "the old file\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert run(filled, "export", "csv", str(tmp_path / "new.csv"), "--event", "Nope") == 2
    assert not (tmp_path / "new.csv").exists()


def test_export_into_a_missing_folder_is_a_message_not_a_traceback(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no-such-folder" / "all.vcf"
    assert run(filled, "export", "vcard", str(out)) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"netdesk: cannot write {out}: ") and "Traceback" not in err


def test_vcard_version_on_a_csv_export_is_a_usage_error(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(filled, "export", "csv", str(tmp_path / "x.csv"), "--vcard-version", "4.0")
    assert exit_info.value.code == 2
    assert "--vcard-version applies to vcard exports" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        run(filled, "export", "vcard", str(tmp_path / "x.vcf"), "--vcard-version", "2.1")
    assert exit_info.value.code == 2
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "x.vcf").exists()


def test_export_to_standard_output_in_a_separate_process(filled: Path) -> None:
    done = netdesk("--db", str(filled), "export", "vcard", "-", "--event", "Sprint")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("BEGIN:VCARD") == 3
    assert done.stderr == "Wrote 3 people (vCard 3.0) to standard output\n"
    done = netdesk("--db", str(filled), "export", "ics", "-", "--event", "No Such Conf")
    assert (done.returncode, done.stdout) == (2, "")
    assert "Traceback" not in done.stderr
