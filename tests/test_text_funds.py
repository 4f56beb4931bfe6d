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


def test_a_rate_wrapped_to_a_lone_percent_sign_keeps_its_row_out() -> None:
    """pdftotext's default order, a narrow 执行率 cell: 86 / 86 / - / 100.00 / % / -. The lone
    % was no value, so the row took four values for four columns and placed them one column
    off (weight 86, score 100.00). Now it is the rate's wrapped end: the row is not placed."""
    import json

    from selfeval.extract.text import parse_text
    from tests.conftest import ROOT

    stem = "err-full-score-unmet-2022-ningxia-yuanzhou-nongji-tuiguang-xlsx"
    (form, *_) = parse_text((ROOT / "samples/dumps" / f"{stem}.default.txt").read_text("utf-8"))
    golden = json.loads((ROOT / "golden" / f"{stem}.json").read_text("utf-8"))[0]["funds"]
    got = [row.to_dict() for row in form.funds]
    for row, want in zip(got, golden, strict=True):
        for key, value in row.items():
            if key != "provenance" and value is not None:
                assert value == want[key], (row["item"], key)
    assert any(n.message.startswith("funds row 其中:本年财政拨款") for n in form.notes)


def test_an_items_wrapped_tail_after_its_values_goes_on_the_item() -> None:
    """seed_html_noto in pdftotext's default order: 其中:当年财政拨 / 492.000000 / 492.000000 /
    375.544200 - 76.33% 款. The item's last character, which its narrow cell wrapped, prints
    after the row's values: it goes on the item (其中:当年财政拨款, a whole funding line's
    name; 其中:当年财政拨 is none), no longer a stray text noted and left out. The row's
    values (five for six columns) stay unplaced, with their note."""
    from selfeval.extract.text import parse_text
    from selfeval.extract.text.funds import _whole_item
    from tests.conftest import VALIDATION

    dump = (VALIDATION / "seed_html_noto.pdftotext.txt").read_text("utf-8")
    (form, *_) = parse_text(dump)
    items = [row.item.text for row in form.funds]
    assert items == ["年度资金总额", "其中:当年财政拨款", "上年结转资金", "其他资金"]
    assert any(n.message.startswith("funds row 其中:当年财政拨款: 5 values") for n in form.notes)
    assert not any("text that is no funding line" in n.message for n in form.notes)
    assert _whole_item("其中：当年财政拨款") and _whole_item("年度资金总额")
    assert not _whole_item("其中:当年财政拨") and not _whole_item("其中")


def test_a_header_read_short_places_no_rows_values() -> None:
    """meishan (drawn, pdftotext -raw): the funds header (年 初 预 算 / 调整后 / 预算数 …)
    was read as two columns, and 其他资金 / / put its two slashes under the two money
    columns (the golden prints them as 权重 and 得分). Other rows print six values on one
    line: the header names fewer columns than they print, so no row's values are placed
    by it; each such row is noted."""
    from selfeval.extract.text import parse_text
    from tests.conftest import ROOT

    stem = "err-duplicate-2024-sichuan-meishan-nongcun-gonglu-draw"
    (form, *_) = parse_text((ROOT / "samples/dumps" / f"{stem}.raw.txt").read_text("utf-8"))
    other = next(row for row in form.funds if row.item.text == "其他资金")
    assert other.budget_initial.text is None and other.budget_full.text is None
    assert any(
        n.message.startswith("funds row 其他资金: the header names fewer columns")
        for n in form.notes
    )
    assert not any(
        getattr(row, role).text
        for row in form.funds
        for role in ("budget_initial", "budget_full", "executed", "weight", "rate", "score")
    )
