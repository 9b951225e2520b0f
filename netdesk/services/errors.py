"""Errors the services raise, worded for the user: ServiceError (netdesk.errors, which the
store raises too) and its kinds."""

from __future__ import annotations

from netdesk.errors import ServiceError


class NotFoundError(ServiceError):
    pass


class ValidationError(ServiceError):
    """Field name -> what is wrong with it, for showing beside each field."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {msg}" for field, msg in self.errors.items()))
