"""Indicator rows: score within 0..分值, by the scoring rule at the printed precision, reasons
where points were lost or targets far exceeded, no full marks for an unmet target, and values
an auditor can read (units consistent and printed, percentages within 100, 满意度 measured).
"""

from __future__ import annotations

import re
from decimal import Decimal

from selfeval.normalize.values import Value, deadline_order, negated
from selfeval.validate.context import Context, percent, show
from selfeval.validate.facts import RowFacts, blank
from selfeval.validate.scoring import EVENT_UNITS, QUANTITATIVE, convert, direction

CODES = (
    "indicator.score-exceeds-weight",
    "indicator.score-negative",
    "indicator.recompute",
    "indicator.deviation-missing",
    "indicator.full-score-unmet",
    "indicator.overachieved",
    "indicator.unit-mismatch",
    "indicator.percent-over-100",
    "indicator.unit-missing",
    "indicator.satisfaction-prose",
)
FORMULA_TEXT = {
    "positive": "正向指标 分值 × min(1, 完成值/指标值)",
    "reverse": "反向指标 完成值 ≤ 指标值，得满分",
    "reverse-ratio": "反向指标 分值 × min(1, 指标值/完成值)",
    "reverse-linear": "反向指标 分值 × (1 − (完成值−指标值)/指标值)",
    "zero-target": "指标值为 0：完成值为 0 得满分，否则不得分",
}
HUNDRED = Decimal(100)
YEAR = re.compile(r"(?:19|20)\d\d")


def _name(r: RowFacts) -> str:
    return f"「{r.row.level3.text or r.row.level2.text or f'第{r.index + 1}行'}」"


def _emit(ctx: Context, code: str, r: RowFacts, message: str, field: str) -> None:
    ctx.emit(code, message, section="indicator", row=r.index, field=field, page=r.page(field))


def check(ctx: Context) -> None:
    doubted = ctx.facts.doubted_rows
    for r in ctx.facts.scored_rows:
        if r.index not in doubted:  # the reader's doubt is reported as reading.*, not here
            _row(ctx, r)
            _values(ctx, r)


def _row(ctx: Context, r: RowFacts) -> None:
    w, s = r.weight, r.score
    if s is None or w is None:
        return  # structure.missing-field
    name = _name(r)
    if s > w:
        _emit(
            ctx,
            "indicator.score-exceeds-weight",
            r,
            f"{name} 得分 {show(s)} 超过分值 {show(w)}",
            "score",
        )
    elif s < 0:
        _emit(ctx, "indicator.score-negative", r, f"{name} 得分 {show(s)} 为负数", "score")
    else:
        _recompute(ctx, r)
    if s < w and not r.has_reason:
        _emit(
            ctx,
            "indicator.deviation-missing",
            r,
            f"{name} 得分 {show(s)} 低于分值 {show(w)}，未填写偏差原因分析及改进措施",
            "deviation",
        )
    if w > 0 and s >= w and (why := unmet(ctx, r)):
        actual = r.row.actual.text or "空"
        _emit(
            ctx,
            "indicator.full-score-unmet",
            r,
            f"{name} 实际完成值为「{actual}」（{why}），却得满分 {show(s)}",
            "score",
        )
    rec = ctx.recomputed.get(r.index)
    if (
        rec is not None
        and rec.formula == "positive"
        and rec.ratio is not None
        and rec.ratio >= ctx.config.overachieved_ratio
        and not r.has_reason
    ):
        _emit(
            ctx,
            "indicator.overachieved",
            r,
            f"{name} 完成值 {r.row.actual.text} 为指标值 {r.row.target.text} 的 "
            f"{percent(rec.ratio)}（≥ {percent(ctx.config.overachieved_ratio)}），未说明原因",
            "deviation",
        )


def _form_year(ctx: Context) -> str | None:
    for text in (ctx.facts.form.year.text, ctx.facts.form.title.text):
        if text and (m := YEAR.search(text)):
            return m.group(0)
    return None


def _late(ctx: Context, target: Value, actual: Value) -> str | None:
    """A completion date after the target deadline, by the form's year."""
    dated = target.kind == actual.kind == "deadline"
    if dated and target.deadline and actual.deadline and not (target.embedded or actual.embedded):
        year = _form_year(ctx)
        due, done = deadline_order(target.deadline, year), deadline_order(actual.deadline, year)
        if due is not None and done is not None and done > due:
            return f"晚于 {target.text}"
    return None


def _short(ctx: Context, r: RowFacts) -> str | None:
    """A quantitative actual value short of the target (beyond it, for a reverse indicator)."""
    target, actual = r.target, r.actual
    t, a = target.number, actual.number
    if t is None or a is None:
        return None
    if (target.embedded or actual.embedded) and not ctx.config.recompute_embedded:
        return None  # a number inside prose is an uncertain reading (as for recompute)
    if target.unit in EVENT_UNITS and actual.unit in EVENT_UNITS:
        converted: Decimal | None = a
    else:
        converted = convert(a, actual.unit, target.unit)
    if converted is None:
        return None
    reverse = direction(r) == "reverse"
    if (converted > t) if reverse else (converted < t):
        return f"未达到指标值 {target.text}"
    return None


