"""The grid header of Chromium prints with Noto CJK fonts (issue 14, the noto class).

pdftotext places a wrapped header name's second line by what stands left of it on that line,
so it may stand right of its first (度量单 / 位 ten places right, 指标 / 性质 under 指标值);
on each line the names' pieces still keep the names' order, and the header is read by that
order when it is the one way to cut the pieces into names. The excerpts in
tests/data/noto/headers.txt come from Chromium+Noto prints of samples/originals/<form>.html.
"""

from __future__ import annotations

from pathlib import Path

from selfeval.extract.record import INDICATOR_FIELDS
from selfeval.extract.text.columns import header_block, is_layout_header
from selfeval.extract.text.dump_lines import DumpLine
from selfeval.extract.text.layout_tokens import LayoutColumn, header_columns

DATA = Path(__file__).parent / "data" / "noto" / "headers.txt"


def _headers() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    name = ""
    for line in DATA.read_text("utf-8").splitlines():
        if line.startswith("#"):
            continue
        if line.startswith("== "):
            name = line[3:]
            out[name] = []
        else:
            out[name].append(line)
    return out


HEADERS = _headers()
SPLIT_TARGET = [
    "level1",
    "level2",
    "level3",
    "target.op",
    "target.value",
    "target.unit",
    "actual",
    "weight",
    "score",
    "deviation",
]
ONE_TARGET = ["level1", "level2", "level3", "target", "actual", "weight", "score", "deviation"]


def _columns(name: str) -> list[LayoutColumn]:
    columns = header_columns(HEADERS[name])
    assert columns is not None
    return columns


def _roles(name: str) -> list[str]:
    return [c.role for c in _columns(name) if c.role]


def _at(name: str, role: str) -> tuple[int, int]:
    column = next(c for c in _columns(name) if c.role == role)
    return column.x0, column.x1


def test_a_second_line_standing_right_of_its_first_joins_it():
    name = "2020-hebei-cheng-an-gaoling-jintie-html (notosans9)"
    assert _roles(name) == SPLIT_TARGET
    # 性质 (at 20, under 指标值) completes 指标, which is then no group name; 位 (at 32,
    # under 分值) completes 度量单: each column stands where its first line does
    assert _at(name, "target.op") == (15, 17)
    assert _at(name, "target.unit") == (22, 25)
    assert _at(name, "weight") == (32, 34)
    assert _at(name, "deviation") == (38, 46)


def test_a_name_a_character_a_line_reads_top_to_bottom():
    # 指 / 标 / 性 / 质 on four lines, its main line's 标 four places left of the others
    name = "2020-hebei-cheng-an-gaoling-jintie-html (notosans11)"
    assert _roles(name) == SPLIT_TARGET
    assert _at(name, "target.op") == (14, 15)
    assert _at(name, "actual") == (24, 28)
    assert _at(name, "weight") == (29, 30)
    assert _at(name, "score") == (31, 32)


def test_second_lines_left_of_the_other_names_are_not_a_stacked_group():
    name = "2021-hubei-xianning-daqi-fangzhi-html.gbk (notosans11)"
    assert _roles(name) == ONE_TARGET
    assert _at(name, "level1") == (19, 22)
    assert _at(name, "level2") == (23, 26)
    assert _at(name, "score") == (63, 65)


def test_single_characters_a_space_apart_may_end_several_names():
    # 效 标 标: the group's 绩效 stacked left, then the ends of 一级指 and 二级指
    name = "2021-beijing-keji-xiezuo-zhongxin-html (notoserif10)"
    columns = _columns(name)
    assert columns[0].role is None and columns[0].x0 == 0
    assert _roles(name) == ONE_TARGET
    assert _at(name, "level2") == (6, 9)


def test_a_name_read_bottom_up_is_still_declined():
    # 得 printed a line below 分 (得分 cut by the line grouping): no cut into names
    assert header_columns(HEADERS["2021-hubei-xianning-daqi-fangzhi-html.flat (notosans9)"]) is None


