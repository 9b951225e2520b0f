"""Exporting 10,000 contacts as vCard 3.0, against vobject building and serialising the same
cards, in the same run.

The database is the 10,000-card file of bench_vcard_import imported into an empty SQLite file.
- netdesk: `services.exports.vcard(out)` to a file: reading the contacts from the database,
  formatting, escaping, folding and writing.
- vobject: `vobject.vCard()` objects with the same fields (names, organisation, title, birthday,
  emails, phones, URLs with their group labels, addresses, note, categories, UID and the kept
  extra lines), `.serialize()`d and written to a file. The contacts are read from the database
  beforehand and not timed, which favours vobject.
Runs alternate; the figures are medians (limit 1.3x).

Run: .venv/bin/python benchmarks/bench_vcard_export.py [--runs N] [--cards N]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _vcard_data import CARDS, vcard_file

from netdesk.formats.records import ContactRecord, Typed
from netdesk.services.service_set import Services
from netdesk.store import open_database

RATIO_LIMIT = 1.3


def time_netdesk(services: Services, out: Path) -> tuple[float, int]:
    gc.collect()
    started = time.perf_counter()
    with out.open("wb") as stream:
        count = services.exports.vcard(stream)
    return time.perf_counter() - started, count


def time_vobject(records: list[ContactRecord], out: Path) -> tuple[float, int]:
    gc.collect()
    started = time.perf_counter()
    with out.open("w", encoding="utf-8", newline="") as stream:
        for record in records:
            stream.write(vobject_card(record).serialize())
    return time.perf_counter() - started, len(records)


def vobject_card(r: ContactRecord) -> Any:
    import vobject
    from vobject.base import textLineToContentLine
    from vobject.vcard import Address, Name

    card = vobject.vCard()
    card.add("fn").value = r.formatted_name
    card.add("n").value = Name(
        family=r.family_name,
        given=r.given_name,
        additional=r.middle_name,
        prefix=r.prefix,
        suffix=r.suffix,
    )
    if r.nickname:
        card.add("nickname").value = r.nickname
    if r.organization or r.department:
        card.add("org").value = [r.organization] + ([r.department] if r.department else [])
    if r.title:
        card.add("title").value = r.title
    if r.birthday:
        card.add("bday").value = r.birthday.isoformat()
    for name, values in (("email", r.emails), ("tel", r.phones), ("url", r.urls)):
        for n, typed in enumerate(values, start=1):
            _typed(card, name, typed, f"item{n}" if typed.label else None)
    for a in r.addresses:
        adr = card.add("adr")
        adr.value = Address(
            street=a.street,
            city=a.locality,
            region=a.region,
            code=a.postal_code,
            country=a.country,
            box=a.po_box,
            extended=a.extended,
        )
        if a.kind:
            adr.params["TYPE"] = a.kind.split(",")
    if r.note:
        card.add("note").value = r.note
    if r.categories:
        card.add("categories").value = list(r.categories)
    if r.uid:
        card.add("uid").value = r.uid
    for line in r.extra_lines:
        card.add(textLineToContentLine(line))
    return card


def _typed(card: Any, name: str, typed: Typed, group: str | None) -> None:
    line = card.add(name, group=group) if group else card.add(name)
    line.value = typed.value
    types = [t for t in typed.kind.split(",") if t] + (["pref"] if typed.preferred else [])
    if types:
        line.params["TYPE"] = types
    if group:
        card.add("x-ablabel", group=group).value = typed.label


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cards", type=int, default=CARDS)
    args = parser.parse_args()
    path = vcard_file(args.cards)
    with tempfile.TemporaryDirectory(prefix="netdesk-bench-export-") as tmp:
        folder = Path(tmp)
        db = open_database(f"sqlite:///{folder / 'export.sqlite'}")
        try:
            services = Services(db)
            started = time.perf_counter()
            report = services.imports.import_file(path)
            print(f"database: {report.summary()} in {time.perf_counter() - started:.1f} s")
            records = list(services.exports.records())
            time_vobject(records, folder / "warm.vcf")  # warm up both
            time_netdesk(services, folder / "warm.vcf")
            ours, theirs = [], []
            for _ in range(args.runs):
                elapsed, count = time_vobject(records, folder / "vobject.vcf")
                theirs.append(elapsed)
                elapsed, exported = time_netdesk(services, folder / "netdesk.vcf")
                ours.append(elapsed)
            assert exported == count, (exported, count)
        finally:
            db.close()
        sizes = {name: (folder / f"{name}.vcf").stat().st_size for name in ("vobject", "netdesk")}
        t, o = statistics.median(theirs), statistics.median(ours)
        print(
            f"vobject builds and serialises {count:,} cards: {t:6.2f} s  "
            f"({sizes['vobject'] / 2**20:.1f} MB)"
        )
        print(
            f"netdesk exports them (vCard 3.0):     {o:6.2f} s  ({sizes['netdesk'] / 2**20:.1f} MB)"
        )
        print(f"  runs: vobject {_list(theirs)}; netdesk {_list(ours)}")
        verdict = "ok" if o / t <= RATIO_LIMIT else "OVER THE LIMIT"
        print(
            f"ratio export/vobject: {o / t:.2f}x (median of {args.runs}; limit {RATIO_LIMIT}x) "
            f"{verdict}"
        )


def _list(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


if __name__ == "__main__":
    main()