def unmet(ctx: Context, r: RowFacts) -> str | None:
    """Why the actual value says the target was not met, by the value grammar, else None."""
    if blank(r.row.actual):
        return "空"
    target, actual = r.target, r.actual
    if negated(actual.text):
        return "未完成"
    late = _late(ctx, target, actual)
    if late is not None:
        return late
    if target.kind in QUANTITATIVE and actual.kind in QUANTITATIVE:
        return _short(ctx, r)
    return None


def _units_clash(target: Value, actual: Value) -> bool:
    """Both values quantitative with printed units that do not convert into each other."""
    return (
        target.kind in QUANTITATIVE
        and actual.kind in QUANTITATIVE
        and bool(target.unit)
        and bool(actual.unit)
        and not target.embedded
        and not actual.embedded
        and convert(Decimal(1), actual.unit, target.unit) is None
        and not (target.unit in EVENT_UNITS and actual.unit in EVENT_UNITS)
    )


def _percents(ctx: Context, r: RowFacts) -> None:
    """V11: a percentage target or actual value above 100 (other than a growth rate)."""
    name = _name(r)
    growth = any(w in (r.row.level3.text or "") for w in ctx.config.growth_words)
    for value, field, label in ((r.target, "target", "指标值"), (r.actual, "actual", "完成值")):
        if (
            value.kind == "percent"
            and not value.embedded
            and value.number is not None
            and value.number > HUNDRED
            and not growth
        ):
            _emit(
                ctx,
                "indicator.percent-over-100",
                r,
                f"{name} {label}「{value.text}」超过 100%",
                field,
            )


def _values(ctx: Context, r: RowFacts) -> None:
    """V10-V12: units consistent, percentages within 100, units printed, 满意度 measured."""
    target, actual, name = r.target, r.actual, _name(r)
    if _units_clash(target, actual):
        _emit(
            ctx,
            "indicator.unit-mismatch",
            r,
            f"{name} 指标值「{r.row.target.text}」与完成值「{r.row.actual.text}」单位不一致"
            f"（{target.unit} / {actual.unit}）",
            "actual",
        )
    _percents(ctx, r)
    if target.kind == "quantity" and not target.embedded and target.unit is None:
        _emit(
            ctx,
            "indicator.unit-missing",
            r,
            f"{name} 指标值「{r.row.target.text}」没有计量单位",
            "target",
        )
    if _satisfaction(r) and not blank(r.row.actual) and actual.kind not in QUANTITATIVE:
        _emit(
            ctx,
            "indicator.satisfaction-prose",
            r,
            f"{name} 满意度完成值「{r.row.actual.text}」不是调查得出的比率",
            "actual",
        )


def _satisfaction(r: RowFacts) -> bool:
    names = r.names
    return (
        names.level1_code == "SAT"
        or (names.level2_code or "").startswith("SAT")
        or "满意" in (r.row.level3.text or "")
    )


def _recompute(ctx: Context, r: RowFacts) -> None:
    rec = ctx.recomputed.get(r.index)
    if rec is None or r.score is None or r.weight is None:
        return
    name = _name(r)
    places = ctx.config.row_places
    if (
        rec.score is not None
        and rec.formula is not None
        and not rec.agrees(r.score, r.weight, places)
    ):
        other = ""
        if rec.alternative is not None:
            other = f"（另一反向公式得 {show(rec.alternative)}）"
        _emit(
            ctx,
            "indicator.recompute",
            r,
            f"{name} 得分 {show(r.score)} ≠ {FORMULA_TEXT[rec.formula]} = "
            f"{show(r.weight)} × {_ratio_text(r, rec.formula)} = {show(rec.score)}{other}",
            "score",
        )
    if rec.band is not None and r.weight > 0:
        low, high = rec.band.low * r.weight, rec.band.high * r.weight
        if r.score < low or r.score > high:
            _emit(
                ctx,
                "indicator.recompute",
                r,
                f"{name} 完成情况「{r.row.actual.text}」对应得分区间 {show(low)}–{show(high)}"
                f"（{rec.band.name}：分值的 {percent(rec.band.low)}–{percent(rec.band.high)}），"
                f"实得 {show(r.score)}",
                "score",
            )


def _ratio_text(r: RowFacts, formula: str | None) -> str:
    t, a = r.target.number, r.actual.number
    if t is None or a is None:
        return "?"
    if formula == "reverse-ratio":
        return f"{show(t)}/{show(a)}"
    if formula == "reverse-linear":
        return f"(1 − ({show(a)}−{show(t)})/{show(t)})"
    if formula in ("reverse", "zero-target"):
        return "1" if r.score == r.weight else "0"
    return f"min(1, {show(a)}/{show(t)})"
