"""The error that tells the user why something they asked for cannot be done. Raised by every
layer below the window and the command line (services, the store's backups and writes), which
show its message as it is; services/errors.py adds the services' own kinds of it."""

from __future__ import annotations


class ServiceError(Exception):
    """Something the user asked for cannot be done; the message says why."""
