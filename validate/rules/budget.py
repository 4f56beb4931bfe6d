"""预算执行率: the rate is 执行数 / 预算数, the score 分值 × min(执行率, 1), no over-spending."""

from __future__ import annotations

from decimal import Decimal

from validate.context import Context, percent, show
from validate.sums import budget_base

CODES = ("budget.rate", "budget.score", "budget.overspent")


def half_unit(printed: Decimal) -> Decimal:
    """Half a unit of the last printed digit: what rounding to that digit may hide."""
    exponent = printed.as_tuple().exponent
    return Decimal(5).scaleb(exponent - 1) if isinstance(exponent, int) else Decimal(0)


def check(ctx: Context) -> None:
    facts, sums, config = ctx.facts, ctx.sums, ctx.config
    total = facts.total_fund
    fund = facts.budget_fund
    base = budget_base(facts)
    if total is not None and total.rate is not None and sums.rate_computed is not None:
        allowed = max(config.rate_tolerance, half_unit(total.rate))
        if abs(total.rate - sums.rate_computed) > allowed:
            ctx.emit(
                "budget.rate",
                f"执行率 {total.row.rate.text} ≠ 全年执行数 {show(total.executed)} ÷ 全年预算数 "
                f"{show(base)} = {percent(sums.rate_computed)}",
                section="fund",
                row=total.index,
                field="rate",
                page=total.page("rate"),
            )
    if fund is not None and fund.score is not None and sums.budget_score_recomputed is not None:
        expected = sums.budget_score_recomputed
        if abs(fund.score - expected) > config.row_tolerance:
            rate = sums.rate_reported if sums.rate_reported is not None else sums.rate_computed
            capped = "min(执行率, 1)" if config.cap_rate else "执行率"
            ctx.emit(
                "budget.score",
                f"预算执行得分 {show(fund.score)} ≠ 分值 {show(fund.weight)} × {capped} "
                f"{percent(rate)} = {show(expected)}",
                section="fund",
                row=fund.index,
                field="score",
                page=fund.page("score"),
            )
    if total is None:
        return
    over_money = (
        total.executed is not None
        and base is not None
        and total.executed - base > config.money_tolerance
    )
    over_rate = total.rate is not None and total.rate > 1
    if over_money or over_rate:
        detail = (
            f"全年执行数 {show(total.executed)} > 全年预算数 {show(base)}"
            if over_money
            else f"执行率 {total.row.rate.text} > 100%"
        )
        ctx.emit(
            "budget.overspent",
            f"超预算执行：{detail}，请核实预算调整或执行数",
            section="fund",
            row=total.index,
            field="executed" if over_money else "rate",
            page=total.page("executed"),
        )
