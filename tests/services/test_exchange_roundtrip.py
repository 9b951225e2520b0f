"""Lossless through the database: every real vCard file imported, exported (3.0 and 4.0) and
imported into a fresh database gives the same contacts, down to the lines netdesk does not show.

The corpus lives outside the repository (tests/corpus.py); without it these tests skip.
"""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest

from netdesk.formats.records import ContactRecord
from netdesk.services.service_set import Services
from netdesk.store import open_database
from tests.corpus import CORPUS_ROOT

CORPUS = CORPUS_ROOT / "vcf"
FILES = sorted(p for p in CORPUS.rglob("*") if p.is_file()) if CORPUS.is_dir() else []


def _services(path: Path) -> Services:
    return Services(open_database(f"sqlite:///{path}"))


def _comparable(services: Services) -> list[ContactRecord]:
    return [replace(r, line=0) for r in services.exports.records()]


@pytest.mark.skipif(not FILES, reason="the shared corpus is not here")
@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(CORPUS).as_posix() for p in FILES])
@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_import_export_import_keeps_every_contact(path: Path, version: str, tmp_path: Path) -> None:
    first = _services(tmp_path / "first.sqlite")
    second = _services(tmp_path / "second.sqlite")
    try:
        first.imports.import_file(path)
        before = _comparable(first)
        out = io.BytesIO()
        assert first.exports.vcard(out, version=version) == len(before)
        if not before:  # a file of broken cards only: nothing went in, nothing comes out
            assert out.getvalue() == b""
            return
        exported = tmp_path / f"export-{version}.vcf"
        exported.write_bytes(out.getvalue())
        report = second.imports.import_file(exported)
        assert report.problems == []
        assert report.added == len(before)
        assert _comparable(second) == before
    finally:
        first.db.close()
        second.db.close()
