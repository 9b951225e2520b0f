"""Prints every import cycle between netdesk's modules and exits 1 if there is one.

A cycle is a strongly connected component of the module graph (Tarjan's algorithm) with more than
one module, or a module importing itself. Every import counts: at run time, inside a function, and
under `if TYPE_CHECKING:` (grimp, import-linter's graph library, reads them all). The models'
relationships point both ways, so the component made only of netdesk.models modules is allowed.

  .venv/bin/python scripts/import_cycles.py
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

import grimp

# This checkout's netdesk, not an installed one (Python puts scripts/ first on the path).
CHECKOUT = Path(__file__).resolve().parents[1]
PACKAGE = "netdesk"
ALLOWED_PACKAGE = "netdesk.models"


def strongly_connected(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative (a chain of a few hundred modules would pass Python's
    recursion limit): every strongly connected component, each as a list of its nodes."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, list[str]]] = [(root, sorted(graph.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            if successors:
                nxt = successors.pop()
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, sorted(graph.get(nxt, ()))))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))
    return components


def module_graph(package: str) -> dict[str, set[str]]:
    """Module -> the modules of `package` it imports (a package's own __init__ is one module)."""
    graph = grimp.build_graph(package, cache_dir=None)
    return {
        module: graph.find_modules_directly_imported_by(module) for module in sorted(graph.modules)
    }


def cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    found = []
    for component in strongly_connected(graph):
        if len(component) == 1 and component[0] not in graph.get(component[0], ()):
            continue
        if all(m == ALLOWED_PACKAGE or m.startswith(ALLOWED_PACKAGE + ".") for m in component):
            continue
        found.append(component)
    return sorted(found, key=lambda c: (-len(c), c))


def main() -> int:
    sys.path.insert(0, str(CHECKOUT))
    graph = module_graph(PACKAGE)
    found = cycles(graph)
    for component in found:
        print(f"{len(component)} modules import each other:")
        for module in component:
            inside = sorted(set(graph[module]) & set(component))
            print(f"  {module} -> {', '.join(inside)}")
    print(f"{len(found)} import cycle(s) among {len(graph)} modules of {PACKAGE}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
