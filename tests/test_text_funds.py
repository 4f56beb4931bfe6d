"""Funds rows of a text dump whose empty cells were dropped: placed only where every fitting
reading agrees."""

from __future__ import annotations

from selfeval.extract.text.funds import _agreed

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
    # 880 880 880 - -: an amount may be the weight (880 fits it): nothing is agreed
    assert _agreed(ROLES, ["880", "880", "880", "-", "-"]) == {}


def test_no_reading_fits():
    assert _agreed(ROLES, ["abc%", "1000", "1000", "1000", "1000"]) is None
