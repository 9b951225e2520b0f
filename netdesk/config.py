"""Where netdesk keeps its data, and which database a run uses."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

APP_NAME = "netdesk"
DB_ENV_VAR = "NETDESK_DB"

# netdesk ships with psycopg 3; a bare postgresql:// would make SQLAlchemy look for psycopg2.
_POSTGRES_SCHEMES = ("postgresql://", "postgres://")
_PSYCOPG_SCHEME = "postgresql+psycopg://"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    return data_dir() / "netdesk.sqlite"


def demo_database_path() -> Path:
    """The demo data a newcomer can look around in: its own file, never the user's database."""
    return data_dir() / "demo.sqlite"


def is_demo_database(path: Path | None) -> bool:
    """Whether this database file is the demo (its window then says so)."""
    if path is None:
        return False
    try:
        return path.resolve() == demo_database_path().resolve()
    except OSError:
        return False


def database_url(db: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The SQLAlchemy URL for `--db` (a path or a URL), else $NETDESK_DB, else the default file."""
    env = os.environ if environ is None else environ
    chosen = (db or "").strip() or env.get(DB_ENV_VAR, "").strip()
    if not chosen:
        return sqlite_url(default_database_path())
    if "://" in chosen:
        for scheme in _POSTGRES_SCHEMES:
            if chosen.startswith(scheme):
                return _PSYCOPG_SCHEME + chosen[len(scheme) :]
        return chosen
    return sqlite_url(Path(chosen))


def sqlite_url(path: Path) -> str:
    """The URL of the file at `path`. SQLAlchemy decodes %XX in a URL's database name and
    ends it at a "?": both are written encoded, so that "100%41.sqlite" or "why?.sqlite" name
    that very file, not "100A.sqlite" or "why"."""
    path = path.expanduser()
    try:
        path = path.resolve()
    except (OSError, RuntimeError):  # a loop of symbolic links: opening it says so
        path = path.absolute()
    name = str(path).replace("%", "%25").replace("?", "%3F")
    return f"sqlite:///{name}"


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def label_templates_path() -> Path:
    """Custom badge label templates the user saved, shared by the window and the CLI."""
    return config_dir() / "label-templates.json"
