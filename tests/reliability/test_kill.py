"""SIGKILL the command line at random moments of an import, a merge, a migration, an export and
a restore.

NETDESK_KILLS=N runs N kills of each (default 13, 65 in all); NETDESK_KILL_SEED=S repeats the
delays of a failed run (each failure names its seed and delay). See kill_harness.py for what
is checked after every kill.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from netdesk.services.demo import generate_demo
from netdesk.services.import_plan import OnDuplicate
from netdesk.services.service_set import Services
from netdesk.store import (
    alembic_config,
    head_revision,
    make_engine,
    open_database,
)
from netdesk.store.schema import schema_transaction
from tests.reliability.kill_harness import (
    DB_NAME,
    KILLS,
    KillFailure,
    Scenario,
    Summary,
    kill_run,
    netdesk,
    reference_run,
    run_kills,
    vcards,
)

if sys.platform == "win32":
    pytest.skip("SIGKILL is POSIX", allow_module_level=True)

PEOPLE = 3000
IMPORTED = 2000
TWINS = 200


def _close_cleanly(path: Path) -> None:
    """Everything in the main file, no -wal beside it, so that a plain copy is the database."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


@pytest.fixture(scope="session")
def kill_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The prepared databases and the file to import, built once per test session."""
    folder = tmp_path_factory.mktemp("kill-files")
    base = folder / "base.sqlite"
    db = open_database(f"sqlite:///{base}")
    try:
        generate_demo(db, people=PEOPLE, events=6, seed=20261126)
    finally:
        db.close()
    _close_cleanly(base)

    twins_file = folder / "twins.vcf"
    # Every card twice: the same person (same email) to merge back into one.
    twins_file.write_text(vcards(TWINS, "twin") + vcards(TWINS, "twin"), "utf-8")
    with_twins = folder / "twins.sqlite"
    shutil.copyfile(base, with_twins)
    db = open_database(f"sqlite:///{with_twins}")
    try:
        Services(db).imports.import_file(twins_file, on_duplicate=OnDuplicate.NEW)
    finally:
        db.close()
    _close_cleanly(with_twins)

    older = folder / "older.sqlite"
    shutil.copyfile(base, older)
    engine = make_engine(f"sqlite:///{older}")
    try:
        from alembic import command

        with schema_transaction(engine) as conn:
            config = alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, "-1")
    finally:
        engine.dispose()
    _close_cleanly(older)

    cards = folder / "import.vcf"
    cards.write_text(vcards(IMPORTED, "import"), "utf-8")
    return {"base": base, "twins": with_twins, "older": older, "cards": cards}


def _check(summary: Summary, kills: int = KILLS) -> None:
    # Shown with -s, and in the report of a failing run.
    print(f"\n{summary}")
    assert summary.kills >= kills
    # Kills before the first write or after the last prove nothing about the write itself.
    if summary.writing_share is not None:
        assert summary.mid_write >= 1, "no kill landed in the middle of the write"


def test_kill_during_a_large_import(kill_files: dict[str, Path], tmp_path: Path) -> None:
    cards = kill_files["cards"]
    scenario = Scenario(
        "import",
        kill_files["base"],
        lambda folder: netdesk(folder / DB_NAME, "import", str(cards)),
    )
    summary = run_kills(scenario, tmp_path)
    _check(summary)


def test_kill_during_a_merge_of_every_duplicate(
    kill_files: dict[str, Path], tmp_path: Path
) -> None:
    scenario = Scenario(
        "merge",
        kill_files["twins"],
        lambda folder: netdesk(folder / DB_NAME, "duplicates", "--merge"),
        # A merge changes the kept contacts and deletes the others, by design: checked
        # against the uninterrupted merge instead.
        changes_rows_of=(
            "contacts",
            "contact_emails",
            "contact_phones",
            "contact_urls",
            "contact_addresses",
            "contact_extra_properties",
            "contact_card_images",
            "contact_tags",
            "attendances",
            "notes",
            "followups",
            "contact_search",
        ),
    )
    summary = run_kills(scenario, tmp_path)
    _check(summary)


def test_kill_during_a_migration(kill_files: dict[str, Path], tmp_path: Path) -> None:
    conn = sqlite3.connect(kill_files["older"])
    try:
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        conn.close()
    assert revision < head_revision()
    scenario = Scenario(
        "migration",
        kill_files["older"],
        # Any command opens the database, and opening it upgrades it (after a backup); a
        # search that finds nobody would exit 1.
        lambda folder: netdesk(folder / DB_NAME, "search", "", "--limit", "1"),
    )
    summary = run_kills(scenario, tmp_path)
    _check(summary)


def test_kill_during_a_restore(kill_files: dict[str, Path], tmp_path: Path) -> None:
    """Restoring replaces every row: afterwards the database is the one it was or the backup,
    and the backup of the replaced state, if there is one yet, is complete."""
    backup = tmp_path / "a-backup.sqlite"
    shutil.copyfile(kill_files["twins"], backup)
    scenario = Scenario(
        "restore",
        kill_files["base"],
        lambda folder: netdesk(folder / DB_NAME, "restore", str(backup), "--yes"),
    )
    summary = run_kills(scenario, tmp_path / "runs")
    _check(summary)


@pytest.mark.parametrize("kind", ["vcard", "csv"])
def test_kill_during_an_export_over_an_older_file(
    kill_files: dict[str, Path], tmp_path: Path, kind: str
) -> None:
    out = "people.vcf" if kind == "vcard" else "people.csv"

    def older_export(folder: Path) -> None:
        (folder / out).write_bytes(b"an older export, complete in its own way\n" * 50)

    scenario = Scenario(
        f"export {kind}",
        kill_files["base"],
        lambda folder: netdesk(folder / DB_NAME, "export", kind, str(folder / out)),
        prepare=older_export,
        output=out,
    )
    # The 13 (or NETDESK_KILLS) export kills shared between the two formats.
    kills = (KILLS + 1) // 2 if kind == "vcard" else KILLS // 2
    summary = run_kills(scenario, tmp_path, kills)
    _check(summary, kills)


# A command that does what netdesk must not: it commits row by row, or overwrites its output
# in place. Killed half-way, the harness must say so.
_CARELESS = """
import sqlite3, sys, time
from pathlib import Path
folder, checked = Path(sys.argv[1]), sys.argv[2]
conn = sqlite3.connect(folder / "netdesk.sqlite", isolation_level=None)
conn.execute("PRAGMA synchronous=OFF")
with open(folder / ("people.vcf" if checked == "output" else "other.txt"), "wb") as out:
    for i in range(30):
        if checked == "database":
            conn.execute("INSERT INTO t VALUES (?)", (i,))
        out.write(b"BEGIN:VCARD ... END:VCARD\\n")
        out.flush()
        time.sleep(0.01)
"""


@pytest.mark.parametrize(
    ("checked", "complaint"),
    [("database", "holds part of the operation"), ("output", "neither its old nor its new")],
)
def test_the_harness_catches_a_half_done_change(
    tmp_path: Path, checked: str, complaint: str
) -> None:
    database = tmp_path / "careless.sqlite"
    conn = sqlite3.connect(database)
    conn.execute("CREATE TABLE t (n INTEGER)")
    conn.commit()
    conn.close()
    scenario = Scenario(
        "careless",
        database,
        lambda folder: [sys.executable, "-c", _CARELESS, str(folder), checked],
        prepare=lambda folder: (folder / "people.vcf").write_bytes(b"old\n"),
        output="people.vcf" if checked == "output" else "other.txt",
    )
    reference = reference_run(scenario, tmp_path / "reference")
    with pytest.raises(KillFailure, match=complaint):
        kill_run(scenario, reference, tmp_path / "kill", 0, reference.duration * 0.6)
