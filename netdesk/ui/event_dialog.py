"""Create or edit an event; problems are shown beside the field and the dialog stays open."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime

from PySide6.QtCore import QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from netdesk.services.errors import NotFoundError, ServiceError, ValidationError
from netdesk.services.events import EventKind
from netdesk.services.records import EventInput
from netdesk.services.service_set import Services
from netdesk.services.tags import clean_tag_names
from netdesk.ui.dialog_parts import date_time_edit, error_form
from netdesk.ui.form_buddy import set_buddy
from netdesk.ui.plain_text import show_error, window_title


def local_zone_name() -> str:
    """The IANA name of the system's time zone, or "" when Qt reports something else."""
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")
    try:
        zoneinfo.ZoneInfo(name)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        return ""
    return name


def to_utc(value: QDateTime) -> datetime:
    """A QDateTimeEdit's local time as an aware UTC datetime (to the minute)."""
    return datetime.fromtimestamp(value.toSecsSinceEpoch() // 60 * 60, UTC)


def to_local_qt(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def _next_full_hour() -> QDateTime:
    now = QDateTime.currentDateTime()
    return QDateTime(now.date(), QTime(now.time().hour(), 0)).addSecs(3600)


class EventDialog(QDialog):
    def __init__(
        self, services: Services, event_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.event_id = event_id
        self._timezone = local_zone_name()
        self.setMinimumWidth(520)

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(f"PyCon Lisbon {date.today().year}")
        self.kind_combo = QComboBox()
        for kind in EventKind:
            self.kind_combo.addItem(kind.value.capitalize(), kind.value)
        self.start_edit = date_time_edit()
        self.end_edit = date_time_edit()
        self.no_end_check = QCheckBox("No end time")
        self.no_end_check.toggled.connect(lambda on: self.end_edit.setEnabled(not on))
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

        end_row = QWidget()
        end_layout = QHBoxLayout(end_row)
        end_layout.setContentsMargins(0, 0, 0, 0)
        end_layout.addWidget(self.end_edit, 1)
        end_layout.addWidget(self.no_end_check)

        form, self.errors = error_form()
        self.errors.add_row("&Name", self.name_edit, "name")
        self.errors.add_row("&Kind", self.kind_combo, "kind")
        self.errors.add_row("&Starts", self.start_edit, "starts_at")
        self.errors.add_row("&Ends", end_row, "ends_at")
        self.errors.add_row("&Venue", self.venue_edit, "venue")
        self.errors.add_row("&City", self.city_edit, "city")
        self.errors.add_row("&Website", self.url_edit, "url")
        self.errors.add_row("&Organiser", self.organiser_edit, "organiser")
        self.errors.add_row("&Description", self.description_edit, "description")
        self.errors.add_row("&Tags", self.tags_edit, "tags")
        self.errors.add_row("", QWidget(), "form")
        set_buddy(form, self.end_edit)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        if event_id is None:
            self.setWindowTitle("New event")
            self.ok_button.setText("Add event")
            start = _next_full_hour()
            self.start_edit.setDateTime(start)
            self.end_edit.setDateTime(start.addSecs(2 * 3600))
        else:
            self._load(event_id)
        # Moving the start carries the end along, keeping the length the user set.
        self._length = self.start_edit.dateTime().secsTo(self.end_edit.dateTime())
        self.start_edit.dateTimeChanged.connect(self._start_moved)
        self.end_edit.dateTimeChanged.connect(self._end_moved)
        # "The end must be after the start" is about both fields: moving either may fix it.
        self.start_edit.dateTimeChanged.connect(lambda _when: self.errors.clear_field("ends_at"))
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
        start = to_local_qt(detail.starts_at)
        self.start_edit.setDateTime(start)
        if detail.ends_at is None:
            self.end_edit.setDateTime(start.addSecs(2 * 3600))
            self.no_end_check.setChecked(True)
        else:
            self.end_edit.setDateTime(to_local_qt(detail.ends_at))
        # An imported event keeps the zone it was announced in.
        self._timezone = detail.timezone or self._timezone
        self.venue_edit.setText(detail.venue)
        self.city_edit.setText(detail.city)
        self.url_edit.setText(detail.url)
        self.organiser_edit.setText(detail.organiser)
        self.description_edit.setPlainText(detail.description)
        self.tags_edit.setText(", ".join(detail.tags))

    def _start_moved(self, start: QDateTime) -> None:
        if self._length > 0:
            self.end_edit.blockSignals(True)
            self.end_edit.setDateTime(start.addSecs(self._length))
            self.end_edit.blockSignals(False)

    def _end_moved(self, end: QDateTime) -> None:
        self._length = self.start_edit.dateTime().secsTo(end)

    def value(self) -> EventInput:
        return EventInput(
            name=self.name_edit.text(),
            kind=str(self.kind_combo.currentData()),
            starts_at=to_utc(self.start_edit.dateTime()),
            ends_at=None if self.no_end_check.isChecked() else to_utc(self.end_edit.dateTime()),
            timezone=self._timezone,
            venue=self.venue_edit.text(),
            city=self.city_edit.text(),
            url=self.url_edit.text(),
            organiser=self.organiser_edit.text(),
            description=self.description_edit.toPlainText(),
            tags=clean_tag_names(self.tags_edit.text().split(",")),
        )

    def save(self) -> None:
        self.errors.clear()
        data = self.value()
        try:
            if self.event_id is None:
                self.event_id = self._services.events.create(data)
            else:
                self._services.events.update(self.event_id, data)
        except ValidationError as exc:
            self.errors.show(exc.errors)
            self._focus_first_error(exc.errors)
            return
        except NotFoundError as exc:
            show_error(self, "Cannot save the event", str(exc))
            self.reject()
            return
        except ServiceError as exc:  # the database said no (busy, read-only): try again later
            self.errors.show({"form": str(exc)})
            return
        self.accept()

    def _focus_first_error(self, errors: dict[str, str]) -> None:
        fields: dict[str, QWidget] = {
            "name": self.name_edit,
            "kind": self.kind_combo,
            "starts_at": self.start_edit,
            "ends_at": self.end_edit,
            "url": self.url_edit,
        }
        for name in errors:
            if name in fields:
                fields[name].setFocus()
                return
