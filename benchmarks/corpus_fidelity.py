"""How many names, emails and phones of a corpus of real files netdesk keeps: after importing
each file, and after the round trip (export as vCard 3.0 and as 4.0, import each again).

The source files are counted without netdesk's readers: vCards by their FN, EMAIL and TEL
content lines (read plainly, see vcard_values); CSV files by the non-empty cells of
their name, email and phone columns (Google's " ::: " lists count each item). A source value is
kept when a contact in the database has it: names compared by their words (case ignored),
emails case-insensitively, phones by their digits. Two people merged into one keep one name.

    .venv/bin/python benchmarks/corpus_fidelity.py [CORPUS] [--files]

CORPUS is the folder holding vcf/ and csv/ (default: where the tests find it, tests/corpus.py:
NETDESK_CORPUS, else shared/corpus beside the checkout); --files adds a line per file.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import quopri
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from netdesk.services.service_set import Services
from netdesk.store import open_database
from tests.corpus import CORPUS_ROOT

KINDS = ("names", "emails", "phones")
STAGES = ("source", "import", "3.0", "4.0")
_LINE = re.compile(r"^(?:[A-Za-z0-9_-]+\.)?(FN|EMAIL|TEL)[;:].*$", re.IGNORECASE)
_KINDS = {"FN": "names", "EMAIL": "emails", "TEL": "phones"}
_NOT_DIGITS = re.compile(r"\D")


@dataclass
class Values:
    """The names, emails and phones of one file or database, normalised, with repeats."""

    found: dict[str, Counter[str]] = field(
        default_factory=lambda: {kind: Counter() for kind in KINDS}
    )

    def add(self, kind: str, value: str) -> None:
        key = _key(kind, value)
        if key:
            self.found[kind][key] += 1


def _key(kind: str, value: str) -> str:
    value = value.strip()
    if kind == "names":
        return " ".join(value.casefold().split())
    if kind == "emails":
        return value.removeprefix("mailto:").removeprefix("MAILTO:").strip().casefold()
    return _NOT_DIGITS.sub("", value)


# --- the source files, counted without netdesk ---------------------------------------------


def vcard_values(path: Path) -> Values:
    """FN, EMAIL and TEL lines read plainly: unfolded (and quoted-printable soft line breaks
    joined), the value after the first colon outside quotes, quoted-printable decoded.

    Not with vobject: it refuses many of these files whole (2.1 quoted-printable, unknown
    names) and cuts an FN at an unescaped comma ("Mustermann, Heiko" gives "Mustermann").
    """
    return _line_values(path.read_bytes())


def _line_values(data: bytes) -> Values:
    values = Values()
    text = re.sub(rb"=\r?\n", b"", re.sub(rb"\r?\n[ \t]", b"", data.replace(b"\r\r", b"\r")))
    for raw in text.splitlines():
        match = _LINE.match(raw.decode("latin-1").strip())
        if not match:
            continue
        head, value = _head_and_value(match.group(0))
        params = head.upper()
        encoded = raw[raw.index(b":", len(head.encode("latin-1"))) + 1 :].strip()
        if "QUOTED-PRINTABLE" in params:
            encoded = quopri.decodestring(encoded)
        charset = re.search(r"CHARSET=([A-Za-z0-9_-]+)", params)
        try:
            value = encoded.decode(charset.group(1) if charset else "utf-8")
        except (LookupError, UnicodeDecodeError):
            value = encoded.decode("latin-1")
        value = value.replace("\\,", ",").replace("\\;", ";")
        values.add(_KINDS[match.group(1).upper()], value)
    return values


def _head_and_value(line: str) -> tuple[str, str]:
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[:index], line[index + 1 :]
    return line, ""


def _column_kind(header: str) -> str:
    h = header.casefold()
    if re.search(r"type|label|yomi|phonetic|initials", h):
        return ""
    if "mail" in h:
        return "emails"
    if re.search(r"phone|mobile|\btel\b|fax|pager|cell", h):
        return "phones"
    if re.search(r"\bname\b|first|last|given|family", h) and "nick" not in h and "middle" not in h:
        if re.search(r"compan|organi|event|ticket|file|maiden|short|additional", h):
            return ""
        return "names"
    return ""


def csv_values(path: Path) -> Values:
    values = Values()
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    rows = list(csv.reader(io.StringIO(text)))
    # The header is the first row with several recognised columns (LinkedIn puts notes first).
    start = next(
        (i for i, row in enumerate(rows) if sum(1 for cell in row if _column_kind(cell)) >= 2),
        None,
    )
    if start is None:
        return values
    kinds = [_column_kind(cell) for cell in rows[start]]
    headers = [cell.casefold() for cell in rows[start]]
    for row in rows[start + 1 :]:
        parts = []
        for kind, header, cell in zip(kinds, headers, row, strict=False):
            if not cell.strip():
                continue
            if kind == "names":
                if header.strip() in ("name", "display name", "full name"):
                    parts = [cell]
                    break
                parts.append(cell)
            elif kind:
                for item in cell.split(":::"):
                    values.add(kind, item)
        if parts:
            values.add("names", " ".join(parts))
    return values


# --- what netdesk kept ----------------------------------------------------------------------


def database_values(services: Services) -> Values:
    values = Values()
    for record in services.exports.records():
        values.add("names", record.formatted_name)
        for email in record.emails:
            values.add("emails", email.value)
        for phone in record.phones:
            values.add("phones", phone.value + getattr(phone, "extension", ""))
    return values


def kept(source: Values, stored: Values) -> dict[str, int]:
    return {kind: sum((source.found[kind] & stored.found[kind]).values()) for kind in KINDS}


def measure(path: Path, folder: Path) -> dict[str, dict[str, int]]:
    """{stage: {kind: count}} for one file."""
    source = csv_values(path) if path.suffix.lower() == ".csv" else vcard_values(path)
    counts = {"source": {kind: sum(source.found[kind].values()) for kind in KINDS}}
    first = Services(open_database(f"sqlite:///{folder / 'first.sqlite'}"))
    try:
        try:
            first.imports.import_file(path)
        except Exception as exc:  # refused whole (unrecognised columns, ...): nothing kept
            print(f"  {path.name}: not imported ({type(exc).__name__}: {exc})", file=sys.stderr)
        counts["import"] = kept(source, database_values(first))
        for version in ("3.0", "4.0"):
            if next(iter(first.exports.records()), None) is None:  # nothing to export
                counts[version] = counts["import"]
                continue
            exported = folder / f"export-{version}.vcf"
            with exported.open("wb") as out:
                first.exports.vcard(out, version=version)
            again = Services(open_database(f"sqlite:///{folder / f'again-{version}.sqlite'}"))
            try:
                try:
                    again.imports.import_file(exported)
                except Exception as exc:
                    print(f"  {path.name} {version}: not imported again ({exc})", file=sys.stderr)
                counts[version] = kept(source, database_values(again))
            finally:
                again.db.close()
    finally:
        first.db.close()
    return counts


def _row(label: str, counts: dict[str, dict[str, int]]) -> str:
    cells = [f"{label:<24}"]
    for kind in KINDS:
        cells.append(" ".join(f"{counts[stage][kind]:>5}" for stage in STAGES))
    return " | ".join(cells)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(CORPUS_ROOT))
    parser.add_argument("--files", action="store_true", help="a line per file too")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    groups = {
        "vcf": sorted(p for p in (corpus / "vcf").rglob("*") if p.is_file()),
        "csv": sorted((corpus / "csv").rglob("*.csv")),
    }
    if not any(groups.values()):
        sys.exit(f"no vcf/ or csv/ files under {corpus}")
    stages = " ".join(f"{stage:>5}" for stage in STAGES)
    print(f"{'':<24} | {'names':^23} | {'emails':^23} | {'phones':^23}")
    print(f"{'files':<24} | {stages} | {stages} | {stages}")
    total = {stage: dict.fromkeys(KINDS, 0) for stage in STAGES}
    for group, paths in groups.items():
        sums = {stage: dict.fromkeys(KINDS, 0) for stage in STAGES}
        for path in paths:
            with tempfile.TemporaryDirectory() as folder:
                counts = measure(path, Path(folder))
            if args.files:
                print(_row(f"  {path.name[:22]}", counts))
            for stage in STAGES:
                for kind in KINDS:
                    sums[stage][kind] += counts[stage][kind]
                    total[stage][kind] += counts[stage][kind]
        print(_row(f"{group} ({len(paths)} files)", sums))
    print(_row("total", total))


if __name__ == "__main__":
    main()
