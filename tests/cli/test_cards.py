"""`netdesk qr`, `netdesk badges` and `netdesk templates` as a user runs them: files written
and read back with a real QR decoder, exit codes, what goes to stdout and what to stderr."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from netdesk.cards.badge_sheet import page_count
from netdesk.cards.payload import PayloadFormat
from netdesk.cards.qr_read import decode_texts
from netdesk.cards.share import CARD_DEFAULT_FIELDS
from netdesk.cards.templates import BUILTIN_TEMPLATES, TemplateStore
from netdesk.cli.main import main
from netdesk.models.attendance import RegistrationStatus, Role
from netdesk.services.cards import BadgeSelection
from netdesk.services.records import ContactInput, EventInput
from netdesk.services.service_set import Services
from tests.cli.helpers import run, services_at

ME_HINT = "Mark your own card as Me in the window, or use --contact"


@pytest.fixture(autouse=True)
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Custom label templates live in the user's config folder: one per test."""
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


def netdesk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netdesk", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def add_person(services: Services, given: str, family: str, **more: object) -> int:
    return services.contacts.create(
        ContactInput(given_name=given, family_name=family, **more)  # type: ignore[arg-type]
    )


@pytest.fixture
def people(db_path: Path) -> dict[str, int]:
    """Zoë (not "me") and Grace; ids by first name."""
    with services_at(db_path) as services:
        return {
            "Zoë": add_person(
                services,
                "Zoë",
                "Müller",
                organization="Société Générale",
                title="Head of research",
                emails=["Zoe@SG.example"],
                phones=["+33 1 23 45 67 89"],
                note="Owes me a coffee",
            ),
            "Grace": add_person(services, "Grace", "Hopper", emails=["grace@navy.example"]),
        }


def expected_payload(
    db_path: Path,
    contact_id: int,
    fields: tuple[str, ...] = CARD_DEFAULT_FIELDS,
    fmt: PayloadFormat = PayloadFormat.VCARD,
) -> str:
    with services_at(db_path) as services:
        return services.cards.card(contact_id, fields, fmt).payload


