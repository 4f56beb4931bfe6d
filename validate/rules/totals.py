"""总分 and 分值: totals add up, weights make 100, level-1 weights, 自评等级 matches the total."""

from __future__ import annotations

from decimal import Decimal

from selfeval.normalize.text import squeeze
from selfeval.validate.context import Context, show
from selfeval.validate.facts import RowFacts
from selfeval.validate.scoring import budget_exact, grade_for, places_of, score_agrees

CODES = ("total.sum", "total.weight", "level1.weights", "level1.subtotal", "grade.mismatch")
HUNDRED = Decimal(100)
ZERO = Decimal(0)
LEVEL1_NAMES = {"BUD": "预算执行率", "OUT": "产出", "EFF": "效益", "SAT": "满意度"}


def check(ctx: Context) -> None:
    if not ctx.facts.partial and not ctx.facts.budget_unknown:
        # a cut-off form, one with cells the reader left unplaced, or one whose budget row is
        # blank cannot add up: say nothing (structure.partial says why)
        _total_sum(ctx)
        _total_weight(ctx)
        _level1_weights(ctx)
    if not ctx.facts.partial:
        _level1_subtotals(ctx)
    _grade(ctx)


def _total_page(ctx: Context, name: str) -> int | None:
    return getattr(ctx.facts.form.total, name).page or ctx.facts.form_page()


def _total_sum(ctx: Context) -> None:
    facts, sums = ctx.facts, ctx.sums
    reported = facts.total_score
    if reported is None or sums.total_sum is None:
        return
    if sums.budget_weight is not None and sums.budget_score_reported is None:
        return  # no budget score printed: structure.missing-field says so
    exact = _exact_total(ctx)
    full = facts.total_weight if facts.total_weight is not None else HUNDRED
    places = ctx.config.row_places
    if places_of(reported) >= _summand_places(ctx):
        sums_to = [x for x in (sums.total_sum, exact) if x is not None]
        if any(score_agrees(reported, x, full, places) for x in sums_to):
            return
    elif reported in (sums.total_sum, exact):
        return  # printed with fewer decimals than its parts: it may not round them away
    budget = sums.budget_score_reported or ZERO
    diff = reported - sums.total_sum
    message = (
        f"总分 {show(reported)} ≠ 预算执行得分 {show(budget)} + 指标得分合计 "
        f"{show(sums.indicator_score)} = {show(sums.total_sum)}（相差 {show(diff)}）"
    )
    cause = _score_cause(ctx, diff)
    if cause is None:
        ctx.emit(
            "total.sum", message, section="total", field="score", page=_total_page(ctx, "score")
        )
        return
    ctx.emit(
        "total.sum",
        f"{message}；可能是{_row_name(cause)}得分 {show(cause.score)} 有误"
        f"（若为 {show((cause.score or ZERO) + diff)} 则合计相符）",
        section="indicator",
        row=cause.index,
        field="score",
        page=cause.page("score"),
    )


def _row_name(r: RowFacts) -> str:
    return f"第 {r.index + 1} 行「{r.row.level3.text or r.row.level2.text or ''}」"


def _summand_places(ctx: Context) -> int:
    """The most decimals any printed part of 总分 has (7.63 -> 2)."""
    parts = [r.score for r in ctx.facts.scored_rows if r.score is not None]
    if ctx.sums.budget_score_reported is not None:
        parts.append(ctx.sums.budget_score_reported)
    return max((places_of(p.normalize()) for p in parts), default=0)


def _exact_total(ctx: Context) -> Decimal | None:
    """总分 as the exact values behind its printed parts: each recomputed score that agrees
    with its print replaced by its exact recomputation, the budget score likewise; other parts
    as printed. A printed 总分 may be this or the printed sum, rounded to its own decimals."""
    facts, sums, config = ctx.facts, ctx.sums, ctx.config
    total = ZERO
    for r in facts.scored_rows:
        rec = ctx.recomputed.get(r.index)
        exact = None
        if rec is not None and r.score is not None:
            exact = rec.matching(r.score, r.weight, config.row_places)
        total += exact if exact is not None else (r.score or ZERO)
    fund = facts.budget_fund
    budget = sums.budget_score_reported or ZERO
    if fund is not None and fund.score is not None and fund.weight is not None:
        rates = [x for x in (sums.rate_reported, sums.rate_computed) if x is not None]
        for rate in rates:
            exact = budget_exact(fund.weight, rate, config)
            if score_agrees(fund.score, exact, fund.weight, config.budget_places):
                budget = exact
                break
    return total + budget


def _score_cause(ctx: Context, diff: Decimal) -> RowFacts | None:
    """The one row whose score, moved by ``diff``, would make the total add up and agree with
    what the row should score (its recomputation, or its full weight where it cannot be
    recomputed and is below it); None when no row or several rows would."""
    causes = []
    for r in ctx.facts.scored_rows:
        if r.score is None or r.weight is None:
            continue
        fixed = r.score + diff
        if fixed < 0 or fixed > r.weight:
            continue
        rec = ctx.recomputed.get(r.index)
        if rec is not None and rec.exact is not None:
            places = ctx.config.row_places
            if rec.agrees(fixed, r.weight, places) and not rec.agrees(r.score, r.weight, places):
                causes.append(r)
        elif rec is not None and rec.band is not None:
            inside = rec.band.low * r.weight <= fixed <= rec.band.high * r.weight
            if inside and not (rec.band.low * r.weight <= r.score <= rec.band.high * r.weight):
                causes.append(r)
        elif fixed == r.weight and r.score < r.weight:
            causes.append(r)  # points lost by exactly the difference: most likely changed
    return causes[0] if len(causes) == 1 else None


