"""Fixtures: real Radicale and Xandikos servers (see servers.py). The processes live for the
session; every test gets fresh, empty collections. A pytest plugin (tests/conftest.py loads it)
so that every test folder (tests/sync, tests/dav, tests/ui ...) shares the same two processes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.sync.servers import DavTestServer, RadicaleServer, XandikosServer


@pytest.fixture(scope="session")
def _radicale_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RadicaleServer]:
    server = RadicaleServer(tmp_path_factory.mktemp("radicale"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def _tls_radicale_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RadicaleServer]:
    from tests.sync.certificates import self_signed  # cryptography only where needed

    root = tmp_path_factory.mktemp("radicale-tls")
    certificate = self_signed(root / "tls")
    server = RadicaleServer(root, certificate=certificate.certificate, key=certificate.key)
    server.fingerprint = certificate.fingerprint
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def _xandikos_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[XandikosServer]:
    server = XandikosServer(tmp_path_factory.mktemp("xandikos"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _fresh(server: DavTestServer) -> DavTestServer:
    # A test may have stopped the server ("server stopped in the middle"): bring it back.
    server.start()
    server.reset()
    return server


@pytest.fixture
def radicale_server(_radicale_process: RadicaleServer) -> Iterator[RadicaleServer]:
    """A running Radicale with empty "Contacts", "Tasks" and "Calendar" collections."""
    _fresh(_radicale_process)
    yield _radicale_process
    _radicale_process.start()


@pytest.fixture
def tls_radicale_server(_tls_radicale_process: RadicaleServer) -> Iterator[RadicaleServer]:
    """A running Radicale on https://127.0.0.1:PORT/ with a self-signed certificate whose
    SHA-256 fingerprint is `.fingerprint` ("AB:CD:..."); fresh collections like the others."""
    _fresh(_tls_radicale_process)
    yield _tls_radicale_process
    _tls_radicale_process.start()


@pytest.fixture
def xandikos_server(_xandikos_process: XandikosServer) -> Iterator[XandikosServer]:
    """A running Xandikos with empty "Contacts", "Tasks" and "Calendar" collections."""
    _fresh(_xandikos_process)
    yield _xandikos_process
    _xandikos_process.start()


@pytest.fixture(params=["radicale", "xandikos"])
def dav_server(request: pytest.FixtureRequest) -> DavTestServer:
    """Each real server in turn (ids radicale, xandikos)."""
    server: DavTestServer = request.getfixturevalue(f"{request.param}_server")
    return server
