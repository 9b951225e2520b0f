"""vCard 2.1, 3.0 and 4.0 files to ContactRecords, card by card.

A plain unfold-and-split reader, about ten times faster than vobject (docs/architecture.md,
"Measured"), and tolerant of what phones and mail clients really write (docs/real-files.md).
Whatever netdesk does not map is kept in `ContactRecord.extra_lines` so that an export can
write it back. Bad input never raises: a broken card or line becomes a `Problem` and the other
cards are still read.

Cards that do not end as they should lose nothing: a card still open at the end of the file
(a truncated file or mail attachment), or when the next BEGIN:VCARD comes, is kept with a
warning. An agent's card (vCard 2.1: a BEGIN:VCARD block after an empty AGENT line; 3.0: the
escaped card as AGENT's value) becomes a record of its own, yielded before the card holding
it, which keeps its other lines (those after the block too) but not that AGENT line: the
agent is a contact now, and exporting the card inline as well would bring them back twice.

A content line becomes a `Prop` in formats.vcard.read_prop (parsing, decoding, the limits on a
line); this module finds where cards begin and end.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from netdesk.formats.problem_limit import UnlistedProblems
from netdesk.formats.records import ContactRecord, Problem
from netdesk.formats.vcard.charset import TextDecoder, to_ascii_compatible
from netdesk.formats.vcard.lines import sized_lines
from netdesk.formats.vcard.read_card import CardReader, Prop
from netdesk.formats.vcard.read_line import unescape
from netdesk.formats.vcard.read_prop import (
    KEEP,
    LINE_LIMIT,
    NO_COLON,
    guessed_reason,
    parse,
    parse_long,
)

__all__ = ["LINE_LIMIT", "PROBLEM_LIMIT", "PROPERTY_LIMIT", "read_vcard_file", "read_vcards"]

# Why a card ends without its END:VCARD (a truncated file or mail attachment, a card cut
# short before the next one); what it holds is kept all the same.
_FILE_ENDS = "the file ends"
_NEXT_BEGIN = "the next BEGIN:VCARD comes"
# How deep agents' cards may nest in cards (2.1 AGENT blocks, 3.0 AGENT values): real cards
# have one level; deeper ones are read as cards that follow each other.
_NESTING = 4
# Padding some old programs leave between or after cards: NUL, form feed, DOS end of file.
_FILLER = b" \t\x00\x0c\x1a"

# Limits that turn hostile or broken files into reported problems instead of exhausted memory
# (LINE_LIMIT, on one line, is in formats.vcard.read_prop).
# A card with more content lines than this is not imported: real cards have tens, a very busy
# one a few hundred. Reading stops keeping its lines when it passes the limit.
PROPERTY_LIMIT = 10_000
# After this many problems in one file the rest are counted, not listed: nobody reads more,
# and a crafted file of millions of broken cards would otherwise fill memory with reports.
PROBLEM_LIMIT = 1_000


def read_vcard_file(path: Path) -> Iterator[ContactRecord | Problem]:
    """Records and problems of a vCard file (see `read_vcards`)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        yield Problem(str(path), 0, f"could not read the file: {exc.strerror or exc}")
        return
    yield from read_vcards(data, str(path))


def read_vcards(data: bytes, file: str = "<data>") -> Iterator[ContactRecord | Problem]:
    """Yield each card of `data` as a ContactRecord as soon as it is read, and Problems.

    `file` names the data in problems. Problem lines are 1-based physical lines. Only the
    first PROBLEM_LIMIT problems are listed, then one for each kind (warnings, losses) that
    counts the rest.
    """
    listed = 0
    unlisted = UnlistedProblems(file, PROBLEM_LIMIT)
    for item in _read(data, file):
        if isinstance(item, Problem):
            if listed >= PROBLEM_LIMIT:
                unlisted.add(item)
                continue
            listed += 1
        yield item
    yield from unlisted.tally()


