"""A small, strict vCard 3.0 / 4.0 parser for tests, written from the RFC 2426 and RFC 6350
grammar and sharing no code with netdesk, so that an export is checked by a second reading.

It refuses what a strict client would refuse: line ends other than CRLF, physical lines over 75
octets, a fold that splits a UTF-8 character, empty lines, a card that does not start with BEGIN
and VERSION or end with END, a missing FN (or N in 3.0), a second N/UID/BDAY/PRODID/VERSION,
parameters without a value, unquoted parameter values holding ; : or , and control characters.
Values stay raw until a test asks for them as text, structured text or a text list, which
unescapes them (and refuses escapes the RFCs do not define, or an unescaped , or ; in a text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_OCTETS = 75

_NAME = re.compile(r"(?:([A-Za-z0-9-]+)\.)?([A-Za-z0-9-]+)")
_PARAM_NAME = re.compile(r"[A-Za-z0-9-]+")
# RFC 2426 SAFE-CHAR / RFC 6350 SAFE-CHAR: anything but controls, DQUOTE, ";", ":" and ",".
_PTEXT = re.compile(r'[^"\x00-\x08\x0a-\x1f\x7f;:,]*')
# QSAFE-CHAR: anything but controls and DQUOTE.
_QUOTED = re.compile(r'"([^"\x00-\x08\x0a-\x1f\x7f]*)"')
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_AT_MOST_ONE = ("VERSION", "N", "UID", "BDAY", "PRODID", "REV", "KIND", "GENDER", "ANNIVERSARY")
# Properties whose preference 3.0 writes as TYPE=pref (PREF= is 4.0's parameter).
_TYPED = ("EMAIL", "TEL", "URL", "ADR", "X-SOCIALPROFILE")


class VCardSyntaxError(AssertionError):
    """The text is not a valid vCard; the message says where and why."""


@dataclass
class Prop:
    group: str
    name: str  # upper case
    params: dict[str, list[str]]  # names upper case, values as decoded
    raw: str  # the unfolded value, still escaped
    line: int  # 1-based physical line where the property starts

    def _fail(self, why: str) -> VCardSyntaxError:
        return VCardSyntaxError(f"line {self.line} ({self.name}): {why}: {self.raw!r}")

    def _split(self, text: str, separator: str) -> list[str]:
        parts, current, i = [], [], 0
        while i < len(text):
            char = text[i]
            if char == "\\":
                if i + 1 >= len(text):
                    raise self._fail("value ends with a lone backslash")
                current.append(text[i : i + 2])
                i += 2
                continue
            if char == separator:
                parts.append("".join(current))
                current = []
            else:
                current.append(char)
            i += 1
        parts.append("".join(current))
        return parts

    def _unescape(self, text: str) -> str:
        out, i = [], 0
        while i < len(text):
            char = text[i]
            if char == "\\":
                following = text[i + 1 : i + 2]
                if following in ("n", "N"):
                    out.append("\n")
                elif following in ("\\", ",", ";"):
                    out.append(following)
                else:
                    raise self._fail(f"undefined escape \\{following}")
                i += 2
                continue
            if char in ",;":
                raise self._fail(f"unescaped {char!r} in a text value")
            out.append(char)
            i += 1
        return "".join(out)

    def text(self) -> str:
        """A single text value (FN, NOTE, TITLE, EMAIL, ...)."""
        return self._unescape(self.raw)

    def components(self) -> list[str]:
        """A structured value (N, ORG, ADR): components split at unescaped semicolons."""
        return [self._unescape(part) for part in self._split(self.raw, ";")]

    def text_list(self) -> list[str]:
        """A list of text values (CATEGORIES, NICKNAME) split at unescaped commas."""
        return [self._unescape(part) for part in self._split(self.raw, ",")]

    def param(self, name: str) -> list[str]:
        return self.params.get(name.upper(), [])


@dataclass
class Card:
    version: str
    props: list[Prop] = field(default_factory=list)
    first_line: int = 0

    def all(self, name: str) -> list[Prop]:
        return [prop for prop in self.props if prop.name == name.upper()]

    def one(self, name: str) -> Prop:
        found = self.all(name)
        if len(found) != 1:
            raise VCardSyntaxError(f"expected one {name}, found {len(found)}")
        return found[0]

    def group(self, group: str) -> list[Prop]:
        return [prop for prop in self.props if prop.group.lower() == group.lower()]


def physical_lines(data: bytes) -> list[str]:
    """Checks the physical layout and returns the lines decoded, without their CRLF."""
    if not data.endswith(b"\r\n"):
        raise VCardSyntaxError("the data does not end with CRLF")
    lines = data[:-2].split(b"\r\n")
    decoded = []
    for number, line in enumerate(lines, 1):
        if b"\r" in line or b"\n" in line:
            raise VCardSyntaxError(f"line {number}: a bare CR or LF")
        if len(line) > MAX_OCTETS:
            raise VCardSyntaxError(f"line {number}: {len(line)} octets, more than {MAX_OCTETS}")
        if not line:
            raise VCardSyntaxError(f"line {number}: empty line")
        try:
            # Each physical line alone must be valid UTF-8: a fold inside a character is not.
            decoded.append(line.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise VCardSyntaxError(f"line {number}: not UTF-8 on its own ({exc})") from exc
    return decoded


def unfold(lines: list[str]) -> list[tuple[int, str]]:
    logical: list[tuple[int, str]] = []
    for number, line in enumerate(lines, 1):
        if line[0] in " \t":
            if not logical:
                raise VCardSyntaxError(f"line {number}: continuation before any content line")
            start, text = logical[-1]
            logical[-1] = (start, text + line[1:])
        else:
            logical.append((number, line))
    return logical


def _decode_param(value: str, version: str) -> str:
    if version != "4.0" or "^" not in value:
        return value
    # RFC 6868: ^n is a line break, ^' a double quote, ^^ a caret; any other ^ stays as it is.
    return re.sub(r"\^([n'^])", lambda m: {"n": "\n", "'": '"', "^": "^"}[m.group(1)], value)


def parse_content_line(number: int, line: str, version: str) -> Prop:
    match = _NAME.match(line)
    if not match:
        raise VCardSyntaxError(f"line {number}: no property name: {line!r}")
    group, name = match.group(1) or "", match.group(2).upper()
    pos = match.end()
    params: dict[str, list[str]] = {}
    while pos < len(line) and line[pos] == ";":
        pos += 1
        param_match = _PARAM_NAME.match(line, pos)
        if not param_match:
            raise VCardSyntaxError(f"line {number}: bad parameter name at {pos}: {line!r}")
        param_name = param_match.group(0).upper()
        pos = param_match.end()
        if line[pos : pos + 1] != "=":
            raise VCardSyntaxError(f"line {number}: parameter {param_name} without '='")
        values = params.setdefault(param_name, [])
        while True:
            pos += 1  # past "=" or ","
            quoted = _QUOTED.match(line, pos)
            if quoted:
                values.append(_decode_param(quoted.group(1), version))
                pos = quoted.end()
            else:
                plain = _PTEXT.match(line, pos)
                assert plain is not None  # the pattern matches the empty string
                values.append(_decode_param(plain.group(0), version))
                pos = plain.end()
            if line[pos : pos + 1] != ",":
                break
        if line[pos : pos + 1] not in (";", ":"):
            raise VCardSyntaxError(
                f"line {number}: parameter {param_name} value ends at {line[pos : pos + 1]!r}"
            )
    if line[pos : pos + 1] != ":":
        raise VCardSyntaxError(f"line {number}: no ':' after the name and parameters: {line!r}")
    value = line[pos + 1 :]
    if _CONTROL.search(value):
        raise VCardSyntaxError(f"line {number}: control character in the value: {line!r}")
    return Prop(group, name, params, value, number)


def parse_vcards(data: bytes) -> list[Card]:
    """All cards in `data`; raises VCardSyntaxError at the first thing a strict reader refuses."""
    cards: list[Card] = []
    logical = unfold(physical_lines(data))
    i = 0
    while i < len(logical):
        number, line = logical[i]
        if line.upper() != "BEGIN:VCARD":
            raise VCardSyntaxError(f"line {number}: expected BEGIN:VCARD, found {line!r}")
        if i + 1 >= len(logical):
            raise VCardSyntaxError(f"line {number}: card ends after BEGIN")
        version_number, version_line = logical[i + 1]
        if version_line not in ("VERSION:3.0", "VERSION:4.0"):
            raise VCardSyntaxError(
                f"line {version_number}: VERSION:3.0 or 4.0 must follow BEGIN: {version_line!r}"
            )
        card = Card(version_line[8:], first_line=number)
        i += 1
        while True:
            i += 1
            if i >= len(logical):
                raise VCardSyntaxError(f"line {number}: card without END:VCARD")
            prop_number, prop_line = logical[i]
            prop = parse_content_line(prop_number, prop_line, card.version)
            if prop.name == "END":
                if prop.raw.upper() != "VCARD" or prop.group or prop.params:
                    raise VCardSyntaxError(f"line {prop_number}: bad END: {prop_line!r}")
                break
            if prop.name == "BEGIN":
                raise VCardSyntaxError(f"line {prop_number}: BEGIN inside a card")
            card.props.append(prop)
        i += 1
        card.props.insert(0, Prop("", "VERSION", {}, card.version, version_number))
        _check_card(card)
        cards.append(card)
    return cards


def _check_card(card: Card) -> None:
    where = f"card at line {card.first_line}"
    names = [prop.name for prop in card.props]
    if "FN" not in names:
        raise VCardSyntaxError(f"{where}: no FN")
    if card.version == "3.0":
        if names.count("FN") != 1:
            raise VCardSyntaxError(f"{where}: vCard 3.0 needs exactly one FN")
        if "N" not in names:
            raise VCardSyntaxError(f"{where}: vCard 3.0 needs N")
    for name in _AT_MOST_ONE:
        if names.count(name) > 1:
            raise VCardSyntaxError(f"{where}: more than one {name}")
    for prop in card.all("N"):
        if len(prop.components()) != 5:
            raise VCardSyntaxError(f"{where}: N must have 5 components: {prop.raw!r}")
    for prop in card.all("ADR"):
        if len(prop.components()) != 7:
            raise VCardSyntaxError(f"{where}: ADR must have 7 components: {prop.raw!r}")
    for prop in card.props:
        if card.version == "3.0" and prop.name in _TYPED and "PREF" in prop.params:
            raise VCardSyntaxError(f"{where}: PREF parameter is vCard 4.0 only")
