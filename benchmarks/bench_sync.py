"""CardDAV sync of 10,000 contacts with a local Radicale and Xandikos: netdesk's first sync
(against vdirsyncer's on Radicale), a sync with nothing changed, and the first sync's peak memory.

A real Radicale on a free loopback port (temporary storage, no authentication) gets N varied
vCard 3.0 cards (benchmarks/_vcard_data.py: many cultures, groups, notes, folded lines) in one
whole-collection PUT, not timed. Then, per run, in turn:
- `vdirsyncer sync` (after `vdirsyncer discover`) of the address book into an empty folder, and
- `netdesk sync` of it into an empty SQLite database holding only the account,
each a whole process, wall time and peak resident memory (wait4's ru_maxrss); goal: netdesk at
most 1.5x vdirsyncer, and under 300 MB. Without a `netdesk sync` command in this checkout (or
with --service) the sync service runs in a child process instead; the table says which.
Last, the sync service called in this process on the synced database with nothing changed:
wall time of the call (goal under 300 ms) and the requests Radicale logged for it per collection
(goal 1). Radicale's own time for that one request, sent bare, is printed beside it: with 10,000
cards it reads every card's cache entry to answer, which no client can make faster.

`--server xandikos` (or `both`, the default) measures the same against a real Xandikos too,
whose address book gets the same cards in one git commit (benchmarks/_xandikos.py): netdesk's
first syncs and the sync with nothing changed, the server's own time and the requests counted
in its access log. vdirsyncer runs against Radicale only.

Run: .venv/bin/python benchmarks/bench_sync.py [--contacts 10000] [--runs 3] [--skip-vdirsyncer]
     [--server radicale|xandikos|both]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _radicale import PASSWORD, USER, Radicale
from _sync_clients import (
    ACCOUNT,
    DavServer,
    Run,
    has_sync_command,
    has_sync_service,
    netdesk_first_sync,
    vdirsyncer_first_sync,
)
from _vcard_data import make_vcards
from _xandikos import Xandikos

SYNC_REPORT = (
    '<?xml version="1.0" encoding="utf-8"?><sync-collection xmlns="DAV:">'
    "<sync-token>{token}</sync-token><sync-level>1</sync-level><prop><getetag/></prop>"
    "</sync-collection>"
)
TOKEN = re.compile(r"<(?:\w+:)?sync-token>([^<]*)</")


class BareClient:
    """A keep-alive httpx client sending sync-collection REPORTs: the server's own time for
    what a sync asks, the floor under any client's figure."""

    def __init__(self, server: DavServer) -> None:
        self.url = server.addressbook_url
        self.http = httpx.Client(auth=(USER, PASSWORD), timeout=600)

    def report(self, token: str = "") -> tuple[float, str]:
        """Seconds of one REPORT (all hrefs and etags for token "") and the new token."""
        t0 = time.perf_counter()
        reply = self.http.request(
            "REPORT",
            self.url,
            content=SYNC_REPORT.format(token=token),
            headers={"Depth": "1", "Content-Type": "application/xml"},
        )
        seconds = time.perf_counter() - t0
        reply.raise_for_status()
        found = TOKEN.search(reply.text)
        return seconds, found.group(1) if found else ""


@dataclass
class Unchanged:
    call: float  # medians, seconds
    bare: float
    own: float
    requests: list[int]  # as the server logged them, per call
    counted: int  # DavClient.requests_made of the last call, as its report says
    summary: str


