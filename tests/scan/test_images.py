"""Pictures the scanner is given: read whatever their kind (EXIF-turned, HEIC, CMYK, 16-bit,
transparent, animated), or refused in words naming the file, before memory is spent on them.
pytest turns warnings into errors: none of these may let a Pillow warning out."""

from __future__ import annotations

import io
import os
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from netdesk.scan.errors import ScanError
from netdesk.scan.images import MAX_FILE_BYTES, MAX_WORK_SIDE, WORK_SIDE, load_rgb, read_path
from tests.reliability.mutations import png_declaring


def _png(picture: Image.Image) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue()


def _marked(width: int = 300, height: int = 200) -> Image.Image:
    """White, with a red block in the top left corner (to see where a turn puts it)."""
    picture = Image.new("RGB", (width, height), "white")
    picture.paste((255, 0, 0), (0, 0, 60, 40))
    return picture


def _red_corner(rgb: np.ndarray) -> str:
    height, width = rgb.shape[:2]
    corners = {
        "top left": rgb[5, 5],
        "top right": rgb[5, width - 6],
        "bottom right": rgb[height - 6, width - 6],
        "bottom left": rgb[height - 6, 5],
    }
    return next(name for name, pixel in corners.items() if pixel[0] > 200 and pixel[1] < 80)


@pytest.mark.parametrize(
    ("orientation", "shape", "corner"),
    [
        (1, (200, 300), "top left"),
        (3, (200, 300), "bottom right"),
        (6, (300, 200), "top right"),  # a phone held upright: the picture turned clockwise
        (8, (300, 200), "bottom left"),
    ],
)
def test_exif_orientation_is_obeyed(orientation: int, shape: tuple[int, int], corner: str) -> None:
    exif = Image.Exif()
    exif[0x0112] = orientation
    buffer = io.BytesIO()
    _marked().save(buffer, "JPEG", quality=95, exif=exif)
    rgb = load_rgb(buffer.getvalue(), "IMG_1.jpg")
    assert rgb.shape == (*shape, 3)
    assert _red_corner(rgb) == corner


def test_a_heic_photo_is_read() -> None:
    import pillow_heif

    heif = pillow_heif.from_pillow(_marked())
    buffer = io.BytesIO()
    heif.save(buffer, quality=90)
    rgb = load_rgb(buffer.getvalue(), "IMG_2041.HEIC")
    assert rgb.shape == (200, 300, 3)
    assert _red_corner(rgb) == "top left"


def test_a_12_megapixel_jpeg_is_decoded_at_a_working_size() -> None:
    photo = Image.new("RGB", (4000, 3000), "white")
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=80)
    rgb = load_rgb(buffer.getvalue(), "big.jpg")
    assert WORK_SIDE <= max(rgb.shape) <= MAX_WORK_SIDE


def test_a_big_png_is_shrunk_as_it_is_read_and_still_turned_by_its_exif() -> None:
    picture = Image.new("RGB", (8000, 6000), "white")
    picture.paste((255, 0, 0), (0, 0, 800, 600))
    exif = Image.Exif()
    exif[0x0112] = 6
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", exif=exif, compress_level=1)
    rgb = load_rgb(buffer.getvalue(), "scan.png")
    assert rgb.shape == (3000, 2250, 3)
    assert _red_corner(rgb) == "top right"


