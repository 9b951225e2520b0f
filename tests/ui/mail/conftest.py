"""The stand-in mail program, registered for every mail test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QDesktopServices

from tests.ui.mail.helpers import MailProgram


@pytest.fixture
def mail_program() -> Iterator[MailProgram]:
    program = MailProgram()
    QDesktopServices.setUrlHandler("mailto", program, "handle")
    yield program
    QDesktopServices.unsetUrlHandler("mailto")
