"""总分 and 分值: totals add up, weights make 100, level-1 weights, 自评等级 matches the total."""

from __future__ import annotations

from decimal import Decimal

from normalize.text import squeeze
from validate.context import Context, show
from validate.scoring import grade_for

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
    if abs(reported - sums.total_sum) <= ctx.config.total_tolerance:
        return
    budget = sums.budget_score_reported or ZERO
    ctx.emit(
        "total.sum",
        f"总分 {show(reported)} ≠ 预算执行得分 {show(budget)} + 指标得分合计 "
        f"{show(sums.indicator_score)} = {show(sums.total_sum)}（相差 "
        f"{show(reported - sums.total_sum)}）",
        section="total",
        field="score",
        page=_total_page(ctx, "score"),
    )


def _total_weight(ctx: Context) -> None:
    sums = ctx.sums
    if sums.weight_total is None or not any(r.weight is not None for r in ctx.facts.rows):
        return
    printed = ctx.facts.total_weight
    tol = ctx.config.weight_tolerance
    parts = f"执行率分值 {show(sums.budget_weight or ZERO)} + 指标分值合计 {show(sums.indicator_weight)}"
    if printed is not None and abs(printed - sums.weight_total) > tol:
        message = f"分值合计 {show(printed)} ≠ {parts} = {show(sums.weight_total)}"
    elif abs(sums.weight_total - HUNDRED) > tol:
        message = f"分值合计 {parts} = {show(sums.weight_total)}，不等于 100"
    else:
        return
    ctx.emit(
        "total.weight", message, section="total", field="weight", page=_total_page(ctx, "weight")
    )


def _level1_weights(ctx: Context) -> None:
    standard = ctx.config.level1_standard
    if not standard:
        return
    weights: dict[str | None, Decimal] = {}
    if ctx.sums.budget_weight is not None:
        weights["BUD"] = ctx.sums.budget_weight
    for group in ctx.sums.level1:
        weights[group.code] = weights.get(group.code, ZERO) + group.weight
    used = {code for code, w in weights.items() if w > 0}
    if not used or not used <= set(standard) or "BUD" not in used:
        return  # other frameworks (成本 as level 1, 决策/过程, unknown labels): not comparable
    expected = dict(standard)
    if "SAT" not in used and ctx.config.allow_satisfaction_to_benefit and "EFF" in expected:
        expected["EFF"] = expected["EFF"] + expected.pop("SAT", ZERO)
    if all(weights.get(code, ZERO) == w for code, w in expected.items()):
        return

    def line(values: dict) -> str:
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
