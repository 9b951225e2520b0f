"""Rhythms, snoozes and introductions survive undo of a delete and a merge of duplicates."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from netdesk.models import Introduction, RhythmUnit
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services


def _person(services: Services, name: str, **fields: object) -> int:
    return services.contacts.create(ContactInput(formatted_name=name, **fields))  # type: ignore[arg-type]


def _introductions(services: Services) -> list[tuple[int, int, date]]:
    with services.db.Session() as session:
        rows = session.execute(
            select(Introduction.first_id, Introduction.second_id, Introduction.introduced_on)
        )
        return sorted((a, b, on) for a, b, on in rows)


def _introduce(services: Services, first: int, second: int, on: date) -> None:
    with services.db.transaction() as session:
        session.add(Introduction(first_id=first, second_id=second, introduced_on=on))


def _rhythm(services: Services, contact_id: int) -> tuple[str, str] | None:
    rhythm = services.keep_in_touch.rhythm_for(contact_id)
    return None if rhythm is None else (rhythm.source, rhythm.text)


def test_undoing_a_delete_brings_back_the_rhythm_snooze_and_introduction(
    services: Services,
) -> None:
    kit = services.keep_in_touch
    ana, bo = _person(services, "Ana Lima"), _person(services, "Bo Lind")
    kit.set_rhythm(contact_id=ana, every=3, unit=RhythmUnit.MONTHS)
    kit.snooze(ana, date(2027, 1, 5))
    _introduce(services, ana, bo, date(2026, 11, 2))

    snapshot = services.contacts.delete([ana])
    assert _introductions(services) == []
    assert kit.last_interactions([bo]) == {}
    kit.set_rhythm(contact_id=bo, every=1, unit=RhythmUnit.YEARS)  # a new row meanwhile
    kit.snooze(bo, date(2027, 3, 1))
    services.contacts.restore(snapshot)

    assert _rhythm(services, ana) == ("own", "every 3 months")
    assert kit.snoozed_until(ana) == date(2027, 1, 5)
    assert _introductions(services) == [(ana, bo, date(2026, 11, 2))]
    assert kit.last_interactions([bo])[bo].label == "Introduced to Ana Lima"
    assert _rhythm(services, bo) == ("own", "every year")


def test_undoing_the_delete_of_two_people_introduced_to_each_other(services: Services) -> None:
    ana, bo = _person(services, "Ana Lima"), _person(services, "Bo Lind")
    _introduce(services, ana, bo, date(2026, 11, 2))
    snapshot = services.contacts.delete([ana, bo])
    services.contacts.restore(snapshot)
    assert _introductions(services) == [(ana, bo, date(2026, 11, 2))]


def test_undoing_a_tag_delete_brings_back_its_rhythm(services: Services) -> None:
    kit = services.keep_in_touch
    ana = _person(services, "Ana Lima", tags=["Mentors"])
    kit.set_rhythm(tag_id=kit.tag_rhythms()["Mentors"].tag_id, every=6, unit=RhythmUnit.WEEKS)
    snapshot = services.tags.delete("Mentors")
    assert _rhythm(services, ana) is None
    services.tags.restore(snapshot)
    assert _rhythm(services, ana) == ("Mentors", "every 6 weeks")
    assert kit.due(date(2030, 1, 1))[0].contact_id == ana


def test_undoing_a_tag_delete_after_the_tag_was_typed_again_keeps_its_rhythm(
    services: Services,
) -> None:
    """The tag comes back under the new one's id: its rhythm goes with it (it pointed at the
    old id, which no longer exists)."""
    kit = services.keep_in_touch
    _person(services, "Ana Lima", tags=["Mentors"])
    kit.set_rhythm(tag_id=kit.tag_rhythms()["Mentors"].tag_id, every=6, unit=RhythmUnit.WEEKS)
    snapshot = services.tags.delete("Mentors")
    bo = _person(services, "Bo Lind", tags=["mentors"])
    services.tags.restore(snapshot)
    assert _rhythm(services, bo) == ("mentors", "every 6 weeks")


def test_undoing_a_tag_delete_keeps_a_rhythm_given_to_the_tag_typed_again(
    services: Services,
) -> None:
    kit = services.keep_in_touch
    _person(services, "Ana Lima", tags=["Mentors"])
    kit.set_rhythm(tag_id=kit.tag_rhythms()["Mentors"].tag_id, every=6, unit=RhythmUnit.WEEKS)
    snapshot = services.tags.delete("Mentors")
    bo = _person(services, "Bo Lind", tags=["mentors"])
    kit.set_rhythm(tag_id=kit.tag_rhythms()["mentors"].tag_id, every=2, unit=RhythmUnit.MONTHS)
    services.tags.restore(snapshot)
    assert _rhythm(services, bo) == ("mentors", "every 2 months")  # the newer setting


def test_a_merge_keeps_the_kept_persons_rhythm_and_snooze(services: Services) -> None:
    kit = services.keep_in_touch
    keep = _person(services, "Ana Lima", emails=["ana@example.org"])
    other = _person(services, "Ana Lima", emails=["ana@example.org"])
    kit.set_rhythm(contact_id=keep, every=1, unit=RhythmUnit.MONTHS)
    kit.set_rhythm(contact_id=other, every=1, unit=RhythmUnit.YEARS)
    kit.snooze(keep, date(2027, 2, 1))
    kit.snooze(other, date(2027, 5, 1))
    snapshot = services.duplicates.merge(keep, [other])
    assert _rhythm(services, keep) == ("own", "every month")
    assert kit.snoozed_until(keep) == date(2027, 2, 1)

    services.duplicates.restore(snapshot)
    assert _rhythm(services, keep) == ("own", "every month")
    assert _rhythm(services, other) == ("own", "every year")
    assert kit.snoozed_until(other) == date(2027, 5, 1)


def test_a_merge_takes_the_others_rhythm_when_the_kept_has_none(services: Services) -> None:
    kit = services.keep_in_touch
    keep = _person(services, "Ana Lima", emails=["ana@example.org"])
    other = _person(services, "Ana Lima", emails=["ana@example.org"])
    third = _person(services, "Ana Lima", emails=["ana@example.org"])
    zoe = _person(services, "Zoe Quist")
    kit.set_rhythm(contact_id=other, every=2, unit=RhythmUnit.WEEKS)
    kit.set_rhythm(contact_id=third, every=5, unit=RhythmUnit.YEARS)
    kit.snooze(other, date(2027, 5, 1))
    _introduce(services, zoe, other, date(2026, 10, 1))
    _introduce(services, keep, third, date(2026, 9, 1))  # the same person, introduced to herself

    snapshot = services.duplicates.merge(keep, [other, third])

    assert _rhythm(services, keep) == ("own", "every 2 weeks")  # the first other's
    assert kit.snoozed_until(keep) == date(2027, 5, 1)
    assert _introductions(services) == [(zoe, keep, date(2026, 10, 1))]
    assert kit.last_interactions([keep])[keep].label == "Introduced to Zoe Quist"

    services.duplicates.restore(snapshot)
    assert _rhythm(services, keep) is None
    assert _rhythm(services, other) == ("own", "every 2 weeks")
    assert _rhythm(services, third) == ("own", "every 5 years")
    assert _introductions(services) == sorted(
        [(zoe, other, date(2026, 10, 1)), (keep, third, date(2026, 9, 1))]
    )
