"""The card scanner on the rendered test set (tests/data/scan_cards): accuracy and speed.

Accuracy: netdesk.scan.reader.scan_file on every photo of the set (fronts, single cards, two
cards on one photo; the backs of two-sided cards only as part of both sides read as one
contact), each card read compared with its truth field by field (the rule is in _scan_score.py):
precision and recall per field, overall and per language, against the goals of issue 15
(emails 98%, phones 95%, names and organisations 90%, titles 85%). Also: registry and tax
numbers read as phones, photos where a card was not found.

Speed and memory: a 12-megapixel photo (4000 x 3000, one card, rendered with the set's
generator) read in a fresh process: the first read (models loading), then the median of 5 after
it; the process's peak resident memory (VmHWM: ru_maxrss would count this process's peak, which
a child inherits at fork). Goals: under 3 s, under 700 MB.

--save-lines FILE keeps the text lines read off each card; --lines FILE then recognises the
fields again from them without reading the photos (seconds instead of minutes: for tuning the
field recogniser). Only cards the reader kept (with a name, organisation, email or phone) have
their lines saved.

Run: .venv/bin/python benchmarks/bench_scan.py [--quick N] [--language de] [--misses]
         [--skip-speed] [--skip-accuracy] [--runs 5] [--save-lines FILE | --lines FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _scan_score import FIELDS, GOALS, CardScore, Tally, match_cards, score_card

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "tests" / "data" / "scan_cards"


def photos(folder: Path, quick: int | None, language: str | None) -> list[dict[str, Any]]:
    truth = json.loads((folder / "truth.json").read_text("utf-8"))
    chosen = [
        p
        for p in truth["photos"]
        if p["cards"][0]["side"] != "back"
        and (language is None or any(c["language"] == language for c in p["cards"]))
    ]
    if quick and quick < len(chosen):
        step = len(chosen) / quick
        chosen = [chosen[int(i * step)] for i in range(quick)]
    return chosen


def read(path: Path) -> tuple[list[dict[str, Any]], float, str]:
    """The cards read off the photo: per card {"fields": to_json(), "lines": [TextLine]}."""
    from netdesk.scan.reader import scan_file

    started = time.perf_counter()
    try:
        cards = scan_file(path)
    except Exception as error:  # a benchmark reports every failure and goes on
        return [], time.perf_counter() - started, f"{type(error).__name__}: {error}"
    took = time.perf_counter() - started
    return (
        [{"fields": c.fields.to_json(), "lines": [vars(x) for x in c.lines]} for c in cards],
        took,
        "",
    )


def recognised(saved: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Cards read in an earlier run (--save-lines) with their fields recognised again from the
    lines, as the reader does: the text recogniser is not run, so this takes seconds."""
    from netdesk.scan.recognise import recognise
    from netdesk.scan.text_lines import TextLine

    out = []
    for card in saved:
        lines = [TextLine(**line) for line in card["lines"]]
        fields = recognise(lines, None)
        if not fields.is_empty():
            out.append({"fields": fields.to_json(), "lines": card["lines"]})
    return out


