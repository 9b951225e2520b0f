"""Certificates: verified against the system's and certifi's authorities, or, when the user
trusts one by its SHA-256 fingerprint (a self-signed home server), exactly that certificate and
no other. The pinned check runs inside the TLS handshake, before a password is sent."""

from __future__ import annotations

import functools
import hashlib
import socket
import ssl

import certifi


class FingerprintMismatch(ssl.SSLError):
    """The server showed another certificate than the one the user trusts."""

    def __init__(self, seen: str) -> None:
        self.seen = seen
        super().__init__(f"certificate fingerprint {seen} is not the trusted one")


def fingerprint(der: bytes) -> str:
    """SHA-256 of a DER certificate as "AB:CD:...", the way browsers and openssl show it."""
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def normalize_fingerprint(text: str) -> str:
    """'ab cd:ef...' / 'ABCDEF...' -> 'AB:CD:EF...'; "" stays ""."""
    digits = "".join(c for c in text.upper() if c in "0123456789ABCDEF")
    return ":".join(digits[i : i + 2] for i in range(0, len(digits), 2))


class PinnedContext(ssl.SSLContext):
    """Accepts the one certificate whose fingerprint is `pinned`, whatever signed it."""

    pinned = ""

    def wrap_socket(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        sock = super().wrap_socket(*args, **kwargs)
        der = sock.getpeercert(binary_form=True) or b""
        seen = fingerprint(der)
        if seen != self.pinned:
            sock.close()
            raise FingerprintMismatch(seen)
        return sock

    def wrap_bio(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        # TLS through an HTTPS proxy: the handshake happens later, so the pin cannot be
        # checked here; refuse rather than send a password unchecked.
        raise FingerprintMismatch("(not checked through a proxy)")


def context(trusted_fingerprint: str = "") -> ssl.SSLContext:
    pinned = normalize_fingerprint(trusted_fingerprint)
    if pinned:
        pinned_context = PinnedContext(ssl.PROTOCOL_TLS_CLIENT)
        pinned_context.check_hostname = False
        pinned_context.verify_mode = ssl.CERT_NONE
        pinned_context.minimum_version = ssl.TLSVersion.TLSv1_2
        pinned_context.pinned = pinned
        return pinned_context
    return _verified()


@functools.cache
def _verified() -> ssl.SSLContext:
    """One context for every client of the process: loading the authorities takes about 60 ms,
    which each sync (every 15 minutes in the window) would pay again."""
    verified = ssl.create_default_context()
    verified.load_verify_locations(cafile=certifi.where())
    return verified


def probe_fingerprint(host: str, port: int, timeout: float) -> str:
    """The fingerprint of the certificate HOST shows, read without trusting it (and without
    sending anything), to show the user; "" when it cannot be read."""
    probe = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    probe.check_hostname = False
    probe.verify_mode = ssl.CERT_NONE
    try:
        with (
            socket.create_connection((host, port), timeout=timeout) as raw,
            probe.wrap_socket(raw, server_hostname=host) as sock,
        ):
            return fingerprint(sock.getpeercert(binary_form=True) or b"")
    except OSError:
        return ""


def certificate_problem(error: BaseException) -> ssl.SSLError | None:
    """The certificate error behind an httpx error, if that is what it was."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError | FingerprintMismatch):
            return current
        for arg in getattr(current, "args", ()):
            if isinstance(arg, ssl.SSLCertVerificationError | FingerprintMismatch):
                return arg
        current = current.__cause__ or current.__context__
    return None
