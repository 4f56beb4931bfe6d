"""A -layout total line with the grade printed after its numbers (总分 100 96 优)."""

from __future__ import annotations

import json

import pytest

import selfeval.extract as extract
from selfeval.extract.text.columns import total_line
from tests.conftest import ROOT, VALIDATION


@pytest.mark.parametrize("name", ["real016_docx", "bundle"])
def test_total_before_a_grade_is_read_as_the_golden_has_it(name: str) -> None:
    want = json.loads((VALIDATION / f"{name}.golden.json").read_text(encoding="utf-8"))
    wants = want if isinstance(want, list) else [want]
    forms = extract.read(VALIDATION / f"{name}.layout.txt")
    assert [(f.total.weight.text, f.total.score.text) for f in forms] == [
        (w["total"]["weight"], w["total"]["score"]) for w in wants
    ]
    graded = [f for f in forms if f.grade.text is not None]
    assert graded and all(f.grade.text == "优" for f in graded)


def test_a_grade_is_taken_only_after_two_numbers() -> None:
    assert total_line("      总分        100    96     优") == ("100", "96")
    assert total_line("      总分        100    优") == ()  # which number is missing?
    assert total_line("      总分        100    96  优秀  x") == ()


def test_a_score_wrapped_around_a_label_line_with_the_weight_on_it() -> None:
    # 93.8 / 总分 100 / 3: the 分值 on the label's line, the 得分 wrapped around it
    stem = "2021-beijing-keji-xiezuo-zhongxin-docx"
    want = json.loads((ROOT / "golden" / f"{stem}.json").read_text(encoding="utf-8"))
    want = want[0] if isinstance(want, list) else want
    (form,) = extract.read(ROOT / "samples" / "dumps" / f"{stem}.layout.txt")
    assert (
        (form.total.weight.text, form.total.score.text)
        == (
            want["total"]["weight"],
            want["total"]["score"],
        )
        == ("100", "93.83")
    )


def test_a_lone_number_on_the_total_line_is_not_placed() -> None:
    # a coarse pitch (-fixed 7) prints 分值 and 得分 together (10099.81): which is it?
    assert total_line("          总分                   10099.81") == ()
    assert total_line("          总分                   100") == ()
    assert total_line("          总分                   100    99.81") == ("100", "99.81")
