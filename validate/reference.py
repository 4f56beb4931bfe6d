"""docs/audit.md, generated from the rule modules' CODES and the default config so it cannot
drift: ``python -m selfeval.validate.reference > docs/audit.md`` (a test checks the file equals this)."""

from __future__ import annotations

from selfeval.validate import config as config_module
from selfeval.validate.rules import MODULES

#: What each finding code means, by the domain rules (../shared/research/domain_rules.md §5).
MEANING = {
    "reading.missing-cell": "the reader doubts a cell it may have lost (no arithmetic on it)",
    "reading.missing-label": "a row whose label the reader could not see",
    "reading.columns": "the reader could not tell the grid's columns apart",
    "reading.no-rows": "no indicator row was read",
    "reading.level-pair": "a level-1 / level-2 pair the vocabulary does not know",
    "reading.garbled": "a cell whose text looks damaged (wrong encoding, stray glyphs)",
    "reading.repeated-rows": "rows read twice (a page repeated or overlapping)",
    "reading.page-missing": "a blank or missing page inside the form, or a page without text "
    "outside every form (it may hold a form not read)",
    "reading.missing-row": "a funds breakdown (其中) without its closing 其他资金 line: a line lost",
    "reading.out-of-order": "a level-3 name with an item's opening mark (★, 指标N:) inside it: "
    "pieces put together out of order, the rows around it doubtful too",
    "funds.breakdown": "其中 rows do not add up to 年度资金总额 (beyond the printed rounding)",
    "funds.misplaced": "the money sits on a 其中 row while 年度资金总额 is 0 or blank (V05)",
    "funds.rate": "a 其中 row's 执行率 is not its own 执行数 ÷ 预算数 at the printed digits (V03)",
    "budget.rate": "执行率 is not 全年执行数 ÷ 全年预算数 rounded to the digits printed (V03)",
    "budget.score": "预算执行 得分 is not 分值 × min(执行率, 1) at the printed digits (V04)",
    "budget.overspent": "全年执行数 above 全年预算数, or 执行率 above 100% (V03)",
    "budget.low-rate-reason": "执行率 below budget.low_rate with no reason on the form (V08)",
    "indicator.score-exceeds-weight": "a row's 得分 above its 分值 (exactly, no slack) (V06)",
    "indicator.score-negative": "a negative 得分",
    "indicator.recompute": "得分 is not what the scoring rule gives at the printed digits, "
    "or outside its wording's band; a target of 0 scores by the 等于 rule (V06, V07)",
    "indicator.deviation-missing": "得分 below 分值 with no 偏差原因 (V08)",
    "indicator.full-score-unmet": "full marks while the actual says unmet: blank, a negation "
    "(尚未完成, 未能完成 ...), a later deadline, or short in a comparable unit (V13)",
    "indicator.overachieved": "actual ≥ indicator.overachieved_ratio × target, no reason (V08)",
    "indicator.unit-mismatch": "target and actual in units that do not compare (V10)",
    "indicator.percent-over-100": "a percentage above 100% on a row that is no growth rate (V10)",
    "indicator.unit-missing": "a quantitative target with no unit (V11)",
    "indicator.satisfaction-prose": "a 满意度 row whose actual is prose, not a surveyed rate (V12)",
    "total.sum": "总分 is not 预算执行得分 + Σ 得分 beyond the rounding its parts carry; names "
    "the one row whose score explains the difference, where there is one (V09)",
    "total.weight": "Σ 分值 is not the printed 分值 / 100; names the one row whose weight "
    "explains it, where there is one (V01)",
    "level1.weights": "level-1 weights other than 10号's 10/50/30/10 (V02)",
    "level1.subtotal": "a level-1 label's printed (xx分) is not its rows' Σ 分值 (V01)",
    "grade.mismatch": "自评等级 does not match the total's grade band (V09)",
    "structure.level2-misplaced": "a level 2 under the wrong level 1 (V14)",
    "structure.duplicate-indicator": "the same level-3 indicator twice under one level 2",
    "structure.missing-field": "a header field, 分值/得分 or the total missing",
    "structure.partial": "the form was read only in part: sums and missing checks skipped",
    "structure.level1-missing": "a required level 1 (structure.required_level1) has no row (V15)",
}

INTRO = """\
# Audit rules (`selfeval audit`)

`selfeval audit PATH...` reads forms (PDF, text, office files, or the JSON files and output
folders `selfeval extract` writes), recomputes what can be recomputed and lists what does not
add up. `--out DIR` writes `findings.csv` (the same columns and 1-based rows as the findings
table of `selfeval extract`) and `audit.json`. The exit status is 1 when a finding at or above
`--fail-on` (default `error`) was found or an input could not be read, 2 when nothing could be
read or an argument is wrong.

## Tolerances come from what is printed

There is no flat slack. A value printed with *d* decimals must be the exact recomputation
rounded to *d* decimals, half up (by hand) or half even (an office tool's ROUND): 10 × 76.33%
= 7.633 must be printed 7.63; 2 × 97.3% = 1.946 may be printed 1.9; 10 × 95.45% = 9.545 may
be 9.55 or 9.54. Full marks are a claim, not a rounding: a score printed as its whole weight
must be the recomputation to two decimals. A score never exceeds its weight. 总分 may differ
from the sum of its printed parts only by the rounding those parts carry, and a total printed
with fewer decimals than its parts must equal their sum.

Numbers are read by one value grammar: full-width digits and ％, 百分之九十, fractions
(0.7633 as a rate), thousands separators; the printed text is kept as printed. Amounts keep
the form's own unit: `amount_unit` (元 / 万元 / 千元, empty when the form prints none) is in
`forms.csv` and `funds.csv`, with the amounts in 元 beside the printed ones.

## Settings

Severities, policies and thresholds are in `validate/config.toml`; override any key with a
TOML file of the same shape (`--config FILE` or `$SELFEVAL_AUDIT_CONFIG`), e.g.

```toml
[severity]
"indicator.deviation-missing" = "warning"

[budget]
low_rate = "0.8"
```

`[rules] disabled = ["code", ...]` switches a rule off. `selfeval extract` and `selfeval show`
take the same `--config` (their JSON and tables carry the audit), and a changed config makes
`extract` reconvert; in Python pass `Settings(config=...)` ([options.md](options.md)).

## Finding codes

Generated from the rule modules and the default config (`python -m selfeval.validate.reference`).

"""


def render() -> str:
    """The whole of docs/audit.md."""
    config = config_module.defaults()
    lines = [INTRO.rstrip("\n"), "", "| code | default severity | what it means |", "|---|---|---|"]
    for module in MODULES:
        for code in module.CODES:
            meaning = MEANING.get(code, "")
            lines.append(f"| `{code}` | {config.severity_of(code)} | {meaning} |")
    lines += [
        "",
        "Thresholds (defaults): "
        f"`budget.low_rate` = {config.low_rate}, "
        f"`indicator.overachieved_ratio` = {config.overachieved_ratio}, "
        f"`indicator.reverse_formula` = {config.reverse_formula}, "
        f"`structure.required_level1` = {', '.join(config.required_level1)}.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(render(), end="")
