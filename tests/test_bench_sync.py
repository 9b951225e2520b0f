"""benchmarks/bench_sync.py runs: it answers --help, and a tiny run against a real Radicale
prints its table (the figures themselves are for people to read, not asserted here)."""

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
    for option in ("--contacts", "--runs", "--skip-vdirsyncer"):
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
    assert "received 20" in result.stdout
    # The Radicale storage, the vdirsyncer folders and the databases are removed.
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("netdesk-bench-sync-")]
