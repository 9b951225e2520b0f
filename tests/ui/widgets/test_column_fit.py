"""Sharing a table's width out among its columns by what they hold."""

from __future__ import annotations

from netdesk.ui.widgets.column_fit import GIVING_WAY_MIN, share_widths


def test_columns_get_what_they_need_and_share_the_spare_room() -> None:
    widths = share_widths([100, 200, 100], 800)
    assert sum(widths) == 800
    assert widths[1] > widths[0] >= 100 and widths[2] >= 100


def test_short_of_room_the_name_stays_whole_and_the_widest_are_cut_first() -> None:
    # Name, organisation, title, email, phone.
    widths = share_widths([150, 200, 280, 250, 120], 800, first=0)
    assert sum(widths) == 800
    assert widths[0] == 150 and widths[4] == 120
    # The three widest are cut to the same width (give or take the pixel left over).
    cut = widths[1:4]
    assert max(cut) - min(cut) <= 1 and max(cut) < 200


def test_a_column_that_gives_way_is_cut_before_the_others() -> None:
    widths = share_widths([300, 150, 180, 600, 130], 960, first=0, gives_way=3)
    assert widths[:3] == [300, 150, 180] and widths[4] == 130
    assert widths[3] == 960 - 760
    # Down to its minimum; then the others share the cut.
    tight = share_widths([300, 150, 180, 600, 130], 700, first=0, gives_way=3)
    assert tight[3] <= GIVING_WAY_MIN and tight[0] == 300 and sum(tight) == 700
