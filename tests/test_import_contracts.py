"""The import-linter contract type of scripts/import_contracts.py: which import statements name
PySide6.QtWidgets, whatever their spelling."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from tests.scripts_loader import load_script


def _script() -> ModuleType:
    return load_script("import_contracts")


@pytest.mark.parametrize(
    ("statement", "names_it"),
    [
        ("from PySide6.QtWidgets import QApplication", True),
        ("import PySide6.QtWidgets as W", True),
        ("from PySide6 import QtGui, QtWidgets  # why", True),
        ("from PySide6 import ( QtCore, QtWidgets as W, )", True),
        ("from PySide6.QtGui import QImage", False),
        ("from PySide6 import QtCore", False),
        ("from PySide6 import QtWidgetsExtra", False),
    ],
)
def test_statements_that_name_the_widgets(statement: str, names_it: bool) -> None:
    assert _script().names_part(statement, "PySide6.QtWidgets") is names_it


def test_a_statement_over_several_lines_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "several_lines.py").write_text(
        "from PySide6 import (  # a comment\n    QtCore,\n    QtWidgets\n)\nx = 1\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    statement = _script().whole_statement("several_lines", 1, "from PySide6 import (  # a")
    assert statement == "from PySide6 import ( QtCore, QtWidgets )"
