"""The QR card window's choices: which fields the card shares and in which payload format."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QButtonGroup, QCheckBox, QLabel, QRadioButton, QVBoxLayout

from netdesk.cards.payload import PayloadFormat
from netdesk.cards.share import FIELD_LABELS, SHARE_FIELDS
from netdesk.ui.widgets.plain_text import plain_label, safe_tooltip

FORMAT_LABELS = {
    PayloadFormat.VCARD: ("vCard 3.0", "What phone cameras offer to save as a contact"),
    PayloadFormat.MECARD: ("MECARD", "Shorter, so a smaller code; no job title on some phones"),
}


def heading(text: str) -> QLabel:
    label = plain_label(text)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


def missing_tip(name: str, field: str) -> str:
    # Escaped only when Qt would read it as HTML: "Tom & Jerry" must not become "&amp;".
    return safe_tooltip(f"{name} has no {FIELD_LABELS[field].lower()}")


def field_boxes(
    name: str,
    available: frozenset[str],
    chosen: tuple[str, ...],
    changed: Callable[[], None],
) -> dict[str, QCheckBox]:
    """A box per field a card can share, ticked as last chosen; the fields this contact has
    nothing in are greyed, with a tooltip that says so. The name is always shared."""
    boxes: dict[str, QCheckBox] = {}
    for field in SHARE_FIELDS:
        box = QCheckBox(FIELD_LABELS[field])
        box.setObjectName(f"share_{field}")
        present = field in available
        box.setChecked(present and (field in chosen or field == "name"))
        if field == "name":
            box.setEnabled(False)
            box.setToolTip("A card always carries the name")
        elif not present:
            box.setEnabled(False)
            box.setToolTip(missing_tip(name, field))
        box.toggled.connect(changed)
        boxes[field] = box
    return boxes


def refresh_field_boxes(
    boxes: dict[str, QCheckBox], name: str, available: frozenset[str], chosen: set[str]
) -> None:
    """The boxes again for the contact as stored now (edited elsewhere), without signals."""
    for field, box in boxes.items():
        if field == "name":
            continue
        present = field in available
        box.blockSignals(True)
        box.setEnabled(present)
        box.setToolTip("" if present else missing_tip(name, field))
        box.setChecked(present and field in chosen)
        box.blockSignals(False)


def format_buttons(
    group: QButtonGroup, saved: PayloadFormat, toggled: Callable[[bool], None]
) -> dict[PayloadFormat, QRadioButton]:
    """A radio button per payload format, in `group`, the saved one checked."""
    buttons: dict[PayloadFormat, QRadioButton] = {}
    for fmt, (text, tip) in FORMAT_LABELS.items():
        radio = QRadioButton(text)
        radio.setObjectName(f"format_{fmt.value}")
        radio.setToolTip(tip)
        radio.setChecked(fmt == saved)
        group.addButton(radio)
        buttons[fmt] = radio
        radio.toggled.connect(toggled)
    return buttons


def share_layout(
    boxes: dict[str, QCheckBox], buttons: dict[PayloadFormat, QRadioButton]
) -> QVBoxLayout:
    """Share, its boxes, then Format and its buttons, one under the other."""
    share = QVBoxLayout()
    share.setSpacing(4)
    share.addWidget(heading("Share"))
    for box in boxes.values():
        share.addWidget(box)
    share.addSpacing(10)
    share.addWidget(heading("Format"))
    for radio in buttons.values():
        share.addWidget(radio)
    return share