def svg_image(path: Path) -> QImage:
    renderer = QSvgRenderer(QByteArray(path.read_bytes()))
    assert renderer.isValid()
    image = QImage(500, 500, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


# ---- qr -------------------------------------------------------------------------------------


def test_qr_of_my_card_as_png_reads_back_to_my_vcard(
    tmp_path: Path, db_path: Path, people: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    with services_at(db_path) as services:
        me = add_person(services, "Ada", "Lovelace", organization="Engines", is_me=True)
    out = tmp_path / "me.png"
    assert run(db_path, "qr", "--me", str(out)) == 0
    said, err = capsys.readouterr()
    assert err == ""
    assert said.startswith("Wrote the card of Ada Lovelace (vCard, ")
    assert said.endswith(f" modules) to {out}\n")
    payload = expected_payload(db_path, me)
    assert "FN:Ada Lovelace" in payload
    assert decode_texts(QImage(str(out))) == [payload]


def test_qr_of_a_contact_by_email_in_any_case_as_mecard_svg_with_chosen_fields(
    tmp_path: Path, db_path: Path, people: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "zoe.SVG"
    args = ("--contact", "zoe@sg.EXAMPLE", str(out), "--format", "mecard", "--fields", "email,name")
    assert run(db_path, "qr", *args) == 0
    assert capsys.readouterr().out.startswith("Wrote the card of Zoë Müller (MECARD, ")
    payload = expected_payload(db_path, people["Zoë"], ("name", "email"), PayloadFormat.MECARD)
    assert payload == "MECARD:N:Müller,Zoë;EMAIL:Zoe@SG.example;;"
    assert decode_texts(svg_image(out)) == [payload]


def test_qr_of_a_contact_by_uid_shares_the_default_fields_and_never_the_notes(
    tmp_path: Path, db_path: Path, people: dict[str, int]
) -> None:
    with services_at(db_path) as services:
        uid = services.cards.record(people["Zoë"]).uid
    out = tmp_path / "zoe.png"
    assert run(db_path, "qr", "--contact", uid, str(out)) == 0
    (text,) = decode_texts(QImage(str(out)))
    assert text == expected_payload(db_path, people["Zoë"])
    assert "TEL" in text and "EMAIL" in text and "TITLE:Head of research" in text
    assert "coffee" not in text


def test_qr_me_without_a_me_contact_says_how_to_mark_one(
    tmp_path: Path, db_path: Path, people: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "me.png"
    assert run(db_path, "qr", "--me", str(out)) == 1
    said, err = capsys.readouterr()
    assert said == "" and ME_HINT in err and err.startswith("netdesk: ")
    assert not out.exists()


def test_qr_of_an_unknown_contact_fails_with_a_message(
    tmp_path: Path, db_path: Path, people: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.png"
    assert run(db_path, "qr", "--contact", "nobody@example.org", str(out)) == 2
    err = capsys.readouterr().err
    assert err == (
        "netdesk: no contact with the email address or UID 'nobody@example.org'. "
        "Nothing was written.\n"
    )
    assert not out.exists()


def test_qr_of_an_email_two_people_share_fails_with_a_message(
    tmp_path: Path, db_path: Path, people: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    with services_at(db_path) as services:
        add_person(services, "Gracie", "Other", emails=["GRACE@navy.example"])
    assert run(db_path, "qr", "--contact", "grace@navy.example", str(tmp_path / "x.png")) == 1
    assert capsys.readouterr().err.startswith("netdesk: More than one contact has ")


def test_qr_to_an_unknown_kind_of_file_writes_nothing(
    tmp_path: Path, db_path: Path, people: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("card.jpg", "card"):
        assert run(db_path, "qr", "--contact", "grace@navy.example", str(tmp_path / name)) == 2
        assert "must end in .png or .svg" in capsys.readouterr().err
        assert not (tmp_path / name).exists()


@pytest.mark.parametrize("name", ["card.png", "card.svg"])
def test_qr_into_a_missing_folder_or_onto_a_folder_is_a_message(
    name: str,
    tmp_path: Path,
    db_path: Path,
    people: dict[str, int],
    capsys: pytest.CaptureFixture[str],
) -> None:
    missing = tmp_path / "no-such-folder" / name
    assert run(db_path, "qr", "--contact", "grace@navy.example", str(missing)) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"netdesk: {missing}: could not write the ") and "Traceback" not in err
    folder = tmp_path / name
    folder.mkdir()
    assert run(db_path, "qr", "--contact", "grace@navy.example", str(folder)) == 1
    assert "is a folder" in capsys.readouterr().err


def test_qr_usage_errors_exit_2(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "x.png")
    for args in (
        ("qr", out),  # neither --me nor --contact
        ("qr", "--me", "--contact", "a@b.example", out),
        ("qr", "--me", out, "--fields", "name,photo"),
        ("qr", "--me", out, "--format", "vcard4"),
    ):
        with pytest.raises(SystemExit) as exit_info:
            run(db_path, *args)
        assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "unknown field 'photo'; choose from name, organization, title" in err
    assert not db_path.exists()


def test_qr_warns_on_stderr_when_the_code_is_dense(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with services_at(db_path) as services:
        add_person(
            services,
            "Maximilian",
            "Wortreich",
            organization="Internationale Gesellschaft für sehr lange Firmennamen " * 3,
            title="Beauftragter für die Abstimmung von Zuständigkeiten " * 4,
            emails=["max@lang.example"],
        )
    out = tmp_path / "max.png"
    assert run(db_path, "qr", "--contact", "max@lang.example", str(out)) == 0
    said, err = capsys.readouterr()
    assert err.startswith("netdesk: warning: This code is dense (")
    assert "Share fewer fields or use MECARD" in err
    assert said.startswith("Wrote the card of Maximilian Wortreich")
    assert len(decode_texts(QImage(str(out)))) == 1
    # With fewer fields the same card is easy to scan, and nothing is said.
    args = ("qr", "--contact", "max@lang.example", str(out), "--fields", "name,email")
    assert run(db_path, *args) == 0
    assert capsys.readouterr().err == ""


# ---- badges ---------------------------------------------------------------------------------


@pytest.fixture
def conference(db_path: Path) -> dict[str, int]:
    """Five people at "PyCon Lisbon": one checked in, one cancelled; and an empty meetup."""
    with services_at(db_path) as services:
        start = datetime(2025, 9, 1, 9, tzinfo=UTC)
        event = services.events.create(EventInput(name="PyCon Lisbon", starts_at=start))
        services.events.create(EventInput(name="Berlin Python Meetup", starts_at=start))
        ids = {"event": event}
        people = [
            ("Ada", "Lovelace", Role.SPEAKER, RegistrationStatus.CHECKED_IN),
            ("Grace", "Hopper", Role.STAFF, RegistrationStatus.REGISTERED),
            ("Alan", "Turing", Role.ATTENDEE, RegistrationStatus.REGISTERED),
            ("Zoë", "Müller", Role.SPONSOR, RegistrationStatus.REGISTERED),
            ("Barbara", "Liskov", Role.ATTENDEE, RegistrationStatus.CANCELLED),
        ]
        for given, family, role, status in people:
            contact = add_person(services, given, family, organization=f"{family} Labs")
            ids[given] = services.events.add_attendee(
                event, contact, role=role.value, status=status.value
            )
    return ids


def pdf_pages(path: Path) -> int:
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    return data.count(b"/Type /Page\n") + data.count(b"/Type /Page\r") + data.count(b"/Type /Page>")


def test_badges_of_everybody_registered_to_a_pdf(
    qapp: object,
    tmp_path: Path,
    db_path: Path,
    conference: dict[str, int],
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "badges.pdf"
    assert run(db_path, "badges", "--event", "pycon lisbon", str(out)) == 0
    said, err = capsys.readouterr()
    assert said == f"Wrote 4 badges on 1 page to {out}\n"
    assert err == ""
    assert pdf_pages(out) == 1
    with services_at(db_path) as services:
        # Written is not printed: only --mark-printed says so.
        assert len(services.cards.badges(conference["event"], BadgeSelection.NOT_PRINTED)) == 4


def test_badges_start_at_a_later_label_and_another_template(
    qapp: object,
    tmp_path: Path,
    db_path: Path,
    conference: dict[str, int],
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "badges.pdf"
    args = ("badges", "--event", "PyCon Lisbon", str(out), "--template", "avery-l4785")
    assert run(db_path, *args, "--start-at", "8") == 0  # labels 8, 9, 10, then a new sheet
    assert capsys.readouterr().out == f"Wrote 4 badges on 2 pages to {out}\n"
    assert pdf_pages(out) == 2
    template = TemplateStore(Path("unused.json")).get("avery-l4785")
    assert page_count(template, 4, start_at=8) == 2


def test_badges_mark_printed_then_only_the_new_ones_are_selected(
    qapp: object,
    tmp_path: Path,
    db_path: Path,
    conference: dict[str, int],
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "checked-in.pdf"
    args = ("badges", "--event", "PyCon Lisbon", str(out), "--select", "checked-in")
    assert run(db_path, *args, "--mark-printed") == 0
    assert capsys.readouterr().out.splitlines() == [
        f"Wrote 1 badge on 1 page to {out}",
        "Marked 1 badge printed.",
    ]
    rest = tmp_path / "rest.pdf"
    args = ("badges", "--event", "PyCon Lisbon", str(rest), "--select", "not-printed")
    assert run(db_path, *args, "--mark-printed") == 0
    assert capsys.readouterr().out.splitlines()[0] == f"Wrote 3 badges on 1 page to {rest}"
    with services_at(db_path) as services:
        assert all(b.printed for b in services.cards.badges(conference["event"]))
    again = tmp_path / "again.pdf"
    args = ("badges", "--event", "PyCon Lisbon", str(again), "--select", "not-printed")
    assert run(db_path, *args) == 1
    assert "every badge for 'PyCon Lisbon' is printed already" in capsys.readouterr().err
    assert not again.exists()


def test_badges_for_an_unknown_event_suggest_the_close_ones(
    tmp_path: Path, db_path: Path, conference: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "badges.pdf"
    assert run(db_path, "badges", "--event", "PyCon", str(out)) == 2
    assert capsys.readouterr().err == (
        "netdesk: no event named 'PyCon'. Did you mean 'PyCon Lisbon'? Nothing was written.\n"
    )
    assert not out.exists()


def test_badges_for_an_event_nobody_registered_for(
    tmp_path: Path, db_path: Path, conference: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "badges.pdf"
    assert run(db_path, "badges", "--event", "Berlin Python Meetup", str(out)) == 1
    assert "nobody is registered for 'Berlin Python Meetup'" in capsys.readouterr().err
    assert not out.exists()


def test_badges_with_an_unknown_template_list_the_templates(
    tmp_path: Path, db_path: Path, conference: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "badges.pdf"
    args = ("badges", "--event", "PyCon Lisbon", str(out), "--template", "avery-9999")
    assert run(db_path, *args) == 1
    err = capsys.readouterr().err
    assert err.startswith("netdesk: ") and "avery-9999" in err
    for template in BUILTIN_TEMPLATES:
        assert template.id in err
    assert not out.exists()


def test_badges_start_at_beyond_the_sheet_or_below_one_is_a_usage_error(
    tmp_path: Path, db_path: Path, conference: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "badges.pdf"
    args = ("badges", "--event", "PyCon Lisbon", str(out), "--template", "a6-4up")
    assert run(db_path, *args, "--start-at", "5") == 2
    assert "a6-4up has 4 labels a sheet" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        run(db_path, *args, "--start-at", "0")
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit) as exit_info:
        run(db_path, "badges", str(out))  # no --event
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit) as exit_info:
        run(db_path, "badges", "--event", "PyCon Lisbon", str(out), "--select", "vip")
    assert exit_info.value.code == 2
    assert not out.exists()


def test_badges_to_a_file_that_is_not_a_pdf_or_in_a_missing_folder(
    tmp_path: Path, db_path: Path, conference: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db_path, "badges", "--event", "PyCon Lisbon", str(tmp_path / "b.png")) == 2
    assert "must end in .pdf" in capsys.readouterr().err
    missing = tmp_path / "nope" / "b.pdf"
    assert run(db_path, "badges", "--event", "PyCon Lisbon", str(missing)) == 1
    assert capsys.readouterr().err == f"netdesk: cannot write {missing}: no such folder\n"


def save_small_template(config_home: Path) -> None:
    """A custom sheet of small 45 x 30 mm labels, as the window would save it."""
    store = TemplateStore(config_home / "netdesk" / "label-templates.json")
    template = BUILTIN_TEMPLATES[0]
    store.save(
        replace(
            template,
            id="tiny-tags",
            name="Tiny tags",
            columns=3,
            rows=6,
            left_mm=10,
            top_mm=10,
            pitch_x_mm=50,
            pitch_y_mm=35,
            label_width_mm=45,
            label_height_mm=30,
            builtin=False,
        )
    )


def test_badges_warn_when_the_template_leaves_too_little_room_for_the_codes(
    qapp: object,
    tmp_path: Path,
    db_path: Path,
    conference: dict[str, int],
    config_home: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    save_small_template(config_home)
    out = tmp_path / "tiny.pdf"
    args = ("badges", "--event", "PyCon Lisbon", str(out), "--template", "tiny-tags")
    assert run(db_path, *args) == 0
    said, err = capsys.readouterr()
    assert said == f"Wrote 4 badges on 1 page to {out}\n"
    assert err.startswith("netdesk: warning: the QR code of ")
    assert "may be hard to scan on tiny-tags. This code is dense for its size" in err
    # On roomy A6 cards the same codes are fine.
    args = ("badges", "--event", "PyCon Lisbon", str(out), "--template", "a6-4up")
    assert run(db_path, *args) == 0
    assert capsys.readouterr().err == ""


# ---- templates ------------------------------------------------------------------------------


def test_templates_lists_built_in_and_custom_ones_tab_separated(
    config_home: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save_small_template(config_home)
    assert main(["--db", str(db_path), "templates"]) == 0
    said, err = capsys.readouterr()
    assert err == ""
    rows = [line.split("\t") for line in said.splitlines()]
    assert [row[0] for row in rows] == [t.id for t in BUILTIN_TEMPLATES] + ["tiny-tags"]
    assert all(len(row) == 4 for row in rows)
    assert rows[0][1] == BUILTIN_TEMPLATES[0].name
    assert rows[0][2] == "2 x 4 labels of 85.7 x 59.3 mm on Letter"
    assert rows[2][2] == "2 x 5 labels of 80.0 x 50.0 mm on A4"
    assert rows[-1] == [
        "tiny-tags",
        "Tiny tags",
        "3 x 6 labels of 45.0 x 30.0 mm on Letter",
        "custom",
    ]
    assert {row[3] for row in rows[:-1]} == {"built-in"}
    assert not db_path.exists()  # listing templates needs no database


def test_templates_with_a_damaged_file_lists_the_built_ins_and_warns(
    config_home: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = config_home / "netdesk" / "label-templates.json"
    path.parent.mkdir(parents=True)
    path.write_text('{"templates": [', encoding="utf-8")
    assert main(["--db", str(db_path), "templates"]) == 0
    said, err = capsys.readouterr()
    assert len(said.splitlines()) == len(BUILTIN_TEMPLATES)
    assert err.startswith("netdesk: warning: ") and "damaged" in err


# ---- as a separate process ------------------------------------------------------------------


def test_the_commands_as_separate_processes_never_show_a_traceback(
    tmp_path: Path, db_path: Path, conference: dict[str, int], config_home: Path
) -> None:
    # A display-less machine with a Qt platform that cannot start: the command makes its own
    # offscreen application for painting the badges' text.
    env = {**os.environ, "XDG_CONFIG_HOME": str(config_home), "QT_QPA_PLATFORM": "xcb"}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    out = tmp_path / "badges.pdf"
    done = netdesk("--db", str(db_path), "badges", "--event", "PyCon Lisbon", str(out), env=env)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == f"Wrote 4 badges on 1 page to {out}\n"
    assert pdf_pages(out) == 1

    png = tmp_path / "me.png"
    done = netdesk("--db", str(db_path), "qr", "--me", str(png), env=env)
    assert (done.returncode, done.stdout) == (1, "")
    assert ME_HINT in done.stderr and "Traceback" not in done.stderr

    done = netdesk("--db", str(db_path), "badges", "--event", "Nope", str(out), env=env)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    done = netdesk("--db", str(db_path), "qr", "--me", str(png), "--fields", "x", env=env)
    assert done.returncode == 2 and "Traceback" not in done.stderr

    done = netdesk("--db", str(db_path), "templates", env=env)
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.splitlines()[0].startswith("avery-5395\t")


def test_the_parsers_spelled_out_choices_match_the_core() -> None:
    # The parser names them itself so that `netdesk --help` imports nothing heavy.
    from netdesk.cards.share import SHARE_FIELDS
    from netdesk.cli import cards as cli_cards

    assert cli_cards.FIELD_NAMES == SHARE_FIELDS
    assert tuple(f.value for f in PayloadFormat) == cli_cards.PAYLOAD_FORMATS
    assert tuple(s.value for s in BadgeSelection) == cli_cards.SELECTIONS
    assert cli_cards.DEFAULT_TEMPLATE in {t.id for t in BUILTIN_TEMPLATES}
