"""An import-linter contract type for a part of an outside package, such as PySide6.QtWidgets.

import-linter's own `forbidden` contract takes outside packages only whole ("PySide6", not
"PySide6.QtWidgets"), since grimp keeps each outside package as one module. netdesk's core may
paint with QtGui (badges, QR pictures) but must never import Qt's widgets; this contract reads
the import statements grimp recorded from each source module to the outside package and fails on
those that name a forbidden part of it. Registered in pyproject.toml under
[tool.importlinter] contract_types; lint-imports puts the checkout on sys.path to import it.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any

from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck
from importlinter.domain.helpers import module_expressions_to_modules


def names_part(statement: str, part: str) -> bool:
    """Whether the import statement `statement` imports `part` ("PySide6.QtWidgets") or
    something inside it: `import PySide6.QtWidgets`, `from PySide6.QtWidgets import X`,
    `from PySide6 import QtWidgets`."""
    if re.search(rf"(?<![\w.]){re.escape(part)}(?![\w])", statement):
        return True
    parent, _, name = part.rpartition(".")
    match = re.match(rf"\s*from\s+{re.escape(parent)}\s+import\s+\(?([^)#]*)", statement)
    if not match:
        return False
    imported = [item.split(" as ")[0].strip() for item in match[1].split(",")]
    return name in imported


def whole_statement(module: str, line_number: int, first_line: str) -> str:
    """The import statement that starts at `line_number` of `module`: grimp gives only its first
    line, which for `from PySide6 import (` (or a line ending in a backslash) names nothing."""
    code = first_line.split("#")[0].rstrip()
    if not (code.endswith("\\") or ("(" in code and ")" not in code)):
        return first_line
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return first_line
    lines = Path(spec.origin).read_text(encoding="utf-8").splitlines()[line_number - 1 :]
    in_parentheses = "(" in code
    statement = []
    for line in lines:
        code = line.split("#")[0].rstrip()
        statement.append(code.rstrip("\\"))
        if (in_parentheses and ")" in code) or (not in_parentheses and not code.endswith("\\")):
            break
    return " ".join(" ".join(statement).split())


class ForbiddenPartsContract(Contract):
    """Modules of `source_modules` (and their descendants) must not import any of
    `forbidden_parts`, each a dotted part of an outside package."""

    type_name = "forbidden_parts"

    source_modules = fields.ListField(subfield=fields.ModuleExpressionField())
    forbidden_parts = fields.ListField(subfield=fields.StringField())

    def check(self, graph: Any, verbose: bool) -> ContractCheck:
        sources: set[str] = set()
        for module in module_expressions_to_modules(
            graph,
            self.source_modules,  # type: ignore[arg-type]
            raise_if_unmatched=True,
        ):
            sources |= {module.name, *graph.find_descendants(module.name)}
        violations = []
        for part in self.forbidden_parts:  # type: ignore[attr-defined]
            root = part.split(".")[0]
            if root not in graph.modules:
                continue  # nothing imports the outside package at all
            for importer in sorted(sources):
                if not graph.direct_import_exists(importer=importer, imported=root):
                    continue
                for detail in graph.get_import_details(importer=importer, imported=root):
                    statement = whole_statement(
                        importer, detail["line_number"], detail["line_contents"]
                    )
                    if names_part(statement, part):
                        violations.append((part, importer, detail["line_number"], statement))
        return ContractCheck(kept=not violations, warnings=[], metadata={"found": violations})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for part, importer, line_number, statement in check.metadata["found"]:
            output.print_error(
                f"{importer} imports {part} (l.{line_number}: {statement.strip()})", bold=False
            )
            output.new_line()