def _block(name: str) -> list[str]:
    """The header lines ``header_block`` finds in an excerpt (its comment lines aside)."""
    text = (DATA.parent / name).read_text("utf-8")
    lines = [
        DumpLine(line, k, None)
        for k, line in enumerate(x for x in text.splitlines() if not x.startswith("#"))
    ]
    at = next(k for k, line in enumerate(lines) if is_layout_header(line.text))
    start, end = header_block(lines, at)
    return [line.text for line in lines[start:end]]


def test_a_menu_beside_the_grid_is_not_the_headers():
    block = _block("menu_beside_header.layout.txt")
    assert [line.split()[:2] for line in block] == [["一级指", "二级指"], ["通知公告", "标"]]
    assert _roles_of(block) == ONE_TARGET
    columns = header_columns(block)
    assert columns is not None
    assert [(c.x0, c.x1) for c in columns[:2]] == [(21, 24), (24, 28)]


def test_two_pieces_glued_into_one_word_are_cut_apart():
    block = _block("glued_header.layout.txt")
    assert [line[:4] for line in block] == ["绩 一级", "效标 标"]
    columns = header_columns(block)
    assert columns is not None
    # 绩 / 效: the group stacked left, a column of no role; 标 ends 一级指
    assert columns[0].role is None and (columns[0].x0, columns[0].x1) == (0, 1)
    assert _roles_of(block) == ONE_TARGET
    assert [(c.x0, c.x1) for c in columns[1:3]] == [(2, 5), (6, 9)]


def _roles_of(lines: list[str]) -> list[str]:
    columns = header_columns(lines)
    assert columns is not None
    return [c.role for c in columns if c.role]


def test_a_line_of_the_menu_alone_does_not_end_the_header():
    block = _block("menu_line_in_header.layout.txt")
    assert [line.split()[0] for line in block] == ["绩效指标", "一级指", "通知公告", "政策文件"]
    columns = header_columns(block)
    assert columns is not None
    assert [c.role for c in columns] == ONE_TARGET
    # 一级指 / 标 two lines apart, the menu's line between
    assert (columns[0].x0, columns[0].x1) == (25, 28)


def test_a_group_name_with_its_points_names_no_column():
    # 绩效指标(90分) on a line of its own (the menu's 自评结果公开 beside it)
    name = "2023-sichuan-guangan-xiangcun-jiaoshi-html.flat (notosans11)"
    assert [c.role for c in _columns(name)] == SPLIT_TARGET
    assert _at(name, "level1") == (19, 23)


def test_a_column_the_vocabulary_does_not_know_is_no_menu():
    # 序号 left of the names is a column, not a menu item: the header stays unread
    line = "序号   一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析"
    assert header_columns([line]) is None
    assert header_columns(["通知公告   " + line[5:]]) is not None


def test_a_wrapped_names_second_piece_may_skip_a_line_of_one_line_names() -> None:
    """keji-xiezuo printed by Chromium with WenQuanYi 10 pt: the wrapped names 一级指 / 标 and
    二级指 / 标 print on the header's first and third lines, the one-line names centred
    between them on the second (三级指标 … 得分), the group's 绩 / 效 at the left. A name's
    next piece may be on the line under a line whose next piece stands right of it (or that
    holds none left): read so, the header is one way to cut its pieces into names."""
    header = [
        "绩 一级指 二级指" + " " * 54 + "偏差原因分析及改进",
        " " * 12 + "三级指标          年度指标值          实际完成值      分值   得分",
        "效  标   标" + " " * 59 + "措施",
    ]
    columns = header_columns(header)
    assert columns is not None
    # (the group's column, then every field's, in the record's order)
    assert [c.role for c in columns] == [None, *INDICATOR_FIELDS]
    assert [(c.x0, c.x1) for c in columns[1:3]] == [(2, 5), (6, 9)]