def unchanged_syncs(db_path: Path, server: DavServer, bare: BareClient, runs: int) -> Unchanged:
    """The sync service called in this process with nothing changed, each call after the server's
    bare answer to the same question (so that both meet the same load on a shared machine)."""
    from netdesk.services.service_set import Services
    from netdesk.store import open_database

    db = open_database(f"sqlite:///{db_path}")
    service = Services(db).sync  # type: ignore[attr-defined]
    service.sync(ACCOUNT, PASSWORD)  # imports, warm caches
    _s, token = bare.report()
    calls: list[float] = []
    bares: list[float] = []
    requests: list[int] = []
    summary = ""
    for _ in range(runs):
        bares.append(bare.report(token)[0])
        before = len(server.requests())
        t0 = time.perf_counter()
        report = service.sync(ACCOUNT, PASSWORD)
        calls.append(time.perf_counter() - t0)
        requests.append(len(server.requests()) - before)
        summary = report.summary()
    counted = getattr(report, "requests", -1)  # the sync's DavClient.requests_made
    db.close()
    own = statistics.median(c - b for c, b in zip(calls, bares, strict=True))
    median = statistics.median
    return Unchanged(median(calls), median(bares), own, requests, counted, summary)


def cards_held(server: DavServer) -> int:
    """How many cards netdesk's own client finds listed in the filled address book."""
    from netdesk.dav.client import DavClient

    with DavClient(server.url, USER, PASSWORD) as client:
        return len(client.list_etags(server.addressbook_url))


def by_method(requests: list[tuple[str, str]]) -> str:
    counts = Counter(method for method, _path in requests)
    return ", ".join(f"{n} {method}" for method, n in counts.most_common()) or "none"


def row(figure: str, value: str, goal: str = "", met: bool | str | None = None) -> str:
    verdict = met if isinstance(met, str) else {None: "", True: "met", False: "NOT met"}[met]
    return f"| {figure:<44} | {value:>10} | {goal:<8} | {verdict:<7} |"


@dataclass
class Figures:
    """One server's measures."""

    name: str
    initial: float  # the server's own first sync-collection (all etags), median, seconds
    vdir: list[Run]
    ours: list[Run]
    quiet: Unchanged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=10_000, help="cards on the server")
    parser.add_argument("--runs", type=int, default=3, help="first syncs of each client")
    parser.add_argument("--skip-vdirsyncer", action="store_true", help="only netdesk's figures")
    parser.add_argument(
        "--server",
        choices=("radicale", "xandikos", "both"),
        default="both",
        help="the server(s) to sync with (vdirsyncer runs against Radicale only)",
    )
    parser.add_argument(
        "--service",
        action="store_true",
        help="time the sync service in a child process even when `netdesk sync` exists",
    )
    args = parser.parse_args()
    if not has_sync_service():
        raise SystemExit("This checkout of netdesk has no sync service (services.sync) yet.")
    use_cli = not args.service and has_sync_command()
    how = "`netdesk sync`" if use_cli else "sync service (child)"
    kinds = ["radicale", "xandikos"] if args.server == "both" else [args.server]

    with tempfile.TemporaryDirectory(prefix="netdesk-bench-sync-") as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        cards = make_vcards(args.contacts, seed=11)
        print(f"{args.contacts} cards made in {time.perf_counter() - t0:.1f} s")
        results = [bench_server(kind, folder / kind, cards, args, use_cli) for kind in kinds]

    repeats = max(5, args.runs)
    for figures in results:
        print()
        print(f"First sync of {args.contacts} contacts from a local {figures.name}: median of")
        print(f"{args.runs} run(s) of each client; nothing changed: median of {repeats} calls")
        print("in this process.")
        if not figures.vdir and not args.skip_vdirsyncer:
            print("vdirsyncer runs against Radicale only (--server radicale or both).")
        print_table(figures, how)


