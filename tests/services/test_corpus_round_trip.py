"""The whole development corpus of real files (vCard and CSV from other programs) goes into a
real database, out as vCard 3.0 and 4.0, and into a fresh database again without losing a
field; every export is read by vobject, ical.js, the `vcard` validator and our strict parser.
The calendars of the corpus go out as one .ics file that ical.js reads and that gives the same
events again.

The corpus is not part of the repository: NETDESK_CORPUS names its folder (tests/corpus.py
has the default); the tests skip where it is missing.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from benchmarks.corpus_fidelity import KINDS, csv_values, database_values, kept, vcard_values
from netdesk.services.import_plan import OnDuplicate
from netdesk.services.service_set import Services
from tests.corpus import CORPUS_ROOT as CORPUS
from tests.formats.independent_vcard import parse_vcards
from tests.formats.three_parsers import check_export

VCF = sorted(p for p in (CORPUS / "vcf").rglob("*") if p.is_file()) if CORPUS.is_dir() else []
CSV = sorted(p for p in (CORPUS / "csv").rglob("*.csv")) if CORPUS.is_dir() else []
FILES = VCF + CSV
VERSIONS = ("3.0", "4.0")

# Files whose import still loses something; strict, so that a fix shows as XPASS and the
# entry goes: name -> reason.
KNOWN_READER_BUGS: dict[str, str] = {}


def comparable(services: Services) -> list[dict[str, Any]]:
    """Everyone in the database, as the fields a round trip must keep."""
    people = []
    for record in services.exports.records():
        fields = dataclasses.asdict(record)
        # Where the person was first read from, and at which line, is no field of theirs.
        del fields["line"], fields["source"]
        fields["categories"] = sorted(fields["categories"])
        people.append(fields)
    return people


@pytest.mark.skipif(not FILES, reason="the development corpus is not on this machine")
@pytest.mark.parametrize(
    "path",
    [
        pytest.param(p, marks=pytest.mark.xfail(reason=KNOWN_READER_BUGS[p.name], strict=True))
        if p.name in KNOWN_READER_BUGS
        else p
        for p in FILES
    ],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_a_corpus_file_keeps_every_name_email_and_phone(path: Path, database_at: Any) -> None:
    """Counted without netdesk's readers (benchmarks/corpus_fidelity.py), every name, email
    and phone of the file is found on a contact after the import."""
    source = csv_values(path) if path.suffix.lower() == ".csv" else vcard_values(path)
    services = database_at("imported")
    services.imports.import_file(path)

    found = kept(source, database_values(services))

    assert found == {kind: sum(source.found[kind].values()) for kind in KINDS}


@pytest.mark.skipif(not FILES, reason="the development corpus is not on this machine")
@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_corpus_file_survives_export_and_import_again(
    path: Path, database_at: Any, tmp_path: Path
) -> None:
    first = database_at("first")
    report = first.imports.import_file(path, mapping=None)
    before = comparable(first)
    if not before:
        assert report.added == 0
        return
    for version in VERSIONS:
        data = _export(first, version)
        assert len(parse_vcards(data)) == len(before)
        check_export(data, version, tmp_path, path.stem)
        exported = tmp_path / f"{path.stem}-{version}.vcf"
        again = database_at(f"again-{version}")
        second = again.imports.import_file(exported, on_duplicate=OnDuplicate.NEW)
        assert [str(p) for p in second.problems] == [], f"{version} export read with problems"
        after = comparable(again)
        assert len(after) == len(before), version
        for old, new in zip(before, after, strict=True):
            assert new == old, f"{path.name} as vCard {version}"


def _export(services: Services, version: str) -> bytes:
    import io

    out = io.BytesIO()
    services.exports.vcard(out, version=version)
    return out.getvalue()


@pytest.mark.skipif(not FILES, reason="the development corpus is not on this machine")
def test_the_whole_corpus_reads_the_same_on_either_database(
    services: Services, database_at: Any
) -> None:
    """All files into one database (SQLite or PostgreSQL), merging as a user's import does,
    give the same people as into an SQLite file."""
    reference = database_at("reference")
    for path in FILES:
        services.imports.import_file(path)
        reference.imports.import_file(path)

    def without_made_up_uids(people: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # A card without a UID gets a new random one in each database.
        return [{**person, "uid": ""} for person in people]

    assert without_made_up_uids(comparable(services)) == without_made_up_uids(comparable(reference))


ICS = sorted(p for p in (CORPUS / "ics").rglob("*.ics")) if CORPUS.is_dir() else []


def _events(services: Services) -> list[tuple[Any, ...]]:
    from sqlalchemy import select

    from netdesk.models import Event

    with services.db.Session() as session:
        return sorted(
            (
                *(e.uid, e.name, e.starts_at, e.ends_at, e.venue, e.city, e.url),
                *(e.description, e.organiser, e.all_day, len(e.recurrence.splitlines())),
            )
            for e in session.scalars(select(Event))
        )


@pytest.mark.skipif(not ICS, reason="the development corpus is not on this machine")
def test_the_calendar_corpus_exported_is_read_by_ical_js_and_gives_the_same_events(
    database_at: Any, tmp_path: Path
) -> None:
    """vobject's test file has "RRULE:FREQ=Weekly", which the export kept and ical.js refused
    the whole file for; a venue with a comma of its own lost all after it."""
    from tests.formats.three_parsers import parse_with_icaljs

    first = database_at("calendars")
    for path in ICS:
        first.imports.import_file(path)
    exported = tmp_path / "events.ics"
    with exported.open("wb") as out:
        first.exports.ics(out)
    parse_with_icaljs(exported)

    again = database_at("again")
    report = again.imports.import_file(exported)

    assert [str(p) for p in report.problems] == []
    assert _events(again) == _events(first)
