"""The flat tables (forms, indicators, funds, findings): the one place that builds their rows.

Rows are built from form *dicts* (``Form.to_dict()`` after normalize/validate), so the same
code serves the CSV/XLSX exporters, the batch runner (which rebuilds the combined tables from
the per-file JSON) and ``selfeval.to_frames``. Printed cells stay the printed strings; columns
of kind ``number`` hold exact ``Decimal`` values derived by normalize/validate.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from selfeval.extract.record import FUND_FIELDS, INDICATOR_FIELDS

Row = dict[str, Any]

#: Printed fund cells that get an exact numeric twin (``<field>_value``) from normalize.
FUND_NUMBER_FIELDS = ("budget_initial", "budget_full", "executed", "weight", "rate", "score")
#: Level-1 codes of the canonical taxonomy that get a subtotal column in forms.csv.
LEVEL1_CODES = ("OUT", "COST", "EFF", "SAT")
FINDING_FIELDS = ("code", "severity", "message", "page", "row", "field", "section")
#: text as written; number: an exact Decimal; int; bool (what the exporters write each as).
ColumnKind = Literal["text", "number", "int", "bool"]


@dataclass(frozen=True)
class Column:
    """One output column, its values typed by ``kind`` (``coerce``)."""

    name: str
    kind: ColumnKind
    doc: str


@dataclass(frozen=True)
class Table:
    name: str
    doc: str
    columns: tuple[Column, ...]
    rows_of: Callable[[dict[str, Any]], Iterator[Row]]

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]

    def rows(self, forms: Iterable[dict[str, Any]]) -> Iterator[list[Any]]:
        """Rows of this table for ``forms`` as lists in column order, values typed by kind."""
        for form in forms:
            for row in self.rows_of(form):
                yield [coerce(row.get(c.name), c.kind) for c in self.columns]


def coerce(value: Any, kind: ColumnKind) -> Any:
    """Type a cell value by its column kind; None stays None, bad numbers become None."""
    if value is None or value == "":
        return None
    if kind == "number":
        if isinstance(value, bool):
            return None
        if isinstance(value, Decimal):
            return value
        if isinstance(value, int):
            return Decimal(value)
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    if kind == "int":
        return int(value)
    if kind == "bool":
        return bool(value)
    return str(value)


# -- where later stages put their results in a form dict -------------------------------------


def audit_of(form: dict[str, Any]) -> dict[str, Any]:
    """The validator's results attached to a form dict ({} before validation)."""
    audit = form.get("audit")
    return audit if isinstance(audit, dict) else {}


def findings_of(form: dict[str, Any]) -> list[dict[str, Any]]:
    return list(audit_of(form).get("findings") or [])


def indicator_audits(form: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """The validator's per-indicator results, keyed by 0-based row index."""
    return {r.get("row"): r for r in audit_of(form).get("indicators") or []}


def _page_of(row: dict[str, Any]) -> int | None:
    """The page a row was printed on: the page of its first located cell."""
    for where in (row.get("provenance") or {}).values():
        if isinstance(where, dict) and isinstance(page := where.get("page"), int):
            return page
    return None


#: Yuan per printed money unit (项目资金（万元）): amounts in 元 are the printed number times this.
AMOUNT_UNITS = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10_000)}
MONEY_FIELDS = ("budget_initial", "budget_full", "executed")


def in_yuan(form: dict[str, Any], fund: dict[str, Any], field: str) -> Decimal | None:
    """One amount of a funds row in 元, from its exact value and the form's printed unit;
    None when the form prints no unit (a guessed unit could be off by 10,000)."""
    factor = AMOUNT_UNITS.get(form.get("amount_unit") or "")
    value = coerce(_fund_value(fund.get("normalized") or {}, field), "number")
    return None if factor is None or value is None else value * factor


def total_fund_row(form: dict[str, Any]) -> dict[str, Any]:
    """The scored fund row (年度资金总额), else the first fund row, else {}."""
    funds: list[dict[str, Any]] = form.get("funds") or []
    for row in funds:
        if "总额" in (row.get("item") or ""):
            return row
    return funds[0] if funds else {}


# -- the tables ------------------------------------------------------------------------------


def _source(form: dict[str, Any]) -> Row:
    source = form.get("source") or {}
    return {"file": source.get("file"), "form_index": source.get("index", 0)}


