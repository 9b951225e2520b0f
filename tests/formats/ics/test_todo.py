"""Follow-ups as VTODOs (formats.ics.todo): read as phones and clients write them, written back
with everything netdesk does not own as the server had it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from netdesk.formats.ics.todo import NotATask, TaskRecord, read_task, task_text
from tests.formats.three_parsers import parse_with_icaljs

# Apple Reminders (iOS 17) as iCloud stores it: a time-zoned due time, an alarm, sort order.
APPLE = (
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//Apple Inc.//iOS 17.2//EN\r\n"
    "CALSCALE:GREGORIAN\r\n"
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Europe/Berlin\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "TZOFFSETFROM:+0100\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "DTSTART:19810329T020000\r\n"
    "TZNAME:CEST\r\n"
    "TZOFFSETTO:+0200\r\n"
    "END:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\n"
    "TZOFFSETFROM:+0200\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "DTSTART:19961027T030000\r\n"
    "TZNAME:CET\r\n"
    "TZOFFSETTO:+0100\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n"
    "BEGIN:VTODO\r\n"
    "CREATED:20261201T100000Z\r\n"
    "DTSTAMP:20261201T100500Z\r\n"
    "DUE;TZID=Europe/Berlin:20261210T090000\r\n"
    "DTSTART;TZID=Europe/Berlin:20261210T090000\r\n"
    "LAST-MODIFIED:20261201T100500Z\r\n"
    "PRIORITY:1\r\n"
    "SEQUENCE:2\r\n"
    "STATUS:NEEDS-ACTION\r\n"
    "SUMMARY:Send Ada the slides\r\n"
    "UID:6E7C1A2B-0F5D-4B0E-9A51-3C2D1E0F9A8B\r\n"
    "X-APPLE-SORT-ORDER:723456789\r\n"
    "BEGIN:VALARM\r\n"
    "ACTION:DISPLAY\r\n"
    "DESCRIPTION:Reminder\r\n"
    "TRIGGER;VALUE=DATE-TIME:20261210T080000Z\r\n"
    "UID:0A1B2C3D-ALARM\r\n"
    "X-WR-ALARMUID:0A1B2C3D-ALARM\r\n"
    "END:VALARM\r\n"
    "END:VTODO\r\n"
    "END:VCALENDAR\r\n"
)

# DAVx5 syncing jtx Board / tasks.org (ical4j): a date-only due, categories, a parent task,
# the Android app's own properties; LF line ends and a folded description.
DAVX5 = (
    "BEGIN:VCALENDAR\n"
    "VERSION:2.0\n"
    "PRODID:+//IDN bitfire.at//ical4android (org.tasks)\n"
    "BEGIN:VTODO\n"
    "DTSTAMP:20261202T081500Z\n"
    "UID:3170617296783512345\n"
    "CREATED:20261202T081400Z\n"
    "LAST-MODIFIED:20261202T081500Z\n"
    "SUMMARY:Call Grace about the keynote\\, before Friday\n"
    "DESCRIPTION:She asked for a call after the conference\\nNumber is on her \n"
    " card\\; ask for the slides too\n"
    "PRIORITY:5\n"
    "CATEGORIES:Conference,Calls\n"
    "RELATED-TO:3170617296783500000\n"
    "X-APPLE-SORT-ORDER:-1\n"
    "DUE;VALUE=DATE:20261211\n"
    "STATUS:NEEDS-ACTION\n"
    "PERCENT-COMPLETE:40\n"
    "X-TASKS-ORG-ID:42\n"
    "END:VTODO\n"
    "END:VCALENDAR\n"
)

# Thunderbird (Lightning), ticked done: COMPLETED, PERCENT-COMPLETE and X-MOZ properties.
THUNDERBIRD_DONE = (
    "BEGIN:VCALENDAR\r\n"
    "PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\r\n"
    "VERSION:2.0\r\n"
    "BEGIN:VTODO\r\n"
    "CREATED:20261203T120000Z\r\n"
    "LAST-MODIFIED:20261204T090000Z\r\n"
    "DTSTAMP:20261204T090000Z\r\n"
    "UID:9a6b2c1e-1d3f-4e5a-8b7c-6d5e4f3a2b1c\r\n"
    "SUMMARY:Thank Linus for the intro\r\n"
    "STATUS:COMPLETED\r\n"
    "COMPLETED:20261204T085959Z\r\n"
    "PERCENT-COMPLETE:100\r\n"
    "X-NETDESK-FOLLOWUP-ID:17\r\n"
    "X-MOZ-GENERATION:3\r\n"
    "CLASS:PRIVATE\r\n"
    "END:VTODO\r\n"
    "END:VCALENDAR\r\n"
)


def _lines(text: str) -> list[str]:
    """Content lines of a text, unfolded."""
    return text.replace("\r\n", "\n").replace("\n ", "").splitlines()


def _vtodo_lines(text: str) -> set[str]:
    lines = _lines(text)
    return set(lines[lines.index("BEGIN:VTODO") : lines.index("END:VTODO")])


def test_apple_reminders_task_reads_with_its_due_day_in_its_zone() -> None:
    task = read_task(APPLE)
    assert task.uid == "6E7C1A2B-0F5D-4B0E-9A51-3C2D1E0F9A8B"
    assert task.summary == "Send Ada the slides"
    assert task.due == date(2026, 12, 10)
    assert not task.done and task.completed_at is None
    assert "X-APPLE-SORT-ORDER:723456789" in task.extra_lines
    assert "BEGIN:VALARM" in task.extra_lines


def test_davx5_task_reads_escaped_folded_text() -> None:
    task = read_task(DAVX5)
    assert task.summary == "Call Grace about the keynote, before Friday"
    assert task.description == (
        "She asked for a call after the conference\nNumber is on her card; ask for the slides too"
    )
    assert task.due == date(2026, 12, 11)
    assert not task.done


def test_a_task_ticked_done_in_thunderbird_reads_done_with_its_utc_time() -> None:
    task = read_task(THUNDERBIRD_DONE)
    assert task.done
    assert task.completed_at == datetime(2026, 12, 4, 8, 59, 59, tzinfo=UTC)
    assert task.netdesk_id == "17"


@pytest.mark.parametrize("text", [APPLE, DAVX5, THUNDERBIRD_DONE], ids=["apple", "davx5", "tb"])
def test_an_unchanged_task_is_written_back_as_the_server_had_it(text: str) -> None:
    again = task_text(read_task(text), text)
    assert read_task(again) == read_task(text)
    assert _vtodo_lines(again) == _vtodo_lines(text)  # DTSTAMP and LAST-MODIFIED too
    assert Calendar.from_ical(again).walk("VTODO")


def test_done_in_netdesk_writes_what_every_client_reads(frozen_now: datetime) -> None:
    task = read_task(APPLE)
    task.done = True
    text = task_text(task, APPLE)
    lines = _vtodo_lines(text)
    assert {"STATUS:COMPLETED", "PERCENT-COMPLETE:100"} <= lines
    assert f"COMPLETED:{frozen_now.strftime('%Y%m%dT%H%M%SZ')}" in lines
    assert f"DTSTAMP:{frozen_now.strftime('%Y%m%dT%H%M%SZ')}" in lines
    assert "SEQUENCE:3" in lines
    # The phone's alarm, priority, start, sort order and time zone stay.
    for kept in (
        "DUE;TZID=Europe/Berlin:20261210T090000",
        "DTSTART;TZID=Europe/Berlin:20261210T090000",
        "PRIORITY:1",
        "X-APPLE-SORT-ORDER:723456789",
        "TRIGGER;VALUE=DATE-TIME:20261210T080000Z",
        "X-WR-ALARMUID:0A1B2C3D-ALARM",
    ):
        assert kept in lines
    assert "TZID:Europe/Berlin" in _lines(text)
    done = read_task(text)
    assert done.done and done.completed_at == frozen_now.replace(microsecond=0)


def test_done_with_a_time_writes_it_in_utc() -> None:
    task = read_task(DAVX5)
    task.done = True
    task.completed_at = datetime(2026, 12, 5, 10, 30, tzinfo=UTC)
    assert "COMPLETED:20261205T103000Z" in _vtodo_lines(task_text(task, DAVX5))


def test_reopened_in_netdesk_is_needs_action_again() -> None:
    task = read_task(THUNDERBIRD_DONE)
    task.done = False
    lines = _vtodo_lines(task_text(task, THUNDERBIRD_DONE))
    assert "STATUS:NEEDS-ACTION" in lines
    assert not any(line.startswith(("COMPLETED", "PERCENT-COMPLETE")) for line in lines)
    assert {"X-MOZ-GENERATION:3", "CLASS:PRIVATE"} <= lines
    assert not read_task(task_text(task, THUNDERBIRD_DONE)).done


def test_an_open_task_keeps_the_servers_progress() -> None:
    task = read_task(DAVX5)
    task.summary = "Call Grace"
    lines = _vtodo_lines(task_text(task, DAVX5))
    assert {"PERCENT-COMPLETE:40", "STATUS:NEEDS-ACTION", "SUMMARY:Call Grace"} <= lines
    assert {"CATEGORIES:Conference,Calls", "RELATED-TO:3170617296783500000"} <= lines
    assert {"X-TASKS-ORG-ID:42", "PRIORITY:5", "CREATED:20261202T081400Z"} <= lines


def test_a_new_due_date_keeps_the_time_and_zone_and_drops_a_later_start() -> None:
    task = read_task(APPLE)
    task.due = date(2026, 12, 8)
    lines = _vtodo_lines(task_text(task, APPLE))
    assert "DUE;TZID=Europe/Berlin:20261208T090000" in lines
    assert not any(line.startswith("DTSTART") for line in lines)  # 10 Dec is after the due
    later = read_task(APPLE)
    later.due = date(2026, 12, 20)
    lines = _vtodo_lines(task_text(later, APPLE))
    assert {
        "DUE;TZID=Europe/Berlin:20261220T090000",
        "DTSTART;TZID=Europe/Berlin:20261210T090000",
    } <= lines
    assert read_task(task_text(later, APPLE)).due == date(2026, 12, 20)


def test_a_due_date_replaces_a_duration() -> None:
    text = DAVX5.replace("DUE;VALUE=DATE:20261211\n", "DTSTART;VALUE=DATE:20261209\nDURATION:P3D\n")
    task = read_task(text)
    assert task.due == date(2026, 12, 12)
    task.due = date(2026, 12, 14)
    lines = _vtodo_lines(task_text(task, text))
    assert "DUE;VALUE=DATE:20261214" in lines and "DTSTART;VALUE=DATE:20261209" in lines
    assert not any(line.startswith("DURATION") for line in lines)


def test_a_new_task_is_a_valid_calendar_with_netdesks_id(frozen_now: datetime) -> None:
    task = TaskRecord(
        uid="netdesk-followup-17@netdesk",
        summary="Follow up with Ada Lovelace: send the slides, today",
        due=date(2026, 12, 10),
        description="Ada Lovelace (Analytical Engines)\nMet at PyCon DE 2026; " + "x" * 120,
        netdesk_id="17",
    )
    text = task_text(task)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert text.endswith("END:VCALENDAR\r\n")
    lines = _vtodo_lines(text)
    assert {"DUE;VALUE=DATE:20261210", "STATUS:NEEDS-ACTION", "X-NETDESK-FOLLOWUP-ID:17"} <= lines
    assert "SUMMARY:Follow up with Ada Lovelace: send the slides\\, today" in lines
    (parsed,) = Calendar.from_ical(text).walk("VTODO")
    assert str(parsed["SUMMARY"]) == task.summary
    assert read_task(text) == task


def test_control_characters_go_no_further() -> None:
    task = TaskRecord(uid="u1", summary="Call\x00 Ada\x1b", description="a\x07b")
    back = read_task(task_text(task))
    assert (back.summary, back.description) == ("Call Ada", "ab")


def test_without_the_servers_text_the_tasks_own_extra_lines_are_kept() -> None:
    task = read_task(APPLE)
    task.summary = "Send Ada the slides today"
    lines = _vtodo_lines(task_text(task))
    assert {"PRIORITY:1", "X-APPLE-SORT-ORDER:723456789", "BEGIN:VALARM", "END:VALARM"} <= lines
    # Without the server's DUE line the due is a date, and a start with a time of day
    # cannot go with it (RFC 5545: DTSTART and DUE of one type).
    assert not any(line.startswith("DTSTART") for line in lines)
    assert "CREATED:20261201T100000Z" in read_task(task_text(task)).extra_lines


def test_a_calendar_without_a_task_is_said_in_words() -> None:
    event = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:e\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    with pytest.raises(NotATask, match="no task"):
        read_task(event)


def test_completed_without_a_status_and_in_a_zone_still_reads_done() -> None:
    text = THUNDERBIRD_DONE.replace("STATUS:COMPLETED\r\n", "").replace(
        "COMPLETED:20261204T085959Z", "COMPLETED;TZID=Europe/Berlin:20261204T095959"
    )
    task = read_task(text)
    assert task.done
    assert task.completed_at == datetime(2026, 12, 4, 8, 59, 59, tzinfo=UTC)


def test_a_repeating_tasks_changed_occurrence_stays_beside_it() -> None:
    occurrence = (
        "BEGIN:VTODO\r\nUID:r1\r\nRECURRENCE-ID;VALUE=DATE:20261218\r\n"
        "SUMMARY:Weekly call\r\nSTATUS:COMPLETED\r\nEND:VTODO\r\n"
    )
    master = "BEGIN:VTODO\r\nUID:r1\r\nSUMMARY:Weekly call\r\nRRULE:FREQ=WEEKLY\r\nEND:VTODO\r\n"
    text = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{occurrence}{master}END:VCALENDAR\r\n"
    task = read_task(text)
    assert (task.summary, task.done) == ("Weekly call", False)
    task.done = True
    out = task_text(task, text)
    assert "RECURRENCE-ID;VALUE=DATE:20261218" in _lines(out)
    assert "RRULE:FREQ=WEEKLY" in _lines(out)
    assert len(Calendar.from_ical(out).walk("VTODO")) == 2


def test_every_task_written_parses_in_ical_js_and_vobject(tmp_path: Path) -> None:
    texts = []
    for text in (APPLE, DAVX5, THUNDERBIRD_DONE):
        task = read_task(text)
        texts.append(task_text(task, text))
        task.done = not task.done
        task.due = date(2026, 12, 24)
        texts.append(task_text(task, text))
    texts.append(
        task_text(TaskRecord(uid="new", summary="Call, then; write\\ back", netdesk_id="1"))
    )
    files = []
    for number, text in enumerate(texts):
        vobject.readOne(text)
        files.append(tmp_path / f"task{number}.ics")
        files[-1].write_text(text, encoding="utf-8", newline="")
    parse_with_icaljs(*files)


def test_a_bare_task_with_stray_ends_is_written_as_one_whole_calendar() -> None:
    text = (
        "BEGIN:VTODO\r\nUID:x\r\nEND:VEVENT\r\nSUMMARY:Call Ada\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"
    )
    task = read_task(text)
    assert (task.uid, task.summary) == ("x", "Call Ada")
    out = task_text(task, text)
    assert _lines(out).count("END:VCALENDAR") == 1
    assert read_task(out) == task
    assert len(Calendar.from_ical(out).walk("VTODO")) == 1


_PIECES = [
    *_lines(APPLE),
    *_lines(DAVX5),
    *_lines(THUNDERBIRD_DONE),
    "DUE:2026",
    "DUE;TZID=Nowhere:20261301T250000",
    "COMPLETED:x",
    "DURATION:PXYZ",
    "SEQUENCE:99999999999999999999",
    "PERCENT-COMPLETE:abc",
    'UID;X="unclosed:1',
    "BEGIN:",
    "END:",
    ":",
]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=20), max_size=30))
def test_any_text_reads_as_a_task_or_says_it_is_none(pieces: list[str]) -> None:
    text = "\r\n".join(pieces)
    try:
        task = read_task(text)
    except NotATask:
        return
    if not task.uid:
        with pytest.raises(ValueError, match="needs a UID"):
            task_text(task, text)
        return
    assert read_task(task_text(task, text)).uid == task.uid
    task.done = not task.done
    assert read_task(task_text(task, text)).done == task.done


def test_a_task_keeps_the_servers_uid_line_and_needs_one() -> None:
    text = THUNDERBIRD_DONE.replace(
        "UID:9a6b2c1e-1d3f-4e5a-8b7c-6d5e4f3a2b1c", "UID;X-SOURCE=tb:9a6b2c1e"
    )
    task = read_task(text)
    assert task.uid == "9a6b2c1e"
    assert "UID;X-SOURCE=tb:9a6b2c1e" in _vtodo_lines(task_text(task, text))
    task.uid = ""
    assert "UID;X-SOURCE=tb:9a6b2c1e" in _vtodo_lines(task_text(task, text))
    with pytest.raises(ValueError, match="needs a UID"):
        task_text(TaskRecord(uid=" ", summary="Call"))
