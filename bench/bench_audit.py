"""Planted-error benchmark of the audit: ``python -m bench audit``.

Copies of clean forms (the seed text dump in ``../shared/seed`` and the clean forms of the
golden corpus) get exactly one planted error each, of one kind; the audit must report the code
that kind calls for (recall per kind) and, where one row explains the error, name that row.
Clean copies changed only in how they print the same numbers (full-width ％, a fraction rate,
full-width digits, thousands separators) must raise no finding the original does not (false
errors). Kinds no rule can see are listed with the reason.
"""

from __future__ import annotations

import copy
import json
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

import selfeval.extract as extract
import selfeval.normalize as normalize
import selfeval.validate as validate
from selfeval.extract import Form
from selfeval.normalize.numbers import parse_decimal, parse_rate
from selfeval.normalize.values import parse_value

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed"
GOLDEN = ROOT / "golden"
COPIES = 3  # planted copies per kind and base form (different rows / amounts)

Plant = dict[str, object]


@dataclass
class Planted:
    data: dict
    code: str
    row: int | None = None  # the row a finding should name (indicator index), if one explains it
    section: str = "indicator"


def _dec(text: object) -> Decimal | None:
    return parse_decimal(text) if isinstance(text, str) else None


def _rows(data: dict, keep: Callable[[int, dict], bool]) -> list[int]:
    return [i for i, r in enumerate(data["indicators"]) if keep(i, r)]


def _full(i: int, r: dict) -> bool:
    w, s = _dec(r.get("weight")), _dec(r.get("score"))
    return w is not None and s is not None and w > 0 and w == s


