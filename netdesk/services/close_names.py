"""Names close to one that was not found: "EuroPyton 2026" for "EuroPython 2026", so that a
typo on the command line is answered with a suggestion instead of a new, misspelt event.

Names are compared as netdesk matches them (case, accents and runs of spaces ignored, see
`same_name_key`); closeness is difflib's ratio (twice the matching characters over both
lengths), plus every name that holds all the words typed ("PyCon" for "PyCon Lisbon").
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from netdesk.text import fold

# difflib's ratio above which a name counts as close. One wrong, missing or extra letter in a
# name of four letters or more stays above it ("Salon"/"Salom" 0.8, "EuroPyton 2026"/
# "EuroPython 2026" 0.97); different words of a similar length fall below ("Salon"/"Sale"
# 0.67, "Sprint"/"Spring" 0.83 is close, as a typo would be).
CUTOFF = 0.8
SHOWN = 5  # suggestions named at most


def same_name_key(name: str) -> str:
    """The form two names are equal in: case, accents and runs of spaces ignored."""
    return fold(" ".join(name.split()))


def close_names(wanted: str, names: Iterable[str], cutoff: float = CUTOFF) -> list[str]:
    """The names in `names` close to `wanted`, closest first, each once; empty when none is
    (an exact match, in netdesk's sense, is the closest of all)."""
    key = same_name_key(wanted)
    words = key.split()
    if not key:
        return []
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(key)
    scored: dict[str, float] = {}
    for name in names:
        candidate = same_name_key(name)
        if not candidate or name in scored:
            continue
        matcher.set_seq1(candidate)
        # The quick upper bounds first: most names are far off, and a long list is compared.
        if matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff:
            score = matcher.ratio()
            if score >= cutoff:
                scored[name] = score
                continue
        if _holds_words(candidate.split(), words):
            scored[name] = cutoff  # a name that holds the words comes after the typos
    return sorted(scored, key=lambda name: -scored[name])


def _holds_words(candidate: list[str], words: list[str]) -> bool:
    """Whether `candidate` holds every one of `words` as whole words, in order."""
    count = len(words)
    return any(candidate[i : i + count] == words for i in range(len(candidate) - count + 1))


def did_you_mean(names: list[str]) -> str:
    """ "Did you mean 'A'?", "Did you mean 'A' or 'B'?", "Did you mean 'A', 'B' or 'C'?"; empty
    when there is nothing to suggest."""
    if not names:
        return ""
    # A common word ("Data") is held by hundreds of names: the closest few are a suggestion,
    # all of them a page of text.
    quoted = [repr(name) for name in names[:SHOWN]]
    listed = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
    more = f" (of {len(names):,} close names)" if len(names) > SHOWN else ""
    return f"Did you mean {listed}{more}?"
