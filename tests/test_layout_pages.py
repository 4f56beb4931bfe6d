"""-layout pages that print no grid header, read by the order of their cells' blocks
(extract/text/layout_pages.py): each mechanism on real dumps of both sets, never a wrong row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import selfeval.extract as extract
from golden.score import Score, score_file, squashed, validation_golden
from selfeval.extract.text.columns import _label_piece, _letter_spaced, _token_part
from selfeval.extract.text.layout_pages import blocks, by_order
from selfeval.extract.text.layout_tokens import Token, tokens
from selfeval.extract.text.layout_vertical import stacked_labels, without_group_rest
from tests.conftest import GOLDEN, SAMPLES, VALIDATION

#: The column roles of the forms' grid header, in print order.
ROLES = ["level1", "level2", "level3", "target", "actual", "weight", "score", "deviation"]

Row = dict[str, object]


def _page_tokens(path: Path, page: int) -> list[Token]:
    """The tokens of one page (form feeds apart, counted from 1) as the grid reader cuts them."""
    lines = path.read_text("utf-8").split("\f")[page - 1].split("\n")
    toks = [t for k, line in enumerate(lines) for t in tokens(line, k)]
    return _letter_spaced(stacked_labels(toks))


def _rows(path: Path, golden: list[Row], squash: bool) -> tuple[dict[str, Row], dict[str, Row]]:
    """The rows read from a -layout dump and its golden rows, by level-3 name."""
    got = [form.to_dict() for form in extract.read(path)]
    if squash:
        got, golden = [squashed(f) for f in got], [squashed(f) for f in golden]
    return (
        {str(r["level3"]): r for f in got for r in f["indicators"]},
        {str(r["level3"]): r for f in golden for r in f["indicators"]},
    )


def test_a_cells_lines_around_its_row_of_numbers_are_one_block() -> None:
    """seed_word, page 3: 央企应用场景推 / (the row's numbers) / 进 is one name's block, two
    lines apart with nothing over its place between. seed_html, page 4: 科技创新服务体系 /
    建设与服务能力 so goes to the level-3 column whole."""
    held = blocks(_page_tokens(VALIDATION / "seed_word.layout.txt", 3), _label_piece)
    name = next(b for b in held if any(t.text == "央企应用场景推" for t in b))
    assert [t.text for t in name] == ["央企应用场景推", "进"]
    got = by_order(_page_tokens(VALIDATION / "seed_html.layout.txt", 4), ROLES, _label_piece)
    assert got is not None
    level3 = [t.text for t in got.by_role["level3"]]
    assert level3[level3.index("科技创新服务体系") + 1] == "建设与服务能力"


def test_a_level_labels_pieces_go_by_the_names_they_join_into() -> None:
    """seed_html, page 4: 服务对象 / 满意度指 / 标 around their row's line join into a level-2
    name, 满意度 / 指标 beside them into a level-1 name; no line prints both."""
    got = by_order(_page_tokens(VALIDATION / "seed_html.layout.txt", 4), ROLES, _label_piece)
    assert got is not None
    assert [t.text for t in got.by_role["level2"]][-3:] == ["服务对象", "满意度指", "标"]
    assert [t.text for t in got.by_role["level1"]][-2:] == ["满意度", "指标"]


def test_a_block_bridging_two_columns_goes_to_none() -> None:
    """seed_form, page 3: 60%，征集、筛选应用场景项 2021年12月全部完 is the target's line and
    the actual value's one space apart. Printed as one text (the space an autospace might
    have set: 项 2021 年), it is one token over two columns' blocks, in doubt; as printed,
    the Chinese touching 2021 tells two texts (layout_tokens.ASYM_GAP), each placed."""
    page = (VALIDATION / "seed_form.layout.txt").read_text("utf-8").split("\f")[2]
    assert "筛选应用场景项 2021年12月全部完" in page
    spaced = page.replace("筛选应用场景项 2021年12月全部完", "筛选应用场景项 2021 年12月全部完")
    lines = spaced.split("\n")
    toks = _letter_spaced(
        stacked_labels([t for k, text in enumerate(lines) for t in tokens(text, k)])
    )
    got = by_order(toks, ROLES, _label_piece)
    assert got is not None
    assert any(t.text.startswith("60%，征集") for t in got.unsure)
    placed = [t.text for ts in got.by_role.values() for t in ts]
    assert not any(text.startswith("60%，征集") for text in placed)
    printed = by_order(_page_tokens(VALIDATION / "seed_form.layout.txt", 3), ROLES, _label_piece)
    assert printed is not None
    roles = {t.text: role for role, ts in printed.by_role.items() for t in ts}
    assert roles["60%，征集、筛选应用场景项"] == "target"
    assert roles["2021年12月全部完"] == "actual"


def test_an_overhanging_token_is_cut_at_its_single_spaces_when_each_part_is_placed() -> None:
    """lingling (spreadsheet): 6.51 陡,部分疫木清理推迟 is a 得分 and the deviation's line one
    space on, wider than the deviation's other lines: in doubt whole; cut at its space, each
    part goes to a column for certain (score, then deviation), so the cut is taken. The
    grid's 2021年4月20日前, wide too but holding no single space, is one text: it goes by
    the places of its columns' certain blocks (layout_places)."""
    lines = (SAMPLES / "dumps" / "2021-hunan-lingling-youhai-shengwu-xlsx.layout.txt").read_text(
        "utf-8"
    )
    body = lines.split("\n")
    start = next(k for k, line in enumerate(body) if "二级指标" in line) + 2
    end = next(k for k, line in enumerate(body) if "总分" in line)
    toks = [t for k, line in enumerate(body[start:end]) for t in tokens(line, k)]
    toks = _letter_spaced(stacked_labels(toks))
    whole = by_order(toks, ROLES, _label_piece)
    assert whole is not None
    assert "6.51 陡,部分疫木清理推迟" in [t.text for t in whole.unsure]
    got = by_order(toks, ROLES, _label_piece, _token_part)
    assert got is not None
    assert not got.unsure
    assert "2021年4月20日前" in [t.text for t in got.by_role["target"]]
    assert "2021年4月18日" in [t.text for t in got.by_role["actual"]]
    assert [t.text for t in got.by_role["score"]][:2] == ["8", "6.51"]
    deviation = [t.text for t in got.by_role["deviation"]]
    assert deviation[:3] == ["疫点分布零散、山高坡", "陡,部分疫木清理推迟", "至次年春季。"]


