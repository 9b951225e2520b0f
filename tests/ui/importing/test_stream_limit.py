"""Importing from the window something that is not a plain file (a FIFO, as a drop or the file
dialog may give): read once, and refused with the size message at the limit rather than held
in memory whole."""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from netdesk.services.service_set import Services
from netdesk.ui.importing.flow import ImportFlow
from tests.ui.main_window_helpers import ModalDriver

CARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Piped Person\r\nEND:VCARD\r\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_stream_past_the_limit_is_refused_with_the_size_message(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    fifo = tmp_path / "cards.vcf"
    os.mkfifo(fifo)

    def feed() -> None:  # 2 MB, then the end: bounded even for a reader without the limit
        with contextlib.suppress(BrokenPipeError), fifo.open("wb") as out:
            out.write(CARD * (2 * 1024 * 1024 // len(CARD)))

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    sqlite_services.imports.max_file_bytes = 64 * 1024
    told: list[str] = []

    def read(box: QMessageBox) -> None:
        told.append(box.text())
        box.accept()

    error = ModalDriver(QMessageBox, read)
    assert ImportFlow(window, sqlite_services).run([fifo]) == []
    error.check()
    writer.join(timeout=10)
    assert told == [
        f"{fifo}: the file is larger than 64 KB; netdesk imports files of up to 64 KB. "
        "Split it into smaller files."
    ]
    assert sqlite_services.contacts.count() == 0
