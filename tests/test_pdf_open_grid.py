"""Grids drawn without their vertical rules (extract.pdf.open_grid), judged on forms made outside
the project (``../shared/validation/pdf``) with their exact goldens.

Each validation PDF is read with its page objects edited so that vertical rules vanish: vertical
line objects and thin vertical rectangles are cut away, stroked boxes and curves keep only their
horizontal edges. Variants: (a) no vertical rule at all, (b) only the table's outer border,
(c) none inside the indicator grid's rows (the border kept) and (c') none there at all, and
(d) every other column line of the table gone. The read must equal the golden in every field,
or say where it could not place a cell (a ``reading.*`` / ``unplaced-cell`` note, or the form
marked incomplete); today every file is exact in every variant, which the test holds too.
The folder lives beside the repository; when it is missing the tests fail, never skip.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest

import selfeval.extract as extract
import selfeval.extract.pdf.open_grid as open_grid
import selfeval.extract.pdf.plumber_engine as engine
import selfeval.extract.pdf.reader as pdf_reader
from golden.score import score_file, squashed, validation_golden
from selfeval.extract.pdf.plumber_engine import PageObjects
from selfeval.extract.pdf.prescan import prescan
from selfeval.extract.pdf.rulings import THIN, segments_from_objects
from selfeval.extract.vocabulary import GRID_GROUPS, INDICATOR_COLUMNS, label_key, match
from tests.conftest import VALIDATION, VALIDATION_PDFS

Piece = tuple[float, float]
Keep = Callable[[float, float, float], list[Piece]]  # a vertical rule (x, top, bottom) -> kept
BBox = tuple[float, float, float, float]
BORDER = 2.5  # pt: a vertical rule this close to a table's side is its border


PAGE_OBJECTS = engine.page_objects  # the unedited reading, before any test patches it


@functools.cache
def _objects(pdf: Path, page: int) -> PageObjects:
    """The unedited objects of a page (1-based), parsed once for all variants."""
    with pdfplumber.open(pdf) as doc:
        return PAGE_OBJECTS(doc.pages[page - 1])


Facts = dict[int, list[tuple[BBox, list[float], float | None]]]


@functools.cache
def _facts(pdf: Path) -> tuple[Facts, int]:
    """Per 1-based page of the unedited PDF: each ruled table's bbox, its column edges, and
    the top of the indicator grid in it (None where the table holds none). The grid starts at
    its header (一级/二级/三级指标, or 绩效指标 over them) and fills the tables of later pages.
    Also how many tables the unedited read took the open-grid path for."""
    scan = prescan(pdf)
    first = scan.first_form_page or 0
    opened: list[int] = []
    real = open_grid.open_frame

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(1)
        return real(*args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(open_grid, "open_frame", spy)
        layouts, _ = pdf_reader.plumber_layouts(pdf, list(range(first, scan.pages)))
    out: Facts = {}
    in_grid = False
    for layout in layouts:
        tables = []
        for table in sorted(layout.tables, key=lambda t: t.bbox[1]):
            tops = [
                c.bbox[1]
                for c in table.cells
                if match(label_key(c.text), INDICATOR_COLUMNS) in ("level1", "level2", "level3")
                or GRID_GROUPS.match(label_key(c.text))
            ]
            in_grid = in_grid or bool(tops)
            grid = min(tops) if tops else (table.bbox[1] if in_grid else None)
            tables.append((table.bbox, list(table.xs), grid))
        out[layout.page] = tables
    return out, len(opened)


# -- the edits -----------------------------------------------------------------------------
def _line(x0: float, top: float, x1: float, bottom: float) -> dict:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom}


def _cut(out: list[dict], keep: Keep, x: float, top: float, bottom: float, like: dict) -> None:
    for lo, hi in keep(x, top, bottom):
        if hi - lo > 1.0:
            out.append({**like, "top": lo, "bottom": hi})


def edit(objects: PageObjects, keep: Keep) -> PageObjects:
    """The page objects with each vertical rule cut down to the pieces ``keep`` returns.

    Vertical lines and thin vertical filled rectangles are cut; a stroked box becomes its top
    and bottom edges plus the kept pieces of its sides; a curve becomes its horizontal pieces
    plus the kept pieces of its vertical ones (slanted pieces draw no rule and go)."""
    lines: list[dict] = []
    rects: list[dict] = []
    for obj in objects.lines:
        x0, top, x1, bottom = obj["x0"], obj["top"], obj["x1"], obj["bottom"]
        if x1 - x0 <= 1.0 and bottom - top > 1.0:
            _cut(lines, keep, (x0 + x1) / 2, top, bottom, obj)
        else:
            lines.append(obj)
    for obj in objects.rects:
        x0, top, x1, bottom = obj["x0"], obj["top"], obj["x1"], obj["bottom"]
        w, h = x1 - x0, bottom - top
        if h <= THIN and w > h:
            rects.append(obj)
        elif w <= THIN and h > w:
            _cut(rects, keep, (x0 + x1) / 2, top, bottom, obj)
        elif obj.get("stroke"):
            lines += [_line(x0, top, x1, top), _line(x0, bottom, x1, bottom)]
            for x in (x0, x1):
                _cut(lines, keep, x, top, bottom, _line(x, top, x, bottom))
        else:
            rects.append(obj)  # a filled background, no rule
    for obj in objects.curves:
        pts = obj.get("pts") or []
        for (ax, ay), (bx, by) in zip(pts, pts[1:], strict=False):
            x0, x1, top, bottom = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
            if bottom - top <= 1.0 and x1 - x0 > 1.0:
                lines.append(_line(x0, top, x1, bottom))
            elif x1 - x0 <= 1.0 and bottom - top > 1.0:
                x = (x0 + x1) / 2
                _cut(lines, keep, x, top, bottom, _line(x, top, x, bottom))
    return PageObjects(chars=objects.chars, lines=lines, rects=rects, curves=[])


def _at_border(x: float, top: float, bottom: float, tables) -> bool:
    return any(
        (abs(x - x0) <= BORDER or abs(x - x1) <= BORDER) and top < b1 and bottom > t0
        for (x0, t0, x1, b1), _, _ in tables
    )


def _no_verticals(tables) -> Keep:
    return lambda x, top, bottom: []


def _border_only(tables) -> Keep:
    return lambda x, top, bottom: [(top, bottom)] if _at_border(x, top, bottom, tables) else []


def _grid(tables, border: bool) -> Keep:
    """Vertical rules lose their pieces inside the indicator grid's rows (its border too,
    unless ``border``); above the grid the table keeps them."""

    def keep(x: float, top: float, bottom: float) -> list[Piece]:
        if border and _at_border(x, top, bottom, tables):
            return [(top, bottom)]
        for (x0, _, x1, _), _, grid in tables:
            if grid is not None and x0 - BORDER <= x <= x1 + BORDER and bottom > grid:
                return [(top, min(bottom, grid))] if top < grid else []
        return [(top, bottom)]

    return keep


def _every_other(tables) -> Keep:
    """Every other inner column line of each table is gone (the border and the rest stay)."""

    def keep(x: float, top: float, bottom: float) -> list[Piece]:
        for (x0, t0, x1, b1), xs, _ in tables:
            if x0 - BORDER <= x <= x1 + BORDER and top < b1 and bottom > t0:
                at = min(range(len(xs)), key=lambda i: abs(xs[i] - x))
                if 0 < at < len(xs) - 1 and at % 2:
                    return []
        return [(top, bottom)]

    return keep


VARIANTS: dict[str, Callable[[list], Keep]] = {
    "no-verticals": _no_verticals,  # (a)
    "border-only": _border_only,  # (b)
    "grid-inner-open": lambda tables: _grid(tables, border=True),  # (c)
    "grid-open": lambda tables: _grid(tables, border=False),  # (c')
    "every-other-column": _every_other,  # (d)
}


def _read(pdf: Path, variant: str, monkeypatch: pytest.MonkeyPatch) -> list[extract.Form]:
    facts, _ = _facts(pdf)

    def edited(page):  # type: ignore[no-untyped-def]
        objects = _objects(pdf, page.page_number)  # chars copied: a page turned upright edits them
        fresh = PageObjects(
            [dict(ch) for ch in objects.chars], objects.lines, objects.rects, objects.curves
        )
        return edit(fresh, VARIANTS[variant](facts.get(page.page_number, [])))

    monkeypatch.setattr(pdf_reader, "page_objects", edited)
    monkeypatch.setattr(engine, "page_objects", edited)
    try:
        return extract.read(pdf, engine="pdfplumber")  # the engine whose page objects are edited
    except extract.ReadError:
        return []


def _says_so(form: extract.Form) -> bool:
    codes = [n.code for n in form.notes]
    return not form.complete or any(c.startswith("reading.") or c == "unplaced-cell" for c in codes)


# -- the tests -----------------------------------------------------------------------------
def test_validation_folder_is_there() -> None:
    assert VALIDATION.is_dir(), (
        f"{VALIDATION} is missing: the validation set must be beside the repo"
    )
    assert len(VALIDATION_PDFS) >= 8


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("pdf", VALIDATION_PDFS, ids=lambda p: p.stem)
def test_exact_or_says_so(pdf: Path, variant: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every field equals the golden, or the form says where it could not place a cell;
    and (today) every file is exact in every variant."""
    want = validation_golden(pdf.with_suffix(".golden.json"))
    forms = _read(pdf, variant, monkeypatch)
    got = [form.to_dict() for form in forms]
    assert forms, f"{pdf.name} [{variant}]: no form read (not-a-form)"
    for n, golden in enumerate(want):
        form = forms[n] if n < len(forms) else None
        exact = form is not None and squashed(form.to_dict()) == squashed(golden)
        assert exact or (form is not None and _says_so(form)), (
            f"{pdf.name} [{variant}] form {n} differs silently"
        )
    score = score_file(got, want, pdf.name, squash=True)
    assert score.problems == []
    assert score.exact_rows == score.golden_rows == score.emitted_rows
    assert score.exact_cells == score.golden_cells
    for g, w in zip(got, want, strict=True):
        assert squashed(g) == squashed(w)


