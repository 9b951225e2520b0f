"""Printing 1,000 name badges to PDF, against the qrcode library alone making the same 1,000
codes in its default way (`qrcode.make(payload)`, drawn with Pillow), in the same run.

- qrcode: `qrcode.make(payload)` for each badge's payload (a PIL image per code).
- netdesk (cold): `write_pdf` of the 1,000 badges on Avery 5395 sheets after emptying the QR
  code and drawn-code caches: making every code, laying out and painting every badge, and
  writing the PDF (limit 1.2x the qrcode time).
- netdesk (again): the same PDF written a second time, codes already cached (near instant).
The payloads are realistic vCard 3.0 cards (name, organisation, title; some with an email), all
different. Runs alternate; the figures are medians. The PDF must stay under 15 MB.

Run: .venv/bin/python benchmarks/bench_badges.py [--runs N] [--badges N]
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from netdesk.cards import badge_paint, qr_image, text_fit
from netdesk.cards.badge import Badge
from netdesk.cards.badge_sheet import SheetOptions, ensure_gui, write_pdf
from netdesk.cards.payload import card_payload
from netdesk.cards.qr import qr_code
from netdesk.cards.templates import TemplateStore
from netdesk.formats.records import ContactRecord, Typed

RATIO_LIMIT = 1.2
SIZE_LIMIT_MB = 15.0

GIVEN = (
    *("Anna", "Ben", "Chiara", "Dmitri", "Elif", "Femi", "Grace", "Hiroshi", "Ines", "Jonas"),
    *("Kwame", "Lea", "Mateo", "Noor", "Olga", "Pedro", "Quinn", "Rosa", "Sven", "Tomás"),
    *("Uma", "Viktor", "Wen", "Xavier", "Yara", "Zoë", "Maximiliane-Josephine", "美咲"),
)
FAMILY = (
    *("Schröder", "Okafor", "Rossi", "Ivanov", "Yılmaz", "Adeyemi", "Hopper", "Tanaka"),
    *("García", "Berg", "Mensah", "Dubois", "Silva", "Haddad", "Petrova", "Andersson"),
    *("Nakamura", "von Hohenzollern-Sigmaringen", "山田"),
)
ORGS = (
    "Acme Corporation",
    "Nordlicht Energie GmbH",
    "Universidad Politécnica de Madrid",
    "Tata Consultancy Services",
    "Internationale Gesellschaft für Zusammenarbeit",
    "Blue Harbour Ventures",
    "",
)
TITLES = ("CTO", "Head of Research", "Product Manager", "Senior Engineer", "Founder", "")
ROLES = ("attendee",) * 6 + ("speaker", "staff", "sponsor", "organiser", "exhibitor")


def make_badges(count: int) -> list[Badge]:
    rng = random.Random(4)
    badges = []
    for n in range(count):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        name = f"{given} {family}"
        record = ContactRecord(
            formatted_name=name,
            given_name=given,
            family_name=family,
            organization=rng.choice(ORGS),
            title=rng.choice(TITLES),
        )
        if n % 4 == 0:  # some attendees agreed to share their email
            record.emails = [Typed(f"{given.lower()}.{n}@example.org")]
        else:  # unique payloads even for the same name: a number in the title
            record.title = f"{record.title} #{n}".strip()
        payload = card_payload(record)
        badges.append(
            Badge(
                n + 1,
                n + 1,
                given,
                name,
                record.organization,
                record.title,
                rng.choice(ROLES),
                payload,
            )
        )
    assert len({b.payload for b in badges}) == count
    return badges


def clear_caches() -> None:
    """Everything a first print in a fresh process has to make: codes, drawn codes, text fits."""
    qr_code.cache_clear()
    qr_image.clear_cache()
    text_fit.fit_text.cache_clear()
    text_fit.metrics.cache_clear()
    text_fit.font.cache_clear()
    badge_paint.badge_layout.cache_clear()


def time_qrcode(payloads: list[str]) -> float:
    import qrcode

    gc.collect()
    started = time.perf_counter()
    for payload in payloads:
        qrcode.make(payload)
    return time.perf_counter() - started


def time_netdesk(badges: list[Badge], out: Path, cold: bool) -> tuple[float, int]:
    template = TemplateStore(out.parent / "no-templates.json").get("avery-5395")
    options = SheetOptions(event_name="NetConf Europe 2025 · Berlin")
    if cold:
        clear_caches()
    gc.collect()
    started = time.perf_counter()
    pages = write_pdf(out, template, badges, options)
    return time.perf_counter() - started, pages


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--badges", type=int, default=1000)
    args = parser.parse_args()
    ensure_gui()
    badges = make_badges(args.badges)
    payloads = [b.payload for b in badges]
    with tempfile.TemporaryDirectory(prefix="netdesk-bench-badges-") as tmp:
        out = Path(tmp) / "badges.pdf"
        time_qrcode(payloads[:50])  # warm up imports and both code paths
        time_netdesk(badges[:50], out, cold=True)
        theirs, ours, again = [], [], []
        for _ in range(args.runs):
            theirs.append(time_qrcode(payloads))
            elapsed, pages = time_netdesk(badges, out, cold=True)
            ours.append(elapsed)
            again.append(time_netdesk(badges, out, cold=False)[0])
        size_mb = out.stat().st_size / 2**20
    t, o, a = statistics.median(theirs), statistics.median(ours), statistics.median(again)
    print(f"qrcode.make {len(payloads):,} codes (Pillow):      {t:6.2f} s")
    print(f"netdesk {len(badges):,} badges to PDF (cold caches): {o:6.2f} s  ({pages} pages)")
    print(f"netdesk the same PDF again (cached codes):  {a:6.2f} s")
    print(f"  runs: qrcode {_list(theirs)}; netdesk {_list(ours)}; again {_list(again)}")
    verdict = "ok" if o / t <= RATIO_LIMIT else "OVER THE LIMIT"
    print(
        f"ratio badges/qrcode: {o / t:.2f}x (median of {args.runs}; limit {RATIO_LIMIT}x) {verdict}"
    )
    size_verdict = "ok" if size_mb < SIZE_LIMIT_MB else "OVER THE LIMIT"
    print(f"PDF size: {size_mb:.2f} MB (limit {SIZE_LIMIT_MB:g} MB) {size_verdict}")
    sys.stdout.flush()


def _list(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


if __name__ == "__main__":
    main()
