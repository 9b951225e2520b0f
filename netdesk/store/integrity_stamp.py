"""When a database file may skip the whole-file check before a command writes to it.

`PRAGMA quick_check` reads all of the file (a quarter of a second per 200 MB) so that netdesk
never writes into a damaged one. It need not run again while the file is exactly as it was at
its last good check: its fingerprint then is noted, and a check is due again when the file
or its write-ahead log (or a rollback journal) changed in any way since, was replaced by
another file, or when that check is a day old.

"Changed" is what the file system tells of the files: device, inode, size, modification and
status-change times (the latter cannot be set back by a program, unlike the modification time),
and the header of the write-ahead log, whose salt changes each time SQLite starts it afresh.
Any write, by netdesk or another program, changes one of them; so does a restore or a copy
over the file. A crash in the middle of a write leaves the log (or a journal) as it was at the
crash, not as it was at the check: a check is due. A disk that damages the file without
any of them changing is what the day's limit is for, and the window still checks the whole
file each time it opens it (after it is shown).

The fingerprints are kept in the user's cache folder, not beside the database: its folder may
be read-only, and holds the user's files. A lost or unreadable note costs one check.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
import time
from pathlib import Path

import platformdirs

MAX_AGE_SECONDS = 24 * 3600
_KEEP = 64  # databases remembered; the least recently checked go first
_NOTES = "integrity-checks.json"
_MOST_BYTES = 1 << 20  # _KEEP notes take some 20 kB


def notes_path() -> Path:
    return Path(platformdirs.user_cache_dir("netdesk", appauthor=False)) / _NOTES


def fingerprint(path: Path) -> list[object] | None:
    """What changes when the file or its log changes; None when it cannot be told."""
    try:
        path = path.resolve()  # the -wal is beside the file a symbolic link leads to
        st = os.stat(path)
        parts: list[object] = [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]
        for suffix in ("-wal", "-journal"):
            side = path.with_name(path.name + suffix)
            try:
                # A plain open()/close() is safe here, unlike on the database itself
                # (store.first_bytes): SQLite locks the file and the -shm, never these.
                with side.open("rb") as fh:
                    st = os.fstat(fh.fileno())
                    head = fh.read(32).hex() if suffix == "-wal" else ""
                if st.st_size == 0:
                    # An empty log holds nothing, yet every open touches its times; what a
                    # checkpoint wrote out of it changed the file itself, seen above.
                    parts += [st.st_ino, 0]
                    continue
                parts += [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, head]
            except FileNotFoundError:
                parts.append(None)
    except (OSError, RuntimeError):  # RuntimeError: a loop of symbolic links
        return None
    return parts


def _key(path: Path) -> str:
    return str(path.resolve())


def _load() -> dict[str, dict[str, object]]:
    # Read only from a regular file of a sane size: a FIFO or a device put in its place would
    # otherwise hang every command, or fill the memory.
    try:
        fd = os.open(notes_path(), os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return {}
    try:
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                return {}
            data = fh.read(_MOST_BYTES + 1)
        notes = json.loads(data) if len(data) <= _MOST_BYTES else None
    except (OSError, ValueError, RecursionError):  # RecursionError: "[[[[..." nested deep
        return {}
    return notes if isinstance(notes, dict) else {}


def unchanged_since_check(path: Path, seen: list[object]) -> bool:
    """True when `seen` is the fingerprint noted at a good check of `path` under a day ago."""
    note = _load().get(_key(path))
    if not isinstance(note, dict) or note.get("fingerprint") != seen:
        return False
    checked_at = note.get("checked_at")
    return isinstance(checked_at, float) and 0 <= time.time() - checked_at < MAX_AGE_SECONDS


def record(path: Path, seen: list[object]) -> None:
    """Note that the file, as it was when `seen` was taken, passed the whole-file check."""
    notes = _load()
    notes[_key(path)] = {"fingerprint": seen, "checked_at": time.time()}
    _save(dict(sorted(notes.items(), key=_checked_at)[-_KEEP:]))


def forget(path: Path) -> None:
    """The next open checks the whole file again (it was found damaged)."""
    notes = _load()
    if notes.pop(_key(path), None) is not None:
        _save(notes)


def _checked_at(item: tuple[str, object]) -> float:
    note = item[1]
    value = note.get("checked_at") if isinstance(note, dict) else None
    return value if isinstance(value, float) else 0.0


def _save(notes: dict[str, dict[str, object]]) -> None:
    """Written whole under another name and renamed: two netdesks at once lose a note at
    worst, never corrupt the file."""
    target = notes_path()
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
        for stale in target.parent.glob(".integrity-*.tmp"):  # left by a killed netdesk
            if time.time() - stale.stat().st_mtime > 3600:
                stale.unlink()
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".integrity-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(notes, fh)
            os.replace(temp, target)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temp)
