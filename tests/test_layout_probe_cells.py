"""Header cells of LibreOffice prints of the corpus forms' originals, dumped with
`pdftotext -layout` (a probe): a label's text is never inside a value, and a label cut over
lines with its characters spread (主 管 / … / 部 门) is one label, not its short form 部门; the
goals end where the grid's header begins, letter-spaced (二 级 / 年度指标值) too."""

from __future__ import annotations

import json
from typing import Any

from selfeval.extract.record import Form
from selfeval.extract.text import parse_text
from selfeval.extract.text.dump_lines import dump_lines
from selfeval.extract.text.layout_goals import read_layout_goals
from tests.conftest import GOLDEN, ROOT

DATA = ROOT / "tests" / "data" / "layout_probe"


def _golden(stem: str) -> dict[str, Any]:
    forms: list[dict[str, Any]] = json.loads((GOLDEN / f"{stem}.json").read_text("utf-8"))
    return forms[0]


def _read(dump: str) -> Form:
    (form, *_) = parse_text((DATA / f"{dump}.layout.txt").read_text("utf-8"))
    return form


def _header_notes(form: Form) -> list[str]:
    return [n.message for n in form.notes if n.section == "header"]


def test_a_value_a_label_runs_into_is_declined():
    """项目负责人 张永锋 王兰平 于秀娟 郑青 戴联系电话: the print clipped the last name where the
    label 联系电话 begins; the value is not read (never 戴联系电话), with a note."""
    form = _read("keji-xiezuo-ods-head")
    want = _golden("2021-beijing-keji-xiezuo-zhongxin-xlsx")
    assert form.managers.text is None
    assert form.complete is False
    assert any("项目负责人" in n and "runs into" in n for n in _header_notes(form))
    assert form.department.text == want["department"]
    assert form.implementer.text == want["implementer"]


def test_a_spread_label_cut_around_a_line_reads_its_whole_value():
    """主 管 北京市朝阳区司法 / … / 部 门 局: the cut label 主管部门 holds the value's two lines,
    not its bottom piece 部门 the last line alone (it read 局); 联 系 / … / 电 话 likewise."""
    form = _read("chaoyang-spaced-docx-head")
    want = _golden("2022-beijing-chaoyang-falv-fuwu-docx")
    assert form.department.text == want["department"] == "北京市朝阳区司法局"
    assert form.phone.text == want["phone"]
    assert form.implementer.text == want["implementer"]


def test_the_goals_end_where_a_letter_spaced_grid_header_begins():
    """绩 一 / 效 级 二 级 三 级 指 … / 年度指标值 实际完成值: the header names no 三级指标 in one
    word, yet its line of whole column names ends the goals at the header's first line; they
    read as their golden (they held 一级 二 级 三 级 指年度指标值… before)."""
    text = (DATA / "chaoyang-spaced-docx-goals.layout.txt").read_text("utf-8")
    goals = read_layout_goals(dump_lines(text))
    want = _golden("2022-beijing-chaoyang-falv-fuwu-docx")["goals"]
    assert goals is not None
    assert goals.expected.text == want["expected"]
    assert goals.actual.text == want["actual"]
