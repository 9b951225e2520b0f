"""Columns recognised one by one by their header, whatever program wrote the file: nothing a
known header names is dropped, and the columns nothing takes are named in the report."""

from __future__ import annotations

from datetime import date

import pytest

from netdesk.formats.csv.read import CsvTable, guess_mapping, load_csv, read_contacts
from netdesk.formats.records import ContactRecord, PostalAddress, Problem, Typed
from tests.formats.csv_samples import THUNDERBIRD_HEADER, work_address


def _read(text: str, encoding: str = "utf-8") -> tuple[CsvTable, list[ContactRecord | Problem]]:
    table = load_csv(text.encode(encoding), "people.csv")
    assert isinstance(table, CsvTable), table
    return table, list(read_contacts(table))


def _one(text: str, encoding: str = "utf-8") -> ContactRecord:
    _table, results = _read(text, encoding)
    records = [item for item in results if isinstance(item, ContactRecord)]
    assert len(records) == 1, results
    return records[0]


def test_an_outlook_layout_with_other_programs_columns_keeps_them_all() -> None:
    # Before: the Outlook layout read only its own headers; 0 emails, no web address, exit 0.
    text = (
        "First Name,Last Name,Company,Job Title,Business Phone,Email Home,Email Work,"
        "Home Mobile,Website Work,Work City\r\n"
        "Ada,Lovelace,Engines,Countess,+44 20 1,ada@home.example,ada@work.example,"
        "+44 7700 1,https://engines.example,London\r\n"
    )
    table, results = _read(text)
    assert table.layout == "outlook"
    (ada,) = results

    assert isinstance(ada, ContactRecord)
    assert ada.source == "outlook"
    assert ada.emails == [Typed("ada@home.example", "home"), Typed("ada@work.example", "work")]
    assert ada.phones == [Typed("+44 20 1", "work"), Typed("+44 7700 1", "cell,home")]
    assert ada.urls == [Typed("https://engines.example", "work")]
    assert ada.addresses == [PostalAddress(locality="London", kind="work")]


THUNDERBIRD = THUNDERBIRD_HEADER + (
    "Ada,Lovelace,Ada Lovelace,Countess,ada@example.org,ada@home.example,adal,+44 1,+44 2,"
    "+44 3,+44 4,+44 5,1 Home St,Flat 2,London,LDN,N1,UK,2 Work Rd,Floor 3,Cambridge,CAM,"
    "CB1,UK,Analyst,Maths,Engines,https://ada.example,https://blog.example,1815,12,10,"
    "likes tea,,,,Met at the museum\r\n"
)


def test_thunderbirds_own_export_imports_every_column_and_names_the_custom_one() -> None:
    table, results = _read(THUNDERBIRD)
    assert table.layout is None
    problem, ada = results

    assert problem == Problem("people.csv", 1, "columns not imported: Custom 1")
    assert isinstance(ada, ContactRecord)
    assert (ada.formatted_name, ada.given_name, ada.family_name, ada.nickname) == (
        "Ada Lovelace",
        "Ada",
        "Lovelace",
        "Countess",
    )
    assert (ada.organization, ada.department, ada.title) == ("Engines", "Maths", "Analyst")
    assert [e.value for e in ada.emails] == ["ada@example.org", "ada@home.example"]
    assert [(p.value, p.kind) for p in ada.phones] == [
        ("+44 1", "work"),
        ("+44 2", "home"),
        ("+44 3", "fax"),
        ("+44 4", "pager"),
        ("+44 5", "cell"),
    ]
    assert ada.addresses == [
        PostalAddress(
            street="1 Home St, Flat 2",
            locality="London",
            region="LDN",
            postal_code="N1",
            country="UK",
            kind="home",
        ),
        work_address("2 Work Rd, Floor 3", "Cambridge", "CAM", "CB1", "UK"),
    ]
    assert [u.value for u in ada.urls] == ["https://ada.example", "https://blog.example"]
    assert ada.birthday == date(1815, 12, 10)
    assert ada.note == "Messenger: adal\nMet at the museum"


