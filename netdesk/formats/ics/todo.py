"""A follow-up as a task on a CalDAV task list: one VCALENDAR with one VTODO, both ways.

netdesk owns the task's title (SUMMARY), notes (DESCRIPTION), due date (DUE), done state
(STATUS, PERCENT-COMPLETE, COMPLETED) and its own id (X-NETDESK-FOLLOWUP-ID); DTSTAMP and
LAST-MODIFIED say when it changed. Everything else a phone or another client put there (alarms,
categories, priority, start date, repeat rules, Apple's and Thunderbird's X- properties, time
zones) comes back as the server had it when `task_text` is given the server's last text.

Where netdesk's value did not change, the server's line is written back as it was, so a due
time of day ("DUE;TZID=Europe/Berlin:20261210T090000" is 10 December for netdesk) or a
COMPLETED time survives; a new due date keeps the old line's time and zone. Done is what the
clients write: STATUS:COMPLETED with COMPLETED (UTC) and PERCENT-COMPLETE:100 (Thunderbird and
tasks.org read the percentage); reopened, STATUS:NEEDS-ACTION, or IN-PROCESS / CANCELLED when
the server said so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from icalendar import vDuration

from netdesk import clock
from netdesk.formats.ics.calendar_lines import (
    Calendar,
    Component,
    component_lines,
    date_text,
    moment_value,
    next_sequence,
    parse_calendar,
    parts,
    property_name,
    text_line,
    text_value,
    utc_text,
    write_lines,
)

PRODID = "-//netdesk//netdesk//EN"
NETDESK_ID = "X-NETDESK-FOLLOWUP-ID"
# The properties task_text writes itself; any other line of the VTODO is the server's.
OWNED = frozenset(
    {
        "UID",
        "DTSTAMP",
        "SUMMARY",
        "DESCRIPTION",
        "DUE",
        "STATUS",
        "PERCENT-COMPLETE",
        "COMPLETED",
        "LAST-MODIFIED",
        NETDESK_ID,
    }
)
_STAMPS = frozenset({"DTSTAMP", "LAST-MODIFIED"})
_OPEN_STATES = frozenset({"NEEDS-ACTION", "IN-PROCESS", "CANCELLED"})


class NotATask(ValueError):
    """The text holds no VTODO."""


@dataclass
class TaskRecord:
    """A VTODO as netdesk sees it. `extra_lines`: the VTODO's other lines (unfolded; alarms as
    their BEGIN..END lines after the properties), for writing without the server's text."""

    uid: str
    summary: str = ""
    due: date | None = None
    done: bool = False
    completed_at: datetime | None = None
    description: str = ""
    netdesk_id: str = ""
    extra_lines: list[str] = field(default_factory=list)


def read_task(text: str) -> TaskRecord:
    """The task of a calendar object resource; NotATask when it has no VTODO."""
    todo = _master(parse_calendar(text))
    if todo is None:
        raise NotATask("there is no task (VTODO) in this calendar item")
    status = text_value(todo.first("STATUS")).upper()
    completed = moment_value(todo.first("COMPLETED"))
    if isinstance(completed, datetime):
        completed_at: datetime | None = completed.astimezone(UTC)
    elif isinstance(completed, date):
        completed_at = datetime(completed.year, completed.month, completed.day, tzinfo=UTC)
    else:
        completed_at = None
    if status == "COMPLETED":
        done = True
    elif status in _OPEN_STATES:
        done = False
    else:
        done = completed_at is not None or _percent(todo) >= 100
    extra = [line for line in todo.lines if property_name(line) not in OWNED]
    for block in todo.nested:
        extra.extend(block)
    return TaskRecord(
        uid=text_value(todo.first("UID")),
        summary=text_value(todo.first("SUMMARY")),
        due=_due(todo),
        done=done,
        completed_at=completed_at,
        description=text_value(todo.first("DESCRIPTION")),
        netdesk_id=text_value(todo.first(NETDESK_ID)),
        extra_lines=extra,
    )


def task_text(task: TaskRecord, base_text: str = "") -> str:
    """The task as a VCALENDAR with one VTODO (CRLF, folded). With `base_text` (the server's
    last text of this item) every line netdesk does not own is kept as the server had it;
    without it, the task's `extra_lines` are."""
    calendar = parse_calendar(base_text) if base_text else Calendar()
    base = _master(calendar)
    if base is None:
        base = _from_extra(task.extra_lines)
    kept = [line for line in base.lines if property_name(line) not in OWNED]
    owned = _owned_lines(task, base)
    due = owned.get("DUE")
    if due is not None:
        kept = _fit_start(kept, moment_value(due))
    previous = {name: base.first(name) for name in OWNED - _STAMPS}
    changed = (
        not base_text
        or {name: line for name, line in previous.items() if line is not None}
        != {"UID": _uid_line(task, base), **owned}
        or any(property_name(line) not in OWNED and line not in kept for line in base.lines)
    )
    now = clock.now()
    stamp = base.first("DTSTAMP")
    if changed or stamp is None:
        stamp = f"DTSTAMP:{utc_text(now)}"
    modified = base.first("LAST-MODIFIED")
    if changed:
        modified = f"LAST-MODIFIED:{utc_text(now)}"
        kept = [next_sequence(line) for line in kept]
    lines = [_uid_line(task, base), stamp, *owned.values()]
    if modified is not None:
        lines.append(modified)
    todo = Component("VTODO", [*lines, *kept], base.nested)
    out = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}"]
    out += [line for line in calendar.lines if property_name(line) not in ("VERSION", "PRODID")]
    placed = False
    for component in calendar.components:
        if component.name == "VTODO" and component is _master(calendar):
            out += component_lines(todo)
            placed = True
        else:
            out += component_lines(component)
    if not placed:
        out += component_lines(todo)
    out.append("END:VCALENDAR")
    return write_lines(out)


