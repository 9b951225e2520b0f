"""Label stock for name badges: the built-in Avery and A-series sheets and the user's own,
saved as JSON for reuse. All measures in millimetres."""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
import unicodedata
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

INCH = 25.4
LETTER = (8.5 * INCH, 11 * INCH)
A4 = (210.0, 297.0)
# Printers and label makers both round; a label may overhang the sheet by a hair.
_TOLERANCE_MM = 0.05
MIN_LABEL_MM = 20.0  # smaller than this leaves no room for a name and a readable code
MAX_PAGE_MM = 1200.0
MAX_LABELS = 20  # per row or column


@dataclass(frozen=True)
class LabelTemplate:
    id: str
    name: str
    page_width_mm: float
    page_height_mm: float
    columns: int
    rows: int
    left_mm: float  # first label's left edge from the page's left edge
    top_mm: float  # first label's top edge from the page's top edge
    pitch_x_mm: float  # from one label's left edge to the next one's
    pitch_y_mm: float
    label_width_mm: float
    label_height_mm: float
    builtin: bool = True

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    def label_rect_mm(self, index_on_page: int) -> tuple[float, float, float, float]:
        """x, y, width, height of a label; labels are numbered row by row from the top left."""
        row, column = divmod(index_on_page, self.columns)
        return (
            self.left_mm + column * self.pitch_x_mm,
            self.top_mm + row * self.pitch_y_mm,
            self.label_width_mm,
            self.label_height_mm,
        )

    @property
    def page_name(self) -> str:
        for name, (w, h) in (("Letter", LETTER), ("A4", A4)):
            if math.isclose(self.page_width_mm, w, abs_tol=0.5) and math.isclose(
                self.page_height_mm, h, abs_tol=0.5
            ):
                return name
        return f"{self.page_width_mm:g} x {self.page_height_mm:g} mm"

    def describe(self) -> str:
        """One line for lists: "2 x 4 labels of 85.7 x 59.3 mm on Letter"."""
        return (
            f"{self.columns} x {self.rows} labels of {self.label_width_mm:.1f} x "
            f"{self.label_height_mm:.1f} mm on {self.page_name}"
        )

    def problems(self) -> dict[str, str]:
        """What makes this template unusable, field by field; empty when it is fine."""
        found: dict[str, str] = {}
        if not self.name.strip():
            found["name"] = "Give the template a name."
        if not _SLUG.fullmatch(self.id):
            found["id"] = (
                "The id may hold only lower-case letters, digits and dashes (like my-badges)."
            )
        for field, label in (("page_width_mm", "page width"), ("page_height_mm", "page height")):
            value = getattr(self, field)
            if not _finite(value) or value <= 0:
                found[field] = f"The {label} must be more than 0 mm."
            elif value > MAX_PAGE_MM:
                found[field] = f"The {label} must be at most {MAX_PAGE_MM:g} mm."
        for field, label in (("columns", "columns"), ("rows", "rows")):
            value = getattr(self, field)
            if not isinstance(value, int) or not 1 <= value <= MAX_LABELS:
                found[field] = f"The number of {label} must be between 1 and {MAX_LABELS}."
        for field, label in (
            ("label_width_mm", "label width"),
            ("label_height_mm", "label height"),
        ):
            value = getattr(self, field)
            if not _finite(value) or value < MIN_LABEL_MM:
                found[field] = (
                    f"The {label} must be at least {MIN_LABEL_MM:g} mm to hold a name and a code."
                )
        for field, label in (("left_mm", "left margin"), ("top_mm", "top margin")):
            value = getattr(self, field)
            if not _finite(value) or value < 0:
                found[field] = f"The {label} must be 0 mm or more."
        for field, size, count, label in (
            ("pitch_x_mm", self.label_width_mm, self.columns, "horizontal pitch"),
            ("pitch_y_mm", self.label_height_mm, self.rows, "vertical pitch"),
        ):
            value = getattr(self, field)
            if not _finite(value) or value < 0:
                found[field] = f"The {label} must be 0 mm or more."
            elif isinstance(count, int) and count > 1 and value + _TOLERANCE_MM < size:
                found[field] = (
                    f"The {label} ({value:g} mm) is less than the label's size ({size:g} mm): "
                    "labels would overlap."
                )
        if not found:
            x, y, w, h = self.label_rect_mm(self.per_page - 1)
            if x + w > self.page_width_mm + _TOLERANCE_MM:
                found["columns"] = (
                    f"The labels reach {x + w:.1f} mm from the left, past the page's edge "
                    f"({self.page_width_mm:g} mm)."
                )
            if y + h > self.page_height_mm + _TOLERANCE_MM:
                found["rows"] = (
                    f"The labels reach {y + h:.1f} mm from the top, past the page's edge "
                    f"({self.page_height_mm:g} mm)."
                )
        return found


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _inches(id: str, name: str, page: tuple[float, float], *values: float) -> LabelTemplate:
    columns, rows, left, top, pitch_x, pitch_y, width, height = values
    return LabelTemplate(
        id,
        name,
        page[0],
        page[1],
        int(columns),
        int(rows),
        left * INCH,
        top * INCH,
        pitch_x * INCH,
        pitch_y * INCH,
        width * INCH,
        height * INCH,
    )


