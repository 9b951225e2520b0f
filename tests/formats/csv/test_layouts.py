"""Each known CSV layout, from small fixtures that reproduce the quirks of the real exports."""

from __future__ import annotations

from datetime import date

import pytest

from netdesk.formats.csv.layouts import (
    LAYOUT_LABELS,
    detect_layout,
    meetup_profile,
    role_from_ticket,
)
from netdesk.formats.csv.read import CsvTable, load_csv, read_contacts
from netdesk.formats.csv.write import ATTENDEE_HEADERS, CONTACT_HEADERS
from netdesk.formats.records import AttendeeInfo, ContactRecord, PostalAddress, Problem, Typed
from tests.formats.csv_samples import work_address


def _table(data: bytes) -> CsvTable:
    table = load_csv(data, "fixture.csv")
    assert isinstance(table, CsvTable), table
    return table


def _records(table: CsvTable) -> list[ContactRecord]:
    results = list(read_contacts(table))
    records = [result for result in results if isinstance(result, ContactRecord)]
    assert len(records) == len(results), [r for r in results if isinstance(r, Problem)]
    return records


# --- LinkedIn --------------------------------------------------------------------------------

LINKEDIN_2024 = (
    b"Notes:\n"
    b'"When exporting your connection data, you may notice that some of the email addresses\n'
    b'are missing, see https://www.linkedin.com/help, thanks."\n'
    b"\n"
    b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    b"Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,,Analytical Engines,"
    b'"Chief Programmer, Notes",15 Jan 2024\n'
    b"Charles,Babbage,https://www.linkedin.com/in/cbabbage,charles@example.org,,Inventor,"
    b"03 Feb 2023\n"
)


def test_linkedin_preamble_is_skipped_and_rows_keep_their_lines() -> None:
    table = _table(LINKEDIN_2024)

    assert table.layout == "linkedin"
    assert table.header_line == 5
    assert table.headers[:3] == ["First Name", "Last Name", "URL"]
    ada, charles = _records(table)
    assert (ada.line, charles.line) == (6, 7)
    assert ada.formatted_name == "Ada Lovelace"
    assert ada.organization == "Analytical Engines"
    assert ada.title == "Chief Programmer, Notes"
    assert ada.emails == []
    assert ada.urls == [Typed("https://www.linkedin.com/in/ada-lovelace", kind="linkedin")]
    assert ada.note == "Connected on LinkedIn on 15 Jan 2024"
    assert ada.source == "linkedin"
    assert charles.emails == [Typed("charles@example.org")]


def test_linkedin_2018_layout_without_url_column() -> None:
    data = (
        b"First Name,Last Name,Email Address,Company,Position,Connected On\n"
        b"Grace,Hopper,grace@example.org,US Navy,Rear Admiral,12 Mar 2018\n"
    )
    table = _table(data)

    assert table.layout == "linkedin"
    (grace,) = _records(table)
    assert grace.urls == []
    assert grace.emails == [Typed("grace@example.org")]
    assert grace.note == "Connected on LinkedIn on 12 Mar 2018"


def test_linkedin_early_2018_layout_with_extra_columns_and_crlf() -> None:
    data = (
        b"First Name,Last Name,Address,Email Address,Company,Position,Connected On,Websites,"
        b"Instant Messengers,Skills\r\n"
        b'Joe,Frank,,joe@example.com,Company A,Founder,"12/22/16, 9:55 AM",'
        b'"[PERSONAL:https://joe.example.com,COMPANY:http://www.company-a.example]",'
        b"SKYPE:joefrank,Publishing\r\n"
    )
    table = _table(data)

    assert table.layout == "linkedin"
    (joe,) = _records(table)
    assert joe.note == (
        "Connected on LinkedIn on 12/22/16, 9:55 AM\n"
        "Instant messengers: SKYPE:joefrank\n"
        "Skills: Publishing"
    )
    assert [url.value for url in joe.urls] == [
        "https://joe.example.com",
        "http://www.company-a.example",
    ]


# --- Google Contacts -------------------------------------------------------------------------

