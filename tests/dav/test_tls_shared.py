"""Clients share one verified TLS context: loading the certificate authorities (about 60 ms)
happens once a process, not once a sync (the window syncs every 15 minutes)."""

from __future__ import annotations

import ssl

from netdesk.dav import tls


def test_every_client_uses_the_same_verified_context() -> None:
    first = tls.context()
    assert first is tls.context()
    assert first.verify_mode == ssl.CERT_REQUIRED and first.check_hostname


def test_a_trusted_fingerprint_gets_its_own_context() -> None:
    pinned = tls.context("ab:cd")
    assert isinstance(pinned, tls.PinnedContext) and pinned.pinned == "AB:CD"
    assert pinned is not tls.context() and pinned is not tls.context("AB:CD")
