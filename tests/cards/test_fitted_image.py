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
from tests.pictures import plain_picture

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
    from netdesk.ui.contact_photo import photo_pixmap
    data = open(sys.argv[1], "rb").read()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    pixmap = photo_pixmap(data, 72)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(pixmap.width(), pixmap.height(), (after - before) * 1024)
    """
)


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in kB on Linux only")
def test_a_big_transparent_png_is_held_once_while_it_is_shrunk(tmp_path: Path) -> None:
    """Qt's "scaled size" for a PNG decodes it whole and then copies it to smooth it: a
    7,740 px square photo cost 460 MB on each display. Once is the least Qt needs."""
    side = 4000
    path = tmp_path / "big.png"
    path.write_bytes(plain_picture(side, side))
    whole = side * side * 4  # bytes of the decoded picture, 64 MB
    done = subprocess.run(
        [sys.executable, "-c", PEAK_SCRIPT, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    width, height, grew = (int(n) for n in done.stdout.split())
    assert (width, height) == (72, 72)
    assert grew < whole * 1.4, f"peak grew by {grew / 2**20:.0f} MB"
