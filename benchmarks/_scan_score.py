"""Scoring card fields read by the scanner against the rendered set's truth (bench_scan.py).

The comparison rule, per field:
- text fields (name, given, family, title, organization, department): equal after Unicode NFKC,
  case folding and collapsing white space; spaces between CJK characters do not count.
- address: equal after the same, keeping letters and digits only (commas, dashes, "〒" and line
  breaks do not count).
- emails: case-folded. urls: case-folded, without the scheme, "www." and a trailing slash
  (twitter.com counts as x.com).
- phones: the number in E.164 (parsed in the card's country, so "030 1234567" and
  "+49 30 1234567" are the same); "phones+kind" also needs the kind, unless the card does not
  say it (truth kind "").
A text field read but wrong counts once as a false positive and, when the card has it, once as
a miss. Lists count item by item.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import phonenumbers

TEXT_FIELDS = ("name", "given", "family", "title", "organization", "department")
FIELDS = (*TEXT_FIELDS, "emails", "phones", "phones+kind", "urls", "address")
GOALS = {"emails": 98, "phones": 95, "name": 90, "organization": 90, "title": 85}
_CJK = r"\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"


def norm_text(text: str) -> str:
    text = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return re.sub(rf"(?<=[{_CJK}]) (?=[{_CJK}])", "", text)


def norm_address(text: str) -> str:
    return "".join(c for c in norm_text(text) if c.isalnum())


def norm_url(url: str) -> str:
    url = norm_text(url).removeprefix("https://").removeprefix("http://").removeprefix("www.")
    url = url.rstrip("/")
    return "x.com" + url[len("twitter.com") :] if url.startswith("twitter.com") else url


def norm_phone(number: str, region: str) -> str:
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return re.sub(r"\D", "", number)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _national(number: str, region: str) -> str:
    try:
        return str(phonenumbers.parse(number, region).national_number)
    except phonenumbers.NumberParseException:
        return re.sub(r"\D", "", number)


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Tally) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


@dataclass
class CardScore:
    tallies: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in FIELDS})
    misses: list[str] = field(default_factory=list)  # "title: 'CEO' read as ''"
    registry_as_phone: int = 0  # printed tax ids or registry numbers read as phones

    @property
    def hits(self) -> int:
        return sum(t.tp for t in self.tallies.values())


def _lists(truth: Iterable[str], read: Iterable[str]) -> tuple[Tally, list[str], list[str]]:
    want, got = Counter(truth), Counter(read)
    both = want & got
    missed = list((want - both).elements())
    extra = list((got - both).elements())
    return Tally(sum(both.values()), len(extra), len(missed)), missed, extra


def score_card(truth: dict[str, Any], read: dict[str, Any] | None) -> CardScore:
    """One card's truth against what was read off it (CardFields.to_json(); None: not found)."""
    read = read or {}
    score = CardScore()
    for key in (*TEXT_FIELDS, "address"):
        norm = norm_address if key == "address" else norm_text
        want, got = norm(truth[key]), norm(read.get(key, ""))
        tally = score.tallies[key]
        if want and want == got:
            tally.tp += 1
            continue
        tally.fp += bool(got)
        tally.fn += bool(want)
        if want or got:
            score.misses.append(f"{key}: {truth[key]!r} read as {read.get(key, '')!r}")
    region = truth["region"]
    pairs = {
        "emails": (
            [norm_text(e) for e in truth["emails"]],
            [norm_text(e) for e in read.get("emails", [])],
        ),
        "urls": ([norm_url(u) for u in truth["urls"]], [norm_url(u) for u in read.get("urls", [])]),
        "phones": (
            [norm_phone(p["number"], region) for p in truth["phones"]],
            [norm_phone(p["number"], region) for p in read.get("phones", [])],
        ),
    }
    for key, (want, got) in pairs.items():
        tally, missed, extra = _lists(want, got)
        score.tallies[key] = tally
        if missed or extra:
            score.misses.append(f"{key}: missed {missed}, extra {extra}")
    score.tallies["phones+kind"] = _phone_kinds(truth, read.get("phones", []), region, score.misses)
    registry = [re.sub(r"\D", "", text) for text in truth.get("not_phones", [])]
    for phone in read.get("phones", []):
        digits = _national(phone["number"], region)
        if len(digits) >= 6 and any(digits in r for r in registry):
            score.registry_as_phone += 1
    return score


def _phone_kinds(
    truth: dict[str, Any], read: list[dict[str, str]], region: str, misses: list[str]
) -> Tally:
    left = [(norm_phone(p["number"], region), p["kind"]) for p in truth["phones"]]
    tally = Tally()
    for phone in read:
        number, kind = norm_phone(phone["number"], region), phone.get("kind", "")
        match = next((t for t in left if t[0] == number and t[1] in ("", kind)), None)
        if match:
            left.remove(match)
            tally.tp += 1
        else:
            tally.fp += 1
            wanted = next((t[1] for t in left if t[0] == number), None)
            if wanted is not None:
                misses.append(f"phone kind: {phone['number']} is {wanted!r}, read as {kind!r}")
    tally.fn = len(left)
    return tally


def match_cards(
    truths: list[dict[str, Any]], reads: list[dict[str, Any]]
) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    """Pairs each true card with the card read that agrees with it most (greedy, best first);
    cards read beyond the true ones are paired with an empty truth (all they hold is wrong)."""
    options = sorted(
        (
            (score_card(t, r).hits, ti, ri)
            for ti, t in enumerate(truths)
            for ri, r in enumerate(reads)
        ),
        reverse=True,
    )
    used_t: dict[int, int] = {}
    used_r: set[int] = set()
    for _, ti, ri in options:
        if ti not in used_t and ri not in used_r:
            used_t[ti] = ri
            used_r.add(ri)
    pairs: list[tuple[dict[str, Any], dict[str, Any] | None]] = [
        (t, reads[used_t[ti]] if ti in used_t else None) for ti, t in enumerate(truths)
    ]
    blank = {key: "" for key in (*TEXT_FIELDS, "address")} | {
        "emails": [],
        "phones": [],
        "urls": [],
        "not_phones": [],
        "region": truths[0]["region"],
    }
    pairs += [(blank, r) for ri, r in enumerate(reads) if ri not in used_r]
    return pairs
