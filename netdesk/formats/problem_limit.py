"""At most PROBLEM_LIMIT problems listed per file, the first by line; the rest only counted.

Nobody reads more than a thousand problems, and a crafted file of a hundred thousand broken
components would otherwise fill memory with reports before a single one is shown.
"""

from __future__ import annotations

import heapq
import itertools

from netdesk.formats.records import Problem

# The same limit as the vCard reader's (vcard_read.PROBLEM_LIMIT).
PROBLEM_LIMIT = 1_000


class ProblemList:
    """Keeps the PROBLEM_LIMIT problems with the lowest line numbers, in bounded memory, in
    whatever order they are found; counts the others."""

    def __init__(self, file: str, limit: int = PROBLEM_LIMIT) -> None:
        self.file = file
        self.limit = limit
        # A max-heap by (line, order found) through negated keys: the top is the one to drop.
        self._kept: list[tuple[int, int, Problem]] = []
        self._order = itertools.count()
        self.unlisted = 0
        self.first_unlisted = 0

    def add(self, problem: Problem) -> None:
        item = (-problem.line, -next(self._order), problem)
        if len(self._kept) < self.limit:
            heapq.heappush(self._kept, item)
            return
        dropped = heapq.heappushpop(self._kept, item)[2]
        self.unlisted += 1
        if not self.first_unlisted or dropped.line < self.first_unlisted:
            self.first_unlisted = dropped.line

    def listed(self) -> list[Problem]:
        """The kept problems in line order, then one that counts the rest (when there are)."""
        kept = [problem for _line, _order, problem in sorted(self._kept, reverse=True)]
        if self.unlisted:
            kept.append(
                Problem(
                    self.file,
                    self.first_unlisted,
                    f"{self.unlisted:,} more problems from here on were not listed "
                    f"(only the first {self.limit:,} are)",
                )
            )
        return kept