GOOGLE_HEADER = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Name Prefix,Name Suffix,Nickname,"
    "File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Photo,"
    "Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,"
    "Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,"
    "Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,"
    "Address 1 - Extended Address,Website 1 - Label,Website 1 - Value,"
    "Custom Field 1 - Label,Custom Field 1 - Value"
)
GOOGLE_ROWS = (
    "Grace,Brewster,Hopper,,Rear Admiral,,Amazing Grace,,US Navy,Computer Scientist,Research,"
    '1906-12-09,"Met at the Harvard\nMark I demo",,* myContacts ::: Friends ::: Navy,'
    "* Work,grace@navy.example ::: g.hopper@example.org,Home,grace@home.example,"
    "Mobile,+1 555 0100,Work Fax,+1 555 0199,"
    "Work,,1 Navy Way,Arlington,,VA,22202,USA,,"
    "Profile,https://www.linkedin.com/in/grace,Favourite language,COBOL\n"
    "Katherine,,Johnson,,,,,,,,,--08-26,,,* myContacts,,,,,Google Voice,+1 555 0111,,,"
    ",,,,,,,,,,,,\n"
)


def test_google_current_layout_with_bom_and_multi_values() -> None:
    table = _table(("\ufeff" + GOOGLE_HEADER + "\n" + GOOGLE_ROWS).encode())

    assert table.encoding == "utf-8-sig"
    assert table.layout == "google"
    assert table.headers[0] == "First Name"
    grace, katherine = _records(table)
    assert grace.formatted_name == "Grace Brewster Hopper"
    assert (grace.given_name, grace.middle_name, grace.family_name) == (
        "Grace",
        "Brewster",
        "Hopper",
    )
    assert (grace.prefix, grace.nickname) == ("Rear Admiral", "Amazing Grace")
    assert (grace.organization, grace.title, grace.department) == (
        "US Navy",
        "Computer Scientist",
        "Research",
    )
    assert grace.birthday == date(1906, 12, 9)
    assert grace.categories == ["Friends", "Navy"]
    assert grace.emails == [
        Typed("grace@navy.example", kind="work", preferred=True),
        Typed("g.hopper@example.org", kind="work"),
        Typed("grace@home.example", kind="home"),
    ]
    assert grace.phones == [Typed("+1 555 0100", kind="cell"), Typed("+1 555 0199", "work,fax")]
    assert grace.addresses == [work_address("1 Navy Way", "Arlington", "VA", "22202", "USA")]
    assert grace.urls == [
        Typed("https://www.linkedin.com/in/grace", kind="linkedin", label="Profile")
    ]
    assert grace.note == "Met at the Harvard\nMark I demo\nFavourite language: COBOL"
    assert grace.source == "google"
    assert grace.line == 2
    # The multi-line note moved Katherine one line down.
    assert katherine.line == 4
    assert katherine.birthday is None
    assert katherine.note == "Birthday: --08-26"  # no year: kept, not lost
    assert katherine.categories == []
    assert katherine.phones == [Typed("+1 555 0111", label="Google Voice")]


def test_google_formatted_address_only() -> None:
    header = "First Name,Last Name,Labels,Address 1 - Label,Address 1 - Formatted"
    row = 'Ada,Lovelace,,Home,"12 St James\'s Square\nLondon"'
    (ada,) = _records(_table(f"{header}\n{row}\n".encode()))

    assert ada.addresses == [PostalAddress(street="12 St James's Square, London", kind="home")]


GOOGLE_LEGACY = (
    "Name,Given Name,Additional Name,Family Name,Yomi Name,Name Prefix,Name Suffix,Nickname,"
    "Birthday,Notes,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,"
    "Phone 1 - Value,Organization 1 - Type,Organization 1 - Name,Organization 1 - Title,"
    "Website 1 - Type,Website 1 - Value\n"
    "Alan Turing,Alan,Mathison,Turing,,,,,1912-06-23,,* My Contacts ::: Colleagues,* Home,"
    "alan@example.org,Mobile,+44 20 7946 0000,,Bletchley Park,Cryptanalyst,Blog,"
    "https://turing.example.org\n"
    ",,,,,,,,,,* My Contacts,* ,nameless@example.org,,,,,,,\n"
)


