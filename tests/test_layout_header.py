"""The header fields of `pdftotext -layout` dumps (``extract.text.layout_header``): each rule
pinned on corpus and validation dumps against their goldens, and the doubtful ones declined
with a note, never guessed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selfeval.extract.text import parse_text
from selfeval.extract.text.dump_lines import dump_lines
from selfeval.extract.text.layout_header import read_layout_header
from tests.conftest import ROOT, SHARED

DUMPS = ROOT / "samples" / "dumps"
VARIANTS = ROOT / "samples" / "dumps_variants"
VALIDATION = SHARED / "validation" / "pdf"
FIELDS = ("project_name", "department", "implementer", "managers", "phone")


def _golden(dump: Path) -> dict[str, object]:
    return _goldens(dump)[0]


def _header(dump: Path) -> dict[str, object]:
    (form, *_) = parse_text(dump.read_text("utf-8"))
    return {k: v for k, v in form.to_dict().items() if k in FIELDS}


def _goldens(dump: Path) -> list[dict[str, object]]:
    stem = dump.name.split(".")[0]
    path = ROOT / "golden" / f"{stem}.json"
    if not path.exists():
        path = VALIDATION / f"{stem}.golden.json"
    golden = json.loads(path.read_text("utf-8"))
    return golden if isinstance(golden, list) else [golden]


@pytest.mark.parametrize(
    "dump",
    [
        # labels cut around their value's line (项目名 / … / 称), values cut around the line
        # of the next pair (北京市朝阳区司法 / 实施单位 … / 局)
        DUMPS / "2022-beijing-chaoyang-falv-fuwu-docx.layout.txt",
        # a value centred on its label's line (219-…棠溪镇人 / 主管部门 / 民政府); the pieces it
        # takes are no longer in doubt for the rows around it (项目名称, 项目负责人)
        DUMPS / "2022-anhui-guichi-cunji-buzhu-xlsx.layout.txt",
        DUMPS / "2023-zhejiang-yuhang-lvhua-yanghu-docx.layout.txt",
        # labels spread letter by letter (项     目   名   称), 实施单位 (盖章) with its mark
        DUMPS / "2024-sichuan-meishan-nongcun-gonglu-draw.layout.txt",
        # a label one space from its value and from the next label
        DUMPS / "2021-hebei-laoting-shangpin-jiance-draw.layout.txt",
        # 实施单位 (盖 / 章) cut around its value's line, its mark cut too
        DUMPS / "2023-sichuan-guangan-xiangcun-jiaoshi-docx.layout.txt",
        # a label over its value's line, its mark below (实施单位 / … / (盖章))
        DUMPS / "2023-sichuan-qingshen-gongzi-zhichu-xlsx.layout.txt",
        # the funds header right below the last pair (its names one space apart) is not a
        # line of its value
        VALIDATION / "seed_html_noto.layout.txt",
        # people's names listed a space apart over lines, each whole on its line (张永锋 王兰平
        # 于秀娟 郑青 / 戴旭峰): the break stands where a space stood
        DUMPS / "2021-beijing-keji-xiezuo-zhongxin-draw.layout.txt",
        DUMPS / "2021-beijing-keji-xiezuo-zhongxin-xlsx.layout.txt",
    ],
    ids=lambda p: p.name,
)
def test_header_fields_are_read_exactly(dump: Path) -> None:
    want = {k: v for k, v in _golden(dump).items() if k in FIELDS}
    assert _header(dump) == want


def test_names_listed_over_lines_are_declined_with_a_note() -> None:
    """张永锋 王兰平 于秀娟 郑 / 青 戴旭峰: the line breaks inside a name (a piece of one
    character); the pieces are the field's (the fields around it read), their join is not
    certain."""
    dump = DUMPS / "2021-beijing-keji-xiezuo-zhongxin-docx.layout.txt"
    (form,) = parse_text(dump.read_text("utf-8"))
    assert form.managers.empty
    assert "-layout header: 项目负责人: it lists words a space apart over lines" in [
        n.message for n in form.notes
    ]
    assert form.complete is False
    want = _golden(dump)
    assert _header(dump) == {k: want[k] for k in FIELDS if k != "managers"} | {"managers": None}


_TOP_ALIGNED = """\
项目名称   甲项目
主管部门   某某县农业农村      实施单位   某某县农技站
           局
