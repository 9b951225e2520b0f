"""Create or edit an event; problems are shown beside the field and the dialog stays open."""

from __future__ import annotations

import contextlib
import zoneinfo
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
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
from netdesk.ui.events.dates import (
    all_day_span,
    event_zone,
    offset_text,
    wall_clock_in,
    wall_clock_to_utc,
    zone_names,
)
from netdesk.ui.file_replaced import file_mark, replaced_since
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.dialog_parts import (
    DATE_TIME_FORMAT,
    DUE_DATE_FORMAT,
    date_time_edit,
    error_form,
    from_qdate,
    time_zone_combo,
    to_qdate,
)
from netdesk.ui.widgets.form_buddy import set_buddy
from netdesk.ui.widgets.plain_text import plain_label, tooltip_text, window_title

ZONE_TOOLTIP = (
    "Starts and Ends are times in this zone, as printed on the invitation.\n"
    "Changing the zone keeps the times you typed: an event at 18:00 in Berlin\n"
    "stays at 18:00 Berlin time, whichever zone you had picked first."
)


def local_zone_name() -> str:
    """The IANA name of the system's time zone, or "" when Qt reports something else."""
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")
    try:
        zoneinfo.ZoneInfo(name)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        return ""
    return name


def wall_clock(edit: QDateTimeEdit) -> datetime:
    """The date and time a field shows (to the minute), naive: the dialog's zone says where."""
    day, time = edit.date(), edit.time()
    return datetime(day.year(), day.month(), day.day(), time.hour(), time.minute())


def show_wall_clock(edit: QDateTimeEdit, wall: datetime) -> None:
    edit.setDateTime(
        QDateTime(QDate(wall.year, wall.month, wall.day), QTime(wall.hour, wall.minute))
    )


# Hours an all-day event shows when the user unticks "All day": a working day.
ALL_DAY_HOURS = (QTime(9, 0), QTime(17, 0))
ALL_DAY_ZONE_HINT = "Same dates in every zone"


def _next_full_hour() -> QDateTime:
    now = QDateTime.currentDateTime()
    return QDateTime(now.date(), QTime(now.time().hour(), 0)).addSecs(3600)


def _utc_midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


