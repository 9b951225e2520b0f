"""`netdesk desktop-entry` puts netdesk into the desktop's menu for this user, and takes it out."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from netdesk.cli.desktop_entry import desktop_entry_text, exec_value, netdesk_command
from netdesk.cli.main import main
from netdesk.resource_files import METAINFO

CHECKOUT = Path(__file__).resolve().parents[2]


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


def _written(home: Path) -> dict[str, Path]:
    return {
        "entry": home / "applications" / "netdesk.desktop",
        "icon": home / "icons" / "hicolor" / "scalable" / "apps" / "netdesk.svg",
        "metainfo": home / "metainfo" / METAINFO,
    }


def test_writes_the_entry_its_icon_and_the_metainfo(
    data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["desktop-entry"]) == 0
    files = _written(data_home)
    assert capsys.readouterr().out.splitlines() == [f"wrote {p}" for p in files.values()]
    assert files["icon"].read_bytes() == (CHECKOUT / "resources/icons/netdesk.svg").read_bytes()
    assert files["metainfo"].read_bytes() == (CHECKOUT / "resources" / METAINFO).read_bytes()
    shipped = (CHECKOUT / "resources/netdesk.desktop").read_text("utf-8").splitlines()
    written = files["entry"].read_text("utf-8").splitlines()
    command = netdesk_command()
    assert command is not None and Path(command).is_absolute()
    assert written == [f"Exec={command}" if s == "Exec=netdesk" else s for s in shipped]


def test_a_second_run_replaces_and_remove_takes_all_out(
    data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["desktop-entry"]) == 0
    assert main(["desktop-entry"]) == 0
    assert all(p.is_file() for p in _written(data_home).values())
    capsys.readouterr()
    assert main(["desktop-entry", "--remove"]) == 0
    assert not any(p.exists() for p in _written(data_home).values())
    assert capsys.readouterr().out.splitlines() == [
        f"removed {p}" for p in _written(data_home).values()
    ]
    assert main(["desktop-entry", "--remove"]) == 0  # nothing left to remove is fine


def test_a_relative_xdg_data_home_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", "relative/share")
    monkeypatch.chdir(tmp_path)
    assert main(["desktop-entry"]) == 0
    assert _written(tmp_path / ".local" / "share")["entry"].is_file()
    assert not (tmp_path / "relative").exists()


def test_a_folder_that_cannot_be_made_is_one_line_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    in_the_way = tmp_path / "share"
    in_the_way.write_text("a file, not a folder")
    monkeypatch.setenv("XDG_DATA_HOME", str(in_the_way))
    assert main(["desktop-entry"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"netdesk: cannot write {in_the_way / 'applications'}: ")
    assert err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    ("command", "value"),
    [
        ("/home/ada/.local/bin/netdesk", "/home/ada/.local/bin/netdesk"),
        ("/home/ada/my apps/netdesk", '"/home/ada/my apps/netdesk"'),
        # Quoting escapes $ and \\ with a backslash; the string rules then double every backslash.
        ("/opt/$x/a\\b netdesk", '"/opt/\\\\$x/a\\\\\\\\b netdesk"'),
        ("/opt/100%/netdesk", "/opt/100%%/netdesk"),
        # A line break would end the value: the string escape \n stands for it.
        ("/opt/a\nb/netdesk", '"/opt/a\\nb/netdesk"'),
    ],
)
def test_exec_value_quotes_as_the_desktop_entry_spec_says(command: str, value: str) -> None:
    assert exec_value(command) == value


def test_an_entry_that_links_to_another_file_is_replaced_not_written_through(
    data_home: Path,
) -> None:
    # A user's file that a stale or hostile link at netdesk's place points to keeps its words.
    precious = data_home.parent / "notes.txt"
    precious.write_text("my notes\n")
    files = _written(data_home)
    for path in files.values():
        path.parent.mkdir(parents=True)
        path.symlink_to(precious)
    assert main(["desktop-entry"]) == 0
    assert precious.read_text() == "my notes\n"
    assert not any(p.is_symlink() for p in files.values())
    assert files["entry"].read_text("utf-8").startswith("[Desktop Entry]\n")
    assert not [p.name for p in files["entry"].parent.iterdir() if p.name.endswith(".part")]


def test_a_dangling_link_in_its_place_is_replaced(data_home: Path) -> None:
    entry = _written(data_home)["entry"]
    entry.parent.mkdir(parents=True)
    entry.symlink_to(data_home / "gone" / "netdesk.desktop")
    assert main(["desktop-entry"]) == 0
    assert not entry.is_symlink() and entry.is_file()
    assert not (data_home / "gone").exists()


# CI installs gio (libglib2.0-bin, scripts/setup-debian --test): there it fails when missing.
@pytest.mark.skipif(
    shutil.which("gio") is None and os.environ.get("CI", "").lower() not in ("true", "1", "yes"),
    reason="GLib's gio launches desktop entries",
)
@pytest.mark.parametrize(
    "folder", ["my apps", "a$b", 'say "hi"', "it's", "back\\slash", "a\nb", "100%", "100% sure"]
)
def test_glib_starts_the_command_the_entry_names(tmp_path: Path, folder: str) -> None:
    # GLib's own reading of the Exec key (gio launch), not ours: the command it starts is the
    # one whose path the entry quoted.
    command = tmp_path / folder / "netdesk"
    command.parent.mkdir()
    started = tmp_path / "started"
    command.write_text(f'#!/bin/sh\necho "$0" > "{started}"\n')
    command.chmod(0o755)
    entry = tmp_path / "netdesk.desktop"
    entry.write_text(desktop_entry_text(str(command)), "utf-8")
    subprocess.run(["gio", "launch", str(entry)], check=True, capture_output=True)
    deadline = time.monotonic() + 10
    while not (started.exists() and started.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert started.read_text() == f"{command}\n"


# CI installs it (desktop-file-utils, scripts/setup-debian --test): there it fails when missing.
@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None
    and os.environ.get("CI", "").lower() not in ("true", "1", "yes"),
    reason="desktop-file-utils checks desktop entries",
)
@pytest.mark.parametrize("command", ["/usr/bin/netdesk", '/opt/my $apps/100% "x"\\/netdesk'])
def test_the_written_entry_passes_desktop_file_validate(tmp_path: Path, command: str) -> None:
    # Debian 12's validator (desktop-file-utils 0.26) knows the specification up to 1.4: an entry
    # that says Version=1.5 fails it, so packagers' checks would fail.
    entry = tmp_path / "netdesk.desktop"
    entry.write_text(desktop_entry_text(command), "utf-8")
    result = subprocess.run(
        ["desktop-file-validate", str(entry)], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout + result.stderr) == (0, "")
