"""-layout dumps of the HTML originals as headless Chromium prints them with CJK CFF fonts
(samples/chromium_prints.py; the class of ../shared/validation's seed_html_noto): the line
grouping merges half-line ties either way and cells a blank apart run together. Rows may be
declined; none may be wrong, and no header, funds, goals or total cell either."""

from __future__ import annotations

import pytest

import selfeval.extract as extract
from golden.score import variant_dump_scores
from samples.chromium_prints import OUT_DIR, STYLES
from selfeval.extract.text.columns import _levels_unread
from selfeval.extract.text.layout_tokens import LayoutColumn, Token
from tests.conftest import GOLDEN, SAMPLES

#: Rows read exactly, per style (measured: 102 of 904 in all; raise as the readers learn more).
FLOOR = {"notosans9": 31, "notosans11": 10, "notoserif10": 30, "notosans8narrow": 31}


def test_every_html_original_is_printed_in_every_style() -> None:
    """A missing or emptied folder fails here instead of scoring nothing."""
    originals = sorted((SAMPLES / "originals").glob("*.html"))
    assert len(originals) >= 17
    for style in STYLES:
        dumps = sorted(p.name for p in (OUT_DIR / style).glob("*.layout.txt"))
        assert dumps == sorted(p.name.removesuffix(".html") + ".layout.txt" for p in originals)


@pytest.mark.parametrize("style", sorted(STYLES))
def test_chromium_prints_have_no_wrong_row_or_cell(style: str) -> None:
    score = variant_dump_scores(OUT_DIR / style, GOLDEN)
    assert score.golden_rows >= 200
    assert score.wrong_rows == 0, [p for p in score.problems if " row " in p][:5]
    assert score.exact_rows == score.emitted_rows
    assert score.wrong_cells == 0, score.problems[:5]
    assert score.exact_rows >= FLOOR[style], score.exact_rows


@pytest.mark.parametrize("style", ["notosans9", "notosans8narrow"])
def test_level_stacks_read_as_the_level_columns(style: str) -> None:
    """The flat print stacks 一 / 级 / 指 / 标 a character a line left of the names, and the
    labels beside each row the same way: the stacks are read as the level columns (tests/
    test_noto_stacks.py), never a row with its labels missing."""
    path = OUT_DIR / style / "2021-beijing-keji-xiezuo-zhongxin-html.flat.layout.txt"
    (form,) = extract.read(path)
    rows = form.to_dict()["indicators"]
    assert rows
    assert all(row["level1"] and row["level2"] for row in rows), rows
    assert not any("names no level-1 column" in note.message for note in form.notes)


def test_text_left_of_the_level_columns_read_voids_the_grid_without_level1() -> None:
    """The guard behind the stacks' reading: a header that names no level-1 column (its
    stack taken for a group name) while the body prints text left of the leftmost level
    column read leaves the grid's rows out, never emits them without their labels."""
    group = LayoutColumn(None, 0, 1)
    level2 = LayoutColumn("level2", 2, 4)
    names = LayoutColumn("level3", 5, 9)
    score = LayoutColumn("score", 20, 22)
    label_piece = Token("产", 3, 0, 1)
    name = Token("中俄技术交流", 3, 5, 11)
    assert _levels_unread([group, level2, names, score], [label_piece, name])
    assert not _levels_unread([group, level2, names, score], [name])
    assert _levels_unread([group, names, score], [Token("数", 3, 2, 3), name])
    level1 = LayoutColumn("level1", 0, 1)
    assert not _levels_unread([level1, level2, names, score], [label_piece, name])
