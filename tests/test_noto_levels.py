"""Level labels in -layout dumps of Chromium prints with a Noto CJK font (the "noto class").

The dumps in tests/data/noto come from headless Chromium prints, with Noto Sans CJK, of
samples/originals/err-recompute-2021-hebei-laoting-shangpin-jiance-html.html (9 pt,
``laoting-notosans9``) and samples/originals/2022-ningxia-yuanzhou-nongji-tuiguang-html.html
(8 pt in a narrow page, ``ningxia-notosans8narrow``), dumped by ``pdftotext -layout``. The
font's glyphs are Type 3, whose inflated size makes pdftotext group a merged label's lines
apart from its rows' (服务对象 / 满意度指 / 标 printed above the one line of its row), so
no label reading centres every label: the rows are read by the labels' bands instead, and
every row so read matches the golden exactly; the rows the bands leave ambiguous stay out.
"""

from __future__ import annotations

import json
from typing import Any

from golden.score import score_file
from selfeval.extract.text import parse_text
from selfeval.extract.text.columns import (
    _cells_doubt,
    _pieces_run_together,
    _signs_in_level3,
    _stray_levels,
    _weights_in_score,
)
from selfeval.extract.text.layout_labels import _parent_printed, completed_label
from selfeval.extract.text.layout_tokens import LayoutColumn, Token
from tests.conftest import GOLDEN, ROOT

NOTO = ROOT / "tests" / "data" / "noto"


