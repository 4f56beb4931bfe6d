"""The form-level arithmetic: budget rate and score, level-1 subtotals, totals, reported and
recomputed side by side. Rules compare these; the audit summary prints them."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from selfeval.validate.config import Config
from selfeval.validate.facts import FormFacts, printed_points
from selfeval.validate.scoring import Recomputed, budget_score

ZERO = Decimal(0)


@dataclass
class Level1Group:
    """The rows under one printed level-1 label."""

    label: str | None
    code: str | None
    points: Decimal | None  # "(50分)" printed in the label
    rows: list[int] = field(default_factory=list)
    weight: Decimal = ZERO
    score: Decimal = ZERO
    score_recomputed: Decimal = ZERO


@dataclass
class Sums:
    rate_reported: Decimal | None = None
    rate_computed: Decimal | None = None
    budget_weight: Decimal | None = None
    budget_score_reported: Decimal | None = None
    budget_score_recomputed: Decimal | None = None
    indicator_weight: Decimal = ZERO
    indicator_score: Decimal = ZERO
    indicator_recomputed: Decimal = ZERO
    weight_total: Decimal | None = None
    total_sum: Decimal | None = None  # budget score + Σ row scores, as printed
    total_recomputed: Decimal | None = None
    level1: list[Level1Group] = field(default_factory=list)


def budget_base(facts: FormFacts) -> Decimal | None:
    """全年预算数 of the total row (年初预算数 where the form prints no adjusted budget)."""
    fund = facts.total_fund
    if fund is None:
        return None
    return fund.budget_full if fund.budget_full is not None else fund.budget_initial


def computed_rate(facts: FormFacts) -> Decimal | None:
    fund = facts.total_fund
    base = budget_base(facts)
    if fund is None or base is None or base <= 0 or fund.executed is None:
        return None
    return fund.executed / base


def _groups(facts: FormFacts, recomputed: dict[int, Recomputed]) -> list[Level1Group]:
    groups: dict[str, Level1Group] = {}
    for r in facts.scored_rows:
        label = r.row.level1.text
        key = label or ""
        group = groups.get(key)
        if group is None:
            group = groups[key] = Level1Group(label, r.names.level1_code, printed_points(label))
        group.rows.append(r.index)
        group.weight += r.weight or ZERO
        group.score += r.score or ZERO
        rec = recomputed.get(r.index)
        use = rec.score if rec is not None and rec.score is not None else r.score
        group.score_recomputed += use or ZERO
    return list(groups.values())


def _budget(s: Sums, facts: FormFacts, config: Config) -> None:
    """The budget row: rate reported and computed, its weight and score, and the score recomputed."""
    fund = facts.budget_fund
    s.rate_computed = computed_rate(facts)
    if fund is None:
        return
    s.rate_reported = fund.rate
    s.budget_weight = fund.weight
    s.budget_score_reported = fund.score
    rate = s.rate_reported if config.rate_source == "printed" else s.rate_computed
    if rate is None:
        rate = s.rate_computed if config.rate_source == "printed" else s.rate_reported
    if fund.weight is not None and rate is not None:
        s.budget_score_recomputed = budget_score(fund.weight, rate, config)


def _totals(s: Sums, facts: FormFacts) -> None:
    """The form totals: weight, the printed score sum, and the recomputed one."""
    rows = facts.scored_rows
    if any(r.weight is not None for r in rows) or s.budget_weight is not None:
        s.weight_total = (s.budget_weight or ZERO) + s.indicator_weight
    if rows or s.budget_score_reported is not None:
        s.total_sum = (s.budget_score_reported or ZERO) + s.indicator_score
        budget = s.budget_score_recomputed
        if budget is None:
            budget = s.budget_score_reported
        s.total_recomputed = (budget or ZERO) + s.indicator_recomputed


def compute(facts: FormFacts, recomputed: dict[int, Recomputed], config: Config) -> Sums:
    s = Sums()
    _budget(s, facts, config)
    rows = facts.scored_rows
    s.indicator_weight = sum((r.weight or ZERO for r in rows), ZERO)
    s.indicator_score = sum((r.score or ZERO for r in rows), ZERO)
    s.level1 = _groups(facts, recomputed)
    s.indicator_recomputed = sum((g.score_recomputed for g in s.level1), ZERO)
    _totals(s, facts)
    return s
