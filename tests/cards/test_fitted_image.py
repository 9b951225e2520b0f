"""Pictures decoded for the size they are shown at: in proportion, never enlarged, and a big
PNG held once in memory, not twice."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QSize

from netdesk.cards.fitted_image import fitted_image
from tests.pictures import big_png, plain_picture

BOX = QSize(72, 72)


@pytest.mark.parametrize(
    ("width", "height", "kind", "fitted"),
    [
        (4000, 4000, "PNG", (72, 72)),
        (4000, 1000, "PNG", (72, 18)),
        (1000, 4000, "JPEG", (18, 72)),
        (3000, 2000, "BMP", (72, 48)),
        (10_000, 1, "PNG", (72, 1)),
        (40, 30, "PNG", (40, 30)),  # never blown up
    ],
)
def test_a_picture_comes_out_at_the_size_it_is_shown(
    width: int, height: int, kind: str, fitted: tuple[int, int]
) -> None:
    image = fitted_image(plain_picture(width, height, kind), BOX)
    assert (image.width(), image.height()) == fitted


def test_a_file_and_its_bytes_give_the_same_picture(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    path.write_bytes(plain_picture(2000, 1000))
    assert fitted_image(str(path), BOX) == fitted_image(path.read_bytes(), BOX)
    assert fitted_image(str(tmp_path / "missing.png"), BOX).isNull()
    assert fitted_image(b"not a picture", BOX).isNull()


PEAK_SCRIPT = textwrap.dedent(
    """
    import resource, sys
    from PySide6.QtGui import QGuiApplication
    app = QGuiApplication(["peak", "-platform", "offscreen"])
    from netdesk.ui.people.photo import photo_pixmap
    data = open(sys.argv[1], "rb").read()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    pixmap = photo_pixmap(data, 72)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(pixmap.width(), pixmap.height(), (after - before) * 1024)
    """
)


def peak_growth(tmp_path: Path, data: bytes) -> int:
    """How much a fresh process grows while the contact pane makes its picture of `data`."""
    path = tmp_path / "photo.png"
    path.write_bytes(data)
    done = subprocess.run(
        [sys.executable, "-c", PEAK_SCRIPT, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    width, height, grew = (int(n) for n in done.stdout.split())
    assert (width, height) == (72, 72)
    return grew


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in kB on Linux only")
def test_a_big_transparent_png_is_held_once_while_it_is_shrunk(tmp_path: Path) -> None:
    """Qt's "scaled size" for a PNG decodes it whole and then copies it to smooth it: a
    7,740 px square photo cost 460 MB on each display. Up to 16 megapixels, once is allowed."""
    side = 4000
    whole = side * side * 4  # bytes of the decoded picture, 64 MB
    grew = peak_growth(tmp_path, plain_picture(side, side))
    assert grew < whole * 1.4, f"peak grew by {grew / 2**20:.0f} MB"


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in kB on Linux only")
def test_a_huge_png_is_never_held_whole(tmp_path: Path) -> None:
    """7,000 px square: 196 MB decoded, read a band at a time instead."""
    side = 7000
    whole = side * side * 4
    grew = peak_growth(tmp_path, big_png(side, side))
    assert grew < whole / 3, f"peak grew by {grew / 2**20:.0f} MB"


def test_a_huge_png_read_in_bands_looks_like_itself() -> None:
    image = fitted_image(big_png(7000, 7000), BOX)
    assert image.size() == BOX

    def colour(x: int, y: int) -> tuple[int, ...]:
        c = image.pixelColor(x, y)
        # Stored premultiplied by its alpha: a shade may be one off.
        return tuple(round(v / 2) for v in (c.red(), c.green(), c.blue(), c.alpha()))

    assert colour(36, 27) == (128, 128, 128, 128)  # the white block
    assert colour(36, 60) == colour(5, 27) == (20, 75, 55, 100)  # below it and beside it
