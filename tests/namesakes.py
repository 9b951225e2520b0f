"""A big conference's attendee list: distinct people (each with their own UID, email and phone)
whose names and organisations repeat, as they do among thousands of attendees."""

from __future__ import annotations

import random
from pathlib import Path

FIRST = ("Maria", "Jan", "Anna", "Li", "Omar", "Sofia", "David", "Eva", "Wei", "Fatima")
LAST = ("Müller", "Smith", "García", "Wang", "Nguyen", "Schmidt", "Kowalski", "Rossi")
ORGANISATIONS = ("Acme", "Globex", "Initech", "Umbrella", "Hooli")


def attendee_cards(people: int, seed: int = 10) -> str:
    """vCards of `people` distinct attendees among 80 names at 5 organisations (400 pairs of
    name and organisation: each one is shared by several people once there are a few hundred)."""
    pick = random.Random(seed)
    cards = []
    for n in range(people):
        name = f"{pick.choice(FIRST)} {pick.choice(LAST)}"
        cards.append(
            "BEGIN:VCARD\r\nVERSION:3.0\r\n"
            f"UID:attendee-{n}@conference.example\r\nFN:{name}\r\n"
            f"ORG:{pick.choice(ORGANISATIONS)}\r\nEMAIL:attendee{n}@mail.example\r\n"
            f"TEL:+49 30 {20_000_000 + n}\r\nEND:VCARD\r\n"
        )
    return "".join(cards)


def attendee_file(folder: Path, people: int) -> Path:
    path = folder / "attendees.vcf"
    path.write_text(attendee_cards(people), encoding="utf-8")
    return path