# Geometry from gLabels' templates (docs/architecture.md, "Measured").
BUILTIN_TEMPLATES: tuple[LabelTemplate, ...] = (
    _inches(
        "avery-5395",
        "Avery 5395/8395 name badges (Letter, 2 x 4)",
        LETTER,
        *(2, 4, 0.6875, 0.5833, 3.75, 2.5, 3.375, 2.3333),
    ),
    _inches(
        "avery-5392",
        "Avery 5392/74459 name badges (Letter, 4 x 3 in, 2 x 3)",
        LETTER,
        *(2, 3, 0.25, 1.0, 4.0, 3.0, 4.0, 3.0),
    ),
    LabelTemplate(
        "avery-l4785",
        "Avery L4785 name badges (A4, 80 x 50 mm, 2 x 5)",
        *A4,
        2,
        5,
        18.0,
        13.0,
        95.0,
        55.0,
        80.0,
        50.0,
    ),
    LabelTemplate("a6-4up", "A6 cards, four to an A4 page", *A4, 2, 2, 0, 0, 105, 148, 105, 148),
    # A7 (74 x 105 mm) turned sideways: eight fit an A4 page as 2 columns by 4 rows.
    LabelTemplate("a7-8up", "A7 cards, eight to an A4 page", *A4, 2, 4, 0, 0, 105, 74, 105, 74),
)

_BUILTIN_IDS = {t.id: t for t in BUILTIN_TEMPLATES}


class TemplateNotFound(KeyError):
    def __init__(self, template_id: str, known: list[str]) -> None:
        super().__init__(template_id)
        self.template_id = template_id
        self.known = known

    def __str__(self) -> str:
        return f"No label template called {self.template_id!r}. Known: {', '.join(self.known)}."


