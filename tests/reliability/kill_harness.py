"""Killing the command line (SIGKILL) at a random moment, and what must hold afterwards.

A scenario is a prepared database file and a command to run on it. It is first run to the end
once (the reference: how long it takes, and the database and output it leaves); then each kill
run copies the prepared file, starts the command in a subprocess, kills it after a random delay
between 0 and that duration (or, one kill in four, at a moment the harness sees it writing: its
database write lock held, or its output's temporary file begun), and checks what is left:

- `PRAGMA integrity_check` says ok;
- the database is exactly as before the command (outcome "none") or as the reference left it
  (outcome "all"), timestamps of the moment aside; rows the command does not touch are intact;
- every backup in the database's backups folder is complete and holds the state before;
- the output file is its old content or the reference's new content, never a mixture;
- anything else left in the folder has a name that cannot be taken for the output.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.reliability.write_lock import can_see_locks, holds_write_lock

# Kills per operation; NETDESK_KILLS=N runs N of each instead.
DEFAULT_KILLS = 13
KILLS = int(os.environ.get("NETDESK_KILLS", DEFAULT_KILLS))
# Kill runs at the same time: the commands are CPU-bound, so one per core.
WORKERS = int(os.environ.get("NETDESK_KILL_WORKERS", 2))
# A run that ends before its kill does not count: at most this many runs per kill wanted.
MAX_RUNS_PER_KILL = 3
# One kill in this many is aimed at a moment the command is writing (see run_kills).
AIMED_EVERY = 4
SEED = int(os.environ.get("NETDESK_KILL_SEED", random.SystemRandom().randrange(1_000_000)))

DB_NAME = "netdesk.sqlite"
# Set to the time of the command itself: two runs of the same command differ in these.
VOLATILE_COLUMNS = frozenset({"created_at", "updated_at"})
# What export writes before its rename (".OUT.1a2b3c4d.part"): hidden, and not OUT's suffix.
EXPORT_TEMP = re.compile(r"^\.(?P<out>.+)\.[0-9a-f]{8}\.part$")
BACKUP_PARTIAL = re.compile(r"^\.partial-")
BACKUP_FILE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ-[a-z]+(-[0-9A-Za-z]+)?(_\d+)?\.sqlite$")

Rows = dict[str, list[tuple[Any, ...]]]


def netdesk(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "netdesk", "--db", str(db), *args]


def vcards(count: int, prefix: str) -> str:
    """`count` different people as vCards ("Kim Import7" at import7@kill.example, with a UID
    so that two imports of the file make the same rows), for a file big enough to take time."""
    cards = []
    # Numbers of their own too: a shared one would make people of two files one person.
    first_number = 1_000_000 + zlib.crc32(prefix.encode()) % 8_000 * 1_000
    for i in range(count):
        tel = f"TEL;TYPE=CELL:+49 151 {first_number + i}\r\n" if i % 3 == 0 else ""
        cards.append(
            "BEGIN:VCARD\r\nVERSION:3.0\r\n"
            f"UID:{prefix}-{i}@kill.example\r\n"
            f"N:{prefix.capitalize()}{i};Kim;;;\r\nFN:Kim {prefix.capitalize()}{i}\r\n"
            f"ORG:Killjoy {i % 40} GmbH\r\nTITLE:Engineer\r\n"
            f"EMAIL;TYPE=WORK:{prefix}{i}@kill.example\r\n{tel}"
            f"NOTE:Imported card {i} of a big file\\, to be killed half-way.\r\n"
            "CATEGORIES:killtest\r\nEND:VCARD\r\n"
        )
    return "".join(cards)


# ---- what a database holds ------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """Every row of every table (the search index through its virtual table, not its shadow
    tables), and the schema."""

    schema: frozenset[tuple[str, str, str]]
    columns: dict[str, tuple[str, ...]]
    rows: Rows

    def counts(self) -> dict[str, int]:
        return {table: len(rows) for table, rows in self.rows.items()}

    def stable(self) -> Rows:
        """The rows without the columns that hold the moment they were written."""
        result: Rows = {}
        for table, rows in self.rows.items():
            keep = [i for i, c in enumerate(self.columns[table]) if c not in VOLATILE_COLUMNS]
            result[table] = sorted((tuple(r[i] for i in keep) for r in rows), key=repr)
        return result


def connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    if read_only:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    # Read-write like the app: a WAL left by the killed process is recovered first.
    return sqlite3.connect(path)


def snapshot(path: Path, read_only: bool = False) -> Snapshot:
    conn = connect(path, read_only)
    try:
        master = conn.execute("SELECT type, name, coalesce(sql, '') FROM sqlite_master").fetchall()
        virtual = [n for t, n, sql in master if t == "table" and "VIRTUAL TABLE" in sql.upper()]
        tables = [
            n
            for t, n, _sql in master
            if t == "table" and not any(n.startswith(f"{v}_") for v in virtual)
        ]
        columns: dict[str, tuple[str, ...]] = {}
        rows: Rows = {}
        for table in tables:
            select = "SELECT rowid, *" if table in virtual else "SELECT *"
            cursor = conn.execute(f'{select} FROM "{table}"')
            columns[table] = tuple(d[0] for d in cursor.description)
            rows[table] = sorted(cursor.fetchall(), key=repr)
    finally:
        conn.close()
    return Snapshot(frozenset(master), columns, rows)


def integrity(path: Path, read_only: bool = False) -> list[str]:
    conn = connect(path, read_only)
    try:
        return [r[0] for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def differences(found: Snapshot, expected: Snapshot, limit: int = 3) -> str:
    """A short account of how two snapshots differ, for a failure message."""
    lines = []
    if found.schema != expected.schema:
        extra = sorted(n for _t, n, _s in found.schema - expected.schema)
        missing = sorted(n for _t, n, _s in expected.schema - found.schema)
        lines.append(f"schema: extra {extra}, missing {missing}")
    got, want = found.stable(), expected.stable()
    for table in sorted(set(got) | set(want)):
        a, b = set(got.get(table, [])), set(want.get(table, []))
        if a != b:
            lines.append(
                f"{table}: {len(a)} rows, expected {len(b)}; "
                f"unexpected {sorted(a - b, key=repr)[:limit]}, "
                f"missing {sorted(b - a, key=repr)[:limit]}"
            )
    return "\n".join(lines) or "no difference"


def missing_rows(before: Snapshot, after: Snapshot, skip: Sequence[str] = ()) -> str:
    """Rows of `before` that `after` no longer holds exactly as they were."""
    lines = []
    for table, rows in before.rows.items():
        if table in skip:
            continue
        # A migration may add columns: compare the rows on the columns they had before.
        before_columns = before.columns[table]
        after_columns = after.columns.get(table, before_columns)
        if after_columns != before_columns and set(before_columns) <= set(after_columns):
            keep = [after_columns.index(c) for c in before_columns]
            kept = {tuple(r[i] for i in keep) for r in after.rows.get(table, [])}
        else:
            kept = set(after.rows.get(table, []))
        gone = set(rows) - kept
        if gone:
            lines.append(f"{table}: {len(gone)} rows changed or lost, e.g. {sorted(gone)[:2]}")
    return "\n".join(lines)


# ---- scenarios and runs ---------------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    """A command run on a copy of `database` inside a fresh folder."""

    name: str
    database: Path
    # The command line given the run's folder (which holds DB_NAME).
    argv: Callable[[Path], list[str]]
    # Writes what the run needs beside the database (an old export file).
    prepare: Callable[[Path], object] = lambda _folder: None
    # The output file, relative to the run's folder, when the command writes one.
    output: str | None = None
    # Tables where the command may change or delete rows that existed before.
    changes_rows_of: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reference:
    duration: float
    before: Snapshot
    after: Snapshot
    old_output: bytes | None
    new_output: bytes | None
    # The moments (seconds from its start) it was seen writing (see KillResult.mid_write),
    # and how many times it was looked at.
    writing_at: tuple[float, ...] = ()
    looks: int = 0


@dataclass
class KillResult:
    index: int
    delay: float
    killed: bool  # False: it had finished before its moment came
    outcome: str  # "none" or "all"
    leftovers: list[str] = field(default_factory=list)
    # Seen writing (see _writing) just before the kill.
    mid_write: bool = False


class KillFailure(AssertionError):
    pass


def _fresh_run(scenario: Scenario, folder: Path) -> Path:
    folder.mkdir(parents=True)
    db = folder / DB_NAME
    shutil.copyfile(scenario.database, db)
    scenario.prepare(folder)
    return db


def _start(scenario: Scenario, folder: Path) -> subprocess.Popen[bytes]:
    with (folder / "stdout.log").open("wb") as out, (folder / "stderr.log").open("wb") as err:
        return subprocess.Popen(scenario.argv(folder), stdout=out, stderr=err, cwd=folder)


def reference_run(scenario: Scenario, folder: Path) -> Reference:
    """The command run to its end: its duration and what it leaves."""
    db = _fresh_run(scenario, folder)
    before = snapshot(db)
    output = folder / scenario.output if scenario.output else None
    old_output = output.read_bytes() if output and output.exists() else None
    started = time.monotonic()
    proc = _start(scenario, folder)
    writing: list[float] = []
    looks = 0
    while proc.poll() is None:
        if time.monotonic() - started > 120:
            proc.kill()
            raise AssertionError(f"{scenario.name}: the uninterrupted run took over 120 s")
        looks += 1
        if _writing(proc.pid, folder, scenario):
            writing.append(time.monotonic() - started)
        time.sleep(0.002)
    code = proc.returncode
    duration = time.monotonic() - started
    errors = (folder / "stderr.log").read_text("utf-8", "replace")
    assert code == 0, f"{scenario.name}: the uninterrupted run failed ({code}): {errors}"
    assert integrity(db) == ["ok"]
    return Reference(
        duration,
        before,
        snapshot(db),
        old_output,
        output.read_bytes() if output else None,
        tuple(writing),
        looks,
    )


def kill_run(
    scenario: Scenario,
    reference: Reference,
    folder: Path,
    index: int,
    delay: float,
    aimed: bool = False,
) -> KillResult:
    """Kills the command `delay` seconds after its start or, `aimed`, once it is seen writing
    and `delay` seconds later, at the first moment it is seen writing again."""
    db = _fresh_run(scenario, folder)
    proc = _start(scenario, folder)
    killed, mid_write = _wait(proc, folder, scenario, delay, aimed)
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    when = f"{delay:.3f}s into its write" if aimed else f"after {delay:.3f}s"
    where = f"{scenario.name} kill #{index} {when} (NETDESK_KILL_SEED={SEED})"

    def fail(message: str) -> KillFailure:
        return KillFailure(f"{where}: {message}")

    if not killed and proc.returncode != 0:
        errors = (folder / "stderr.log").read_text("utf-8", "replace")
        raise fail(f"exited {proc.returncode} on its own: {errors}")
    if (problems := integrity(db)) != ["ok"]:
        raise fail(f"integrity_check: {problems[:5]}")
    found = snapshot(db)
    if found.schema == reference.before.schema and found.rows == reference.before.rows:
        outcome = "none"
    elif found.schema == reference.after.schema and found.stable() == reference.after.stable():
        outcome = "all"
    else:
        raise fail(
            "the database holds part of the operation:\n"
            f"against the state before: {differences(found, reference.before)}\n"
            f"against the state after: {differences(found, reference.after)}"
        )
    if lost := missing_rows(
        reference.before, found, (*scenario.changes_rows_of, "alembic_version", "sqlite_sequence")
    ):
        raise fail(f"records that existed before are not intact:\n{lost}")
    leftovers = _check_backups(db, reference.before, fail)
    if scenario.output is not None:
        output = folder / scenario.output
        content = output.read_bytes() if output.exists() else None
        # An export does not change the database: its outcome is that of the file.
        if content == reference.old_output:
            outcome = "none"
        elif content == reference.new_output:
            outcome = "all"
        else:
            size = "missing" if content is None else f"{len(content)} bytes"
            raise fail(f"{scenario.output} is neither its old nor its new content ({size})")
    leftovers += _check_folder(folder, scenario, fail)
    return KillResult(index, delay, killed, outcome, leftovers, mid_write)


# How long an aimed kill waits for the command to begin writing before calling it hung.
AIM_LIMIT_SECONDS = 120


def _wait(
    proc: subprocess.Popen[bytes], folder: Path, scenario: Scenario, delay: float, aimed: bool
) -> tuple[bool, bool]:
    """Whether to kill the command now (not if it ended before its moment came), and whether
    it is writing at this moment."""
    if aimed:
        # A command that hangs without ever writing must fail the test, not hang it.
        give_up = time.monotonic() + AIM_LIMIT_SECONDS
        while proc.poll() is None and not _writing(proc.pid, folder, scenario):
            if time.monotonic() > give_up:
                proc.kill()
                proc.wait()
                raise AssertionError(
                    f"{scenario.name}: the command had not begun writing after "
                    f"{AIM_LIMIT_SECONDS} s"
                )
            time.sleep(0.001)
    try:
        proc.wait(timeout=delay)
        return False, False
    except subprocess.TimeoutExpired:
        pass
    while proc.poll() is None:
        writing = _writing(proc.pid, folder, scenario)
        if writing or not aimed:
            return True, writing
        time.sleep(0.001)
    return False, False


def _writing(pid: int, folder: Path, scenario: Scenario) -> bool:
    """The command is in the middle of its write: its output's temporary file begun and not yet
    renamed into place, or (for a command without output) the database's write lock held."""
    if scenario.output is None:
        return holds_write_lock(pid, folder / DB_NAME)
    name = Path(scenario.output).name
    return any(
        (temp := EXPORT_TEMP.match(path.name)) and temp["out"] == name for path in folder.iterdir()
    )