def _read(data: bytes, file: str, depth: int = 0) -> Iterator[ContactRecord | Problem]:
    data = to_ascii_compatible(data)
    decoder = TextDecoder(data)
    card: list[Prop] | None = None
    problems: list[Problem] = []
    begin = last = 0
    count = 0  # content lines of the card, up to PROPERTY_LIMIT + 1
    # The cards holding the one being read (vCard 2.1 AGENT blocks), each with the index of
    # its AGENT line that the card being read belongs to.
    outer: list[tuple[list[Prop], list[Problem], int, int, int, int]] = []
    stray_first = stray_last = 0
    # The content lines of stray text, in case an END:VCARD shows them to be a card whose
    # BEGIN:VCARD was cut off (a file or mail attachment that lost its start).
    headless: list[Prop] = []
    empty = True
    guess_told = False
    for number, raw, size in sized_lines(data, KEEP):
        empty = False
        if count > PROPERTY_LIMIT and not _may_be_edge(raw, size):
            last = number  # in a card too big to read: only look for its end
            continue
        prop = parse(number, raw, decoder) if size <= LINE_LIMIT else None
        if decoder.guessed and not guess_told:
            guess_told = True
            guessed = Problem(file, number, guessed_reason(decoder.fallback_codec()), kept=True)
            if card is None:
                yield guessed
            else:
                problems.append(guessed)
        if card is None:
            if (
                prop is not None
                and prop[2].lstrip("\ufeff") == "BEGIN"  # a BOM where files were concatenated
                and prop[4].strip().upper() == "VCARD"
            ):
                if stray_first:
                    yield _stray(file, stray_first, stray_last)
                    stray_first = 0
                headless = []
                card, problems, begin, last, count = [], [], number, number, 0
            elif (
                headless
                and prop is not None
                and prop[2] == "END"
                and prop[4].strip().upper() == "VCARD"
            ):
                yield from _headless(headless, stray_first, number, file)
                headless, stray_first = [], 0
            elif size > LINE_LIMIT or raw.strip(_FILLER):
                stray_first = stray_first or number
                stray_last = number
                if prop is not None and len(headless) < PROPERTY_LIMIT:
                    headless.append(prop)
            continue
        if prop is not None:
            name = prop[2]
            if (name == "END" or name == "BEGIN") and prop[4].strip().upper() == "VCARD":
                if name == "BEGIN" and count <= PROPERTY_LIMIT and _holds_next(card, len(outer)):
                    outer.append((card, problems, begin, last, count, len(card) - 1))
                    card, problems, begin, last, count = [], [], number, number, 0
                    continue
                if name == "END" and count <= PROPERTY_LIMIT:  # (the usual end, quickly)
                    yield from _finish(card, begin, problems, file)
                else:
                    ending = None if name == "END" else (number, _NEXT_BEGIN)
                    yield from _close(card, begin, last, count, problems, file, ending)
                if name == "END" and outer:
                    card, problems, begin, last, count, agent = outer.pop()
                    del card[agent]  # the agent is a contact of its own now
                elif name == "END":
                    card, count = None, 0
                else:  # a BEGIN that no AGENT announced: the card before it had no END
                    card, problems, begin, last, count = [], [], number, number, 0
                continue
            if name == "AGENT" and count < PROPERTY_LIMIT:
                if depth < _NESTING and _is_card(prop[4]):
                    # vCard 3.0: the agent's card is its (escaped) value: a contact of its own.
                    yield from _inline_card(prop[4], number, file, depth)
                    last = number
                    count += 1
                    continue
                if len(outer) < _NESTING and prop[4].strip().upper() == "BEGIN:VCARD":
                    # The agent's card begins in the value and goes on on the next lines.
                    card.append(prop)
                    outer.append((card, problems, begin, last, count + 1, len(card) - 1))
                    card, problems, begin, last, count = [], [], number, number, 0
                    continue
        last = number
        count += 1
        if count > PROPERTY_LIMIT:
            card.clear()
            problems.clear()
        elif size > LINE_LIMIT:
            prop = parse_long(number, raw, size, decoder, problems, file)
            if prop is not None:
                card.append(prop)
        elif prop is None:
            problems.append(Problem(file, number, NO_COLON))
        else:
            card.append(prop)
    while card is not None:
        yield from _close(card, begin, last, count, problems, file, (last, _FILE_ENDS))
        if not outer:
            break
        card, problems, begin, _, count, agent = outer.pop()
        del card[agent]
    if stray_first:
        yield _stray(file, stray_first, stray_last)
    if empty:
        yield Problem(file, 0, "the file is empty: there are no vCards in it")


