"""-raw and default dumps of prints made outside the corpus (issue 14's precision on them):
the dumps in tests/data/raw_prints/ are `pdftotext -raw` of a headless-Chromium print (Noto
Sans CJK 9 pt) of samples/originals' 2022-ningxia-yuanzhou-nongji-tuiguang-html.html, and of
LibreOffice prints of the bundle's .xls (-raw) and keji-xiezuo's .ods (default order);
cheng-an-flat-notosans10top is `pdftotext -raw` of a Chromium print (Noto Sans 10 pt, cells
set at their tops) of 2020-hebei-cheng-an-gaoling-jintie-html.flat.html."""

from __future__ import annotations

import json
from pathlib import Path

from selfeval.extract.text import parse_text
from tests.conftest import GOLDEN, SAMPLES

DATA = Path(__file__).parent / "data" / "raw_prints"


def test_a_names_first_line_is_no_reason_of_a_row_that_lost_no_points() -> None:
    """ningxia (weight printed first: ★培育农业科技示 / 范主体 9 300个 300个 9): the name's
    first line stands alone before the row's line. Read as the previous row's reason, it
    cut 范主体, 推技术 and 培训 off their names (three wrong rows), though that row lost no
    points (9 of 9). Text before a row's name that ends no sentence, after a row that lost
    no points, leaves the cut in doubt: no row is given from a grid so read (noted)."""
    (form, *_) = parse_text((DATA / "ningxia-notosans9.raw.txt").read_text("utf-8"))
    golden = json.loads(
        (GOLDEN / "2022-ningxia-yuanzhou-nongji-tuiguang-html.json").read_text("utf-8")
    )[0]["indicators"]
    names = {r["level3"] for r in golden}
    got = [r.to_dict() for r in form.indicators]
    assert all(r["level3"] in names for r in got)
    assert not {"范主体", "推技术", "培训"} & {r["level3"] for r in got}
    assert not form.complete and any("none is given" in n.message for n in form.notes)


def test_a_reason_ending_a_sentence_stays_a_reason() -> None:
    """jishan (-raw, Word): 指标3's reason 结合疫情防控宣传增加讲座场次,…下一年度据实调整。
    is printed though the row lost no points; it ends a sentence, as no name does: kept."""
    stem = "2021-shanxi-jishan-jiben-gongwei-docx"
    (form, *_) = parse_text((SAMPLES / "dumps" / f"{stem}.raw.txt").read_text("utf-8"))
    reasons = {r.level3.text: r.deviation.text for r in form.indicators}
    assert reasons["指标3:举办健康教育知识讲座"] == (
        "结合疫情防控宣传增加讲座场次,目标值设定偏低,下一年度据实调整。"
    )


def test_a_header_value_runs_into_no_label_cut_short() -> None:
    """The bundle's third form, printed by LibreOffice from its .xls (-raw): 实施单位
    原州区农业技术推广服 / 项目负责杨勃兴 联系电话 …: the cell clipped its text and the next
    label (项目负责人) lost its 人. Read as one wrapped value, 项目负责 and the manager's name
    ran into the implementer. A value line opening with a label's first four characters
    or more is another field's: the implementer is not placed (noted)."""
    forms = parse_text((DATA / "bundle-xls-libreoffice.raw.txt").read_text("utf-8"))
    form = forms[2]
    assert form.implementer.text is None
    assert any(
        n.message == "header implementer: value not placed with certainty" for n in form.notes
    )
    assert form.phone.text == "0954-2036517"


def test_goal_lines_with_the_blocks_label_among_them_are_not_split() -> None:
    """keji-xiezuo's .ods printed by LibreOffice, default order: the goal cells' first lines
    alternate, and the block's label prints among them run into a goal's numbered item
    (年度总体目标 8.搭建…). Split into first and last lines, the actual value took the
    label and the wrong lines; such goals are now noted and not placed."""
    (form, *_) = parse_text((DATA / "keji-ods-libreoffice.default.txt").read_text("utf-8"))
    assert form.goals.expected.text is None and form.goals.actual.text is None
    assert any("could not be split into 预期目标" in n.message for n in form.notes)


def test_a_name_holding_labels_or_a_target_run_into_it_is_left_out() -> None:
    """cheng-an flat (Chromium, -raw): the dump runs a row's cells together with no space
    (满意度指标服务对象满意度指标享受高龄津贴对象满意度≥ 95 % 100% 10 10; 符合条件申报对象覆盖率≥
    98 %). The names took the row's labels, or the target's sign and number, and the row
    under the unread labels kept the labels before them (效益指标 / 可持续影响指标). Such a
    name now leaves its row out (noted), and the rows after it lose the labels carried on;
    every row read is the golden's."""
    (form, *_) = parse_text((DATA / "cheng-an-flat-notosans10top.raw.txt").read_text("utf-8"))
    golden = json.loads(
        (GOLDEN / "2020-hebei-cheng-an-gaoling-jintie-html.json").read_text("utf-8")
    )[0]["indicators"]
    got = [r.to_dict() for r in form.indicators]
    keys = ("level1", "level2", "level3", "target", "actual", "weight", "score")
    want = [{k: r[k] for k in keys} for r in golden]
    assert got and all({k: r[k] for k in keys} in want for r in got)
    notes = [n.message for n in form.notes]
    assert any("its name opens with a level label run into it" in n for n in notes)
    assert any("its name ends with a target's sign and number" in n for n in notes)