@pytest.mark.parametrize(
    ("text", "emails"),
    [
        (
            "E-mail Address,E-mail 2 Address,E-mail 3 Address\r\n"
            "a@x.example,b@x.example,c@x.example\r\n",
            ["a@x.example", "b@x.example", "c@x.example"],
        ),
        ("Primary Email\nada@example.org\n", ["ada@example.org"]),
        ("Email\nada@example.org\n", ["ada@example.org"]),
    ],
)  # fmt: skip
def test_a_file_of_email_columns_alone_imports(text: str, emails: list[str]) -> None:
    person = _one(text)

    assert [e.value for e in person.emails] == emails
    assert person.formatted_name == emails[0]


def test_outlook_in_german() -> None:
    text = (
        "Anrede;Vorname;Weitere Vornamen;Nachname;Firma;Abteilung;Position;"
        "Straße geschäftlich;Ort geschäftlich;Region geschäftlich;Postleitzahl geschäftlich;"
        "Land/Region geschäftlich;Straße privat;Ort privat;Fax geschäftlich;"
        "Telefon geschäftlich;Telefon privat;Mobiltelefon;Geburtstag;Kategorien;"
        "E-Mail-Adresse;E-Mail-Typ;E-Mail: Angezeigter Name;E-Mail 2: Adresse;Notizen;Webseite;"
        "Jahrestag;Priorität;Vertraulichkeit\r\n"
        "Dr.;Jürgen;Karl;Müller;ACME;F&E;Leiter;Hauptstraße 1;München;BY;80331;Deutschland;"
        "Gartenweg 2;Dachau;+49 89 99;+49 89 1;+49 8131 2;+49 170 3;12.04.1985;VIP;"
        "juergen@acme.example;SMTP;Jürgen Müller (juergen@acme.example);jm@example.de;"
        "Mag Kaffee;www.acme.example;1.6.2010;Normal;Normal\r\n"
    )
    jurgen = _one(text, "cp1252")

    assert (jurgen.prefix, jurgen.given_name, jurgen.middle_name, jurgen.family_name) == (
        "Dr.",
        "Jürgen",
        "Karl",
        "Müller",
    )
    assert (jurgen.organization, jurgen.department, jurgen.title) == ("ACME", "F&E", "Leiter")
    assert jurgen.emails == [Typed("juergen@acme.example"), Typed("jm@example.de")]
    assert [(p.value, p.kind) for p in jurgen.phones] == [
        ("+49 89 99", "work,fax"),
        ("+49 89 1", "work"),
        ("+49 8131 2", "home"),
        ("+49 170 3", "cell"),
    ]
    assert jurgen.addresses == [
        work_address("Hauptstraße 1", "München", "BY", "80331", "Deutschland"),
        PostalAddress(street="Gartenweg 2", locality="Dachau", kind="home"),
    ]
    assert jurgen.birthday == date(1985, 4, 12)
    assert jurgen.categories == ["VIP"]
    assert jurgen.urls == [Typed("www.acme.example")]
    assert jurgen.note == "Mag Kaffee\nAnniversary: 1.6.2010"


def test_outlook_in_french() -> None:
    text = (
        "Titre,Prénom,Deuxième prénom,Nom,Suffixe,Société,Service,Profession,Rue (bureau),"
        "Ville (bureau),Code postal (bureau),Pays/Région (bureau),Téléphone (bureau),"
        "Téléphone (domicile),Téléphone mobile,Télécopie (bureau),Adresse de messagerie,"
        "Adresse de messagerie 2,Page Web,Anniversaire,Notes,Catégories\r\n"
        "Mme,Marie,Salomea,Curie,,Institut du Radium,Physique,Chercheuse,1 rue Pierre,"
        "Paris,75005,France,+33 1 1,+33 1 2,+33 6 3,+33 1 9,marie@radium.example,"
        "marie@home.example,https://radium.example,07/11/1867,Deux prix Nobel,Science\r\n"
    )
    marie = _one(text, "cp1252")

    assert (marie.prefix, marie.given_name, marie.middle_name, marie.family_name) == (
        "Mme",
        "Marie",
        "Salomea",
        "Curie",
    )
    assert (marie.organization, marie.department, marie.title) == (
        "Institut du Radium",
        "Physique",
        "Chercheuse",
    )
    assert [e.value for e in marie.emails] == ["marie@radium.example", "marie@home.example"]
    assert [(p.value, p.kind) for p in marie.phones] == [
        ("+33 1 1", "work"),
        ("+33 1 2", "home"),
        ("+33 6 3", "cell"),
        ("+33 1 9", "work,fax"),
    ]
    assert marie.addresses == [work_address("1 rue Pierre", "Paris", "", "75005", "France")]
    assert marie.urls == [Typed("https://radium.example")]
    assert marie.birthday == date(1867, 11, 7)
    assert marie.categories == ["Science"]
    assert marie.note == "Deux prix Nobel"


