"""The arithmetic a clean form obeys, so generated forms add up the way validators expect.

Quantitative rows score weight x min(1, actual/target) (reverse for <= targets), rounded half-up to
2 places; budget score is 10 x min(rate, 1) on the printed rate; totals are plain sums.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

NUM = re.compile(r"^(≥|≧|>=|>|≤|<=|<|=|＝|═)?\s*(\d+(?:\.\d+)?)\s*(\S*)$")
REVERSE_OPS = {"≤", "<=", "<"}


def d(x: str | int | float | Decimal) -> Decimal:
    return x if isinstance(x, Decimal) else Decimal(str(x))


def q2(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def fmt(x: Decimal, places: int | None = None) -> str:
    """Print a number the way forms do: '8', '7.63', '0.5' (or fixed places when asked)."""
    if places is not None:
        return f"{x.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):f}"
    s = f"{q2(x):f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def parse(value: str | None) -> tuple[str, Decimal, str] | None:
    """(op, number, unit) for values like '≥95%', '=8个', '132.9', else None."""
    if not value:
        return None
    m = NUM.match(value.strip())
    if not m:
        return None
    return m.group(1) or "", Decimal(m.group(2)), m.group(3)


def ratio(target: str | None, actual: str | None) -> Decimal | None:
    """Achievement ratio of a quantitative row, capped at 1; None when not quantitative."""
    t, a = parse(target), parse(actual)
    if not t or not a or t[1] == 0:
        return None
    if a[2] and t[2] and a[2] != t[2]:
        return None
    if t[0] in REVERSE_OPS:
        return Decimal(1) if a[1] <= t[1] else t[1] / a[1]
    return min(Decimal(1), a[1] / t[1])


def row_score(
    weight: Decimal, target: str | None, actual: str | None, frac: Decimal | None
) -> Decimal:
    """Score of a row: the quantitative formula, else ``frac`` of the weight (qualitative)."""
    r = ratio(target, actual)
    if r is None:
        r = frac if frac is not None else Decimal(1)
    return q2(weight * r)


def split_weight(total: int, n: int) -> list[int]:
    """Integers summing to ``total``, as even as possible, larger ones first."""
    base, extra = divmod(total, n)
    return [base + (1 if i < extra else 0) for i in range(n)]


def rate_text(executed: Decimal, budget: Decimal, places: int = 2) -> str:
    pct = (executed / budget * 100) if budget else Decimal(0)
    return fmt(pct, places) + "%"


def budget_score(rate: str, weight: Decimal = Decimal(10)) -> Decimal:
    """10 x min(printed rate, 1), rounded to 2 places."""
    pct = Decimal(rate.rstrip("%")) / 100
    return q2(weight * min(Decimal(1), pct))


def grade_for(total: Decimal) -> str:
    if total >= 90:
        return "优"
    if total >= 80:
        return "良"
    if total >= 60:
        return "中"
    return "差"