def test_numbers_and_text_go_by_their_order_on_the_line() -> None:
    """seed_form, page 3: every 分值 and 得分 the page prints is placed, in its own column,
    and no text goes to either."""
    toks = _page_tokens(VALIDATION / "seed_form.layout.txt", 3)
    got = by_order(toks, ROLES, _label_piece)
    assert got is not None
    score = ["1.5", "1", "2", "0.5", "1", "1", "1", "1", "1", "0.8", "10"]
    weight = ["2", "1", "2", "1", "1", "1", "1", "1", "1", "1", "10"]
    assert [t.text for t in got.by_role["score"]] == score
    assert [t.text for t in got.by_role["weight"]] == weight


@pytest.mark.parametrize(
    ("stem", "names"),
    [
        (
            "2021-beijing-keji-xiezuo-zhongxin-draw",
            ["央地协同效果", "中央在京机构的科技创新对全国科技发展的引领"],
        ),
        ("err-total-sum-2023-zhejiang-yuhang-lvhua-yanghu-xlsx", ["绿地养护市场化机制"]),
    ],
)
def test_corpus_rows_of_a_headerless_page_are_exact(stem: str, names: list[str]) -> None:
    """Rows on a page after the header page whose bands and slabs read no way: read by the
    order of the page's blocks, exactly as the golden has them."""
    golden = json.loads((GOLDEN / f"{stem}.json").read_text("utf-8"))
    got, want = _rows(SAMPLES / "dumps" / f"{stem}.layout.txt", golden, squash=False)
    for name in names:
        assert got[name] == want[name]


def test_validation_rows_of_a_headerless_page_are_exact() -> None:
    """seed_html (a browser's PDF), page 4: its rows come out exactly as the golden has them."""
    golden = validation_golden(VALIDATION / "seed_html.golden.json")
    got, want = _rows(VALIDATION / "seed_html.layout.txt", golden, squash=True)
    for name in ("央地协同效果", "促进央企科技创新与科技交流合作"):
        assert got[name] == want[name]


