"""The server fixtures (radicale_server, xandikos_server, dav_server) live in
tests/sync/fixtures.py, loaded for every folder by tests/conftest.py."""
