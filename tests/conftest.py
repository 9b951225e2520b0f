"""Shared fixtures: a real database file per test (and PostgreSQL when configured), services,
and the offscreen Qt platform."""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# One language and one time zone for every run, set before Qt or anything else reads them: the
# tests that want German or Berlin time set it themselves and put it back.
os.environ["LANG"] = os.environ["LC_ALL"] = "C.UTF-8"
os.environ.pop("LANGUAGE", None)
os.environ["TZ"] = "UTC"
# No system keyring in tests, whatever the machine has: a sync account's password must never
# land in the tester's own keyring. The tests that keep passwords set a keyring file of their
# own (the fixture file_keyring).
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

import pytest
from sqlalchemy import create_engine, text

from netdesk import clock
from netdesk.services.service_set import Services
from netdesk.store import Database, open_database

time.tzset()  # the C library's time zone follows TZ only when told

if sys.platform != "win32":
    import resource

    # store.first_bytes keeps a descriptor open on each database whose header it read, for
    # the life of the process (closing it would drop SQLite's locks): a whole run reads more
    # databases than the 1024 descriptors some systems allow by default.
    _soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    _wanted = 16384 if _hard == resource.RLIM_INFINITY else min(_hard, 16384)
    if _soft != resource.RLIM_INFINITY and _soft < _wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (_wanted, _hard))

# tests/ui/test_one_test_to_the_next.py runs four tests in a pytest of their own, in a given order.
# tests/sync/fixtures.py: real CardDAV/CalDAV servers (radicale_server, xandikos_server,
# dav_server) for any folder.
pytest_plugins = ("pytester", "tests.sync.fixtures")

PG_URL_VAR = "NETDESK_TEST_PG_URL"


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL for an empty database: a file under tmp_path, or the test PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'netdesk.sqlite'}"
    url = os.environ.get(PG_URL_VAR)
    if not url:
        pytest.skip(f"{PG_URL_VAR} is not set")
    _reset_postgres(url)
    return url


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.close()


@pytest.fixture
def services(db: Database) -> Services:
    return Services(db)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's SQLite database file goes (for tests that open it themselves)."""
    return tmp_path / "netdesk.sqlite"


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    """SQLite only: for UI tests and file-level behaviour."""
    database = open_database(f"sqlite:///{tmp_path / 'netdesk.sqlite'}")
    yield database
    database.close()


@pytest.fixture
def sqlite_services(sqlite_db: Database) -> Services:
    return Services(sqlite_db)


@pytest.fixture
def database_at(tmp_path: Path) -> Iterator[Callable[[str], Services]]:
    """Opens SQLite databases by name under tmp_path (a round trip's first and second), all
    closed at the end of the test."""
    opened: list[Database] = []

    def open_at(name: str) -> Services:
        database = open_database(f"sqlite:///{tmp_path / name}.sqlite")
        opened.append(database)
        return Services(database)

    yield open_at
    for database in opened:
        database.close()


_exit_status: list[int] = []


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Close and delete every window the tests left while the QApplication still lives."""
    _exit_status.append(int(exitstatus))
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    gc.collect()


def _save_coverage() -> None:
    """Write this process's coverage data now: `coverage run` saves it at exit, which os._exit
    skips (CI measures the suite that way, see .ci/run)."""
    if "coverage" not in sys.modules:
        return
    import coverage

    measuring = coverage.Coverage.current()
    if measuring is not None:
        measuring.stop()
        measuring.save()


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """Leave without interpreter finalisation once Qt was loaded.

    PySide6 can crash while Python tears its modules down after every result was reported
    (PYSIDE-2254: a segmentation fault at process exit, appearing and vanishing with unrelated
    code), which would turn a passing run into exit status 139. The run's own status is kept.
    """
    if "PySide6.QtCore" not in sys.modules or not _exit_status:
        return
    _save_coverage()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_exit_status[-1])


@pytest.fixture(autouse=True)
def _vobject_forgets_time_zones() -> None:
    """vobject keeps the first VTIMEZONE it ever parsed under each TZID for the whole process
    (registerTzinfo ignores later ones), so a test reading a file with its own odd
    "Europe/Berlin" would change how every later test's export reads back."""
    registry = getattr(sys.modules.get("vobject.icalendar"), "__dict__", {}).get("__tzidMap")
    if registry is not None:
        utc = registry.get("UTC")
        registry.clear()
        if utc is not None:
            registry["UTC"] = utc


