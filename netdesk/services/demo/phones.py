"""Valid, varied phone numbers for demo people, built from phonenumbers' example numbers."""

from __future__ import annotations

import random

import phonenumbers


class Phones:
    """Valid numbers for a region, varied from phonenumbers' example number for it."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._templates: dict[tuple[str, int], phonenumbers.PhoneNumber] = {}

    def make(self, region: str, kind: int = phonenumbers.PhoneNumberType.MOBILE) -> tuple[str, str]:
        """(international form, E.164 form) of a valid number in `region`."""
        template = self._templates.get((region, kind))
        if template is None:
            example = phonenumbers.example_number_for_type(region, kind)
            if example is None:
                raise ValueError(f"phonenumbers has no example number for {region}")
            template = self._templates[(region, kind)] = example
        national = str(template.national_number)
        number = template
        # Keeping two leading digits spreads numbers over the region's mobile prefixes; three
        # (nearly) always stays inside a valid range. The example itself is the last resort.
        for attempt in range(12):
            keep = 2 if attempt < 4 else 3
            free = len(national) - keep
            digits = national[:keep] + str(self._rng.randrange(10**free)).zfill(free)
            candidate = phonenumbers.PhoneNumber(
                country_code=template.country_code,
                national_number=int(digits),
                italian_leading_zero=template.italian_leading_zero,
            )
            if phonenumbers.is_valid_number(candidate):
                number = candidate
                break
        return (
            phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
            phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        )
