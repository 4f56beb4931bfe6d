"""audit(form): run every rule on one form; attach(form, audit): store the result on it."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from selfeval.extract.record import Form
from selfeval.normalize.apply import NormalizedForm
from selfeval.validate import config as config_module
from selfeval.validate.config import Config
from selfeval.validate.context import Context
from selfeval.validate.facts import FormFacts, gather
from selfeval.validate.findings import SEVERITY_RANK, Audit, Finding
from selfeval.validate.rules import MODULES
from selfeval.validate.scoring import Recomputed, recompute
from selfeval.validate.sums import Sums, compute


def audit(
    form: Form, config: Config | None = None, normalized: NormalizedForm | None = None
) -> Audit:
    """Check one form's arithmetic and scoring rules; never raises on odd content.

    ``normalized`` is normalize's typed result for ``form`` (``normalize.apply`` returns it);
    without it the form is normalized here (the form itself is not changed).
    """
    config = config or config_module.default()
    facts = gather(form, normalized)
    recomputed = {r.index: recompute(r, config) for r in facts.scored_rows}
    ctx = Context(facts, config, recomputed)
    ctx.sums = compute(facts, recomputed, config)
    for module in MODULES:
        module.check(ctx)
    findings = sorted(
        ctx.findings,
        key=lambda f: (-SEVERITY_RANK[f.severity], f.section != "total", f.row or 0, f.code),
    )
    return Audit(findings, _indicators(facts, recomputed), _summary(facts, ctx.sums, findings))


def attach(form: Form, result: Audit) -> None:
    """Put the audit on the form (form.attachments['audit']), as JSON-safe plain data: the
    one place its Decimals become text."""
    form.attachments["audit"] = result.to_dict()


def _places(value: Decimal | None, unit: str) -> Decimal | None:
    """``value`` quantized to ``unit`` (as printed in the summary); as it is when too large."""
    if value is None:
        return None
    try:
        return value.quantize(Decimal(unit))
    except InvalidOperation:
        return value


def _indicators(facts: FormFacts, recomputed: dict[int, Recomputed]) -> list[dict[str, Any]]:
    out = []
    for r in facts.rows:
        rec = recomputed.get(r.index) or Recomputed(note="no score")
        delta = None
        if rec.score is not None and r.score is not None:
            delta = r.score - rec.score
        out.append(
            {
                "row": r.index,
                "score_reported": r.score,
                "score_recomputed": rec.score,
                "score_delta": delta,
                "formula": rec.formula,
                "band": rec.band.name if rec.band else None,
                "ratio": _places(rec.ratio, "0.0001"),
                "not_recomputable": rec.note,
            }
        )
    return out


def _summary(facts: FormFacts, sums: Sums, findings: list[Finding]) -> dict[str, Any]:
    level1 = {}
    for g in sums.level1:
        key = g.code or g.label or "?"
        if key in level1:
            key = f"{key}:{g.label}"
        level1[key] = {
            "label": g.label,
            "points_printed": g.points,
            "weight": g.weight,
            "score_reported": g.score,
            "score_recomputed": g.score_recomputed,
        }
    subtotals: dict[str, Decimal] = {}
    for g in sums.level1:
        if g.code:
            subtotals[g.code] = subtotals.get(g.code, Decimal(0)) + g.score
    counts = {level: sum(1 for f in findings if f.severity == level) for level in SEVERITY_RANK}
    return {
        "budget_rate_reported": sums.rate_reported,
        "budget_rate_recomputed": _places(sums.rate_computed, "0.000001"),
        "budget_weight": sums.budget_weight,
        "budget_score_reported": sums.budget_score_reported,
        "budget_score_recomputed": sums.budget_score_recomputed,
        "level1": level1,
        "level1_subtotals": {code: v for code, v in subtotals.items()},
        "indicator_score_reported": sums.indicator_score,
        "indicator_score_recomputed": sums.indicator_recomputed,
        "total_reported": facts.total_score,
        "total_sum": sums.total_sum,
        "total_recomputed": sums.total_recomputed,
        "weight_total": sums.weight_total,
        "weight_total_reported": facts.total_weight,
        "grade_reported": facts.form.grade.text,
        "errors": counts["error"],
        "warnings": counts["warning"],
        "infos": counts["info"],
    }
