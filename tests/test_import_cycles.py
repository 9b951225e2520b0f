"""scripts/import_cycles.py: the strongly connected components it finds, and no module cycle
outside netdesk.ui (whose action objects still import the main window back)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).parents[1] / "scripts" / "import_cycles.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("import_cycles", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cycles_are_the_strongly_connected_components() -> None:
    script = _script()
    graph = {
        "a": {"b"},
        "b": {"c"},
        "c": {"a", "d"},
        "d": set(),
        "e": {"e"},
        "netdesk.models.x": {"netdesk.models.y"},
        "netdesk.models.y": {"netdesk.models.x"},
    }
    assert script.cycles(graph) == [["a", "b", "c"], ["e"]]
    assert script.cycles({"a": {"b"}, "b": set()}) == []


def test_a_long_chain_needs_no_recursion() -> None:
    script = _script()
    graph = {f"m{i}": {f"m{i + 1}"} for i in range(5000)}
    graph["m5000"] = {"m0"}
    assert len(script.cycles(graph)[0]) == 5001


def test_no_module_cycle_outside_the_window() -> None:
    script = _script()
    found = script.cycles(script.module_graph("netdesk"))
    outside = [c for c in found if any(not m.startswith("netdesk.ui") for m in c)]
    assert outside == []
