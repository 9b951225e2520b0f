"""benchmarks/bench_sync.py runs: it answers --help, and a tiny run against a real Radicale and
a real Xandikos prints a table for each (the figures themselves are for people to read, not
asserted here)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).parents[1] / "benchmarks" / "bench_sync.py"


def run_script(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # The script's temporary folders go under tmp_path, and nothing may land in the cwd.
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
        check=False,
    )


def test_help_names_the_options(tmp_path: Path) -> None:
    result = run_script(tmp_path, "--help")
    assert result.returncode == 0, result.stderr
    for option in ("--contacts", "--runs", "--skip-vdirsyncer", "--server"):
        assert option in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_a_tiny_run_prints_every_figure(tmp_path: Path) -> None:
    result = run_script(tmp_path, "--contacts", "20", "--runs", "1", "--skip-vdirsyncer")
    assert result.returncode == 0, result.stdout + result.stderr
    for figure in (
        "netdesk first sync",
        "peak memory",
        "nothing changed: sync call",
        "nothing changed: requests per collection",
    ):
        assert figure in result.stdout
    # Both servers by default, each holding the 20 cards (the script checks the count with
    # netdesk's DavClient) and synced whole.
    assert "Radicale: figure" in result.stdout
    assert "Xandikos: figure" in result.stdout
    assert result.stdout.count("last first sync said: bench: sent 0, received 20") == 2
    # The server storages, the vdirsyncer folders and the databases are removed.
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("netdesk-bench-sync-")]


def test_xandikos_alone_counts_one_request_per_unchanged_sync(tmp_path: Path) -> None:
    result = run_script(
        tmp_path, "--contacts", "5", "--runs", "1", "--server", "xandikos", "--skip-vdirsyncer"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Radicale" not in result.stdout
    assert "Xandikos: 5 cards filled" in result.stdout
    assert "requests Xandikos logged per call: [1, 1, 1, 1, 1]" in result.stdout
