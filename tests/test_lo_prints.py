"""-layout dumps of LibreOffice's prints of the corpus originals (a producer the samples'
own PDFs do not use; the class of ../shared/validation's real016_docx, real019_xlsx and
seed_form): every office original printed (samples/lo_prints.py), and in tests/data/lo_prints
the print a probe at another setting found a wrong row in. Calc centres a merged level label
on its whole block, across page breaks, so a label may stand on any line of its part of a
page, the first line of a row among them. Rows may be declined, never wrong. A header,
funds, goals or total cell may differ from the form's golden only where the print itself
does: LibreOffice clips a cell's text at its border (原州区农业技术推广服), and an ods keeps
its own number format (492 for 492.000000)."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

import selfeval.extract as extract
from golden.score import Score, compact, score_file, validation_golden
from samples.lo_prints import OUT_DIR, office_originals, print_name
from selfeval.extract.text.layout_tokens import header_columns, header_tokens
from tests.conftest import GOLDEN, SAMPLES
from tests.conftest import golden_rows as _golden
from tests.conftest import layout_rows as _read

DATA = Path(__file__).parent / "data" / "lo_prints"

#: Rows read exactly in all (measured: 468 of 668; raise as the readers learn more).
FLOOR = 468

DUMPS = sorted(OUT_DIR.glob("*.layout.txt"))


@functools.cache
def _score(dump: Path) -> Score:
    """One print's score against its form's golden, cells compared without whitespace (a
    line the print breaks at a space keeps no trace of it). Cached: the folder's tests and
    each print's own read the same dumps."""
    want = validation_golden(GOLDEN / f"{dump.name.split('.')[0]}.json")
    got = [form.to_dict() for form in extract.read(dump)]
    return score_file(got, want, dump.name, squash=True)


def test_every_office_original_is_printed() -> None:
    """A missing or emptied folder fails here instead of scoring nothing."""
    originals = office_originals(SAMPLES / "originals")
    assert len(originals) >= 40
    assert [p.name for p in DUMPS] == sorted(f"{print_name(p)}.layout.txt" for p in originals)
    assert all(p.stat().st_size > 1000 for p in DUMPS)


def test_print_names_keep_variants_apart() -> None:
    assert print_name(Path("x.numbers.xls")) == "x.numbers-xls"
    assert print_name(Path("x.xls")) == "x.xls"
    assert print_name(Path("err-a-b.html.xls")) == "err-a-b.html-xls"


def test_lo_prints_have_no_wrong_row() -> None:
    total = Score()
    for dump in DUMPS:
        total.add(_score(dump))
    assert total.golden_rows >= 600
    assert total.wrong_rows == 0, [p for p in total.problems if " row " in p][:5]
    assert total.exact_rows == total.emitted_rows
    assert total.exact_rows >= FLOOR, total.exact_rows


@pytest.mark.parametrize("dump", DUMPS, ids=[p.name.removesuffix(".layout.txt") for p in DUMPS])
def test_lo_print_cells_differ_from_the_golden_only_where_the_print_does(dump: Path) -> None:
    """A wrong cell is the print's when some line of the dump holds what was read and not
    the golden's text: a cell read short where its whole text stands is misread. (A sheet
    too wide for its page prints its right part on a page of its own: 杭州市余杭区园林绿化
    beside 实施单位, 管理中心 cut off there, the whole name on the next page.)"""
    lines = [compact(line) for line in dump.read_text("utf-8").splitlines()]
    for label, key, got, want in _score(dump).wrong_cell_values:
        holders = [line for line in lines if compact(str(got)) in line]
        assert any(compact(str(want)) not in line for line in holders), (label, key, got, want)


def test_a_centred_label_on_a_rows_first_line_is_no_sign_of_labels_at_row_tops() -> None:
    """keji-xiezuo's sheet printed by Calc: 质量指标 is centred on its whole block, which
    runs from page 2 to page 3, and stands on the first line of 新技术新产品（服务）认定 on
    page 3. Taken for a label printed where its rows begin, it left the page's one level-1
    label (产出指标, centred on a block of four pages) no reading, and the page's rows were
    all left out. A sign that leaves a level column no reading is read as chance."""
    dump = OUT_DIR / "2021-beijing-keji-xiezuo-zhongxin-xlsx.xlsx.layout.txt"
    (form,) = extract.read(dump)
    assert not any("labels' rows cannot be told" in note.message for note in form.notes)
    score = _score(dump)
    assert score.wrong_rows == 0
    assert score.exact_rows >= 32
    quality = [r.level3.text for r in form.indicators if r.level2.text == "质量指标"]
    assert "新技术新产品（服务）认定" in quality


