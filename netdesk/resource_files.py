"""The files netdesk ships beside its code: icons, the desktop entry, the AppStream metainfo.

Their source is resources/ at the top of the checkout. netdesk/resources is a link to it, so a
checkout and an editable install read them in place, and a wheel (built from the checkout or from
an sdist) carries copies (package-data in pyproject.toml). Read them through this module, never
through a path beside the package: an installed netdesk has no checkout around it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

DESKTOP_ENTRY = "netdesk.desktop"
# AppStream wants a reverse-DNS component id; the desktop entry keeps its name "netdesk" (the
# window's app id, netdesk.app), which the metainfo names as what it launches.
METAINFO = "io.github.netdesk.netdesk.metainfo.xml"
# The application's icon, icons/netdesk.svg: the window's icon, and the one the desktop entry's
# Icon key names (the desktop looks it up by this name among the icons installed beside it).
APP_ICON_NAME = "netdesk"


def resource(name: str) -> Traversable:
    """resources/NAME; NAME may name a file in a folder ("icons/search.svg")."""
    # Imported here: `netdesk --help` and the other commands that read no file do without it.
    from importlib.resources import files

    found = files("netdesk") / "resources"
    for part in name.split("/"):
        found = found / part
    return found
