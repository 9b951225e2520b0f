"""Card pictures kept with a person: stored by a scan's save, added, listed, read, removed and
put back; on SQLite and PostgreSQL."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from netdesk.errors import ServiceError
from netdesk.formats.records import CardImage, ContactRecord, Typed
from netdesk.models import Contact
from netdesk.services.errors import NotFoundError, ValidationError
from netdesk.services.import_plan import Action
from netdesk.services.records import ContactInput
from netdesk.services.service_set import Services

FRONT = b"\xff\xd8front-jpeg\xff\xd9"
BACK = b"\xff\xd8back-jpeg\xff\xd9"


def scanned(name: str, email: str, *images: bytes) -> ContactRecord:
    return ContactRecord(
        formatted_name=name,
        emails=[Typed(email, "work")],
        source="scan",
        card_images=[CardImage(data, source=f"IMG_{i}.jpg") for i, data in enumerate(images)],
    )


def only_person(services: Services, name: str) -> int:
    found = services.contacts.find_by_name(name)
    assert found is not None
    return found


def test_a_saved_scan_keeps_both_sides_of_the_card(services: Services) -> None:
    plan = services.scanning.plan([scanned("Ana Lima", "ana@example.org", FRONT, BACK)], "a.jpg")
    assert plan.kind == "scan" and plan.layout == "Business card"
    report = services.scanning.save(plan, None)
    assert report.added == 1
    contact_id = only_person(services, "Ana Lima")
    images = services.card_images.list_for(contact_id)
    assert [(i.position, i.mime, i.source) for i in images] == [
        (0, "image/jpeg", "IMG_0.jpg"),
        (1, "image/jpeg", "IMG_1.jpg"),
    ]
    assert [services.card_images.image(i.id) for i in images] == [FRONT, BACK]


def test_a_card_of_someone_already_there_is_merged_and_its_picture_added(
    services: Services,
) -> None:
    services.scanning.save(
        services.scanning.plan([scanned("Ana Lima", "ana@example.org", FRONT)], "1.jpg"), None
    )
    plan = services.scanning.plan([scanned("Ana Lima", "ANA@example.org", BACK)], "2.jpg")
    assert plan.items[0].action is Action.MERGE and plan.items[0].reason
    report = services.scanning.save(plan, None)
    assert (report.added, report.merged) == (0, 1)
    contact_id = only_person(services, "Ana Lima")
    images = services.card_images.list_for(contact_id)
    assert [(i.position, services.card_images.image(i.id)) for i in images] == [
        (0, FRONT),
        (1, BACK),
    ]


def test_two_cards_of_one_person_in_one_batch_keep_both_pictures(services: Services) -> None:
    plan = services.scanning.plan(
        [
            scanned("Ana Lima", "ana@example.org", FRONT),
            scanned("Ana Lima", "ana@example.org", BACK),
        ],
        "batch",
    )
    assert plan.items[1].earlier == 0
    services.scanning.save(plan, None)
    images = services.card_images.list_for(only_person(services, "Ana Lima"))
    assert [services.card_images.image(i.id) for i in images] == [FRONT, BACK]
    # The plan can be saved again after a cancel: merging did not grow its records.
    assert len(plan.items[0].record.card_images) == 1


def test_a_skipped_card_stores_no_picture(services: Services) -> None:
    services.scanning.save(
        services.scanning.plan([scanned("Ana Lima", "ana@example.org", FRONT)], "1.jpg"), None
    )
    plan = services.scanning.plan([scanned("Ana Lima", "ana@example.org", BACK)], "2.jpg")
    plan.items[0].action = Action.SKIP
    services.scanning.save(plan, None)
    assert len(services.card_images.list_for(only_person(services, "Ana Lima"))) == 1


def test_saving_puts_the_people_on_a_new_event(services: Services) -> None:
    plan = services.scanning.plan([scanned("Ana Lima", "ana@example.org", FRONT)], "1.jpg")
    report = services.scanning.save(plan, None, new_event_name="Expo 2026")
    assert report.event_created and report.attached == 1
    assert report.event_name == "Expo 2026"


def test_add_list_remove_and_restore(services: Services) -> None:
    contact_id = services.contacts.create(ContactInput(formatted_name="Bo Berg"))
    first, second = services.card_images.add(
        contact_id, [CardImage(FRONT, source="f.jpg"), CardImage(BACK, "image/png", "b.png")]
    )
    (third,) = services.card_images.add(contact_id, [CardImage(FRONT)])
    assert [i.position for i in services.card_images.list_for(contact_id)] == [0, 1, 2]
    snapshot = services.card_images.remove(second)
    assert [i.id for i in services.card_images.list_for(contact_id)] == [first, third]
    with pytest.raises(NotFoundError):
        services.card_images.image(second)
    services.card_images.restore(snapshot)
    infos = services.card_images.list_for(contact_id)
    assert [(i.id, i.mime, i.source) for i in infos][1] == (second, "image/png", "b.png")
    assert services.card_images.image(second) == BACK


def test_missing_picture_or_person_is_a_clear_error(services: Services) -> None:
    with pytest.raises(NotFoundError, match="no longer exists"):
        services.card_images.remove(12345)
    with pytest.raises(NotFoundError, match="no longer exists"):
        services.card_images.add(12345, [CardImage(FRONT)])
    contact_id = services.contacts.create(ContactInput(formatted_name="Bo Berg"))
    with pytest.raises(ValidationError, match="empty"):
        services.card_images.add(contact_id, [CardImage(b"")])
    assert services.card_images.list_for(contact_id) == []


def test_undoing_a_deletion_brings_the_card_pictures_back(services: Services) -> None:
    services.scanning.save(
        services.scanning.plan([scanned("Ana Lima", "ana@example.org", FRONT, BACK)], "a"), None
    )
    contact_id = only_person(services, "Ana Lima")
    before = services.card_images.list_for(contact_id)
    snapshot = services.contacts.delete([contact_id])
    assert services.card_images.list_for(contact_id) == []
    with pytest.raises(NotFoundError):
        services.card_images.image(before[0].id)
    services.contacts.restore(snapshot)
    assert services.card_images.list_for(contact_id) == before
    assert [services.card_images.image(i.id) for i in before] == [FRONT, BACK]


def test_merging_duplicates_moves_the_card_pictures_and_undo_puts_them_back(
    services: Services,
) -> None:
    plan = services.scanning.plan(
        [
            scanned("Ana Lima", "ana@example.org", FRONT),
            scanned("Ana Lima", "lima@example.net", BACK, FRONT),
        ],
        "batch",
    )
    for item in plan.items:
        item.action = Action.ADD
    services.scanning.save(plan, None)
    with services.db.Session() as session:
        first, second = session.scalars(select(Contact.id).order_by(Contact.id))
    before = {cid: services.card_images.list_for(cid) for cid in (first, second)}
    snapshot = services.duplicates.merge(first, [second])
    moved = services.card_images.list_for(first)
    assert [(i.position, services.card_images.image(i.id)) for i in moved] == [
        (0, FRONT),
        (1, BACK),
        (2, FRONT),
    ]
    services.duplicates.restore(snapshot)
    assert {cid: services.card_images.list_for(cid) for cid in (first, second)} == before


def test_a_merge_is_not_undone_over_a_card_picture_added_since(services: Services) -> None:
    first = services.contacts.create(ContactInput(formatted_name="Bo Berg"))
    second = services.contacts.create(ContactInput(formatted_name="Bo Berg"))
    snapshot = services.duplicates.merge(first, [second])
    services.card_images.add(first, [CardImage(FRONT)])
    with pytest.raises(ServiceError, match="changed since"):
        services.duplicates.restore(snapshot)
    assert len(services.card_images.list_for(first)) == 1


def test_planning_a_scan_writes_nothing(services: Services) -> None:
    services.scanning.plan([scanned("Ana Lima", "ana@example.org", FRONT)], "a.jpg")
    assert services.contacts.count() == 0


def test_exports_never_carry_the_card_pictures(services: Services) -> None:
    picture = b"\xff\xd8\xff\xe0" + b"card picture" * 40 + b"\xff\xd9"
    services.scanning.save(
        services.scanning.plan([scanned("Ana Lima", "ana@example.org", picture)], "a.jpg"), None
    )
    contact_id = only_person(services, "Ana Lima")
    (record,) = services.exports.records([contact_id])
    assert record.card_images == [] and record.photo is None
    vcard = services.exports.vcard_bytes([contact_id], version="4.0").decode()
    assert "PHOTO" not in vcard and "/9j/" not in vcard and "card picture" not in vcard
    out = io.StringIO()
    services.exports.csv(out, [contact_id])
    assert "/9j/" not in out.getvalue() and "card picture" not in out.getvalue()


def test_a_dry_run_says_what_saving_would_do_and_writes_nothing(services: Services) -> None:
    services.scanning.save(
        services.scanning.plan([scanned("Ana Lima", "ana@example.org", FRONT)], "1.jpg"), None
    )
    ana = only_person(services, "Ana Lima")
    plan = services.scanning.plan(
        [scanned("Ana Lima", "ana@example.org", BACK), scanned("Bo Berg", "bo@example.org", BACK)],
        "2.jpg",
    )
    report = services.scanning.save(plan, None, "Expo 2026", dry_run=True)
    assert (report.added, report.merged, report.attached, report.dry_run) == (1, 1, 2, True)
    assert "dry run, nothing written" in report.summary()
    assert services.contacts.count() == 1
    assert len(services.card_images.list_for(ana)) == 1
    assert [e.name for e in services.events.list()] == []
    # The same plan saves afterwards as the dry run said.
    report = services.scanning.save(plan, None, "Expo 2026")
    assert (report.added, report.merged, report.attached) == (1, 1, 2)
    assert len(services.card_images.list_for(ana)) == 2


def test_undoing_a_removal_after_the_person_was_deleted_says_so(services: Services) -> None:
    contact_id = services.contacts.create(ContactInput(formatted_name="Bo Berg"))
    (picture,) = services.card_images.add(contact_id, [CardImage(FRONT)])
    snapshot = services.card_images.remove(picture)
    services.contacts.delete([contact_id])
    with pytest.raises(NotFoundError, match="no longer exists"):
        services.card_images.restore(snapshot)


def test_every_change_to_card_pictures_is_announced_as_a_change_to_contacts(
    services: Services,
) -> None:
    heard: list[frozenset[str]] = []
    services.db.add_change_listener(heard.append)
    contact_id = services.contacts.create(ContactInput(formatted_name="Bo Berg"))
    other = services.contacts.create(ContactInput(formatted_name="Bo Berg"))
    heard.clear()
    (picture,) = services.card_images.add(contact_id, [CardImage(FRONT)])
    snapshot = services.card_images.remove(picture)
    services.card_images.restore(snapshot)
    services.card_images.add(other, [CardImage(BACK)])
    heard_before_merge = len(heard)
    services.duplicates.merge(contact_id, [other])
    assert heard_before_merge == 4 and len(heard) == 5
    assert all("contacts" in kinds for kinds in heard)


def test_a_person_saved_by_another_process_after_the_plan_is_merged_into(
    services: Services,
) -> None:
    """Two `netdesk scan` of the same card at once: each planned "add" before either saved.
    The second save finds the first one's person (its transaction reads the database again)
    and merges into them, with the card picture, rather than adding them twice."""
    from netdesk.services.import_plan import OnDuplicate

    plan = services.scanning.plan([scanned("Ana Lima", "ana@example.org", FRONT)], "a.jpg")
    plan.decide_duplicates(OnDuplicate.MERGE)
    other = services.scanning.plan([scanned("Ana Lima", "ana@example.org", BACK)], "b.jpg")
    other.decide_duplicates(OnDuplicate.MERGE)
    assert [item.action for item in plan.items + other.items] == [Action.ADD, Action.ADD]
    services.scanning.save(other, None)

    report = services.scanning.save(plan, None)

    assert (report.added, report.merged) == (0, 1)
    assert report.late == {0: (Action.MERGE, "Ana Lima")}
    assert services.contacts.count() == 1
    ana = only_person(services, "Ana Lima")
    images = services.card_images.list_for(ana)
    assert [services.card_images.image(i.id) for i in images] == [BACK, FRONT]
