"""Label shortcuts (Alt+letter) for fields that FieldErrors wraps with their error label."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget


def set_buddy(form: QFormLayout, field: QWidget) -> None:
    """Point the row's label at the field itself, not at the wrapper FieldErrors put it in."""
    wrapper = field.parentWidget()
    while wrapper is not None and form.labelForField(wrapper) is None:
        wrapper = wrapper.parentWidget()
    label = form.labelForField(wrapper) if wrapper is not None else None
    if isinstance(label, QLabel):
        label.setBuddy(field)
