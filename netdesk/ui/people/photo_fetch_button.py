"""The contact pane's "Fetch photo from <host>…" button, shown when a person's card gave their
photo as a link: nothing is fetched until the user asks and agrees, naming the address."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from netdesk.services.errors import ServiceError
from netdesk.services.photo_fetch import PhotoFetchService, PhotoLink
from netdesk.ui.widgets.busy_cursor import busy_cursor
from netdesk.ui.widgets.plain_text import button_text, question_box, show_error, tooltip_text

# A host name can be long: the pane must not get wider for it.
_HOST_SHOWN = 32


class PhotoFetchButton(QPushButton):
    """Hidden unless the shown contact has a photo link; `saved` says what was fetched."""

    saved = Signal(str)  # "Saved the photo from HOST."

    def __init__(self, photos: PhotoFetchService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._photos = photos
        self._link: PhotoLink | None = None
        self._contact: tuple[int, str] | None = None  # id, name
        self.setObjectName("fetch_photo")
        self.hide()
        self.clicked.connect(self.fetch)

    def offer(self, contact_id: int, name: str) -> None:
        """Show the button for this contact when their card links to a photo."""
        link = self._photos.link(contact_id)
        self._link, self._contact = link, (contact_id, name)
        self.setVisible(link is not None)
        if link is not None:
            host = link.host
            if len(host) > _HOST_SHOWN:
                host = host[: _HOST_SHOWN - 1] + "…"
            self.setText(button_text(f"Fetch photo from {host}…"))
            self.setToolTip(tooltip_text("Download the picture their card links to:", link.url))

    def question(self) -> tuple[QMessageBox, QPushButton] | None:
        """The question asked before connecting anywhere, naming the address, and its Fetch
        button; None when there is nothing to fetch."""
        link, contact = self._link, self._contact
        if link is None or contact is None:
            return None
        return question_box(
            self.window(),
            "Fetch photo",
            f"Download the photo of {contact[1]} from {link.host}?\n\n{link.url}\n\n"
            f"netdesk connects to {link.host} only because you ask it to. The picture is saved "
            "with the contact.",
            "Fetch photo",
        )

    def fetch(self) -> None:
        asked = self.question()
        if asked is None:
            return
        box, fetch = asked
        box.exec()
        if box.clickedButton() is fetch:
            self.download()

    def download(self) -> bool:
        """Fetch the linked photo now (the user has agreed); errors are shown, in words."""
        link, contact = self._link, self._contact
        if link is None or contact is None:
            return False
        try:
            with busy_cursor():
                self._photos.fetch(contact[0], link)
        except ServiceError as exc:
            show_error(self.window(), "Could not fetch the photo", str(exc))
            return False
        self.saved.emit(f"Saved the photo from {link.host}.")
        return True