def _fmt(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _total_fund(data: dict) -> dict | None:
    funds = data.get("funds") or []
    return next((f for f in funds if "总额" in (f.get("item") or "")), funds[0] if funds else None)


# -- the kinds -------------------------------------------------------------------------------


def total_off(data: dict, rng: random.Random) -> Iterator[Planted]:
    total = _dec(data["total"].get("score"))
    if total is None:
        return
    for delta in ("0.01", "-0.5", "6"):
        d = copy.deepcopy(data)
        d["total"]["score"] = _fmt(total + Decimal(delta))
        yield Planted(d, "total.sum", None, "total")


def row_score_changed(data: dict, rng: random.Random, audit: validate.Audit) -> Iterator[Planted]:
    """A full-score row that cannot be recomputed loses points; the total is left as it was."""
    unrec = {r["row"] for r in audit.indicators if r["score_recomputed"] is None and not r["band"]}
    rows = [i for i in _rows(data, _full) if i in unrec]
    for i in rng.sample(rows, min(COPIES, len(rows))):
        d = copy.deepcopy(data)
        r = d["indicators"][i]
        r["score"] = _fmt(_dec(r["score"]) - Decimal("0.3"))  # type: ignore[operator]
        r["deviation"] = "部分工作延期"  # a reason, so only the total can tell
        yield Planted(d, "total.sum", i)


def weight_changed(data: dict, rng: random.Random) -> Iterator[Planted]:
    rows = _rows(data, _full)
    for i in rng.sample(rows, min(COPIES, len(rows))):
        d = copy.deepcopy(data)
        r = d["indicators"][i]
        r["weight"] = _fmt(_dec(r["weight"]) + 1)  # type: ignore[operator]
        yield Planted(d, "total.weight", i)


def score_exceeds(data: dict, rng: random.Random) -> Iterator[Planted]:
    rows = _rows(data, _full)
    for i in rng.sample(rows, min(COPIES, len(rows))):
        d = copy.deepcopy(data)
        r = d["indicators"][i]
        r["score"] = _fmt(_dec(r["weight"]) + Decimal("0.01"))  # type: ignore[operator]
        yield Planted(d, "indicator.score-exceeds-weight", i)


def budget_score_off(data: dict, rng: random.Random) -> Iterator[Planted]:
    fund = _total_fund(data)
    score = _dec(fund.get("score")) if fund else None
    if fund is None or score is None or _dec(fund.get("weight")) is None:
        return
    rate = parse_rate(fund.get("rate"))
    weight = _dec(fund.get("weight"))
    assert weight is not None
    exact = weight * min(rate, Decimal(1)) if rate is not None else None
    for delta in ("0.01", "-0.01"):
        wrong = score + Decimal(delta)
        if exact is not None and wrong == exact.quantize(wrong, rounding=ROUND_HALF_EVEN):
            continue  # 9.54 for 9.545 is an office tool's rounding, no error
        d = copy.deepcopy(data)
        f = _total_fund(d)
        assert f is not None
        f["score"] = format(wrong, "f")
        yield Planted(d, "budget.score", None, "fund")


def budget_rate_off(data: dict, rng: random.Random) -> Iterator[Planted]:
    fund = _total_fund(data)
    if fund is None or not fund.get("rate") or not fund.get("executed"):
        return
    m = re.fullmatch(r"(\d+(?:\.\d+)?)%", fund["rate"])
    if not m:
        return
    printed = Decimal(m.group(1))
    unit = Decimal(1).scaleb(printed.as_tuple().exponent)  # type: ignore[arg-type]
    for delta in (unit, -unit):
        d = copy.deepcopy(data)
        f = _total_fund(d)
        assert f is not None
        f["rate"] = f"{printed + delta}%"
        yield Planted(d, "budget.rate", None, "fund")


NEGATIONS = ("尚未完成", "未能完成", "没有完成", "暂未开展", "未按期完成", "未完成", "未开展")


def _full_score_with(
    data: dict, rng: random.Random, changes: tuple[dict[str, str], ...]
) -> Iterator[Planted]:
    """One copy per change: a row scored in full gets the change (its actual unmet)."""
    rows = _rows(data, _full)
    for change in changes:
        if not rows:
            return
        i = rng.choice(rows)
        d = copy.deepcopy(data)
        d["indicators"][i].update(change)
        yield Planted(d, "indicator.full-score-unmet", i)


def unmet_negation(data: dict, rng: random.Random) -> Iterator[Planted]:
    yield from _full_score_with(data, rng, tuple({"actual": word} for word in NEGATIONS))


def unmet_deadline(data: dict, rng: random.Random) -> Iterator[Planted]:
    pairs = (("2021年10月前完成", "2022年6月完成"), ("9月底前", "12月完成"))
    yield from _full_score_with(data, rng, tuple({"target": t, "actual": a} for t, a in pairs))


def unmet_units(data: dict, rng: random.Random) -> Iterator[Planted]:
    pairs = (("≥3次", "1场"), ("≥5期", "2批次"), ("≥10万元", "50000元"))
    yield from _full_score_with(data, rng, tuple({"target": t, "actual": a} for t, a in pairs))


def zero_target(data: dict, rng: random.Random) -> Iterator[Planted]:
    rows = _rows(data, _full)
    for i in rng.sample(rows, min(COPIES, len(rows))):
        d = copy.deepcopy(data)
        d["indicators"][i].update(target="=0起", actual="2起")
        yield Planted(d, "indicator.recompute", i)


def recompute_last_digit(
    data: dict, rng: random.Random, audit: validate.Audit
) -> Iterator[Planted]:
    rows = [
        r["row"] for r in audit.indicators if r["formula"] == "positive" and r["score_delta"] == 0
    ]
    for i in rng.sample(rows, min(COPIES, len(rows))):
        d = copy.deepcopy(data)
        r = d["indicators"][i]
        score, weight = _dec(r["score"]), _dec(r["weight"])
        target, actual = parse_value(r["target"]).number, parse_value(r["actual"]).number
        assert score is not None and weight is not None and target and actual is not None
        wrong = score - Decimal("0.01")
        exact = weight * min(Decimal(1), actual / target)
        if wrong == exact.quantize(wrong, rounding=ROUND_HALF_EVEN):
            continue  # 1.72 for 1.725 is an office tool's rounding, no error
        r["score"] = format(wrong, "f")
        r["deviation"] = "略有偏差"
        yield Planted(d, "indicator.recompute", i)


def deviation_missing(data: dict, rng: random.Random) -> Iterator[Planted]:
    rows = _rows(data, _full)
    for i in rng.sample(rows, min(COPIES, len(rows))):
        d = copy.deepcopy(data)
        r = d["indicators"][i]
        r["score"] = _fmt(_dec(r["score"]) * Decimal("0.8"))  # type: ignore[operator]
        r["deviation"] = None
        yield Planted(d, "indicator.deviation-missing", i)


def low_rate(data: dict, rng: random.Random) -> Iterator[Planted]:
    fund = _total_fund(data)
    base = _dec(fund.get("budget_full")) if fund else None
    weight = _dec(fund.get("weight")) if fund else None
    if fund is None or base is None or weight is None or base <= 0:
        return
    d = copy.deepcopy(data)
    f = _total_fund(d)
    assert f is not None
    executed = (base / 2).quantize(Decimal("0.01"))
    f.update(executed=format(executed, "f"), rate="50.00%", score=_fmt(weight / 2))
    for sub in d["funds"]:
        if sub is not f:
            sub.update(executed=None, rate=None)
    d["goals"] = {"expected": None, "actual": None}
    d.pop("remarks", None)
    for r in d["indicators"]:
        r["deviation"] = None
    yield Planted(d, "budget.low-rate-reason", None, "fund")


def sub_rate(data: dict, rng: random.Random) -> Iterator[Planted]:
    for j, sub in enumerate(data.get("funds") or []):
        if "总额" in (sub.get("item") or "") or not sub.get("rate") or not sub.get("executed"):
            continue
        m = re.fullmatch(r"(\d+(?:\.\d+)?)%", sub["rate"])
        if not m:
            continue
        d = copy.deepcopy(data)
        d["funds"][j]["rate"] = f"{Decimal(m.group(1)) - 1}%"
        yield Planted(d, "funds.rate", None, "fund")
        return


def funds_breakdown(data: dict, rng: random.Random) -> Iterator[Planted]:
    for j, sub in enumerate(data.get("funds") or []):
        amount = _dec(sub.get("budget_full"))
        if "总额" in (sub.get("item") or "") or amount is None or amount <= 10:
            continue
        d = copy.deepcopy(data)
        d["funds"][j]["budget_full"] = format(amount + 10, "f")
        yield Planted(d, "funds.breakdown", None, "fund")
        return


def overspent(data: dict, rng: random.Random) -> Iterator[Planted]:
    fund = _total_fund(data)
    base = _dec(fund.get("budget_full")) if fund else None
    if fund is None or base is None or base <= 0:
        return
    d = copy.deepcopy(data)
    f = _total_fund(d)
    assert f is not None
    f["executed"] = format(base + 1, "f")
    yield Planted(d, "budget.overspent", None, "fund")


def unit_mismatch(data: dict, rng: random.Random) -> Iterator[Planted]:
    rows = _rows(data, _full)
    for i in rng.sample(rows, min(COPIES, len(rows))):
        d = copy.deepcopy(data)
        d["indicators"][i].update(target="≥100人", actual="100万元")
        yield Planted(d, "indicator.unit-mismatch", i)


def percent_over_100(data: dict, rng: random.Random) -> Iterator[Planted]:
    rows = _rows(data, lambda i, r: _full(i, r) and "增" not in (r.get("level3") or ""))
    for i in rng.sample(rows, min(COPIES, len(rows))):
        d = copy.deepcopy(data)
        d["indicators"][i].update(target="≥120%", actual="125%")
        yield Planted(d, "indicator.percent-over-100", i)


def unit_missing(data: dict, rng: random.Random) -> Iterator[Planted]:
    rows = _rows(data, _full)
    for i in rng.sample(rows, min(COPIES, len(rows))):
        d = copy.deepcopy(data)
        d["indicators"][i].update(target="≥100", actual="120")
        yield Planted(d, "indicator.unit-missing", i)


def satisfaction_prose(data: dict, rng: random.Random) -> Iterator[Planted]:
    rows = _rows(data, lambda i, r: "满意" in (r.get("level3") or r.get("level2") or ""))
    for i in rows[:1]:
        d = copy.deepcopy(data)
        d["indicators"][i]["actual"] = "群众普遍反映良好，未接到投诉"
        yield Planted(d, "indicator.satisfaction-prose", i)


def level1_missing(data: dict, rng: random.Random) -> Iterator[Planted]:
    rows = [r for r in data["indicators"] if (r.get("level1") or "").startswith("效益")]
    if not rows:
        return
    d = copy.deepcopy(data)
    d["indicators"] = [r for r in d["indicators"] if not (r.get("level1") or "").startswith("效益")]
    yield Planted(d, "structure.level1-missing", None, "form")


def compensated(data: dict, rng: random.Random, audit: validate.Audit) -> Iterator[Planted]:
    """Invisible by design: a row that cannot be recomputed and its total both lowered."""
    unrec = {r["row"] for r in audit.indicators if r["score_recomputed"] is None and not r["band"]}
    rows = [i for i in _rows(data, _full) if i in unrec]
    total = _dec(data["total"].get("score"))
    if total is None:
        return
    for i in rng.sample(rows, min(COPIES, len(rows))):
        d = copy.deepcopy(data)
        r = d["indicators"][i]
        r["score"] = _fmt(_dec(r["score"]) - 1)  # type: ignore[operator]
        r["deviation"] = "部分工作延期"
        d["total"]["score"] = _fmt(total - 1)
        yield Planted(d, "(none)", i)


KINDS: dict[str, Callable[..., Iterator[Planted]]] = {
    "total off (0.01 / 0.5 / 6)": total_off,
    "row score changed, total kept": row_score_changed,
    "row weight changed": weight_changed,
    "score > weight by 0.01": score_exceeds,
    "budget score ±0.01": budget_score_off,
    "执行率 ± last digit": budget_rate_off,
    "full score, negated actual": unmet_negation,
    "full score, late deadline": unmet_deadline,
    "full score, short in other unit": unmet_units,
    "= target of 0 (V06)": zero_target,
    "row score −0.01 (recomputable)": recompute_last_digit,
    "score < weight, no reason": deviation_missing,
    "low 执行率, no reason (V08)": low_rate,
    "其中 row 执行率 (V03)": sub_rate,
    "其中 rows ≠ total": funds_breakdown,
    "执行数 > 预算数": overspent,
    "units differ (V10)": unit_mismatch,
    "percent > 100 (V10)": percent_over_100,
    "no unit (V11)": unit_missing,
    "满意度 prose actual (V12)": satisfaction_prose,
    "level 1 missing (V15)": level1_missing,
}
INVISIBLE: dict[str, tuple[Callable[..., Iterator[Planted]], str]] = {
    "row score and total both lowered (not recomputable)": (
        compensated,
        "the row's value is prose or unparseable and the total still adds up: nothing printed "
        "contradicts the new score (a reason is given)",
    ),
}
NEEDS_AUDIT = {row_score_changed, recompute_last_digit, compensated}


# -- clean variants: the same numbers printed otherwise ----------------------------------------


def _text_variants(text: str) -> dict[str, str]:
    rate = re.search(r"(\d+\.\d+)%", text)
    out = {"full-width ％ in 执行率": text.replace("%", "％")}
    if rate:
        fraction = format(Decimal(rate.group(1)).scaleb(-2), "f")
        out["fraction rate (0.7633)"] = text.replace(rate.group(0), fraction)
    return out


def _dict_variants(data: dict) -> dict[str, dict]:
    wide = copy.deepcopy(data)
    table = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
    for r in wide["indicators"]:
        for f in ("weight", "score"):
            if r.get(f):
                r[f] = r[f].translate(table)
    thousands = copy.deepcopy(data)
    for f in thousands.get("funds") or []:
        for key in ("budget_initial", "budget_full", "executed"):
            amount = _dec(f.get(key))
            if amount is not None and amount >= 1000:
                f[key] = f"{amount:,}"
    return {"full-width digits in 分值/得分": wide, "thousands separators in amounts": thousands}


# -- running ---------------------------------------------------------------------------------


def _audit(data: dict) -> validate.Audit:
    form = Form.from_dict(data)
    return validate.audit(form, normalized=normalize.apply(form))


def _errors(audit: validate.Audit) -> set[tuple[str, int | None, str]]:
    return {(f.code, f.row, f.severity) for f in audit.findings}


def bases() -> list[tuple[str, dict]]:
    """The clean forms: the seed text dump read by the text reader, and the clean goldens."""
    out = []
    for path in sorted(SEED.glob("*.txt")):
        for form in extract.read(path):
            out.append((f"seed:{path.stem}", form.to_dict()))
    for path in sorted(GOLDEN.glob("*.json")):
        for data in json.loads(path.read_text(encoding="utf-8")):
            if not data.get("expected_findings"):
                out.append((path.stem, data))
    return out


def _found(audit: validate.Audit, planted: Planted) -> tuple[bool, bool | None]:
    """(the code was reported, the row was named — None when no row is to be named)."""
    hits = [f for f in audit.findings if f.code == planted.code]
    if not hits:
        return False, None if planted.row is None else False
    if planted.row is None:
        return True, None
    return True, any(f.row == planted.row and f.section == "indicator" for f in hits)


def run() -> str:
    if not SEED.is_dir():
        raise FileNotFoundError(f"{SEED} is missing: the seed lives beside the repository")
    rng = random.Random(16)
    forms = bases()
    lines = [f"{len(forms)} clean base forms (seed text + clean goldens), one error per copy", ""]
    lines.append(f"{'kind':38} {'copies':>6} {'found':>6} {'recall':>7} {'row named':>10}")
    worst = Decimal(1)
    total_copies = 0
    for name, kind in KINDS.items():
        copies = found = rows = named = 0
        for _, data in forms:
            args = (data, rng, _audit(data)) if kind in NEEDS_AUDIT else (data, rng)
            for planted in kind(*args):
                copies += 1
                ok, row_ok = _found(_audit(planted.data), planted)
                found += ok
                if row_ok is not None:
                    rows += 1
                    named += row_ok
        total_copies += copies
        recall = Decimal(found) / copies if copies else Decimal(0)
        worst = min(worst, recall)
        named_text = f"{named}/{rows}" if rows else "—"
        lines.append(f"{name:38} {copies:>6} {found:>6} {recall:>7.1%} {named_text:>10}")
    lines.append(f"{'all kinds':38} {total_copies:>6}   lowest recall {worst:.1%}")
    lines += ["", "kinds no rule can see:"]
    for name, (kind, why) in INVISIBLE.items():
        copies = flagged = 0
        for _, data in forms:
            for planted in kind(data, rng, _audit(data)):
                copies += 1
                new = _errors(_audit(planted.data)) - _errors(_audit(data))
                flagged += any(sev == "error" for _, _, sev in new)
        lines.append(f"  {name}: {flagged}/{copies} flagged — {why}")
    lines += ["", "false findings on clean copies (same numbers, printed otherwise):"]
    false_errors = false_other = clean_copies = 0
    for path in sorted(SEED.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        base = [_errors(validate.audit(f)) for f in extract.read(path)]
        for variant, changed in _text_variants(text).items():
            tmp = ROOT / ".bench_audit_variant.txt"
            tmp.write_text(changed, encoding="utf-8")
            try:
                got = [_errors(validate.audit(f)) for f in extract.read(tmp)]
            finally:
                tmp.unlink()
            clean_copies += 1
            extra = set().union(*got) - set().union(*base)
            false_errors += sum(1 for _, _, s in extra if s == "error")
            false_other += sum(1 for _, _, s in extra if s != "error")
            lines.append(f"  seed, {variant}: {len(extra)} new finding(s) {sorted(extra)}")
    for _, data in forms:
        base_errors = _errors(_audit(data))
        for _variant, changed in _dict_variants(data).items():
            clean_copies += 1
            extra = _errors(_audit(changed)) - base_errors
            false_errors += sum(1 for _, _, s in extra if s == "error")
            false_other += sum(1 for _, _, s in extra if s != "error")
    lines.append(
        f"  {clean_copies} clean copies: {false_errors} false error(s), "
        f"{false_other} other new finding(s)"
    )
    return "\n".join(lines)
