"""`netdesk desktop-entry` puts netdesk into the desktop's menu for this user, and takes it out."""

from __future__ import annotations

from pathlib import Path

import pytest

from netdesk.cli.desktop_entry import exec_value, netdesk_command
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
    ],
)
def test_exec_value_quotes_as_the_desktop_entry_spec_says(command: str, value: str) -> None:
    assert exec_value(command) == value