#: The columns ``_source`` fills, as the per-row tables document them.
_SOURCE_COLUMNS = (
    Column("file", "text", "input file"),
    Column("form_index", "int", "0-based form position in the file"),
)


FORM_COLUMNS = (
    Column("file", "text", "input file the form was read from"),
    Column("form_index", "int", "0-based position of the form in its file"),
    Column("title", "text", "printed title (项目支出绩效自评表 ...)"),
    Column("year", "text", "printed year (年度)"),
    Column("project_name", "text", "项目名称"),
    Column("department", "text", "主管部门"),
    Column("implementer", "text", "实施单位"),
    Column("managers", "text", "项目负责人 as printed"),
    Column("phone", "text", "联系电话 as printed"),
    Column("grade", "text", "自评等级, where the form prints one"),
    Column("goals_expected", "text", "总体目标: 预期目标 as printed"),
    Column("goals_actual", "text", "总体目标: 实际完成情况 as printed"),
    Column("budget_initial", "text", "年初预算数 of the total fund row, as printed"),
    Column("budget_full", "text", "全年预算数 of the total fund row, as printed"),
    Column("executed", "text", "全年执行数 of the total fund row, as printed"),
    Column("funds_weight", "text", "分值 of the total fund row, as printed"),
    Column("funds_rate", "text", "执行率 of the total fund row, as printed"),
    Column("funds_score", "text", "得分 of the total fund row, as printed"),
    Column("amount_unit", "text", "money unit the funds block prints (元/万元/千元), else empty"),
    *(
        Column(f"{f}_yuan", "number", f"{f} of the total fund row in 元 (empty without a unit)")
        for f in MONEY_FIELDS
    ),
    Column("total_weight", "text", "总分 分值 as printed"),
    Column("total_score", "text", "总分 得分 as printed"),
    Column("complete", "bool", "false when the form was cut off (rows read so far are kept)"),
    Column("n_indicators", "int", "number of indicator rows"),
    Column("budget_rate_reported", "number", "执行率 as printed, as a fraction"),
    Column("budget_rate_recomputed", "number", "全年执行数 / 全年预算数, recomputed"),
    Column("budget_score_reported", "number", "budget-execution 得分 as printed"),
    Column("budget_score_recomputed", "number", "分值 x 执行率, recomputed from the amounts"),
    *(
        column
        for code in LEVEL1_CODES
        for column in (
            Column(f"{code}_weight", "number", f"sum of 分值 of the level-1 {code} rows"),
            Column(f"{code}_score_reported", "number", f"sum of printed 得分 of {code} rows"),
            Column(f"{code}_score_recomputed", "number", f"sum of recomputed 得分 of {code} rows"),
        )
    ),
    Column("indicator_score_reported", "number", "sum of printed indicator 得分"),
    Column("indicator_score_recomputed", "number", "sum of recomputed indicator 得分"),
    Column("weight_total", "number", "budget 分值 + indicator 分值 (should be 100)"),
    Column("total_reported", "number", "printed total 得分 as a number"),
    Column("total_recomputed", "number", "budget score + indicator scores, recomputed"),
    Column("n_errors", "int", "audit findings of severity error"),
    Column("n_warnings", "int", "audit findings of severity warning"),
    Column("n_findings", "int", "all audit findings on the form"),
    Column("n_unplaced_cells", "int", "printed cells the reader could not place (notes)"),
    Column("n_reading_doubts", "int", "cells the reader is unsure of (reading.* notes)"),
)
_FORM_FIELDS = (
    "title",
    "year",
    "project_name",
    "department",
    "implementer",
    "managers",
    "phone",
    "grade",
)
_SUMMARY_COLUMNS = (
    "budget_rate_reported",
    "budget_rate_recomputed",
    "budget_score_reported",
    "budget_score_recomputed",
    "indicator_score_reported",
    "indicator_score_recomputed",
    "weight_total",
    "total_reported",
    "total_recomputed",
)


def _fund_cells(form: dict[str, Any]) -> Row:
    """The total fund row's printed cells, the form's unit, and its amounts in 元."""
    fund = total_fund_row(form)
    return {
        "budget_initial": fund.get("budget_initial"),
        "budget_full": fund.get("budget_full"),
        "executed": fund.get("executed"),
        "funds_weight": fund.get("weight"),
        "funds_rate": fund.get("rate"),
        "funds_score": fund.get("score"),
        "amount_unit": form.get("amount_unit"),
        **{f"{f}_yuan": in_yuan(form, fund, f) for f in MONEY_FIELDS},
    }


