"""Turn a topic into a printed form of one template family, with scores that add up.

``build`` makes a clean form (the checks in ``assert_clean`` hold); ``breaks`` then plants one
deliberate error and records the validator code it must raise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from samples.model import Form, Fund, Row
from samples.scoring import (
    budget_score,
    d,
    fmt,
    grade_for,
    parse,
    q2,
    rate_text,
    ratio,
    row_score,
    split_weight,
)
from samples.wording import TOPICS, Topic

TITLES = {
    "A": "项目支出绩效自评表",
    "A-AH": "项目支出绩效自评表",
    "A-YN": "项目支出绩效自评表",
    "B": "绩效目标自评表",
    "C": "部门预算项目支出绩效自评表",
    "DEPT": "部门整体支出绩效自评表",
}
L1_NAMES = {"产出": "产出指标", "效益": "效益指标", "满意度": "满意度指标"}
SPLIT_FAMILIES = {"A-YN", "C"}


@dataclass
class Options:
    weights: tuple[int, int, int] = (50, 30, 10)  # 产出, 效益, 满意度 (budget is 10)
    l1_style: str = "plain"  # plain | points ("产出指标(50分)") | lost ("(50分)")
    na: str = "-"  # marker in the 分值/得分 cells of fund sub-rows
    money_places: int | None = None  # print money with fixed places ("492.000000")
    rate_places: int = 2
    grade: bool = False
    placeholders: bool = False  # "……" rows after each level-2 group (Anhui)
    title: str | None = None
    footnote: str | None = None


def _parts(target: str | tuple) -> tuple[str, str, str]:
    """Split '≥95%' into ('≥', '95', '%') for grids that print them in three columns."""
    if isinstance(target, tuple):
        return target
    p = parse(target)
    if p is None:
        return ("", target, "")
    op, _, unit = p
    body = target.strip()[len(op) :]
    return (op, body[: len(body) - len(unit)].strip(), unit)


def _joined(target: str | tuple | None) -> str | None:
    if target is None:
        return None
    return "".join(target) if isinstance(target, tuple) else target


def _money(value: str, places: int | None) -> str:
    return fmt(d(value), places) if places is not None else value


def _l1_label(key: str, points: int, style: str) -> str:
    name = L1_NAMES[key]
    if style == "points":
        return f"{name}({points}分)"
    if style == "lost":
        return f"({points}分)"
    return name


def _effective_weights(groups: dict[str, list[tuple]], opt: Options) -> tuple[int, int, int]:
    """The level-1 points; a missing 满意度 block hands its points to 效益 (as 10号 allows)."""
    out, eff, sat = opt.weights
    if not any(s[2] for s in groups["满意度"]):
        eff, sat = eff + sat, 0
    return out, eff, sat


def _rows(topic: Topic, family: str, opt: Options) -> list[Row]:
    groups: dict[str, list[tuple]] = {"产出": [], "效益": [], "满意度": []}
    for spec in topic.rows:
        groups[spec[0]].append(spec)
    out: list[Row] = []
    for key, total in zip(("产出", "效益", "满意度"), _effective_weights(groups, opt), strict=True):
        specs = groups[key]
        scored = [s for s in specs if s[2] and s[3] not in (None, "/")]
        weights = iter(split_weight(total, len(scored))) if scored else iter(())
        label = _l1_label(key, total, opt.l1_style)
        prev_l2 = None
        for _, l2, l3, target, actual, deviation, frac in specs:
            if opt.placeholders and prev_l2 and l2 != prev_l2:
                out.append(Row(label, prev_l2, "……"))
            prev_l2 = l2
            actual_text = actual[1] if isinstance(actual, tuple) else actual
            if family == "C" and isinstance(actual, tuple):
                actual_text = actual[0]
            if l3 is None or target is None:
                out.append(Row(label, l2, l3))
                continue
            if target == "/":
                out.append(Row(label, l2, l3, "/", "/", "/", "/"))
                continue
            parts = _parts(target) if family in SPLIT_FAMILIES else None
            target_text = "".join(parts) if parts else _joined(target)
            w = next(weights)
            score = row_score(d(w), target_text, actual_text, d(frac) if frac else None)
            out.append(
                Row(label, l2, l3, target_text, actual_text, str(w), fmt(score), deviation, parts)
            )
        if opt.placeholders and prev_l2:
            out.append(Row(label, prev_l2, "……"))
    return out


def _funds(topic: Topic, family: str, opt: Options) -> tuple[list[Fund], Decimal]:
    initial, full, executed = (d(x) for x in topic.budget)
    rate = rate_text(executed, full, opt.rate_places)
    score = budget_score(rate)
    m = opt.money_places
    na = opt.na

    def money(x: Decimal | str) -> str:
        return _money(str(x), m)

    total = Fund(
        "年度资金总额",
        money(topic.budget[0]),
        money(topic.budget[1]),
        money(topic.budget[2]),
        "10",
        rate,
        fmt(score),
    )
    if topic.carryover:
        c_init, c_full, c_exec = (d(x) for x in topic.carryover)
        own = (initial - c_init, full - c_full, executed - c_exec)
        carry = Fund(
            "上年结转资金",
            money(c_init),
            money(c_full),
            money(c_exec),
            na,
            rate_text(c_exec, c_full, opt.rate_places),
            na,
        )
    else:
        own = (initial, full, executed)
        carry = Fund("上年结转资金")
    fiscal_rate = rate_text(own[2], own[1], opt.rate_places)
    if family == "C":
        total.item = "总额"
        if score < 10 and d(rate.rstrip("%")) < 90:
            total.reason = "部分项目受汛期影响结转下年实施,预算执行率未达到90%。"
        zero = "0.00"
        return [
            total,
            Fund("其中:财政资金", *(money(x) for x in own), "/", fiscal_rate, "/"),
            Fund("财政专户管理资金", zero, zero, zero, "/", "0.00%", "/"),
            Fund("单位资金", zero, zero, zero, "/", "0.00%", "/"),
            Fund("其他资金", None, None, None, "/", None, "/"),
        ], score
    if family == "B":
        total.item = "年度资金总额:"
        total.budget_initial = None
        return [
            total,
            Fund("其中:本年财政拨款", None, money(own[1]), money(own[2]), na, fiscal_rate, na),
            Fund("其他资金", None, None, None, na, None, na),
        ], score
    fiscal = Fund("其中:当年财政拨款", *(money(x) for x in own), na, fiscal_rate, na)
    return [total, fiscal, carry, Fund("其他资金")], score


def build(key: str, family: str, opt: Options | None = None) -> Form:
    """A clean form of ``family`` about topic ``key``."""
    opt = opt or Options()
    topic = TOPICS[key]
    rows = _rows(topic, family, opt)
    funds, fund_score = _funds(topic, family, opt)
    total = fund_score + sum((d(r.score) for r in rows if _scored(r)), Decimal(0))
    weights = 10 + sum(d(r.weight) for r in rows if _scored(r))
    dept = family == "DEPT"
    form = Form(
        family=family,
        title=opt.title or TITLES[family],
        year=topic.year,
        project_name=None if dept else topic.project,
        department=topic.department,
        implementer=None if dept else topic.implementer,
        managers=topic.managers or None,
        phone=topic.phone or None,
        funds=funds,
        goals_expected=topic.expected,
        goals_actual=topic.actual,
        rows=rows,
        total_weight=fmt(weights),
        total_score=fmt(q2(total)),
        grade=grade_for(total) if opt.grade else None,
        footnote=opt.footnote,
        topic=key,
    )
    if family == "C":
        form.footer = [
            (
                "评价结论",
                f"项目自评总分{form.total_score}分,项目资金使用规范,年度绩效目标基本完成。",
            ),
            ("存在问题", "部分指标设置不够精准,绩效目标与年度工作任务衔接有待加强。"),
            ("改进措施", "下一步将科学设置绩效指标,加强绩效运行监控,及时纠偏。"),
        ]
    assert_clean(form)
    return form


def _scored(r: Row) -> bool:
    return r.weight is not None and r.weight not in ("/", "-", "—") and r.score not in (None, "/")


def assert_clean(form: Form) -> None:
    """The invariants of a clean form; a generator bug must not ship a dirty 'clean' sample."""
    total = d(form.funds[0].score)
    weights = d(form.funds[0].weight)
    for r in form.rows:
        if not _scored(r):
            continue
        w, s = d(r.weight), d(r.score)
        weights += w
        total += s
        assert s <= w, r
        if s < w:
            assert r.deviation, f"unexplained shortfall: {r}"
        t, a = parse(r.target), parse(r.actual)
        if t and a and t[0] not in ("≤", "<") and t[1] and ratio(r.target, r.actual) is not None:
            if a[1] / t[1] >= Decimal("1.3"):
                assert r.deviation, f"unexplained overachievement: {r}"
    assert fmt(q2(total)) == form.total_score, (total, form.total_score)
    assert fmt(weights) == form.total_weight


# --- deliberate errors -------------------------------------------------------------------------


def _first_full(form: Form, quantitative: bool = False) -> Row:
    for r in form.rows:
        if _scored(r) and r.score == r.weight and not r.deviation:
            if not quantitative or ratio(r.target, r.actual) is not None:
                return r
    raise ValueError("no full-score row")


def _retotal(form: Form) -> None:
    total = d(form.funds[0].score) + sum((d(r.score) for r in form.rows if _scored(r)), Decimal(0))
    form.total_score = fmt(q2(total))
    if form.grade is not None:
        form.grade = grade_for(total)


def err_total_sum(form: Form) -> None:
    form.total_score = fmt(d(form.total_score) + Decimal("2.5"))


def err_total_weight(form: Form) -> None:
    r = _first_full(form)
    r.weight = r.score = fmt(d(r.weight) - 2)
    _retotal(form)


def err_budget_rate(form: Form) -> None:
    f = form.funds[0]
    wrong = d(f.rate.rstrip("%")) - Decimal("6.4")
    f.rate = fmt(wrong, 2) + "%"
    f.score = fmt(budget_score(f.rate))
    _retotal(form)


def err_budget_score(form: Form) -> None:
    f = form.funds[0]
    f.score = "10" if d(f.score) < 10 else "9.5"
    _retotal(form)


def err_budget_overspent(form: Form) -> None:
    f = form.funds[0]
    full = d(f.budget_full)
    over = q2(full * Decimal("1.0259"))
    f.executed = fmt(over, 2)
    f.rate = rate_text(over, full)
    f.score = "10"
    fiscal = form.funds[1]
    fiscal.executed = f.executed if fiscal.budget_full == f.budget_full else fiscal.executed
    if fiscal.budget_full == f.budget_full:
        fiscal.rate = f.rate
    _retotal(form)


def err_funds_breakdown(form: Form) -> None:
    fiscal = form.funds[1]
    fiscal.budget_full = fmt(d(fiscal.budget_full) - Decimal("12.5"), 2)
    fiscal.executed = fmt(d(fiscal.executed) - Decimal("12.5"), 2)


def err_funds_misplaced(form: Form) -> None:
    f = form.funds[0]
    f.budget_initial = f.budget_full = f.executed = "0"
    f.rate, f.score = "0", "0"
    _retotal(form)


def err_score_exceeds_weight(form: Form) -> None:
    r = _first_full(form)
    r.score = fmt(d(r.weight) + 2)
    _retotal(form)


def err_score_negative(form: Form) -> None:
    r = _first_full(form)
    r.score = "-1"
    r.actual = "未完成"
    r.deviation = "项目未实施。"
    _retotal(form)


def _actual_off_target(form: Form, factor: str) -> Row:
    """The first full-score quantitative row, its actual set to ``factor`` times its target."""
    r = _first_full(form, quantitative=True)
    _, num, unit = parse(r.target)
    r.actual = fmt(q2(num * Decimal(factor))) + unit
    return r


def err_recompute(form: Form) -> None:
    r = _actual_off_target(form, "0.8")
    r.score = fmt(q2(d(r.weight) * Decimal("0.6")))
    r.deviation = "受客观因素影响,部分任务未完成。"
    _retotal(form)


def err_deviation_missing(form: Form) -> None:
    r = _actual_off_target(form, "0.9")
    r.score = fmt(row_score(d(r.weight), r.target, r.actual, None))
    _retotal(form)


def err_full_score_unmet(form: Form) -> None:
    r = _first_full(form)
    r.actual = "未完成"


def err_overachieved(form: Form) -> None:
    _actual_off_target(form, "1.8")


def err_grade_mismatch(form: Form) -> None:
    form.grade = "优" if grade_for(d(form.total_score)) != "优" else "良"


def err_duplicate(form: Form) -> None:
    i = next(i for i, r in enumerate(form.rows) if _scored(r) and r.level2 == "数量指标")
    form.rows.insert(i + 1, Row(**{**form.rows[i].__dict__}))
    # keep the weights adding up: take the duplicate's weight from the next full rows
    dup = form.rows[i + 1]
    need = d(dup.weight)
    for r in form.rows[i + 2 :]:
        if need <= 0:
            break
        if _scored(r) and r.score == r.weight and d(r.weight) > 1:
            take = min(need, d(r.weight) - 1)
            r.weight = r.score = fmt(d(r.weight) - take)
            need -= take
    _retotal(form)


BREAKS: dict[str, Callable[[Form], None]] = {
    "total.sum": err_total_sum,
    "total.weight": err_total_weight,
    "budget.rate": err_budget_rate,
    "budget.score": err_budget_score,
    "budget.overspent": err_budget_overspent,
    "funds.breakdown": err_funds_breakdown,
    "funds.misplaced": err_funds_misplaced,
    "indicator.score-exceeds-weight": err_score_exceeds_weight,
    "indicator.score-negative": err_score_negative,
    "indicator.recompute": err_recompute,
    "indicator.deviation-missing": err_deviation_missing,
    "indicator.full-score-unmet": err_full_score_unmet,
    "indicator.overachieved": err_overachieved,
    "grade.mismatch": err_grade_mismatch,
    "structure.duplicate-indicator": err_duplicate,
}


def broken(form: Form, *codes: str) -> Form:
    """Plant the errors named by validator ``codes`` and record them as expected findings."""
    for code in codes:
        BREAKS[code](form)
        form.expected_findings.append(code)
    return form
