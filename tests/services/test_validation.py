"""What the contact and event forms accept as a web address, quickly whatever is pasted."""

from __future__ import annotations

import time

import pytest

from netdesk.services.validation import web_address
from tests.growth import doubling_ratio


def seconds(value: str) -> float:
    started = time.perf_counter()
    with pytest.raises(ValueError):
        web_address(value)
    return time.perf_counter() - started


def test_a_long_pasted_text_is_refused_in_linear_time() -> None:
    # Each "?" of a long address with a space in it tried its query part to the end: 5,000
    # of them (25 KB) took a second, twice as many four times as long.
    assert doubling_ratio(lambda n: seconds("a.aa?" * n + " x"), 5_000) < 3
    assert seconds("https://" + "a.aa?" * 200_000 + " x") < 1
    assert web_address("example.org/a?b.cc#d") == "https://example.org/a?b.cc#d"
    assert web_address("http://a.aa?b.c?d") == "http://a.aa?b.c?d"
