"""Which lines of a card make its postal address, and in what order they are written.

The lines are found around the postcode-and-city line (or a street line alone), wherever the
text reader put them in its reading order: a card read upside down or in two columns gives
"44000 Nantes" before "55 place Bellecour". They are written street first, then postcode and
city, then country; Japanese addresses postcode (〒) first.
"""

from __future__ import annotations

import re

from netdesk.scan.addresses import ADDRESS_LABEL, NUMBERED, AddressLine, address_line
from netdesk.scan.card_lines import CardLine
from netdesk.scan.phones import is_registry
from netdesk.scan.titles import is_slogan

# Lines of other columns the reader may put between two lines of the address.
_REACH = 2


def address_lines(items: list[CardLine]) -> list[tuple[CardLine, AddressLine]]:
    """The lines of the card's address, in the order to write them; [] when it has none."""
    free = [item for item in items if not item.used]
    found = [(item, address_line(item.text)) for item in free]
    _streets_beside_cities(found)
    position = {id(item): index for index, item in enumerate(free)}
    parts = [(item, line) for item, line in found if line is not None]
    cities = [part for part in parts if part[1].kind == "city"]
    streets = [part for part in parts if part[1].kind == "street"]
    if not cities and not streets:
        return []
    anchor = cities[0] if cities else streets[0]
    block = [anchor]
    grown = True
    while grown:
        grown = False
        for part in parts:
            if part in block or not _fits(part, block):
                continue
            near = min(abs(position[id(part[0])] - position[id(other[0])]) for other in block)
            if near <= _REACH:
                block.append(part)
                grown = True
    if len(block) == 1 and block[0][1].kind == "street" and not _has_number(block[0][1].text):
        return []
    return _in_writing_order(block, position)


def _streets_beside_cities(found: list[tuple[CardLine, AddressLine | None]]) -> None:
    """A line with a house number beside a postcode-and-city line is its street ("12 Canal
    Wharf", "1-5-82 Tenjin, Chuo-ku"); a bare "100-0005" beside a Japanese address is its
    postcode with the 〒 lost."""
    for index, (item, line) in enumerate(found):
        if line is not None:
            continue
        around = found[max(0, index - _REACH) : index] + found[index + 1 : index + 1 + _REACH]
        near = [other for _, other in around if other is not None]
        text = ADDRESS_LABEL.sub("", item.text)
        digits = sum(ch.isdigit() for ch in text)
        # "Calidad desde 1975" beside the city is a slogan, not a street.
        dated = bool(re.search(r"\b(?:19|20)\d\d$", text)) or is_slogan(text) or is_registry(text)
        if any(o.kind == "city" for o in near) and NUMBERED.search(text) and digits <= 6:
            if dated:
                continue
            found[index] = (item, AddressLine(text, "street", ""))
        elif any(o.country == "JP" for o in near) and re.fullmatch(r"\d{3}-\d{4}", text):
            found[index] = (item, AddressLine(f"〒{text}", "city", "JP"))


def _fits(part: tuple[CardLine, AddressLine], block: list[tuple[CardLine, AddressLine]]) -> bool:
    """A second city or country belongs to another address."""
    kind = part[1].kind
    return kind in {"street", "box"} or all(line.kind != kind for _, line in block)


def _in_writing_order(
    block: list[tuple[CardLine, AddressLine]], position: dict[int, int]
) -> list[tuple[CardLine, AddressLine]]:
    block.sort(key=lambda part: position[id(part[0])])
    japanese = any(line.text.startswith("〒") for _, line in block)
    order = {"city": 0, "street": 1, "box": 1, "country": 2} if japanese else {
        "street": 0, "box": 0, "city": 1, "country": 2,
    }  # fmt: skip
    return sorted(block, key=lambda part: order[part[1].kind])


def _has_number(text: str) -> bool:
    return bool(re.search(r"\d", text)) or bool(re.search(r"[\u3400-\u9fff]", text))
