"""Loading a photo of business cards: from a file, a stream or bytes, refused in words when it is
no picture, broken, or too big, and decoded no larger than the scanner needs."""

from __future__ import annotations

import io
import re
import stat
import threading
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from netdesk.scan.errors import ScanError

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

# The QR reader's limits (netdesk/cards/qr_read.py; copied, since scan must not import cards):
# a phone's photo is 12-50 megapixels; a bigger picture is refused before it is decoded, as one
# of 100,000 x 100,000 (a PNG header may say so in 30 bytes) would need 40 GB.
MAX_PIXELS = 60_000_000
# Checked before the file is read: a phone photo is a few MB, 50 MB is no photo of a card.
MAX_FILE_BYTES = 50 * 1024 * 1024
# A photo is decoded at this long side at least (JPEG decodes 1/2, 1/4, 1/8 of the size for a
# fraction of the time and memory): a 12-megapixel photo whole, so that a card across a third
# of it still has 1000 pixels to read; a 48-megapixel one at half its size.
WORK_SIDE = 3000
# ... and is worked on no bigger than this (a 50-megapixel photo, a 1200 dpi scan).
MAX_WORK_SIDE = 3000

READABLE = "JPEG, PNG, HEIC, WebP, TIFF, BMP"
# The formats Pillow is allowed to try: photos and scans. Not the others it knows: EPS would run
# Ghostscript on the file, and odd formats are more code for a hostile file to reach.
# (A phone's MPO photo is opened by the JPEG plugin.)
FORMATS = ("JPEG", "PNG", "HEIF", "AVIF", "WEBP", "TIFF", "BMP", "DIB", "GIF")

_heif_lock = threading.Lock()
# warnings.catch_warnings swaps process-wide state: two scans entering and leaving it at once
# could leave the recording filter on for good. Pictures are decoded one at a time.
_decode_lock = threading.Lock()
_heif_registered = False


