"""Whole -layout dumps made at pitches the corpus variants do not use (-fixed 4, -fixed 6): a
probe of hidden dumps. Rows read there are exact or declined, never wrong, and no page makes
the reader fail."""

from __future__ import annotations

import json

from golden.score import score_file, validation_golden
from selfeval.extract.text import parse_text
from tests.conftest import ROOT, VALIDATION

DATA = ROOT / "tests" / "data" / "layout_probe"


def test_a_row_beside_one_that_drew_in_a_neighbours_text_is_in_doubt() -> None:
    """-fixed 4, keji-xiezuo xlsx: the Nature 时效 row's name drew in its target's line
    (、会议筹办等准备工作), so its target run came up short and the next row, 政策宣讲, took its
    last line (，预计12月召开) with no note. That row is now in doubt; the rest stay exact."""
    text = (DATA / "keji-xiezuo-xlsx-fixed4.layout.txt").read_text("utf-8")
    forms = [f.to_dict() for f in parse_text(text)]
    want = json.loads(
        (ROOT / "golden" / "2021-beijing-keji-xiezuo-zhongxin-xlsx.json").read_text("utf-8")
    )
    score = score_file(forms, want, "keji-xiezuo-xlsx-fixed4")
    assert score.wrong_rows == 0, score.problems
    assert score.exact_rows >= 25
    targets = [str(r["target"]) for f in forms for r in f["indicators"]]
    assert not any(t.startswith("，预计12月召开") for t in targets)
    notes = [n.message for f in parse_text(text) for n in f.notes]
    assert any("drew a column's text into its name" in n for n in notes)


def test_a_later_pages_first_label_read_on_its_rows_page_does_not_fail_the_reading() -> None:
    """-fixed 6, seed_word: a row under a label of its own page whose known row before it
    is on the same page took the 'label of a page before' branch and indexed past the pages
    read (IndexError): the whole file failed. It is read now, every row exact or left out."""
    text = (DATA / "seed_word-fixed6.layout.txt").read_text("utf-8")
    forms = [f.to_dict() for f in parse_text(text)]
    score = score_file(
        forms,
        validation_golden(VALIDATION / "seed_word.golden.json"),
        "seed_word-fixed6",
        squash=True,
    )
    assert score.wrong_rows == 0, score.problems
    assert score.exact_rows >= 30
