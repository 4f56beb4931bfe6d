"""A 分值 run into the next column's text one space apart (8 11 月底完成), cut where the page's
certain 分值 numbers all stand."""

from __future__ import annotations

import json

from selfeval.extract.text import parse_text
from selfeval.extract.text.layout_tokens import LayoutColumn, Token, _number_behind, _points_pair
from tests.conftest import ROOT

STEM = "2022-ningxia-yuanzhou-nongji-tuiguang-docx"
DUMP = ROOT / "samples" / "dumps" / f"{STEM}.layout.txt"
LINE = "             项目完成时间       8 11 月底完成     11 月底完成    8"


def _rows(text: str) -> tuple[dict[str, dict[str, object]], list[str]]:
    (form,) = parse_text(text)
    rows = {str(r.to_dict()["level3"]): r.to_dict() for r in form.indicators}
    return rows, [n.message for n in form.notes]


def test_a_number_where_every_certain_weight_stands_is_the_rows_weight() -> None:
    text = DUMP.read_text("utf-8")
    assert LINE in text
    golden = json.loads((ROOT / "golden" / f"{STEM}.json").read_text("utf-8"))
    golden = golden[0] if isinstance(golden, list) else golden
    want = next(r for r in golden["indicators"] if r["level3"] == "项目完成时间")
    rows, notes = _rows(text)
    assert rows["项目完成时间"] == want
    assert want["weight"] == "8" and want["target"] == "11月底完成"
    assert not any("分值 is empty" in n for n in notes)


def test_a_number_off_the_weights_place_is_not_cut() -> None:
    # one place right of where the page's 分值 numbers stand: it may be the target's own word
    shifted = LINE.replace("       8 11 月底完成     11", "        8 11 月底完成    11")
    assert shifted != LINE
    rows, notes = _rows(DUMP.read_text("utf-8").replace(LINE, shifted))
    assert "项目完成时间" not in rows
    assert any("分值 is empty" in n for n in notes)


PRINT = ROOT / "samples" / "dumps_variants" / "chromium-truetype" / "wqy-pagesize"
BEHIND = "           项目完成时间 8                       8"


def test_a_number_run_on_after_a_name_where_every_weight_stands_is_the_rows_weight() -> None:
    """The mirror (a Chromium print, WenQuanYi at the page's own sizes): 项目完成时间 8, the
    name and the 分值 one space apart, the 8 at the places every certain 分值 takes."""
    text = (PRINT / "2022-ningxia-yuanzhou-nongji-tuiguang-html.layout.txt").read_text("utf-8")
    assert BEHIND in text
    golden = json.loads(
        (ROOT / "golden" / "2022-ningxia-yuanzhou-nongji-tuiguang-html.json").read_text("utf-8")
    )
    golden = golden[0] if isinstance(golden, list) else golden
    want = next(r for r in golden["indicators"] if r["level3"] == "项目完成时间")
    rows, _ = _rows(text)
    assert rows["项目完成时间"] == want


def test_a_number_behind_is_cut_only_at_the_weights_places() -> None:
    names = LayoutColumn("level3", 11, 15)
    weight = LayoutColumn("weight", 18, 19)
    target = LayoutColumn("target", 23, 27)
    columns = [names, weight, target]
    sure = [(Token("9", 1, 18, 19), weight), (Token("8", 7, 18, 19), weight)]
    glued = Token("项目完成时间 8", 16, 11, 19)
    got = _number_behind(glued, names, columns, sure)
    assert got is not None
    assert [(t.text, t.x0, c.role) for t, c in got] == [
        ("项目完成时间", 11, "level3"),
        ("8", 18, "weight"),
    ]
    # one place off the weights' places, a 分值 certain on its line, or a word: no cut
    assert _number_behind(Token("项目完成时间 8", 16, 12, 20), names, columns, sure) is None
    on_line = [*sure, (Token("8", 16, 18, 19), weight)]
    assert _number_behind(glued, names, columns, on_line) is None
    assert _number_behind(Token("项目完成时间 八", 16, 11, 19), names, columns, sure) is None
    # (the next column no 分值's)
    assert _number_behind(glued, names, [names, target], sure) is None


def test_a_weight_and_score_one_space_apart_are_cut_into_both() -> None:
    """13 13 at the line's end, placed whole in the 分值 column: a 分值 or a 得分 is one
    number, so the first is the 分值 and the second the 得分."""
    weight = LayoutColumn("weight", 85, 86)
    score = LayoutColumn("score", 91, 92)
    actual = LayoutColumn("actual", 78, 82)
    columns = [actual, weight, score]
    pair = Token("13 13", 2, 85, 90)
    got = _points_pair(pair, weight, columns, [])
    assert got is not None
    assert [(t.text, t.x0, c.role) for t, c in got] == [("13", 85, "weight"), ("13", 88, "score")]
    assert _points_pair(pair, score, columns, []) is not None  # (placed in the 得分's)
    # (a certain 得分 on its line, a word, three numbers, or no 得分 column beside: no cut)
    assert _points_pair(pair, weight, columns, [(Token("13", 2, 91, 93), score)]) is None
    assert _points_pair(Token("13 分", 2, 85, 89), weight, columns, []) is None
    assert _points_pair(Token("13 13 13", 2, 85, 93), weight, columns, []) is None
    assert _points_pair(pair, weight, [actual, weight], []) is None
