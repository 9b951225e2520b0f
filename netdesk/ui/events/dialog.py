"""Create or edit an event; problems are shown beside the field and the dialog stays open."""

from __future__ import annotations

import contextlib

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from netdesk import clock
from netdesk.services.errors import ServiceError, ValidationError
from netdesk.services.event_fields import EventKind
from netdesk.services.records import EventInput
from netdesk.services.service_set import Services
from netdesk.services.tags import clean_tag_names
from netdesk.ui.events.when_fields import WhenFields
from netdesk.ui.file_replaced import file_mark, replaced_since
from netdesk.ui.widgets.dialog_parts import error_form
from netdesk.ui.widgets.form_buddy import set_buddy
from netdesk.ui.widgets.plain_text import plain_label, window_title


class EventDialog(QDialog):
    def __init__(
        self, services: Services, event_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.event_id = event_id
        self.setMinimumWidth(520)

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(f"PyCon Lisbon {clock.today().year}")
        self.kind_combo = QComboBox()
        for kind in EventKind:
            self.kind_combo.addItem(kind.value.capitalize(), kind.value)
        self.when = WhenFields(lambda field: self.errors.clear_field(field))
        self.start_edit = self.when.start_edit
        self.end_edit = self.when.end_edit
        self.all_day_check = self.when.all_day_check
        self.no_end_check = self.when.no_end_check
        self.zone_combo = self.when.zone_combo
        self.zone_hint = self.when.zone_hint
        self.venue_edit = QLineEdit()
        self.venue_edit.setPlaceholderText("Centro de Congressos")
        self.city_edit = QLineEdit()
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("https://")
        self.organiser_edit = QLineEdit()
        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(90)
        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText("Comma separated, like python, community")
        # Read-only: the rule came from a calendar file and goes back into .ics exports; the
        # form edits the first date only. Stopping the series is the one change offered.
        self.repeats_label = plain_label(wrap=True)
        self.stop_repeating_check = QCheckBox("Stop repeating")
        self.stop_repeating_check.setToolTip(
            "Save this as a one-off event on the date above: the repeat rule from the\n"
            "imported calendar is removed, also from later .ics exports."
        )
        self.stop_repeating_check.toggled.connect(lambda on: self.repeats_label.setEnabled(not on))

        self.repeats_row = QWidget()
        # The check goes under the words: beside them it left a rule like "Weekly on Tuesday
        # until 29 Jun 2027, except 2 dates" half the width and broke it over two lines.
        repeats_layout = QVBoxLayout(self.repeats_row)
        repeats_layout.setContentsMargins(0, 0, 0, 0)
        repeats_layout.setSpacing(2)
        repeats_layout.addWidget(self.repeats_label)
        repeats_layout.addWidget(self.stop_repeating_check)

        form, self.errors = error_form()
        self._form = form
        self.errors.add_row("&Name", self.name_edit, "name")
        self.errors.add_row("&Kind", self.kind_combo, "kind")
        self.errors.add_row("&Starts", self.when.start_row, "starts_at")
        self.errors.add_row("&Ends", self.when.end_row, "ends_at")
        self.errors.add_row("Time &zone", self.when.zone_row, "timezone")
        self.errors.add_row("Repeats", self.repeats_row, "recurrence")
        self.errors.add_row("&Venue", self.venue_edit, "venue")
        self.errors.add_row("&City", self.city_edit, "city")
        self.errors.add_row("&Website", self.url_edit, "url")
        self.errors.add_row("&Organiser", self.organiser_edit, "organiser")
        self.errors.add_row("&Description", self.description_edit, "description")
        self.errors.add_row("&Tags", self.tags_edit, "tags")
        self.errors.add_row("", QWidget(), "form")
        set_buddy(form, self.start_edit)
        set_buddy(form, self.end_edit)
        set_buddy(form, self.zone_combo)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self._show_repeats("")
        if event_id is None:
            self.setWindowTitle("New event")
            self.ok_button.setText("Add event")
            self.when.start_new()
        else:
            self._load(event_id)
        self.when.follow_changes()
        # What the user changes is told from this when saving: an import of the event's .ics
        # may move it meanwhile, and what the user left alone must not undo that.
        self._opened: EventInput | None = None
        self._file = file_mark(services)
        if event_id is not None:
            with contextlib.suppress(ValidationError):  # a stored zone the form cannot name
                self._opened = self.value()
        self.name_edit.setFocus()

    def _load(self, event_id: int) -> None:
        detail = self._services.events.get(event_id)
        self.setWindowTitle(window_title(f"Edit {detail.name}"))
        self.ok_button.setText("Save")
        self.name_edit.setText(detail.name)
        kind = self.kind_combo.findData(detail.kind)
        if kind < 0:  # a kind from an import that the list does not know: keep it
            self.kind_combo.addItem(detail.kind.capitalize(), detail.kind)
            kind = self.kind_combo.count() - 1
        self.kind_combo.setCurrentIndex(kind)
        self.when.load(detail)
        self.venue_edit.setText(detail.venue)
        self.city_edit.setText(detail.city)
        self.url_edit.setText(detail.url)
        self.organiser_edit.setText(detail.organiser)
        self.description_edit.setPlainText(detail.description)
        self.tags_edit.setText(", ".join(detail.tags))
        self._show_repeats(detail.repeats)

    def _show_repeats(self, repeats: str) -> None:
        # Beside the "Repeats" label: "Every 2 weeks on Monday", "Custom rule".
        said = repeats.removeprefix("Repeats").strip().strip("()")
        self.repeats_label.setText(said[:1].upper() + said[1:])
        # The row's field is the wrapper that holds it and its error line.
        wrapper = self.repeats_row.parentWidget()
        assert wrapper is not None
        self._form.setRowVisible(wrapper, bool(repeats))

    def value(self) -> EventInput:
        """What the form holds; ValidationError for a zone name that is no zone."""
        starts_at, ends_at, timezone, all_day = self.when.times()
        return EventInput(
            name=self.name_edit.text(),
            kind=str(self.kind_combo.currentData()),
            starts_at=starts_at,
            ends_at=ends_at,
            timezone=timezone,
            all_day=all_day,
            venue=self.venue_edit.text(),
            city=self.city_edit.text(),
            url=self.url_edit.text(),
            organiser=self.organiser_edit.text(),
            description=self.description_edit.toPlainText(),
            tags=clean_tag_names(self.tags_edit.text().split(",")),
            # None keeps the series as it is; the form changes only its first date.
            recurrence="" if self.stop_repeating_check.isChecked() else None,
        )

    def save(self) -> None:
        self.errors.clear()
        if self.event_id is not None and (stale := replaced_since(self._services, self._file)):
            self.errors.show({"form": stale})
            return
        try:
            data = self.value()
            if self.event_id is None:
                self.event_id = self._services.events.create(data)
            else:
                self._services.events.update(self.event_id, data, self._opened)
        except ValidationError as exc:
            self.errors.show(exc.errors)
            self._focus_first_error(exc.errors)
            return
        except ServiceError as exc:
            # Busy, read-only, or the event deleted elsewhere: the form stays open with what
            # was typed, to be copied or saved again.
            self.errors.show({"form": str(exc)})
            return
        self.accept()

    def _focus_first_error(self, errors: dict[str, str]) -> None:
        fields: dict[str, QWidget] = {
            "name": self.name_edit,
            "kind": self.kind_combo,
            "starts_at": self.start_edit,
            "ends_at": self.end_edit,
            "timezone": self.zone_combo,
            "url": self.url_edit,
        }
        for name in errors:
            if name in fields:
                fields[name].setFocus()
                return
