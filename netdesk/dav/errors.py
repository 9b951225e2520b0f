"""What can go wrong talking to a CardDAV/CalDAV server, in words a user can act on. Every
kind is a ServiceError, so the window and the command line show its message as it is."""

from __future__ import annotations

from netdesk.errors import ServiceError


class DavError(ServiceError):
    """A server could not be used for what was asked; the message says why."""


class AuthFailed(DavError):
    def __init__(self, url: str) -> None:
        self.url = url
        super().__init__(f"The server refused the user name or password for {url}.")


class ServerUnreachable(DavError):
    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"Cannot reach {url}: {reason}.")


class CertificateNotTrusted(DavError):
    """The server's certificate does not verify (or is not the pinned one). The user may trust
    it by its SHA-256 fingerprint, after comparing it with the one the server's owner shows."""

    def __init__(self, host: str, fingerprint: str, reason: str = "") -> None:
        self.host = host
        self.fingerprint = fingerprint
        self.reason = reason
        why = f" ({reason})" if reason else ""
        super().__init__(
            f"The certificate of {host} is not trusted{why}. Its SHA-256 fingerprint is "
            f"{fingerprint}; trust it only if it is the one your server's owner gives you."
        )


class InsecureUrl(DavError):
    def __init__(self, url: str) -> None:
        self.url = url
        super().__init__(
            f"{url} is not encrypted (http://): netdesk sends passwords and contacts only over "
            "https://, except to this computer itself (localhost)."
        )


class NeedsOAuth(DavError):
    def __init__(self, url: str = "") -> None:
        self.url = url
        super().__init__(
            "Google's CardDAV needs OAuth, which netdesk does not do; export your Google contacts "
            "as vCard or CSV and use File > Import."
        )


class NoDavService(DavError):
    def __init__(self, url: str) -> None:
        self.url = url
        super().__init__(
            f"No CardDAV or CalDAV service was found at {url}: check the address (your "
            "provider's help names the one for contacts and calendars)."
        )


class PreconditionFailed(DavError):
    """412: the item changed on the server since it was read (or already exists)."""

    def __init__(self, url: str) -> None:
        self.url = url
        super().__init__(f"{url} was changed on the server by someone else in the meantime.")


# CardDAV/CalDAV preconditions (RFC 6352 6.3.2.1, RFC 4791 5.3.2.1) a PUT can fail on.
_PRECONDITIONS = {
    "no-uid-conflict": "another item in the collection already has its UID",
    "valid-address-data": "the server does not accept it as a valid vCard",
    "valid-calendar-data": "the server does not accept it as valid iCalendar",
    "valid-calendar-object-resource": "the server does not accept it as valid iCalendar",
    "supported-address-data": "the server does not take this vCard version or format",
    "supported-calendar-data": "the server does not take this calendar format",
    "supported-calendar-component": "this collection does not take this kind of item",
    "max-resource-size": "it is larger than the server allows",
}


class ItemRefused(DavError):
    """The server refused to store one item (not valid for it, a UID used by another item,
    the wrong kind for the collection): that item fails, the others go on."""

    def __init__(self, url: str, precondition: str = "", detail: str = "") -> None:
        self.url = url
        self.precondition = precondition  # e.g. "no-uid-conflict", "" when none was named
        self.detail = detail
        reason = _PRECONDITIONS.get(precondition, "it was refused")
        if detail:
            reason += f" ({detail})"
        super().__init__(f"The server did not store {url}: {reason}.")


class NotFound(DavError):
    def __init__(self, url: str) -> None:
        self.url = url
        super().__init__(f"{url} is not on the server (404 Not Found).")


class SyncTokenExpired(DavError):
    """The server no longer knows the sync token: the caller lists the whole collection."""

    def __init__(self, url: str) -> None:
        self.url = url
        super().__init__(f"The server no longer accepts the last sync state of {url}.")


class BadServerReply(DavError):
    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"The server's reply from {url} cannot be read: {reason}.")


class RequestRefused(DavError):
    """Any other answer than the ones expected (403, 405, 5xx ...)."""

    def __init__(self, method: str, url: str, status: int, phrase: str) -> None:
        self.method = method
        self.url = url
        self.status = status
        super().__init__(f"The server answered {status} {phrase} to {method} {url}.".strip())
