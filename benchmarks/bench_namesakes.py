"""A big conference's attendee list: 10,000 distinct people (each with their own UID, email and
phone) among 80 names at 5 organisations, imported into an empty database with the default
`--on-duplicate merge`, through the service and through the command line; then the same file
again. Every attendee must stay one person (10,000 people, 0 merged) and the second import must
add nobody. Prints the counts, the time of each import, and how long Find duplicates takes to
list the namesakes for review.

Run: .venv/bin/python benchmarks/bench_namesakes.py [--people N]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.namesakes import attendee_file


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    people = parser.parse_args().people

    from netdesk.cli.main import main as cli
    from netdesk.services.service_set import Services
    from netdesk.store import open_database

    with tempfile.TemporaryDirectory() as folder:
        path = attendee_file(Path(folder), people)
        db = open_database(f"sqlite:///{Path(folder) / 'service.sqlite'}")
        try:
            services = Services(db)
            for run in ("first", "again"):
                started = time.perf_counter()
                report = services.imports.import_file(path)
                took = time.perf_counter() - started
                print(
                    f"service, {run}: {report.added:,} added, {report.merged:,} merged "
                    f"({report.possible_added:,} namesakes added as new); "
                    f"{services.contacts.count():,} people; {took:.1f} s"
                )
            started = time.perf_counter()
            groups = services.duplicates.find()
            took = time.perf_counter() - started
            possible = sum(1 for g in groups if g.possible)
            print(
                f"find duplicates: {len(groups) - possible:,} groups, {possible:,} possible "
                f"groups to review; {took:.1f} s"
            )
        finally:
            db.close()
        cli_db = Path(folder) / "cli.sqlite"
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()) as said:
            code = cli(["--db", str(cli_db), "import", str(path)])
        took = time.perf_counter() - started
        db = open_database(f"sqlite:///{cli_db}")
        try:
            count = Services(db).contacts.count()
        finally:
            db.close()
        print(f"command line (exit {code}): {count:,} people; {took:.1f} s")
        print("  " + "\n  ".join(said.getvalue().splitlines()))


if __name__ == "__main__":
    main()
