"""Header fields of row-ordered text dumps (pdftotext -raw, default; ``extract.text.form``): a
value is its label's only when nothing says it is another's."""

from __future__ import annotations

from selfeval.extract.text import parse_text
from tests.conftest import ROOT

_RAW = "err-full-score-unmet-2022-ningxia-yuanzhou-nongji-tuiguang-xlsx.raw.txt"


def test_a_label_ending_its_line_does_not_take_the_next_rows_first_cell() -> None:
    """实施单位 ends its line; the next line is 杨勃兴 联系电话 0954-2036517, the row of a
    项目负责人 label the dump printed elsewhere: 杨勃兴 is not the implementer."""
    (form, *_) = parse_text((ROOT / "samples" / "dumps" / _RAW).read_text("utf-8"))
    assert form.implementer.empty
    assert form.department.text == "固原市原州区农业农村局"
    assert any(
        n.message == "header implementer: value not placed with certainty" for n in form.notes
    )


def test_a_label_ending_its_line_keeps_a_value_alone_on_the_next() -> None:
    text = "项目支出绩效自评表\n项目名称\n甲项目\n主管部门 某局 实施单位 某中心\n"
    (form,) = parse_text(text)
    assert (form.project_name.text, form.implementer.text) == ("甲项目", "某中心")


def test_a_value_whose_lines_stand_apart_is_two_cells() -> None:
    """pdftotext's default order: 实施单位 / 219001-…镇人民政府 / (blank) / 汪志刚 / 联系电话. The
    name after the blank line is another block (the manager's): not the implementer's tail."""
    dump = ROOT / "samples" / "dumps" / "2022-anhui-guichi-cunji-buzhu-docx.default.txt"
    (form, *_) = parse_text(dump.read_text("utf-8"))
    assert form.implementer.empty
    assert any(
        n.message == "header implementer: value not placed with certainty" for n in form.notes
    )


def test_a_value_wrapped_on_the_next_line_is_joined() -> None:
    text = (
        "项目支出绩效自评表\n项目名称 某某县二〇二三年农村公路养护及安全生命防护工程\n"
        "建设补助项目\n主管部门 某局\n"
    )
    (form,) = parse_text(text)
    assert form.project_name.text == "某某县二〇二三年农村公路养护及安全生命防护工程建设补助项目"
