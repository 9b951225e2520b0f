"""The screenshot of a scanned business card's review: a card painted here, photographed on a desk
(turned a little, in perspective), read by the real scanner, then shown beside its fields, with
someone already in netdesk by the same email. Used by screenshots.py; on its own:
  xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/scan_scenes.py DIR [--dark]
It writes scan-review.png (scan-review-dark.png under a dark palette).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QLinearGradient, QPainter, QPolygonF, QTransform
from PySide6.QtWidgets import QApplication

from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services
from netdesk.ui.main_window import MainWindow
from netdesk.ui.widgets import theme

CARD_LINES = (
    # text, pixel size, bold, colour
    ("Marta Kowalczyk", 66, True, "#1d2b36"),
    ("Head of Partnerships", 36, False, "#0f766e"),
    ("Nordlicht Energie GmbH", 38, True, "#1d2b36"),
    ("Business Development", 30, False, "#5b6770"),
    ("M +49 151 2345 6789", 30, False, "#1d2b36"),
    ("T +49 30 5550 1234", 30, False, "#1d2b36"),
    ("marta.kowalczyk@nordlicht-energie.de", 30, False, "#1d2b36"),
    ("www.nordlicht-energie.de", 30, False, "#1d2b36"),
    # A bare handle is taken for X, but marked as a guess: the review tints it.
    ("@marta_kowalczyk", 30, False, "#1d2b36"),
    ("Friedrichstraße 68, 10117 Berlin", 30, False, "#1d2b36"),
    ("Powering the north since 1998", 26, False, "#8a949b"),
)


def card_picture() -> QImage:
    """A 1,050 x 660 card: a teal band with a logo, then the lines."""
    card = QImage(1050, 660, QImage.Format.Format_RGB32)
    card.fill(QColor("#fbfaf7"))
    p = QPainter(card)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.fillRect(QRectF(0, 0, 26, card.height()), QColor("#0f766e"))
    p.setBrush(QColor("#0f766e"))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawEllipse(QRectF(880, 50, 110, 110))
    logo = QFont("DejaVu Sans")
    logo.setPixelSize(54)
    logo.setBold(True)
    p.setFont(logo)
    p.setPen(QColor("white"))
    p.drawText(QRectF(880, 50, 110, 110), Qt.AlignmentFlag.AlignCenter, "N")
    top = 50.0
    for text, size, bold, colour in CARD_LINES:
        font = QFont("DejaVu Sans")
        font.setPixelSize(size)
        font.setBold(bold)
        p.setFont(font)
        p.setPen(QColor(colour))
        p.drawText(QRectF(80, top, 900, size + 16), Qt.AlignmentFlag.AlignLeft, text)
        top += size + (26 if size > 34 else 14)
        if text.startswith("Business"):
            top += 22  # the contact block stands apart
    p.end()
    return card


def desk_photo(card: QImage) -> QImage:
    """The card lying on a wooden desk, a little turned and seen at a slant."""
    photo = QImage(1600, 1200, QImage.Format.Format_RGB32)
    p = QPainter(photo)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    wood = QLinearGradient(0, 0, 1600, 1200)
    wood.setColorAt(0, QColor("#8b5a2b"))
    wood.setColorAt(1, QColor("#5e3b1c"))
    p.fillRect(photo.rect(), wood)
    p.setPen(QColor(255, 255, 255, 18))
    for y in range(0, 1200, 9):
        p.drawLine(0, y, 1600, y + 40)
    w, h = card.width(), card.height()
    source = QPolygonF([QPointF(0, 0), QPointF(w, 0), QPointF(w, h), QPointF(0, h)])
    target = QPolygonF(
        [QPointF(260, 250), QPointF(1330, 300), QPointF(1380, 960), QPointF(210, 930)]
    )
    transform = QTransform()
    assert QTransform.quadToQuad(source, target, transform)
    p.setTransform(transform)
    p.drawImage(0, 0, card)
    p.end()
    return photo


def settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def scan_review(
    app: QApplication, window: MainWindow, services: Services, work: Path, out: Path
) -> None:
    from netdesk.scan.reader import scan_file

    photo = work / "IMG_2041.jpg"
    desk_photo(card_picture()).save(str(photo), quality=85)  # JPEG, by the name
    cards = scan_file(photo)
    assert cards, "the scanner read no card on the painted photo"
    # Someone met before, by the same email: the review says so and offers to merge.
    email = cards[0].fields.emails[0] if cards[0].fields.emails else ""
    if email:
        services.contacts.create(ContactInput(formatted_name="Marta Kowalczyk", emails=[email]))
    busiest = max(services.events.list(), key=lambda e: e.people, default=None)
    session = window.scanning.review(cards)
    session.set_waiting(2)  # as if two more photos were being read
    dialog = session.dialog
    assert dialog is not None
    if busiest is not None:
        dialog.event_row.choose(busiest.id)
    dialog.check_duplicates()
    for _ in range(3):
        settle(app)
    name = "scan-review-dark.png" if theme.is_dark(app.palette()) else "scan-review.png"
    dialog.grab().save(str(out / name))
    session.finish()


def main() -> None:
    from PySide6.QtCore import QSettings

    from netdesk.services.demo import generate_demo
    from netdesk.store import open_database
    from netdesk.ui.widgets.indicator_style import outline_indicators
    from netdesk.ui.widgets.theme import dark_palette

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", nargs="?", default="docs/screenshots")
    parser.add_argument("--dark", action="store_true")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    if args.dark:
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    outline_indicators(app)
    work = Path(tempfile.mkdtemp())
    db = open_database(f"sqlite:///{work / 'demo.sqlite'}")
    generate_demo(db, seed=2026, today=date.today())
    services = Services(db)
    window = MainWindow(services, QSettings(str(work / "s.ini"), QSettings.Format.IniFormat))
    window.show()
    settle(app)
    scan_review(app, window, services, work, out)
    window.close()
    db.close()


if __name__ == "__main__":
    main()
