"""How a run time grows with the input: for tests of hangs, where an absolute limit passes on a
fast machine whatever the code does, and fails on a busy one whatever it does."""

from __future__ import annotations

import time
from collections.abc import Callable

# A batch of calls lasts at least this long, so that the timer's resolution and one scheduling
# hiccup are small beside it.
_BATCH_SECONDS = 0.02
_ROUNDS = 3


def doubling_ratio(run: Callable[[int], object], n: int) -> float:
    """The time `run(2 * n)` takes divided by the time `run(n)` takes.

    About 2 for linear work, 4 for quadratic work. The two sizes run in turn, a batch of each
    per round, and each keeps its fastest batch: a load that comes and goes on the machine slows
    some batches of both, not all of one.
    """
    calls = _calls_per_batch(run, n)
    large = float("inf")
    small = float("inf")
    for _ in range(_ROUNDS):
        small = min(small, _batch(run, n, calls))
        large = min(large, _batch(run, 2 * n, calls))
    return large / small


def _calls_per_batch(run: Callable[[int], object], n: int) -> int:
    once = _batch(run, n, 1)
    return max(1, int(_BATCH_SECONDS / max(once, 1e-9)) + 1)


def _batch(run: Callable[[int], object], n: int, calls: int) -> float:
    started = time.perf_counter()
    for _ in range(calls):
        run(n)
    return time.perf_counter() - started
