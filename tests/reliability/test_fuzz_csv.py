"""The CSV importer against hostile and broken files: mutated real exports and Hypothesis bytes
read with the recognised layout, with a generated column mapping and with the guessed one,
directly and through the import service into a real SQLite file. Every input must end as
records and reported problems; nothing may raise, hang or blow up."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netdesk.formats.csv.read import (
    CONTACT_FIELDS,
    CsvTable,
    guess_mapping,
    load_csv,
    read_contacts,
)
from netdesk.formats.records import ContactRecord, Problem
from netdesk.services.importing import ImportFileError, NeedsMapping
from netdesk.services.service_set import Services
from tests.reliability.mutations import (
    FUZZ_EXAMPLES,
    INPUT_SECONDS,
    check_reader_items,
    fuzz_inputs,
    seeded_inputs,
    seeds,
)

FILE = "hostile.csv"
FIELDS = sorted(CONTACT_FIELDS)
FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def read_every_way(data: bytes, rng: random.Random) -> int:
    """Reads the bytes as the import dialog would; the number of items read."""
    started = time.perf_counter()
    table = load_csv(data, FILE)
    if isinstance(table, Problem):
        check_reader_items([table], FILE, ())
        return 1
    assert isinstance(table, CsvTable)
    count = 0
    if table.layout is not None:
        count += len(check_reader_items(read_contacts(table), FILE, (ContactRecord,)))
    generated = {i: rng.choice(FIELDS) for i in range(len(table.headers)) if rng.random() < 0.6}
    for mapping in (generated, guess_mapping(table.headers)):
        count += len(check_reader_items(read_contacts(table, mapping), FILE, (ContactRecord,)))
    assert time.perf_counter() - started < INPUT_SECONDS
    return count


@given(data=fuzz_inputs("csv"), rng=st.randoms(use_true_random=False))
@FUZZ
def test_hypothesis_csv_is_read_without_raising(data: bytes, rng: random.Random) -> None:
    read_every_way(data, rng)


@pytest.mark.parametrize("seed_index", range(len(seeds("csv"))))
def test_mutated_csv_is_read_without_raising(seed_index: int) -> None:
    """The deterministic loop: every seed times its share of LOOP_INPUTS mutations."""
    inputs = seeded_inputs("csv", seed_index)
    for name, data in inputs:
        try:
            read_every_way(data, random.Random(name))
        except BaseException as exc:
            exc.add_note(f"input {name} ({len(data):,} bytes)")
            raise


@given(data=fuzz_inputs("csv"), rng=st.randoms(use_true_random=False))
@settings(FUZZ, max_examples=max(10, FUZZ_EXAMPLES // 5))
def test_hostile_csv_through_the_import_service(
    fuzz_services: Services,
    tmp_path_factory: pytest.TempPathFactory,
    data: bytes,
    rng: random.Random,
) -> None:
    path: Path = tmp_path_factory.getbasetemp() / FILE
    path.write_bytes(data)
    try:
        report = fuzz_services.imports.import_file(path)
    except ImportFileError:
        return
    except NeedsMapping as exc:
        table = exc.table
        mapping = {i: rng.choice(FIELDS) for i in range(len(table.headers))}
        report = fuzz_services.imports.import_file(path, mapping=mapping)
    check_reader_items(report.problems, str(path), ())
