"""Per-field precision and recall of recognised cards against their truth.

Values are compared with case and spacing evened out and "https://" dropped; phones by their
international (E.164) form in the card's region, and with their kind unless the card does not
say it (truth kind ""), as benchmarks/bench_scan.py counts them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import phonenumbers

SCALARS = ("name", "given", "family", "title", "organization", "department", "address")
LISTS = ("emails", "urls", "phones")


@dataclass
class Counts:
    right: int = 0
    found: int = 0
    true: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.true if self.true else 1.0


@dataclass
class Figures:
    counts: dict[str, Counts] = field(
        default_factory=lambda: {key: Counts() for key in (*SCALARS, *LISTS)}
    )

    def add(self, got: dict[str, Any], truth: dict[str, Any]) -> None:
        region = str(truth.get("region") or "ZZ")
        for key in SCALARS:
            self._count(key, {_plain(got.get(key, ""))} - {""}, {_plain(truth[key])} - {""})
        for key in ("emails", "urls"):
            self._count(key, {_plain(v) for v in got.get(key, [])}, {_plain(v) for v in truth[key]})
        true = {_e164(p["number"], region): p["kind"] for p in truth["phones"]}
        read = {_e164(p["number"], region): p["kind"] for p in got.get("phones", [])}
        counts = self.counts["phones"]
        counts.right += sum(
            1 for number, kind in read.items() if number in true and true[number] in ("", kind)
        )
        counts.found += len(read)
        counts.true += len(true)

    def _count(self, key: str, got: set[Any], true: set[Any]) -> None:
        counts = self.counts[key]
        counts.right += len(got & true)
        counts.found += len(got)
        counts.true += len(true)

    def table(self) -> str:
        return "\n".join(
            f"{key:13} precision {c.precision:6.1%}  recall {c.recall:6.1%}  "
            f"({c.right} right, {c.found} found, {c.true} true)"
            for key, c in self.counts.items()
        )


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    text = re.sub(r"^https?://", "", text.strip()).rstrip("/")
    return " ".join(text.split())


def _e164(number: str, region: str) -> str:
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return re.sub(r"\D", "", number)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
