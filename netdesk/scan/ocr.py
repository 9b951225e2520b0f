"""Reading the text on an upright card picture with RapidOCR, offline: its models come from
the installed package, named one by one, so no code path of it ever downloads anything."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netdesk.scan.text_lines import TextLine

if TYPE_CHECKING:
    import numpy as np

# The models the rapidocr wheel ships (in rapidocr/models). Given as paths, RapidOCR never
# takes its download path (it downloads only a model or a character list it cannot find; the
# recognition model holds its character list).
DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"
CLS_MODEL = "ch_ppocr_mobile_v2.0_cls_mobile.onnx"

# Text is found on the card picture shrunk to this long side (the detector's time grows with
# the pixels; a card's smallest print is still 10+ pixels high there), and read from the card
# picture itself. A smaller card picture is enlarged to it first (a card far from the camera).
DETECT_SIDE = 1024
# ... by at most this factor (beyond it there is nothing more to read).
MAX_ENLARGE = 3.0
# A line read less surely than this is read again from its own box.
REREAD_BELOW = 0.8

_engine: Any = None
_engine_lock = threading.Lock()
# RapidOCR keeps per-call options on the engine itself, so calls are taken one at a time.
_call_lock = threading.Lock()


def model_dir() -> Path:
    import rapidocr

    return Path(rapidocr.__file__).parent / "models"


def cores() -> int:
    """The cores this process may run on (a container or taskset may allow fewer)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def engine_params() -> dict[str, Any]:
    models = model_dir()
    return {
        "Det.model_path": str(models / DET_MODEL),
        "Rec.model_path": str(models / REC_MODEL),
        "Cls.model_path": str(models / CLS_MODEL),
        "Global.log_level": "error",
        "Det.limit_type": "max",
        "Det.limit_side_len": DETECT_SIDE,
        # Never set a font: only drawing results (`.vis()`, not used) needs one, and RapidOCR
        # downloads it when missing.
        "Global.font_path": None,
        "EngineConfig.onnxruntime.intra_op_num_threads": cores(),
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    }


def engine() -> Any:
    """The process's one RapidOCR engine, built on first use (about a second), safely when
    several threads ask at once."""
    global _engine
    if _engine is None:
        with _engine_lock:
            if _engine is None:
                missing = [
                    name
                    for name in (DET_MODEL, REC_MODEL, CLS_MODEL)
                    if not (model_dir() / name).is_file()
                ]
                if missing:
                    raise RuntimeError(
                        "the text recogniser's models are missing from the rapidocr package "
                        f"({', '.join(missing)}); reinstall it: pip install 'netdesk[scan]'"
                    )
                # ONNX Runtime (1.29 and later) collects usage telemetry on Linux and macOS
                # too: it keeps a device id and an event store under ~/.cache/Microsoft and
                # uploads them. Turned off before the runtime starts, as it only reads this
                # once per process; netdesk sends nothing anywhere.
                os.environ["ORT_DISABLE_TELEMETRY"] = "1"
                from rapidocr import RapidOCR

                _engine = RapidOCR(params=engine_params())
    return _engine


def read_lines(card_rgb: np.ndarray) -> list[TextLine]:
    """The lines of text on the card picture (RGB), top to bottom, left to right, each with
    its axis-aligned box in the picture's pixels and the recogniser's confidence."""
    result = ocr(card_rgb)
    return [_read_again(card_rgb, line) for line in lines_of(result)]


