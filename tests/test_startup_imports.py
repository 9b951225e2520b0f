"""The window is on screen before the database layer is even imported (netdesk/app.py): the
modules it needs for that must not pull SQLAlchemy, the services or the file formats in."""

from __future__ import annotations

import os
import subprocess
import sys

HEAVY = ("sqlalchemy", "netdesk.services.service_set", "rapidfuzz", "icalendar", "vobject")


def test_the_main_window_module_imports_nothing_heavy() -> None:
    code = (
        "import sys, netdesk.app, netdesk.ui.main_window; "
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip() == ""