def test_cmyk_16_bit_transparent_and_animated_pictures_are_read_in_their_colours() -> None:
    buffer = io.BytesIO()
    Image.new("CMYK", (40, 30), (0, 255, 255, 0)).save(buffer, "JPEG", quality=95)
    assert tuple(load_rgb(buffer.getvalue(), "cmyk.jpg")[15, 20]) == pytest.approx(
        (255, 0, 0), abs=12
    )

    sixteen = Image.fromarray(np.full((30, 40), 32768, dtype=np.uint16))
    assert sixteen.mode.startswith("I;16")
    assert tuple(load_rgb(_png(sixteen), "deep.png")[15, 20]) == pytest.approx(
        (128, 128, 128), abs=2
    )

    clear = Image.new("RGBA", (40, 30), (0, 0, 0, 0))  # transparent black: white once flat
    clear.paste((0, 0, 255, 255), (0, 0, 10, 10))
    flat = load_rgb(_png(clear), "logo.png")
    assert tuple(flat[20, 30]) == (255, 255, 255)
    assert tuple(flat[5, 5]) == (0, 0, 255)

    palette = Image.new("P", (40, 30), 0)
    palette.putpalette([0, 0, 0, 255, 255, 255] + [0] * 762)
    buffer = io.BytesIO()
    palette.save(buffer, "PNG", transparency=b"\x00\xff")  # the form Pillow warns about
    assert tuple(load_rgb(buffer.getvalue(), "palette.png")[15, 20]) == (255, 255, 255)

    frames = [Image.new("RGB", (40, 30), colour) for colour in ("green", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100)
    assert tuple(load_rgb(buffer.getvalue(), "animated.gif")[15, 20])[1] > 100  # the first


def _refusal(data: bytes, name: str = "IMG_1.jpg") -> str:
    with pytest.raises(ScanError) as raised:
        load_rgb(data, name)
    return str(raised.value)


def test_broken_files_are_refused_in_words() -> None:
    whole = io.BytesIO()
    _marked(800, 600).save(whole, "JPEG", quality=90)
    data = whole.getvalue()
    assert _refusal(data[: len(data) // 2]) == (
        "IMG_1.jpg: the file is cut off (JPEG file); copy it again."
    )
    assert _refusal(b"Dear Ana, here is my card.\n", "note.txt") == (
        "note.txt: not a picture netdesk can read (JPEG, PNG, HEIC, WebP, TIFF, BMP)."
    )
    assert _refusal(b"", "IMG_0.jpg") == "IMG_0.jpg: the file is empty (0 bytes)."
    # PostScript would be handed to Ghostscript by Pillow: not a picture here.
    eps = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\nshowpage\n"
    assert _refusal(eps, "card.eps") == (
        "card.eps: not a picture netdesk can read (JPEG, PNG, HEIC, WebP, TIFF, BMP)."
    )
    png = _png(_marked(300, 200))
    assert _refusal(png[:200], "cut.png").startswith("cut.png: the file is cut off")


def test_a_header_claiming_100000_by_100000_pixels_is_refused_before_decoding() -> None:
    huge = png_declaring(_png(_marked()), 100_000, 100_000)
    started = time.perf_counter()
    message = _refusal(huge, "huge.png")
    assert time.perf_counter() - started < 1
    assert message == (
        "huge.png: the picture is 10,000 megapixels; netdesk reads pictures of up to 60 megapixels."
    )
    # Between our limit and Pillow's own (which only warns there): refused, no warning.
    message = _refusal(png_declaring(_png(_marked()), 10_000, 10_000), "big.png")
    assert message == (
        "big.png: the picture is 10,000 x 10,000 pixels (100 megapixels); netdesk reads "
        "pictures of up to 60 megapixels."
    )


def test_files_that_are_no_picture_file_are_refused_naming_them(tmp_path: Path) -> None:
    (tmp_path / "cards").mkdir()
    with pytest.raises(ScanError, match=r"cards: this is a folder, not a picture\.$"):
        read_path(tmp_path / "cards")
    with pytest.raises(ScanError, match=r"gone\.jpg: no such file\.$"):
        read_path(tmp_path / "gone.jpg")
    sparse = tmp_path / "scan.tif"
    with sparse.open("wb") as stream:  # a hole: no disk space used
        stream.truncate(MAX_FILE_BYTES + 1024 * 1024)
    with pytest.raises(ScanError) as raised:
        read_path(sparse)
    assert str(raised.value) == (
        f"{sparse}: the file is 51 MB; netdesk reads pictures of up to 50 MB."
    )


def _fifo_giving(path: Path, data: bytes, repeat: int = 1) -> threading.Thread:
    os.mkfifo(path)

    def write() -> None:
        try:
            with path.open("wb") as stream:
                for _ in range(repeat):
                    stream.write(data)
        except BrokenPipeError:
            pass  # the reader stopped at its limit

    writer = threading.Thread(target=write)
    writer.start()
    return writer


def test_a_picture_coming_through_a_fifo_is_read_and_an_endless_stream_stopped(
    tmp_path: Path,
) -> None:
    data = _png(_marked())
    writer = _fifo_giving(tmp_path / "camera", data)
    assert read_path(tmp_path / "camera") == data
    writer.join(5)

    writer = _fifo_giving(tmp_path / "stream", b"\0" * 1024 * 1024, repeat=60)
    with pytest.raises(ScanError) as raised:
        read_path(tmp_path / "stream")
    writer.join(5)
    assert str(raised.value) == (
        f"{tmp_path / 'stream'}: the file is over 50 MB; netdesk reads pictures of up to 50 MB."
    )


def test_a_cut_off_heic_is_said_cut_off_on_one_line() -> None:
    """libheif's own message runs over two lines and speaks of iloc boxes."""
    import pillow_heif

    buffer = io.BytesIO()
    pillow_heif.from_pillow(_marked(600, 400)).save(buffer, quality=90)
    data = buffer.getvalue()
    assert _refusal(data[: len(data) // 2], "IMG_2041.HEIC") == (
        "IMG_2041.HEIC: the file is cut off (HEIF file); copy it again."
    )


def test_bytes_over_the_limit_by_a_little_are_said_over_it() -> None:
    """A stream read up to one byte past the limit is not "50 MB; up to 50 MB"."""
    assert _refusal(bytes(MAX_FILE_BYTES + 1), "<stdin>") == (
        "<stdin>: the file is over 50 MB; netdesk reads pictures of up to 50 MB."
    )


def test_a_big_16_bit_png_is_shrunk_before_its_values_are_scaled() -> None:
    """A 16-bit scan of 25 megapixels (a PNG of a few kB) was turned into floats whole: 600 MB
    of arrays for a picture worked on at 3000 pixels."""
    import tracemalloc

    buffer = io.BytesIO()
    Image.new("I;16", (5000, 5000), 30000).save(buffer, "PNG")
    tracemalloc.start()
    try:
        rgb = load_rgb(buffer.getvalue(), "scan16.png")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert max(rgb.shape[:2]) <= MAX_WORK_SIDE
    assert abs(int(rgb[0, 0, 0]) - 117) <= 1  # 30000 of 65535
    assert peak < 120 * 1024 * 1024, f"{peak / 1024 / 1024:.0f} MB"
