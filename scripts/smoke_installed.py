"""Checks an installed netdesk, as a user gets it from a wheel, not the checkout's copy.

Run as `VENV/bin/python -I scripts/smoke_installed.py FOLDER`, with the python of a virtual
environment that has the wheel installed, from a folder outside the checkout (.ci/run does that).
FOLDER, empty, becomes the user's home and holds the database. It checks that every file of the
checkout's resources/ and every migration is in the installed package, every icon loads,
`netdesk desktop-entry` installs the desktop entry, `netdesk demo` makes a database at the
newest schema through the packaged migrations, and the window opens on it (offscreen) with its
icons and its window icon. Exits 1 naming each thing that is missing, otherwise 0.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import sysconfig
import xml.etree.ElementTree as ET
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

problems: list[str] = []
# This script's checkout: what the installed package must carry. Nothing is imported from it.
CHECKOUT = Path(__file__).resolve().parents[1]


def check(ok: bool, problem: str) -> None:
    if not ok:
        problems.append(problem)


def installed_package() -> None:
    import netdesk

    where = Path(netdesk.__file__).resolve()
    check(
        where.is_relative_to(Path(sys.prefix).resolve()),
        f"netdesk was imported from {where}, not from the environment at {sys.prefix}",
    )


def icons_load() -> None:
    from PySide6.QtGui import QImage

    from netdesk.resource_files import resource
    from netdesk.ui.widgets.icons import ICON_NAMES, icon

    folder = resource("icons")
    shipped = {p.name.removesuffix(".svg") for p in folder.iterdir()} if folder.is_dir() else set()
    check(set(ICON_NAMES) <= shipped, f"icons not shipped: {sorted(set(ICON_NAMES) - shipped)}")
    for name in ICON_NAMES:
        image = icon(name).pixmap(24, 24).toImage().convertToFormat(QImage.Format.Format_ARGB32)
        drawn = any(
            image.pixelColor(x, y).alpha() > 0
            for y in range(image.height())
            for x in range(image.width())
        )
        check(drawn, f"icon {name!r} draws nothing")


def desktop_files() -> None:
    from netdesk.resource_files import DESKTOP_ENTRY, METAINFO, resource

    source = CHECKOUT / "resources"
    names = sorted(p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file())
    lost = [name for name in names if not resource(name).is_file()]
    check(not lost, f"files of resources/ not in the installed package: {lost}")

    entry = resource(DESKTOP_ENTRY)
    check(entry.is_file(), f"desktop entry {DESKTOP_ENTRY} not shipped")
    if entry.is_file():
        lines = entry.read_text("utf-8").splitlines()
        check("Icon=netdesk" in lines, "the desktop entry names no netdesk icon")
        check(resource("icons/netdesk.svg").is_file(), "the desktop entry's icon is not shipped")
    metainfo = resource(METAINFO)
    check(metainfo.is_file(), f"AppStream metainfo {METAINFO} not shipped")
    if metainfo.is_file():
        root = ET.fromstring(metainfo.read_bytes())
        check(
            f"{root.findtext('id')}.metainfo.xml" == METAINFO,
            "the metainfo file is not named after its component id",
        )
        check(root.findtext("launchable") == DESKTOP_ENTRY, "metainfo launches another entry")


def desktop_entry_installs(folder: Path) -> None:
    """`netdesk desktop-entry` puts the entry, its icon and the metainfo into the user's
    XDG_DATA_HOME, the entry starting this installation's netdesk."""
    result = subprocess.run(
        [str(console_script()), "desktop-entry"], capture_output=True, text=True, check=False
    )
    check(result.returncode == 0, f"netdesk desktop-entry failed: {result.stderr.strip()}")
    data = folder / "data"
    entry = data / "applications" / "netdesk.desktop"
    check(entry.is_file(), f"netdesk desktop-entry wrote no {entry}")
    if entry.is_file():
        exec_line = f"Exec={console_script()}"
        check(exec_line in entry.read_text("utf-8").splitlines(), f"the entry lacks {exec_line}")
    icon_file = data / "icons" / "hicolor" / "scalable" / "apps" / "netdesk.svg"
    check(icon_file.is_file(), f"netdesk desktop-entry wrote no {icon_file}")
    check(
        any((data / "metainfo").glob("*.metainfo.xml")), "netdesk desktop-entry wrote no metainfo"
    )


def console_script() -> Path:
    return Path(sysconfig.get_path("scripts")) / "netdesk"