def read_path(path: Path) -> bytes:
    """The bytes of the file (or of a FIFO / device stream, read up to the size limit)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ScanError(f"{path}: no such file.") from None
    except OSError as exc:
        raise ScanError(f"{path}: cannot be opened ({exc.strerror or exc}).") from None
    if stat.S_ISDIR(info.st_mode):
        raise ScanError(f"{path}: this is a folder, not a picture.")
    if stat.S_ISREG(info.st_mode) and info.st_size > MAX_FILE_BYTES:
        raise ScanError(_too_many_bytes(str(path), info.st_size))
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ScanError(f"{path}: cannot be read ({exc.strerror or exc}).") from None
    if len(data) > MAX_FILE_BYTES:
        raise ScanError(_too_many_bytes(str(path), None))
    return data


def _too_many_bytes(name: str, size: int | None) -> str:
    limit = MAX_FILE_BYTES // 1024 // 1024
    # A size that rounds to the limit (a stream cut one byte past it) is said "over" it.
    megabytes = round(size / 1024 / 1024) if size else 0
    said = f"the file is {megabytes} MB" if megabytes > limit else f"the file is over {limit} MB"
    return f"{name}: {said}; netdesk reads pictures of up to {limit} MB."


def load_rgb(data: bytes, name: str) -> np.ndarray:
    """The picture as an RGB array (height x width x 3, uint8), upright as its EXIF says, no
    bigger than the scanner works on. ScanError when it cannot be read."""
    import numpy as np

    if not data:
        raise ScanError(f"{name}: the file is empty (0 bytes).")
    if len(data) > MAX_FILE_BYTES:
        raise ScanError(_too_many_bytes(name, len(data)))
    # Pillow warns about odd but readable files (corrupt EXIF, palette transparency): the
    # picture is read all the same, so the warnings are kept out of the user's terminal.
    with _decode_lock, warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        image = _open(data, name)
        try:
            rgb = _decoded(image, name)
        finally:
            image.close()
    return np.ascontiguousarray(rgb)


def _formats() -> list[str]:
    from PIL import Image

    Image.init()
    return [kind for kind in FORMATS if kind in Image.OPEN]  # AVIF, HEIF: if installed


def _open(data: bytes, name: str) -> Image.Image:
    from PIL import Image, UnidentifiedImageError

    if _looks_like_heif(data):
        _register_heif()
    try:
        # Reads the header only; the size is checked below before a pixel is decoded.
        image = Image.open(io.BytesIO(data), formats=_formats())
    except Image.DecompressionBombError as exc:
        raise ScanError(too_many_pixels(name, _pixels_in(str(exc)))) from None
    except UnidentifiedImageError:
        if _looks_like_heif(data) and not _heif_available():
            raise ScanError(
                f"{name}: a HEIC picture, and HEIC support (pillow-heif) is not installed. "
                "Install it with: pip install 'netdesk[scan]'"
            ) from None
        raise ScanError(f"{name}: not a picture netdesk can read ({READABLE}).") from None
    except Exception as exc:  # a broken header may fail in any plugin
        raise _damaged(name, exc, "HEIF" if _looks_like_heif(data) else None) from None
    width, height = image.size
    if width <= 0 or height <= 0:
        raise ScanError(f"{name}: the picture has no pixels ({width} x {height}).")
    if width * height > MAX_PIXELS:
        image.close()
        raise ScanError(too_many_pixels(name, width * height, (width, height)))
    return image


def _decoded(image: Image.Image, name: str) -> np.ndarray:
    from PIL import Image

    try:
        # Of an animated GIF or WebP, or a TIFF of several pages, the first picture is read
        # (the one open() stands on; counting the frames would read them all).
        if image.format == "JPEG":
            # Decoding at 1/2, 1/4 or 1/8 costs a fraction of the time and memory: a
            # 48-megapixel photo is decoded at 12.
            long_side = max(image.size)
            if long_side > WORK_SIDE:
                scale = WORK_SIDE / long_side
                wanted = (max(1, int(image.width * scale)), max(1, int(image.height * scale)))
                image.draft(image.mode if image.mode in ("RGB", "L") else "RGB", wanted)
        image.load()
        smaller = _reduced(image)
        if smaller is not image:
            image.close()  # frees the full-size pixels at once (a 60-megapixel PNG: 240 MB)
            image = smaller
        upright = _exif_upright(image)
        rgb = _as_rgb(upright)
    except ScanError:
        raise
    except OSError as exc:
        raise _damaged(name, exc, image.format) from None
    except (MemoryError, Image.DecompressionBombError) as exc:
        raise ScanError(f"{name}: the picture is too big to read ({exc}).") from None
    except Exception as exc:  # plugins raise SyntaxError, ValueError...
        raise _damaged(name, exc, image.format) from None
    return _capped(rgb)


# How decoders say a file ends too soon: Pillow ("image file is truncated", "broken data
# stream"), libheif ("Unexpected end of file: Extent in iloc box references data outside...").
_CUT_OFF = ("truncated", "broken data stream", "EOF", "end of file")


def _damaged(name: str, exc: Exception, kind: str | None) -> ScanError:
    """The error for a picture its decoder gave up on, on one line (libheif's run over two)."""
    text = " ".join(str(exc).split())
    if any(sign in text for sign in _CUT_OFF):
        said = f" ({kind} file)" if kind else ""
        return ScanError(f"{name}: the file is cut off{said}; copy it again.")
    return ScanError(f"{name}: the picture is damaged and cannot be read ({text}).")


def _reduced(image: Image.Image) -> Image.Image:
    """The picture shrunk by a whole factor to about the working size (a big PNG or TIFF, which
    cannot be decoded smaller as a JPEG can): cheap, and keeps the exif for turning it."""
    long_side = max(image.size)
    if long_side <= MAX_WORK_SIDE:
        return image
    from PIL import Image

    factor = long_side // MAX_WORK_SIDE  # no smaller than the working size: _capped() ends it
    if factor < 2:
        return image
    width, height = image.size
    smaller = Image.new(image.mode, (-(-width // factor), -(-height // factor)))
    # In bands, as reduce() copies a transparent picture whole (premultiplied) first.
    band = factor * 256
    try:
        for top in range(0, height, band):
            strip = image.crop((0, top, width, min(height, top + band)))
            smaller.paste(strip.reduce(factor), (0, top // factor))
    except (ValueError, NotImplementedError):
        return image  # a mode reduce() does not take (16-bit, palette): _capped() shrinks it
    smaller.info = image.info
    smaller.format = image.format
    return smaller


def _exif_upright(image: Image.Image) -> Image.Image:
    from PIL import ImageOps

    try:
        turned = ImageOps.exif_transpose(image)
    except Exception:  # a broken EXIF block: the picture as stored
        return image
    return turned if turned is not None else image


def _as_rgb(image: Image.Image) -> np.ndarray:
    """RGB pixels whatever the mode: CMYK, 16-bit, palette, and transparency put on white
    (a card saved from a web page with a transparent background would turn black)."""
    import numpy as np
    from PIL import Image

    mode = image.mode
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        # reduce() takes no 16-bit picture: every few pixels are kept first, so that the
        # scaling works on the working size, not on up to 60 megapixels of floats.
        values = _sampled(image).astype(np.float32)
        top = 65535.0 if mode.startswith("I;16") or values.max(initial=0) > 255 else 255.0
        gray = np.clip(values * (255.0 / top), 0, 255).astype(np.uint8)
        return np.repeat(gray[:, :, None], 3, axis=2)
    has_alpha = mode in ("RGBA", "LA", "PA", "La", "RGBa") or (
        mode == "P" and "transparency" in image.info
    )
    if has_alpha:
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        white.alpha_composite(rgba)
        return np.asarray(white.convert("RGB"))
    if mode != "RGB":
        image = image.convert("RGB")
    return np.asarray(image)


def _sampled(image: Image.Image) -> np.ndarray:
    """Every few pixels of a picture bigger than the working size, taken in bands (NumPy's
    copy of a whole 60-megapixel 16-bit picture, which Pillow may hold as 32-bit, is 240 MB
    more)."""
    import numpy as np

    step = -(-max(image.size) // MAX_WORK_SIDE)  # no bigger than the working size
    if step == 1:
        return np.asarray(image)
    width, height = image.size
    band = step * 256
    strips = [
        np.asarray(image.crop((0, top, width, min(height, top + band))))[::step, ::step]
        for top in range(0, height, band)
    ]
    return np.concatenate(strips)


def _capped(rgb: np.ndarray) -> np.ndarray:
    import cv2

    height, width = rgb.shape[:2]
    long_side = max(height, width)
    if long_side <= MAX_WORK_SIDE:
        return rgb
    scale = MAX_WORK_SIDE / long_side
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return cv2.resize(rgb, size, interpolation=cv2.INTER_AREA)


def too_many_pixels(name: str, pixels: int | None, size: tuple[int, int] | None = None) -> str:
    limit = MAX_PIXELS // 1_000_000
    if size and pixels:
        said = f"the picture is {size[0]:,} x {size[1]:,} pixels ({pixels / 1e6:,.0f} megapixels)"
    elif pixels:
        said = f"the picture is {pixels / 1e6:,.0f} megapixels"
    else:
        said = "the picture is too big"
    return f"{name}: {said}; netdesk reads pictures of up to {limit} megapixels."


def _pixels_in(message: str) -> int | None:
    found = re.search(r"\((\d+) pixels\)", message)
    return int(found.group(1)) if found else None


def _looks_like_heif(data: bytes) -> bool:
    # ISO base media: a box "ftyp" at byte 4, then a brand such as heic, heix, mif1, avif.
    return data[4:8] == b"ftyp" and data[8:12] in (
        b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif"
    )  # fmt: skip


def _heif_available() -> bool:
    from netdesk.scan.available import heic_supported

    return heic_supported()


def _register_heif() -> None:
    global _heif_registered
    if _heif_registered or not _heif_available():
        return
    with _heif_lock:
        if not _heif_registered:
            import pillow_heif

            pillow_heif.register_heif_opener()
            _heif_registered = True
