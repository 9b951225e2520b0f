"""Errors of the database itself, provoked for real on SQLite and PostgreSQL, come out of the
command line as plain words: never a traceback, the driver's own text or SQLAlchemy's links.

The refused changes come from triggers the tests add to their own database, which make every
new contact break a real constraint (NOT NULL, UNIQUE, FOREIGN KEY) in the same transaction.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from netdesk.cli.main import main
from netdesk.store import open_database, sqlite_path
from tests.conftest import PG_URL_VAR

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.org\r\nEND:VCARD\r\n"

# What each trigger does after a contact is added, and the words the user must read.
BREAKS = {
    "not_null": (
        "INSERT INTO tags (name, key) VALUES (NULL, 'never')",
        "a required value was missing",
    ),
    "unique": ("INSERT INTO tags (name, key) VALUES ('Taken', 'taken')", "another tag already has"),
    "foreign_key": (
        "INSERT INTO contact_tags (contact_id, tag_id) VALUES (NEW.id, 987654)",
        "refers to a record that no longer exists",
    ),
}


def netdesk(url: str, *args: str) -> int:
    return main(["--db", url, *args])


def assert_plain_words(err: str, *words: str) -> None:
    assert err.startswith("netdesk: "), err
    assert len(err.strip().splitlines()) == 1, err
    # The address the user gave may be named; nothing the driver said may be.
    said = err.replace("postgresql+psycopg://", "postgresql://")
    for leak in ("Traceback", "sqlalche.me", "psycopg", "constraint", "FATAL", "[SQL", "DETAIL"):
        assert leak not in said, err
    for word in words:
        assert word in err, err


def break_every_new_contact(url: str, statement: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO tags (name, key) VALUES ('Taken', 'taken')"))
            if sqlite_path(url) is not None:
                conn.execute(
                    text(f"CREATE TRIGGER breaks AFTER INSERT ON contacts BEGIN {statement}; END")
                )
            else:
                conn.execute(
                    text(
                        "CREATE FUNCTION breaks() RETURNS trigger AS $$ BEGIN "
                        f"{statement}; RETURN NEW; END $$ LANGUAGE plpgsql"
                    )
                )
                conn.execute(
                    text(
                        "CREATE TRIGGER breaks AFTER INSERT ON contacts "
                        "FOR EACH ROW EXECUTE FUNCTION breaks()"
                    )
                )
    finally:
        engine.dispose()


@pytest.mark.parametrize("kind", sorted(BREAKS))
def test_a_change_the_database_refuses_is_told_in_words(
    db_url: str, tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    open_database(db_url).close()
    statement, words = BREAKS[kind]
    break_every_new_contact(db_url, statement)
    card = tmp_path / "ada.vcf"
    card.write_text(CARD, "utf-8")

    code = netdesk(db_url, "import", str(card))

    err = capsys.readouterr().err
    assert code == 1
    assert_plain_words(err, words, "nothing was saved")
    assert netdesk(db_url, "search", "ada") == 1  # nobody: grep's "no match"
    assert capsys.readouterr() == ("", "netdesk: no match\n")


def pg_url() -> str:
    url = os.environ.get(PG_URL_VAR)
    if not url:
        pytest.skip(f"{PG_URL_VAR} is not set")
    return url


@pytest.mark.postgres
def test_a_wrong_password_is_told_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    url = make_url(pg_url()).set(password="not-the-password")

    code = netdesk(url.render_as_string(hide_password=False), "search", "ada")

    assert code == 1
    err = capsys.readouterr().err
    assert_plain_words(err, "refused the user name or password")
    assert "not-the-password" not in err


@pytest.mark.postgres
def test_a_server_that_does_not_answer_is_told_in_words(
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = make_url(pg_url()).set(port=1)

    code = netdesk(url.render_as_string(hide_password=False), "search", "ada")

    assert code == 1
    assert_plain_words(capsys.readouterr().err, "no database server answers")


@pytest.mark.postgres
def test_a_read_only_server_is_told_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = pg_url()
    from tests.conftest import _reset_postgres

    _reset_postgres(url)
    open_database(url).close()
    # Every transaction of this netdesk process read-only, as on a standby server.
    read_only = make_url(url).update_query_dict({"options": "-c default_transaction_read_only=on"})
    card = tmp_path / "ada.vcf"
    card.write_text(CARD, "utf-8")

    code = netdesk(read_only.render_as_string(hide_password=False), "import", str(card))

    assert code == 1
    assert_plain_words(capsys.readouterr().err, "read-only", "nothing was saved")


@pytest.mark.parametrize(
    "url", ["bogus://host:port/x", "postgresql+nosuch://ada@localhost/x", "mysql://ada@localhost/x"]
)
def test_an_address_netdesk_cannot_use_is_told_in_words(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert netdesk(url, "search", "ada") == 1
    assert_plain_words(capsys.readouterr().err, "Cannot open")


@pytest.mark.postgres
def test_a_connection_the_server_ends_is_told_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = pg_url()
    from tests.conftest import _reset_postgres

    _reset_postgres(url)
    open_database(url).close()
    # The server ends the importing connection in the middle of its transaction.
    break_every_new_contact(url, "PERFORM pg_terminate_backend(pg_backend_pid())")
    card = tmp_path / "ada.vcf"
    card.write_text(CARD, "utf-8")

    assert netdesk(url, "import", str(card)) == 1

    assert_plain_words(capsys.readouterr().err, "ended the connection", "nothing was saved")
