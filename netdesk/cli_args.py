"""Argument types shared by the command-line modules."""

from __future__ import annotations

import argparse


def positive(text: str) -> int:
    """A whole number of at least 1, as argparse `type=`."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value