def bench_server(
    kind: str, folder: Path, cards: bytes, args: argparse.Namespace, use_cli: bool
) -> Figures:
    """Every figure against one fresh server of `kind` holding `cards`."""
    folder.mkdir()
    server: Radicale | Xandikos = Radicale(folder) if kind == "radicale" else Xandikos(folder)
    repeats = max(5, args.runs)
    try:
        t0 = time.perf_counter()
        server.fill(cards)
        bare = BareClient(server)
        held = cards_held(server)
        if held != args.contacts:
            raise SystemExit(f"{server.name} holds {held} cards, not {args.contacts}")
        bare.report()  # the server builds its caches of every card: nobody measured pays
        filled = time.perf_counter() - t0
        print(f"{server.name}: {held} cards filled in {filled:.1f} s")
        initial = statistics.median(bare.report()[0] for _ in range(repeats))
        vdir: list[Run] = []
        ours: list[Run] = []
        for number in range(args.runs):
            if isinstance(server, Radicale) and not args.skip_vdirsyncer:
                vdir.append(vdirsyncer_first_sync(folder / f"vdirsyncer-{number}", server))
                last = vdir[-1]
                print(f"vdirsyncer run {number + 1}: {last.seconds:.1f} s, {last.output}")
            db_path = folder / f"netdesk-{number}.sqlite"
            ours.append(netdesk_first_sync(db_path, server, use_cli))
            print(f"netdesk run {number + 1}: {ours[-1].seconds:.1f} s, {ours[-1].output}")
            if not ours[-1].ok:
                raise SystemExit(f"netdesk's first sync failed: {ours[-1].output}")
        quiet = unchanged_syncs(db_path, server, bare, repeats)
        bare.http.close()
    finally:
        server.stop()
    return Figures(server.name, initial, vdir, ours, quiet)


def print_table(figures: Figures, how: str) -> None:
    vdir, ours, quiet, name = figures.vdir, figures.ours, figures.quiet, figures.name
    ours_s = statistics.median(r.seconds for r in ours)
    ours_mb = max(r.peak_mb for r in ours)
    # The account has one collection, the address book: every request is that collection's.
    per_collection = max(quiet.requests)
    print(row(f"{name}: figure", "measured", "goal", "verdict"))
    print(row("-" * 44, "-" * 10, "-" * 8, "-" * 7))
    if vdir:
        vdir_s = statistics.median(r.seconds for r in vdir)
        ratio = ours_s / vdir_s
        print(row("vdirsyncer sync (whole process)", f"{vdir_s:.2f} s"))
        print(row(f"netdesk first sync: {how}", f"{ours_s:.2f} s"))
        print(row("netdesk / vdirsyncer", f"{ratio:.2f}x", "<= 1.5x", ratio <= 1.5))
        vdir_cpu = statistics.median(r.cpu for r in vdir)
        ours_cpu = statistics.median(r.cpu for r in ours)
        print(row("vdirsyncer CPU (user + system)", f"{vdir_cpu:.2f} s"))
        print(row("netdesk CPU (user + system)", f"{ours_cpu:.2f} s"))
        print(row("vdirsyncer peak memory", f"{max(r.peak_mb for r in vdir):.0f} MB"))
    else:
        print(row(f"netdesk first sync: {how}", f"{ours_s:.2f} s"))
        print(row("netdesk CPU (user + system)", f"{statistics.median(r.cpu for r in ours):.2f} s"))
    print(row("netdesk first sync peak memory", f"{ours_mb:.0f} MB", "< 300 MB", ours_mb < 300))
    print(row(f"{name} alone: initial sync-collection", f"{figures.initial * 1000:.0f} ms"))
    ms = f"{quiet.call * 1000:.0f} ms"
    print(row("nothing changed: sync call", ms, "< 300 ms", quiet.call < 0.3))
    print(row(f"  {name} alone: the same request", f"{quiet.bare * 1000:.0f} ms"))
    own = quiet.own * 1000
    share = f"  netdesk's own share (call - {name})"
    print(row(share, f"{own:.0f} ms", "< 300 ms", own < 300))
    print(
        row(
            "nothing changed: requests per collection",
            str(per_collection),
            "1",
            per_collection == 1,
        )
    )
    print()
    if vdir:
        print(f"vdirsyncer's requests (last run): {by_method(vdir[-1].requests)}")
    print(f"netdesk's requests (last run): {by_method(ours[-1].requests)}")
    print(f"netdesk's last first sync said: {ours[-1].output}")
    print(
        f"nothing changed said: {quiet.summary}; requests {name} logged per call: "
        f"{quiet.requests}; DavClient.requests_made of the last: {quiet.counted}"
    )


if __name__ == "__main__":
    main()
