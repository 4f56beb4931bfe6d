"""The text reader on every pdftotext dump of the corpus: never a wrong row.

Dumps keep whatever reading order their PDF had; where it interleaves rows or columns the
reader must report cells as unplaced, never guess. Recall per producer and mode is measured by
``make bench`` (bench/bench_text.py) and quoted in the README; here the guarantees are asserted.
"""

from __future__ import annotations

import pytest

from selfeval.accuracy import Score, text_dump_scores
from tests.goldens import GOLDEN, SAMPLES


@pytest.fixture(scope="module")
def scores() -> dict[tuple[str, str], Score]:
    return text_dump_scores(SAMPLES, GOLDEN)


def test_corpus_has_both_dump_modes_of_every_route(scores):
    routes = {route for route, mode in scores if mode in ("default", "raw")}
    assert routes >= {"xlsx", "docx", "draw", "html"}
    assert all((route, mode) in scores for route in routes for mode in ("default", "raw"))


def test_no_wrong_row_in_any_dump(scores):
    problems = [p for s in scores.values() for p in s.problems if " row " in p or "extra row" in p]
    assert sum(s.wrong_rows for s in scores.values()) == 0, problems[:10]


def test_emitted_rows_are_at_least_99_percent_exact(scores):
    total = Score()
    for s in scores.values():
        total.add(s)
    assert total.emitted_rows > 0
    assert total.precision >= 0.99


def test_every_form_is_found(scores):
    for key, s in scores.items():
        assert s.forms_found == s.forms_golden, key


def test_row_by_row_order_is_read_in_full(scores):
    """The seed's real dump keeps each row together: every row is read."""
    seed = scores[("seed", "real")]
    assert seed.recall == 1.0 and seed.wrong_cells == 0


@pytest.mark.parametrize(("route", "mode", "floor"), [("html", "raw", 0.75), ("docx", "raw", 0.25)])
def test_recall_does_not_fall_below_what_was_measured(scores, route, mode, floor):
    """Regression floors at the recall measured when these orders were first read (README)."""
    assert scores[(route, mode)].recall >= floor
