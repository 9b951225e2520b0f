"""`netdesk draft` as a user runs it: .eml files read back with Python's email package, exit
codes, words on stderr, never the database overwritten."""

from __future__ import annotations

import email
import email.policy
import hashlib
import subprocess
import sys
from datetime import UTC, date, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import select

from netdesk.models import Contact
from netdesk.models.note import NoteTopic
from netdesk.services.mail import TemplateRecord
from netdesk.services.records import ContactInput, EventInput
from tests.cli.helpers import run, services_at


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """Ana (met at PyCon DE, with a follow-up), Bo without email, and me."""
    path = tmp_path / "X.sqlite"
    with services_at(path) as services:
        services.contacts.create(
            ContactInput(
                given_name="Jonas",
                family_name="Weiß",
                formatted_name="Jonas Weiß",
                emails=["jonas@example.se"],
                is_me=True,
            )
        )
        ana = services.contacts.create(
            ContactInput(formatted_name="Ana Lima", emails=["ana@example.org"])
        )
        services.contacts.create(ContactInput(formatted_name="Bo Berg"))
        pycon = services.events.create(
            EventInput(name="PyCon DE", starts_at=datetime(2025, 4, 23, 9, tzinfo=UTC))
        )
        services.events.add_attendee(pycon, ana, met=True)
        services.notes.add(ana, "heat pumps", NoteTopic.TALKED_ABOUT.value, pycon)
        services.followups.add(ana, "Send the slides", date(2025, 5, 1), pycon)
    return path


