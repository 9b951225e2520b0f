"""Where the corpus of real files from other programs is (vcf/, csv/ and ics/ folders). It is
not part of the repository: NETDESK_CORPUS names its folder, by default `shared/corpus` in the
folder that holds the checkout; the tests that read it skip where it is missing."""

from __future__ import annotations

import os
from pathlib import Path

CORPUS_ROOT = Path(
    os.environ.get("NETDESK_CORPUS") or Path(__file__).resolve().parents[2] / "shared" / "corpus"
)
