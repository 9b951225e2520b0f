"""The demo's events: a mix of kinds around `today`, the newest past one recent, the next soon."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time, timedelta
from itertools import accumulate
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select

from netdesk.models import Event, EventKind, Tag, event_tags
from netdesk.services.bulk import table_of
from netdesk.services.demo import names_events
from netdesk.services.demo.context import DemoContext, EventInfo


def make_events(ctx: DemoContext, count: int) -> None:
    """Write `count` events with their tags, and remember them in `ctx.events` for people."""
    if count == 0:
        return
    rng = ctx.rng
    upcoming = round(count * rng.uniform(0.34, 0.5)) if count > 1 else 0
    past = count - upcoming
    # The newest past event is recent and the next one soon, so that Today has something.
    past_window = min(3650, max(120, past * 6))
    future_window = min(730, max(60, upcoming * 3))
    offsets = [-rng.randint(2, 14)] + [-rng.randint(3, past_window) for _ in range(past - 1)]
    if upcoming:
        offsets += [rng.randint(2, 10)]
        offsets += [rng.randint(3, future_window) for _ in range(upcoming - 1)]
    offsets = offsets[:count]
    offsets.sort()
    by_kind: dict[EventKind, list[names_events.EventSeries]] = {}
    for series in names_events.SERIES:
        by_kind.setdefault(series.kind, []).append(series)
    others = [k for k in by_kind if k not in (EventKind.CONFERENCE, EventKind.MEETUP)]
    rng.shuffle(others)
    kinds = [EventKind.CONFERENCE, EventKind.MEETUP, *others]
    chosen: list[names_events.EventSeries] = []
    for i in range(count):
        if i < len(kinds):
            chosen.append(rng.choice(by_kind[kinds[i]]))
        else:
            chosen.append(rng.choice(names_events.SERIES))
    rng.shuffle(chosen)
    numbers = {s.name: rng.randint(40, 120) for s in names_events.SERIES}
    # Names already in the database count too, so that a second run adds distinct events.
    used_names = set(ctx.conn.execute(select(Event.name)).scalars())
    event_rows: list[dict[str, Any]] = []
    tag_rows: list[dict[str, Any]] = []
    for index, (offset, series) in enumerate(zip(offsets, chosen, strict=True)):
        place = rng.choice(series.places)
        zone = ZoneInfo(place.timezone)
        local_day = ctx.today + timedelta(days=offset)
        if index == past - 1:
            # The newest past event ended yesterday: Today suggests reviewing whom I met there.
            local_day = ctx.today - timedelta(days=series.days)
        start_local = datetime.combine(local_day, time(series.start_hour), zone)
        end_local = datetime.combine(
            local_day + timedelta(days=series.days - 1),
            time(series.start_hour),
            zone,
        ) + timedelta(hours=series.hours)
        number = numbers[series.name]
        numbers[series.name] = number + 1
        name = series.name.format(year=local_day.year, n=number)
        if name in used_names:
            name = f"{name} ({local_day:%B %Y})"
        suffix = 2
        base = name
        while name in used_names:
            name = f"{base} · {suffix}"
            suffix += 1
        used_names.add(name)
        info = EventInfo(
            id=ctx.ids.take("events"),
            name=name,
            kind=series.kind.value,
            starts_at=start_local.astimezone(UTC),
            ends_at=end_local.astimezone(UTC),
            local_day=local_day,
            past=offset < 0,
            size=series.size,
        )
        ctx.events.append(info)
        event_rows.append(
            {
                "id": info.id,
                "uid": f"{uuid.uuid4()}@netdesk",
                "name": name,
                "kind": info.kind,
                "starts_at": info.starts_at,
                "ends_at": info.ends_at,
                "timezone": place.timezone,
                "venue": place.venue,
                "city": place.city,
                "url": series.url.format(year=local_day.year, n=number),
                "organiser": series.organiser,
                "description": series.description,
                "created_at": min(ctx.now, info.starts_at - timedelta(days=30)),
                "updated_at": min(ctx.now, info.starts_at - timedelta(days=30)),
            }
        )
        for tag in series.tags:
            tag_rows.append({"event_id": info.id, "tag_id": ctx.tag_id(tag)})
    if ctx.rows.tags:
        ctx.session.execute(insert(table_of(Tag)), ctx.rows.tags)
        ctx.rows.tags = []
    ctx.session.execute(insert(table_of(Event)), event_rows)
    ctx.session.execute(insert(event_tags), tag_rows)
    ctx.event_weights = list(accumulate(e.size for e in ctx.events))
