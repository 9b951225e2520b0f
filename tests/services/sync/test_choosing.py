"""Naming a collection the way a user would: its name on the server, its URL, its folder."""

from __future__ import annotations

import pytest

from netdesk.dav.discovery import CollectionInfo
from netdesk.services.sync.choosing import CollectionNotFound, choose

SERVER = "https://dav.example.com/"
WORK = CollectionInfo("https://dav.example.com/ada/work%20people/", "Work", "contacts")
HOME = CollectionInfo("/ada/home/", "Home", "contacts")
BARE = CollectionInfo("/ada/b1f0c3/", "", "contacts")
OFFERED = [WORK, HOME, BARE]


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Work", WORK),
        (" work ", WORK),
        ("https://dav.example.com/ada/work%20people/", WORK),
        ("/ada/work people", WORK),  # the path as read, without the final slash
        ("https://dav.example.com/ada/home", HOME),
        ("home", HOME),
        ("b1f0c3", BARE),  # a collection without a name, by its folder
    ],
)
def test_a_collection_is_found_by_name_url_or_folder(typed: str, found: CollectionInfo) -> None:
    assert choose(typed, OFFERED, "contacts", SERVER) == found


def test_a_name_that_is_not_there_lists_the_names_that_are() -> None:
    with pytest.raises(CollectionNotFound) as caught:
        choose("Family", OFFERED, "contacts", SERVER)

    assert str(caught.value) == (
        "There is no address book named 'Family' on https://dav.example.com/; the address "
        "books there: 'Work', 'Home', '/ada/b1f0c3/'."
    )


def test_two_collections_of_one_name_ask_for_the_url() -> None:
    twin = CollectionInfo("/ada/tasks-2/", "Tasks", "tasks")
    first = CollectionInfo("/ada/tasks-1/", "Tasks", "tasks")

    with pytest.raises(
        CollectionNotFound,
        match=r"^2 task lists on \S+ are named 'tasks' \(/ada/tasks-1/, /ada/tasks-2/\); name",
    ):
        choose("tasks", [first, twin], "tasks", SERVER)
    assert choose("/ada/tasks-2/", [first, twin], "tasks", SERVER) == twin


def test_a_server_without_any_says_so() -> None:
    with pytest.raises(CollectionNotFound, match="offers no calendars, so there is no 'Events'"):
        choose("Events", [], "events", SERVER)


def test_a_server_name_10000_characters_long_is_cut_in_the_message() -> None:
    huge = CollectionInfo("/ada/huge/", "N" * 10_000, "contacts")
    with pytest.raises(CollectionNotFound) as caught:
        choose("Family", [huge, HOME], "contacts", SERVER)

    assert str(caught.value) == (
        "There is no address book named 'Family' on https://dav.example.com/; the address "
        f"books there: '{'N' * 79}…', 'Home'."
    )
