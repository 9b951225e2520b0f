"""Label templates: the built-in stock's geometry, validation, and custom templates saved as
JSON (round trip, damaged files, refused templates)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netdesk.cards.templates import (
    BUILTIN_TEMPLATES,
    InvalidTemplate,
    LabelTemplate,
    TemplateNotFound,
    TemplateStore,
)

IN = 25.4


def custom(**changes: object) -> LabelTemplate:
    values: dict[str, object] = dict(
        id="lanyard-cards",
        name="Lanyard cards",
        page_width_mm=210.0,
        page_height_mm=297.0,
        columns=2,
        rows=3,
        left_mm=5.0,
        top_mm=8.0,
        pitch_x_mm=100.0,
        pitch_y_mm=95.0,
        label_width_mm=95.0,
        label_height_mm=90.0,
        builtin=False,
    )
    values.update(changes)
    return LabelTemplate(**values)  # type: ignore[arg-type]


# id: page, columns x rows, left, top, pitch x, pitch y, label width, height (mm), from gLabels
# (docs/architecture.md, "Measured")
EXPECTED = {
    "avery-5395": (
        (215.9, 279.4),
        (2, 4),
        (0.6875 * IN, 0.5833 * IN, 3.75 * IN, 2.5 * IN, 3.375 * IN, 2.3333 * IN),
    ),
    "avery-5392": ((215.9, 279.4), (2, 3), (0.25 * IN, 1.0 * IN, 4 * IN, 3 * IN, 4 * IN, 3 * IN)),
    "avery-l4785": ((210, 297), (2, 5), (18, 13, 95, 55, 80, 50)),
    "a6-4up": ((210, 297), (2, 2), (0, 0, 105, 148, 105, 148)),
    "a7-8up": ((210, 297), (2, 4), (0, 0, 105, 74, 105, 74)),
}


def test_builtin_ids_are_the_ones_the_cli_takes() -> None:
    assert [t.id for t in BUILTIN_TEMPLATES] == list(EXPECTED)


@pytest.mark.parametrize("template", BUILTIN_TEMPLATES, ids=lambda t: t.id)
def test_builtin_geometry_matches_the_label_stock(template: LabelTemplate) -> None:
    page, grid, geometry = EXPECTED[template.id]
    assert (template.page_width_mm, template.page_height_mm) == pytest.approx(page, abs=0.01)
    assert (template.columns, template.rows) == grid
    got = (
        template.left_mm,
        template.top_mm,
        template.pitch_x_mm,
        template.pitch_y_mm,
        template.label_width_mm,
        template.label_height_mm,
    )
    assert got == pytest.approx(geometry, abs=0.01)
    assert template.builtin
    assert template.problems() == {}
    # Every label lies on the page.
    for index in range(template.per_page):
        x, y, w, h = template.label_rect_mm(index)
        assert x >= 0 and y >= 0
        assert x + w <= template.page_width_mm + 0.05
        assert y + h <= template.page_height_mm + 0.05


def test_labels_are_numbered_row_by_row() -> None:
    template = next(t for t in BUILTIN_TEMPLATES if t.id == "avery-l4785")
    assert template.per_page == 10
    assert template.label_rect_mm(0) == (18, 13, 80, 50)
    assert template.label_rect_mm(1) == (113, 13, 80, 50)
    assert template.label_rect_mm(2) == (18, 68, 80, 50)
    assert template.label_rect_mm(9) == (113, 233, 80, 50)


def test_describe_names_grid_size_and_paper() -> None:
    template = BUILTIN_TEMPLATES[0]
    assert template.describe() == "2 x 4 labels of 85.7 x 59.3 mm on Letter"
    assert custom(page_width_mm=300.0).page_name == "300 x 297 mm"


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"pitch_x_mm": 50.0}, "pitch_x_mm", "overlap"),
        ({"pitch_y_mm": 80.0}, "pitch_y_mm", "overlap"),
        ({"rows": 4}, "rows", "past the page"),
        ({"left_mm": 30.0}, "columns", "past the page"),
        ({"label_width_mm": 0.0}, "label_width_mm", "at least"),
        ({"page_height_mm": 0.0}, "page_height_mm", "more than 0"),
        ({"columns": 0}, "columns", "between 1 and"),
        ({"top_mm": -1.0}, "top_mm", "0 mm or more"),
        ({"name": "  "}, "name", "name"),
        ({"id": "Not A Slug"}, "id", "lower-case"),
        ({"label_height_mm": float("nan")}, "label_height_mm", "at least"),
    ],
)
def test_problems_name_the_field_and_say_why(changes: dict, field: str, words: str) -> None:
    problems = custom(**changes).problems()
    assert field in problems
    assert words in problems[field]


def test_one_column_needs_no_horizontal_pitch() -> None:
    assert custom(columns=1, pitch_x_mm=0.0).problems() == {}


def test_custom_template_round_trips_through_the_file(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "label-templates.json"
    store = TemplateStore(path)
    store.save(custom())
    store.save(custom(id="big-ones", name="Big ones", rows=2, pitch_y_mm=140, label_height_mm=130))
    again = TemplateStore(path)
    assert again.problem == ""
    assert again.get("lanyard-cards") == custom()
    assert [t.id for t in again.all()] == [
        *(t.id for t in BUILTIN_TEMPLATES),
        "big-ones",
        "lanyard-cards",
    ]
    assert not again.get("big-ones").builtin
    # Saving the same id replaces it.
    again.save(custom(top_mm=10.0))
    assert TemplateStore(path).get("lanyard-cards").top_mm == 10.0
    assert len(TemplateStore(path).all()) == len(BUILTIN_TEMPLATES) + 2
    # The write went through a temporary file that is gone now.
    assert sorted(p.name for p in path.parent.iterdir()) == ["label-templates.json"]


def test_delete_removes_only_that_template(tmp_path: Path) -> None:
    store = TemplateStore(tmp_path / "t.json")
    store.save(custom())
    store.save(custom(id="other", name="Other"))
    store.delete("lanyard-cards")
    assert [t.id for t in TemplateStore(tmp_path / "t.json").custom()] == ["other"]
    with pytest.raises(TemplateNotFound):
        store.delete("lanyard-cards")
    with pytest.raises(ValueError, match="built in"):
        store.delete("avery-5395")


def test_unknown_id_lists_the_known_ones(tmp_path: Path) -> None:
    store = TemplateStore(tmp_path / "t.json")
    store.save(custom())
    with pytest.raises(TemplateNotFound) as caught:
        store.get("avery-9999")
    assert isinstance(caught.value, KeyError)
    message = str(caught.value)
    assert "avery-9999" in message and "avery-5395" in message and "lanyard-cards" in message


def test_invalid_template_is_refused_with_messages(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    store = TemplateStore(path)
    with pytest.raises(ValueError) as caught:
        store.save(custom(pitch_x_mm=50.0, rows=9))
    assert isinstance(caught.value, InvalidTemplate)
    assert set(caught.value.problems) == {"pitch_x_mm"}
    assert "overlap" in str(caught.value)
    assert not path.exists()


def test_builtin_ids_cannot_be_taken(tmp_path: Path) -> None:
    store = TemplateStore(tmp_path / "t.json")
    with pytest.raises(InvalidTemplate) as caught:
        store.save(custom(id="a6-4up"))
    assert "built-in" in caught.value.problems["id"]
    # A built-in looked up by id is always the built-in.
    assert store.get("a6-4up").builtin


def test_slug_for_gives_a_free_id(tmp_path: Path) -> None:
    store = TemplateStore(tmp_path / "t.json")
    assert store.slug_for("My Lanyard Cards!") == "my-lanyard-cards"
    assert store.slug_for("Avery 5395") == "avery-5395-2"
    assert store.slug_for("Café Ünïcode ★") == "cafe-unicode"
    assert store.slug_for("★★★") == "template"
    store.save(custom(id=store.slug_for("Lanyard cards")))
    assert store.slug_for("Lanyard cards") == "lanyard-cards-2"


def test_damaged_file_leaves_the_builtins_and_says_why(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text('{"version": 1, "templates": [{"id": "half', encoding="utf-8")
    store = TemplateStore(path)
    assert store.all() == list(BUILTIN_TEMPLATES)
    assert "damaged" in store.problem
    assert str(path) in store.problem
    # Saving starts a fresh file and keeps the damaged one beside it.
    store.save(custom())
    assert TemplateStore(path).get("lanyard-cards") == custom()
    assert (tmp_path / "t.json.damaged").read_text(encoding="utf-8").startswith('{"version"')


@pytest.mark.parametrize("content", ["[1, 2]", '"text"', "", '{"templates": 3}', b"\xff\xfe\x00"])
def test_files_that_are_not_template_files_do_not_crash(tmp_path: Path, content: object) -> None:
    path = tmp_path / "t.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(str(content), encoding="utf-8")
    store = TemplateStore(path)
    assert store.all() == list(BUILTIN_TEMPLATES)
    assert store.problem


def test_bad_entries_are_skipped_and_good_ones_kept(tmp_path: Path) -> None:
    good = {k: v for k, v in custom().__dict__.items() if k != "builtin"}
    overlapping = {**good, "id": "overlapping", "name": "Overlapping", "pitch_x_mm": 10}
    missing = {"id": "missing", "name": "Missing"}
    clash = {**good, "id": "avery-5395"}
    text_rows = {**good, "id": "text-rows", "rows": "three"}
    path = tmp_path / "t.json"
    path.write_text(
        json.dumps({"templates": [good, overlapping, missing, clash, text_rows, "junk"]}),
        encoding="utf-8",
    )
    store = TemplateStore(path)
    assert [t.id for t in store.custom()] == ["lanyard-cards"]
    for word in ("overlapping", "missing", "avery-5395", "text-rows"):
        assert word in store.problem
    assert store.get("avery-5395").builtin


def test_missing_file_is_no_problem(tmp_path: Path) -> None:
    store = TemplateStore(tmp_path / "nowhere" / "t.json")
    assert store.all() == list(BUILTIN_TEMPLATES)
    assert store.problem == ""


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xfe\x00 not UTF-8",
        json.dumps({"templates": [{"id": "from-a-newer-netdesk", "name": "Newer"}]}).encode(),
    ],
)
def test_saving_keeps_a_file_it_could_not_fully_read(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "t.json"
    path.write_bytes(content)
    store = TemplateStore(path)
    assert store.problem
    store.save(custom())
    assert TemplateStore(path).get("lanyard-cards") == custom()
    assert (tmp_path / "t.json.damaged").read_bytes() == content
