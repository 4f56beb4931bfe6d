"""A form as readable terminal tables (rich): header, funds, indicators, total, findings."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from selfeval.export.tables import findings_of, indicator_audits
from selfeval.extract.record import FUND_FIELDS

_HEADER_LABELS = (
    ("title", "表名"),
    ("year", "年度"),
    ("project_name", "项目名称"),
    ("department", "主管部门"),
    ("implementer", "实施单位"),
    ("managers", "项目负责人"),
    ("phone", "联系电话"),
    ("grade", "自评等级"),
)
_FUND_LABELS = ("项目资金", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
_INDICATOR_LABELS = (
    "#",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因",
)


def _text(value: Any) -> Text:
    return Text("" if value is None else str(value))


def _header_table(form: dict[str, Any]) -> Table:
    source = form.get("source") or {}
    heading = f"{source.get('file', '')}  form {source.get('index', 0) + 1}"
    if not form.get("complete", True):
        heading += "  (INCOMPLETE: cut off)"
    header = Table(box=box.SIMPLE, show_header=False, title=heading, title_justify="left")
    header.add_column(style="bold")
    header.add_column()
    for key, label in _HEADER_LABELS:
        if form.get(key) is not None:
            header.add_row(label, _text(form.get(key)))
    return header


def _funds_table(form: dict[str, Any]) -> Table:
    unit = form.get("amount_unit")  # the form's own unit; none printed, none claimed
    funds = Table(
        *_FUND_LABELS,
        box=box.SIMPLE_HEAD,
        title=f"项目资金（{unit}）" if unit else "项目资金（单位未注明）",
        title_justify="left",
    )
    for row in form.get("funds") or []:
        funds.add_row(*(_text(row.get(f)) for f in FUND_FIELDS))
    return funds


def _indicator_grid(form: dict[str, Any]) -> Table:
    audit_rows = indicator_audits(form)
    grid = Table(box=box.SIMPLE_HEAD, title="绩效指标", title_justify="left")
    for label in _INDICATOR_LABELS:
        grid.add_column(label, overflow="fold")
    if audit_rows:
        grid.add_column("重算得分")
    previous: tuple[Any, Any] = (None, None)
    for number, row in enumerate(form.get("indicators") or [], start=1):
        levels = (row.get("level1"), row.get("level2"))
        shown = [  # merged level cells: print a level only where it changes
            levels[0] if levels[0] != previous[0] else None,
            levels[1] if levels != previous else None,
        ]
        previous = levels
        cells = [_text(number), *map(_text, shown)] + [
            _text(row.get(f))
            for f in ("level3", "target", "actual", "weight", "score", "deviation")
        ]
        if audit_rows:
            audit = audit_rows.get(number - 1) or {}
            cells.append(_text(audit.get("score_recomputed")))
        grid.add_row(*cells)
    return grid


def _findings_table(findings: list[dict[str, Any]]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, title="审核发现", title_justify="left")
    for label in ("severity", "code", "row", "message"):
        table.add_column(label, overflow="fold")
    for f in findings:
        row = f.get("row")  # 0-based in the audit; shown as the grid's '#'
        table.add_row(
            _text(f.get("severity")),
            _text(f.get("code")),
            _text(row + 1 if isinstance(row, int) else row),
            _text(f.get("message")),
        )
    return table


def form_renderable(form: dict[str, Any]) -> Group:
    """Everything ``selfeval show`` prints for one form dict."""
    parts: list[Any] = [_header_table(form), _funds_table(form), _indicator_grid(form)]
    total = form.get("total") or {}
    parts.append(
        Text(
            f"总分  分值 {total.get('weight') or '-'}  得分 {total.get('score') or '-'}",
            style="bold",
        )
    )
    findings = findings_of(form)
    if findings:
        parts.append(_findings_table(findings))
    for note in form.get("notes") or []:
        parts.append(Text(f"note: {note.get('code')}: {note.get('message')}", style="yellow"))
    return Group(*parts)


def print_forms(forms: list[dict[str, Any]], console: Console | None = None) -> None:
    console = console or Console()
    for i, form in enumerate(forms):
        if i:
            console.rule()
        console.print(form_renderable(form))
