"""What a row's score should be by the scoring rules (domain_rules.md R-QNT, R-QLT, R-BUD).

Recompute only where the printed values parse cleanly and the rule is unambiguous; otherwise
say why not (``note``) and leave the score None: a guessed number would only raise false
alarms on forms an auditor would accept.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from normalize.values import Value
from validate.config import Band, Config
from validate.facts import RowFacts, text_key

QUANTITATIVE = ("quantity", "percent")
ONE = Decimal(1)
ZERO = Decimal(0)


def round_to(value: Decimal, places: int) -> Decimal:
    """Round half up to ``places`` decimals (forms print 7.633 as 7.63, 0.125 as 0.13)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Recomputed:
    """One row's recomputation. ``formula`` names the rule used; ``note`` why there is none."""

    score: Decimal | None = None
    formula: str | None = None
    note: str | None = None
    ratio: Decimal | None = None  # actual / target of a quantitative row
    band: Band | None = None  # qualitative rows: the band the wording allows
    alternative: Decimal | None = None  # reverse rows under "either": the other formula's score


def quantitative_pair(facts: RowFacts, config: Config) -> tuple[Value, Value] | str:
    """(target, actual) when both are clean numbers with compatible units, else why not."""
    target, actual = facts.target, facts.actual
    if target.kind not in QUANTITATIVE or actual.kind not in QUANTITATIVE:
        return "not quantitative"
    if (target.embedded or actual.embedded) and not config.recompute_embedded:
        return "number inside prose"
    if target.number is None or actual.number is None:
        return "no number"
    if target.unit and actual.unit and target.unit != actual.unit:
        return f"units differ ({target.unit} / {actual.unit})"
    if target.number <= 0:
        return "target is not positive"
    return target, actual


def direction(facts: RowFacts) -> str:
    """'reverse' for ceilings (≤, <, cost rows), else 'positive' (≥, >, =, bare numbers)."""
    if facts.target.direction == "reverse" or facts.target.op in ("<=", "<"):
        return "reverse"
    return "positive"


def band_of(actual_text: str | None, config: Config) -> Band | None:
    key = text_key(actual_text)
    if not key:
        return None
    for band in config.bands:
        if key in (text_key(w) for w in band.words):
            return band
    return None


def recompute(facts: RowFacts, config: Config) -> Recomputed:
    """The row score by R-QNT (quantitative) or the R-QLT band (qualitative wording)."""
    weight = facts.weight
    if weight is None or weight <= 0:
        return Recomputed(note="no weight")
    pair = quantitative_pair(facts, config)
    if isinstance(pair, str):
        band = band_of(facts.actual.text, config)
        if band is not None:
            return Recomputed(formula="qualitative-band", band=band)
        return Recomputed(note=pair)
    target, actual = pair
    t = target.number
    a = max(actual.number, ZERO)  # a negative result scores nothing
    places = config.row_places
    ratio = a / t
    if direction(facts) == "positive":
        return Recomputed(round_to(weight * min(ONE, ratio), places), "positive", ratio=ratio)
    if a <= t:
        return Recomputed(weight, "reverse", ratio=ratio)
    by_ratio = round_to(weight * min(ONE, t / a), places)
    by_line = round_to(weight * max(ZERO, ONE - (a - t) / t), places)
    if config.reverse_formula == "ratio":
        return Recomputed(by_ratio, "reverse-ratio", ratio=ratio)
    if config.reverse_formula == "linear":
        return Recomputed(by_line, "reverse-linear", ratio=ratio)
    reported = facts.score
    if reported is not None and abs(reported - by_line) <= config.row_tolerance:
        return Recomputed(by_line, "reverse-linear", ratio=ratio, alternative=by_ratio)
    return Recomputed(by_ratio, "reverse-ratio", ratio=ratio, alternative=by_line)


def budget_score(weight: Decimal, rate: Decimal, config: Config) -> Decimal:
    """分值 × 执行率 (capped at 1 unless configured otherwise), rounded half up."""
    used = min(rate, ONE) if config.cap_rate else rate
    return round_to(weight * max(used, ZERO), config.budget_places)


def grade_for(total: Decimal, config: Config) -> str | None:
    for name, bound in config.grade_bands:
        if total >= bound:
            return name
    return None
