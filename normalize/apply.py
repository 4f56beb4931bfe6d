"""Attach normalized fields to a raw record, beside the printed cells (never replacing them)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from extract.record import Form, FundRow, Indicator
from normalize.names import match_levels, theme_of
from normalize.numbers import parse_decimal, parse_rate
from normalize.values import Value, parse_value


def decimal_text(value: Decimal | None) -> str | None:
    """A Decimal as JSON-safe text in plain notation ('7.63', never '7.63E+0'), None stays None."""
    return None if value is None else format(value, "f")


def is_cost(level1_code: str | None, level2_code: str | None) -> bool:
    """Cost rows are ceilings: a number without an operator means 'at most'."""
    return level1_code == "COST" or (level2_code or "").startswith("COST.")


def normalize_indicator(row: Indicator) -> dict[str, Any]:
    """The normalized view of one indicator row, computed from its printed cells only."""
    names = match_levels(row.level1.text, row.level2.text)
    reverse = is_cost(names.level1_code, names.level2_code)
    target = parse_value(row.target.text, reverse_hint=reverse)
    actual = parse_value(row.actual.text)
    direction = target.direction or ("reverse" if reverse else None)
    return {
        "level1_code": names.level1_code,
        "level2_code": names.level2_code,
        "level3_theme": theme_of(row.level3.text, names.level2_code),
        "name_match": names.method,
        "name_confidence": names.confidence,
        "name_conflict": names.conflict,
        **_value_fields("target", target),
        **_value_fields("actual", actual),
        "direction": direction,
        "weight_value": decimal_text(parse_decimal(row.weight.text)),
        "score_value": decimal_text(parse_decimal(row.score.text)),
    }


def _value_fields(prefix: str, value: Value) -> dict[str, Any]:
    return {
        f"{prefix}_kind": value.kind,
        f"{prefix}_op": value.op,
        f"{prefix}_value": decimal_text(value.number),
        f"{prefix}_upper": decimal_text(value.upper),
        f"{prefix}_unit": value.unit,
        f"{prefix}_deadline": value.deadline,
        f"{prefix}_embedded": value.embedded,
    }


def normalize_fund(row: FundRow) -> dict[str, Any]:
    """Exact numbers of one funds row; the rate as a fraction ('76.33%' -> '0.7633')."""
    return {
        "budget_initial_value": decimal_text(parse_decimal(row.budget_initial.text)),
        "budget_full_value": decimal_text(parse_decimal(row.budget_full.text)),
        "executed_value": decimal_text(parse_decimal(row.executed.text)),
        "weight_value": decimal_text(parse_decimal(row.weight.text)),
        "rate_value": decimal_text(parse_rate(row.rate.text)),
        "score_value": decimal_text(parse_decimal(row.score.text)),
    }


def apply(form: Form) -> None:
    """Set ``normalized`` on every indicator and fund row of ``form``. Idempotent."""
    for indicator in form.indicators:
        indicator.normalized = normalize_indicator(indicator)
    for fund in form.funds:
        fund.normalized = normalize_fund(fund)