def test_google_legacy_layout() -> None:
    table = _table(GOOGLE_LEGACY.encode())

    assert table.layout == "google-legacy"
    alan, nameless = _records(table)
    assert alan.formatted_name == "Alan Turing"
    assert alan.middle_name == "Mathison"
    assert alan.categories == ["Colleagues"]
    assert alan.emails == [Typed("alan@example.org", kind="home", preferred=True)]
    assert alan.phones == [Typed("+44 20 7946 0000", kind="cell")]
    assert (alan.organization, alan.title) == ("Bletchley Park", "Cryptanalyst")
    assert alan.urls == [Typed("https://turing.example.org", label="Blog")]
    assert alan.birthday == date(1912, 6, 23)
    assert alan.source == "google"
    # A row with only an email is named after it.
    assert nameless.formatted_name == "nameless@example.org"
    assert nameless.emails == [Typed("nameless@example.org", preferred=True)]


# --- Outlook ---------------------------------------------------------------------------------

OUTLOOK = (
    "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,"
    "Business Street,Business Street 2,Business City,Business State,Business Postal Code,"
    "Business Country/Region,Home Street,Home City,Home Postal Code,Home Country/Region,"
    "Business Fax,Business Phone,Home Phone,Mobile Phone,Primary Phone,Birthday,Categories,"
    "E-mail Address,E-mail Type,E-mail Display Name,E-mail 2 Address,Notes,Web Page\r\n"
    "Dr.,Jürgen,,Müller,,Société Générale,R&D,Ingénieur,Hauptstraße 1,Gebäude B,München,BY,"
    "80331,Germany,,,,,+49 89 1234-99,+49 89 1234-0,,+49 170 1234567,,4/12/1985,"
    "Business;VIP,juergen@example.de,SMTP,Jürgen Müller (juergen@example.de),jm@example.com,"
    '"Likes €uro coins",www.mueller.example\r\n'
    ",Zoë,,,,,,,,,,,,,,,,,,,,,,0/0/00,,,,,,,\r\n"
)


def test_outlook_layout_in_windows_1252() -> None:
    table = _table(OUTLOOK.encode("cp1252"))

    assert table.encoding == "cp1252"
    assert table.layout == "outlook"
    jurgen, zoe = _records(table)
    assert jurgen.prefix == "Dr."
    assert jurgen.formatted_name == "Jürgen Müller"
    assert (jurgen.organization, jurgen.department, jurgen.title) == (
        "Société Générale",
        "R&D",
        "Ingénieur",
    )
    assert jurgen.emails == [Typed("juergen@example.de"), Typed("jm@example.com")]
    assert jurgen.phones == [
        Typed("+49 170 1234567", kind="cell"),
        Typed("+49 89 1234-0", kind="work"),
        Typed("+49 89 1234-99", kind="work,fax"),
    ]
    assert jurgen.addresses == [
        work_address("Hauptstraße 1, Gebäude B", "München", "BY", "80331", "Germany")
    ]
    assert jurgen.birthday == date(1985, 4, 12)
    assert jurgen.categories == ["Business", "VIP"]
    assert jurgen.note == "Likes €uro coins"
    assert jurgen.urls == [Typed("www.mueller.example")]
    assert jurgen.source == "outlook"
    assert zoe.formatted_name == "Zoë"
    assert zoe.birthday is None  # Outlook's 0/0/00 means no birthday


# --- Eventbrite ------------------------------------------------------------------------------

EVENTBRITE_HEADER = (
    "Order #,Order Date,First Name,Last Name,Email,Quantity,Price Tier,Ticket Type,Attendee #,"
    "Group,Order Type,Currency,Total Paid,Fees Paid,Eventbrite Fees,"
    "Eventbrite Payment Processing,Attendee Status,Cell Phone,Home City,Home Country,"
    "Dietary requirements,How did you hear about us?,Job Title,Company"
)


def _eventbrite_row(ticket: str, status: str, diet: str = "", email: str = "") -> str:
    return (
        f"1001,11/29/24 22:28,Ada,Lovelace,{email or 'ada@example.org'},1,,{ticket},2001,,"
        f"Free Order,EUR,0,0,0,0,{status},+44 7700 900000,London,United Kingdom,{diet},"
        "A friend,Countess,Analytical Engines"
    )