def _finding_counts(form: dict[str, Any]) -> Row:
    """Errors, warnings and all findings (None before validation)."""
    audit = audit_of(form)
    findings = findings_of(form)
    severities = [f.get("severity") for f in findings]
    return {
        "n_errors": severities.count("error") if audit else None,
        "n_warnings": severities.count("warning") if audit else None,
        "n_findings": len(findings) if audit else None,
    }


def _note_counts(form: dict[str, Any]) -> Row:
    note_codes = [str(n.get("code") or "") for n in form.get("notes") or []]
    return {
        "n_unplaced_cells": sum(1 for c in note_codes if c == "unplaced-cell"),
        "n_reading_doubts": sum(1 for c in note_codes if c.startswith("reading.")),
    }


def _level1_cells(summary: dict[str, Any]) -> Row:
    """Weight and scores, reported and recomputed, of each canonical level-1 block."""
    level1 = summary.get("level1") or {}
    cells: Row = {}
    for code in LEVEL1_CODES:
        block = level1.get(code) or {}
        cells[f"{code}_weight"] = block.get("weight")
        cells[f"{code}_score_reported"] = block.get("score_reported")
        cells[f"{code}_score_recomputed"] = block.get("score_recomputed")
    return cells


def _form_rows(form: dict[str, Any]) -> Iterator[Row]:
    total = form.get("total") or {}
    summary = audit_of(form).get("summary") or {}
    goals = form.get("goals") or {}
    row: Row = {
        **_source(form),
        **{f: form.get(f) for f in _FORM_FIELDS},
        **_fund_cells(form),
        "total_weight": total.get("weight"),
        "total_score": total.get("score"),
        "complete": form.get("complete", True),
        "n_indicators": len(form.get("indicators") or []),
        **{k: summary.get(k) for k in _SUMMARY_COLUMNS},
        **_finding_counts(form),
        "goals_expected": goals.get("expected"),
        "goals_actual": goals.get("actual"),
        **_note_counts(form),
        **_level1_cells(summary),
    }
    yield row


INDICATOR_COLUMNS = (
    *_SOURCE_COLUMNS,
    Column("row", "int", "1-based row number in the form's indicator grid"),
    Column("level1", "text", "一级指标 as printed (carried down from merged cells)"),
    Column("level2", "text", "二级指标 as printed (carried down from merged cells)"),
    Column("level3", "text", "三级指标 as printed"),
    Column("target", "text", "年度指标值 as printed"),
    Column("actual", "text", "实际完成值 as printed"),
    Column("weight", "text", "分值 as printed"),
    Column("score", "text", "得分 as printed"),
    Column("deviation", "text", "偏差原因分析及改进措施 as printed"),
    Column("page", "int", "page the row was printed on (PDF inputs)"),
    Column("level1_code", "text", "canonical level-1 code (OUT, EFF, SAT, COST, ...)"),
    Column("level2_code", "text", "canonical level-2 code (OUT.QTY, EFF.SOC, ...)"),
    Column("level3_theme", "text", "theme of the level-3 name"),
    Column("name_match", "text", "how the level names matched the taxonomy"),
    Column("target_kind", "text", "target value kind (numeric, deadline, qualitative, ...)"),
    Column("target_op", "text", "target comparison (ge, le, eq, ...)"),
    Column("target_value", "number", "target number"),
    Column("target_unit", "text", "target unit"),
    Column("actual_kind", "text", "actual value kind"),
    Column("actual_op", "text", "actual comparison"),
    Column("actual_value", "number", "actual number"),
    Column("actual_unit", "text", "actual unit"),
    Column("direction", "text", "positive (more is better) or reverse (a ceiling, e.g. cost)"),
    Column("weight_value", "number", "分值 as a number"),
    Column("score_value", "number", "得分 as a number"),
    Column("score_recomputed", "number", "得分 recomputed from target, actual and 分值"),
    Column("score_delta", "number", "printed 得分 minus recomputed"),
)
_NAMES = [c.name for c in INDICATOR_COLUMNS]
#: Keys of ``indicator.normalized`` exported as indicator columns, in order.
NORMALIZED_INDICATOR_KEYS = tuple(
    _NAMES[_NAMES.index("level1_code") : _NAMES.index("score_value") + 1]
)


