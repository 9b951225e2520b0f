"""`netdesk desktop-entry`: puts netdesk into the desktop's application menu, for this user.

pip and pipx install nothing outside the environment they install into, so the desktop entry,
its icon and the AppStream metainfo ship inside the package (netdesk.resource_files) and this
command copies them to where the XDG Base Directory specification has desktops look for them:
$XDG_DATA_HOME (~/.local/share) /applications, /icons/hicolor/scalable/apps and /metainfo.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import secrets
import shutil
import sys
import sysconfig
from pathlib import Path
from typing import Any

from netdesk.resource_files import APP_ICON_NAME, DESKTOP_ENTRY, METAINFO, resource

ICON = f"{APP_ICON_NAME}.svg"


def add_commands(commands: Any) -> None:
    """Register `desktop-entry` on the main parser's subcommands."""
    entry = commands.add_parser(
        "desktop-entry",
        help="add netdesk to the desktop's application menu, for this user",
        description="Copy netdesk's desktop entry, icon and AppStream metainfo into "
        "$XDG_DATA_HOME (~/.local/share), so that the desktop's menu and launcher list netdesk "
        "with its icon. The entry starts the netdesk command this one was started as.",
    )
    entry.add_argument("--remove", action="store_true", help="take the three files out again")


def data_home() -> Path:
    # The specification ignores a relative path, as if the variable were not set.
    configured = os.environ.get("XDG_DATA_HOME", "")
    if configured and Path(configured).is_absolute():
        return Path(configured)
    return Path.home() / ".local" / "share"


def targets(home: Path) -> dict[str, Path]:
    """Where each shipped file goes, by its name in resources/."""
    return {
        DESKTOP_ENTRY: home / "applications" / DESKTOP_ENTRY,
        f"icons/{ICON}": home / "icons" / "hicolor" / "scalable" / "apps" / ICON,
        METAINFO: home / "metainfo" / METAINFO,
    }


def netdesk_command() -> str | None:
    """The netdesk command of this installation (a pipx or virtual environment's bin folder is
    often not on the desktop session's PATH), else the one on PATH."""
    beside = Path(sysconfig.get_path("scripts")) / ("netdesk.exe" if os.name == "nt" else "netdesk")
    if beside.is_file():
        return str(beside)
    return shutil.which("netdesk")


def exec_value(command: str) -> str:
    """`command` as the Exec key of a desktop entry wants it: quoted when it holds a reserved
    character, with the string escapes applied over the quoting (Desktop Entry spec, "The Exec
    key"), and any % doubled."""
    reserved = set(" \t\n\"'\\><~|&;$*?#()`")
    if reserved & set(command):
        for special in ("\\", '"', "`", "$"):
            command = command.replace(special, "\\" + special)
        command = f'"{command}"'.replace("\\", "\\\\")
    # A line break would end the key's value: written as the string escapes \n and \r.
    command = command.replace("\n", "\\n").replace("\r", "\\r")
    return command.replace("%", "%%")


def desktop_entry_text(command: str) -> str:
    exec_line = f"Exec={exec_value(command)}\n"
    if "%" in command:
        # GLib (GNOME, and gio) looks the program up before it turns %% into %, and finds no
        # ".../100%%/netdesk": started through env, the path is an argument, which it expands.
        exec_line = f"Exec=env {exec_value(command)}\n"
    lines = resource(DESKTOP_ENTRY).read_text("utf-8").splitlines()
    return "".join(exec_line if line.startswith("Exec=") else f"{line}\n" for line in lines)


def put(path: Path, data: bytes) -> None:
    """`data` as the file at `path`, renamed into place whole. What was there goes, a symlink
    too: its target, which may be any file of the user's (a dotfile, a document), is never
    written into."""
    if path.is_dir() and not path.is_symlink():
        raise IsADirectoryError(errno.EISDIR, "it is a folder", str(path))
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError):
            # Named by the file the user asked for, not by the hidden partial one.
            exc.filename, exc.filename2 = str(path), None
        raise


def run_desktop_entry(args: argparse.Namespace) -> int:
    places = targets(data_home())
    try:
        if args.remove:
            for path in places.values():
                path.unlink(missing_ok=True)
                print(f"removed {path}")
            return 0
        lacking = [name for name in places if not resource(name).is_file()]
        if lacking:
            print(
                f"netdesk: this installation lacks {', '.join(lacking)}: reinstall netdesk",
                file=sys.stderr,
            )
            return 1
        command = netdesk_command()
        if command is None:
            print("netdesk: no netdesk command to start: install netdesk first", file=sys.stderr)
            return 1
        for name, path in places.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            if name == DESKTOP_ENTRY:
                put(path, desktop_entry_text(command).encode("utf-8"))
            else:
                put(path, resource(name).read_bytes())
            print(f"wrote {path}")
    except OSError as exc:
        from netdesk.services.exporting import file_error_text

        verb = "remove" if args.remove else "write"
        where = f" {exc.filename}" if exc.filename else ""
        print(f"netdesk: cannot {verb}{where}: {file_error_text(exc)}", file=sys.stderr)
        return 1
    return 0
