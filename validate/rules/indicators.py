"""Indicator rows: score within 0..分值, by the scoring rule, reasons where points were lost or
targets far exceeded, and no full marks for an unmet target."""

from __future__ import annotations

from validate.context import Context, percent, show
from validate.facts import RowFacts, blank, text_key

CODES = (
    "indicator.score-exceeds-weight",
    "indicator.score-negative",
    "indicator.recompute",
    "indicator.deviation-missing",
    "indicator.full-score-unmet",
    "indicator.overachieved",
)
FORMULA_TEXT = {
    "positive": "正向指标 分值 × min(1, 完成值/指标值)",
    "reverse": "反向指标 完成值 ≤ 指标值，得满分",
    "reverse-ratio": "反向指标 分值 × min(1, 指标值/完成值)",
    "reverse-linear": "反向指标 分值 × (1 − (完成值−指标值)/指标值)",
}


def _name(r: RowFacts) -> str:
    return f"「{r.row.level3.text or r.row.level2.text or f'第{r.index + 1}行'}」"


def _emit(ctx: Context, code: str, r: RowFacts, message: str, field: str) -> None:
    ctx.emit(code, message, section="indicator", row=r.index, field=field, page=r.page(field))


def check(ctx: Context) -> None:
    doubted = ctx.facts.doubted_rows
    for r in ctx.facts.scored_rows:
        if r.index not in doubted:  # the reader's doubt is reported as reading.*, not here
            _row(ctx, r)


def _row(ctx: Context, r: RowFacts) -> None:
    tol = ctx.config.row_tolerance
    w, s = r.weight, r.score
    if s is None or w is None:
        return  # structure.missing-field
    name = _name(r)
    if s > w + tol:
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
    if s < w - tol and not r.has_reason:
        _emit(
            ctx,
            "indicator.deviation-missing",
            r,
            f"{name} 得分 {show(s)} 低于分值 {show(w)}，未填写偏差原因分析及改进措施",
            "deviation",
        )
    if w > 0 and s >= w and _unmet(ctx, r):
        actual = r.row.actual.text or "空"
        _emit(
            ctx,
            "indicator.full-score-unmet",
            r,
            f"{name} 实际完成值为「{actual}」，却得满分 {show(s)}",
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


def _unmet(ctx: Context, r: RowFacts) -> bool:
    if blank(r.row.actual):
        return True
    key = text_key(r.row.actual.text)
    return any(key.startswith(text_key(word)) for word in ctx.config.unmet_words)


def _recompute(ctx: Context, r: RowFacts) -> None:
    rec = ctx.recomputed.get(r.index)
    if rec is None or r.score is None or r.weight is None:
        return
    tol = ctx.config.row_tolerance
    name = _name(r)
    if rec.score is not None and abs(r.score - rec.score) > tol:
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
        if r.score < low - tol or r.score > high + tol:
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
    if formula == "reverse":
        return "1"
    return f"min(1, {show(a)}/{show(t)})"
