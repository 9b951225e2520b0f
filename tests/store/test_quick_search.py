"""`netdesk search` on an SQLite file without SQLAlchemy finds what the People table finds."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from netdesk.cli.search import people_found
from netdesk.services.demo import generate_demo
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.store import head_revision, open_database, quick_search

QUERIES = [
    "",
    "a",
    "an",
    "an li",
    "li an",
    "data",
    "python",
    "data sc",
    "sc data",
    "berlin python",
    "müller",
    "Schröder",
    "gmail",
    "+49",
    "030",
    "ext. 12",
    "zzzz",
    "o'brien",
    '"quoted"',
    "100%",
    "50% off",
    "a_b",
    "back\\slash",
    "name:",
    "AND OR NOT",
    "NEAR(",
    "*",
    "ab*",
    "é",
    "ß",
    "x",
    "dr",
    "de van",
    "ann-",
    "_",
    "%",
    "ann _",
    "percy %",
    "b_",
]


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("quick") / "demo.sqlite"
    db = open_database(f"sqlite:///{path}")
    try:
        generate_demo(db, people=400, events=4, seed=11)
        contacts = Services(db).contacts
        for person in (
            ContactInput("Siobhán O'Brien", organization='The "quoted" firm', emails=["a@x.ie"]),
            ContactInput("Percy 100% Sure", organization="50% off", emails=["p@x.org", "q@x.org"]),
            ContactInput("Ann_Bee a_b", note="back\\slash name: AND OR NOT NEAR( ab*"),
            ContactInput("Ann-Marie Dupont", phones=["+49 30 1234 ext. 12"], title="Dr"),
            ContactInput("Jürgen Straße", organization="Müller & Söhne"),
        ):
            contacts.create(person)
    finally:
        db.close()
    return path


@pytest.mark.parametrize("limit", [1, 3, 50, 1000])
def test_the_quick_search_finds_the_people_the_services_find_in_their_order(
    demo_file: Path, limit: int
) -> None:
    db = open_database(f"sqlite:///{demo_file}")
    try:
        search = Services(db).search
        for query in QUERIES:
            quick = quick_search.search(demo_file, query, limit)
            assert quick is not None, query
            expected = [row.id for row in search.page(query, limit=limit)]
            assert [p.id for p in quick] == expected, query
            if limit == 50:
                assert quick == people_found(db, query, limit), query
    finally:
        db.close()


def test_the_queries_find_people_at_all(demo_file: Path) -> None:
    """The comparison above means something: most queries find someone, a few nobody."""
    found = {q: len(quick_search.search(demo_file, q, 50) or []) for q in QUERIES}
    assert found["zzzz"] == 0
    assert sum(1 for n in found.values() if n) >= 25, found
    assert [p.name for p in quick_search.search(demo_file, "percy", 5) or []] == ["Percy 100% Sure"]
    [percy] = quick_search.search(demo_file, "50% off", 5) or []
    assert percy.emails == ["p@x.org", "q@x.org"]
    [ann] = quick_search.search(demo_file, "ann-marie", 5) or []
    assert ann.phones == ["+49 30 1234 ext. 12"] and ann.title == "Dr"


def test_only_a_current_netdesk_file_is_searched_the_quick_way(tmp_path: Path) -> None:
    missing = tmp_path / "missing.sqlite"
    assert quick_search.search(missing, "ada", 5) is None
    assert not missing.exists()
    text = tmp_path / "notes.txt"
    text.write_text("shopping list\n")
    assert quick_search.search(text, "ada", 5) is None
    path = tmp_path / "netdesk.sqlite"
    db = open_database(f"sqlite:///{path}")
    Services(db).contacts.create(ContactInput("Ada Lovelace"))
    db.close()
    assert [p.name for p in quick_search.search(path, "ada", 5) or []] == ["Ada Lovelace"]
    assert quick_search.head_revision() == head_revision()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '0005'")
    conn.commit()
    conn.close()
    assert quick_search.search(path, "ada", 5) is None  # the normal way upgrades it first
    journal = path.with_name(path.name + "-journal")
    journal.write_bytes(b"")
    assert quick_search.search(path, "ada", 5) is None
    assert quick_search.sqlite_file("postgresql+psycopg://u@h/db") is None
    assert quick_search.sqlite_file(f"sqlite:///{path}") == path


def test_the_quick_search_leaves_the_file_as_it_was(demo_file: Path) -> None:
    before = demo_file.read_bytes(), demo_file.stat().st_mtime_ns
    siblings = sorted(p.name for p in demo_file.parent.iterdir())
    assert quick_search.search(demo_file, "data", 50)
    assert (demo_file.read_bytes(), demo_file.stat().st_mtime_ns) == before
    assert sorted(p.name for p in demo_file.parent.iterdir()) == siblings


def test_netdesk_search_imports_neither_sqlalchemy_nor_the_models(demo_file: Path) -> None:
    code = (
        "import sys; from netdesk.cli.main import main; "
        f"status = main(['--db', {str(demo_file)!r}, 'search', 'data', '--format', 'mutt']); "
        "print(status, [m for m in ('sqlalchemy', 'netdesk.models') if m in sys.modules])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ)
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "0 []"
    assert done.stdout.startswith("netdesk: ")


def test_a_log_left_by_a_killed_netdesk_is_read_but_not_folded_into_the_file(
    tmp_path: Path,
) -> None:
    """Folding the log into the file is a write: the normal way does it after its check."""
    path = tmp_path / "netdesk.sqlite"
    open_database(f"sqlite:///{path}").close()
    db = open_database(f"sqlite:///{path}")
    try:
        Services(db).contacts.create(ContactInput("Grace Hopper"))
        crashed = tmp_path / "crashed"
        crashed.mkdir()
        for name in ("netdesk.sqlite", "netdesk.sqlite-wal", "netdesk.sqlite-shm"):
            (crashed / name).write_bytes((tmp_path / name).read_bytes())
    finally:
        db.close()
    left = crashed / "netdesk.sqlite"
    before = {p.name: p.read_bytes() for p in crashed.iterdir()}
    assert [p.name for p in quick_search.search(left, "grace", 5) or []] == ["Grace Hopper"]
    assert {p.name: p.read_bytes() for p in crashed.iterdir()}.keys() == before.keys()
    assert left.read_bytes() == before["netdesk.sqlite"]
    assert (crashed / "netdesk.sqlite-wal").read_bytes() == before["netdesk.sqlite-wal"]


def test_a_search_beside_an_open_window_sees_its_latest_writes(tmp_path: Path) -> None:
    path = tmp_path / "netdesk.sqlite"
    db = open_database(f"sqlite:///{path}")
    try:
        contacts = Services(db).contacts
        contacts.create(ContactInput("Grace Hopper"))
        assert [p.name for p in quick_search.search(path, "grace", 5) or []] == ["Grace Hopper"]
        contacts.create(ContactInput("Grace Murray"))
        found = quick_search.search(path, "grace", 5) or []
        assert [p.name for p in found] == ["Grace Hopper", "Grace Murray"]
    finally:
        db.close()
    assert not [p for p in tmp_path.iterdir() if p.name != path.name]


def test_a_log_beside_the_file_a_link_leads_to_is_not_folded_into_it(tmp_path: Path) -> None:
    """SQLite keeps the -wal beside the file a symbolic link leads to, not beside the link."""
    real = tmp_path / "real"
    real.mkdir()
    path = real / "netdesk.sqlite"
    open_database(f"sqlite:///{path}").close()
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
            "c.execute('PRAGMA wal_autocheckpoint = 0');"
            'c.execute("UPDATE alembic_version SET version_num = version_num");'
            "c.commit(); os._exit(0)",  # killed: the commit stays in the log
            str(path),
        ],
        check=False,
    )
    assert done.returncode == 0
    link = tmp_path / "link.sqlite"
    link.symlink_to(path)
    before = {p.name: p.read_bytes() for p in real.iterdir()}
    assert "netdesk.sqlite-wal" in before
    assert quick_search.search(link, "grace", 5) == []
    assert {p.name: p.read_bytes() for p in real.iterdir() if p.name != "netdesk.sqlite-shm"} == {
        name: data for name, data in before.items() if name != "netdesk.sqlite-shm"
    }


@pytest.mark.parametrize("read_only", ["file", "folder"])
def test_a_file_we_may_not_write_is_searched_and_nothing_is_left_beside_it(
    tmp_path: Path, read_only: str
) -> None:
    """A read-only connection to a file without a log leaves a -wal and -shm behind (in a
    folder we may not write, it cannot open at all): such a file is read as it is."""
    from tests.cli.helpers import make_salon_database, unprivileged

    folder = tmp_path / "shared"
    folder.mkdir()
    path = make_salon_database(folder / "netdesk.sqlite")
    path.chmod(0o444)
    if read_only == "folder":
        path.chmod(0o644)
        folder.chmod(0o555)
    try:
        probe = tmp_path / "probe"
        probe.touch(0o444)
        prefix = unprivileged(probe)
        done = subprocess.run(
            [*prefix, sys.executable, "-m", "netdesk", "--db", str(path), "search", "ada"],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert (done.returncode, done.stderr) == (0, "")
        assert done.stdout.startswith("Ada Lovelace\t")
        assert sorted(p.name for p in folder.iterdir()) == ["netdesk.sqlite"]
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)