def _read(path: Path) -> EmailMessage:
    msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_draft_to_a_contact_writes_an_eml_with_my_card(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ana.eml"
    assert run(database, "draft", "--contact", "ANA@example.org", str(out)) == 0
    said = capsys.readouterr()
    assert said.out == f"Wrote the draft to Ana Lima, “Nice to meet you at PyCon DE”, to {out}\n"
    msg = _read(out)
    assert msg["Subject"] == "Nice to meet you at PyCon DE"
    assert str(msg["To"]) == "Ana Lima <ana@example.org>"
    assert msg["X-Unsent"] == "1"
    body = msg.get_body(("plain",))
    assert body is not None and "our conversation about heat pumps." in body.get_content()
    [card] = msg.iter_attachments()
    assert card.get_filename() == "Jonas-Weiß.vcf"


def test_draft_for_a_followup_uses_the_promise(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "f.eml"
    assert run(database, "draft", "--followup", "1", str(out)) == 0
    msg = _read(out)
    assert msg["Subject"] == "What I promised: Send the slides"
    assert list(msg.iter_attachments()) == []


def test_template_and_event_can_be_chosen(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.eml"
    args = ("--template", "thanks-talk", "--event", "PyCon DE")
    assert run(database, "draft", "--contact", "ana@example.org", *args, str(out)) == 0
    assert _read(out)["Subject"] == "Thanks for your talk at PyCon DE"


def test_the_command_line_logs_nothing_as_pending(database: Path, tmp_path: Path) -> None:
    assert run(database, "draft", "--contact", "ana@example.org", str(tmp_path / "a.eml")) == 0
    with services_at(database) as services:
        assert services.drafts.pending() == []


def test_a_contact_without_email_gets_a_draft_and_a_warning(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with services_at(database) as services, services.db.Session() as session:
        uid = session.scalar(select(Contact.uid).where(Contact.formatted_name == "Bo Berg"))
    assert uid is not None
    out = tmp_path / "bo.eml"
    assert run(database, "draft", "--contact", uid, str(out)) == 0
    assert "Bo Berg has no email address; fill in To." in capsys.readouterr().err
    assert _read(out)["To"] is None


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--contact", "nobody@example.org"], "no contact with the email address or UID"),
        (["--followup", "99"], "no follow-up with the id 99"),
        (["--contact", "ana@example.org", "--event", "PyKon"], "no event named 'PyKon'"),
        (
            ["--contact", "ana@example.org", "--template", "nope"],
            "the templates are: nice-to-meet, promised, thanks-talk, introduction, reconnect",
        ),
        # One person's introduction read "Introduction: and", addressed to one of the two.
        (
            ["--contact", "ana@example.org", "--template", "Introduction"],
            "the introduction template is one email to two people",
        ),
    ],
)
def test_what_is_not_there_is_a_usage_error(
    database: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    words: str,
) -> None:
    out = tmp_path / "x.eml"
    assert run(database, "draft", *args, str(out)) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["draft", "x.eml"],
        ["draft", "--contact", "ana@example.org"],
        ["draft", "--list-templates", "x.eml"],
        ["draft", "--contact", "ana@example.org", "--followup", "1", "x.eml"],
        # An empty shell variable as OUT: said as usage, not "a folder of that name".
        ["draft", "--contact", "ana@example.org", ""],
    ],
)
def test_how_it_is_typed_is_checked(
    database: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(database, *args)
    assert exit_info.value.code == 2
    assert "netdesk draft: error: " in capsys.readouterr().err


def test_list_templates_marks_the_edited_ones(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with services_at(database) as services:
        services.templates.save(TemplateRecord("reconnect", "Catch up", "Hi", "Hi"))
        services.templates.save(TemplateRecord("coffee", "Coffee?", "Coffee", "Coffee?"))
    assert run(database, "draft", "--list-templates") == 0
    assert capsys.readouterr().out.splitlines() == [
        "nice-to-meet\tNice to meet you",
        "promised\tSending what I promised",
        "thanks-talk\tThanks for your talk",
        "introduction\tIntroduction of two people",
        "reconnect\tCatch up (edited)",
        "coffee\tCoffee?",
    ]


def test_the_database_and_its_wal_are_refused(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _digest(database)
    for out in (database, Path(f"{database}-wal"), database.parent / "." / database.name):
        assert run(database, "draft", "--contact", "ana@example.org", str(out)) == 2
        err = capsys.readouterr().err
        assert err == f"netdesk: refusing to write to {out}: it is the open database; " + (
            "nothing was written.\n"
        )
    assert _digest(database) == before
    assert not Path(f"{database}-wal").exists() or Path(f"{database}-wal").stat().st_size == 0


def test_a_missing_folder_is_said_in_words(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no" / "such" / "a.eml"
    assert run(database, "draft", "--contact", "ana@example.org", str(out)) == 1
    assert capsys.readouterr().err == (f"netdesk: cannot write {out}: the folder does not exist\n")


def test_dash_writes_the_draft_to_standard_output(database: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "netdesk", "--db", str(database), "draft", "--followup", "1", "-"],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    msg = email.message_from_bytes(done.stdout, policy=email.policy.default)
    assert msg["Subject"] == "What I promised: Send the slides"
    assert done.stderr.decode().endswith("to standard output\n")


def test_standard_output_sent_to_the_database_is_refused(database: Path) -> None:
    before = _digest(database)
    command = [sys.executable, "-m", "netdesk", "--db", str(database), "draft"]
    with database.open("ab") as into_database:
        done = subprocess.run(
            [*command, "--followup", "1", "-"],
            stdout=into_database,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert done.returncode == 2
    assert done.stderr.decode() == (
        "netdesk: refusing to write to standard output: it is the open database; "
        "nothing was written.\n"
    )
    assert _digest(database) == before


def test_a_symlink_to_the_database_is_refused(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "draft.eml"
    link.symlink_to(database)
    before = _digest(database)
    assert run(database, "draft", "--contact", "ana@example.org", str(link)) == 2
    assert "it is the open database" in capsys.readouterr().err
    assert _digest(database) == before and link.is_symlink()


def test_help_names_the_choices(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(database, "draft", "--help")
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "--list-templates" in out and "OUT.eml" in out and "--followup ID" in out


def test_templates_another_program_wrote_into_the_file(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Rows written straight into the database: a key netdesk would not make is still found
    as listed, and a template that reaches for attributes is refused in a sentence."""
    import sqlite3

    with sqlite3.connect(database) as conn:
        conn.executemany(
            "INSERT INTO email_templates (key, name, subject, body, attach_my_card, position,"
            " updated_at) VALUES (?, ?, ?, ?, 0, 0, '2026-12-05 00:00:00')",
            [
                ("Odd Key", "Odd", "Hello", "Hi {first_name}"),
                ("evil", "Evil", "{first_name.__class__}", "Hi"),
            ],
        )
    conn.close()
    assert run(database, "draft", "--list-templates") == 0
    assert "Odd Key\tOdd" in capsys.readouterr().out
    out = tmp_path / "odd.eml"
    assert (
        run(database, "draft", "--contact", "ana@example.org", "--template", "Odd Key", str(out))
        == 0
    )
    assert _read(out)["Subject"] == "Hello"
    capsys.readouterr()
    assert run(database, "draft", "--contact", "ana@example.org", "--template", "evil", "-") == 1
    err = capsys.readouterr().err
    assert err.startswith("netdesk: The template “Evil”: {first_name.__class__}: ")
    assert err.endswith("brackets. Nothing was written.\n")