def test_yahoo_export() -> None:
    text = (
        "First,Middle,Last,Nickname,Email,Category,Distribution Lists,Messenger ID,Home,Work,"
        "Pager,Fax,Mobile,Other,Yahoo Phone,Primary,Alternate Email 1,Alternate Email 2,"
        "Personal Website,Business Website,Title,Company,Work Address,Work City,Work State,"
        "Work ZIP,Work Country,Home Address,Home City,Home State,Home ZIP,Home Country,"
        "Birthday,Anniversary,Custom 1,Comments\r\n"
        "Grace,B,Hopper,Amazing,grace@yahoo.example,Navy,,gh1906,+1 1,+1 2,,,+1 3,,,,"
        "grace@navy.example,,https://grace.example,https://navy.example,Admiral,US Navy,"
        "1 Navy Way,Arlington,VA,22202,USA,,,,,,12/9/1906,,,COBOL\r\n"
    )
    grace = _one(text)

    assert (grace.given_name, grace.middle_name, grace.family_name) == ("Grace", "B", "Hopper")
    assert [e.value for e in grace.emails] == ["grace@yahoo.example", "grace@navy.example"]
    assert [(p.value, p.kind) for p in grace.phones] == [
        ("+1 1", "home"),
        ("+1 2", "work"),
        ("+1 3", "cell"),
    ]
    assert [(u.value, u.kind) for u in grace.urls] == [
        ("https://grace.example", "home"),
        ("https://navy.example", "work"),
    ]
    assert (grace.title, grace.organization) == ("Admiral", "US Navy")
    assert grace.addresses == [work_address("1 Navy Way", "Arlington", "VA", "22202", "USA")]
    assert grace.birthday == date(1906, 12, 9)
    assert grace.categories == ["Navy"]
    assert grace.note == "Messenger: gh1906\nCOBOL"


def test_columns_nothing_takes_are_named_once_per_file_when_they_hold_something() -> None:
    text = (
        "Name,Email,Shoe size,Favourite colour,Empty,Sensitivity\r\n"
        "Ada,ada@example.org,38,,,Normal\r\n"
        "Bob,bob@example.org,44,,,Normal\r\n"
    )
    _table, results = _read(text)

    problems = [item for item in results if isinstance(item, Problem)]
    assert [str(p) for p in problems] == ["people.csv:1: columns not imported: Shoe size"]
    assert len(results) == 3


def test_a_google_export_keeps_columns_its_layout_does_not_read() -> None:
    text = (
        "First Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value,Home City,Hobby,Gender\r\n"
        "Ada,Lovelace,* myContacts,* Work,ada@work.example,London,Chess,Female\r\n"
    )
    table, results = _read(text)
    assert table.layout == "google"
    problem, ada = results

    assert str(problem) == "people.csv:1: columns not imported: Gender"
    assert isinstance(ada, ContactRecord)
    assert ada.emails == [Typed("ada@work.example", "work", preferred=True)]
    assert ada.addresses == [PostalAddress(locality="London", kind="home")]
    assert ada.note == "Hobby: Chess"


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("E-Mail-Adresse", "email"),
        ("E-Mail 3: Adresse", "email"),
        ("Adresse de messagerie", "email"),
        ("Email Home", "email"),
        ("Vorname", "given_name"),
        ("Nachname", "family_name"),
        ("Prénom", "given_name"),
        ("PRENOM", "given_name"),
        ("Nom", "family_name"),
        ("Telefon geschäftlich", "phone"),
        ("Mobiltelefon", "phone"),
        ("Téléphone mobile", "phone"),
        ("Home Mobile", "phone"),
        ("Website Work", "url"),
        ("Work City", "locality"),
        ("Postleitzahl geschäftlich", "postal_code"),
        ("Pays/Région (domicile)", "country"),
        ("Business Address PO Box", "po_box"),
        ("Birth Year", "birthday"),
        ("Display Name", "formatted_name"),
    ],
)
def test_headers_in_other_languages_and_spellings(header: str, key: str) -> None:
    assert guess_mapping([header]) == {0: key}
