"""netdesk.store's public names: each one is the object its module defines, and asking for the
plain ones (what `netdesk --help` and a mail client's `netdesk search` need) imports no
SQLAlchemy."""

from __future__ import annotations

import importlib
import subprocess
import sys

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
