"""Three-way merge of a contact changed here and on the server (formats.vcard.three_way)."""

from __future__ import annotations

import base64
import copy
import dataclasses
import json
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netdesk.formats.records import AttendeeInfo, ContactRecord, PostalAddress, Typed
from netdesk.formats.vcard.merge_text import parse_typed, typed_text
from netdesk.formats.vcard.read import read_vcards
from netdesk.formats.vcard.three_way import (
    FIELD_LABELS,
    FieldConflict,
    apply_choice,
    record_hash,
    three_way,
)
from netdesk.formats.vcard.write import vcard_text

JPEG = b"\xff\xd8\xff\xe0" + b"j" * 2000
PNG = b"\x89PNG\r\n\x1a\n" + b"p" * 3000


def ada(**changes: Any) -> ContactRecord:
    record = ContactRecord(
        uid="ada-1",
        formatted_name="Ada Lovelace",
        given_name="Ada",
        family_name="Lovelace",
        organization="Analytical Engines",
        title="Mathematician",
        emails=[Typed("ada@example.com", kind="work")],
        phones=[Typed("+44 20 7946 0000", kind="cell")],
        addresses=[PostalAddress(street="12 St James's Square", locality="London")],
        categories=["VIP"],
        extra_lines=["X-SKYPE:ada.l"],
    )
    return dataclasses.replace(record, **changes)


def test_a_field_changed_on_one_side_takes_that_side() -> None:
    base = ada()
    local = ada(title="Countess")
    remote = ada(phones=[Typed("+44 20 7946 0001", kind="cell")])
    merged = three_way(base, local, remote)
    assert merged.conflicts == []
    assert merged.record.title == "Countess"
    assert [p.value for p in merged.record.phones] == ["+44 20 7946 0001"]
    assert merged.local_changed and merged.remote_changed


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    merged = three_way(ada(), ada(title="Countess"), ada(title="Countess"))
    assert merged.conflicts == []
    assert merged.record.title == "Countess"
    assert not merged.local_changed and not merged.remote_changed


def test_different_changes_keep_the_local_value_and_name_both() -> None:
    merged = three_way(ada(), ada(title="Countess"), ada(title="Analyst"))
    assert merged.conflicts == [FieldConflict("title", "Countess", "Analyst")]
    assert FIELD_LABELS["title"] == "Job title"
    assert merged.record.title == "Countess"
    assert not merged.local_changed and merged.remote_changed
    chosen = apply_choice(merged.record, "title", "Analyst")
    assert chosen.title == "Analyst"
    assert merged.record.title == "Countess"  # a copy was changed


def test_a_field_emptied_on_one_side_and_changed_on_the_other_is_a_conflict() -> None:
    merged = three_way(ada(), ada(organization=""), ada(organization="Babbage & Co"))
    assert merged.conflicts == [FieldConflict("organization", "", "Babbage & Co")]
    assert FIELD_LABELS["organization"] == "Organisation"


def test_birthdays_are_shown_and_chosen_as_iso_dates() -> None:
    merged = three_way(ada(), ada(birthday=date(1815, 12, 10)), ada(birthday=date(1815, 12, 11)))
    assert merged.conflicts == [FieldConflict("birthday", "1815-12-10", "1815-12-11")]
    assert FIELD_LABELS["birthday"] == "Birthday"
    assert apply_choice(merged.record, "birthday", "1815-12-11").birthday == date(1815, 12, 11)
    assert apply_choice(merged.record, "birthday", "").birthday is None


def test_list_entries_added_and_removed_on_both_sides_all_apply() -> None:
    base = ada(emails=[Typed("a@x.org"), Typed("b@x.org")])
    local = ada(emails=[Typed("a@x.org"), Typed("c@x.org")])  # removed b, added c
    remote = ada(emails=[Typed("b@x.org"), Typed("d@x.org")])  # removed a, added d
    merged = three_way(base, local, remote)
    assert [e.value for e in merged.record.emails] == ["c@x.org", "d@x.org"]
    assert merged.conflicts == []


def test_an_email_whose_type_changed_is_that_email_changed() -> None:
    base = ada(emails=[Typed("ada@example.com", kind="work")])
    local = ada(emails=[Typed("ada@example.com", kind="work"), Typed("countess@example.org")])
    remote = ada(emails=[Typed("Ada@Example.com", kind="home", label="Private")])
    merged = three_way(base, local, remote)
    assert merged.conflicts == []
    assert merged.record.emails == [
        Typed("Ada@Example.com", kind="home", label="Private"),
        Typed("countess@example.org"),
    ]