def _master(calendar: Calendar) -> Component | None:
    """The VTODO that is not one changed occurrence of a repeating task (RECURRENCE-ID)."""
    todos = [c for c in calendar.components if c.name == "VTODO"]
    return next((c for c in todos if c.first("RECURRENCE-ID") is None), None) or (
        todos[0] if todos else None
    )


def _from_extra(extra_lines: list[str]) -> Component:
    component = Component("VTODO")
    depth = 0
    for line in extra_lines:
        name = property_name(line)
        if name == "BEGIN":
            if depth == 0:
                component.nested.append([])
            depth += 1
        if depth:
            component.nested[-1].append(line)
        else:
            component.lines.append(line)
        if name == "END" and depth:
            depth -= 1
    return component


def _uid_line(task: TaskRecord, base: Component) -> str:
    """The server's UID line while it names the task (or the task names none)."""
    line = base.first("UID")
    uid = task.uid.strip()
    if line is not None and (not uid or text_value(line) == uid):
        return line
    if not uid:
        raise ValueError("a task needs a UID to be written")
    return text_line("UID", uid)


def _owned_lines(task: TaskRecord, base: Component) -> dict[str, str]:
    """netdesk's properties, each the server's line where its value did not change."""
    owned: dict[str, str] = {}
    for name, value in (("SUMMARY", task.summary), ("DESCRIPTION", task.description)):
        line = base.first(name)
        if line is not None and text_value(line) == value.strip():
            owned[name] = line
        elif value.strip():
            owned[name] = text_line(name, value.strip())
    if task.due is not None:
        owned["DUE"] = _due_line(task.due, base)
    status = text_value(base.first("STATUS")).upper()
    percent = _percent(base)
    if task.done:
        owned["STATUS"] = "STATUS:COMPLETED"
        owned["PERCENT-COMPLETE"] = "PERCENT-COMPLETE:100"
        line = base.first("COMPLETED")
        if task.completed_at is None and line is not None:
            owned["COMPLETED"] = line
        elif task.completed_at is not None and moment_value(line) == task.completed_at:
            owned["COMPLETED"] = line or ""
        else:
            owned["COMPLETED"] = f"COMPLETED:{utc_text(task.completed_at or clock.now())}"
    else:
        owned["STATUS"] = f"STATUS:{status if status in _OPEN_STATES else 'NEEDS-ACTION'}"
        if 0 < percent < 100:
            owned["PERCENT-COMPLETE"] = f"PERCENT-COMPLETE:{percent}"
    if task.netdesk_id:
        line = base.first(NETDESK_ID)
        keep = line is not None and text_value(line) == task.netdesk_id
        owned[NETDESK_ID] = line if keep and line else text_line(NETDESK_ID, task.netdesk_id)
    # The server's own spelling of what did not change ("STATUS:completed" stays as it was).
    for name in ("STATUS", "PERCENT-COMPLETE"):
        line = base.first(name)
        if name in owned and line is not None and _same(line, owned[name]):
            owned[name] = line
    return owned


def _same(line: str, other: str) -> bool:
    one, two = parts(line), parts(other)
    return bool(one and two and one[2].strip().upper() == two[2].strip().upper())


def _due(todo: Component) -> date | None:
    due = moment_value(todo.first("DUE"))
    if due is None:
        start = moment_value(todo.first("DTSTART"))
        found = parts(todo.first("DURATION") or "")
        if start is None or found is None:
            return None
        try:
            length = vDuration.from_ical(found[2].strip())
        except ValueError:
            return None
        due = start + length if isinstance(length, timedelta) else None
    if isinstance(due, datetime):
        return due.date()  # the day as the file writes it, in its own zone
    return due


def _due_line(due: date, base: Component) -> str:
    line = base.first("DUE")
    before = moment_value(line)
    if line is None or before is None:
        return f"DUE;VALUE=DATE:{date_text(due)}"
    if isinstance(before, datetime):
        if before.date() == due:
            return line
        head, _, value = line.rpartition(":")
        return f"{head}:{date_text(due)}{value.strip()[8:]}"  # the same time, zone and form
    return line if before == due else f"DUE;VALUE=DATE:{date_text(due)}"


def _fit_start(kept: list[str], due: date | datetime | None) -> list[str]:
    """The server's start date and duration, unless they no longer fit the due date: DUE and
    DURATION never go together, and DTSTART must be of DUE's type and not after it."""
    fitted = []
    for line in kept:
        name = property_name(line)
        if name == "DURATION":
            continue
        if name == "DTSTART" and due is not None:
            start = moment_value(line)
            if start is None or isinstance(start, datetime) != isinstance(due, datetime):
                continue
            if start > due:  # type: ignore[operator]  # both dates or both datetimes
                continue
        fitted.append(line)
    return fitted


def _percent(todo: Component) -> int:
    found = parts(todo.first("PERCENT-COMPLETE") or "")
    if found is None or not found[2].strip().isdigit():
        return 0
    return int(found[2].strip())