def test_eventbrite_attendee_report() -> None:
    data = f"{EVENTBRITE_HEADER}\r\n{_eventbrite_row('Early bird', 'Attending', 'vegan')}\r\n"
    table = _table(data.encode())

    assert table.layout == "eventbrite"
    (ada,) = _records(table)
    assert ada.formatted_name == "Ada Lovelace"
    assert ada.emails == [Typed("ada@example.org")]
    assert ada.phones == [Typed("+44 7700 900000", kind="cell")]
    assert ada.addresses == [
        PostalAddress(locality="London", country="United Kingdom", kind="home")
    ]
    assert (ada.title, ada.organization) == ("Countess", "Analytical Engines")
    assert ada.source == "eventbrite"
    assert ada.note == ""
    assert ada.attendee == AttendeeInfo(
        role="attendee",
        status="registered",
        note="Ticket: Early bird; Dietary requirements: vegan; How did you hear about us? A friend",
    )


@pytest.mark.parametrize(
    ("ticket", "status", "role", "registration"),
    [
        ("Speaker", "Checked In", "speaker", "checked in"),
        ("Staff", "Attending", "staff", "registered"),
        ("Volunteer", "Not Checked In", "staff", "registered"),
        ("Gold Sponsor", "Refunded", "sponsor", "cancelled"),
        ("Exhibitor", "Deleted", "exhibitor", "cancelled"),
        ("Organiser", "Cancelled", "organiser", "cancelled"),
        ("Co-Organizer", "Attending", "organiser", "registered"),
        ("General Admission", "Attending", "attendee", "registered"),
    ],
)
def test_eventbrite_role_and_status(ticket: str, status: str, role: str, registration: str) -> None:
    data = f"{EVENTBRITE_HEADER}\n{_eventbrite_row(ticket, status)}\n"
    (record,) = _records(_table(data.encode()))

    assert record.attendee is not None
    assert (record.attendee.role, record.attendee.status) == (role, registration)


def test_eventbrite_check_in_column_marks_checked_in() -> None:
    data = (
        "Order #,First Name,Last Name,Email,Ticket Type,Attendee Status,Checked In,T-shirt size\n"
        "1,Ada,Lovelace,ada@example.org,General,Attending,Yes,M\n"
        "2,Bob,Byte,bob@example.org,General,Attending,No,\n"
    )
    ada, bob = _records(_table(data.encode()))

    assert ada.attendee == AttendeeInfo(
        "attendee", "checked in", "Ticket: General; T-shirt size: M"
    )
    assert bob.attendee == AttendeeInfo("attendee", "registered", "Ticket: General")


# --- Meetup ----------------------------------------------------------------------------------

MEETUP = (
    "Name,Attendance,User ID,Title,Event Host,RSVP,Guests,RSVPed on,Joined Group on,"
    "What do you want to learn?\n"
    "Ada L.,attended,user 12345678,Co-organizer,Yes,Yes,0,2024-01-10 10:00 AM,2020-05-01,Rust\n"
    "Bob Byte,noshow,98765432,,No,Yes,1,2024-01-11 09:00 AM,2021-02-03,\n"
    "Carol,,https://www.meetup.com/members/555/,,No,No,0,2024-01-12 08:00 AM,2022-01-01,\n"
)


def test_meetup_attendee_list() -> None:
    table = _table(MEETUP.encode())

    assert table.layout == "meetup"
    ada, bob, carol = _records(table)
    assert ada.formatted_name == "Ada L."
    assert ada.emails == []
    assert ada.urls == [Typed("https://www.meetup.com/members/12345678/", kind="meetup")]
    assert ada.attendee == AttendeeInfo(
        "organiser", "checked in", "Meetup title: Co-organizer; What do you want to learn? Rust"
    )
    assert ada.source == "meetup"
    assert bob.attendee == AttendeeInfo("attendee", "registered", "No-show; Guests: 1")
    assert bob.urls == [Typed("https://www.meetup.com/members/98765432/", kind="meetup")]
    assert carol.attendee == AttendeeInfo("attendee", "cancelled", "")
    assert carol.urls == [Typed("https://www.meetup.com/members/555/", kind="meetup")]


def test_meetup_profile_from_user_id() -> None:
    assert meetup_profile("42") == "https://www.meetup.com/members/42/"
    assert meetup_profile("www.meetup.com/members/7/") == "https://www.meetup.com/members/7/"
    assert meetup_profile("someone") == ""


