"""The window shell stays a house one can walk: no part of the window reaches back into the main
window, and main_window.py only assembles. (No module cycle at all: tests/test_import_cycles.py.)"""

from __future__ import annotations

from pathlib import Path

import grimp

import netdesk.ui.main_window

MAIN_WINDOW_LINES = 300


def test_no_part_of_the_window_imports_the_main_window() -> None:
    graph = grimp.build_graph("netdesk")
    importers = graph.find_modules_that_directly_import("netdesk.ui.main_window")
    assert importers == {"netdesk.app"}


def test_main_window_only_assembles() -> None:
    source = Path(netdesk.ui.main_window.__file__).read_text(encoding="utf-8")
    assert len(source.splitlines()) < MAIN_WINDOW_LINES
