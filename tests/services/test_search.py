"""Search and the People table's pages: matching, ranking, sorting and paging in SQL."""

from __future__ import annotations

import pytest

from netdesk.services.records import ContactInput
from netdesk.services.search import SortColumn
from netdesk.services.service_set import Services


def _person(services: Services, name: str, **fields: object) -> int:
    return services.contacts.create(ContactInput(formatted_name=name, **fields))  # type: ignore[arg-type]


def _names(services: Services, query: str = "", **kwargs: object) -> list[str]:
    return [r.name for r in services.search.page(query, **kwargs)]  # type: ignore[arg-type]


def test_substring_in_the_middle_of_a_name(services: Services) -> None:
    _person(services, "Margaret Hamilton")
    _person(services, "Ada Lovelace")
    assert _names(services, "milt") == ["Margaret Hamilton"]


def test_accents_are_folded_both_ways(services: Services) -> None:
    _person(services, "Jürgen Schröder")
    _person(services, "Zoe Muller")
    assert _names(services, "schroder") == ["Jürgen Schröder"]
    assert _names(services, "SCHRÖDER") == ["Jürgen Schröder"]
    assert _names(services, "müller") == ["Zoe Muller"]


def test_names_starting_with_the_query_rank_first(services: Services) -> None:
    _person(services, "Joanna Bann")
    _person(services, "Zed Zulu", organization="Annex Ltd")
    _person(services, "Ann Lee")
    # Alphabetically (by family name) Bann < Lee < Zulu; the name starting with "ann" wins.
    assert _names(services, "ann") == ["Ann Lee", "Joanna Bann", "Zed Zulu"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("a", ["Al Bo"]), ("bo", ["Al Bo"]), ("d", ["Cy Da"]), ("gl", []), ("o", [])],
)
def test_short_queries_match_the_start_of_a_name_part(
    services: Services, query: str, expected: list[str]
) -> None:
    """One or two letters would match nearly everybody as a substring ("a"), so they match
    where a part of the name starts, as phone address books do."""
    _person(services, "Al Bo")
    _person(services, "Cy Da")
    _person(services, "Ed Fu", organization="Big Globex")
    assert _names(services, query) == expected


def test_several_words_must_all_match(services: Services) -> None:
    _person(services, "Ann Lee", organization="Acme")
    _person(services, "Ann Smith", organization="Globex")
    assert _names(services, "ann acme") == ["Ann Lee"]


def test_phone_digits_and_typed_form(services: Services) -> None:
    _person(services, "Ann", phones=["+44 20 7946 0958"])
    _person(services, "Bob", phones=["+49 30 1234567"])
    assert _names(services, "2079460958") == ["Ann"]
    assert _names(services, "7946 0958") == ["Ann"]
    assert _names(services, "+4930") == ["Bob"]


@pytest.mark.parametrize(
    ("fields", "query"),
    [
        ({"organization": "Initech"}, "initech"),
        ({"title": "Chief Architect"}, "architect"),
        ({"emails": ["ann@example.org"]}, "example.org"),
        ({"tags": ["Investor"]}, "invest"),
        ({"note": "Loves sourdough"}, "sourdough"),
    ],
)
def test_finds_by_every_field(services: Services, fields: dict[str, object], query: str) -> None:
    _person(services, "Ann", **fields)
    _person(services, "Bob")
    assert _names(services, query) == ["Ann"]


def test_finds_by_note_text(services: Services) -> None:
    ann = _person(services, "Ann")
    _person(services, "Bob")
    services.notes.add(ann, "We talked about kayaking in Norway")
    assert _names(services, "kayak") == ["Ann"]


def test_count_matches_the_pages(services: Services) -> None:
    for i in range(5):
        _person(services, f"Ann {i}")
    _person(services, "Bob")
    assert services.search.count("ann") == 5
    assert services.search.count("") == 6
    assert services.search.count("nobody") == 0


def test_no_match_and_odd_characters(services: Services) -> None:
    _person(services, "Ann")
    assert _names(services, "zzzz") == []
    assert _names(services, '"quoted" 100%_') == []


PEOPLE = [
    {"formatted_name": "Cara Dunn", "organization": "beta", "title": "CTO"},
    {"formatted_name": "Abe Zimmer", "organization": "Alpha", "emails": ["z@x.org"]},
    {"formatted_name": "Bea Young", "phones": ["+44 20 7946 0001"], "emails": ["a@x.org"]},
    {"formatted_name": "Dan Fox", "organization": "Gamma", "phones": ["+44 20 7946 0002"]},
]