def accuracy(
    folder: Path,
    chosen: list[dict[str, Any]],
    show_misses: bool,
    save: Path | None = None,
    saved: dict[str, Any] | None = None,
) -> None:
    kept: dict[str, Any] = {}
    overall = {f: Tally() for f in FIELDS}
    by_lang: dict[str, dict[str, Tally]] = defaultdict(lambda: {f: Tally() for f in FIELDS})
    cards = not_found = wrong_count = registry = 0
    seconds: list[float] = []
    for n, entry in enumerate(chosen, 1):
        if saved is not None:
            started = time.perf_counter()
            found = recognised(saved.get(entry["file"], []))
            took, error = time.perf_counter() - started, ""
        else:
            found, took, error = read(folder / entry["file"])
        kept[entry["file"]] = found
        reads = [card["fields"] for card in found]
        seconds.append(took)
        truths = entry["cards"]
        if error:
            print(f"  {entry['file']}: {error}")
        not_found += len(reads) == 0
        wrong_count += len(reads) != len(truths)
        for truth, got in match_cards(truths, reads):
            score: CardScore = score_card(truth, got)
            registry += score.registry_as_phone
            lang = truth.get("language", truths[0]["language"])
            cards += "language" in truth
            for key, tally in score.tallies.items():
                overall[key].add(tally)
                by_lang[lang][key].add(tally)
            if show_misses and score.misses:
                print(f"  {entry['file']} [{lang}]")
                for miss in score.misses:
                    print(f"      {miss}")
        if n % 25 == 0:
            print(f"  … {n} of {len(chosen)} photos", file=sys.stderr)
    if any(entry["cards"][0]["side"] == "front" for entry in chosen):
        both_sides(folder, kept, saved)
    if save is not None:
        save.write_text(json.dumps(kept, ensure_ascii=False) + "\n", "utf-8")
        print(f"The lines and fields read are in {save} (--lines {save} scores them again)")
    print(
        f"\nAccuracy: {cards} cards on {len(chosen)} photos "
        f"(mean {statistics.fmean(seconds):.2f} s a photo, median "
        f"{statistics.median(seconds):.2f} s)"
    )
    print(
        f"{'field':<14}{'true+':>7}{'false+':>8}{'missed':>8}{'precision':>11}{'recall':>8}"
        f"{'goal':>7}"
    )
    for key in FIELDS:
        t = overall[key]
        goal = f"{GOALS[key]}%" if key in GOALS else ""
        print(
            f"{key:<14}{t.tp:>7}{t.fp:>8}{t.fn:>8}{_pct(t.precision):>11}{_pct(t.recall):>8}"
            f"{goal:>7}"
        )
    print(
        f"registry or tax numbers read as phones: {registry}; photos with no card found: "
        f"{not_found}; photos with another number of cards than they show: {wrong_count}"
    )
    langs = sorted(by_lang)
    print("\nPer language, precision/recall in %:")
    print(f"{'field':<14}" + "".join(f"{lang:>9}" for lang in langs))
    for key in FIELDS:
        row = "".join(
            f"{_pct(by_lang[lang][key].precision, 0)}/{_pct(by_lang[lang][key].recall, 0)}".rjust(9)
            for lang in langs
        )
        print(f"{key:<14}{row}")


def both_sides(folder: Path, kept: dict[str, Any], saved: dict[str, Any] | None) -> None:
    """Two-sided cards: the front and the back read, merged with merge_sides, against the truth
    of both sides as one contact."""
    from netdesk.scan.card_fields import CardFields, CardPhone
    from netdesk.scan.sides import merge_sides

    def fields(found: list[dict[str, Any]]) -> CardFields:
        if not found:
            return CardFields()
        data = dict(found[0]["fields"])
        data["phones"] = [CardPhone(p["number"], p["kind"]) for p in data["phones"]]
        return CardFields(**data)

    truth = json.loads((folder / "truth.json").read_text("utf-8"))
    total = {key: Tally() for key in FIELDS}
    count = 0
    for entry in truth["two_sided"]:
        if entry["front"] not in kept:
            continue
        if saved is not None:
            back = recognised(saved.get(entry["back"], []))
        else:
            back = read(folder / entry["back"])[0]
        kept[entry["back"]] = back
        merged = merge_sides(fields(kept[entry["front"]]), fields(back)).to_json()
        count += 1
        for key, tally in score_card(entry["merged"], merged).tallies.items():
            total[key].add(tally)
    if not count:
        return
    print(f"\nBoth sides as one contact ({count} two-sided cards, front and back merged):")
    print(
        "  "
        + ", ".join(
            f"{key} {_pct(total[key].precision, 0)}/{_pct(total[key].recall, 0)}"
            for key in ("name", "organization", "title", "emails", "phones", "urls", "address")
        )
        + " (precision/recall %)"
    )