def demo_database(folder: Path) -> Path:
    """`netdesk demo` through the installed console script: it creates the file and upgrades it
    with the packaged migrations."""
    from netdesk.store.schema import known_revisions

    path = folder / "demo.sqlite"
    result = subprocess.run(
        [
            str(console_script()),
            "--db",
            str(path),
            "demo",
            "--people",
            "12",
            "--events",
            "2",
            "--seed",
            "1",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    check(result.returncode == 0, f"netdesk demo failed: {result.stderr.strip()}")
    versions = "netdesk/store/migrations/versions"
    revisions = {p.name.split("_", 1)[0] for p in (CHECKOUT / versions).glob("[0-9]*_*.py")}
    lost = sorted(revisions - known_revisions())
    check(not lost, f"migrations not in the installed package: {lost}")
    head = max(revisions)
    connection = sqlite3.connect(path)
    try:
        stamped = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        (people,) = connection.execute("SELECT count(*) FROM contacts").fetchone()
    except sqlite3.Error as exc:
        problems.append(f"the demo database cannot be read: {exc}")
    else:
        check(stamped == [(head,)], f"the database is at schema {stamped}, not at {head}")
        check(people == 12, f"the demo made {people} people, not 12")
    finally:
        connection.close()
    return path


def window_opens(path: Path) -> None:
    """The window as `netdesk --db PATH` opens it, looked at once its data is in."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QListWidget, QMessageBox, QToolBar

    from netdesk.app import run_gui
    from netdesk.config import sqlite_url
    from netdesk.resource_files import DESKTOP_ENTRY

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    seen: list[str] = []

    def look() -> None:
        modal = app.activeModalWidget()
        if modal is not None:  # "netdesk cannot open its database", say
            text = modal.text() if isinstance(modal, QMessageBox) else modal.windowTitle()
            problems.append(f"the window showed a dialog: {text}")
            app.exit(1)
            return
        windows = [w for w in app.topLevelWidgets() if w.isWindow() and w.isVisible()]
        if not windows:
            QTimer.singleShot(50, look)
            return
        window = windows[0]
        seen.append(window.windowTitle())
        check(not app.windowIcon().isNull(), "the application has no window icon")
        check(not window.windowIcon().isNull(), "the window has no window icon")
        check(
            f"{app.desktopFileName()}.desktop" == DESKTOP_ENTRY,
            f"the window's app id {app.desktopFileName()!r} names no shipped desktop entry",
        )
        actions = [a for bar in window.findChildren(QToolBar) for a in bar.actions()]
        buttons = [a for a in actions if not a.isSeparator() and a.text()]
        check(bool(buttons), "the window has no toolbar buttons")
        bare = [a.text() for a in buttons if a.icon().isNull()]
        check(not bare, f"toolbar buttons without an icon: {bare}")
        sidebar = window.findChild(QListWidget, "sidebar")
        check(sidebar is not None and sidebar.count() > 0, "the window has no sidebar")
        if sidebar is not None:
            items = [sidebar.item(i) for i in range(sidebar.count())]
            bare = [item.text() for item in items if item.icon().isNull()]
            check(not bare, f"sidebar pages without an icon: {bare}")
        window.close()

    # After the database is opened and the first page filled (run_gui's own timers come first).
    QTimer.singleShot(300, look)

    def hung() -> None:
        problems.append("the window did not come up within a minute")
        app.exit(1)

    QTimer.singleShot(60_000, hung)
    status = run_gui(sqlite_url(path))
    check(status == 0, f"the window exited with status {status}")
    check(bool(seen), "no window appeared")


def main() -> int:
    if sys.argv[1:] in (["-h"], ["--help"]):  # not a folder to make and make home
        print(__doc__)
        return 0
    if len(sys.argv) != 2:
        print("usage: smoke_installed.py EMPTY_FOLDER", file=sys.stderr)
        return 2
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    # The window's settings and the daily backup go to a throwaway home, which the caller
    # removes after this process has ended (the backup runs on a thread of its own).
    os.environ["HOME"] = str(folder)
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
    os.environ["XDG_DATA_HOME"] = str(folder / "data")
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])  # noqa: F841 (icons need it; run_gui takes it over)
    installed_package()
    icons_load()
    desktop_files()
    desktop_entry_installs(folder)
    window_opens(demo_database(folder))
    for problem in problems:
        print(f"smoke_installed: {problem}", file=sys.stderr)
    if not problems:
        print(
            "smoke_installed: icons, desktop entry, metainfo, migrations, demo, window: all there"
        )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
