"""Writing a file the user named: never over the open database, never half a file, and into
what the name stands for (a symlink's target, a FIFO, a device), never over it.

Every file netdesk writes where the user says (exports, QR pictures, badge PDFs, reports,
`netdesk backup OUT`) goes through `write_atomically` or at least `refuse_database_path`.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import re
import secrets
import stat
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO, TypeVar

from netdesk.database_files import backups_folder, sidecar_files

T = TypeVar("T")

OPEN_DATABASE = "it is the open database"
IN_BACKUPS = "it is in the open database's backups folder"

# The SQLite files this process has open (a Database adds its file, and removes it on close):
# the window's save dialogs and the command line refuse to write over them without each
# caller having to pass the database along.
_open_databases: list[Path] = []


class OutputRefused(OSError):
    """A path netdesk will not write to: the open database or a file of its own beside it,
    or something that is no file at all (a disk device)."""

    def __init__(self, path: Path | str, why: str) -> None:
        super().__init__(errno.EINVAL, why, str(path))

    def __str__(self) -> str:
        return f"refusing to write to {self.filename}: {self.strerror}"


def protect_database(path: Path) -> None:
    _open_databases.append(path)


def release_database(path: Path) -> None:
    with contextlib.suppress(ValueError):
        _open_databases.remove(path)


# (device, inode) of the deepest part of a path that exists, and the names after it: what a
# path leads to, however it is spelt (relative, "..", symlinks, hard links).
_Key = tuple[tuple[int, int], tuple[str, ...]]


def _key(real: str) -> _Key:
    rest: list[str] = []
    current = real
    while True:
        try:
            info = os.stat(current)
            return (info.st_dev, info.st_ino), tuple(reversed(rest))
        except (FileNotFoundError, NotADirectoryError):
            parent, name = os.path.split(current)
            if parent == current:
                raise
            rest.append(os.path.normcase(name))
            current = parent


def _protected_keys(database: Path) -> tuple[set[_Key], _Key] | None:
    """The keys of the database and its -wal, -shm and -journal files, and of its backups
    folder; None when they cannot be known (a folder that cannot be read)."""
    try:
        files = {_key(os.path.realpath(p)) for p in (database, *sidecar_files(database))}
        return files, _key(os.path.realpath(backups_folder(database)))
    except OSError:
        return None


def database_refusal(path: Path | str, databases: Iterable[Path] | None = None) -> str | None:
    """Why `path` must not be written (OPEN_DATABASE, IN_BACKUPS), or None. `databases`
    defaults to the ones this process has open."""
    real = os.path.realpath(path)
    try:
        try:
            # The kernel's own way first: /dev/stdout and /proc/self/fd/N lead to files whose
            # names readlink cannot give ("pipe:[1234]").
            info = os.stat(path)
            target: _Key = ((info.st_dev, info.st_ino), ())
        except (FileNotFoundError, NotADirectoryError):
            target = _key(real)
        ancestors = [_key(str(p)) for p in Path(real).parents]
    except OSError:
        return None  # writing there will fail with its own, clearer, reason
    for database in list(_open_databases if databases is None else databases):
        keys = _protected_keys(database)
        if keys is None:
            continue
        files, backups = keys
        if target in files:
            return OPEN_DATABASE
        if backups == target or backups in ancestors:
            return IN_BACKUPS
    return None


def refuse_database_path(path: Path | str, databases: Iterable[Path] | None = None) -> None:
    """OutputRefused when `path` leads to the open database (or `databases`), one of its
    sidecar files or its backups folder, whatever the spelling."""
    why = database_refusal(path, databases)
    if why is not None:
        raise OutputRefused(path, why)


def refuse_database_stream(fd: int, shown: str) -> None:
    """OutputRefused when the stream `fd` (standard output sent to a file by the shell) is
    the open database or one of its sidecar files."""
    try:
        info = os.fstat(fd)
    except OSError:
        return
    if not stat.S_ISREG(info.st_mode):
        return
    for database in list(_open_databases):
        keys = _protected_keys(database)
        if keys is not None and ((info.st_dev, info.st_ino), ()) in keys[0]:
            raise OutputRefused(shown, OPEN_DATABASE)


def write_atomically(path: Path, write: Callable[[BinaryIO], T]) -> T:
    """Call `write` with a new file beside what `path` names, and rename it over that only once
    `write` returned and the data is on disk: a crash, a kill or a full disk leaves the file
    that was there before (and at worst a hidden ".NAME.1a2b3c4d.part"), never half of the
    new one. A symlink is written through (its target replaced, the link kept); a FIFO or a
    character device (/dev/null, a terminal) is written into as it is. Never the open
    database (OutputRefused). Any failure removes the partial file and is raised (an OSError:
    see file_error_text)."""
    refuse_database_path(path)
    try:
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "it is a folder", str(path))
        if stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode):
            return _stream_into(Path(path), write)
        if _names_a_descriptor(path):
            # /dev/stdout sent to a file by the shell: added to what the shell opened, as
            # `>>` (or `>`, which emptied it already) means, not a new file in its place.
            return _stream_into(Path(path), write, os.O_APPEND)
        if not stat.S_ISREG(info.st_mode):
            raise OutputRefused(path, "it is a device or socket, not a file")
    # A symlink (dangling too) is replaced at its target, the link kept.
    target = Path(os.path.realpath(path))
    fd, temp = _create_temp(target.parent, target.name, info)
    try:
        with os.fdopen(fd, "wb") as out:
            result = write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _remove_stale_temps(target)
    return result


_DESCRIPTOR = re.compile(r"/(?:proc/(?:self|thread-self|\d+)|dev)/fd/\d+")


def _names_a_descriptor(path: Path | str) -> bool:
    """Whether `path` is, or links to, an open file descriptor (/dev/stdout, /dev/fd/1,
    /proc/self/fd/1)."""
    current = os.path.abspath(path)
    for _hop in range(40):
        if _DESCRIPTOR.fullmatch(current):
            return True
        if not os.path.islink(current):
            return False
        current = os.path.normpath(os.path.join(os.path.dirname(current), os.readlink(current)))
    return False


def _stream_into(target: Path, write: Callable[[BinaryIO], T], flags: int = 0) -> T:
    # Opened as it is: no O_CREAT (were it gone meanwhile, no plain file appears in its place)
    # and nothing to truncate or rename. A FIFO waits here for its reader, as with `>`.
    fd = os.open(target, os.O_WRONLY | flags | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "wb") as out:
        result = write(out)
        out.flush()
    return result


# A partial file this old is left over from a crash or a kill, not one being written now.
_STALE_TEMP_SECONDS = 3600


def _remove_stale_temps(path: Path) -> None:
    """The partial files earlier writes of `path` left when they were killed."""
    pattern = re.compile(rf"\.{re.escape(path.name[:150])}\.[0-9a-f]{{8}}\.part")
    limit = time.time() - _STALE_TEMP_SECONDS
    with contextlib.suppress(OSError):
        for temp in path.parent.glob(f".{glob.escape(path.name[:150])}.*.part"):
            with contextlib.suppress(OSError):
                if pattern.fullmatch(temp.name) and temp.stat().st_mtime < limit:
                    temp.unlink()


def _create_temp(folder: Path, name: str, replaced: os.stat_result | None) -> tuple[int, Path]:
    # Beside the file so that the rename stays on one file system (atomic). A new file gets
    # 0o666 less the umask, as any new file (mkstemp would make it private to the user); a
    # replaced one keeps its permission bits (and owner, where allowed) from the first byte.
    mode = stat.S_IMODE(replaced.st_mode) & 0o777 if replaced is not None else 0o666
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temp = folder / f".{name[:150]}.{secrets.token_hex(4)}.part"
        try:
            fd = os.open(temp, flags, mode)
            break
        except FileExistsError:
            continue
    if replaced is not None:
        with contextlib.suppress(OSError, AttributeError):
            if (replaced.st_uid, replaced.st_gid) != (os.geteuid(), os.getegid()):
                os.fchown(fd, replaced.st_uid, replaced.st_gid)
        with contextlib.suppress(OSError):
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
            else:
                os.chmod(temp, mode)
    return fd, temp