项目负责人  张三               联系电话   12345678
"""


def test_a_value_that_runs_on_below_only_is_declined() -> None:
    """A value whose second line stands below its label's line and none above: the table is
    not centred, and the line may as well be another row's."""
    found = {f.field: f for f in read_layout_header(dump_lines(_TOP_ALIGNED))}
    for field in ("department", "managers"):  # (局 may be either's)
        assert found[field].value is None
        assert found[field].doubt == "its lines do not pair up around its label"
    assert (found["project_name"].value, found["implementer"].value) == ("甲项目", "某某县农技站")
    assert found["phone"].value == "12345678"


_SHARED_PIECE = """\
项目名称   甲项目
           某某县农业
主管部门   农村局                实施单位   某某县农技站
           某某县
项目负责人  张三                 联系电话   12345678
           李四
"""


def test_a_piece_two_values_could_own_is_neither_s() -> None:
    """某某县 may end 主管部门's value (centred on its line: 某某县农业 / 农村局 / 某某县) or
    start 项目负责人's (某某县 / 张三 / 李四): neither is read."""
    found = {f.field: f for f in read_layout_header(dump_lines(_SHARED_PIECE))}
    for field in ("department", "managers"):
        assert found[field].value is None
        assert found[field].doubt == "a line of it may be another label's value"
    assert (found["implementer"].value, found["phone"].value) == ("某某县农技站", "12345678")


@pytest.mark.parametrize("mode", ["fixed3", "fixed3-nopgbrk"])
def test_no_header_field_of_a_variant_dump_is_wrong(mode: str) -> None:
    """Dumps made with other pdftotext options: every field read is the golden's."""
    read = 0
    for dump in sorted((VARIANTS / mode).glob("*.layout.txt")):
        forms = parse_text(dump.read_text("utf-8"))
        for form, want in zip(forms, _goldens(dump), strict=False):
            for field in FIELDS:
                value = form.to_dict()[field]
                if value is not None:
                    assert value == want[field], (dump.name, field)
                    read += 1
    assert read >= 200  # of 257 filled in the goldens (measured: 204)


def test_a_numbered_heading_over_the_goals_ends_the_header() -> None:
    """1.项目年度目标完成情况 under the last pair (主管部门 … 实施单位) stands in its value's
    band: it ends the header, it is no piece of 主管部门's value."""
    dump = VALIDATION / "real001_html.layout.txt"
    want = _golden(dump)
    assert _header(dump)["department"] == want["department"] == "青神县发展和改革局本级"


@pytest.mark.parametrize("mode", ["fixed3", "fixed3-nopgbrk"])
@pytest.mark.parametrize(
    "stem",
    [
        # people's names spread over their cell (陈晓燕        孙立群): one list, the names
        # the list's own (主管部门 above them reads its value alone)
        "2022-beijing-chaoyang-falv-fuwu-xlsx",
        "2022-beijing-chaoyang-falv-fuwu-docx",
        # such a line of names above the label's line, one below (张永锋   王兰平 … 郑青 /
        # 项目负责人 / 戴旭峰)
        "2021-beijing-keji-xiezuo-zhongxin-draw",
        # a label's mark printed places apart (实施单位          (盖章)): the label's
        "2024-sichuan-meishan-nongcun-gonglu-draw",
        "2023-sichuan-guangan-xiangcun-jiaoshi-docx",
    ],
)
def test_header_fields_of_a_coarser_grid_are_read_exactly(mode: str, stem: str) -> None:
    dump = VARIANTS / mode / f"{stem}.layout.txt"
    want = {k: v for k, v in _golden(dump).items() if k in FIELDS}
    assert _header(dump) == want
