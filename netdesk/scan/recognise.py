"""Which line of a card is the name, the title, the phones...

The order matters: emails and web addresses are taken first (they are the surest, and their
domain tells which line is the organisation and which the name), then the postal address
(its country tells how phone numbers without "+" are dialled), then phones (their labels give
the kind; tax ids and postcodes stay out), and last the words: legal forms make the
organisation, job words the title, and the name is the line that can be one, with the most
weight given to its size, to matching an email and to being near the top.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from netdesk.scan.address_block import address_lines
from netdesk.scan.addresses import AddressLine
from netdesk.scan.card_fields import CardFields
from netdesk.scan.card_lines import NOISE, CardLine, card_lines
from netdesk.scan.email_mending import mend_emails
from netdesk.scan.names import looks_like_name, matches_email, split_name
from netdesk.scan.organisations import (
    domain_names,
    has_company_word,
    has_legal_form,
    is_institution,
    matches_domain,
    tidy_organisation,
)
from netdesk.scan.phones import find_phones, kinds_from_numbers
from netdesk.scan.regions import guess_region
from netdesk.scan.text_lines import TextLine
from netdesk.scan.titles import (
    department_text,
    is_department,
    is_slogan,
    is_title,
    split_title_department,
)
from netdesk.scan.web import find_web

# Below this recogniser score a field is shown as read with low confidence.
SURE_SCORE = 0.85
_KANA = re.compile(r"[\u3040-\u30ff]")
# Profile pages on a social network: their domain says nothing of the card's country.
_PROFILE = re.compile(
    r"/@|linkedin\.com|x\.com|github\.com|instagram\.com|xing\.com|bsky\.app|twitter\.com"
)


def recognise(lines: Sequence[TextLine], region: str | None = None) -> CardFields:
    """The fields of one card from its lines of text; `region` is the user's own country
    (ISO 3166 alpha-2) for numbers printed without a country code."""
    fields = CardFields()
    items = card_lines(lines)
    glued = _take_web(items, fields)
    address_items = _take_address(items, fields)
    countries = [found.country for _, found in address_items]
    domains = [email.rsplit("@", 1)[-1] for email in fields.emails] + [
        url for url in fields.urls if not _PROFILE.search(url)
    ]
    card_region = guess_region(countries, [item.text for item in items], domains, region)
    in_address = {id(item) for item, _ in address_items}
    pictograms = _take_phones(items, fields, card_region, in_address)
    guessed = kinds_from_numbers(fields.phones, pictograms)
    fields.low_confidence.update(f"phones:{index}" for index in guessed)
    japanese = card_region == "JP" or any(_KANA.search(line.text) for line in lines)
    _take_words(items, fields, japanese=japanese, region=card_region)
    mend_emails(fields, glued, items)
    fields.unplaced = [
        item.text for item in items if not item.used and item.text and not NOISE.match(item.text)
    ]
    return fields


def _take_web(items: list[CardLine], fields: CardFields) -> list[int]:
    """Emails and web addresses; the indexes of emails that may carry a glued "E" label."""
    glued: list[int] = []
    for item in items:
        found = find_web(item.text)
        unsure = item.source.score < SURE_SCORE
        for index, email in enumerate(found.emails):
            if email.lower() not in (known.lower() for known in fields.emails):
                if index in found.glued_e:
                    glued.append(len(fields.emails))
                fields.emails.append(email)
                if unsure:
                    fields.low_confidence.add(f"emails:{len(fields.emails) - 1}")
        for url in found.urls:
            if url.lower() not in (known.lower() for known in fields.urls):
                fields.urls.append(url)
                if unsure or url in found.guessed_urls:
                    fields.low_confidence.add(f"urls:{len(fields.urls) - 1}")
        item.text = found.rest
        if NOISE.match(item.text):
            item.used = True
    return glued


def _take_address(items: list[CardLine], fields: CardFields) -> list[tuple[CardLine, AddressLine]]:
    """The address, its lines joined by ", "."""
    block = address_lines(items)
    fields.address = ", ".join(line.text.strip(" ,") for _, line in block)
    if any(item.source.score < SURE_SCORE for item, _ in block):
        fields.low_confidence.add("address")
    for item, _ in block:
        item.used = True
    return block


def _take_phones(
    items: list[CardLine], fields: CardFields, region: str, in_address: set[int]
) -> set[int]:
    """The phones; the indexes of those whose kind came from a pictogram."""
    pictograms: set[int] = set()
    for item in items:
        if item.used and id(item) not in in_address:
            continue
        found = find_phones(item.text, region, labelled_only=id(item) in in_address)
        if not found.phones:
            continue
        unsure = item.source.score < SURE_SCORE
        for index, phone in enumerate(found.phones):
            digits = re.sub(r"\D", "", phone.number)
            if any(re.sub(r"\D", "", known.number) == digits for known in fields.phones):
                continue
            fields.phones.append(phone)
            if index in found.pictograms:
                pictograms.add(len(fields.phones) - 1)
            if unsure or index in found.unsure:
                fields.low_confidence.add(f"phones:{len(fields.phones) - 1}")
        if id(item) not in in_address:
            item.text = found.rest
            item.used = not item.text or bool(NOISE.match(item.text))
    return pictograms


def _take_words(items: list[CardLine], fields: CardFields, *, japanese: bool, region: str) -> None:
    """Organisation, title, department and name from the lines left."""
    free = [item for item in items if not item.used and item.text]
    domains = domain_names(fields.emails, fields.urls)
    orgs: list[tuple[int, CardLine]] = []
    titles: list[CardLine] = []
    others: list[CardLine] = []
    for item in free:
        text = item.text
        if sum(ch.isdigit() for ch in text) >= 4:
            continue  # registry numbers, capital, "since 1987": never a name or a title
        if has_legal_form(tidy_organisation(text)):
            orgs.append((3, item))
        elif is_department(text):
            if not fields.department:
                fields.department = department_text(text)
                item.used = True
                _mark(fields, "department", item)
        elif is_title(text) and not (looks_like_name(text) and matches_email(text, fields.emails)):
            titles.append(item)
        elif is_institution(text):
            orgs.append((2, item))
        else:
            others.append(item)
    name_item = _take_name(others, fields, japanese=japanese, region=region)
    if titles:
        _set_title(_nearest(titles, name_item, items), fields)
    for item in others:
        if item.used:
            continue
        if matches_domain(item.text, domains) and not looks_like_name(item.text):
            orgs.append((2, item))
        elif has_company_word(item.text):
            orgs.append((1, item))
    if orgs:
        best = max(
            orgs,
            key=lambda pair: (pair[0], matches_domain(pair[1].text, domains), pair[1].height),
        )
        fields.organization = tidy_organisation(best[1].text)
        best[1].used = True
        _mark(fields, "organization", best[1])
    else:
        _organisation_from_layout(others, fields, items)


def _nearest(titles: list[CardLine], name: CardLine | None, items: list[CardLine]) -> CardLine:
    """The title printed closest to the name (a slogan with "partner" in it sits apart)."""
    if name is None or len(titles) == 1:
        return titles[0]
    position = {id(item): index for index, item in enumerate(items)}
    return min(titles, key=lambda item: abs(position[id(item)] - position[id(name)]))


def _set_title(item: CardLine, fields: CardFields) -> None:
    title, department = split_title_department(item.text)
    fields.title = title
    if department and not fields.department:
        fields.department = department
    item.used = True
    _mark(fields, "title", item)


def _take_name(
    others: list[CardLine], fields: CardFields, *, japanese: bool, region: str
) -> CardLine | None:
    texts = {id(item): _unglued(item.text) for item in others}
    candidates = [
        item for item in others if looks_like_name(texts[id(item)]) and not is_slogan(item.text)
    ]
    if not candidates:
        return None
    tallest = max(item.height for item in candidates)
    top = min(item.source.top for item in candidates)
    span = max(item.source.bottom for item in candidates) - top or 1.0

    def weight(item: CardLine) -> float:
        score = 3.0 * item.height / tallest - 0.5 * (item.source.top - top) / span
        if matches_email(texts[id(item)], fields.emails):
            score += 3.0
        if re.match(r"(?:Dr|Prof|Mag|Ing)\.", item.text):
            score += 1.0
        return score

    best = max(candidates, key=weight)
    best.text = texts[id(best)]
    fields.name, fields.given, fields.family = split_name(
        best.text, japanese=japanese, region=region, emails=fields.emails
    )
    best.used = True
    _mark(fields, "name", best)
    if len(candidates) > 1 and not matches_email(best.text, fields.emails):
        second = sorted((weight(item) for item in candidates), reverse=True)[1]
        if weight(best) - second < 0.3:
            fields.low_confidence.add("name")
    return best


def _unglued(text: str) -> str:
    """ "GarethThackeray" -> "Gareth Thackeray": the space between two names lost."""
    glued = re.fullmatch(r"([A-ZÀ-Þ][a-zß-ÿ]+)([A-ZÀ-Þ][a-zß-ÿ]{2,})", text)
    return f"{glued.group(1)} {glued.group(2)}" if glued else text


def _organisation_from_layout(
    others: list[CardLine], fields: CardFields, items: list[CardLine]
) -> None:
    """No legal form, institution or domain on any line: a short line printed bigger than
    most is taken (a logo's words), marked as a guess."""
    # Measured against the contact lines (emails, phones, address): the small print.
    contact = [item for item in items if item.used and item not in others]
    heights = sorted(item.height for item in contact or items)
    usual = heights[len(heights) // 2] if heights else 0.0
    left = [
        item
        for item in others
        if not item.used
        and not re.search(r"\d", item.text)
        and 2 <= len(item.text) <= 60
        and len(item.text.split()) <= 6
        and item.height >= 1.15 * usual
        and not is_slogan(item.text)
    ]
    if not left:
        return
    best = max(left, key=lambda item: item.height)
    fields.organization = best.text
    best.used = True
    fields.low_confidence.add("organization")


def _mark(fields: CardFields, key: str, item: CardLine) -> None:
    if item.source.score < SURE_SCORE:
        fields.low_confidence.add(key)