def test_no_layout_dump_of_either_set_has_a_wrong_row() -> None:
    total = Score()
    for path in sorted((SAMPLES / "dumps").glob("*.layout.txt")):
        want = json.loads((GOLDEN / f"{path.name.removesuffix('.layout.txt')}.json").read_text())
        got = [form.to_dict() for form in extract.read(path)]
        total.add(score_file(got, want, path.name))
    for path in sorted(VALIDATION.glob("*.layout.txt")):
        want = validation_golden(
            VALIDATION / f"{path.name.removesuffix('.layout.txt')}.golden.json"
        )
        got = [form.to_dict() for form in extract.read(path)]
        total.add(score_file(got, want, path.name, squash=True))
    assert total.wrong_rows == 0, [p for p in total.problems if "!=" in p][:3]
    assert total.exact_rows == total.emitted_rows


def test_a_group_name_stacked_down_the_edge_goes_to_no_column() -> None:
    """seed_form, page 4: 绩 / 效 / 指 / 标 a character a line down the grid's left edge (a
    line or three apart) is the group name: no column's, and the page still reads."""
    toks = _page_tokens(VALIDATION / "seed_form.layout.txt", 4)
    got = by_order(toks, ROLES, _label_piece)
    assert got is not None
    placed = [t.text for ts in got.by_role.values() for t in ts] + [t.text for t in got.unsure]
    assert "绩" not in placed and "效" not in placed
    assert [t.text for t in got.by_role["level2"]][:2] == ["社会效益指", "标"]


def test_a_level_name_of_either_level_goes_by_its_neighbour() -> None:
    """xiaoxian (a sheet), page 2: 满意 / 度指 / 标(10 / 分) joins into 满意度指标 (10分), a name
    of either level, and 服务对象 / 满意度指 / 标 beside it into a level-2 name: left of it on
    one line, the first is the level-1 label. Its row comes out exactly as the golden has it."""
    stem = "2023-anhui-xiaoxian-tezhong-zhongyang-xlsx"
    golden = json.loads((GOLDEN / f"{stem}.json").read_text("utf-8"))
    got, want = _rows(SAMPLES / "dumps" / f"{stem}.layout.txt", golden, squash=False)
    assert got["受益脱贫户满意度"] == want["受益脱贫户满意度"]


def test_a_row_of_slashes_leaves_the_page_readable() -> None:
    """tianchang (a sheet), page 2: 指标1: / / / / prints a slash in each value column of an
    empty row; a slash may stand in any value column, so the page still reads, the full
    rows' 分值 and 得分 placed and no slash in a level column."""
    path = SAMPLES / "dumps" / "2022-anhui-tianchang-shuihan-fangyu-xlsx.layout.txt"
    got = by_order(_page_tokens(path, 2), ROLES, _label_piece)
    assert got is not None
    assert [t.text for t in got.by_role["score"]][:4] == ["10", "10", "10", "10"]
    levels = got.by_role.get("level1", []) + got.by_role.get("level2", [])
    assert "/" not in [t.text for t in levels]


@pytest.mark.parametrize(
    ("path", "page"),
    [
        (VALIDATION / "seed_form.layout.txt", 3),
        (VALIDATION / "seed_html.layout.txt", 3),
        (SAMPLES / "dumps" / "2021-beijing-keji-xiezuo-zhongxin-docx.layout.txt", 3),
    ],
)
def test_a_name_of_either_level_goes_where_that_levels_labels_stand(path: Path, page: int) -> None:
    """成本指标 is a level-1 name and a level-2 one, and its line shows no label beside it; it
    stands over the places of the page's level-2 labels (时效指标) and of no level-1 label's,
    so it is a level-2 label, as the golden has it (产出指标 / 成本指标)."""
    got = by_order(_page_tokens(path, page), ROLES, _label_piece)
    assert got is not None
    level2 = "".join(t.text for t in got.by_role["level2"])
    assert "成本指标" in level2
    assert "成本" not in "".join(t.text for t in got.by_role.get("level1", []))


def test_a_lone_character_one_space_before_its_lines_text_is_that_texts() -> None:
    """seed_word, page 5: 院 502 所、华能清 is one line of the actual value's cell (中国铁塔、航天五
    / 院 502 所 …), cut by the tokens as a stacked label's character would be; the block stays
    whole and goes to the actual value's column."""
    got = by_order(_page_tokens(VALIDATION / "seed_word.layout.txt", 5), ROLES, _label_piece)
    assert got is not None
    actual = [t.text for t in got.by_role["actual"]]
    assert actual[actual.index("院") - 1 : actual.index("院") + 2] == [
        "中国铁塔、航天五",
        "院",
        "502 所、华能清",
    ]