def _read(dump: str, stem: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    forms = parse_text((NOTO / dump).read_text("utf-8"))
    golden: list[dict[str, Any]] = json.loads((GOLDEN / f"{stem}.json").read_text("utf-8"))
    return [f.to_dict() for f in forms], golden


def _names(form: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(r["level1"], r["level2"], r["level3"]) for r in form["indicators"]]


def _messages(form: dict[str, Any]) -> list[str]:
    return [n["message"] for n in form["notes"]]


def test_a_label_printed_above_its_row_is_read_by_its_band() -> None:
    got, want = _read(
        "laoting-notosans9.layout.txt", "err-recompute-2021-hebei-laoting-shangpin-jiance-html"
    )
    score = score_file(got, want, "laoting-notosans9")
    assert (score.emitted_rows, score.exact_rows, score.wrong_rows) == (7, 7, 0)
    assert score.wrong_cells == 0
    assert _names(got[0]) == [
        ("产出指标", "数量指标", "商品质量抽检批次"),
        ("产出指标", "质量指标", "检测报告出具合规率"),
        ("产出指标", "时效指标", "抽检任务完成时限"),
        ("产出指标", "成本指标", "单批次平均检测费用"),
        ("效益指标", "社会效益指标", "消费环境安全水平"),
        ("效益指标", "可持续影响指标", "可持续"),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度"),
    ]
    # 数量指标 (one line) may cover the two rows after its first or not: they stay out
    assert [m for m in _messages(got[0]) if "level label" in m] == [
        "-layout grid: row 2: its level label is not known; left out",
        "-layout grid: row 3: its level label is not known; left out",
    ]


def test_level1_labels_by_bands_and_parents() -> None:
    got, want = _read(
        "ningxia-notosans8narrow.layout.txt", "2022-ningxia-yuanzhou-nongji-tuiguang-html"
    )
    score = score_file(got, want, "ningxia-notosans8narrow")
    assert (score.emitted_rows, score.exact_rows, score.wrong_rows) == (6, 6, 0)
    assert score.wrong_cells == 0
    assert _names(got[0]) == [
        ("产出指标", "质量指标", "主推技术到位率"),
        ("产出指标", "时效指标", "项目完成时间"),
        ("效益指标", "经济效益指标", "示范主体亩均增收"),
        ("效益指标", "社会效益指标", "带动周边农户应用新技术"),
        ("效益指标", "可持续影响指标", "农技推广服务能力"),
        ("满意度指标", "服务对象满意度指标", "示范主体满意度"),
    ]
    # the fourth row may stand under 数量指标 or 质量指标; the first three are cut apart
    # wrongly by the dump's grouping (not level labels) and stay out too
    assert "-layout grid: row 4: its level label is not known; left out" in _messages(got[0])


def test_a_wrapped_labels_next_line_a_place_off_its_column_joins_it() -> None:
    """notosans11 print of 2023-zhejiang-yuhang-lvhua-yanghu-html.flat.html, a label on
    each row: -layout prints 度指标 a place left of 服务对象满意 (`满意度 服务对象满意` /
    `指标 度指标`), between the level columns; it joins the level-2 label above into a
    name the vocabulary knows, the level-1 one (满意度 + 度指标) into none."""
    columns = [
        LayoutColumn("level1", 18, 22),
        LayoutColumn("level2", 24, 30),
        LayoutColumn("level3", 36, 44),
    ]
    level1 = [Token("满意度", 0, 18, 21), Token("指标", 1, 18, 20)]
    level2 = [Token("服务对象满意", 0, 24, 30)]
    piece = Token("度指标", 1, 23, 26)
    by_col = {"level1": list(level1), "level2": list(level2)}
    assert completed_label(piece, by_col) == "level2"
    assert _stray_levels([piece], by_col, columns) == []
    assert by_col["level2"] == [*level2, piece]
    # (a piece that would complete a name in both columns, or in none, stays unsure)
    assert completed_label(Token("指标", 1, 23, 25), {"level2": list(level2)}) is None
    assert completed_label(Token("度指标", 1, 28, 31), {"level2": list(level2)}) is None


def test_a_level1_label_the_vocabulary_rules_out_is_moved_only_a_row_across() -> None:
    """A level-1 label the centres put on a row whose level-2 name the vocabulary does not
    let stand under it: the row takes its other neighbour's label when that is the one the
    vocabulary lets (the boundary between two blocks a row off), else it has none."""
    twos = ["数量指标", "时效指标", "成本指标", "社会效益指标"]
    misled = ["产出指标", "产出指标", "效益指标", "效益指标"]
    readings = {tuple(misled)}
    assert _parent_printed(misled, twos, readings) == ["产出指标"] * 3 + ["效益指标"]
    # (two rows off: the row beside the misled one is misled too, no boundary to move)
    two_off = ["产出指标", "效益指标", "效益指标", "效益指标"]
    assert _parent_printed(two_off, twos, {tuple(two_off)})[1:3] == [None, None]
    # (the misled label is no neighbour's: not a boundary a row off)
    far = ["产出指标", "产出指标", "满意度指标", "效益指标"]
    assert _parent_printed(far, twos, {tuple(far)})[2] is None
    # (the row after the misled one has no label: no boundary to move)
    last = ["产出指标", "产出指标", "效益指标", None]
    assert _parent_printed(last, twos, {tuple(last)})[2] is None


def test_a_level_label_of_two_pieces_one_space_apart_is_not_kept() -> None:
    """服务对象满意度指 标: pdftotext ran a label's last character into the piece before, one
    space apart; a label printed letter-spaced (满 意 度 指标, real019's sheet) keeps its
    spaces as printed."""
    assert _pieces_run_together("服务对象满意度指 标")
    assert _pieces_run_together("服务对象 满意度指标")
    assert not _pieces_run_together("满 意 度 指标")
    assert not _pieces_run_together("满意度指标")
    assert not _pieces_run_together("产出指标(50 分)")  # (no two Chinese characters)


def test_a_lone_sign_taken_by_the_names_column_goes_to_the_sign_column() -> None:
    by_col = {"level3": [Token("享受津贴百岁老人人", 1, 33, 42), Token("≥", 2, 43, 44)]}
    by_col["level3"] += [Token("定性", 3, 33, 35)]  # (a name's wrapped piece: kept)
    _signs_in_level3(by_col, ["level3", "target.op", "target.value"])
    assert [t.text for t in by_col["level3"]] == ["享受津贴百岁老人人", "定性"]
    assert [t.text for t in by_col["target.op"]] == ["≥"]
    kept = {"level3": [Token("≥", 2, 43, 44)]}
    _signs_in_level3(kept, ["level3", "target", "actual"])  # (no sign column)
    assert [t.text for t in kept["level3"]] == ["≥"]


def test_two_numbers_in_the_score_column_are_its_weight_and_score() -> None:
    """A header crowded left of its body's places (分值 得分 over 8 … 8): both numbers of a
    row's line fall in the 得分 column, the 分值 column holding nothing there. A row prints
    its 分值 then its 得分, so the left one is the 分值."""
    roles = ["level3", "actual", "weight", "score", "deviation"]
    by_col = {"score": [Token("8", 1, 71, 72), Token("6.38", 1, 79, 83), Token("7", 2, 71, 72)]}
    by_col["score"] += [Token("7", 2, 79, 80), Token("9", 3, 79, 80)]
    by_col["weight"] = [Token("9", 3, 70, 71)]
    _weights_in_score(by_col, roles)
    assert [(t.line, t.text) for t in by_col["weight"]] == [(1, "8"), (2, "7"), (3, "9")]
    assert [(t.line, t.text) for t in by_col["score"]] == [(1, "6.38"), (2, "7"), (3, "9")]
    # (a word among them, or no 分值 column left of the 得分's: nothing moves)
    words = {"score": [Token("未完成", 1, 71, 74), Token("7", 1, 79, 80)]}
    _weights_in_score(words, roles)
    assert "weight" not in words
    apart = {"score": [Token("8", 1, 71, 72), Token("8", 1, 79, 80)]}
    _weights_in_score(apart, ["level3", "weight", "actual", "score"])
    assert "weight" not in apart


def test_a_name_holding_a_sign_one_space_on_is_left_out() -> None:
    cells = {"level3": "指标1:村庄生活垃圾无害化 ≥90% 92%处理率", "target": "", "actual": ""}
    assert _cells_doubt(cells, None) == "its level-3 name holds a target's sign one space on"
    assert _cells_doubt({"level3": "PM2.5≥37", "weight": "10", "score": "10"}, None) is None