def _home_at(home: Path) -> Iterator[Path]:
    """HOME and the XDG folders under `home` until the generator is closed.

    Its own MonkeyPatch: a test's `monkeypatch.undo()` (the time-zone fixtures) leaves it be."""
    from PySide6.QtCore import QSettings

    folders = {
        "HOME": home,
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_CACHE_HOME": home / ".cache",
        "XDG_STATE_HOME": home / ".local" / "state",
    }
    with pytest.MonkeyPatch.context() as patch:
        for name, folder in folders.items():
            patch.setenv(name, str(folder))
        # Qt reads the settings folder once per process: it is told each time.
        for form in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(form, QSettings.Scope.UserScope, str(folders["XDG_CONFIG_HOME"]))
        yield home


@pytest.fixture(autouse=True, scope="session")
def _a_home_for_the_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The home folder of what runs outside any one test (module and session fixtures)."""
    yield from _home_at(tmp_path_factory.mktemp("home"))


@pytest.fixture(autouse=True)
def _a_home_of_their_own(
    _a_home_for_the_run: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    """Each test gets an empty home folder: settings, file dialogs' last folders, label
    templates, the demo file and the notes of checked files (netdesk.store.integrity_stamp) go
    there, never into the tester's, and nothing one test leaves there reaches the next."""
    yield from _home_at(tmp_path_factory.mktemp("home"))
    # The run's folders again, for the module fixtures' teardown.
    from PySide6.QtCore import QSettings

    for form in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(form, QSettings.Scope.UserScope, str(_a_home_for_the_run / ".config"))


@pytest.fixture
def file_keyring(tmp_path: Path) -> Iterator[Any]:
    """A keyring (keyrings.alt's plain-text file, in tmp_path) as the system keyring for the
    test; the one before it is put back afterwards."""
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    before = keyring.get_keyring()
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring" / "passwords.cfg")
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


@pytest.fixture(autouse=True)
def frozen_now() -> Iterator[datetime]:
    """The moment netdesk's clock shows for the whole test: the real one when it starts,
    stopped there, so that a test running across midnight sees one day throughout."""
    moment = datetime.now(UTC)
    clock.stop_at(moment)
    yield moment
    clock.stop_at(None)


@pytest.fixture
def frozen_today(frozen_now: datetime) -> date:
    """The user's date on netdesk's clock for the whole test."""
    return clock.today()


@pytest.fixture(autouse=True, scope="session")
def _one_full_application(qapp: object) -> None:
    """The widget QApplication exists from the first test on: painting code that makes its own
    QGuiApplication when none exists (badges, the CLI) must not leave widget tests without one."""


@pytest.fixture(autouse=True)
def _undo_stacks_emptied() -> Iterator[None]:
    yield
    from tests.undo_stacks import empty_undo_stacks

    empty_undo_stacks()


@pytest.fixture(autouse=True)
def _nothing_left_armed_or_held() -> Iterator[None]:
    """What one test leaves must not act in the next: a timer armed to answer a dialog that
    never came would answer the next test's, and a Ctrl that QTest's key clicks leave held in
    Qt's keyboard state (each qtbot.keyClick with ControlModifier does) would make the next
    test's selectRow add to the selection instead of replacing it."""
    yield
    if "tests.ui.polling" in sys.modules:
        from tests.ui.polling import stop_polls

        stop_polls()
    if "PySide6.QtWidgets" in sys.modules:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QWidget

        if QGuiApplication.keyboardModifiers() != Qt.KeyboardModifier.NoModifier:
            QTest.keyRelease(QWidget(), Qt.Key.Key_Control)
