"""A phone number's extension, kept apart from the number.

Files write it in many ways: RFC 3966 `tel:+1-418-656-9254;ext=102`, and in text
"+1 418-656-9254 ext. 102", "x102", "#102", ";ext=102" or dialling pauses ("…9254,,102").
Glued to the number it would make a different, uncallable E.164 form; apart it is shown and
written back as "ext. 102" (tel: URIs as `;ext=`).
"""

from __future__ import annotations

import re
from urllib.parse import unquote

# The extension at the end of a number written as text. Dialling pauses (",") count, which is
# how phones store an extension to dial once the call is answered.
# It is matched on the reversed value, from its end: a search from the front with optional
# spaces and commas on both sides of the separator took cubic time on a long run of spaces (a
# hostile TEL line of 10 KB read for minutes). Reading backwards from a fixed start with
# possessive quantifiers (no giving back) is linear, and finds the same separator: the three
# forms differ in their last character before the digits ("=", a keyword or ":"/".", ","), and
# each run of spaces or commas taken whole gives the leftmost start the search found.
_REVERSED_EXTENSION = re.compile(
    r"""\s*+\#?+\s*+(\d{1,20}+)                                    # "102 #", reversed
    (?: \s*+=\s*+txe\s*+;\s*+                                      # ";ext=102"
      | \s*+[:.]?\s*+(?:\.?(?:noisnetxe|ntxe|txe)|x|\#)\s*+,*+\s*+  # " ext. 102", "x102", "#102"
      | \s*+,++\s*+                                                # "…9254,,102"
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# A number needs digits of its own before anything is taken as its extension.
_NUMBER_DIGITS = 3
# "+", then digits, spaces and ().- with a digit among them. Said with a lookahead (not
# "[...]*\d[...]*", whose two runs could split a long number every way: quadratic).
_GLOBAL_NUMBER = re.compile(r"\+(?=[\s().-]*+\d)[\d\s().-]*+")


def split_extension(text: str) -> tuple[str, str]:
    """(number, extension) of a phone number as text or as a tel: URI; extension "" if none."""
    value = text.strip()
    if value[:4].lower() == "tel:":
        return _split_uri(value[4:])
    found = _REVERSED_EXTENSION.match(value[::-1])
    if found is None:
        return value, ""
    number = value[: len(value) - found.end()].rstrip(" ,;")
    if sum(ch.isdigit() for ch in number) < _NUMBER_DIGITS:
        return value, ""
    return number, found.group(1)[::-1]


def _split_uri(body: str) -> tuple[str, str]:
    number, *params = body.split(";")
    extension = ""
    kept = []
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "ext" and not extension:
            extension = unquote(value).strip()
        else:
            kept.append(param)  # phone-context, isub, ...: kept with the number, as before
    number = unquote(number).strip()
    if kept:
        number = ";".join([number, *kept])
    if not extension:
        return split_extension(number) if number[:4].lower() != "tel:" else (number, "")
    return number, extension


def with_extension(number: str, extension: str) -> str:
    """The number as people read it: "+1 418-656-9254 ext. 102"."""
    return f"{number} ext. {extension}" if extension else number


def tel_uri(number: str, extension: str) -> str | None:
    """RFC 3966 `tel:+1-418-656-9254;ext=102`, or None when the number is not a global one
    (a local number needs a phone-context netdesk does not know)."""
    value = number.strip()
    if not _GLOBAL_NUMBER.fullmatch(value):
        return None
    digits = re.sub(r"\s+", "-", value.replace("(", "").replace(")", ""))
    digits = re.sub(r"-{2,}", "-", digits.replace("+-", "+")).rstrip("-")
    uri = f"tel:{digits}"
    if extension:
        uri += f";ext={re.sub(r'[^0-9A-Za-z.()-]', '', extension)}"
    return uri
