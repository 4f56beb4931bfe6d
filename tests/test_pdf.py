"""The PDF engine's parts and its named errors, on real files of each kind.

tests/data/pdf/ holds small bad PDFs written by ``make_bad_pdfs.py`` (an encrypted form, an
image-only page, a font without ToUnicode, a truncated file, prose, look-alike glyphs) and one
real government budget PDF with ruled tables but no self-evaluation form (jiangsu-budget-4.pdf
from ae86jack/open-budget, an Excel 2010 export with borders drawn as thin filled rectangles).
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

import selfeval.extract as extract
from selfeval.extract.errors import ReadError
from selfeval.extract.pdf.glyphs import (
    clean_string,
    fold_glyphs,
    join_groups,
    join_lines,
    starts_numbered_item,
)
from selfeval.extract.pdf.lattice import build_frame
from selfeval.extract.pdf.layout import UNDECIDED, box_text, resolve_breaks
from selfeval.extract.pdf.plumber_engine import page_layout
from selfeval.extract.pdf.rulings import Segment, merge, segments_from_objects
from selfeval.extract.vocabulary import label_key, title_of
from tests.conftest import ROOT, SHARED

DATA = Path(__file__).resolve().parent / "data" / "pdf"
SHARED_REAL = SHARED / "real_pdfs"  # real budget PDFs, not forms (negatives)


# -- named errors ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("encrypted.pdf", "encrypted"),
        ("scanned.pdf", "no-text-layer"),
        ("unmapped-font.pdf", "unmapped-font"),
        ("damaged.pdf", "damaged"),
        ("prose.pdf", "not-a-form"),
        ("real-budget-tables.pdf", "not-a-form"),
    ],
)
def test_named_error(name: str, code: str) -> None:
    with pytest.raises(ReadError) as caught:
        extract.read(DATA / name)
    assert caught.value.code == code
    assert str(DATA / name) in str(caught.value)


def test_named_errors_with_the_camelot_engine_too() -> None:
    for name, code in [("encrypted.pdf", "encrypted"), ("scanned.pdf", "no-text-layer")]:
        with pytest.raises(ReadError) as caught:
            extract.read(DATA / name, engine="camelot")
        assert caught.value.code == code


def test_truncated_sample_is_a_named_error(tmp_path: Path) -> None:
    """A real form cut in half: a named error, never a traceback."""
    pdf = ROOT / "samples" / "pdf" / "2022-anhui-guichi-cunji-buzhu-xlsx.pdf"
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(pdf.read_bytes()[: pdf.stat().st_size // 2])
    with pytest.raises(ReadError) as caught:
        extract.read(cut)
    assert caught.value.code in ("damaged", "not-a-form")


def test_real_government_pdfs_are_there() -> None:
    assert len(list(SHARED_REAL.glob("*.pdf"))) >= 6, f"{SHARED_REAL} is missing or short"


@pytest.mark.parametrize("pdf", sorted(SHARED_REAL.glob("*.pdf")), ids=lambda p: p.name)
def test_real_government_pdfs_are_not_forms(pdf: Path) -> None:
    """Real budget reports, not forms: turned away by name (on PDFium's text, quickly: the
    time is measured by the benchmarks, not here)."""
    with pytest.raises(ReadError) as caught:
        extract.read(pdf)
    assert caught.value.code == "not-a-form"


# -- glyphs and strings -----------------------------------------------------------------------
def test_lookalike_glyphs_are_folded_in_a_real_pdf() -> None:
    with pdfplumber.open(DATA / "lookalike.pdf") as pdf:
        raw = pdf.pages[0].extract_text()
        layout, _ = page_layout(pdf.pages[0], 1)
    assert "\u2f83" in raw and "\u2f00" in raw  # the text layer really holds Kangxi radicals
    assert [line.text for line in layout.lines] == [
        "项目支出绩效自评表",
        "一级指标",
        "金额",
        "人员",
    ]
    assert title_of(layout.lines[0].text) == "项目支出绩效自评表"


def test_fold_keeps_printed_full_width_punctuation() -> None:
    assert fold_glyphs("⼀⼆三，（2021年度）：") == "一二三，（2021年度）："


def test_letter_spacing_is_decoration_but_name_lists_keep_spaces() -> None:
    assert join_groups(["项", "目", "名", "称"]) == "项目名称"
    assert join_groups(["张永锋", "王兰平", "郑青"]) == "张永锋 王兰平 郑青"
    assert join_groups(["ISO", "9001"]) == "ISO 9001"
    assert join_groups(["3", "次"]) == "3 次"  # a printed space between digit and unit stays


@pytest.mark.parametrize(
    ("line", "numbered"),
    [
        ("1、持续推动", True),
        ("2.聚焦", True),
        ("（3）开展", True),
        ("4.2021年度开展", True),
        ("一、基本情况", True),
        ("2.5万元", False),
        ("2021年12月", False),
        ("10-20年", False),
    ],
)
def test_numbered_items(line: str, numbered: bool) -> None:
    assert starts_numbered_item(line) is numbered


def test_join_lines_without_geometry() -> None:
    assert join_lines(["绩", "效", "指", "标"]) == "绩效指标"
    assert join_lines(["年度目标：", "1、持续推动", "中俄合作", "2、推动"]) == (
        "年度目标：\n1、持续推动中俄合作\n2、推动"
    )
    assert clean_string("项 目 名 称\n") == "项目名称"


def _chars(text: str, x0: float, top: float, size: float = 10.0) -> list[dict]:
    out = []
    for ch in text:
        width = size if ord(ch) > 0x2000 else size / 2
        out.append(
            {"text": ch, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + size, "size": size}
        )
        x0 += width
    return out


def test_cell_text_uses_line_geometry() -> None:
    bbox = (0.0, 0.0, 104.0, 100.0)  # 10 CJK glyphs of 10 pt fit between 2-pt paddings
    full_then_numbered = _chars("凝练为主题的会议内容", 2, 2) + _chars("1.氢能", 2, 14)
    assert box_text(full_then_numbered, bbox) == "凝练为主题的会议内容1.氢能"
    sentence_then_numbered = _chars("开展政策宣讲工作。", 2, 2) + _chars("8.搭建", 2, 14)
    assert box_text(sentence_then_numbered, bbox) == "开展政策宣讲工作。\n8.搭建"
    wrapped = _chars("科技服务业发展研究报", 2, 2) + _chars("告", 2, 14)
    assert box_text(wrapped, bbox) == "科技服务业发展研究报告"
    short = _chars("年度目标", 2, 2) + _chars("开展调研", 2, 14)
    text = box_text(short, bbox)
    assert text == "年度目标" + UNDECIDED + "开展调研"
    assert resolve_breaks(text, draws_wrap_spaces=True) == "年度目标\n开展调研"
    assert resolve_breaks(text, draws_wrap_spaces=False) == "年度目标 开展调研"
    stacked = [c for i, ch in enumerate("绩效指标") for c in _chars(ch, 20, 2 + 12 * i)]
    assert box_text(stacked, (0.0, 0.0, 60.0, 60.0)) == "绩效指标"
    spaced = _chars("张永锋 王兰平 郑青 ", 2, 2) + _chars("戴旭峰", 2, 14)
    assert box_text(spaced, bbox) == "张永锋 王兰平 郑青 戴旭峰"


# -- rulings and the cell grid --------------------------------------------------------------
def test_thin_filled_rectangles_are_rules_and_backgrounds_are_not() -> None:
    rects = [
        {"x0": 10, "x1": 110, "top": 10, "bottom": 10.96, "stroke": False},  # horizontal rule
        {"x0": 10, "x1": 10.96, "top": 10, "bottom": 60, "stroke": False},  # vertical rule
        {"x0": 0, "x1": 595, "top": 0, "bottom": 842, "stroke": False},  # page background
        {"x0": 200, "x1": 300, "top": 200, "bottom": 250, "stroke": True},  # stroked box
    ]
    horiz, vert = segments_from_objects([], rects, [])
    assert [(round(s.pos, 2), s.lo, s.hi) for s in horiz] == [
        (10.48, 10, 110),
        (200, 200, 300),
        (250, 200, 300),
    ]
    assert [(round(s.pos, 2), s.lo, s.hi) for s in vert] == [
        (10.48, 10, 60),
        (200, 200, 250),
        (300, 200, 250),
    ]


def test_collinear_pieces_join_into_one_rule() -> None:
    pieces = [Segment(100.0, 0, 50), Segment(100.4, 50, 80), Segment(99.8, 81, 120)]
    assert [(s.lo, s.hi) for s in merge(pieces)] == [(0, 120)]


def test_frame_finds_merged_cells_from_missing_rules() -> None:
    # 3x3 grid; the middle vertical rule is missing in the top row (a colspan-2 header), the
    # middle horizontal rule is missing in the left column (a rowspan-2 label).
    xs, ys = [0.0, 50.0, 100.0, 150.0], [0.0, 20.0, 40.0, 60.0]
    horiz = [Segment(0, 0, 150), Segment(20, 0, 150), Segment(40, 50, 150), Segment(60, 0, 150)]
    vert = [Segment(0, 0, 60), Segment(50, 0, 60), Segment(100, 20, 60), Segment(150, 0, 60)]
    frame = build_frame(horiz, vert)
    assert frame is not None and frame.xs == xs and frame.ys == ys
    spans = sorted(frame.spans)
    assert (0, 0, 1, 1) in spans and (0, 1, 1, 2) in spans and (1, 0, 2, 1) in spans
    assert frame.locate(120, 10) == frame.locate(60, 10)
    assert frame.locate(25, 50) == frame.locate(25, 30)
    assert frame.locate(200, 10) is None


def test_real_excel_pdf_yields_ruled_tables() -> None:
    with pdfplumber.open(DATA / "real-budget-tables.pdf") as pdf:
        layout, stats = page_layout(pdf.pages[0], 1)
    assert stats.chars > 100 and stats.garbled == 0
    table = layout.tables[0]
    texts = [c.text for c in table.cells]
    assert "一、财政拨款" in texts and "13,297.11" in texts
    assert any(line.text == "收支预算总表" for line in layout.lines)


def test_label_keys_ignore_letter_spacing_and_bracket_width() -> None:
    assert label_key("项 目 名 称：") == "项目名称"
    assert label_key("项目资金（万元）") == "项目资金(万元)"
    assert title_of("附件2：项目支出绩效自评表") == "项目支出绩效自评表"
    assert title_of("根据要求填报项目支出绩效自评表，并于3月底前报送。") is None


def test_table_without_outer_border_keeps_its_outer_cells() -> None:
    # Inside borders only: one vertical rule at x=50 and one horizontal rule at y=20,
    # the crossing rules' ends bound the outer cells.
    frame = build_frame([Segment(20, 0, 100)], [Segment(50, 0, 40)])
    assert frame is not None
    assert frame.xs == [0, 50, 100] and frame.ys == [0, 20, 40]
    assert len(frame.spans) == 4
    assert frame.locate(10, 10) != frame.locate(60, 10) != frame.locate(60, 30)


def test_a_form_printed_sideways_is_read_upright_with_page_coordinates() -> None:
    """sideways.pdf is a sample form with /Rotate 90: its text runs bottom to top."""
    from golden import golden_for
    from tests.goldens import diff_forms

    want = golden_for(ROOT / "samples" / "pdf" / "2023-sichuan-guangan-xiangcun-jiaoshi-docx.pdf")
    got = [form.to_dict() for form in extract.read(DATA / "sideways.pdf")]
    assert diff_forms(got, want) == []
    with pdfplumber.open(DATA / "sideways.pdf") as pdf:
        width, height = pdf.pages[0].width, pdf.pages[0].height
        chars = pdf.pages[0].chars
        biggest = max(c["size"] for c in chars)
        title_chars = [c for c in chars if c["size"] == biggest]  # the title's larger type
    x0, top, x1, bottom = got[0]["provenance"]["title"]["bbox"]
    assert bottom - top > x1 - x0  # the title runs down the page, as printed
    assert 0 <= x0 < x1 <= width and 0 <= top < bottom <= height
    assert "".join(c["text"] for c in title_chars) == want[0]["title"]
    assert all(x0 - 1 <= c["x0"] and c["x1"] <= x1 + 1 for c in title_chars)
    assert all(top - 1 <= c["top"] and c["bottom"] <= bottom + 1 for c in title_chars)
