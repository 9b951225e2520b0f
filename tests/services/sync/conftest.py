"""The real Radicale and Xandikos of tests/sync for the account tests here."""

from tests.sync.conftest import (  # noqa: F401
    _radicale_process,
    _xandikos_process,
    dav_server,
    radicale_server,
    xandikos_server,
)
