"""A -layout total line with the grade printed after its numbers (总分 100 96 优)."""

from __future__ import annotations

import json

import pytest

import selfeval.extract as extract
from selfeval.extract.text.columns import total_line
from tests.conftest import VALIDATION


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
