"""File > Scan business cards…, Edit > Paste business card, and photos dropped on the window: each
photo goes to the reading queue (off the GUI thread, progress in the status bar), each card read
to the review. Without the scanner installed the menu item stays and says how to get it.

Kept out of main_window.py, which only makes this object once the menus exist.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QImage, QImageWriter, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from netdesk.ui.scanning.progress_panel import ScanProgress
from netdesk.ui.scanning.queue import BACK, ScanJob, ScanOutcome, ScanQueue
from netdesk.ui.widgets.menus import top_menu

if TYPE_CHECKING:
    from netdesk.scan.reader import ScannedCard
    from netdesk.ui.cards.add_actions import QrAddActions
    from netdesk.ui.scanning.session import ScanSession
    from netdesk.ui.shell import Shell

SCAN_SHORTCUT = "Ctrl+Shift+K"
PASTED = "Pasted picture"
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".heic", ".heif", ".webp", ".tif", ".tiff", ".bmp")
PHOTO_FILTER = (
    "Photos of business cards (" + " ".join(f"*{s}" for s in PHOTO_SUFFIXES) + ");;All files (*)"
)
NOT_INSTALLED_TITLE = "The card scanner is not installed"
NO_PICTURE = (
    "The clipboard holds no picture. Copy a photo of a business card (or the photo's file) "
    "and paste again."
)


class ScanActions(QObject):
    """`qr_reader()`: File > Add contact from QR image's reader, for a picture that holds a QR
    code rather than a card (a badge), or every picture where the scanner is not installed."""

    def __init__(self, shell: Shell, qr_reader: Callable[[], QrAddActions]) -> None:
        super().__init__(shell.widget())
        self.shell = shell
        self.window = shell.widget()
        self.qr_reader = qr_reader
        self._queue: ScanQueue | None = None
        self.progress = ScanProgress()
        self.progress.cancel_requested.connect(self.cancel)
        self.window.statusBar().insertPermanentWidget(0, self.progress)
        self.session: ScanSession | None = None
        self.not_installed_box: QMessageBox | None = None
        a = shell.make_action
        self.act_scan = a(
            "&Scan business cards…",
            self.scan_files,
            SCAN_SHORTCUT,
            "import",
            "Read paper business cards from photos into contacts, offline (or drop photos here)",
        )
        self.act_paste = a(
            "Paste &business card",
            self.paste,
            QKeySequence.StandardKey.Paste,
            None,
            "Read the business card in a picture you copied",
        )
        # Ctrl+V in a text field pastes text there: only the window's own context.
        self.act_paste.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self._add_to_menus()
        shell.act_new_contact.changed.connect(self._sync_enabled)
        self._sync_enabled()

    @property
    def data_actions(self) -> tuple[QAction, ...]:
        return (self.act_scan, self.act_paste)

    def _sync_enabled(self) -> None:
        enabled = self.shell.act_new_contact.isEnabled()
        for act in self.data_actions:
            act.setEnabled(enabled)

    def _add_to_menus(self) -> None:
        file_menu = top_menu(self.window, "File")
        if file_menu is not None:
            # After Import… and the QR items: the other ways of bringing people in.
            actions = file_menu.actions()
            export = next((a for a in actions if a.menu() is not None), None)
            if export is not None:
                file_menu.insertAction(export, self.act_scan)
            else:
                file_menu.addAction(self.act_scan)
        edit = top_menu(self.window, "Edit")
        if edit is not None:
            actions = edit.actions()
            after_redo = next((a for a in actions if a.isSeparator()), None)
            if after_redo is not None:
                edit.insertAction(after_redo, self.act_paste)
            else:
                edit.addAction(self.act_paste)

    @property
    def queue(self) -> ScanQueue:
        if self._queue is None:
            self._queue = ScanQueue(self)
            self._queue.started.connect(
                lambda job, number, total: self.progress.show_reading(number, total, job.name)
            )
            self._queue.step.connect(self.progress.show_step)
            self._queue.finished_one.connect(self._finished_one)
        return self._queue

    # -- asking -------------------------------------------------------------------------------

    def missing(self) -> bool:
        """True (and the user told how to install it) when the scanner cannot run here."""
        from netdesk.scan.available import missing_scanner

        message = missing_scanner()
        if message is None:
            return False
        box = QMessageBox(
            QMessageBox.Icon.Information,
            NOT_INSTALLED_TITLE,
            message + ".",
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.not_installed_box = box
        return True

    def scan_files(self) -> None:
        if self.missing():
            return
        names, _ = QFileDialog.getOpenFileNames(
            self.window, "Scan business cards", "", PHOTO_FILTER
        )
        if names:
            self.scan_paths([Path(name) for name in names])

    def scan_paths(self, paths: list[Path]) -> None:
        if not paths or not self.act_scan.isEnabled() or self.missing():
            return
        self._start([ScanJob(path.name or str(path), path=path) for path in paths])

    def add_picture(self, path: Path) -> None:
        """A picture dropped on the window: a card to scan; where the scanner is not
        installed, a QR code to read (as before the scanner came)."""
        from netdesk.scan.available import missing_scanner

        if missing_scanner() is not None:
            self.qr_reader().add_from_path(path)
            return
        self.scan_paths([path])

    def paste(self) -> None:
        """The picture on the clipboard, or picture files copied in a file manager."""
        data = QGuiApplication.clipboard().mimeData()
        if data is not None and data.hasUrls():
            files = [Path(u.toLocalFile()) for u in data.urls() if u.isLocalFile()]
            if files:
                self.scan_paths(files)
                return
        image = QGuiApplication.clipboard().image() if data is not None else QImage()
        if data is None or not data.hasImage() or image.isNull():
            self.shell.say(NO_PICTURE, 8000)
            return
        if self.missing():
            return
        from netdesk.scan.images import MAX_PIXELS, too_many_pixels

        pixels = image.width() * image.height()
        if pixels > MAX_PIXELS:
            # Refused before it is written out as PNG: that alone kept the window frozen for
            # seconds, for a picture the reader refuses anyway.
            size = (image.width(), image.height())
            self.shell.say(too_many_pixels(PASTED, pixels, size), 10000)
            return
        self._start([ScanJob(PASTED, data=png_bytes(image))])

    def ask_back(self) -> bool:
        """The back side of the card under review, from a photo; False when none was chosen."""
        name, _ = QFileDialog.getOpenFileName(
            self.session.dialog if self.session is not None else self.window,
            "The back side of the card",
            "",
            PHOTO_FILTER,
        )
        if not name:
            return False
        self.queue_back(Path(name))
        return True

    def queue_back(self, path: Path) -> None:
        self.queue.add([ScanJob(path.name, path=path, purpose=BACK)], first=True)
        self._waiting()

    # -- the run ------------------------------------------------------------------------------

    def review(self, cards: list[ScannedCard]) -> ScanSession:
        """Cards read elsewhere, into the review (after those waiting there)."""
        session = self._session()
        session.add_cards(cards)
        return session

    def _start(self, jobs: list[ScanJob]) -> None:
        self._session()
        self.queue.add(jobs)
        self._waiting()

    def _session(self) -> ScanSession:
        if self.session is None:
            from netdesk.ui.scanning.session import ScanSession

            session = ScanSession(
                self.shell.services,
                self.window,
                self.shell.capture_event_id(),
                self.ask_back,
                self.cancel,
            )
            session.message.connect(lambda text: self.shell.say(text, 10000))
            session.ended.connect(self._session_ended)
            self.session = session
        return self.session

    def _waiting(self) -> None:
        if self.session is not None:
            self.session.set_waiting(self.queue.waiting)

    def _session_ended(self) -> None:
        self.session = None

    def cancel(self) -> None:
        if self._queue is not None and self._queue.busy:
            self._queue.cancel()
            self.progress.show_stopping()

    def _finished_one(self, outcome: ScanOutcome) -> None:
        queue = self.queue
        last = queue.note_finished()
        session = self.session
        job = outcome.job
        if session is not None and not outcome.cancelled:
            if job.purpose == BACK:
                session.add_back(outcome.cards, outcome.error or self._no_card(outcome))
            elif outcome.cards:
                session.add_cards(outcome.cards)
            elif outcome.error:
                session.add_problem(outcome.error)
            elif outcome.has_qr:
                self._read_qr(job)
            else:
                session.add_problem(self._no_card(outcome))
        if last:
            self.progress.finish()
            if session is not None:
                session.reading_ended()
        else:
            self._waiting()

    def _read_qr(self, job: ScanJob) -> None:
        reader = self.qr_reader()
        if job.path is not None:
            reader.add_from_path(job.path)
        else:
            reader.add_from_image(QImage.fromData(job.data or b""), job.name)

    @staticmethod
    def _no_card(outcome: ScanOutcome) -> str:
        if outcome.cards:
            return ""
        return f"{outcome.job.name}: no business card found on this picture"

    def stop(self) -> None:
        """The window closes: no thread is left reading."""
        if self._queue is None:
            return
        if self._queue.busy:
            # The photo being read stops at the reader's next step, which can be seconds away
            # on a busy machine: the window goes at once rather than freezing until then.
            if self.session is not None and self.session.dialog is not None:
                self.session.dialog.hide()
            self.window.hide()
            QGuiApplication.sync()
        self._queue.stop()


def png_bytes(image: QImage) -> bytes:
    """A pasted picture as PNG (lossless), for the reader."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # A writer: PySide6 refuses QImage.save's format given as bytes (see cards/qr_image.py).
    QImageWriter(buffer, QByteArray(b"png")).write(image)
    return bytes(buffer.data().data())