def test_an_email_changed_differently_on_both_sides_is_listed_and_can_be_chosen() -> None:
    base = ada(emails=[Typed("ada@example.com", kind="work")])
    local = ada(emails=[Typed("ada@example.com", kind="home", preferred=True)])
    remote = ada(emails=[Typed("ada@example.com", kind="internet,work", label="Office; 2nd")])
    merged = three_way(base, local, remote)
    # Each side's text is the merged email with that side's clashing parts: the preference
    # (changed here only) and the label (changed there only) are in both.
    assert merged.conflicts == [
        FieldConflict(
            "emails",
            "ada@example.com  (type: home; preferred; label: Office; 2nd)",
            "ada@example.com  (type: internet, work; preferred; label: Office; 2nd)",
        )
    ]
    assert merged.record.emails == [
        Typed("ada@example.com", kind="home", preferred=True, label="Office; 2nd")
    ]
    assert apply_choice(merged.record, "emails", merged.conflicts[0].local) == merged.record
    chosen = apply_choice(merged.record, "emails", merged.conflicts[0].remote)
    assert chosen.emails == [
        Typed("ada@example.com", kind="internet,work", preferred=True, label="Office; 2nd")
    ]


def test_phones_are_matched_by_their_digits() -> None:
    base = ada(phones=[Typed("+44 20 7946 0000", kind="cell")])
    local = ada(phones=[Typed("+44 20 7946 0000", kind="work")])
    remote = ada(phones=[Typed("+44-20-79460000", kind="cell")])
    merged = three_way(base, local, remote)
    assert merged.record.phones == [Typed("+44-20-79460000", kind="work")]
    assert merged.conflicts == []


def test_an_entry_removed_on_one_side_and_changed_on_the_other_stays() -> None:
    base = ada(urls=[Typed("https://ada.example", kind="home")])
    local = ada(urls=[])
    remote = ada(urls=[Typed("https://ada.example", kind="work")])
    assert three_way(base, local, remote).record.urls == remote.urls
    assert three_way(base, remote, local).record.urls == remote.urls
    # Unchanged on the other side: the removal applies.
    assert three_way(base, local, base).record.urls == []
    assert three_way(base, base, local).record.urls == []


def test_addresses_are_matched_by_their_parts_and_their_label_merges() -> None:
    home = PostalAddress(street="1 Main St", locality="Leeds", country="UK", kind="home")
    base = ada(addresses=[home])
    local = ada(addresses=[dataclasses.replace(home, preferred=True)])
    remote = ada(addresses=[dataclasses.replace(home, label="Summer house")])
    merged = three_way(base, local, remote)
    assert merged.record.addresses == [
        dataclasses.replace(home, preferred=True, label="Summer house")
    ]
    local = ada(addresses=[dataclasses.replace(home, kind="postal", preferred=True)])
    clash = three_way(base, local, ada(addresses=[dataclasses.replace(home, kind="work")]))
    assert clash.conflicts == [
        FieldConflict(
            "addresses",
            "1 Main St, Leeds, UK  (type: postal; preferred)",
            "1 Main St, Leeds, UK  (type: work; preferred)",
        )
    ]
    chosen = apply_choice(clash.record, "addresses", clash.conflicts[0].remote)
    assert chosen.addresses == [dataclasses.replace(home, kind="work", preferred=True)]
    assert FIELD_LABELS["addresses"] == "Address"


def test_without_a_base_lists_are_united_and_set_fields_clash() -> None:
    local = ada(title="", nickname="Ada", emails=[Typed("a@x.org")])
    remote = ada(title="Analyst", nickname="Countess", emails=[Typed("b@x.org"), Typed("A@x.org")])
    merged = three_way(None, local, remote)
    assert merged.record.title == "Analyst"
    assert merged.record.nickname == "Ada"
    assert [e.value for e in merged.record.emails] == ["a@x.org", "b@x.org"]
    assert merged.conflicts == [
        FieldConflict("nickname", "Ada", "Countess"),
        FieldConflict("emails", "a@x.org", "A@x.org"),
    ]


def test_a_different_photo_on_both_sides_is_a_conflict_in_words() -> None:
    base = ada()
    local = ada(photo=JPEG, photo_mime="image/jpeg")
    remote = ada(photo=PNG, photo_mime="image/png")
    merged = three_way(base, local, remote)
    assert merged.conflicts == [
        FieldConflict("photo", "a photo (2 KB)", "a different photo (3 KB)")
    ]
    assert FIELD_LABELS["photo"] == "Photo"
    assert (merged.record.photo, merged.record.photo_mime) == (JPEG, "image/jpeg")
    taken = apply_choice(merged.record, "photo", merged.conflicts[0].remote, source=remote)
    assert (taken.photo, taken.photo_mime) == (PNG, "image/png")
    as_data = "data:image/png;base64," + base64.b64encode(PNG).decode()
    taken = apply_choice(merged.record, "photo", as_data)
    assert (taken.photo, taken.photo_mime) == (PNG, "image/png")
    removed = apply_choice(merged.record, "photo", "no photo")
    assert (removed.photo, removed.photo_mime) == (None, "")


