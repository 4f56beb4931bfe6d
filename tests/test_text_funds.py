"""Funds rows of a text dump whose empty cells were dropped: placed only where every fitting
reading agrees."""

from __future__ import annotations

from selfeval.extract.text.funds import agreed_placement as _agreed

ROLES = ["budget_initial", "budget_full", "executed", "weight", "rate", "score"]


def test_one_reading_fits_the_columns_shapes():
    # 880 880 880 10 10: 10 is no rate (no %), so the empty cell is the rate
    got = _agreed(ROLES, ["880", "880", "880", "10", "10"])
    assert got == {
        "budget_initial": "880",
        "budget_full": "880",
        "executed": "880",
        "weight": "10",
        "score": "10",
    }


def test_only_what_every_reading_agrees_on_is_placed():
    # 880 880 10 100% 10: the empty cell is an amount or the weight (10 may be the amount
    # executed); the rate and the score are the same in every reading
    got = _agreed(ROLES, ["880", "880", "10", "100%", "10"])
    assert got == {"rate": "100%", "score": "10"}
    # 880 880 880 - -: points never pass 100, so the amounts are sure; the dashes are two of
    # the weight, the rate and the score, and no column of those is agreed
    assert _agreed(ROLES, ["880", "880", "880", "-", "-"]) == {
        "budget_initial": "880",
        "budget_full": "880",
        "executed": "880",
    }
    # 88 88 88 - -: 88 may be a weight, so nothing is agreed
    assert _agreed(ROLES, ["88", "88", "88", "-", "-"]) == {}


def test_a_flattened_line_places_its_amounts() -> None:
    """A one-line web form (real excerpt 013): 其中:本年财政拨款 202.64 132.912 132.912, the
    empty cells gone; three amounts above 100 can only be the three money columns."""
    from selfeval import extract
    from tests.conftest import REAL

    form = extract.read(REAL / "013.txt")[0]
    row = next(f for f in form.funds if (f.item.text or "").startswith("其中"))
    got = (row.budget_initial.text, row.budget_full.text, row.executed.text, row.weight.text)
    assert got == ("202.64", "132.912", "132.912", None)
    assert not form.complete
    assert any("weight rate score not placed" in n.message for n in form.notes)


def test_no_reading_fits():
    assert _agreed(ROLES, ["abc%", "1000", "1000", "1000", "1000"]) is None