def _holds_next(card: list[Prop], depth: int) -> bool:
    """Whether a BEGIN:VCARD inside `card` begins a card nested in it: vCard 2.1 writes an
    agent's card after an AGENT line with no value. Any other BEGIN means that the card
    before it has no END:VCARD."""
    return bool(card) and card[-1][2] == "AGENT" and not card[-1][4].strip() and depth < _NESTING


def _is_card(value: str) -> bool:
    value = value.lstrip()
    return value[:12].upper() == "BEGIN:VCARD\\" and value[12:13] in ("n", "N")


def _inline_card(
    value: str, number: int, file: str, depth: int
) -> Iterator[ContactRecord | Problem]:
    """The cards of a vCard 3.0 AGENT value, their problems on the AGENT line."""
    for item in _read(unescape(value).encode(), file, depth + 1):
        if isinstance(item, Problem):
            yield Problem(file, number, f"in the AGENT card: {item.reason}", item.kept)
        else:
            item.line = number
            yield item


def _close(
    card: list[Prop],
    begin: int,
    last: int,
    count: int,
    problems: list[Problem],
    file: str,
    ending: tuple[int, str] | None,
) -> Iterator[ContactRecord | Problem]:
    """The record and problems of a card read up to its END:VCARD, or (`ending`) up to where
    it had to end without one."""
    if count > PROPERTY_LIMIT:
        yield _too_many(file, begin)
        if ending is not None:
            yield _unfinished(file, begin, last)
        return
    yield from _finish(card, begin, problems, file, ending)


def _may_be_edge(raw: bytes, size: int) -> bool:
    """Whether a line may be BEGIN:VCARD or END:VCARD (cheaply: most lines are not)."""
    return size <= 64 and raw.rstrip(b" \t\x00").upper().endswith(b"VCARD")


def _too_many(file: str, begin: int) -> Problem:
    return Problem(
        file,
        begin,
        f"the card beginning on line {begin} has more than {PROPERTY_LIMIT:,} properties; "
        "it was not imported",
    )


def _headless(
    props: list[Prop], first: int, end: int, file: str
) -> Iterator[ContactRecord | Problem]:
    """Lines up to an END:VCARD that no BEGIN:VCARD opened: a card that lost its start, kept
    with a warning when they name someone; otherwise the stray text they were."""
    problems: list[Problem] = []
    try:
        record = CardReader(file, first, problems).read(props)
    except Exception:  # a safety net, as in _finish: then they are only stray text
        record = None
    if record is None:
        yield _stray(file, first, end)
        return
    yield record
    yield Problem(file, first, "the card has no BEGIN:VCARD; it was read up to its END", True)
    yield from problems


def _unfinished(file: str, begin: int, last: int) -> Problem:
    return Problem(file, begin, f"card has no END:VCARD; read up to line {last}")


def _stray(file: str, first: int, last: int) -> Problem:
    where = f"line {first}" if first == last else f"lines {first}-{last}"
    return Problem(
        file, first, f"text outside any vCard was ignored ({where}); is BEGIN:VCARD missing?"
    )


def _finish(
    props: list[Prop],
    begin: int,
    problems: list[Problem],
    file: str,
    ending: tuple[int, str] | None = None,
) -> Iterator[ContactRecord | Problem]:
    reader = CardReader(file, begin, problems)
    try:
        record = reader.read(props)
    except Exception as exc:  # a safety net: one odd card must never stop the file
        record = None
        problems.append(Problem(file, begin, f"could not read this card: {exc!r}"))
    if ending is not None:
        line, reason = ending
        kept = "; the card was kept" if record is not None else ""
        problems.append(Problem(file, line, f"{reason} before END:VCARD{kept}", bool(kept)))
    if record is not None:
        yield record
    yield from problems