def test_blocks_that_touch_are_not_ordered_by_their_places() -> None:
    """seed_html_noto, page 2: 势产业，面向前沿技 is set left on its compacted line (single
    spaces between the cells), so 术、产品 under it, the same cell's, touches its block
    instead of overlapping it; touching blocks say nothing of their order, and the page
    reads (it does not put 术、产品 right of its own cell)."""
    got = by_order(_page_tokens(VALIDATION / "seed_html_noto.layout.txt", 2), ROLES, _label_piece)
    assert got is not None
    assert "术、产品" not in [t.text for t in got.by_role.get("deviation", [])]


@pytest.mark.parametrize("name", ["bundle", "real019_xlsx"])
def test_a_page_footer_beside_a_label_is_no_cells_text(name: str) -> None:
    """A sheet's PDF prints 第 1 页，共 2 页 on the line of the page's last label (数量指标,
    a merged cell reaching the page's foot): the footer is blanked from the line, and no
    row is declined for its text."""
    forms = extract.read(VALIDATION / f"{name}.layout.txt")
    notes = [n.message for form in forms for n in form.notes]
    assert not any("页，共" in message for message in notes), notes


def test_runs_starts_keep_the_pages_order_of_columns() -> None:
    """seed_html_noto, page 2 (a Chromium print with Type 3 fonts: cells one space apart):
    tokens that start pdftotext's runs stand where their column's runs start, so the texts
    one space after a name go to the next column: every cell of the page's rows is placed,
    and each where its golden row has it."""
    got = by_order(_page_tokens(VALIDATION / "seed_html_noto.layout.txt", 2), ROLES, _label_piece)
    assert got is not None
    placed = {t.text: role for role, ts in got.by_role.items() for t in ts}
    assert placed["不低于2批次"] == "target"  # (one space after 新技术新产品（服)
    assert placed["（院）了解掌握北京"] == "target"
    assert placed["达到预期目标"] == "actual"
    assert placed["准确"] == "target"
    assert placed["沿技术发展系统信息"] == "actual"
    golden = validation_golden(VALIDATION / "seed_html_noto.golden.json")
    rows = [r for f in golden for r in f["indicators"]]
    for text, role in placed.items():
        if role in ("target", "actual", "level3"):
            key = text.replace(" ", "")
            assert any(key in str(r[role]).replace(" ", "") for r in rows), (text, role)


def test_a_group_names_rest_below_its_head_on_the_header_line_is_no_label() -> None:
    """A Chromium print's group name 绩 / 效 / 指 / 标 down the grid's edge, its 绩 on the
    header's line: the 效 / 指 / 标 under it join no level's labels (read alone, 效指标 is a
    piece of 时效指标)."""
    heads = [Token("绩", 0, 0, 1)]
    body = [Token("效", 0, 0, 1), Token("产出指标", 0, 2, 6), Token("指", 1, 0, 1)]
    body += [Token("标", 2, 0, 1), Token("数量指标", 5, 0, 4)]
    got = without_group_rest(heads, body)
    assert [t.text for t in got] == ["产出指标", "数量指标"]
    assert without_group_rest([], body) == body
    assert without_group_rest([Token("项", 0, 0, 1)], body) == body


def test_a_group_names_points_below_its_whole_head_are_no_label() -> None:
    """The whole group name 绩 / 效 / 指 / 标 on the header's lines and its points (90 / 分)
    stacked under it on the body's first lines, at its place: the points are the group
    name's, no level-1 label (read as one, (90分) put every row's level-1 label in doubt)."""
    heads = [Token(c, k, 0, 1) for k, c in enumerate("绩效指标")]
    body = [Token("(90", 0, 0, 3), Token("享受补助乡", 0, 13, 18), Token("分)", 1, 0, 2)]
    body += [Token("13", 1, 45, 47), Token("产出", 5, 2, 4), Token("(10分)", 9, 0, 5)]
    got = without_group_rest(heads, body)
    assert [t.text for t in got] == ["享受补助乡", "13", "产出", "(10分)"]
    # (points away from the name's place, or no whole name above them: kept)
    assert without_group_rest(heads, [Token("(90", 0, 3, 6)]) == [Token("(90", 0, 3, 6)]
    assert without_group_rest(heads[:3], body[:1]) == body[:1]
