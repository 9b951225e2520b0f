"""The reader of standard output going away (`netdesk export csv - | head -1`): netdesk stops
quietly, as `cat` or `grep` do, instead of saying "broken pipe".

Python ignores SIGPIPE, so a write to a closed pipe raises BrokenPipeError. The command line
lets it rise to `main`, which ends the run with 141 (128 + SIGPIPE, the status a shell shows
for a Unix tool the signal stopped) and no message.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys

# 128 + SIGPIPE (13): what `set -o pipefail` scripts see from any Unix tool stopped this way.
BROKEN_PIPE_STATUS = 141


def flush_stdout() -> None:
    """What is still buffered for standard output written now, so that a reader that went
    away is noticed while `main` can still handle it (BrokenPipeError)."""
    # Closed: an export's writer that failed (a full disk) closed it on its way out.
    if sys.stdout is not None and not sys.stdout.closed:
        sys.stdout.flush()


def silence_stdout() -> None:
    """Point standard output's descriptor at the null device, so that the interpreter's own
    flush at exit finds somewhere to put what is left in the buffer (Python's documented way:
    the signal module's "Note on SIGPIPE"). Only the descriptor of this process changes."""
    if sys.stdout is None:
        return
    try:
        fd = sys.stdout.fileno()
    except (OSError, ValueError):  # not a file (captured by a test or a host program)
        return
    # Write-only, no O_CREAT: were the null device missing, nothing is made in its place.
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, fd)
        finally:
            os.close(null)


class WholeWrites(io.RawIOBase):
    """Standard output for a writer when it is unbuffered (PYTHONUNBUFFERED, python -u).

    Its raw file's write may then write only a part of what it is given (a reader that went
    away, a full disk) and tell it only in its return value, which writers do not read: an
    export piped into `head -c 1` said it wrote 5,001 events. This one writes all, or raises.
    The descriptor stays open."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(data).cast("B")
        done = 0
        while done < len(view):
            done += os.write(self._fd, view[done:])
        return done
