"""netdesk.store's public names: each one is the object its module defines, and asking for the
plain ones (what `netdesk --help` and a mail client's `netdesk search` need) imports no
SQLAlchemy."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import netdesk.store


def test_every_public_name_is_listed_and_is_its_modules_own() -> None:
    homes = netdesk.store._HOMES
    assert sorted(netdesk.store.__all__) == sorted(homes)
    for name, home in homes.items():
        module = importlib.import_module(f"netdesk.store.{home}")
        assert getattr(netdesk.store, name) is getattr(module, name), name


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        netdesk.store.no_such_name  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:
        raise AssertionError("netdesk.store.no_such_name resolved")


def test_the_plain_names_import_no_sqlalchemy() -> None:
    code = (
        "import sys\n"
        "from netdesk.store import FoundPerson, SQLITE_MAGIC, file_of_url, quick_search\n"
        "import netdesk.output_files\n"
        "print(','.join(m for m in ('sqlalchemy', 'netdesk.models') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_the_imports_for_type_checkers_are_the_public_names() -> None:
    # What mypy sees (the imports under TYPE_CHECKING) and what Python finds (_HOMES) are the
    # same names from the same modules.
    tree = ast.parse(Path(netdesk.store.__file__).read_text(encoding="utf-8"))
    block = next(node for node in tree.body if isinstance(node, ast.If))
    imported = {
        alias.asname or alias.name: (statement.module or "").removeprefix("netdesk.store.")
        for statement in block.body
        if isinstance(statement, ast.ImportFrom)
        for alias in statement.names
    }
    assert imported == netdesk.store._HOMES
