"""The project's scripts answer --help with what they do, and take it for nothing else."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).parents[1] / "scripts"


@pytest.mark.parametrize(
    "script", ["screenshots.py", "smoke_installed.py", "render_cards.py", "scan_scenes.py"]
)
def test_help_prints_usage_and_writes_nothing(tmp_path: Path, script: str) -> None:
    # Both once took "--help" for their folder: they made ./--help and wrote into it.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, str(SCRIPTS / script), "--help"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Run " in result.stdout or "usage:" in result.stdout
    assert list(tmp_path.iterdir()) == []
