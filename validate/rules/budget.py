"""预算执行率: the rate is 执行数 / 预算数, the score 分值 × min(执行率, 1), no over-spending, and a
low rate explained.

Printed numbers are compared at the precision they are printed with: a rate printed 76.33% must
be 执行数 / 预算数 rounded to two decimals of a percent, a score printed 7.63 must be
分值 × 执行率 rounded to two decimals (half up, or half even as an office tool may round).
"""

from __future__ import annotations

import re
from decimal import Decimal

from selfeval.validate.context import Context, percent, show
from selfeval.validate.scoring import agrees, budget_exact, score_agrees
from selfeval.validate.sums import budget_base

CODES = ("budget.rate", "budget.score", "budget.overspent", "budget.low-rate-reason")
#: Words that explain a budget shortfall when the form prints them in its 实际完成情况 or
#: remarks (结余, 未支付, 尚未拨付, 执行率低 ...).
REASON = re.compile(
    r"执行率|结余|结转|未(?:支付|拨付|支出|使用|执行)|尚未|节约|滞后|延期|推迟|疫情|资金(?:未|尚)"
)


def check(ctx: Context) -> None:
    facts, sums, config = ctx.facts, ctx.sums, ctx.config
    total = facts.total_fund
    fund = facts.budget_fund
    base = budget_base(facts)
    if total is not None and total.rate is not None and sums.rate_computed is not None:
        if not agrees(total.rate, sums.rate_computed):
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
        rates = [r for r in (sums.rate_reported, sums.rate_computed) if r is not None]
        if fund.weight is not None and not any(
            score_agrees(
                fund.score, budget_exact(fund.weight, r, config), fund.weight, config.budget_places
            )
            for r in rates
        ):
            rate = sums.rate_reported if sums.rate_reported is not None else sums.rate_computed
            capped = "min(执行率, 1)" if config.cap_rate else "执行率"
            ctx.emit(
                "budget.score",
                f"预算执行得分 {show(fund.score)} ≠ 分值 {show(fund.weight)} × {capped} "
                f"{percent(rate)} = {show(sums.budget_score_recomputed)}",
                section="fund",
                row=fund.index,
                field="score",
                page=fund.page("score"),
            )
    if total is None:
        return
    _overspent(ctx, base)
    _low_rate(ctx)


def _overspent(ctx: Context, base: Decimal | None) -> None:
    total = ctx.facts.total_fund
    assert total is not None
    over_money = total.executed is not None and base is not None and total.executed > base
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


def _low_rate(ctx: Context) -> None:
    """V08: an 执行率 below the configured threshold needs a reason somewhere on the form."""
    facts = ctx.facts
    rate = ctx.sums.rate_reported if ctx.sums.rate_reported is not None else ctx.sums.rate_computed
    total = facts.total_fund
    if rate is None or total is None or rate >= ctx.config.low_rate or facts.partial:
        return
    if total.executed in (None, 0) and total.budget_full in (None, 0):
        return  # no money on the total row: funds.misplaced or structure.missing-field says so
    form = facts.form
    texts = [form.goals.actual.text, form.remarks.text]
    texts += [r.row.deviation.text for r in facts.rows]
    if any(t and REASON.search(t) for t in texts):
        return
    ctx.emit(
        "budget.low-rate-reason",
        f"预算执行率 {percent(rate)} 低于 {percent(ctx.config.low_rate)}，表中未说明原因",
        section="fund",
        row=total.index,
        field="rate",
        page=total.page("rate"),
    )