def test_the_edits_leave_no_table_to_the_lattice(monkeypatch: pytest.MonkeyPatch) -> None:
    """The harness is not idle: with no vertical rule left the lattice finds no table, and
    without open grids the forms are not read at all."""
    pdf = VALIDATION / "real016_docx.pdf"
    with pytest.MonkeyPatch.context() as mp:
        seen: list[int] = []

        def edited(page):  # type: ignore[no-untyped-def]
            objects = edit(PAGE_OBJECTS(page), _no_verticals([]))
            _, vert = segments_from_objects(objects.lines, objects.rects, objects.curves)
            seen.append(len(vert))
            return objects

        mp.setattr(pdf_reader, "page_objects", edited)
        mp.setattr(engine, "open_frames", lambda frames, *_: frames)
        with pytest.raises(extract.ReadError) as caught:
            extract.read(pdf, engine="pdfplumber")
    assert caught.value.code in ("not-a-form", "unsupported")  # no ruled grid: no form
    assert seen and set(seen) == {0}
    assert _read(pdf, "no-verticals", monkeypatch)  # and with them, it is read


def test_ruled_validation_pages_are_left_to_the_lattice() -> None:
    """Fully ruled pages never take the open-grid path (the hot path stays the lattice)."""
    assert [pdf.name for pdf in VALIDATION_PDFS if _facts(pdf)[1]] == []


