"""Which database a run uses: --db, then $NETDESK_DB, then the user data folder."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest
from sqlalchemy.engine import make_url

from netdesk.config import DB_ENV_VAR, database_url, default_database_path
from netdesk.store import open_database, sqlite_path

PG_URL = "postgresql+psycopg://netdesk:pw@db.example.org:5432/netdesk"


def test_db_path_becomes_an_absolute_sqlite_url(tmp_path: Path) -> None:
    path = tmp_path / "work" / "contacts.sqlite"
    url = database_url(str(path), environ={})
    assert url == f"sqlite:///{path}"
    assert sqlite_path(url) == path


def test_relative_db_path_is_resolved_against_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert sqlite_path(database_url("sub/n.sqlite", environ={})) == tmp_path / "sub" / "n.sqlite"


def test_tilde_is_expanded() -> None:
    url = database_url("~/netdesk-test.sqlite", environ={})
    assert sqlite_path(url) == Path("~/netdesk-test.sqlite").expanduser().resolve()
    assert "~" not in url


def test_db_url_is_used_as_given() -> None:
    assert database_url(PG_URL, environ={}) == PG_URL
    assert database_url("sqlite:////srv/shared/netdesk.sqlite", environ={}) == (
        "sqlite:////srv/shared/netdesk.sqlite"
    )


@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_plain_postgres_urls_use_the_psycopg_driver_netdesk_ships(scheme: str) -> None:
    url = database_url(f"{scheme}://netdesk:pw@db.example.org:5432/netdesk", environ={})
    assert url == PG_URL
    assert make_url(url).get_driver_name() == "psycopg"


def test_environment_variable_is_used_without_db(tmp_path: Path) -> None:
    path = tmp_path / "from-env.sqlite"
    assert sqlite_path(database_url(None, environ={DB_ENV_VAR: str(path)})) == path
    assert database_url(None, environ={DB_ENV_VAR: PG_URL}) == PG_URL


def test_db_wins_over_the_environment_variable(tmp_path: Path) -> None:
    chosen = tmp_path / "chosen.sqlite"
    env = {DB_ENV_VAR: str(tmp_path / "ignored.sqlite")}
    assert sqlite_path(database_url(str(chosen), environ=env)) == chosen


@pytest.mark.parametrize("env", [{}, {DB_ENV_VAR: ""}, {DB_ENV_VAR: "   "}])
def test_default_is_in_the_platforms_user_data_folder(env: dict[str, str]) -> None:
    expected = platformdirs.user_data_path("netdesk", appauthor=False) / "netdesk.sqlite"
    url = database_url(None, environ=env)
    assert sqlite_path(url) == expected.resolve()
    assert default_database_path() == expected
    assert expected.is_absolute()


def test_url_from_config_opens_a_database(tmp_path: Path) -> None:
    path = tmp_path / "Dossier partagé" / "netdesk.sqlite"
    db = open_database(database_url(str(path), environ={}))
    db.close()
    assert path.is_file()
