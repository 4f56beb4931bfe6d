"""Empty blocks in `pdftotext -layout` dumps: a level-2 label (经济效益指标) with no indicator
under it, printed alone between two rows whose text comes right up to its lines. The form
keeps its row (its level labels, every other cell null) only when that row is certain;
otherwise the label is named in a note, never dropped in silence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selfeval.extract.record import Indicator
from selfeval.extract.text import parse_text
from selfeval.extract.text.layout_empty import RowsAround, empty_block_row
from tests.conftest import ROOT, VALIDATION, layout_form

_DUMPS = ROOT / "samples" / "dumps"
_VARIANTS = ROOT / "samples" / "dumps_variants"


def _empty_rows(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    return [r for r in rows if r["level3"] is None]


def _check(dump: Path, golden: Path) -> None:
    """Every form of ``dump`` whose golden keeps an empty block's row reads its whole
    grid as the golden does, with no note on an empty block."""
    wants = json.loads(golden.read_text("utf-8"))
    wants = wants if isinstance(wants, list) else [wants]
    forms = parse_text(dump.read_text("utf-8"))
    checked = 0
    for form, want in zip(forms, wants, strict=True):
        if not _empty_rows(want["indicators"]):
            continue
        got = form.to_dict()["indicators"]
        fields = list(got[0])
        assert [{k: r[k] for k in fields} for r in want["indicators"]] == got
        assert not [n for n in form.notes if "empty block" in n.message]
        checked += 1
    assert checked


_CORPUS = [
    "2022-anhui-guichi-cunji-buzhu-docx",
    "2022-anhui-guichi-cunji-buzhu-draw",
    "2023-anhui-xiaoxian-tezhong-zhongyang-draw",
    "err-total-weight-2023-anhui-xiaoxian-tezhong-zhongyang-docx",
]


@pytest.mark.parametrize("stem", _CORPUS)
def test_empty_block_between_rows_read_as_the_golden(stem: str) -> None:
    """经济效益指标 / 生态效益指标 alone on their lines, the rows above and below under other
    level-2 labels; the level-1 label is the block's the vocabulary puts the name in (the
    row below's, (30分), not 成本指标's (50分) above)."""
    _check(_DUMPS / f"{stem}.layout.txt", ROOT / "golden" / f"{stem}.json")


@pytest.mark.parametrize("variant", ["fixed3", "fixed3-nopgbrk"])
@pytest.mark.parametrize("stem", _CORPUS)
def test_empty_block_read_in_the_variant_dumps(variant: str, stem: str) -> None:
    _check(_VARIANTS / variant / f"{stem}.layout.txt", ROOT / "golden" / f"{stem}.json")


@pytest.mark.parametrize("name", ["bundle", "real016_docx"])
def test_empty_block_read_in_the_validation_pdfs(name: str) -> None:
    _check(VALIDATION / f"{name}.layout.txt", VALIDATION / f"{name}.golden.json")


def test_label_beside_text_of_no_row_is_named() -> None:
    """经济效益指标 alone on its line, and right below it a line holding / / under 分值 and
    得分: a row whose 得分 was not read? No empty row is made of the label, and its loss is
    said."""
    (form,) = parse_text(
        layout_form(
            ("", "数量指标", "培训人数", "≥100人", "120人", "30", "30"),
            ("产出指标", "质量指标", "合格率", "100%", "100%", "30", "30"),
            ("", "成本指标", "单位成本", "≤5元", "4元", "20", "20"),
            ("效益指标", "经济效益指标"),
            ("", "", "", "", "", "/", "/"),
            ("", "社会效益指标", "群众满意度", "≥90%", "95%", "20", "20"),
        )
    )
    assert not _empty_rows(form.to_dict()["indicators"])
    assert [n for n in form.notes if "empty block's label ('经济效益指标')" in n.message]
    assert not form.complete


def test_label_of_a_row_printing_slashes_is_no_empty_row() -> None:
    """生态效益指标's row prints / for 分值 and 得分, its name's lines right below the label:
    the label is that row's, never an empty block's; the row is read as the golden has it or
    its loss is said (its …… row, under the same label, is the golden's next row)."""
    stem = "2022-anhui-tianchang-shuihan-fangyu-draw"
    (form,) = parse_text((_DUMPS / f"{stem}.layout.txt").read_text("utf-8"))
    (want,) = json.loads((ROOT / "golden" / f"{stem}.json").read_text("utf-8"))
    rows = form.to_dict()["indicators"]
    assert not _empty_rows(rows)
    (golden_row,) = [
        r for r in want["indicators"] if r["level3"] == "指标1:" and r["weight"] == "/"
    ]
    (golden_dots,) = [
        r for r in want["indicators"] if r["level3"] == "……" and r["level2"] == "生态效益指标"
    ]
    read = [r for r in rows if r["level2"] == "生态效益指标"]
    said = [n for n in form.notes if "empty block's label ('生态效益指标')" in n.message]
    assert read == [{k: g[k] for k in rows[0]} for g in (golden_row, golden_dots)] or (
        not read and said
    )


def _around(taken: set[int], level1: list[str | None], level2: list[str | None]) -> RowsAround:
    """Two rows read for certain, lines 1-3 and 8-10, an empty block's label between."""
    return RowsAround([(1, 3), (8, 10)], [True, True], {"level1": level1, "level2": level2}, taken)


_LEVELS = ["level1", "level2"]


def test_empty_row_by_the_vocabulary_of_the_rows_around() -> None:
    around = _around({1, 2, 3, 8, 9, 10}, ["(50分)", "(30分)"], ["成本指标", "社会效益指标"])
    got = empty_block_row([5, 6], None, "经济效益指标", _LEVELS, around)
    assert isinstance(got, Indicator)
    assert (got.level1.text, got.level2.text, got.level3.text, got.score.text) == (
        "(30分)",
        "经济效益指标",
        None,
        None,
    )


@pytest.mark.parametrize(
    ("taken", "level1", "level2", "read"),
    [
        # a value column's text between the rows: a row's whose 得分 was not read?
        ({1, 2, 3, 7, 8}, ["(50分)", "(30分)"], ["成本指标", "社会效益指标"], None),
        # the row below has the label's own name: its label, not an empty block's
        ({1, 8}, ["(50分)", "(30分)"], ["成本指标", "经济效益指标"], None),
        # the row below's level-2 label not known
        ({1, 8}, ["(50分)", "(30分)"], ["成本指标", None], None),
        # both blocks may hold it: which one's is it?
        ({1, 8}, ["(30分)", "(10分)"], ["社会效益指标", "可持续影响指标"], None),
        # the level-1 readings give the other block
        ({1, 8}, ["(50分)", "(30分)"], ["成本指标", "社会效益指标"], "(50分)"),
    ],
)
def test_empty_row_not_certain_is_named(
    taken: set[int], level1: list[str | None], level2: list[str | None], read: str | None
) -> None:
    got = empty_block_row([5, 6], read, "经济效益指标", _LEVELS, _around(taken, level1, level2))
    assert isinstance(got, str) and "经济效益指标" in got


def test_label_no_vocabulary_name_is_left_as_before() -> None:
    around = _around({1, 8}, ["(50分)", "(30分)"], ["成本指标", "社会效益指标"])
    assert empty_block_row([5, 6], None, "其他指标", _LEVELS, around) is None
