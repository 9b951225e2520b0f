"""What `netdesk search` prints: one line per person (the default), the address-completion
formats of mail clients, or JSON for scripts.

Plain Python without the database layer: the quick search (netdesk.store.quick_search) and the
normal one (netdesk.cli.search) fill the same records (FoundPerson, of the quick search) and
print them here.
"""

from __future__ import annotations

from typing import TextIO

from netdesk.store import FoundPerson

FORMATS = ("lines", "mutt", "aerc", "json")


# Control characters (an escape sequence would reach the terminal) and the bidirectional
# embeddings, overrides and isolates (one in a name would show the rest of the line, email
# included, reversed) that an older netdesk or another program may have stored.
_UNSHOWN = dict.fromkeys(
    [*range(0x20), *range(0x7F, 0xA0), 0xFEFF, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)


def one_line(value: str) -> str:
    """A value as one cell of a tab-separated line: tabs, line breaks and runs of spaces
    become one space (they would break the line), and nothing in it acts on the terminal."""
    return " ".join(value.split()).translate(_UNSHOWN)


def _count(n: int, what: str) -> str:
    return f"{n:,} {what}" if n == 1 else f"{n:,} {what}es"


def write(people: list[FoundPerson], fmt: str, out: TextIO, err: TextIO) -> int:
    """Print `people` in `fmt`; the exit status: 0, or 1 when nothing was found (grep's rule).

    mutt reads the first line as a status message and shows it (as an error when the exit
    status is not 0); it does not capture standard error, which would be written over its
    screen, so the mutt format says "no match" in that first line only. aerc ignores the exit
    status and the first line is already a completion there, so it gets no status line.
    """
    if fmt == "json":
        import json

        json.dump([p._asdict() for p in people], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt in ("mutt", "aerc"):
        columns = 3 if fmt == "mutt" else 2
        lines = [
            "\t".join(one_line(v) for v in (email, p.name, p.organization)[:columns])
            for p in people
            for email in p.emails
        ]
        if fmt == "mutt":
            if lines:
                out.write(f"netdesk: {_count(len(lines), 'match')}\n")
            elif people:
                found = "person" if len(people) == 1 else f"{len(people):,} people"
                out.write(f"netdesk: no email address for the {found} found\n")
            else:
                out.write("netdesk: no match\n")
        out.writelines(line + "\n" for line in lines)
        if not lines:
            if fmt == "aerc":
                err.write("netdesk: no match\n")
            return 1
        return 0
    else:
        for p in people:
            fields = (p.name, p.organization, p.emails[0] if p.emails else "")
            out.write("\t".join(one_line(f) for f in fields) + "\n")
    if not people:
        err.write("netdesk: no match\n")
        return 1
    return 0