def _read_again(card_rgb: np.ndarray, line: TextLine) -> TextLine:
    """An unsure line read again from its own box, a little widened: read with the whole card,
    a blurred line of numbers can come out as garbage ("P0 6 862" for "Tél. : +33 1 55 37 31
    03 Portable 07 85 53 86 62") that its box alone reads well. The surer reading is kept."""
    if line.score >= REREAD_BELOW or line.height < 6:
        return line
    import cv2
    import numpy as np

    pad = round(line.height * 0.3)
    height, width = card_rgb.shape[:2]
    top, bottom = max(0, round(line.top) - pad), min(height, round(line.bottom) + pad)
    left, right = max(0, round(line.left) - pad), min(width, round(line.right) + pad)
    crop = cv2.cvtColor(np.ascontiguousarray(card_rgb[top:bottom, left:right]), cv2.COLOR_RGB2BGR)
    reader = engine()
    with _call_lock:
        # No orientation model: a line of an upside-down card stays garbage (and unsure), so
        # that the card is still seen to need turning.
        result = reader(crop, use_det=False, use_cls=False, use_rec=True)
    texts: list[Any] = list(getattr(result, "txts", None) or [])
    scores: list[Any] = list(getattr(result, "scores", None) or [])
    if not texts or not scores or not str(texts[0]).strip() or float(scores[0]) < line.score + 0.1:
        return line
    text, score = str(texts[0]).strip(), float(scores[0])
    return TextLine(text, line.left, line.top, line.width, line.height, score)


def readable(card_rgb: np.ndarray) -> np.ndarray:
    """The card picture, enlarged to DETECT_SIDE when it is smaller (small print on a card
    photographed from afar is found and read better)."""
    import cv2

    height, width = card_rgb.shape[:2]
    factor = min(MAX_ENLARGE, DETECT_SIDE / max(1, height, width))
    if factor <= 1.05:
        return card_rgb
    size = (round(width * factor), round(height * factor))
    return cv2.resize(card_rgb, size, interpolation=cv2.INTER_CUBIC)


def ocr(card_rgb: np.ndarray) -> Any:
    import cv2

    bgr = cv2.cvtColor(card_rgb, cv2.COLOR_RGB2BGR)  # RapidOCR takes arrays as OpenCV's BGR
    reader = engine()
    with _call_lock:
        return reader(bgr, use_det=True, use_cls=True, use_rec=True)


def lines_of(result: Any) -> list[TextLine]:
    boxes = getattr(result, "boxes", None)
    texts = getattr(result, "txts", None)
    scores = getattr(result, "scores", None)
    if boxes is None or not texts:
        return []
    lines: list[TextLine] = []
    for box, text, score in zip(boxes, texts, scores or [1.0] * len(texts), strict=False):
        text = str(text).strip()
        if not text:
            continue
        xs = [float(point[0]) for point in box]
        ys = [float(point[1]) for point in box]
        left, top = min(xs), min(ys)
        lines.append(TextLine(text, left, top, max(xs) - left, max(ys) - top, float(score)))
    return reading_order(lines)


def reading_order(lines: list[TextLine]) -> list[TextLine]:
    """Top to bottom; lines on one row (their middles within half a line's height) left to
    right, so a label and its number printed side by side stay together."""
    by_middle = sorted(lines, key=lambda line: line.top + line.height / 2)
    rows: list[list[TextLine]] = []
    for line in by_middle:
        middle = line.top + line.height / 2
        if rows:
            first = rows[-1][0]
            if abs(middle - (first.top + first.height / 2)) <= min(first.height, line.height) / 2:
                rows[-1].append(line)
                continue
        rows.append([line])
    return [line for row in rows for line in sorted(row, key=lambda item: item.left)]


def detect(card_rgb: np.ndarray) -> list[TextLine]:
    """Where text is on the card picture (boxes with no text: nothing is read)."""
    import cv2

    bgr = cv2.cvtColor(card_rgb, cv2.COLOR_RGB2BGR)
    reader = engine()
    with _call_lock:
        result = reader(bgr, use_det=True, use_cls=False, use_rec=False)
    boxes = getattr(result, "boxes", None)
    if boxes is None:
        return []
    found = []
    for box in boxes:
        xs = [float(point[0]) for point in box]
        ys = [float(point[1]) for point in box]
        found.append(TextLine("", min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    return found


def orientation(crop_bgr: np.ndarray) -> list[tuple[str, float]]:
    """Whether a line of text (a BGR crop) is upright ("0") or upside down ("180"), with the
    orientation model's confidence; [] when it has no answer."""
    reader = engine()
    with _call_lock:
        result = reader(crop_bgr, use_det=False, use_cls=True, use_rec=False)
    answers = getattr(result, "cls_res", None) or []
    return [(str(label), float(score)) for label, score in answers]