def _weight_cause(ctx: Context, diff: Decimal) -> RowFacts | None:
    """The one row whose weight, less ``diff``, would make the weights add up and agree with its
    score (a full-score row), else None."""
    causes = []
    for r in ctx.facts.scored_rows:
        if r.weight is None or r.score is None:
            continue
        fixed = r.weight - diff
        if fixed <= 0 or fixed < r.score:
            continue
        rec = ctx.recomputed.get(r.index)
        full = r.score == fixed and r.score != r.weight
        if full and (rec is None or rec.exact is None or rec.exact == r.weight):
            causes.append(r)
    if len(causes) > 1:  # rows that lost points give a reason; a raised weight does not
        causes = [r for r in causes if not r.has_reason]
    return causes[0] if len(causes) == 1 else None


def _total_weight(ctx: Context) -> None:
    sums = ctx.sums
    if sums.weight_total is None or not any(r.weight is not None for r in ctx.facts.rows):
        return
    printed = ctx.facts.total_weight
    tol = ZERO  # weights are printed whole; they add up exactly
    parts = f"执行率分值 {show(sums.budget_weight or ZERO)} + 指标分值合计 {show(sums.indicator_weight)}"
    if printed is not None and abs(printed - sums.weight_total) > tol:
        message = f"分值合计 {show(printed)} ≠ {parts} = {show(sums.weight_total)}"
    elif abs(sums.weight_total - HUNDRED) > tol:
        message = f"分值合计 {parts} = {show(sums.weight_total)}，不等于 100"
    else:
        return
    diff = sums.weight_total - (printed if printed is not None else HUNDRED)
    cause = _weight_cause(ctx, diff) if diff else None
    if cause is None:
        ctx.emit(
            "total.weight",
            message,
            section="total",
            field="weight",
            page=_total_page(ctx, "weight"),
        )
        return
    ctx.emit(
        "total.weight",
        f"{message}；可能是{_row_name(cause)}分值 {show(cause.weight)} 有误"
        f"（若为 {show((cause.weight or ZERO) - diff)} 则合计相符）",
        section="indicator",
        row=cause.index,
        field="weight",
        page=cause.page("weight"),
    )


def _level1_weights(ctx: Context) -> None:
    standard = ctx.config.level1_standard
    if not standard:
        return
    weights: dict[str, Decimal] = {}
    if ctx.sums.budget_weight is not None:
        weights["BUD"] = ctx.sums.budget_weight
    for group in ctx.sums.level1:
        code = group.code or "?"  # an unknown label: no standard has it, so not comparable
        weights[code] = weights.get(code, ZERO) + group.weight
    used = {code for code, w in weights.items() if w > 0}
    if not used or not used <= set(standard) or "BUD" not in used:
        return  # other frameworks (成本 as level 1, 决策/过程, unknown labels): not comparable
    expected = dict(standard)
    if "SAT" not in used and ctx.config.allow_satisfaction_to_benefit and "EFF" in expected:
        expected["EFF"] = expected["EFF"] + expected.pop("SAT", ZERO)
    if all(weights.get(code, ZERO) == w for code, w in expected.items()):
        return

    def line(values: dict[str, Decimal]) -> str:
        return " / ".join(f"{LEVEL1_NAMES.get(c, c)} {show(values.get(c, ZERO))}" for c in expected)

    ctx.emit(
        "level1.weights",
        f"一级指标分值 {line(weights)}，非标准分配 {line(expected)}",
        section="form",
        page=ctx.facts.form_page(),
    )


def _level1_subtotals(ctx: Context) -> None:
    for group in ctx.sums.level1:
        if group.points is None or group.points == group.weight:
            continue
        first = ctx.facts.rows[group.rows[0]]
        ctx.emit(
            "level1.subtotal",
            f"一级指标「{group.label}」标注 {show(group.points)} 分，其下指标分值合计 "
            f"{show(group.weight)}",
            section="indicator",
            row=first.index,
            field="level1",
            page=first.page("level1"),
        )


def _grade(ctx: Context) -> None:
    printed = ctx.facts.form.grade.text
    if not printed:
        return
    key = squeeze(printed)
    names = [name for name, _ in ctx.config.grade_bands if name in key]
    if len(names) != 1:
        return
    total = ctx.facts.total_score
    if total is None and not ctx.facts.partial:
        total = ctx.sums.total_sum  # no 总分 printed: the sum stands in, when nothing is missing
    if total is None:
        return
    expected = grade_for(total, ctx.config)
    if expected is None or expected == names[0]:
        return
    bands = "、".join(f"{n}≥{show(b)}" for n, b in ctx.config.grade_bands)
    ctx.emit(
        "grade.mismatch",
        f"自评等级「{printed}」与总分 {show(total)} 不符，应为「{expected}」（{bands}）",
        section="form",
        field="grade",
        page=ctx.facts.form.grade.page or ctx.facts.form_page(),
    )
