"""The window shell stays a house one can walk: no import cycle among the UI modules (type-only
imports counted, as grimp counts them), and main_window.py only assembles."""

from __future__ import annotations

from pathlib import Path

import grimp

import netdesk.ui.main_window

MAIN_WINDOW_LINES = 300


def cycles(graph: grimp.ImportGraph, under: str) -> list[list[str]]:
    """The strongly connected components (Tarjan's, without recursion) of more than one
    module among the modules under `under`."""
    modules = sorted(m for m in graph.modules if m == under or m.startswith(under + "."))
    inside = set(modules)
    succ = {m: sorted(graph.find_modules_directly_imported_by(m) & inside) for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in modules:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            if i < len(succ[node]):
                work.append((node, i + 1))
                nxt = succ[node][i]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return found


def test_the_ui_modules_import_one_another_without_a_cycle() -> None:
    graph = grimp.build_graph("netdesk")
    assert cycles(graph, "netdesk.ui") == []


def test_no_part_of_the_window_imports_the_main_window() -> None:
    graph = grimp.build_graph("netdesk")
    importers = graph.find_modules_that_directly_import("netdesk.ui.main_window")
    assert importers == {"netdesk.app"}


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for name in ("pkg", "pkg.a", "pkg.b", "pkg.c"):
        graph.add_module(name)
    graph.add_import(importer="pkg.a", imported="pkg.b")
    graph.add_import(importer="pkg.b", imported="pkg.c")
    graph.add_import(importer="pkg.c", imported="pkg.a")
    assert cycles(graph, "pkg") == [["pkg.a", "pkg.b", "pkg.c"]]


def test_main_window_only_assembles() -> None:
    source = Path(netdesk.ui.main_window.__file__).read_text(encoding="utf-8")
    assert len(source.splitlines()) < MAIN_WINDOW_LINES
