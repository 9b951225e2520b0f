"""At most PROBLEM_LIMIT problems listed per file, the first by line; the rest only counted.

Nobody reads more than a thousand problems, and a crafted file of a hundred thousand broken
components would otherwise fill memory with reports before a single one is shown.
"""

from __future__ import annotations

import heapq
import itertools

from netdesk.formats.records import Problem

# The same limit as the vCard reader's (formats.vcard.read.PROBLEM_LIMIT).
PROBLEM_LIMIT = 1_000


class UnlistedProblems:
    """Counts the problems past the limit, warnings (Problem.kept) apart from losses, and
    says so in one line for each kind, on the first line it counts, with that kind."""

    def __init__(self, file: str, limit: int = PROBLEM_LIMIT) -> None:
        self.file = file
        self.limit = limit
        self.count = {False: 0, True: 0}
        self.first = {False: 0, True: 0}

    def add(self, problem: Problem) -> None:
        kept = problem.kept
        self.count[kept] += 1
        if not self.first[kept] or 0 < problem.line < self.first[kept]:
            self.first[kept] = problem.line

    def __bool__(self) -> bool:
        return any(self.count.values())

    def tally(self) -> list[Problem]:
        return [
            Problem(
                self.file,
                self.first[kept],
                f"{count:,} more {'warning' if kept else 'problem'}{'s' * (count != 1)} from "
                f"here on {'were' if count != 1 else 'was'} not listed (only the first "
                f"{self.limit:,} are)",
                kept,
            )
            for kept, count in sorted(self.count.items())
            if count
        ]


class ProblemList:
    """Keeps the PROBLEM_LIMIT problems with the lowest line numbers, in bounded memory, in
    whatever order they are found; counts the others."""

    def __init__(self, file: str, limit: int = PROBLEM_LIMIT) -> None:
        self.file = file
        self.limit = limit
        # A max-heap by (line, order found) through negated keys: the top is the one to drop.
        self._kept: list[tuple[int, int, Problem]] = []
        self._order = itertools.count()
        self.unlisted = UnlistedProblems(file, limit)

    def add(self, problem: Problem) -> None:
        item = (-problem.line, -next(self._order), problem)
        if len(self._kept) < self.limit:
            heapq.heappush(self._kept, item)
            return
        self.unlisted.add(heapq.heappushpop(self._kept, item)[2])

    def listed(self) -> list[Problem]:
        """The kept problems in line order, then those that count the rest (when there are)."""
        kept = [problem for _line, _order, problem in sorted(self._kept, reverse=True)]
        return kept + self.unlisted.tally()
