"""Email templates: text with `{placeholder}` names, filled with plain values.

Why not `str.format` or Jinja2: `str.format` reaches attributes and items (`{x.__class__}`,
`{x[0]}`) and formats values (`{x:>999999999}` asks for a gigabyte); a sandboxed Jinja2 is a
whole language to keep closed. Templates need names and nothing else, so the text is split
with `string.Formatter().parse` (which only reads it) and every field must be a bare name from
PLACEHOLDERS, with no conversion and no format; the values are inserted as they are, never
evaluated. `{{` and `}}` are literal braces.
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

_PERSON = {
    "first_name": "their first name",
    "last_name": "their family name",
    "full_name": "their full name",
    "organization": "their organisation",
    "title": "their job title",
    "email": "their email address",
}
_PAIR = {
    "first_name": "first name",
    "full_name": "full name",
    "organization": "organisation",
    "title": "job title",
    "email": "email address",
}

# Name -> what it stands for, one line, for the template editor.
PLACEHOLDERS: dict[str, str] = {
    **_PERSON,
    "event": "the event's name",
    "event_date": "the day the event started",
    "talked_about": "the latest note of what you talked about at that event",
    "common_ground": "the latest note of common ground from that event",
    "can_offer": "the latest note of what you can offer, from that event",
    "promise": "the follow-up: what you promised",
    "due_date": "when the follow-up is due",
    "my_name": "your name (the card marked This is me)",
    "my_first_name": "your first name",
    "my_title": "your job title",
    "my_organization": "your organisation",
    "my_email": "your email address",
    "my_phone": "your phone number",
    **{f"first_{key}": f"introduction: the first person's {what}" for key, what in _PAIR.items()},
    **{f"second_{key}": f"introduction: the second person's {what}" for key, what in _PAIR.items()},
    "reason": "introduction: why the two should meet",
}


class TemplateError(ValueError):
    """A template that cannot be filled; the message names the placeholder and the reason."""


@dataclass(frozen=True)
class TemplateProblem:
    placeholder: str  # as written, braces included ("{first_name.__class__}"); "" for syntax
    message: str


def _shown(field: str, conversion: str | None, spec: str) -> str:
    bang = f"!{conversion}" if conversion else ""
    colon = f":{spec}" if spec else ""
    text = "{" + field + bang + colon + "}"
    return text if len(text) <= 60 else text[:56] + "...}"


def _field_problem(field: str, conversion: str | None, spec: str) -> str | None:
    shown = _shown(field, conversion, spec)
    if field == "":
        return f"{shown} has no name: write a placeholder such as {{first_name}}"
    if field.isdigit():
        return f"{shown} is a number, not a name: write a placeholder such as {{first_name}}"
    if not field.isidentifier():
        return f"{shown}: a placeholder is a name only, without dots or brackets"
    if conversion is not None:
        return f"{shown}: a placeholder cannot have a !conversion; write {{{field}}}"
    if spec:
        return f"{shown}: a placeholder cannot have a :format; write {{{field}}}"
    if field not in PLACEHOLDERS:
        return f"{shown} is not a placeholder netdesk knows"
    return None


def _pieces(text: str) -> Iterator[tuple[str, str | None, str | None, str | None]]:
    # Formatter.parse only splits the text; it never looks a name up or formats anything.
    yield from string.Formatter().parse(text)


def problems(text: str) -> list[TemplateProblem]:
    """What is wrong with `text` as a template, each placeholder once, in order of writing."""
    found: list[TemplateProblem] = []
    seen: set[str] = set()
    try:
        for _literal, field, spec, conversion in _pieces(text):
            if field is None:
                continue
            message = _field_problem(field, conversion, spec or "")
            shown = _shown(field, conversion, spec or "")
            if message is not None and shown not in seen:
                seen.add(shown)
                found.append(TemplateProblem(shown, message))
    except ValueError as exc:
        found.append(TemplateProblem("", _syntax(str(exc))))
    return found


def _syntax(reason: str) -> str:
    if "Single '}'" in reason:
        return "a } without its {: write }} for a brace in the text"
    if "Single '{'" in reason or "expected '}'" in reason:
        return "a { without its }: write {{ for a brace in the text"
    return "the braces do not pair up: write {{ and }} for braces in the text"


def summary(found: list[TemplateProblem], most: int = 5) -> str:
    """The problems in one message: the first `most`, then how many more."""
    text = "; ".join(p.message for p in found[:most])
    return text + (f"; and {len(found) - most:,} more" if len(found) > most else "")


def render(text: str, values: Mapping[str, str], *, optional_lines: bool = True) -> str:
    """`text` with each placeholder replaced by its value ("" for a value not given). A line
    whose placeholders all came out empty is left out ("We talked about: {talked_about}" when
    there is no such note), so that a template can hold optional lines (unless not
    `optional_lines`).

    TemplateError, naming every problem, for a template `problems` finds fault with."""
    found = problems(text)
    if found:
        raise TemplateError(summary(found))
    lines: list[str] = []
    line: list[str] = []
    fields = filled = dropped = False

    def end_line() -> None:
        nonlocal dropped
        text = "".join(line)
        if fields and not filled and optional_lines:
            dropped = True
        elif not (dropped and not text.strip() and lines and not lines[-1].strip()):
            # A left-out paragraph between two blank lines takes one of them along.
            lines.append(text)
            dropped = False

    for literal, field, _spec, _conversion in _pieces(text):
        first, *rest = literal.split("\n")
        line.append(first)
        for piece in rest:
            end_line()
            line, fields, filled = [piece], False, False
        if field is not None:
            value = str(values.get(field, ""))
            fields, filled = True, filled or bool(value.strip())
            line.append(value)
    end_line()
    return "\n".join(lines)


def used(text: str) -> set[str]:
    """The known placeholders `text` uses (problems aside)."""
    names: set[str] = set()
    try:
        for _literal, field, _spec, _conversion in _pieces(text):
            if field in PLACEHOLDERS:
                names.add(field)
    except ValueError:
        pass
    return names