@pytest.mark.parametrize(
    ("column", "ascending"),
    [
        (SortColumn.NAME, ["Cara Dunn", "Dan Fox", "Bea Young", "Abe Zimmer"]),  # family names
        (SortColumn.ORGANIZATION, ["Abe Zimmer", "Cara Dunn", "Dan Fox", "Bea Young"]),
        (SortColumn.TITLE, ["Cara Dunn", "Abe Zimmer", "Bea Young", "Dan Fox"]),
        (SortColumn.EMAIL, ["Bea Young", "Abe Zimmer", "Cara Dunn", "Dan Fox"]),
        (SortColumn.PHONE, ["Bea Young", "Dan Fox", "Cara Dunn", "Abe Zimmer"]),
    ],
)
def test_sorting_each_column_keeps_empty_values_last(
    services: Services, column: SortColumn, ascending: list[str]
) -> None:
    for fields in PEOPLE:
        services.contacts.create(ContactInput(**fields))  # type: ignore[arg-type]
    filled = {
        SortColumn.NAME: 4,
        SortColumn.ORGANIZATION: 3,
        SortColumn.TITLE: 1,
        SortColumn.EMAIL: 2,
        SortColumn.PHONE: 2,
    }[column]
    assert _names(services, sort=column) == ascending
    descending = _names(services, sort=column, descending=True)
    # Reversed among those with a value, and the empty ones still at the end.
    assert descending[:filled] == list(reversed(ascending[:filled]))
    assert set(descending[filled:]) == set(ascending[filled:])


def test_sort_is_case_insensitive(services: Services) -> None:
    _person(services, "One", organization="beta")
    _person(services, "Two", organization="Alpha")
    _person(services, "Three", organization="Charlie")
    assert _names(services, sort=SortColumn.ORGANIZATION) == ["Two", "One", "Three"]


def test_paging_with_offset_and_limit(services: Services) -> None:
    for i in range(7):
        _person(services, f"Person {i:02d}")
    first = _names(services, limit=3)
    second = _names(services, offset=3, limit=3)
    last = _names(services, offset=6, limit=3)
    assert first == ["Person 00", "Person 01", "Person 02"]
    assert second == ["Person 03", "Person 04", "Person 05"]
    assert last == ["Person 06"]


def test_index_of_follows_the_page_order(services: Services) -> None:
    ids = {name: _person(services, name) for name in ("Cy", "Al", "Bo")}
    assert services.search.index_of(ids["Bo"]) == 1
    assert services.search.index_of(ids["Bo"], sort=SortColumn.NAME, descending=True) == 1
    assert services.search.index_of(ids["Al"], descending=True) == 2
    assert services.search.index_of(ids["Cy"], query="al") is None


def test_rows_carry_first_email_and_phone(services: Services) -> None:
    _person(services, "Ann", emails=["first@x.org", "second@x.org"], phones=["+44 20 7946 0958"])
    (row,) = services.search.page()
    assert (row.email, row.phone) == ("first@x.org", "+44 20 7946 0958")


def test_pages_of_a_ranked_search_follow_one_order_across_the_rank_groups(
    services: Services,
) -> None:
    """Names starting with the word first, then the other matches, each group by family name;
    paging through them in small pages gives the same list as one big page, with no gaps."""
    starts = ["Anna Zeller", "Annika Berg", "Bo Annersen", "Annabel Kraus"]
    elsewhere = ["Joanna Mills", "Hannah Ito", "Susanne Abel"]
    for name in starts + elsewhere:
        _person(services, name)
    _person(services, "Ulf Nobody")
    _person(services, "Dana Lin", organization="Annex Labs")
    everything = _names(services, "ann", limit=100)
    assert everything[:4] == ["Bo Annersen", "Annika Berg", "Annabel Kraus", "Anna Zeller"]
    assert everything[4:] == ["Susanne Abel", "Hannah Ito", "Dana Lin", "Joanna Mills"]
    paged = [
        n for offset in range(0, 12, 3) for n in _names(services, "ann", offset=offset, limit=3)
    ]
    assert paged == everything
    assert services.search.count("ann") == len(everything) == 8


def test_short_words_beside_a_longer_one_match_anywhere(services: Services) -> None:
    """ "thames data co" must find Thames Data Co's people: once a longer word has narrowed the
    matches, one- and two-letter words are substrings like the rest."""
    _person(services, "Linh Hoang", organization="Thames Data Co")
    _person(services, "Colin Ray", organization="Thames Water")
    assert _names(services, "thames data co") == ["Linh Hoang"]
    assert _names(services, "co thames") == ["Linh Hoang", "Colin Ray"]  # by family name
    assert _names(services, "ray co") == ["Colin Ray"]


@pytest.mark.parametrize("query", ["", "a", "an smith", "smith an", "smi", "ann x"])
def test_index_of_agrees_with_page_for_every_kind_of_query(services: Services, query: str) -> None:
    """The People table jumps to a contact by index_of: it must be where page() puts it."""
    for name in ["Anna Xavier", "Bob Smith", "Ann Smithers", "Xena Annan", "Smith Jones"]:
        _person(services, name)
    rows = services.search.page(query, limit=100)
    for position, row in enumerate(rows):
        assert services.search.index_of(row.id, query) == position, row.name
