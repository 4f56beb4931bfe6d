"""Normalize a raw record: typed results beside the printed cells (never replacing them).

``normalize_form(form)`` returns a :class:`NormalizedForm` (exact Decimals, parsed
:class:`~normalize.values.Value` objects, taxonomy matches) without touching the form;
``apply(form)`` does the same and also stores each row's JSON view under ``row.normalized``
(the only place Decimals become strings). validate consumes the typed result directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from selfeval.extract.record import Form, FundRow, Indicator
from selfeval.normalize.names import (
    LevelMatch,
    NameMatch,
    current,
    match_levels,
    match_name,
    theme_of,
)
from selfeval.normalize.numbers import parse_decimal, parse_rate
from selfeval.normalize.taxonomy import Taxonomy
from selfeval.normalize.values import Direction, Value, parse_value

# Called with the taxonomy in use, so a user taxonomy set later is honoured (a Taxonomy
# hashes by identity, and normalize caches the loaded ones).
_levels = lru_cache(maxsize=4096)(match_levels)
_match_name = lru_cache(maxsize=1024)(match_name)


def decimal_text(value: Decimal | None) -> str | None:
    """A Decimal as JSON-safe text in plain notation ('7.63', never '7.63E+0'), None stays None."""
    return None if value is None else format(value, "f")


def is_cost(level1_code: str | None, level2_code: str | None) -> bool:
    """Cost rows are ceilings: a number without an operator means 'at most'."""
    return level1_code == "COST" or (level2_code or "").startswith("COST.")


@dataclass(frozen=True)
class NormalizedIndicator:
    """One indicator row, typed: level codes, parsed target/actual, weight and score."""

    names: NameMatch  # level 2 wins on disagreement (match_levels)
    printed1: LevelMatch  # the level-1 label alone, as printed
    level3_theme: str | None
    target: Value
    actual: Value
    weight: Decimal | None
    score: Decimal | None

    @property
    def reverse_hint(self) -> bool:
        return is_cost(self.names.level1_code, self.names.level2_code)

    @property
    def direction(self) -> Direction | None:
        return self.target.direction or ("reverse" if self.reverse_hint else None)

    def to_dict(self) -> dict[str, Any]:
        """The JSON view (``row.normalized``): Decimals as exact strings."""
        names = self.names
        return {
            "level1_code": names.level1_code,
            "level2_code": names.level2_code,
            "level3_theme": self.level3_theme,
            "name_match": names.method,
            "name_confidence": names.confidence,
            "name_conflict": names.conflict,
            **_value_fields("target", self.target),
            **_value_fields("actual", self.actual),
            "direction": self.direction,
            "weight_value": decimal_text(self.weight),
            "score_value": decimal_text(self.score),
        }


@dataclass(frozen=True)
class NormalizedFund:
    """One funds row, typed: exact amounts, the rate as a fraction ('76.33%' -> 0.7633)."""

    budget_initial: Decimal | None
    budget_full: Decimal | None
    executed: Decimal | None
    weight: Decimal | None
    rate: Decimal | None
    score: Decimal | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "budget_initial_value": decimal_text(self.budget_initial),
            "budget_full_value": decimal_text(self.budget_full),
            "executed_value": decimal_text(self.executed),
            "weight_value": decimal_text(self.weight),
            "rate_value": decimal_text(self.rate),
            "score_value": decimal_text(self.score),
        }


@dataclass(frozen=True)
class NormalizedForm:
    """normalize's result for one form, row for row beside ``form.indicators``/``form.funds``."""

    indicators: tuple[NormalizedIndicator, ...]
    funds: tuple[NormalizedFund, ...]
    total_weight: Decimal | None
    total_score: Decimal | None


def indicator_of(row: Indicator, taxonomy: Taxonomy | None = None) -> NormalizedIndicator:
    """The typed view of one indicator row, from its printed cells only."""
    taxonomy = taxonomy or current()
    names = _levels(row.level1.text, row.level2.text, taxonomy)
    reverse = is_cost(names.level1_code, names.level2_code)
    return NormalizedIndicator(
        names=names,
        printed1=_match_name(row.level1.text, 1, taxonomy),
        level3_theme=theme_of(row.level3.text, names.level2_code, taxonomy),
        target=parse_value(row.target.text, reverse_hint=reverse),
        actual=parse_value(row.actual.text),
        weight=parse_decimal(row.weight.text),
        score=parse_decimal(row.score.text),
    )


def fund_of(row: FundRow) -> NormalizedFund:
    return NormalizedFund(
        budget_initial=parse_decimal(row.budget_initial.text),
        budget_full=parse_decimal(row.budget_full.text),
        executed=parse_decimal(row.executed.text),
        weight=parse_decimal(row.weight.text),
        rate=parse_rate(row.rate.text),
        score=parse_decimal(row.score.text),
    )


def normalize_indicator(row: Indicator) -> dict[str, Any]:
    """The JSON view of one indicator row (see :class:`NormalizedIndicator`)."""
    return indicator_of(row).to_dict()


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
    return fund_of(row).to_dict()


def normalize_form(form: Form, taxonomy: Taxonomy | None = None) -> NormalizedForm:
    """The typed normalization of ``form`` (names matched in ``taxonomy``, default: the one in
    use); the form itself is not changed."""
    return NormalizedForm(
        indicators=tuple(indicator_of(r, taxonomy) for r in form.indicators),
        funds=tuple(fund_of(r) for r in form.funds),
        total_weight=parse_decimal(form.total.weight.text),
        total_score=parse_decimal(form.total.score.text),
    )


def apply(form: Form, taxonomy: Taxonomy | None = None) -> NormalizedForm:
    """Set ``normalized`` on every indicator and fund row of ``form`` and return the typed
    result (keep it and pass it to ``validate.audit``). Idempotent."""
    result = normalize_form(form, taxonomy)
    for indicator, typed in zip(form.indicators, result.indicators, strict=True):
        indicator.normalized = typed.to_dict()
    for fund, typed_fund in zip(form.funds, result.funds, strict=True):
        fund.normalized = typed_fund.to_dict()
    return result
