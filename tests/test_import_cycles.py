"""scripts/import_cycles.py: the strongly connected components it finds, and no module cycle in
netdesk (type-only imports counted), but between the models."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from tests.scripts_loader import load_script


def _script() -> ModuleType:
    return load_script("import_cycles")


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


def test_no_module_cycle() -> None:
    script = _script()
    assert script.cycles(script.module_graph("netdesk")) == []


def test_no_code_file_over_400_lines() -> None:
    """Files past that mix more than their name says; split them by what they hold."""
    package = Path(__file__).parents[1] / "netdesk"
    lengths = {p: len(p.read_text("utf-8").splitlines()) for p in package.rglob("*.py")}
    assert {str(p.relative_to(package)): n for p, n in lengths.items() if n > 400} == {}