def _check_backups(db: Path, before: Snapshot, fail: Callable[[str], KillFailure]) -> list[str]:
    """A backup is complete and holds the state before the command; a partial one is named so
    that it cannot be taken for a backup."""
    folder = db.with_name(db.name + ".backups")
    leftovers = []
    for path in sorted(folder.iterdir()) if folder.exists() else []:
        if BACKUP_PARTIAL.match(path.name):
            leftovers.append(f"{folder.name}/{path.name}")
        elif BACKUP_FILE.match(path.name):
            if (problems := integrity(path, read_only=True)) != ["ok"]:
                raise fail(f"the backup {path.name} is damaged: {problems[:3]}")
            copy = snapshot(path, read_only=True)
            if copy.rows != before.rows:
                raise fail(f"the backup {path.name} is incomplete: {differences(copy, before)}")
        elif path.name != "settings.json":
            raise fail(f"unexpected file in the backups folder: {path.name}")
    return leftovers


def _check_folder(
    folder: Path, scenario: Scenario, fail: Callable[[str], KillFailure]
) -> list[str]:
    expected = {DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", f"{DB_NAME}.backups"}
    expected |= {"stdout.log", "stderr.log"}
    leftovers = []
    for path in folder.iterdir():
        if path.name in expected or path.name in _inputs(scenario, folder):
            continue
        temp = EXPORT_TEMP.match(path.name)
        if temp and scenario.output is not None and temp["out"] == Path(scenario.output).name:
            leftovers.append(path.name)
            continue
        if scenario.output is not None and path.name == Path(scenario.output).name:
            continue
        raise fail(f"unexpected file left behind: {path.name}")
    return leftovers


def _inputs(scenario: Scenario, folder: Path) -> set[str]:
    return {Path(a).name for a in scenario.argv(folder) if Path(a).parent == folder}


@dataclass
class Summary:
    scenario: str
    seed: int
    reference_seconds: float
    results: list[KillResult]
    seconds: float
    # The share of the uninterrupted run spent writing (None where that cannot be seen).
    writing_share: float | None = None

    @property
    def kills(self) -> int:
        return sum(r.killed for r in self.results)

    @property
    def mid_write(self) -> int:
        """Kills that landed while the command was writing (see KillResult.mid_write)."""
        return sum(r.killed and r.mid_write for r in self.results)

    def _writing(self) -> str:
        if self.writing_share is None:
            return ""
        return f", {self.writing_share:.0%} of it writing"

    def __str__(self) -> str:
        outcomes = Counter(r.outcome for r in self.results if r.killed)
        finished = sum(not r.killed for r in self.results)
        leftovers = Counter(
            re.sub(r"[0-9a-f]{8,}", "*", name) for r in self.results for name in r.leftovers
        )
        return (
            f"{self.scenario}: {self.kills} kills in {self.seconds:.1f}s "
            f"(uninterrupted run {self.reference_seconds:.2f}s{self._writing()}, "
            f"seed {self.seed}): "
            f"{outcomes['none']} left none of it, {outcomes['all']} all of it; {finished} more "
            f"runs finished before their kill; {self.mid_write} kills landed in the middle "
            f"of writing; left behind: {dict(leftovers) or 'nothing'}"
        )


def run_kills(scenario: Scenario, work: Path, kills: int = KILLS) -> Summary:
    """The reference run, then kill runs (WORKERS at a time) until `kills` of them were really
    killed (a run that finished before its moment is checked too, but not counted); raises
    KillFailure with every failed run's account."""
    started = time.monotonic()
    # Run as many at once as the kill runs will, so that the duration is the one they have.
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        references = list(
            pool.map(lambda i: reference_run(scenario, work / f"reference-{i}"), range(WORKERS))
        )
    reference = max(references, key=lambda r: r.duration)
    # The n-th run always has the n-th delay of the seed, however many runs came before.
    rng = random.Random(f"{SEED}:{scenario.name}")
    delays = [rng.uniform(0.0, reference.duration) for _ in range(MAX_RUNS_PER_KILL * kills)]
    # Every fourth kill (the first included) is aimed: the harness waits until it sees the
    # command writing, then a random part of the first half of the uninterrupted run's writing,
    # and kills it at the first moment it is seen writing from then on. However short the write
    # (and however the start-up time varies), some kills land in it; the others fall anywhere.
    aimed = [bool(reference.writing_at) and i % AIMED_EVERY == 0 for i in range(len(delays))]
    if reference.writing_at:
        span = reference.writing_at[-1] - reference.writing_at[0]
        for i in range(0, len(delays), AIMED_EVERY):
            delays[i] = rng.uniform(0.0, span / 2)
    failures: list[str] = []
    results: list[KillResult] = []

    def one(index: int) -> KillResult | None:
        try:
            folder = work / f"kill-{index}"
            return kill_run(scenario, reference, folder, index, delays[index], aimed[index])
        except KillFailure as exc:
            failures.append(str(exc))
            return None

    runs = 0
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        while not failures and runs < len(delays):
            killed = sum(r.killed for r in results)
            if killed >= kills:
                break
            batch = range(runs, min(runs + kills - killed, len(delays)))
            results += [r for r in pool.map(one, batch) if r is not None]
            runs = batch.stop
    summary = Summary(
        scenario.name,
        SEED,
        reference.duration,
        results,
        time.monotonic() - started,
        len(reference.writing_at) / reference.looks
        if can_see_locks() and reference.looks
        else None,
    )
    if failures:
        raise KillFailure(f"{len(failures)} of {runs} kill runs failed:\n" + "\n\n".join(failures))
    return summary
