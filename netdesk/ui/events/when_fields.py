"""The event dialog's time fields: Starts, Ends, All day, No end time and the time zone, and
what ties them together (the end moves with the start, the zone's offset follows the start's
day, an all-day event has dates only and no zone)."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import QCheckBox, QDateTimeEdit, QHBoxLayout, QWidget

from netdesk.services.errors import ValidationError
from netdesk.services.records import EventDetail
from netdesk.ui.widgets import theme
from netdesk.ui.widgets.dates import (
    all_day_span,
    event_zone,
    offset_text,
    wall_clock_in,
    wall_clock_to_utc,
    zone_names,
)
from netdesk.ui.widgets.dialog_parts import (
    DATE_TIME_FORMAT,
    DUE_DATE_FORMAT,
    date_time_edit,
    from_qdate,
    time_zone_combo,
    to_qdate,
)
from netdesk.ui.widgets.plain_text import plain_label, tooltip_text

ZONE_TOOLTIP = (
    "Starts and Ends are times in this zone, as printed on the invitation.\n"
    "Changing the zone keeps the times you typed: an event at 18:00 in Berlin\n"
    "stays at 18:00 Berlin time, whichever zone you had picked first."
)
# Hours an all-day event shows when the user unticks "All day": a working day.
ALL_DAY_HOURS = (QTime(9, 0), QTime(17, 0))
ALL_DAY_ZONE_HINT = "Same dates in every zone"


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


def _next_full_hour() -> QDateTime:
    now = QDateTime.currentDateTime()
    return QDateTime(now.date(), QTime(now.time().hour(), 0)).addSecs(3600)


def _utc_midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _row(*widgets: QWidget) -> QWidget:
    """The widgets side by side, the first taking the spare width."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for n, widget in enumerate(widgets):
        layout.addWidget(widget, 1 if n == 0 else 0)
    return row


class WhenFields:
    """The fields and the rows that hold them (`start_row`, `end_row`, `zone_row`) for the
    dialog's form. `clear_error(field)` takes a field's error away once a change may fix it."""

    def __init__(self, clear_error: Callable[[str], object]) -> None:
        self._clear_error = clear_error
        self._local_zone = local_zone_name()
        # Any case will do ("europe/berlin"); the zone is saved as the database spells it.
        self._zone_names = {name.lower(): name for name in zone_names()}
        if self._local_zone:
            self._zone_names[self._local_zone.lower()] = self._local_zone
        self._unknown_stored_zone = ""
        self._length = 0

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
        self.start_row = _row(self.start_edit, self.all_day_check)
        self.end_row = _row(self.end_edit, self.no_end_check)
        self.zone_row = _row(self.zone_combo, self.zone_hint)

    def start_new(self) -> None:
        """A new event: from the next full hour, for two hours."""
        start = _next_full_hour()
        self.start_edit.setDateTime(start)
        self.end_edit.setDateTime(start.addSecs(2 * 3600))

    def load(self, detail: EventDetail) -> None:
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

    def follow_changes(self) -> None:
        """From now on (the fields filled), the fields keep each other right."""
        # Moving the start carries the end along, keeping the length the user set.
        self._length = self.start_edit.dateTime().secsTo(self.end_edit.dateTime())
        self.start_edit.dateTimeChanged.connect(self._start_moved)
        self.end_edit.dateTimeChanged.connect(self._end_moved)
        # "The end must be after the start" is about both fields: moving either may fix it.
        self.start_edit.dateTimeChanged.connect(lambda _when: self._clear_error("ends_at"))
        # The offset depends on the day (summer time), so it follows the start too. The typed
        # times stay as they are when the zone changes: they are the event's own clock.
        self.zone_combo.currentTextChanged.connect(self._show_offset)
        self.start_edit.dateTimeChanged.connect(self._show_offset)
        self.all_day_check.toggled.connect(self._all_day_toggled)
        self._show_offset()

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
        self._clear_error("ends_at")

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

    def times(self) -> tuple[datetime, datetime | None, str, bool]:
        """Starts, ends, the zone's name and whether all day, as stored; ValidationError for a
        zone name that is no zone."""
        if self.all_day_check.isChecked():
            starts_at = _utc_midnight(from_qdate(self.start_edit.date()))
            # Stored as the midnight after the last day, as iCalendar does.
            ends_at = _utc_midnight(from_qdate(self.end_edit.date()) + timedelta(days=1))
            return starts_at, ends_at, "", True
        name = self._zone_name()
        if name is None:
            typed = self.zone_combo.currentText().strip()
            hint = "Type a city, like Berlin, to find its zone."
            raise ValidationError({"timezone": f"Unknown time zone “{typed}”. {hint}"})
        zone = event_zone(name)
        starts_at = wall_clock_to_utc(wall_clock(self.start_edit), zone)
        if self.no_end_check.isChecked():
            return starts_at, None, name, False
        return starts_at, wall_clock_to_utc(wall_clock(self.end_edit), zone), name, False