def test_a_photo_changed_on_one_side_takes_its_media_type_along() -> None:
    base = ada(photo=JPEG, photo_mime="image/jpeg")
    merged = three_way(base, base, ada(photo=PNG, photo_mime="image/png"))
    assert (merged.record.photo, merged.record.photo_mime) == (PNG, "image/png")
    # The same picture with and without a media type is the same picture.
    same = three_way(None, ada(photo=JPEG), ada(photo=JPEG, photo_mime="image/jpeg"))
    assert same.conflicts == []
    assert same.record.photo_mime == "image/jpeg"


def test_the_servers_uid_is_kept() -> None:
    assert three_way(None, ada(uid="local-1"), ada(uid="server-9")).record.uid == "server-9"
    assert three_way(None, ada(uid="local-1"), ada(uid="")).record.uid == "local-1"
    assert three_way(None, ada(uid="local-1"), ada(uid="server-9")).conflicts == []


def test_what_only_netdesk_keeps_stays_local() -> None:
    local = ada(source="csv", line=7, attendee=AttendeeInfo(role="speaker"))
    merged = three_way(ada(), local, ada(title="Analyst"))
    assert merged.record.attendee == AttendeeInfo(role="speaker")
    assert merged.record.source == "csv"


def test_record_hash_covers_synced_fields_only() -> None:
    plain = ada()
    assert record_hash(plain) == record_hash(ada(line=9, source="csv", attendee=AttendeeInfo()))
    for changes in (
        {"title": "Countess"},
        {"birthday": date(1815, 12, 10)},
        {"photo": JPEG},
        {"emails": [Typed("ada@example.com", kind="home")]},
        {"extra_lines": ["X-SKYPE:ada.2"]},
        {"categories": ["VIP", "Speaker"]},
    ):
        assert record_hash(ada(**changes)) != record_hash(plain), changes
    assert len(record_hash(plain)) == 64


def test_record_hash_is_the_same_for_a_card_read_back() -> None:
    record = ada(photo=JPEG, photo_mime="image/jpeg", birthday=date(1815, 12, 10))
    record.emails[0].label = "Office"
    for version in ("3.0", "4.0"):
        (again,) = [
            r
            for r in read_vcards(vcard_text(record, version).encode())
            if isinstance(r, ContactRecord)
        ]
        assert record_hash(again) == record_hash(record), version


def test_apply_choice_refuses_a_field_that_is_not_synced() -> None:
    with pytest.raises(ValueError, match="not a contact field"):
        apply_choice(ada(), "source", "csv")


def test_every_conflict_field_has_a_label() -> None:
    synced = {f.name for f in dataclasses.fields(ContactRecord)} - {
        "line",
        "source",
        "attendee",
        "photo_mime",
        "card_images",  # scanned paper cards stay in netdesk: never synced, never in conflict
    }
    assert synced == set(FIELD_LABELS)


# Properties, on records drawn from few values so that sides often touch the same entries.
_text = st.sampled_from(["", "Ada", "Grace", "Hopper"])
_typed = st.builds(
    Typed,
    value=st.sampled_from(["a@x.org", "b@x.org", "c@x.org"]),
    kind=st.sampled_from(["", "work", "home,fax"]),
    label=st.sampled_from(["", "Office"]),
    preferred=st.booleans(),
)
_address = st.builds(
    PostalAddress,
    street=st.sampled_from(["1 Main St", "2 High St"]),
    locality=st.sampled_from(["", "Leeds"]),
    kind=st.sampled_from(["", "home"]),
)


def _unique(strategy: st.SearchStrategy[Any], key: Any) -> st.SearchStrategy[list[Any]]:
    return st.lists(strategy, max_size=3, unique_by=key)


_records = st.builds(
    ContactRecord,
    uid=st.just("u1"),
    formatted_name=_text,
    given_name=_text,
    title=_text,
    note=_text,
    birthday=st.sampled_from([None, date(1815, 12, 10), date(1906, 12, 9)]),
    photo=st.sampled_from([None, JPEG, PNG]),
    emails=_unique(_typed, lambda t: t.value),
    urls=_unique(_typed, lambda t: t.value),
    addresses=_unique(_address, lambda a: (a.street, a.locality)),
    categories=_unique(st.sampled_from(["VIP", "Speaker", "Press"]), str.casefold),
    extra_lines=_unique(st.sampled_from(["X-A:1", "X-B:2", "item9.X-C:3"]), str),
)


