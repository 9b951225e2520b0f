"""Reading the photos given to `netdesk scan`: each one on its own, a line on stderr for one
that cannot be read or shows no card, and with --two-sided the two sides of a card made one."""

from __future__ import annotations

import stat
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from netdesk.formats.records import CardImage

if TYPE_CHECKING:
    from netdesk.scan.card_fields import CardFields
    from netdesk.scan.reader import ScannedCard

STDIN_NAME = "<stdin>"


@dataclass
class ReadCard:
    """One card read, ready to become a person."""

    file: str  # the photo (the front's, for two sides) as it was typed
    index: int  # the card's number within that photo, from 0
    count: int  # how many cards that photo showed
    fields: CardFields
    images: list[CardImage] = field(default_factory=list)
    back: str = ""  # the photo of the back, with --two-sided

    @property
    def where(self) -> str:
        """The card as messages name it: "IMG_1.jpg", "IMG_1.jpg (card 2)", "f.jpg + b.jpg"."""
        shown = f"{self.file} + {self.back}" if self.back else self.file
        return f"{shown} (card {self.index + 1})" if self.count > 1 else shown


def read_all(images: Sequence[str], two_sided: bool) -> tuple[list[ReadCard], int]:
    """The cards on the photos `images` (as typed; "-" is standard input), and how many of
    the photos gave none (each said on stderr)."""
    from netdesk.services.validation import default_region

    region = default_region()
    read: list[list[ScannedCard] | None] = []
    failed = 0
    for shown in images:
        scanned = _scan_one(shown, region)
        if scanned and not (two_sided and len(read) % 2):
            # Only a back may be a card of web addresses alone: a front needs a name, an
            # organisation, an email or a phone to make a contact.
            scanned = [card for card in scanned if not card.fields.is_empty()]
        if scanned is not None and not scanned and not (two_sided and len(read) % 2):
            _say(f"{_name(shown)}: no business card found on this picture.")
        read.append(scanned)
    names = [_name(shown) for shown in images]
    if not two_sided:
        cards = [
            c for name, scanned in zip(names, read, strict=True) for c in _cards_of(name, scanned)
        ]
        return cards, sum(1 for scanned in read if not scanned)
    cards = []
    for front_name, front, back_name, back in zip(
        names[::2], read[::2], names[1::2], read[1::2], strict=True
    ):
        failed += (not front) + (back is None)
        if front and back == []:  # a back with only a logo or a slogan on it
            _say(
                f"{back_name}: nothing read on this back side; the card is read from its "
                "front alone."
            )
        paired = _pair(front_name, front, back_name, back) if front and back else None
        failed += paired == []  # both sides read, but not as many cards on each
        cards.extend(paired or _cards_of(front_name, front) + _cards_of(back_name, back))
    return cards, failed


def _say(message: str) -> None:
    """A message on stderr, on one line whatever the file's name holds (a line break, an
    escape sequence for the terminal)."""
    from netdesk.cli.search_output import one_line

    print(one_line(message), file=sys.stderr)


def _name(shown: str) -> str:
    return STDIN_NAME if shown == "-" else shown


def _cards_of(name: str, scanned: Sequence[ScannedCard] | None) -> list[ReadCard]:
    cards = scanned or []
    return [ReadCard(name, card.index, len(cards), card.fields, [_image(card)]) for card in cards]


def _image(card: ScannedCard) -> CardImage:
    return CardImage(card.image, "image/jpeg", card.source)


def _pair(
    front_name: str, front: Sequence[ScannedCard], back_name: str, back: Sequence[ScannedCard]
) -> list[ReadCard]:
    """The cards of a front and its back made one each; [] (said on stderr) when the two
    photos do not show the same number of cards: each card is then kept as read."""
    from netdesk.scan.sides import merge_sides

    if len(front) != len(back):
        _say(
            f"{front_name} + {back_name}: the front shows {len(front)} cards and the "
            f"back {len(back)}; each side was kept as a card of its own."
        )
        return []
    return [
        ReadCard(
            front_name,
            one.index,
            len(front),
            merge_sides(one.fields, other.fields),
            [_image(one), _image(other)],
            back=back_name,
        )
        for one, other in zip(front, back, strict=True)
    ]


def _scan_one(shown: str, region: str | None) -> list[ScannedCard] | None:
    """The cards on one photo ([] when it shows none), or None when it cannot be read (said
    on stderr)."""
    from netdesk.scan.errors import ScanError
    from netdesk.scan.reader import scan_data, scan_file

    name = _name(shown)
    progress = _TerminalProgress(name)
    try:
        if shown == "-":
            data = _stdin_bytes()
            if data is None:
                _say(f"{name}: standard input is closed: no picture to read.")
                return None
            return scan_data(data, name, region, progress)
        path = Path(shown)
        if (refused := _database_refusal(path)) is not None:
            _say(f"{shown}: {refused}")
            return None
        return scan_file(path, region, progress)
    except ScanError as exc:
        progress.end()
        _say(str(exc))
        return None
    except (KeyboardInterrupt, BrokenPipeError):
        raise
    except Exception as exc:  # one photo that breaks the reader must not lose the others
        said = str(exc).strip().splitlines()
        reason = f"{exc.__class__.__name__}: {said[0] if said else ''}"
        _say(f"{name}: could not be read ({reason})")
        return None
    finally:
        progress.end()


def _stdin_bytes() -> bytes | None:
    """A picture on standard input, read up to one byte past the reader's limit (so an endless
    stream costs that much memory at most; the reader refuses what is over it)."""
    from netdesk.scan.images import MAX_FILE_BYTES

    if sys.stdin is None:
        return None
    return sys.stdin.buffer.read(MAX_FILE_BYTES + 1)


def _database_refusal(path: Path) -> str | None:
    """Why `path` is not read as a picture: it is netdesk's open database or a file SQLite
    keeps beside it, or another SQLite database. Opening and closing such a file would drop
    this process's locks on it (netdesk.store.first_bytes)."""
    from netdesk.output_files import OPEN_DATABASE, database_refusal
    from netdesk.store import SQLITE_MAGIC
    from netdesk.store.first_bytes import read_first_bytes

    if database_refusal(path) == OPEN_DATABASE:
        return "this is netdesk's database (or a file of it), not a picture."
    try:
        # Only a regular file: opening a FIFO, even to look, would let its writer start and
        # then find no reader (a broken pipe) once it is closed again.
        if not stat.S_ISREG(path.stat().st_mode):
            return None
        head = read_first_bytes(path, len(SQLITE_MAGIC))
    except OSError:
        return None  # the reader says why in its words
    if head == SQLITE_MAGIC:
        return "this is a database, not a picture."
    return None


class _TerminalProgress:
    """What the reader is at ("Finding the card…"), on the terminal; nothing when stderr is
    not one."""

    def __init__(self, shown: str) -> None:
        from netdesk.cli.search_output import one_line

        self.shown = one_line(shown)
        self.drawn = False

    def __call__(self, text: str) -> None:
        if sys.stderr is not None and sys.stderr.isatty():
            print(f"\r\033[K{self.shown}: {text}", end="", file=sys.stderr, flush=True)
            self.drawn = True

    def end(self) -> None:
        if self.drawn:
            print("\r\033[K", end="", file=sys.stderr, flush=True)
            self.drawn = False