def _indicator_rows(form: dict[str, Any]) -> Iterator[Row]:
    audit_rows = indicator_audits(form)
    for number, indicator in enumerate(form.get("indicators") or [], start=1):
        normalized = indicator.get("normalized") or {}
        audit = audit_rows.get(number - 1) or {}
        yield {
            **_source(form),
            "row": number,
            **{f: indicator.get(f) for f in INDICATOR_FIELDS},
            "page": _page_of(indicator),
            **{k: normalized.get(k) for k in NORMALIZED_INDICATOR_KEYS},
            "score_recomputed": audit.get("score_recomputed"),
            "score_delta": audit.get("score_delta"),
        }


FUND_COLUMNS = (
    *_SOURCE_COLUMNS,
    Column("row", "int", "1-based row in the 项目资金 block"),
    Column("item", "text", "row label (年度资金总额, 其中:当年财政拨款, ...)"),
    Column("budget_initial", "text", "年初预算数 as printed"),
    Column("budget_full", "text", "全年预算数 as printed"),
    Column("executed", "text", "全年执行数 as printed"),
    Column("weight", "text", "分值 as printed"),
    Column("rate", "text", "执行率 as printed"),
    Column("score", "text", "得分 as printed"),
    Column("page", "int", "page the row was printed on (PDF inputs)"),
    *(
        Column(f"{f}_value", "number", f"{f} as an exact number (rate as a fraction)")
        for f in FUND_NUMBER_FIELDS
    ),
    Column("amount_unit", "text", "money unit the funds block prints (元/万元/千元), else empty"),
    *(Column(f"{f}_yuan", "number", f"{f} in 元 (empty without a unit)") for f in MONEY_FIELDS),
)


def _fund_value(normalized: dict[str, Any], field: str) -> Any:
    for key in (f"{field}_value", field):
        if key in normalized:
            return normalized[key]
    return None


def _fund_rows(form: dict[str, Any]) -> Iterator[Row]:
    for number, fund in enumerate(form.get("funds") or [], start=1):
        normalized = fund.get("normalized") or {}
        yield {
            **_source(form),
            "row": number,
            **{f: fund.get(f) for f in FUND_FIELDS},
            "page": _page_of(fund),
            **{f"{f}_value": _fund_value(normalized, f) for f in FUND_NUMBER_FIELDS},
            "amount_unit": form.get("amount_unit"),
            **{f"{f}_yuan": in_yuan(form, fund, f) for f in MONEY_FIELDS},
        }


FINDING_COLUMNS = (
    *_SOURCE_COLUMNS,
    Column("code", "text", "stable finding code (total.sum, row.score, ...)"),
    Column("severity", "text", "error, warning or info"),
    Column("message", "text", "what is wrong, in words"),
    Column("page", "int", "page concerned, where known"),
    Column("row", "int", "1-based indicator or fund row concerned (as in indicators/funds.csv)"),
    Column("field", "text", "field concerned"),
    Column("section", "text", "part of the form (indicator, fund, total, header, ...)"),
)


def _finding_rows(form: dict[str, Any]) -> Iterator[Row]:
    source = _source(form)
    for finding in findings_of(form):
        row = {f: finding.get(f) for f in FINDING_FIELDS}
        if isinstance(row["row"], int):
            row["row"] += 1  # validate counts rows from 0; the tables count from 1
        yield {**row, **source}


FORMS = Table("forms", "one row per form", FORM_COLUMNS, _form_rows)
INDICATORS = Table("indicators", "one row per indicator", INDICATOR_COLUMNS, _indicator_rows)
FUNDS = Table("funds", "one row per 项目资金 row", FUND_COLUMNS, _fund_rows)
FINDINGS = Table("findings", "one row per audit finding", FINDING_COLUMNS, _finding_rows)
TABLES = (FORMS, INDICATORS, FUNDS, FINDINGS)

ERROR_COLUMNS = (
    Column("file", "text", "input file that could not be read (or was read only in part)"),
    Column("code", "text", "stable error code (empty, not-a-form, damaged, timeout, ...)"),
    Column("message", "text", "the reason, in words"),
)
ERRORS = Table("errors", "one row per failed input", ERROR_COLUMNS, lambda e: iter([e]))
