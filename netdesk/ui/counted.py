"""Counts in words for messages and buttons: "1 person", "1,234 people"."""

from __future__ import annotations


def counted(n: int, one: str, many: str) -> str:
    return f"1 {one}" if n == 1 else f"{n:,} {many}"
