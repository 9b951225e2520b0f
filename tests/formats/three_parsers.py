"""The three parsers every vCard export must pass, none of them ours: vobject, ical.js (run
with Node from tests/js, installed there by `scripts/setup-debian --test`) and the `vcard`
package's RFC 2426 validator (3.0 only, within its known limits).

ical.js missing is a skip on a developer's machine and a failure in CI (CI=true), so that CI
never passes by silently checking less.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
import vobject
from vcard import vcard_errors
from vcard.vcard_errors import VCardError
from vcard.vcard_validator import VCard

JS_DIR = Path(__file__).resolve().parents[1] / "js"
ICALJS_SCRIPT = JS_DIR / "parse.mjs"
_SETUP_HINT = "run scripts/setup-debian --test (it installs Node and ical.js into tests/js)"

# What the `vcard` package refuses because it knows only RFC 2426's own vocabulary and
# ISO 8859-1 letters, not because the syntax is wrong: names (ANNIVERSARY, IMPP), parameter
# values (TYPE=text, VALUE=text on TZ) and values of other scripts or of 4.0 forms. These
# notes are tolerated; every structural one (line ends, folding, groups, missing FN or N,
# a parameter without a value, counts of components) fails the test.
_VOCABULARY_NOTES = (
    vcard_errors.NOTE_INVALID_PROPERTY_NAME,
    vcard_errors.NOTE_INVALID_PARAMETER_VALUE,
    vcard_errors.NOTE_MISMATCH_PARAMETER,
    vcard_errors.NOTE_NON_EMPTY_PARAMETER,
    vcard_errors.NOTE_INVALID_VALUE,
    vcard_errors.NOTE_INVALID_SUB_VALUE,
    vcard_errors.NOTE_INVALID_DATE,
    vcard_errors.NOTE_INVALID_TIME,
    vcard_errors.NOTE_INVALID_TIME_ZONE,
    vcard_errors.NOTE_INVALID_URI,
    vcard_errors.NOTE_INVALID_LANGUAGE_VALUE,
)
_HINTS = ("Short folded line", "Possible split name")
_CARD = re.compile(r"BEGIN:VCARD\r\n.*?END:VCARD\r\n", re.DOTALL)
# The package takes a group as a prefix of the whole card, not of one line (RFC 2426 section 4).
_GROUP = re.compile(r"(?m)^[A-Za-z0-9-]+\.(?=[A-Za-z0-9-]+[;:])")
_NOT_LATIN_1 = re.compile(r"[^\x00-\xff]")


def parse_with_vobject(data: bytes) -> int:
    """How many cards vobject reads from `data`, every value decoded (raises if it refuses)."""
    count = 0
    for component in vobject.readComponents(data.decode("utf-8")):
        for child in component.getChildren():
            _ = child.value
        count += 1
    return count


def icaljs_ready() -> bool:
    return shutil.which("node") is not None and (JS_DIR / "node_modules" / "ical.js").is_dir()


def require_icaljs() -> None:
    """Skip (fail in CI) when Node or ical.js is not installed."""
    if icaljs_ready():
        return
    message = f"Node or ical.js is missing: {_SETUP_HINT}"
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(message)
    pytest.skip(message)


def parse_with_icaljs(*files: Path) -> None:
    """Every file parses with ical.js, each property's values read; fails naming why not."""
    require_icaljs()
    result = subprocess.run(
        ["node", str(ICALJS_SCRIPT), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"ical.js refuses the export: {result.stderr.strip() or result.stdout}")


def check_with_vcard_package(data: bytes) -> None:
    """Each card of a 3.0 export passes the `vcard` package's validator, within its limits
    (see _VOCABULARY_NOTES; characters outside ISO 8859-1 are replaced before it reads them,
    and it measures folded lines in characters, so its "Short folded line" warning is let go,
    as is its style hint "Possible split name" about a name part with a space)."""
    text = data.decode("utf-8")
    for card in _CARD.findall(text):
        plain = _NOT_LATIN_1.sub("?", _GROUP.sub("", card))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                VCard(plain)
            except VCardError as exc:
                if not str(exc).startswith(_VOCABULARY_NOTES):
                    pytest.fail(f"the vcard package rejects the card: {exc}\n{card}")
        others = [str(w.message) for w in caught if not str(w.message).startswith(_HINTS)]
        assert others == [], f"{others}\n{card}"


def check_export(data: bytes, version: str, folder: Path, name: str = "export") -> None:
    """An export passes vobject, ical.js and (3.0) the vcard package."""
    parse_with_vobject(data)
    if version == "3.0":
        check_with_vcard_package(data)
    path = folder / f"{name}-{version}.vcf"
    path.write_bytes(data)
    parse_with_icaljs(path)