# --- Detection -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "layout"),
    [
        (
            ["First Name", "Last Name", "URL", "Email Address", "Company", "Connected On"],
            "linkedin",
        ),
        (["first name", " LAST NAME ", "connected on"], "linkedin"),
        (["First Name", "Last Name", "E-mail 1 - Label", "E-mail 1 - Value"], "google"),
        (["Name", "Given Name", "Family Name", "Group Membership"], "google-legacy"),
        (["Title", "First Name", "Last Name", "Company", "E-mail Address"], "outlook"),
        (["Order #", "First Name", "Last Name", "Email", "Ticket Type"], "eventbrite"),
        (["Name", "Attendance", "User ID", "Title", "Event Host", "RSVP"], "meetup"),
        # What our own writer puts on top of an export, attendee columns included.
        ([*CONTACT_HEADERS, *ATTENDEE_HEADERS], "netdesk"),
        (["Full name", "Email", "Email 2", "Phone", "Phone 2"], None),  # only some of ours
        (["First Name", "Last Name", "Email"], None),
        (["Vorname", "Nachname", "E-Mail"], None),
    ],
)
def test_detect_layout(headers: list[str], layout: str | None) -> None:
    found = detect_layout(headers)
    assert (found.name if found else None) == layout


def test_every_layout_has_a_label() -> None:
    assert set(LAYOUT_LABELS) == {
        "netdesk",
        "linkedin",
        "google",
        "google-legacy",
        "outlook",
        "eventbrite",
        "meetup",
    }
    assert LAYOUT_LABELS["linkedin"] == "LinkedIn connections"
    assert LAYOUT_LABELS["netdesk"] == "netdesk export"


@pytest.mark.parametrize(
    ("ticket", "role"),
    [
        ("Speaker pass", "speaker"),
        ("Organizer", "organiser"),
        ("Volunteer crew", "staff"),
        ("Exhibitor booth", "exhibitor"),
        ("Ghost ticket", "attendee"),  # "host" only at the start of a word
        ("", "attendee"),
    ],
)
def test_role_from_ticket(ticket: str, role: str) -> None:
    assert role_from_ticket(ticket) == role


# --- netdesk's own export --------------------------------------------------------------------

NETDESK_EXPORT = (
    "\ufeffFull name,First name,Last name,Organisation,Department,Job title,Email,Email 2,"
    "Phone,Phone 2,Web address,City,Country,Birthday,Tags,Note,Role,Status\r\n"
    "Ada Lovelace,Ada,Lovelace,'=Engines,'-,'@boss,ada@example.org,"
    "ada@home.example; ada@old.example,'+44 20 7946 0000,'+44 7700 900001; +44 7700 900002,"
    "https://ada.example; https://www.linkedin.com/in/ada,London,'=UK,1815-12-10,"
    '"Math, VIP, \'=x","\'+1 line\r\nsecond",speaker,checked in\r\n'
    "Bo Lind,,,,,,,,,,,,,,,,,\r\n"
).encode()


def test_netdesk_export_is_recognised_and_read_back() -> None:
    table = _table(NETDESK_EXPORT)
    assert table.layout == "netdesk"

    ada, bo = _records(table)

    assert ada == ContactRecord(
        formatted_name="Ada Lovelace",
        given_name="Ada",
        family_name="Lovelace",
        organization="=Engines",
        department="-",
        title="@boss",
        birthday=date(1815, 12, 10),
        emails=[Typed("ada@example.org"), Typed("ada@home.example"), Typed("ada@old.example")],
        phones=[Typed("+44 20 7946 0000"), Typed("+44 7700 900001"), Typed("+44 7700 900002")],
        urls=[Typed("https://ada.example"), Typed("https://www.linkedin.com/in/ada", "linkedin")],
        addresses=[PostalAddress(locality="London", country="=UK")],
        note="+1 line\nsecond",
        categories=["Math", "VIP", "'=x"],  # only the cell's own guard is taken away
        source="csv",
        attendee=AttendeeInfo(role="speaker", status="checked in"),
        line=2,
    )
    assert bo.formatted_name == "Bo Lind" and bo.attendee is None and bo.line == 4