def test_a_label_printed_again_past_the_break_is_no_empty_block_below_the_last_row() -> None:
    """hunan (spreadsheet) printed by LibreOffice: 质量指标 stands below page 1's last row
    (林业有害生物成灾率), centred on its cell's part there, which runs on to the page's foot,
    and the next page prints it again at its top: one block crosses the break, so its part
    here holds rows, and the label is no empty block of its own. Read as one, it gave
    林业有害生物成灾率 数量指标; now the rows it cannot place are left out, noted, and every
    row read is the golden's."""
    got, notes = _read(OUT_DIR / "2021-hunan-lingling-youhai-shengwu-xlsx.xlsx.layout.txt")
    want = _golden(GOLDEN / "2021-hunan-lingling-youhai-shengwu-xlsx.json")
    assert all(r in want for r in got)
    assert "林业有害生物成灾率" not in [r["level3"] for r in got]
    assert len(got) >= 3
    assert sum("left out" in n for n in notes) == len(want) - len(got)


def test_labels_on_row_tops_by_chance_give_no_row_a_block_holding_its_name_twice() -> None:
    """keji-xiezuo (spreadsheet) printed by LibreOffice, dumped at -fixed 4: 质量指标, a
    merged cell over pages 2 and 3, prints once, centred on the whole cell, and falls on
    page 3 at the top of 新技术新产品（服务）认定's row. Taken as a grid printing labels at
    their rows' tops, page 2's rows below its last label (数量指标) and page 3's rows above
    质量指标 went to 数量指标, which then held 中俄技术交流活动 and 重点领域央企科技创新需求分析
    twice: the labels are settled again without that reading, and no row is wrong."""
    got, notes = _read(DATA / "keji-xlsx-libreoffice-fixed4.layout.txt")
    want = _golden(GOLDEN / "2021-beijing-keji-xiezuo-zhongxin-xlsx.json")
    assert all(r in want for r in got)
    assert not [r for r in got if r["level3"] == "科技政策宣传" and r["level2"] == "数量指标"]
    assert len(got) >= 15
    assert sum("left out" in n for n in notes) >= len(want) - len(got) - 1


def test_a_block_holding_a_settled_rows_name_twice_is_found() -> None:
    from selfeval.extract.record import Cell, Indicator
    from selfeval.extract.text.layout_levels import _twice_in_block

    def row(l2: str | None, name: str) -> Indicator:
        return Indicator(level1=Cell("产出指标"), level2=Cell(l2), level3=Cell(name))

    rows = [
        row("数量指标", "中俄技术交流活动"),
        row(None, "x"),
        row("数量指标", "中俄技术交流活动"),
    ]
    assert _twice_in_block(rows, {id(rows[2])})
    assert not _twice_in_block(rows, set())  # (no row settled: nothing the settling did)
    rows[2].level2 = Cell("质量指标")  # (another block: 央企应用场景推进 under each)
    assert not _twice_in_block(rows, {id(rows[2])})
    rows = [row("数量指标", "……"), row("数量指标", "……")]  # (a placeholder, twice)
    assert not _twice_in_block(rows, {id(rows[1])})


def test_letter_spaced_names_side_by_side_are_cut_where_the_spacing_changes() -> None:
    """jinzhai's sheet with its labels typed letter-spaced (一 级 指 标), printed by Calc:
    一级指标 and 二级指标 wrap, so the header's first line prints 一 级   二 级 指, one space
    inside each name and three between them, and its last 指 标     标. Read as one name
    (一级二级指), the header named no level-1 column and no row was read. A letter-spaced
    name spaces its characters evenly: the run is cut where a gap is two places wider than
    the one beside it, and two characters one space apart are then one name's piece."""
    dump = OUT_DIR / "2023-anhui-jinzhai-meili-xiangcun-xlsx.spaced-xlsx.layout.txt"
    text = dump.read_text(encoding="utf-8").splitlines()
    at = next(k for k, line in enumerate(text) if "三 级 指 标" in line)
    lines = text[at - 1 : at + 2]
    assert [t.text for t in header_tokens(lines[0], 0)][:2] == ["一级", "二级指"]
    assert [t.text for t in header_tokens(lines[2], 2)][:2] == ["指标", "标"]
    columns = header_columns(lines)
    assert columns is not None
    assert [c.role for c in columns][:3] == ["level1", "level2", "level3"]
    # (evenly spaced, a whole name stays one: 三     级    指    标)
    assert [t.text for t in header_tokens("二 级 指 标   三     级    指    标", 0)] == [
        "二级指标",
        "三级指标",
    ]
    score = _score(dump)
    assert score.wrong_rows == 0
    assert score.exact_rows == score.golden_rows == 12
