"""项目资金 rows: the 其中 rows add up to 年度资金总额, the money sits on the total row, and each
其中 row's printed 执行率 is its own 执行数 / 预算数 (V03)."""

from __future__ import annotations

from decimal import Decimal

from selfeval.validate.context import Context, percent, show
from selfeval.validate.facts import SPLIT_HEADING, FundFacts
from selfeval.validate.scoring import agrees, half_unit

CODES = ("funds.breakdown", "funds.misplaced", "funds.rate")
COLUMNS = {"budget_initial": "年初预算数", "budget_full": "全年预算数", "executed": "全年执行数"}
ZERO = Decimal(0)


def _holds_money(fund: FundFacts) -> bool:
    return any(fund.money(c) not in (None, ZERO) for c in ("budget_full", "executed"))


def misplaced(ctx: Context) -> FundFacts | None:
    """The 其中 row holding the money while the total row is zero/blank (S3: '年度资金总额 0 0 0')."""
    total = ctx.facts.total_fund
    if total is None or _holds_money(total):
        return None
    return next((f for f in ctx.facts.sub_funds if _holds_money(f)), None)


def _emit_misplaced(ctx: Context, total: FundFacts, holder: FundFacts) -> None:
    ctx.emit(
        "funds.misplaced",
        f"资金表填报错位：{total.row.item.text or '年度资金总额'} 为 0 或空，而 "
        f"{holder.row.item.text} 填有全年预算数 {show(holder.budget_full)}、"
        f"全年执行数 {show(holder.executed)}",
        section="fund",
        row=total.index,
        field="budget_full",
        page=total.page("budget_full"),
    )


def _mismatches(ctx: Context, total: FundFacts) -> tuple[list[tuple[str, str]], bool]:
    """The columns whose 其中 rows do not add up to the total row, and whether any exceeds it."""
    wrong: list[tuple[str, str]] = []
    excess = False
    for column, label in COLUMNS.items():
        parts = [m for f in ctx.facts.sub_funds if (m := f.money(column)) is not None]
        whole = total.money(column)
        if not parts or whole is None:
            continue
        added = sum(parts, ZERO)
        slack = half_unit(whole) + sum((half_unit(p) for p in parts), ZERO)
        if abs(added - whole) > slack:  # only what rounding the printed amounts can carry
            excess = excess or added > whole
            wrong.append((column, f"{label} {show(whole)} ≠ 其中各项合计 {show(added)}"))
    return wrong, excess


def _breakdown(ctx: Context, total: FundFacts) -> None:
    facts = ctx.facts
    carryover = any(w in f.item for f in facts.sub_funds for w in ctx.config.carryover_words)
    wrong, excess = _mismatches(ctx, total)
    if wrong:
        mild = not excess and not carryover
        note = "（表中无上年结转资金行，差额或为未列出的资金来源）" if mild else ""
        ctx.emit(
            "funds.breakdown",
            "资金构成不相符：" + "；".join(text for _, text in wrong) + note,
            section="fund",
            row=total.index,
            field=wrong[0][0],
            page=total.page(wrong[0][0]),
            severity=ctx.config.shortfall_severity if mild else None,
        )


def check(ctx: Context) -> None:
    facts = ctx.facts
    _sub_rates(ctx)
    total = facts.total_fund
    if total is None or not facts.sub_funds or facts.partial:
        return  # with cells left unplaced, the rows that would add up may be among them
    if (holder := misplaced(ctx)) is not None:
        _emit_misplaced(ctx, total, holder)
        return
    if any(SPLIT_HEADING.match(f.item) for f in facts.sub_funds):
        return  # two breakdowns (by income / by spending) each add up on their own
    _breakdown(ctx, total)


def _sub_rates(ctx: Context) -> None:
    """V03: a 其中 row's printed 执行率 must be its own 执行数 ÷ 预算数 at the printed precision."""
    for fund in ctx.facts.sub_funds:
        base = fund.budget_full if fund.budget_full is not None else fund.budget_initial
        if fund.rate is None or fund.executed is None or base is None or base <= 0:
            continue
        computed = fund.executed / base
        if agrees(fund.rate, computed):
            continue
        ctx.emit(
            "funds.rate",
            f"{fund.row.item.text} 执行率 {fund.row.rate.text} ≠ 全年执行数 {show(fund.executed)}"
            f" ÷ 全年预算数 {show(base)} = {percent(computed)}",
            section="fund",
            row=fund.index,
            field="rate",
            page=fund.page("rate"),
        )