class InvalidTemplate(ValueError):
    """A template that cannot be saved; `problems` maps fields to messages (as problems())."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(problems)
        self.problems = problems

    def __str__(self) -> str:
        return " ".join(self.problems.values())


_NUMBER_FIELDS = tuple(f.name for f in fields(LabelTemplate) if f.name not in ("id", "name"))


def template_to_dict(template: LabelTemplate) -> dict[str, Any]:
    data = asdict(template)
    data.pop("builtin")
    return data


def template_from_dict(data: object) -> LabelTemplate:
    """A custom template from its JSON object; ValueError says what is missing or wrong."""
    if not isinstance(data, dict):
        raise ValueError("a template must be a JSON object.")
    values: dict[str, Any] = {}
    for name in ("id", "name"):
        if not isinstance(data.get(name), str):
            raise ValueError(f"the template has no {name}.")
        values[name] = data[name]
    for name in _NUMBER_FIELDS:
        if name == "builtin":
            continue
        value: Any = data.get(name)
        if not _finite(value):
            raise ValueError(f"{values['id']}: {name} is missing or not a number.")
        if name in ("columns", "rows"):
            if value != int(value):
                raise ValueError(f"{values['id']}: {name} must be a whole number.")
            value = int(value)
        values[name] = float(value) if name not in ("columns", "rows") else value
    return LabelTemplate(**values, builtin=False)


class TemplateStore:
    """The built-in templates plus the user's own, kept in one JSON file.

    The file is read again on every look-up, so the window and the command line see each
    other's changes. A damaged file never stops printing: the built-ins stay available and
    `problem` says what was wrong."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problem = ""
        self._damaged = False
        self._custom: list[LabelTemplate] = []
        self._load()

    def _load(self) -> None:
        self.problem = ""
        self._damaged = False
        self._custom = []
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError) as exc:
            # Saving would replace a file nobody could read: keep it aside first.
            self._damaged = True
            self.problem = f"{self.path}: could not read the saved label templates ({exc})."
            return
        try:
            data = json.loads(text)
        except ValueError as exc:
            self._damaged = True
            self.problem = (
                f"{self.path}: the saved label templates are damaged ({exc}); "
                "only the built-in templates are offered."
            )
            return
        items = data.get("templates") if isinstance(data, dict) else None
        if not isinstance(items, list):
            self._damaged = True
            self.problem = (
                f"{self.path}: not a label templates file; only the built-in templates are offered."
            )
            return
        skipped: list[str] = []
        seen: set[str] = set()
        for item in items:
            try:
                template = template_from_dict(item)
            except ValueError as exc:
                skipped.append(str(exc))
                continue
            problems = template.problems()
            if template.id in _BUILTIN_IDS:
                problems["id"] = "the id is a built-in template's."
            if problems or template.id in seen:
                detail = " ".join(problems.values()) or "the id is used twice."
                skipped.append(f"{template.id}: {detail}")
                continue
            seen.add(template.id)
            self._custom.append(template)
        if skipped:
            # The next save rewrites the file without them: the whole file is kept aside first.
            self._damaged = True
            self.problem = f"{self.path}: skipped templates that cannot be used: " + "; ".join(
                skipped
            )

    def custom(self) -> list[LabelTemplate]:
        self._load()
        return sorted(self._custom, key=lambda t: (t.name.casefold(), t.id))

    def all(self) -> list[LabelTemplate]:
        """Built-ins first, then the user's own by name."""
        return [*BUILTIN_TEMPLATES, *self.custom()]

    def get(self, template_id: str) -> LabelTemplate:
        builtin = _BUILTIN_IDS.get(template_id)
        if builtin is not None:
            return builtin
        templates = self.all()
        for template in templates:
            if template.id == template_id:
                return template
        raise TemplateNotFound(template_id, [t.id for t in templates])

    def save(self, template: LabelTemplate) -> None:
        """Adds or replaces a custom template; InvalidTemplate (a ValueError) when unusable."""
        template = replace(template, builtin=False)
        problems = template.problems()
        if template.id in _BUILTIN_IDS:
            problems["id"] = (
                f"{template.id!r} is a built-in template's id; pick another name for yours."
            )
        if problems:
            raise InvalidTemplate(problems)
        custom = [t for t in self.custom() if t.id != template.id]
        custom.append(template)
        self._write(custom)

    def delete(self, template_id: str) -> None:
        if template_id in _BUILTIN_IDS:
            raise ValueError(f"{template_id!r} is built in and cannot be deleted.")
        custom = self.custom()
        kept = [t for t in custom if t.id != template_id]
        if len(kept) == len(custom):
            raise TemplateNotFound(template_id, [t.id for t in self.all()])
        self._write(kept)

    def slug_for(self, name: str) -> str:
        """A free id for a new template called `name` ("My lanyards" -> "my-lanyards")."""
        # Accents dropped rather than the letters: "Café" -> "cafe".
        plain = unicodedata.normalize("NFKD", name.casefold())
        plain = "".join(c for c in plain if not unicodedata.combining(c))
        base = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:40].strip("-")
        base = base or "template"
        taken = {t.id for t in self.all()}
        slug, number = base, 2
        while slug in taken:
            slug = f"{base}-{number}"
            number += 1
        return slug

    def _write(self, templates: list[LabelTemplate]) -> None:
        data = {
            "version": 1,
            "templates": [template_to_dict(t) for t in sorted(templates, key=lambda t: t.id)],
        }
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self._damaged:
            # Saving replaces the file: keep what could not be read, for the user to rescue.
            backup = self.path.with_name(self.path.name + ".damaged")
            os.replace(self.path, backup)
            self._damaged = False
        handle, temp = tempfile.mkstemp(
            prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent
        )
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temp, self.path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        self._custom = list(templates)
        self.problem = ""
