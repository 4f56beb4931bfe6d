"""A grid whose pages show their level labels strictly centred (``layout_levels.Centring``)
holds every page's labels to it, a page with too few certain blocks of its own too."""

from __future__ import annotations

from selfeval.extract.text.layout_levels import Centring, grid_held, strictly_centred
from tests.conftest import GOLDEN, SAMPLES
from tests.conftest import golden_rows as _golden
from tests.conftest import layout_rows as _read


def test_the_grid_holds_its_pages_only_where_two_blocks_show_it_and_none_stands_off() -> None:
    one, two = Centring(shown={(3, 4): 6}), Centring(shown={(20, 20): 10})
    assert grid_held([one, two, Centring()]) == 10
    assert grid_held([one, Centring()]) is None  # (one block shows nothing of the grid)
    assert grid_held([one, two, Centring(off=True)]) is None


def test_a_page_with_one_label_of_its_own_is_held_to_the_grids_centring() -> None:
    """One label wholly inside the page, its first rows in doubt: by the page alone any
    of the readings stands (no two certain blocks show how it centres); held to the grid's
    (blocks as tall as 8 within half a line), only the reading centring it does."""
    spans = [(0, 1), (2, 3), (4, 6), (7, 9), (10, 12)]
    labels = [(-5, -5), (8, 8)]  # (the first label printed on the page before)
    parts: list[list[int | None]] = [[0, 0, 1, 1, 1], [0, 1, 1, 1, 1], [1, 1, 1, 1, 1]]
    loose = (True, False)
    assert strictly_centred(parts, labels, spans, loose) == parts
    own = Centring()
    assert strictly_centred(parts, labels, spans, loose, own) == parts
    assert own.shown == {} and not own.off
    held = Centring(held=8)
    assert strictly_centred(parts, labels, spans, loose, held) == [parts[0]]


def test_a_page_records_the_certain_blocks_it_shows_centred() -> None:
    spans = [(0, 2), (3, 5), (6, 8)]
    labels = [(1, 1), (4, 4), (7, 7)]
    seen = Centring()
    strictly_centred([[0, 1, 2]], labels, spans, (False, False), seen)
    assert seen.shown == {(1, 1): 2, (4, 4): 2, (7, 7): 2} and not seen.off
    seen = Centring()
    strictly_centred([[0, 0, 1]], [(0, 0), (7, 7)], spans, (False, False), seen)
    assert seen.off  # (the first label a line and a half off its rows' middle)


def test_keji_sheets_rows_are_read_by_the_grids_centring() -> None:
    """keji-xiezuo (spreadsheet): the last pages centre their level-2 labels within half a
    line; held to that (a taller block an eighth of a line more for each line it is
    taller), the second page's 数量指标 / 质量指标 split leaves 央企跨界协同创新交流活动 under
    数量指标 in every reading: read as the golden holds it. Every row read is exact."""
    stem = "2021-beijing-keji-xiezuo-zhongxin-xlsx"
    got, notes = _read(SAMPLES / "dumps" / f"{stem}.layout.txt")
    want = _golden(GOLDEN / f"{stem}.json")
    assert all(r in want for r in got)
    (row,) = [r for r in got if r["level3"] == "央企跨界协同创新交流活动"]
    assert (row["level1"], row["level2"]) == ("产出指标", "数量指标")
    assert len(want) - len(got) == 2


def test_a_label_of_several_lines_on_a_one_line_row_shows_the_centring() -> None:
    """A label printed over several lines, centred on one row's line, shows how the grid
    centres as a block of several lines does; a one-line label on a one-line row shows
    nothing."""
    spans = [(0, 2), (4, 4), (6, 6)]
    seen = Centring()
    strictly_centred([[0, 1, 2]], [(1, 1), (3, 5), (6, 6)], spans, (False, False), seen)
    assert seen.shown == {(1, 1): 2, (3, 5): 0}


def test_hunan_sheets_row_under_the_page_befores_label_is_read() -> None:
    """hunan (spreadsheet), page 2: 媒介昆虫防治面积 stands between 数量指标's rows (its label
    on page 1) and 质量指标, centred on the two rows below it. The page's 社会效益指标 and
    服务对象 / 满意度指 / 标 (three lines on its one-line row) show the grid centres within
    half a line: held to that, 质量指标 does not reach up to it, and it is 数量指标's.
    Every row of the form is read, each exact."""
    stem = "2021-hunan-lingling-youhai-shengwu-xlsx"
    got, notes = _read(SAMPLES / "dumps" / f"{stem}.layout.txt")
    want = _golden(GOLDEN / f"{stem}.json")
    assert got == want
    (row,) = [r for r in got if r["level3"] == "媒介昆虫防治面积"]
    assert row["level2"] == "数量指标"
