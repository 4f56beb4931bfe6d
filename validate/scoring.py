"""What a row's score should be by the scoring rules (domain_rules.md R-QNT, R-QLT, R-BUD), and
whether a printed number agrees with an exact recomputation at the precision it is printed to.

Recompute only where the printed values parse cleanly and the rule is unambiguous; otherwise
say why not (``note``) and leave the score None: a guessed number would only raise false
alarms on forms an auditor would accept.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, InvalidOperation

from selfeval.normalize.values import Direction, ValueKind
from selfeval.validate.config import Band, Config
from selfeval.validate.facts import RowFacts, text_key

QUANTITATIVE: tuple[ValueKind, ...] = ("quantity", "percent")
ONE = Decimal(1)
ZERO = Decimal(0)

#: Units that measure the same thing, as multiples of one base unit (万元 = 10000 元).
_SCALES: dict[str, tuple[str, Decimal]] = {
    "元": ("元", ONE),
    "千元": ("元", Decimal(1000)),
    "万元": ("元", Decimal(10_000)),
    "亿元": ("元", Decimal(100_000_000)),
    "人": ("人", ONE),
    "万人": ("人", Decimal(10_000)),
    "人次": ("人次", ONE),
    "万人次": ("人次", Decimal(10_000)),
    "米": ("米", ONE),
    "千米": ("米", Decimal(1000)),
    "公里": ("米", Decimal(1000)),
    "km": ("米", Decimal(1000)),
    "公斤": ("千克", ONE),
    "千克": ("千克", ONE),
    "kg": ("千克", ONE),
    "吨": ("千克", Decimal(1000)),
    "亩": ("亩", ONE),
    "万亩": ("亩", Decimal(10_000)),
    "天": ("天", ONE),
    "日": ("天", ONE),
    "个工作日": ("工作日", ONE),
    "工作日": ("工作日", ONE),
}
#: Counts of events: a target of 3次 is met or not by 1场 (comparable for the unmet check
#: only; a score is never recomputed across them).
EVENT_UNITS = frozenset({"次", "场", "场次", "期", "批", "批次", "轮", "届"})


def round_to(value: Decimal, places: int) -> Decimal:
    """Round half up to ``places`` decimals (forms print 7.633 as 7.63, 0.125 as 0.13)."""
    try:
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # beyond Decimal's precision: keep it as it is
        return value


def places_of(printed: Decimal) -> int:
    """Decimals a number was printed with: 7.63 -> 2, 10 -> 0, 0.7633 -> 4."""
    exponent = printed.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def half_unit(printed: Decimal) -> Decimal:
    """Half a unit of the last printed digit: what rounding to that digit may hide."""
    return Decimal(5).scaleb(-places_of(printed) - 1)


def agrees(printed: Decimal, exact: Decimal) -> bool:
    """True when ``printed`` is ``exact`` rounded to the decimals it is printed with, half up
    (by hand, most templates) or half even (what an office tool's ROUND may give)."""
    unit = Decimal(1).scaleb(-places_of(printed))
    try:
        return printed in (
            exact.quantize(unit, rounding=ROUND_HALF_UP),
            exact.quantize(unit, rounding=ROUND_HALF_EVEN),
        )
    except InvalidOperation:  # beyond Decimal's precision: only equality can be told
        return printed == exact


def score_agrees(printed: Decimal, exact: Decimal, weight: Decimal | None, places: int) -> bool:
    """:func:`agrees` for a score. Full marks are a claim, not a rounding: a score printed as
    its whole weight ('10' of 10) must be the recomputation to ``places`` decimals as well."""
    if not agrees(printed, exact):
        return False
    if weight is not None and printed == weight and places_of(printed) < places:
        return round_to(exact, places) == weight
    return True


def convert(number: Decimal, unit: str | None, to: str | None) -> Decimal | None:
    """``number`` in ``unit`` expressed in ``to`` (5万元 -> 50000 元), None when not comparable."""
    if unit == to or not unit or not to:
        return number
    a, b = _SCALES.get(unit), _SCALES.get(to)
    if a is None or b is None or a[0] != b[0]:
        return None
    return number * a[1] / b[1]


@dataclass(frozen=True)
class Recomputed:
    """One row's recomputation. ``formula`` names the rule used; ``note`` why there is none.

    ``score`` is rounded to the configured places (what the summary shows); ``exact`` is the
    unrounded value the printed score is compared with at its own printed precision.
    """

    score: Decimal | None = None
    formula: str | None = None
    note: str | None = None
    ratio: Decimal | None = None  # actual / target of a quantitative row
    band: Band | None = None  # qualitative rows: the band the wording allows
    alternative: Decimal | None = None  # reverse rows under "either": the other formula's score
    exact: Decimal | None = None
    alternative_exact: Decimal | None = None

    def agrees(self, printed: Decimal, weight: Decimal | None = None, places: int = 2) -> bool:
        """The printed score matches this recomputation (or, under "either", the other)."""
        return self.matching(printed, weight, places) is not None

    def matching(
        self, printed: Decimal, weight: Decimal | None = None, places: int = 2
    ) -> Decimal | None:
        """The exact value ``printed`` agrees with, else None."""
        values = [v for v in (self.exact, self.alternative_exact) if v is not None]
        if not values and self.score is not None:
            values = [self.score]
        return next((v for v in values if score_agrees(printed, v, weight, places)), None)


def quantitative_pair(facts: RowFacts, config: Config) -> tuple[Decimal, Decimal] | str:
    """The target's and the actual's numbers, the actual in the target's unit, when both are
    clean numbers with compatible units, else why not."""
    target, actual = facts.target, facts.actual
    if target.kind not in QUANTITATIVE or actual.kind not in QUANTITATIVE:
        return "not quantitative"
    if (target.embedded or actual.embedded) and not config.recompute_embedded:
        return "number inside prose"
    if target.number is None or actual.number is None:
        return "no number"
    converted = convert(actual.number, actual.unit, target.unit)
    if converted is None:
        return f"units differ ({target.unit} / {actual.unit})"
    if target.number < 0:
        return "target is negative"
    return target.number, converted


def direction(facts: RowFacts) -> Direction:
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
    t, converted = pair
    a = max(converted, ZERO)  # a negative result scores nothing
    places = config.row_places
    if t == 0:
        return _zero_target(facts, weight, a, places)
    ratio = a / t
    if direction(facts) == "positive":
        exact = weight * min(ONE, ratio)
        return Recomputed(round_to(exact, places), "positive", ratio=ratio, exact=exact)
    if a <= t:
        return Recomputed(weight, "reverse", ratio=ratio, exact=weight)
    exact_ratio = weight * min(ONE, t / a)
    exact_line = weight * max(ZERO, ONE - (a - t) / t)
    by_ratio, by_line = round_to(exact_ratio, places), round_to(exact_line, places)
    if config.reverse_formula == "ratio":
        return Recomputed(by_ratio, "reverse-ratio", ratio=ratio, exact=exact_ratio)
    if config.reverse_formula == "linear":
        return Recomputed(by_line, "reverse-linear", ratio=ratio, exact=exact_line)
    reported = facts.score
    if reported is not None and score_agrees(reported, exact_line, weight, places):
        return Recomputed(
            by_line,
            "reverse-linear",
            ratio=ratio,
            alternative=by_ratio,
            exact=exact_line,
            alternative_exact=exact_ratio,
        )
    return Recomputed(
        by_ratio,
        "reverse-ratio",
        ratio=ratio,
        alternative=by_line,
        exact=exact_ratio,
        alternative_exact=exact_line,
    )


def _zero_target(facts: RowFacts, weight: Decimal, actual: Decimal, places: int) -> Recomputed:
    """A target of 0 (=0, ≤0 起, 0 事故): full marks when the actual is 0 too, else none
    (R-QNT 等于, vendor rule); '≥0' / '>0'-style targets are met by any actual."""
    op = facts.target.op
    if op in (">=",) or (op == ">" and actual > 0):
        return Recomputed(weight, "zero-target", exact=weight)
    exact = weight if actual <= 0 else ZERO
    return Recomputed(round_to(exact, places), "zero-target", exact=exact)


def budget_score(weight: Decimal, rate: Decimal, config: Config) -> Decimal:
    """分值 × 执行率 (capped at 1 unless configured otherwise), rounded half up."""
    return round_to(budget_exact(weight, rate, config), config.budget_places)


def budget_exact(weight: Decimal, rate: Decimal, config: Config) -> Decimal:
    """分值 × 执行率 (capped at 1 unless configured otherwise), unrounded."""
    used = min(rate, ONE) if config.cap_rate else rate
    return weight * max(used, ZERO)


def grade_for(total: Decimal, config: Config) -> str | None:
    for name, bound in config.grade_bands:
        if total >= bound:
            return name
    return None
