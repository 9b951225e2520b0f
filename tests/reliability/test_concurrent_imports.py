"""Two `netdesk import` processes at once on one database, on SQLite and on a real PostgreSQL
server: both succeed, and the database ends exactly as if they had run one after the other.

On PostgreSQL both run at the same time: a new tag both files carry, people both add, search
index rows both rewrite, are races the loser must survive (ON CONFLICT, or the whole import
planned and run again). On SQLite the second waits for the first's write lock (a minute at
most; a big import holds it for seconds).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from netdesk.store import open_database, sqlite_path
from netdesk.store.search_index import TABLE
from tests.conftest import _reset_postgres

PEOPLE = 2000
SHARED_TAG = "Shared New Tag"
WAITING = (
    "netdesk: another netdesk is writing to the database; waiting for it to finish "
    "(Ctrl+C to give up)\n"
)


def people(prefix: str, numbers: range, *, extra: bool = False) -> str:
    """vCards of different people (own UID, email, phone), all with the same new tag; with
    `extra`, a second email and a tag more, for a merge to add."""
    cards = []
    for i in numbers:
        more = f"EMAIL;TYPE=HOME:{prefix}{i}@home.example\r\n" if extra else ""
        tags = f"{SHARED_TAG},Merged Later" if extra else SHARED_TAG
        cards.append(
            "BEGIN:VCARD\r\nVERSION:3.0\r\n"
            f"UID:{prefix}-{i}@race.example\r\n"
            f"N:{prefix.capitalize()}{i};Kim;;;\r\nFN:Kim {prefix.capitalize()}{i}\r\n"
            f"ORG:Racers {i % 30} AG\r\nEMAIL;TYPE=WORK:{prefix}{i}@race.example\r\n{more}"
            f"TEL;TYPE=CELL:+49 151 {2_000_000 + i}{len(prefix)}\r\n"
            f"CATEGORIES:{tags}\r\nEND:VCARD\r\n"
        )
    return "".join(cards)


def write(folder: Path, name: str, content: str) -> Path:
    path = folder / name
    path.write_text(content, "utf-8")
    return path


def fresh(url: str) -> None:
    """An empty netdesk database at `url`, schema made."""
    path = sqlite_path(url)
    if path is None:
        _reset_postgres(url)
    else:
        for old in path.parent.glob(f"{path.name}*"):  # with its -wal file and backups
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    open_database(url).close()


def command(url: str, path: Path) -> list[str]:
    return [sys.executable, "-m", "netdesk", "--db", url, "import", str(path)]


def import_alone(url: str, path: Path) -> str:
    done = subprocess.run(command(url, path), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def import_at_once(url: str, files: list[Path]) -> tuple[list[str], float]:
    """Both commands started together; their summaries, and how long the pair took. Both
    must succeed at the first try: on SQLite the second waits for the first's write lock (and
    says so once it has waited 5 s, which a loaded machine may pass)."""
    started = time.monotonic()
    procs = [
        subprocess.Popen(command(url, f), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for f in files
    ]
    done = [(p, *p.communicate(timeout=300)) for p in procs]
    took = time.monotonic() - started
    summaries = []
    for proc, out, err in done:
        if url.startswith("sqlite"):
            err = err.replace(WAITING, "")
        # Not a word from the driver, no traceback, no retry chatter: nothing at all.
        assert err == "", err
        assert proc.returncode == 0, err
        summaries.append(out.strip())
    return summaries, took


def contents(url: str) -> dict[str, Any]:
    """Everything the imports wrote, by UID rather than by id (ids depend on who went first)."""
    key = "rowid" if url.startswith("sqlite") else "contact_id"
    queries = {
        "contacts": "SELECT uid, formatted_name, organization FROM contacts",
        "emails": "SELECT c.uid, e.value FROM contact_emails e JOIN contacts c"
        " ON c.id = e.contact_id",
        "phones": "SELECT c.uid, p.value FROM contact_phones p JOIN contacts c"
        " ON c.id = p.contact_id",
        "tags": "SELECT name, key FROM tags",
        "contact_tags": "SELECT c.uid, t.name FROM contact_tags ct"
        " JOIN contacts c ON c.id = ct.contact_id JOIN tags t ON t.id = ct.tag_id",
        "index": f"SELECT c.uid, s.name, s.body FROM {TABLE} s JOIN contacts c ON c.id = s.{key}",
        "index rows": f"SELECT count(*) FROM {TABLE}",
    }
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                name: sorted(tuple(row) for row in conn.execute(text(sql)))
                for name, sql in queries.items()
            }
    finally:
        engine.dispose()


def counts(state: dict[str, Any]) -> dict[str, int]:
    return {name: len(rows) for name, rows in state.items() if name != "index rows"} | {
        "index rows": state["index rows"][0][0]
    }


def test_two_imports_of_different_people_sharing_a_new_tag_both_go_in(
    db_url: str, tmp_path: Path
) -> None:
    files = [
        write(tmp_path, "first.vcf", people("first", range(PEOPLE))),
        write(tmp_path, "second.vcf", people("second", range(PEOPLE))),
    ]
    fresh(db_url)
    for path in files:
        import_alone(db_url, path)
    one_after_the_other = contents(db_url)

    fresh(db_url)
    summaries, took = import_at_once(db_url, files)

    assert summaries == [f"{path}: {PEOPLE} added" for path in files]
    state = contents(db_url)
    assert counts(state) == {
        "contacts": 2 * PEOPLE,
        "emails": 2 * PEOPLE,
        "phones": 2 * PEOPLE,
        "tags": 1,
        "contact_tags": 2 * PEOPLE,
        "index": 2 * PEOPLE,
        "index rows": 2 * PEOPLE,
    }
    assert state == one_after_the_other
    print(f"\n{db_url.split(':')[0]}: two imports of {PEOPLE} at once took {took:.1f} s")


def test_two_merges_of_the_same_file_at_once_end_as_one_after_the_other(
    db_url: str, tmp_path: Path
) -> None:
    """Half of the file's people are in already (merges, each adding an email and a tag), the
    other half are new (the first adds them, the second merges into them)."""
    known = write(tmp_path, "known.vcf", people("same", range(PEOPLE // 2)))
    merged = write(tmp_path, "merged.vcf", people("same", range(PEOPLE), extra=True))
    fresh(db_url)
    import_alone(db_url, known)
    first = import_alone(db_url, merged)
    second = import_alone(db_url, merged)
    one_after_the_other = contents(db_url)

    fresh(db_url)
    import_alone(db_url, known)
    summaries, took = import_at_once(db_url, [merged, merged])

    half = PEOPLE // 2
    assert first == f"{merged}: {half} added, {half} merged"
    assert second == f"{merged}: {PEOPLE} merged"
    assert sorted(summaries) == sorted([first, second])
    state = contents(db_url)
    assert counts(state) == {
        "contacts": PEOPLE,
        "emails": 2 * PEOPLE,
        "phones": PEOPLE,
        "tags": 2,
        "contact_tags": 2 * PEOPLE,
        "index": PEOPLE,
        "index rows": PEOPLE,
    }
    assert state == one_after_the_other
    print(f"\n{db_url.split(':')[0]}: two merges of {PEOPLE} at once took {took:.1f} s")


def test_two_big_imports_at_once_on_one_sqlite_file_both_go_in(tmp_path: Path) -> None:
    """3,000 people each: the first holds SQLite's write lock for several seconds (more than
    the 5 s a write used to wait on a loaded machine), the second waits and then goes in."""
    url = f"sqlite:///{tmp_path / 'netdesk.sqlite'}"
    big = 3000
    files = [
        write(tmp_path, "first.vcf", people("first", range(big))),
        write(tmp_path, "second.vcf", people("second", range(big))),
    ]
    fresh(url)

    summaries, took = import_at_once(url, files)

    assert summaries == [f"{path}: {big} added" for path in files]
    assert counts(contents(url))["contacts"] == 2 * big
    print(f"\nsqlite: two imports of {big} at once took {took:.1f} s")
