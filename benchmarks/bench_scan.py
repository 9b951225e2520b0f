"""The card scanner on the rendered test set (tests/data/scan_cards): accuracy and speed.

Accuracy: netdesk.scan.reader.scan_file on every photo of the set (fronts, single cards, two
cards on one photo; the backs of two-sided cards only as part of both sides read as one
contact), each card read compared with its truth field by field (the rule is in _scan_score.py):
precision and recall per field, overall and per language, against the goals of issue 15
(emails 98%, phones 95%, names and organisations 90%, titles 85%). Also: registry and tax
numbers read as phones, photos where a card was not found.

Speed and memory: a 12-megapixel photo (4000 x 3000, one card, rendered with the set's
generator) read in a fresh process: the first read (models loading), then the median of 5 after
it; the process's peak resident memory (VmHWM). Goals: under 3 s, under 700 MB.

Run: .venv/bin/python benchmarks/bench_scan.py [--quick N] [--language de] [--misses]
         [--skip-speed] [--skip-accuracy] [--runs 5]
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


def photos(quick: int | None, language: str | None) -> list[dict[str, Any]]:
    truth = json.loads((SET / "truth.json").read_text("utf-8"))
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
    from netdesk.scan.reader import scan_file

    started = time.perf_counter()
    try:
        cards = scan_file(path)
    except Exception as error:  # a benchmark reports every failure and goes on
        return [], time.perf_counter() - started, f"{type(error).__name__}: {error}"
    return [c.fields.to_json() for c in cards], time.perf_counter() - started, ""


def accuracy(chosen: list[dict[str, Any]], show_misses: bool) -> None:
    overall = {f: Tally() for f in FIELDS}
    by_lang: dict[str, dict[str, Tally]] = defaultdict(lambda: {f: Tally() for f in FIELDS})
    cards = not_found = wrong_count = registry = 0
    seconds: list[float] = []
    for n, entry in enumerate(chosen, 1):
        reads, took, error = read(SET / entry["file"])
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


def _pct(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{100 * value:.{digits}f}"


CHILD = """
import json, resource, statistics, sys, time
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
                  # VmHWM: a child's ru_maxrss starts at its parent's peak on Linux
                  "maxrss_kb": int(next(line.split()[1] for line in open("/proc/self/status")
                                        if line.startswith("VmHWM:")))}))
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
    print(
        f"  peak memory of the process:  {figures['maxrss_kb'] / 1024:.0f} MB (goal under 700 MB)"
    )
    print(f"  cards found: {figures['cards']}; name read: {figures['name']!r} (printed: {name!r})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", type=int, metavar="N", help="N photos spread over the set")
    parser.add_argument("--language", help="only cards in this language (en de fr es pt pl zh ja)")
    parser.add_argument("--misses", action="store_true", help="print every field read wrong")
    parser.add_argument("--runs", type=int, default=5, help="timed reads of the 12 MP photo")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-accuracy", action="store_true")
    args = parser.parse_args()
    if not args.skip_accuracy:
        accuracy(photos(args.quick, args.language), args.misses)
    if not args.skip_speed:
        speed(args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
