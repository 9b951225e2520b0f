"""Which file an `sqlite:///NAME?...` URL opens. With `uri=true` SQLAlchemy hands SQLite the
name and the other query arguments as one URI, which SQLite reads as a URI only when it starts
with "file:" (`sqlite:///file:/home/me/n.sqlite?mode=ro&uri=true`); any other name, query and
all, is a file name ("n.sqlite?mode=ro"). Plain Python: the command line asks this before it
imports SQLAlchemy."""

from __future__ import annotations

from urllib.parse import parse_qsl, unquote

# The first bytes of every SQLite database file.
SQLITE_MAGIC = b"SQLite format 3\x00"

# The query arguments SQLAlchemy keeps for the sqlite3 driver; the others go into the URI.
_DRIVER_ARGUMENTS = frozenset(
    {"uri", "timeout", "isolation_level", "detect_types", "check_same_thread", "cached_statements"}
)
_TRUE = frozenset({"true", "yes", "on", "y", "t", "1"})


def file_of(database: str, query: list[tuple[str, str]]) -> str | None:
    """The file SQLite opens for the URL's (decoded) database name and query arguments, None
    for a database in memory."""
    if not any(k == "uri" and v.strip().lower() in _TRUE for k, v in query):
        return None if database in ("", ":memory:") else database
    rest = [f"{k}={v}" for k, v in sorted(query) if k not in _DRIVER_ARGUMENTS]
    name = database + ("?" + "&".join(rest) if rest else "")
    if not name.startswith("file:"):
        return None if name in ("", ":memory:") else name
    path, _, options = name[len("file:") :].partition("#")[0].partition("?")
    if path.startswith("//"):  # file://localhost/PATH or file:///PATH
        path = "/" + path[2:].partition("/")[2]
    if not path or ("mode", "memory") in parse_qsl(options) or path == ":memory:":
        return None
    return unquote(path)


def file_of_url(url: str) -> str | None:
    """The file an SQLite URL opens, read from it by hand as SQLAlchemy's make_url would; None
    for a server or a database in memory."""
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.split("+")[0] != "sqlite" or not rest.startswith("/"):
        return None
    name, _, query = rest[1:].partition("?")
    # With uri=true, "file:PATH?mode=ro" is SQLite's URI of PATH; ":memory:" is no file.
    return file_of(unquote(name), parse_qsl(query))
