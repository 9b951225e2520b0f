"""tests/dav: the real servers come from tests/sync/fixtures.py (loaded by tests/conftest.py)."""

from tests.dav.canned_server import canned_server  # noqa: F401  (a fixture)
