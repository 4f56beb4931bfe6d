"""Header, goals and funds cells of default-mode and -raw dumps: read exactly or left out.

pdftotext's default mode prints a page's columns one after another, so a label's value is not
always the text after it; what cannot be told is named in a note, never guessed."""

from __future__ import annotations

import json

import selfeval.extract as extract
from tests.conftest import ROOT, SHARED_SEED

DUMPS = ROOT / "samples" / "dumps"


def _golden(stem: str) -> dict[str, object]:
    data = json.loads((ROOT / "golden" / f"{stem}.json").read_text(encoding="utf-8"))
    return data[0] if isinstance(data, list) else data


def test_a_value_a_blank_line_below_a_column_of_labels_is_not_taken() -> None:
    # 项目名称 / 主管部门 / 项目负责 / 人 stacked, then 实施单位 / (blank) / 张丽娟: 张丽娟 is the
    # 项目负责人's value, printed after the next column's label
    stem = "2020-hebei-cheng-an-gaoling-jintie-docx"
    form = extract.read(DUMPS / f"{stem}.default.txt")[0]
    assert form.implementer.text is None
    assert any(
        n.message == "header implementer: value not placed with certainty" for n in form.notes
    )
    assert not form.complete


def test_values_a_blank_line_below_labels_apart_are_still_read() -> None:
    # 项目名称 / (blank) / value / (blank) / 主管部门 / (blank) / value: no column of labels
    for stem in (
        "2021-beijing-keji-xiezuo-zhongxin-html",
        "2023-sichuan-qingshen-gongzi-zhichu-xlsx",
    ):
        form = extract.read(DUMPS / f"{stem}.default.txt")[0]
        assert form.project_name.text == _golden(stem)["project_name"], stem


def test_goal_cells_side_by_side_on_one_line_are_not_split_by_order() -> None:
    # …儿童用品等重 全年完成流通领域商品质量抽检312批次,…: both goal cells on one line
    stem = "err-recompute-2021-hebei-laoting-shangpin-jiance-html"
    form = extract.read(DUMPS / f"{stem}.default.txt")[0]
    assert form.goals.expected.text is None and form.goals.actual.text is None
    assert any("could not be split into 预期目标" in n.message for n in form.notes)


def test_a_space_inside_a_quotation_opened_lines_before_keeps_the_goals() -> None:
    # 以“检测与标 / 准技术引领 助力机床高质量发展”为主题: one cell's space, in the seed dump
    form = extract.read(SHARED_SEED)[0]
    assert form.goals.actual.text is not None and "引领 助力" in form.goals.actual.text


def test_goal_lines_that_may_alternate_between_the_cells_are_not_split() -> None:
    """hubei-xianning (pdftotext's default order): each baseline's two goal cells print as
    lines of their own, expected and actual in turn (…和空气质量 / 淘汰燃煤锅炉46台,… /
    自动监测站运维,… / .5年均浓度34微克/… / 方米,…87%以上。). Split into first and last
    lines, the expected goal took the actual one's lines: a wrong cell. Over four lines,
    with both cells read in turn ending a sentence, the split is not certain: noted, no
    goals. A form whose goals only one reading fits keeps them."""
    from selfeval.extract.text.form import _alternating_fits
    from selfeval.extract.text.pieces import line_pieces

    stem = "2021-hubei-xianning-daqi-fangzhi-html"
    form = extract.read(DUMPS / f"{stem}.default.txt")[0]
    assert form.goals.expected.text is None and form.goals.actual.text is None
    assert any("could not be split into 预期目标" in n.message for n in form.notes)

    def pieces(*lines: str) -> list:
        return [p for k, text in enumerate(lines) for p in line_pieces(text, k, page=1)]

    assert _alternating_fits(pieces("一、完成甲", "完成乙。", "二、完成丙。", "完成丁。"))
    # (read in turn, the second cell would end mid-sentence: one reading only)
    assert not _alternating_fits(pieces("一、完成甲，", "乙。二、", "完成丙。", "丁"))
    assert not _alternating_fits(pieces("完成甲。", "完成乙。", "完成丙。"))
