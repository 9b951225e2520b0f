"""Importing files into a real database: counts, duplicates, events, rollback."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from netdesk.models import Attendance, Contact
from netdesk.services.import_plan import Action, OnDuplicate
from netdesk.services.importing import ImportFileError, NeedsMapping
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from tests.namesakes import attendee_file

THREE_CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
    "ORG:Analytical Engines\r\nEMAIL;TYPE=work:ada@example.org\r\n"
    "TEL;TYPE=cell:+44 20 7946 0958\r\n"
    "CATEGORIES:math,pioneers\r\nX-SKYPE:ada.l\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nN:Hopper;Grace;;;\r\n"
    "EMAIL:grace@example.org\r\nNOTE:Compilers\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alan Turing\r\nN:Turing;Alan;;;\r\nEND:VCARD\r\n"
)


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def contacts(services: Services) -> dict[str, int]:
    with services.db.Session() as session:
        return {c.formatted_name: c.id for c in session.scalars(select(Contact))}


def test_a_vcard_file_goes_in_whole_with_its_details(services: Services, tmp_path: Path) -> None:
    report = services.imports.import_file(write(tmp_path, "people.vcf", THREE_CARDS))
    assert (report.added, report.merged, report.rejected) == (3, 0, 0)
    ids = contacts(services)
    ada = services.contacts.get(ids["Ada Lovelace"])
    assert ada.organization == "Analytical Engines"
    assert ada.emails == ("ada@example.org",)
    assert ada.phones[0].e164 == "+442079460958"
    assert set(ada.tags) == {"math", "pioneers"}
    assert ada.source == "vcard"
    # What netdesk does not show is kept for export.
    assert "X-SKYPE:ada.l" in services.exports.vcard_bytes([ids["Ada Lovelace"]]).decode()
    # And it can be found.
    assert [r.name for r in services.search.page("grace")] == ["Grace Hopper"]


def test_importing_again_merges_instead_of_doubling(services: Services, tmp_path: Path) -> None:
    path = write(tmp_path, "people.vcf", THREE_CARDS)
    services.imports.import_file(path)
    report = services.imports.import_file(path)
    assert (report.added, report.merged) == (0, 3)
    assert services.contacts.count() == 3


def test_duplicates_are_found_by_email_phone_and_name(services: Services, tmp_path: Path) -> None:
    services.contacts.create(
        ContactInput(formatted_name="Grace B. Hopper", emails=["grace@example.org"])
    )
    services.contacts.create(ContactInput(formatted_name="Ada King", phones=["+44 20 7946 0958"]))
    services.contacts.create(ContactInput(formatted_name="Alan Turing", note="Met at Bletchley"))
    plan = services.imports.preview(write(tmp_path, "people.vcf", THREE_CARDS))
    reasons = {i.record.formatted_name: (i.match_name, i.reason) for i in plan.items}
    assert reasons["Grace Hopper"] == ("Grace B. Hopper", "same email grace@example.org")
    assert reasons["Ada Lovelace"] == ("Ada King", "same phone +442079460958")
    assert reasons["Alan Turing"] == ("Alan Turing", "same name")
    assert all(i.action is Action.MERGE for i in plan.items)
    assert (plan.new_count, plan.duplicate_count) == (0, 3)


def test_merge_fills_empty_fields_and_keeps_both_notes(services: Services, tmp_path: Path) -> None:
    grace = services.contacts.create(
        ContactInput(formatted_name="Grace Hopper", emails=["grace@example.org"], note="Navy")
    )
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nORG:US Navy\r\n"
        "EMAIL:grace@example.org\r\n"
        "EMAIL:amazing.grace@example.org\r\nNOTE:Compilers\r\nCATEGORIES:cobol\r\nEND:VCARD\r\n"
    )
    report = services.imports.import_file(write(tmp_path, "g.vcf", card))
    assert report.merged == 1
    detail = services.contacts.get(grace)
    assert detail.organization == "US Navy"
    assert detail.emails == ("grace@example.org", "amazing.grace@example.org")
    assert detail.note == "Navy\n\nCompilers"
    assert detail.tags == ("cobol",)


@pytest.mark.parametrize(
    ("choice", "expected_people", "expected_note"),
    [(OnDuplicate.SKIP, 1, "Navy"), (OnDuplicate.NEW, 2, "Navy")],
)
def test_skip_and_new_leave_the_existing_contact_alone(
    services: Services,
    tmp_path: Path,
    choice: OnDuplicate,
    expected_people: int,
    expected_note: str,
) -> None:
    grace = services.contacts.create(
        ContactInput(formatted_name="Grace Hopper", emails=["grace@example.org"], note="Navy")
    )
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nEMAIL:grace@example.org\r\n"
        "NOTE:x\r\nEND:VCARD\r\n"
    )
    services.imports.import_file(write(tmp_path, "g.vcf", card), on_duplicate=choice)
    assert services.contacts.count() == expected_people
    assert services.contacts.get(grace).note == expected_note


def test_the_same_person_twice_in_one_file_is_added_once(
    services: Services, tmp_path: Path
) -> None:
    cards = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.org\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.org\r\n"
        "TEL:+44 20 7946 0958\r\nEND:VCARD\r\n"
    )
    path = write(tmp_path, "twice.vcf", cards)
    plan = services.imports.preview(path)
    assert plan.items[1].earlier == 0
    report = services.imports.apply(plan)
    assert (report.added, report.merged) == (1, 1)
    ada = services.contacts.get(contacts(services)["Ada Lovelace"])
    assert [p.e164 for p in ada.phones] == ["+442079460958"]


def test_preview_choices_are_followed(services: Services, tmp_path: Path) -> None:
    services.contacts.create(
        ContactInput(formatted_name="Grace Hopper", emails=["grace@example.org"])
    )
    plan = services.imports.preview(write(tmp_path, "people.vcf", THREE_CARDS))
    by_name = {i.record.formatted_name: i for i in plan.items}
    by_name["Grace Hopper"].action = Action.ADD
    by_name["Alan Turing"].action = Action.SKIP
    report = services.imports.apply(plan)
    assert (report.added, report.skipped) == (2, 1)
    with services.db.Session() as session:
        names = list(session.scalars(select(Contact.formatted_name).order_by(Contact.id)))
    assert names == ["Grace Hopper", "Ada Lovelace", "Grace Hopper"]


def test_a_broken_card_is_reported_and_the_others_go_in(services: Services, tmp_path: Path) -> None:
    cards = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:No End\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nEND:VCARD\r\n"
    )
    report = services.imports.import_file(write(tmp_path, "broken.vcf", cards))
    assert report.added == 3  # the card without END:VCARD is kept, with a warning
    assert (report.rejected, report.warned) == (0, 1)
    problem = report.problems[0]
    assert problem.file.endswith("broken.vcf") and problem.line == 8
    assert {"Ada Lovelace", "No End", "Grace Hopper"} == set(contacts(services))


def test_cancelling_leaves_nothing_behind(services: Services, tmp_path: Path) -> None:
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nEMAIL:p{i}@example.org\r\nEND:VCARD\r\n"
        for i in range(1200)
    )
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 600

    report = services.imports.import_file(write(tmp_path, "many.vcf", cards), progress=progress)
    assert report.cancelled and report.added == 0
    assert services.contacts.count() == 0
    assert seen[0] == (0, 1200) and seen[-1][0] == 600
    assert "cancelled" in report.summary()


def test_a_dry_run_counts_but_writes_nothing(services: Services, tmp_path: Path) -> None:
    report = services.imports.import_file(write(tmp_path, "p.vcf", THREE_CARDS), dry_run=True)
    assert report.added == 3 and report.dry_run
    assert services.contacts.count() == 0
    assert "nothing written" in report.summary()


def test_people_can_be_put_on_an_event(services: Services, tmp_path: Path) -> None:
    existing = services.contacts.create(ContactInput(formatted_name="Alan Turing"))
    event_id, created = services.imports.event_for_import("PyCon Ünïcode")
    assert created
    assert services.imports.event_for_import("pycon unicode") == (event_id, False)
    report = services.imports.import_file(write(tmp_path, "p.vcf", THREE_CARDS), event_id=event_id)
    assert report.attached == 3
    attendees = {a.name for a in services.events.attendees(event_id)}
    assert attendees == {"Ada Lovelace", "Grace Hopper", "Alan Turing"}
    with services.db.Session() as session:
        count = session.scalar(
            select(func.count()).select_from(Attendance).where(Attendance.contact_id == existing)
        )
    assert count == 1


def test_unreadable_files_raise_a_clear_error(services: Services, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="no such file"):
        services.imports.import_file(tmp_path / "missing.vcf")
    with pytest.raises(ImportFileError, match="empty"):
        services.imports.import_file(write(tmp_path, "empty.vcf", ""))
    with pytest.raises(ImportFileError, match="not a vCard"):
        services.imports.import_file(write(tmp_path, "photo.png", b"\x89PNG\r\n\x1a\n..."))


def test_a_csv_with_unknown_columns_asks_for_a_mapping(services: Services, tmp_path: Path) -> None:
    path = write(tmp_path, "odd.csv", "Nom,Courriel\nMarie Curie,marie@example.org\n")
    with pytest.raises(NeedsMapping) as caught:
        services.imports.preview(path)
    headers = caught.value.table.headers  # type: ignore[attr-defined]
    assert headers == ["Nom", "Courriel"]
    plan = services.imports.preview(path, mapping={0: "formatted_name", 1: "email"})
    services.imports.apply(plan)
    marie = services.contacts.get(contacts(services)["Marie Curie"])
    assert marie.emails == ("marie@example.org",)


def test_a_linkedin_export_is_recognised(services: Services, tmp_path: Path) -> None:
    text = (
        'Notes:\n"When exporting your connection data, you may notice that some of the email '
        'addresses are missing."\n\n'
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Hedy,Lamarr,https://www.linkedin.com/in/hedy,,Frequency Hopping Inc,Inventor,15 Jan 2024\n"
    )
    plan = services.imports.preview(write(tmp_path, "Connections.csv", text))
    assert plan.layout == "LinkedIn connections"
    services.imports.apply(plan)
    hedy = services.contacts.get(contacts(services)["Hedy Lamarr"])
    assert hedy.organization == "Frequency Hopping Inc" and hedy.title == "Inventor"
    assert hedy.source == "linkedin"


def test_events_from_icalendar_are_created_then_updated(services: Services, tmp_path: Path) -> None:
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Meetup//EN\r\nBEGIN:VEVENT\r\n"
        "UID:evt-1@meetup.com\r\nSUMMARY:Python Meetup Berlin\r\n"
        "DTSTART;TZID=Europe/Berlin:20270115T190000\r\nDTEND;TZID=Europe/Berlin:20270115T213000\r\n"
        "LOCATION:Betahaus\\, Rudi-Dutschke-Str. 23\\, Berlin\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    path = write(tmp_path, "meetup.ics", ics)
    plan = services.imports.preview(path)
    assert [e.name for e in plan.events] == ["Python Meetup Berlin"]
    report = services.imports.apply(plan)
    assert report.events_added == 1
    event_id = services.events.find_by_name("Python Meetup Berlin")
    assert event_id is not None
    detail = services.events.get(event_id)
    assert detail.kind == "meetup" and detail.timezone == "Europe/Berlin"
    assert detail.starts_at.hour == 18  # 19:00 in Berlin in January is 18:00 UTC
    report = services.imports.import_file(
        write(tmp_path, "again.ics", ics.replace("Berlin\r\nDTSTART", "Berlin (moved)\r\nDTSTART"))
    )
    assert (report.events_added, report.events_updated) == (0, 1)
    assert services.events.get(event_id).name == "Python Meetup Berlin (moved)"


def test_two_people_sharing_a_role_address_stay_two(services: Services, tmp_path: Path) -> None:
    text = (
        "Name,E-mail,Company\n"
        "Alice Smith,info@acme.example,Acme\n"
        "Bob Brown,info@acme.example,Acme\n"
        "Robert Brown,bob@acme.example,Acme\n"
        "Bobby Brown,BOB@acme.example,\n"
    )
    path = write(tmp_path, "team.csv", text)
    plan = services.imports.preview(
        path, mapping={0: "formatted_name", 1: "email", 2: "organization"}
    )
    assert [i.is_duplicate for i in plan.items] == [False, False, False, True]
    services.imports.apply(plan)
    assert set(contacts(services)) == {"Alice Smith", "Bob Brown", "Robert Brown"}


def test_national_numbers_only_match_when_they_are_valid(
    services: Services, tmp_path: Path
) -> None:
    from netdesk.services.contact_cleaning import phone_key

    assert phone_key("+49 30 1234567", None) == "+49301234567"
    assert phone_key("030 1234567", "US") == ""  # not a US number: no made-up +1 form
    assert phone_key("(202) 555-0143", "US") == "+12025550143"
    assert phone_key("no phone", "US") == ""


def test_long_accented_names_and_tags_fit_their_columns(services: Services, tmp_path: Path) -> None:
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\n"
        f"FN:{'ß' * 250}\r\nN:{'ß' * 200};{'Æ' * 200};;;\r\n"
        f"CATEGORIES:{'ß' * 90}\r\nEND:VCARD\r\n"
    )
    report = services.imports.import_file(write(tmp_path, "long.vcf", card))
    assert report.added == 1
    detail = services.contacts.get(next(iter(contacts(services).values())))
    assert len(detail.tags[0]) == 80


def test_events_with_over_long_uids_update_instead_of_clashing(
    services: Services, tmp_path: Path
) -> None:
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n"
        f"UID:{'u' * 300}\r\nSUMMARY:Long\r\nDTSTART:20270101T100000Z\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    path = write(tmp_path, "long.ics", ics)
    assert services.imports.import_file(path).events_added == 1
    assert services.imports.import_file(path).events_updated == 1


def test_a_new_event_is_not_left_behind_by_a_cancelled_import(
    services: Services, tmp_path: Path
) -> None:
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nEND:VCARD\r\n" for i in range(500)
    )
    plan = services.imports.preview(write(tmp_path, "many.vcf", cards))
    plan.new_event_name = "Launch party"
    report = services.imports.apply(plan, progress=lambda done, total: done < 200)
    assert report.cancelled
    assert services.events.find_by_name("Launch party") is None
    report = services.imports.apply(plan)
    event_id = services.events.find_by_name("launch PARTY")
    assert event_id is not None and report.attached == 500


def test_names_without_spaces_and_national_numbers_still_match(
    services: Services, tmp_path: Path
) -> None:
    # A Chinese phone book: names in one piece, numbers without a country code that the
    # user's region cannot turn into E.164.
    cards = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:黄铁球\r\nTEL;TYPE=CELL:139 1050 7172\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:王小明\r\nEND:VCARD\r\n"
    )
    path = write(tmp_path, "phone.vcf", cards)
    assert services.imports.import_file(path).added == 2
    plan = services.imports.preview(path)
    assert [(i.match_name, i.reason) for i in plan.items] == [
        ("黄铁球", "same phone 13910507172"),
        ("王小明", "same name"),
    ]
    # One character is not a name to merge people by.
    single = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:王\r\nEND:VCARD\r\n"
    assert services.imports.import_file(write(tmp_path, "one.vcf", single)).added == 1
    assert services.imports.import_file(write(tmp_path, "two.vcf", single)).added == 1


# --- namesakes: two people are not one --------------------------------------------------------

ATTENDEES = 2_000  # 10,000 take about 2 s on SQLite (see tests/namesakes.py); this keeps it short


def test_a_conference_of_namesakes_is_imported_as_that_many_people(
    services: Services, tmp_path: Path
) -> None:
    path = attendee_file(tmp_path, ATTENDEES)
    plan = services.imports.preview(path)
    assert plan.count(Action.MERGE) == 0
    assert plan.possible_count == plan.duplicate_count > ATTENDEES // 2  # names do repeat
    report = services.imports.import_file(path)
    assert (report.added, report.merged) == (ATTENDEES, 0)
    assert report.possible_added == plan.possible_count
    assert services.contacts.count() == ATTENDEES
    # The same file again is the same people, by their UIDs: nobody twice.
    again = services.imports.import_file(path)
    assert (again.added, again.merged, again.possible_added) == (0, ATTENDEES, 0)
    assert services.contacts.count() == ATTENDEES


def test_namesakes_are_merged_only_when_asked_to(services: Services, tmp_path: Path) -> None:
    cards = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@acme.example\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann.lee@home.example\r\nEND:VCARD\r\n"
    )
    path = write(tmp_path, "anns.vcf", cards)
    report = services.imports.import_file(path, on_duplicate=OnDuplicate.MERGE_LIKELY)
    assert (report.added, report.merged, report.possible_added) == (1, 1, 0)
    ann = services.contacts.get(contacts(services)["Ann Lee"])
    assert ann.emails == ("ann@acme.example", "ann.lee@home.example")


def test_rows_of_one_file_with_a_name_in_common_and_other_details_apart(
    services: Services, tmp_path: Path
) -> None:
    text = (
        "Name,E-mail,Phone,Company\n"
        "John Smith,john@acme.example,,Acme\n"
        "John Smith,js@globex.example,,\n"  # another email: another John Smith
        "John Smith,,,Acme\n"  # nothing says otherwise: the first one again
        "Ann Lee,,+49 30 1111111,Acme\n"
        "Ann Lee,,+49 30 2222222,Acme\n"  # another phone: another Ann Lee
    )
    mapping = {0: "formatted_name", 1: "email", 2: "phone", 3: "organization"}
    plan = services.imports.preview(write(tmp_path, "people.csv", text), mapping=mapping)
    assert [(i.action, i.possible, i.earlier, i.reason) for i in plan.items] == [
        (Action.ADD, False, None, ""),
        (Action.ADD, True, 0, "same name, but different email addresses"),
        (Action.MERGE, False, 0, "same name and organisation"),
        (Action.ADD, False, None, ""),
        (Action.ADD, True, 3, "same name and organisation, but different phone numbers"),
    ]
    report = services.imports.apply(plan)
    assert (report.added, report.merged, report.possible_added) == (4, 1, 2)
    assert services.contacts.count() == 4


def test_a_card_with_only_a_name_that_two_people_have_joins_neither(
    services: Services, tmp_path: Path
) -> None:
    """Two John Smiths at Acme, told apart by their emails; a card that says only "John Smith"
    (at Acme) may be either of them. It used to be merged into the first one, its note and
    details joined to a person it may not be. Once someone is known by that name alone, a
    card that says no more is that person: importing the file again adds nobody."""
    for email in ("js1@acme.example", "js2@acme.example"):
        services.contacts.create(
            ContactInput(formatted_name="John Smith", organization="Acme", emails=[email])
        )
    text = "Name,Company,Notes\nJohn Smith,Acme,met in Lyon\nJohn Smith,,met in Porto\n"
    mapping = {0: "formatted_name", 1: "organization", 2: "note"}
    path = write(tmp_path, "people.csv", text)
    plan = services.imports.preview(path, mapping=mapping)
    assert [(i.action, i.possible, i.reason) for i in plan.items] == [
        (Action.ADD, True, "same name and organisation, as another person here has"),
        (Action.MERGE, False, "same name"),
    ]

    report = services.imports.apply(plan)

    assert (report.added, report.merged, report.possible_added) == (1, 1, 1)
    with services.db.Session() as session:
        notes = session.scalars(select(Contact.note).order_by(Contact.id)).all()
    assert notes == ["", "", "met in Lyon\n\nmet in Porto"]
    groups = [g for g in services.duplicates.find() if "John Smith" in g.names]
    assert [(len(g.contact_ids), g.possible) for g in groups] == [(3, True)]
    again = services.imports.import_file(path, mapping=mapping)
    assert (again.added, again.merged, again.possible_added) == (0, 2, 0)
    assert services.contacts.count() == 3


def test_uids_tell_namesakes_apart_only_when_both_come_from_cards(
    services: Services, tmp_path: Path
) -> None:
    def card(name: str, uid: str = "") -> str:
        uid_line = f"UID:{uid}\r\n" if uid else ""
        return f"BEGIN:VCARD\r\nVERSION:3.0\r\n{uid_line}FN:{name}\r\nORG:Acme\r\nEND:VCARD\r\n"

    services.contacts.create(ContactInput(formatted_name="Ann Lee", organization="Acme"))
    first = services.imports.import_file(
        write(
            tmp_path,
            "1.vcf",
            card("Ann Lee", "phone-1") + card("Bo Lind", "phone-2") + card("Cy Young"),
        )
    )
    # Typed in by hand: netdesk made its UID up, which says nothing against the card's.
    assert (first.added, first.merged) == (2, 1)
    second = services.imports.import_file(
        write(tmp_path, "2.vcf", card("Bo Lind", "phone-3") + card("Cy Young", "phone-4"))
    )
    # Two cards of the same name and organisation with their own UIDs are two people; a card
    # that had no UID (netdesk made one up) is the same Cy Young as the card that has one.
    assert (second.added, second.merged, second.possible_added) == (1, 1, 1)
    assert sorted(contacts(services)) == ["Ann Lee", "Bo Lind", "Cy Young"]
    assert services.contacts.count() == 4


def test_a_linkedin_export_without_emails_merges_into_the_same_people(
    services: Services, tmp_path: Path
) -> None:
    cards = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:hedy@phone\r\nFN:Hedy Lamarr\r\n"
        "ORG:Frequency Hopping Inc\r\nEMAIL:hedy@example.org\r\nTEL:+1 202 555 0143\r\n"
        "END:VCARD\r\n"
    )
    services.imports.import_file(write(tmp_path, "phone.vcf", cards))
    text = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Hedy,Lamarr,https://www.linkedin.com/in/hedy,,Frequency Hopping Inc,Inventor,15 Jan 2024\n"
        "Mary,Jackson,https://www.linkedin.com/in/mary,,NASA,Engineer,16 Jan 2024\n"
    )
    path = write(tmp_path, "Connections.csv", text)
    for _ in range(2):  # and again: nobody twice
        report = services.imports.import_file(path)
        assert report.possible_added == 0
        assert services.contacts.count() == 2
    hedy = services.contacts.get(contacts(services)["Hedy Lamarr"])
    assert (hedy.title, hedy.emails) == ("Inventor", ("hedy@example.org",))