def test_letter_spread_labels_are_one_run() -> None:
    """总 … 分 spread over a wide cell is one label; single glyphs of different cells that
    happen to lie nearly equally apart (标 | 标 | 间) are not."""

    def glyphs(*items: tuple[str, float]) -> list[dict]:
        return [
            {"text": t, "x0": x, "x1": x + 10.0, "top": 100.0, "bottom": 110.0, "size": 10.0}
            for t, x in items
        ]

    spread = open_grid._runs(glyphs(("总", 50.0), ("分", 390.0), ("1", 410.0), ("0", 420.0)))
    assert [r.text for r in spread] == ["总分", "10"]
    label = open_grid._runs(glyphs(("自", 50), ("评", 150), ("等", 250), ("级", 350), ("优", 450)))
    assert [r.text for r in label] == ["自评等级", "优"]
    apart = open_grid._runs(glyphs(("标", 57.0), ("标", 119.0), ("间", 177.5)))
    assert [r.text for r in apart] == ["标", "标", "间"]


def test_an_unmapped_glyph_is_no_letter_of_a_spread_label() -> None:
    """A glyph without a Unicode mapping prints as "(cid:12)": one glyph, several characters;
    it must not stop the page (seen in the fuzz bench as a crash)."""
    from selfeval.extract.pdf.open_grid import Run, _unspread

    runs = [Run(0, 10, 0, "(cid:12)", 1), Run(20, 30, 0, "总", 1), Run(40, 50, 0, "分", 1)]
    assert [r.text for r in _unspread(runs)][0] == "(cid:12)"
