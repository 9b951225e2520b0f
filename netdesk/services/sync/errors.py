"""Why a sync stopped before changing anything, in words for the user."""

from __future__ import annotations

from netdesk.errors import ServiceError


class MassDeleteBlocked(ServiceError):
    """The run would delete more than a user would expect; nothing was changed yet."""

    def __init__(self, count: int, side: str, total: int, collection: str) -> None:
        self.count = count
        self.side = side  # "on the server" or "here"
        self.total = total
        super().__init__(
            f"This sync would delete {count} of {total} items {side} ({collection}); "
            "nothing was changed. Sync again and allow it if that is what you want "
            "(netdesk sync --allow-mass-delete)."
        )


class EmptySideStop(ServiceError):
    """A side that held items reads empty: more likely a fault than a wish to delete all."""

    def __init__(self, side: str, collection: str) -> None:
        self.side = side
        super().__init__(
            f"{collection} suddenly reads empty {side}, so the sync stopped before deleting "
            "anything on the other side. If everything was deleted on purpose, sync again "
            "and allow the deletions (netdesk sync --allow-mass-delete)."
        )


class SyncCancelled(ServiceError):
    def __init__(self) -> None:
        super().__init__("The sync was stopped; what it finished so far is kept.")


class SyncAlreadyRunning(ServiceError):
    def __init__(self, account: str) -> None:
        super().__init__(
            f"A sync of {account} is already running (in a netdesk window or another "
            "`netdesk sync`); this one did nothing. Try again when it has finished."
        )
