"""Write tests/scan/fields/data/ocr_lines.json: the text lines the real reader reads off a few
photos of the rendered set, with their truth, so the normal suite checks the field recogniser
on real recogniser output without running it.

Run once after the set or the reader changes (about 5 s a photo):
    python -m tests.scan.fields.make_lines_fixture
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.scan.rendered import photo

PHOTOS = (
    "001_en_table.jpg", "002_de_front.jpg", "004_es_back.jpg", "006_pl_table.jpg",
    "008_ja_table.jpg", "013_pt_table.jpg", "015_zh_table.jpg", "019_fr_flatbed.jpg",
    "023_ja_flatbed.jpg", "030_zh_back.jpg", "040_de_table.jpg", "043_pt_table.jpg",
    "050_es_table.jpg", "055_en_table.jpg", "057_fr_table.jpg", "060_pl_table.jpg",
    "061_zh_front.jpg", "079_fr_flatbed.jpg",
)  # fmt: skip
FIXTURE = Path(__file__).parent / "data" / "ocr_lines.json"
TRUTH_KEYS = (
    "name", "given", "family", "title", "organization", "department", "emails", "phones",
    "urls", "address", "unplaced", "region",
)  # fmt: skip


def main() -> None:
    from netdesk.scan.reader import scan_file

    cards = []
    for file in PHOTOS:
        rendered = photo(file)
        read = scan_file(rendered.path)
        if len(read) != 1 or len(rendered.cards) != 1:
            raise SystemExit(f"{file}: {len(read)} cards read, {len(rendered.cards)} on it")
        lines = [
            [line.text, line.left, line.top, line.width, line.height, round(line.score, 3)]
            for line in read[0].lines
        ]
        truth = {key: rendered.cards[0].truth[key] for key in TRUTH_KEYS}
        cards.append({"file": file, "truth": truth, "lines": lines})
    FIXTURE.write_text(json.dumps(cards, ensure_ascii=False, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
