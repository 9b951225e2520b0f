"""What resources/ holds reaches the installed package: through the link in a checkout, as
package data in a wheel (scripts/smoke_installed.py checks a real wheel in .ci/run)."""

from __future__ import annotations

import fnmatch
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath

from netdesk.resource_files import DESKTOP_ENTRY, METAINFO, resource

CHECKOUT = Path(__file__).resolve().parents[1]
SOURCE = CHECKOUT / "resources"


def _pyproject() -> dict:
    return tomllib.loads((CHECKOUT / "pyproject.toml").read_text("utf-8"))


def _matches(path: PurePosixPath, pattern: str) -> bool:
    """As setuptools globs package data: "*" stays within one folder."""
    parts = PurePosixPath(pattern).parts
    return len(parts) == len(path.parts) and all(
        fnmatch.fnmatchcase(name, part) for name, part in zip(path.parts, parts, strict=True)
    )


def test_the_package_reads_the_checkouts_resources_folder() -> None:
    found = resource(DESKTOP_ENTRY)
    assert isinstance(found, Path)
    assert found.samefile(SOURCE / DESKTOP_ENTRY)


def test_every_file_in_resources_is_package_data() -> None:
    patterns = _pyproject()["tool"]["setuptools"]["package-data"]["netdesk"]
    files = [PurePosixPath(p.relative_to(CHECKOUT).as_posix()) for p in SOURCE.rglob("*")]
    left_out = [
        str(f)
        for f in files
        if (CHECKOUT / f).is_file() and not any(_matches(f, p) for p in patterns)
    ]
    assert left_out == []


def test_the_metainfo_describes_the_desktop_entry() -> None:
    root = ET.fromstring(resource(METAINFO).read_bytes())
    assert root.get("type") == "desktop-application"
    assert f"{root.findtext('id')}.metainfo.xml" == METAINFO
    assert root.findtext("launchable") == DESKTOP_ENTRY
    assert root.findtext("provides/binary") == "netdesk"
    assert "netdesk" in _pyproject()["project"]["scripts"]


def test_the_desktop_entry_starts_netdesk_with_a_shipped_icon() -> None:
    lines = resource(DESKTOP_ENTRY).read_text("utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    entry = dict(line.split("=", 1) for line in lines[1:] if "=" in line)
    assert entry["Exec"] == "netdesk"
    assert resource(f"icons/{entry['Icon']}.svg").is_file()
