"""Fills the `{tech}`, `{city}`, ... slots in demo note and follow-up templates."""

from __future__ import annotations

import random
from collections.abc import Sequence

from netdesk.services.demo import names_notes as notes
from netdesk.services.demo import names_orgs as orgs
from netdesk.services.demo import names_people as people


class _Slots(dict[str, str]):
    """Fills `{tech}`, `{city}`, ... in a template with a fresh random pick for each."""

    def __init__(self, rng: random.Random, event_name: str = "") -> None:
        super().__init__()
        self._rng = rng
        self._event_name = event_name

    def __missing__(self, key: str) -> str:
        rng = self._rng
        if key == "tech":
            return rng.choice(notes.TECH)
        if key == "city":
            return rng.choice(notes.CITIES)
        if key == "domain":
            return rng.choice(notes.DOMAINS)
        if key == "problem":
            return rng.choice(notes.PROBLEMS)
        if key == "org":
            return rng.choice(orgs.ORGANISATIONS).name
        if key == "conference":
            return rng.choice(notes.CONFERENCES)
        if key == "event":
            return self._event_name
        if key == "name":
            culture = rng.choice(people.CULTURES)
            given = rng.choice(culture.female if rng.random() < 0.5 else culture.male)
            return f"{given} {rng.choice(culture.family).split('/')[0]}"
        raise KeyError(key)


def fill(rng: random.Random, template: str, event_name: str = "") -> str:
    return template.format_map(_Slots(rng, event_name)) if "{" in template else template


def pick(rng: random.Random, templates: Sequence[str]) -> str:
    """A random template from `templates`, filled in."""
    return fill(rng, rng.choice(templates))
