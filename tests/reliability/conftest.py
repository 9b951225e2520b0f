"""One database per fuzz module: thousands of hostile files go into the same one, as they would
into a user's, so that what one leaves behind is part of what the next meets."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from netdesk.services.service_set import Services
from netdesk.store import open_database


@pytest.fixture(scope="module")
def fuzz_services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    folder = tmp_path_factory.mktemp("fuzz")
    db = open_database(f"sqlite:///{folder / 'netdesk.sqlite'}")
    yield Services(db)
    db.close()
