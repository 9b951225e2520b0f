"""Shared fixtures: a real database file per test (and PostgreSQL when configured), services,
and the offscreen Qt platform."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from sqlalchemy import create_engine, text

from netdesk.db import Database, open_database
from netdesk.services.service_set import Services

PG_URL_VAR = "NETDESK_TEST_PG_URL"


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL for an empty database: a file under tmp_path, or the test PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'netdesk.sqlite'}"
    url = os.environ.get(PG_URL_VAR)
    if not url:
        pytest.skip(f"{PG_URL_VAR} is not set")
    _reset_postgres(url)
    return url


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.close()


@pytest.fixture
def services(db: Database) -> Services:
    return Services(db)


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    """SQLite only: for UI tests and file-level behaviour."""
    database = open_database(f"sqlite:///{tmp_path / 'netdesk.sqlite'}")
    yield database
    database.close()


@pytest.fixture
def sqlite_services(sqlite_db: Database) -> Services:
    return Services(sqlite_db)
