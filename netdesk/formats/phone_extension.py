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
_TEXT_EXTENSION = re.compile(
    r"""(?:
        \s*;\s*ext\s*=\s*                                   # ";ext=102"
        | \s*,*\s*(?:ext(?:ension|n)?\.?|x|\#)\s*[:.]?\s*   # " ext. 102", "x102", "#102"
        | \s*,+\s*                                          # "…9254,,102"
    )(\d{1,20})\s*\#?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# A number needs digits of its own before anything is taken as its extension.
_NUMBER_DIGITS = 3
_GLOBAL_NUMBER = re.compile(r"\+[\d\s().-]*\d[\d\s().-]*")


def split_extension(text: str) -> tuple[str, str]:
    """(number, extension) of a phone number as text or as a tel: URI; extension "" if none."""
    value = text.strip()
    if value[:4].lower() == "tel:":
        return _split_uri(value[4:])
    found = _TEXT_EXTENSION.search(value)
    if found is None:
        return value, ""
    number = value[: found.start()].rstrip(" ,;")
    if sum(ch.isdigit() for ch in number) < _NUMBER_DIGITS:
        return value, ""
    return number, found.group(1)


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
