"""Funds items printed one space before a number (a probe of LibreOffice prints of the
corpus forms' originals, dumped with `pdftotext -layout`): the number is the values' or a
wrapped piece of one, never the item's name (it read 其中:当年财政拨款6.84)."""

from __future__ import annotations

import json
from typing import Any

from selfeval.extract.text import parse_text
from tests.conftest import GOLDEN, ROOT

DATA = ROOT / "tests" / "data" / "layout_probe"
_FIELDS = ("item", "budget_initial", "budget_full", "executed", "weight", "rate", "score")


def _golden_funds(stem: str) -> list[dict[str, Any]]:
    forms: list[dict[str, Any]] = json.loads((GOLDEN / f"{stem}.json").read_text("utf-8"))
    return list(forms[0]["funds"])


def _read(dump: str) -> tuple[list[dict[str, str | None]], list[str]]:
    (form, *_) = parse_text((DATA / f"{dump}.layout.txt").read_text("utf-8"))
    rows = [
        {f: (c.text if (c := getattr(r, f)) is not None else None) for f in _FIELDS}
        for r in form.funds
    ]
    return rows, [n.message for n in form.notes if n.section == "funds"]


def test_a_value_one_space_after_an_item_is_the_first_columns():
    """其中:当年财政拨款 6.84       6.84     6.84: the first 6.84 stands under 年初预算数; the
    row reads whole, as its golden."""
    rows, notes = _read("cheng-an-flat-html-funds")
    want = _golden_funds("2020-hebei-cheng-an-gaoling-jintie-html")
    assert rows[1] == {f: want[1][f] for f in _FIELDS}
    assert rows[1]["item"] == "其中:当年财政拨款"
    assert notes == []


def test_a_wrapped_piece_one_space_after_an_item_is_no_part_of_its_name():
    """其中:当年财政拨款 0, the 0 the end of 492.00000 / 0 wrapped over the lines: the item is
    its golden's name; values the reading cannot place with certainty are left, with a note."""
    rows, notes = _read("keji-xiezuo-flat-html-funds")
    want = _golden_funds("2021-beijing-keji-xiezuo-zhongxin-html")
    assert [r["item"] for r in rows] == [r["item"] for r in want]
    assert rows[0] == {f: want[0][f] for f in _FIELDS}
    for f in _FIELDS[1:]:
        assert rows[1][f] in (None, want[1][f])
    if any(rows[1][f] is None and want[1][f] is not None for f in _FIELDS[1:]):
        assert any(n.startswith("-layout funds: funds row 2 其中:当年财政拨款:") for n in notes)