def _pct(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{100 * value:.{digits}f}"


CHILD = """
import json, statistics, sys, time
from pathlib import Path
started = time.perf_counter()
from netdesk.scan.reader import scan_file
path, runs = Path(sys.argv[1]), int(sys.argv[2])
first_started = time.perf_counter()
cards = scan_file(path)
first = time.perf_counter() - first_started
times, cpu = [], []
for _ in range(runs):
    t, c = time.perf_counter(), time.process_time()
    scan_file(path)
    times.append(time.perf_counter() - t)
    cpu.append(time.process_time() - c)
print(json.dumps({"first": first, "times": times, "cpu": cpu, "cards": len(cards),
                  "name": cards[0].fields.name if cards else "",
                  "peak_kb": int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0])}))
"""


def twelve_megapixels(folder: Path) -> tuple[Path, str]:
    """A 4000 x 3000 photo of one card from the set's generator (seeded: the same every run)."""
    import random

    sys.path.insert(0, str(ROOT / "scripts"))
    from card_photo import photograph
    from render_cards import design

    rng = random.Random("bench-12mp")
    side, image, _meta = design(rng, "de")
    big = image.resize((image.width * 3, image.height * 3))  # printed detail for a big photo
    photo, _quads, _info = photograph(rng, [big], "table", size=(4000, 3000))
    path = folder / "card_12mp.jpg"
    photo.save(path, "JPEG", quality=90)
    return path, side.truth["name"]


def speed(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path, name = twelve_megapixels(Path(tmp))
        megabytes = path.stat().st_size / 1e6
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        result = subprocess.run(
            [sys.executable, "-c", CHILD, str(path), str(runs)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
    if result.returncode != 0:
        print(f"speed: the scanning process failed:\n{result.stderr[-2000:]}")
        return
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    median = statistics.median(figures["times"])
    print(
        f"\nSpeed, a 12-megapixel photo (4000 x 3000, {megabytes:.1f} MB JPEG) "
        f"on {os.cpu_count()} cores:"
    )
    print(f"  first read (models loading): {figures['first']:.2f} s")
    print(
        f"  median of {runs} after it:     {median:.2f} s   (goal under 3 s; "
        f"min {min(figures['times']):.2f}, max {max(figures['times']):.2f})"
    )
    print(
        f"  CPU time of a read (median):  {statistics.median(figures['cpu']):.2f} s; load average "
        f"{os.getloadavg()[0]:.1f} (other processes share the cores)"
    )
    print(f"  peak memory of the process:  {figures['peak_kb'] / 1024:.0f} MB (goal under 700 MB)")
    print(f"  cards found: {figures['cards']}; name read: {figures['name']!r} (printed: {name!r})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", type=int, metavar="N", help="N photos spread over the set")
    parser.add_argument("--language", help="only cards in this language (en de fr es pt pl zh ja)")
    parser.add_argument("--misses", action="store_true", help="print every field read wrong")
    parser.add_argument("--runs", type=int, default=5, help="timed reads of the 12 MP photo")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-accuracy", action="store_true")
    parser.add_argument(
        "--set",
        type=Path,
        default=SET,
        metavar="DIR",
        help="another set made by scripts/render_cards.py (e.g. --seed 16: cards the recogniser "
        "was not tuned on)",
    )
    parser.add_argument(
        "--save-lines", type=Path, metavar="FILE", help="keep the text lines read, per photo"
    )
    parser.add_argument(
        "--lines",
        type=Path,
        metavar="FILE",
        help="no OCR: recognise the fields again from the lines a --save-lines run kept",
    )
    args = parser.parse_args()
    if not args.skip_accuracy:
        saved = json.loads(args.lines.read_text("utf-8")) if args.lines else None
        chosen = photos(args.set, args.quick, args.language)
        accuracy(args.set, chosen, args.misses, args.save_lines, saved)
    if not args.skip_speed:
        speed(args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