def same_record(one: ContactRecord, other: ContactRecord) -> bool:
    """Equal, tags in any order (netdesk keeps them sorted, a card as written)."""
    return dataclasses.replace(one, categories=sorted(one.categories)) == dataclasses.replace(
        other, categories=sorted(other.categories)
    )


def as_sets(record: ContactRecord) -> dict[str, Any]:
    """The record with each list as a set: merges order lists local first."""
    fields = dataclasses.asdict(record)
    for name, value in fields.items():
        if isinstance(value, list):
            fields[name] = sorted(json.dumps(item, sort_keys=True) for item in value)
    fields["birthday"] = str(fields["birthday"])
    return fields


@settings(max_examples=300)
@given(_records, _records)
def test_an_unchanged_side_gives_the_other_side(base: ContactRecord, other: ContactRecord) -> None:
    to_server = three_way(base, other, copy.deepcopy(base))
    assert to_server.conflicts == []
    assert same_record(to_server.record, other)
    from_server = three_way(base, copy.deepcopy(base), other)
    assert from_server.conflicts == []
    assert same_record(from_server.record, other)
    assert not to_server.local_changed
    assert not from_server.remote_changed


@settings(max_examples=300)
@given(st.one_of(st.none(), _records), _records)
def test_the_same_record_on_both_sides_merges_to_it(
    base: ContactRecord | None, both: ContactRecord
) -> None:
    merged = three_way(base, both, copy.deepcopy(both))
    assert merged.conflicts == []
    assert same_record(merged.record, both)
    assert not merged.local_changed and not merged.remote_changed


@settings(max_examples=300)
@given(st.one_of(st.none(), _records), _records, _records)
def test_sides_swapped_give_the_same_fields_and_conflicts(
    base: ContactRecord | None, local: ContactRecord, remote: ContactRecord
) -> None:
    one = three_way(base, local, remote)
    other = three_way(base, remote, local)
    assert [c.field for c in one.conflicts] == [c.field for c in other.conflicts]
    assert {(c.field, c.local, c.remote) for c in one.conflicts if c.field != "photo"} == {
        (c.field, c.remote, c.local) for c in other.conflicts if c.field != "photo"
    }
    clashing = {c.field for c in one.conflicts}
    mine, theirs = as_sets(one.record), as_sets(other.record)
    for name in mine:
        if name not in clashing and name != "photo_mime":
            assert mine[name] == theirs[name], name


@given(
    st.builds(
        Typed,
        value=st.text(min_size=1).filter(lambda v: "  (" not in v and v.strip() == v),
        kind=st.lists(st.sampled_from(["work", "cell", "x-custom"]), max_size=2, unique=True).map(
            ",".join
        ),
        label=st.text(),
        preferred=st.booleans(),
        extension=st.sampled_from(["", "102"]),
    )
)
def test_a_typed_entry_reads_back_from_its_conflict_text(item: Typed) -> None:
    assert parse_typed(typed_text(item)) == item


@settings(max_examples=300)
@given(st.one_of(st.none(), _records), _records, _records)
def test_choosing_every_conflict_gives_that_sides_merge(
    base: ContactRecord | None, local: ContactRecord, remote: ContactRecord
) -> None:
    merged = three_way(base, local, remote)
    theirs_first = three_way(base, remote, local).record
    mine = theirs = merged.record
    for conflict in merged.conflicts:
        if conflict.field == "photo":
            theirs = apply_choice(theirs, "photo", conflict.remote, source=remote)
            continue
        mine = apply_choice(mine, conflict.field, conflict.local)
        theirs = apply_choice(theirs, conflict.field, conflict.remote)
    assert mine == merged.record
    chosen, wanted = as_sets(theirs), as_sets(theirs_first)
    for name in {conflict.field for conflict in merged.conflicts}:
        assert chosen[name] == wanted[name], name


def test_tags_in_another_order_are_the_same_tags() -> None:
    server = ada(categories=["VIP", "Speaker"])
    here = ada(categories=["Speaker", "VIP"])  # netdesk lists tags sorted
    merged = three_way(server, here, server)
    assert merged.conflicts == []
    assert not merged.local_changed and not merged.remote_changed
    assert record_hash(here) == record_hash(server)
    added = three_way(server, ada(categories=["Speaker", "VIP", "Press"]), server)
    assert sorted(added.record.categories) == ["Press", "Speaker", "VIP"]
    assert added.remote_changed
