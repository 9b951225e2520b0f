"""The reader of netdesk's output going away (`netdesk export csv - | head -1`): netdesk stops
quietly with 141, as Unix tools stopped by SIGPIPE do, and leaves no message.

Run as real processes whose standard output is a pipe with its reading end already closed:
the first write fails, whatever the timing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import run, write_file

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGPIPE and EPIPE are POSIX")


# Far more than a pipe holds (64 KiB on Linux): the writer is still writing when head leaves.
PEOPLE = 3000


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pipe")
    path = folder / "netdesk.sqlite"
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Number{n}\r\nEMAIL:ada{n}@example.org\r\n"
        "END:VCARD\r\n"
        for n in range(PEOPLE)
    )
    assert run(path, "import", str(write_file(folder, "many.vcf", cards)), "--event", "Salon") == 0
    return path


def _into_closed_pipe(*argv: str) -> subprocess.CompletedProcess[str]:
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "netdesk", *argv],
            stdout=write_end,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            check=False,
            timeout=120,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    "command",
    [
        ["export", "csv", "-"],
        ["export", "vcard", "-"],
        ["export", "ics", "-"],
        ["search", "ada"],
        ["events"],
    ],
    ids=" ".join,
)
def test_a_reader_gone_away_ends_the_run_quietly(database: Path, command: list[str]) -> None:
    done = _into_closed_pipe("--db", str(database), *command)
    assert (done.returncode, done.stderr) == (141, "")


def test_head_takes_the_first_line_and_netdesk_says_nothing(database: Path) -> None:
    # The shell's way: a pipe whose reader stops after one line while netdesk still writes.
    shell = (
        f'"{sys.executable}" -m netdesk --db "{database}" export vcard - '
        '| head -1; echo "status ${PIPESTATUS[0]}" >&2'
    )
    done = subprocess.run(
        ["bash", "-c", shell], capture_output=True, text=True, check=False, timeout=120
    )
    assert (done.stdout, done.stderr) == ("BEGIN:VCARD\n", "status 141\n")
