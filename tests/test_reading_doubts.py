"""A reading that lost something says so, and the audit never blames the form for it.

Each validation PDF (made outside the project, ``../shared/validation/pdf``) is read with its
page layout edited the way a reader goes wrong: the glyphs of a whole column gone, one cell
gone, a column header gone (its cells then fall under no column), a level-1 label gone. The
form must then differ from its golden only where it carries a ``reading.*`` doubt (or is
marked incomplete), and the audit must raise no ``total.sum`` and no ``indicator.*`` finding
on a row the reader damaged. The edits are made to the page objects of the pdfplumber
engine (``page_objects``), so the harness reads with that engine.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pytest

import selfeval.extract as extract
import selfeval.extract.pdf.reader as pdf_reader
from golden.score import squashed, validation_golden
from selfeval.extract.record import INDICATOR_FIELDS, Form
from selfeval.validate import audit
from tests.conftest import VALIDATION, VALIDATION_PDFS

Box = tuple[int, tuple[float, float, float, float]]  # (page, bbox)


def test_validation_folder_is_there() -> None:
    assert len(VALIDATION_PDFS) >= 8, f"{VALIDATION} is missing or short"


ENGINE = "pdfplumber"  # the engine whose page objects the harness edits


@functools.cache
def _clean(pdf: Path) -> tuple[Form, ...]:
    return tuple(extract.read(pdf, engine=ENGINE))


def _cells(form: Form, name: str, rows: slice = slice(None)) -> list[Box]:
    out = []
    for row in form.indicators[rows]:
        cell = getattr(row, name)
        if cell.bbox is not None and cell.page is not None and cell.text is not None:
            out.append((cell.page, cell.bbox))
    return out


def _second_label(form: Form) -> list[Box]:
    """The bbox of the second distinct level-1 label the form prints."""
    seen: list[str] = []
    for row in form.indicators:
        text = row.level1.text
        if text and text not in seen:
            seen.append(text)
            if len(seen) == 2 and row.level1.bbox is not None and row.level1.page is not None:
                return [(row.level1.page, row.level1.bbox)]
    return []


def _header(form: Form, text: str) -> list[Box]:
    """Where the grid header prints ``text`` (the page of the form's first row)."""
    return [(form.indicators[0].level3.page or 1, (0.0, 0.0, 0.0, 0.0), text)]  # type: ignore[list-item]


EDITS: dict[str, Callable[[Form], list]] = {
    "column-actual": lambda f: _cells(f, "actual"),
    "column-score": lambda f: _cells(f, "score"),
    "column-weight": lambda f: _cells(f, "weight"),
    "one-score": lambda f: _cells(f, "score", slice(1, 2)),
    "one-actual": lambda f: _cells(f, "actual", slice(2, 3)),
    "header-score": lambda f: _header(f, "得分"),
    "header-actual": lambda f: _header(f, "实际完成值"),
    "level1-label": _second_label,
}


def _inside(ch: dict, bbox: tuple[float, float, float, float]) -> bool:
    cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
    return bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]


def _drop_run(chars: list[dict], text: str) -> list[dict]:
    """Drop the last run of glyphs spelling ``text`` on one line (the grid header's label is
    the last place a page prints it before the rows, after the funds header)."""
    found = None
    for i in range(len(chars) - len(text) + 1):
        run = chars[i : i + len(text)]
        if "".join(c["text"] for c in run) == text and len({round(c["top"]) for c in run}) == 1:
            found = i
    if found is None:
        return chars
    return chars[:found] + chars[found + len(text) :]


def _read_edited(pdf: Path, boxes: list, monkeypatch: pytest.MonkeyPatch) -> list[Form]:
    original = pdf_reader.page_objects

    def edited(page):  # type: ignore[no-untyped-def]
        objects = original(page)
        for box in boxes:
            if box[0] != page.page_number:
                continue
            if len(box) == 3:  # a header label by its text
                objects.chars = _drop_run(objects.chars, box[2])
            else:
                objects.chars = [ch for ch in objects.chars if not _inside(ch, box[1])]
        return objects

    monkeypatch.setattr(pdf_reader, "page_objects", edited)
    try:
        return extract.read(pdf, engine=ENGINE)
    except extract.ReadError:
        return []


def _damaged_rows(got: dict, want: dict) -> set[int]:
    rows = set()
    g, w = got["indicators"], want["indicators"]
    for i in range(max(len(g), len(w))):
        if i >= len(g) or i >= len(w) or any(g[i][f] != w[i][f] for f in INDICATOR_FIELDS):
            rows.add(i)
    return rows


