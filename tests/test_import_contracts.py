"""The import-linter contract type of scripts/import_contracts.py: which import statements name
PySide6.QtWidgets, whatever their spelling."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).parents[1] / "scripts" / "import_contracts.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("import_contracts", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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