class EventDialog(QDialog):
    def __init__(
        self, services: Services, event_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.event_id = event_id
        self._local_zone = local_zone_name()
        # Any case will do ("europe/berlin"); the zone is saved as the database spells it.
        self._zone_names = {name.lower(): name for name in zone_names()}
        if self._local_zone:
            self._zone_names[self._local_zone.lower()] = self._local_zone
        self._unknown_stored_zone = ""
        self.setMinimumWidth(520)

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(f"PyCon Lisbon {clock.today().year}")
        self.kind_combo = QComboBox()
        for kind in EventKind:
            self.kind_combo.addItem(kind.value.capitalize(), kind.value)
        self.start_edit = date_time_edit()
        self.end_edit = date_time_edit()
        self.all_day_check = QCheckBox("All day")
        self.all_day_check.setToolTip(
            "A conference day or a holiday: dates without hours, the same in every time zone.\n"
            "Starts is the first day and Ends the last."
        )
        self.no_end_check = QCheckBox("No end time")
        self.no_end_check.toggled.connect(lambda on: self.end_edit.setEnabled(not on))
        self.zone_combo = time_zone_combo(sorted(self._zone_names.values()), self._local_zone)
        self.zone_combo.setToolTip(ZONE_TOOLTIP)
        self.zone_hint = plain_label()
        theme.colour(self.zone_hint, theme.muted)
        self.zone_hint.setToolTip(ZONE_TOOLTIP)
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

        start_row = QWidget()
        start_layout = QHBoxLayout(start_row)
        start_layout.setContentsMargins(0, 0, 0, 0)
        start_layout.addWidget(self.start_edit, 1)
        start_layout.addWidget(self.all_day_check)
        end_row = QWidget()
        end_layout = QHBoxLayout(end_row)
        end_layout.setContentsMargins(0, 0, 0, 0)
        end_layout.addWidget(self.end_edit, 1)
        end_layout.addWidget(self.no_end_check)
        zone_row = QWidget()
        zone_layout = QHBoxLayout(zone_row)
        zone_layout.setContentsMargins(0, 0, 0, 0)
        zone_layout.addWidget(self.zone_combo, 1)
        zone_layout.addWidget(self.zone_hint)
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
        self.errors.add_row("&Starts", start_row, "starts_at")
        self.errors.add_row("&Ends", end_row, "ends_at")
        self.errors.add_row("Time &zone", zone_row, "timezone")
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
        # The offset depends on the day (summer time), so it follows the start too. The typed
        # times stay as they are when the zone changes: they are the event's own clock.
        self.zone_combo.currentTextChanged.connect(self._show_offset)
        self.start_edit.dateTimeChanged.connect(self._show_offset)
        self.all_day_check.toggled.connect(self._all_day_toggled)
        self._show_offset()
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
        # Times are shown on the event's own clock; without a zone we know, on this computer's.
        zone = event_zone(detail.timezone)
        if zone is None:
            self._unknown_stored_zone = detail.timezone.strip()
            # Imports may carry names like "W. Europe Standard Time": say why it was swapped.
            self.zone_hint.setToolTip(
                tooltip_text(
                    f"This event was saved with the time zone “{detail.timezone}”,",
                    "which this computer does not know, so its times are shown in your zone.",
                )
            )
        else:
            self.zone_combo.setCurrentText(self._zone_names.get(str(zone).lower(), str(zone)))
        if detail.all_day:
            # Its own dates (midnights UTC), not moved to this computer's zone.
            first, last = all_day_span(detail.starts_at, detail.ends_at)
            self.start_edit.setDateTime(QDateTime(to_qdate(first), ALL_DAY_HOURS[0]))
            self.end_edit.setDateTime(QDateTime(to_qdate(last), ALL_DAY_HOURS[1]))
            self.all_day_check.setChecked(True)
            self._show_all_day(True)
        elif detail.ends_at is None:
            show_wall_clock(self.start_edit, wall_clock_in(detail.starts_at, zone))
            self.end_edit.setDateTime(self.start_edit.dateTime().addSecs(2 * 3600))
            self.no_end_check.setChecked(True)
        else:
            show_wall_clock(self.start_edit, wall_clock_in(detail.starts_at, zone))
            show_wall_clock(self.end_edit, wall_clock_in(detail.ends_at, zone))
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

    def _all_day_toggled(self, on: bool) -> None:
        if on:
            # The days the event covers; working hours behind them for when it is unticked.
            start, end = self.start_edit.dateTime(), self.end_edit.dateTime()
            over_a_day = not self.no_end_check.isChecked() and start.secsTo(end) >= 24 * 3600
            last = end.date() if over_a_day else start.date()
            for edit, when in (
                (self.start_edit, QDateTime(start.date(), ALL_DAY_HOURS[0])),
                (self.end_edit, QDateTime(last, ALL_DAY_HOURS[1])),
            ):
                edit.blockSignals(True)
                edit.setDateTime(when)
                edit.blockSignals(False)
            self._length = self.start_edit.dateTime().secsTo(self.end_edit.dateTime())
        self._show_all_day(on)
        self.errors.clear_field("ends_at")

    def _show_all_day(self, on: bool) -> None:
        """Dates only in Starts and Ends, no "No end time", no zone: an all-day event has
        none of them."""
        for edit in (self.start_edit, self.end_edit):
            # A format without hours sets the time to 00:00: keep it for when it comes back.
            kept = edit.dateTime()
            edit.blockSignals(True)
            edit.setDisplayFormat(DUE_DATE_FORMAT if on else DATE_TIME_FORMAT)
            edit.setDateTime(kept)
            edit.blockSignals(False)
        self.no_end_check.setVisible(not on)
        self.end_edit.setEnabled(on or not self.no_end_check.isChecked())
        self.zone_combo.setEnabled(not on)
        self._show_offset()

    def _start_moved(self, start: QDateTime) -> None:
        if self._length > 0:
            self.end_edit.blockSignals(True)
            self.end_edit.setDateTime(start.addSecs(self._length))
            self.end_edit.blockSignals(False)

    def _end_moved(self, end: QDateTime) -> None:
        self._length = self.start_edit.dateTime().secsTo(end)

    def _zone_name(self) -> str | None:
        """The chosen zone as the database spells it; "" for this computer's zone when Qt
        gives no IANA name for it; None when the text names no zone."""
        text = self.zone_combo.currentText().strip()
        return self._zone_names.get(text.lower()) if text else self._local_zone

    def _show_offset(self) -> None:
        if self.all_day_check.isChecked():
            self.zone_hint.setText(ALL_DAY_ZONE_HINT)
            return
        name = self._zone_name()
        if name is None:
            self.zone_hint.setText("Pick a zone from the list")
            return
        zone = event_zone(name)
        text = offset_text(wall_clock_to_utc(wall_clock(self.start_edit), zone).astimezone(zone))
        if self._unknown_stored_zone and name == self._local_zone:
            text = f"{text} · saved zone unknown"
        self.zone_hint.setText(text)

    def value(self) -> EventInput:
        """What the form holds; ValidationError for a zone name that is no zone."""
        if self.all_day_check.isChecked():
            return self._value(
                starts_at=_utc_midnight(from_qdate(self.start_edit.date())),
                # Stored as the midnight after the last day, as iCalendar does.
                ends_at=_utc_midnight(from_qdate(self.end_edit.date()) + timedelta(days=1)),
                timezone="",
                all_day=True,
            )
        name = self._zone_name()
        if name is None:
            typed = self.zone_combo.currentText().strip()
            hint = "Type a city, like Berlin, to find its zone."
            raise ValidationError({"timezone": f"Unknown time zone “{typed}”. {hint}"})
        zone = event_zone(name)
        return self._value(
            starts_at=wall_clock_to_utc(wall_clock(self.start_edit), zone),
            ends_at=None
            if self.no_end_check.isChecked()
            else wall_clock_to_utc(wall_clock(self.end_edit), zone),
            timezone=name,
            all_day=False,
        )

    def _value(
        self, starts_at: datetime, ends_at: datetime | None, timezone: str, all_day: bool
    ) -> EventInput:
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