@pytest.mark.parametrize("edit", sorted(EDITS))
@pytest.mark.parametrize("pdf", VALIDATION_PDFS, ids=lambda p: p.stem)
def test_a_lost_cell_is_a_doubt_never_a_finding(
    pdf: Path, edit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes = [box for form in _clean(pdf) for box in EDITS[edit](form)]
    if not boxes:
        assert edit in ("level1-label", "one-actual", "one-score")  # a form with one label
        return
    forms = _read_edited(pdf, boxes, monkeypatch)
    want = validation_golden(pdf.with_suffix(".golden.json"))
    for n, golden in enumerate(want):
        form = forms[n] if n < len(forms) else None
        if form is None:
            continue  # no form at all: a named read error, nothing silently wrong
        got = squashed(form.to_dict())
        damaged = _damaged_rows(got, squashed(golden))
        doubts = [x for x in form.notes if x.code.startswith("reading.")]
        if damaged or got != squashed(golden):
            assert doubts or not form.complete, f"form {n}: rows {sorted(damaged)} differ silently"
        findings = audit(form).findings
        assert not [f for f in findings if f.code == "total.sum"]
        blamed = [f for f in findings if f.code.startswith("indicator.") and f.row in damaged]
        assert blamed == [], [f.message for f in blamed]
        assert [f for f in findings if f.code.startswith("reading.")] or not doubts


def test_the_edits_do_damage() -> None:
    """The harness is not idle: removing the score column does change what is read."""
    pdf = VALIDATION / "real016_docx.pdf"
    with pytest.MonkeyPatch.context() as mp:
        forms = _read_edited(pdf, _cells(_clean(pdf)[0], "score"), mp)
    assert [r.score.text for r in forms[0].indicators if r.level3.text] == [None] * 9
    assert any(n.code == "reading.missing-cell" for n in forms[0].notes)


def test_a_mathematical_sign_no_form_prints_is_garbled(tmp_path: Path) -> None:
    """A bit flipped in a text dump turns ≥300批次 into ≅300批次: a valid character, but no
    form prints ≅. The cell is ``reading.garbled``; the signs forms do print are not."""
    from selfeval.extract.checks import garbled
    from tests.conftest import ROOT

    assert garbled("≅300批次") == ["≅"]
    assert garbled("≥300批次") == garbled("误差≤±5%") == garbled("√ 已完成") == []
    dump = ROOT / "samples/dumps/2021-hebei-laoting-shangpin-jiance-draw.layout.txt"
    text = dump.read_text("utf-8")
    assert text.count("≥300批次") == 1
    damaged = tmp_path / "damaged.layout.txt"
    damaged.write_text(text.replace("≥300批次", "≅300批次"), "utf-8")
    (form,) = extract.read(damaged)
    doubts = [n for n in form.notes if n.code == "reading.garbled"]
    assert [(n.field, n.text) for n in doubts] == [("target", "≅300批次")]


def test_the_characters_the_math_check_skips_hold_no_sign_forms_do_not_print() -> None:
    """``garbled`` looks up the category of only the characters outside ``NOT_MATH_RANGES``;
    every character inside them must be no mathematical sign, or one forms print."""
    import re
    import unicodedata

    from selfeval.extract.checks import FORM_MATH, NOT_MATH_RANGES, garbled

    skipped = re.compile(f"[{NOT_MATH_RANGES}]")
    signs = [chr(i) for i in range(0x110000) if unicodedata.category(chr(i)) == "Sm"]
    assert len(signs) > 900  # the category is there to check against
    assert [s for s in signs if skipped.match(s) and s not in FORM_MATH] == []
    # a sign outside the ranges is still found, one inside FORM_MATH is not
    assert garbled("完成率｜≌95%") == ["｜", "≌"]
    assert garbled("＞95%，＋5") == []


def test_the_characters_passed_at_once_are_none_the_checks_find() -> None:
    """``garbled`` passes a text made only of ``CLEAN_CHARS`` without looking further: no
    character of the class may be one any of its patterns finds, in any context."""
    import re
    import unicodedata

    from selfeval.extract.checks import (
        _BRACKET,
        CLEAN_CHARS,
        FORM_MATH,
        GARBLED,
        NEVER,
        STRAY,
        garbled,
    )

    clean = re.compile(f"[{CLEAN_CHARS}]")
    chars = [chr(i) for i in range(0x110000) if clean.match(chr(i))]
    assert len(chars) > 27000 and "(" not in chars and "#" not in chars
    for ch in chars:
        assert not GARBLED.search(ch) and not NEVER.match(ch) and not _BRACKET.match(ch), ch
        assert not STRAY.search(f"中{ch}中") and not STRAY.search(f"{ch}中"), repr(ch)
        assert unicodedata.category(ch) != "Sm" or ch in FORM_MATH, repr(ch)
    # what the checks find still sits outside the class
    assert garbled("得分(cid:12)") == ["(cid:12)"] and garbled("服务对#满意度") == ["#"]


def test_a_bracket_a_cell_never_closes_is_garbled(tmp_path: Path) -> None:
    """A flipped byte turns a space of a -layout dump into "(", on the line between a level-3
    name's two lines: 松材线虫病(普查面积. A form closes its brackets, so the cell is
    ``reading.garbled``; an item's number (1）, 二)) and closed brackets are not."""
    from selfeval.extract.checks import garbled
    from tests.conftest import ROOT

    assert garbled("松材线虫病(普查面积") == ["("] and garbled("完成率（%") == ["（"]
    assert garbled("完成)") == [")"]
    assert garbled("项目资金（万元)") == garbled("1）完成\n2)完成；三）好") == []
    dump = ROOT / "samples/dumps/2021-xianning-juesuan-bundle-docx.layout.txt"
    lines = dump.read_text("utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if "≥42 万亩" in line)
    assert lines[at - 1].strip() == "松材线虫病" and lines[at][15] == " "
    lines[at] = lines[at][:15] + "(" + lines[at][16:]
    damaged = tmp_path / "damaged.layout.txt"
    damaged.write_text("\n".join(lines), "utf-8")
    notes = [n for form in extract.read(damaged) for n in form.notes]
    doubts = [(n.field, n.text) for n in notes if n.code == "reading.garbled"]
    assert doubts == [("level3", "松材线虫病(普查面积")]
    clean = [n for form in extract.read(dump) for n in form.notes]
    assert not [n for n in clean if n.code == "reading.garbled"]
