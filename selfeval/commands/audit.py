"""``selfeval audit PATH...``: check each form's arithmetic and scoring rules, as an auditor would.

Per form: the reported and the recomputed figures side by side, then the findings. The exit
status says whether anything at or above ``--fail-on`` was found, so scripts can gate on it.
"""

from __future__ import annotations

import argparse
import csv
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

import extract
import normalize
import validate
from extract import Form, ReadError
from selfeval.commands import add_engine_option
from selfeval.excel_safe import csv_text
from selfeval.files import atomic_open, load_form_dicts, write_json
from selfeval.inputs import find_inputs
from validate import SEVERITY_RANK, Audit

FINDING_COLUMNS = (
    "file",
    "form_index",
    "project_name",
    "code",
    "severity",
    "section",
    "page",
    "row",
    "field",
    "message",
)
STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
EPILOG = """\
exit status: 0 nothing at or above the --fail-on level (default: error), 1 something was,
2 no input could be read. Files that cannot be read are named with the reason; the rest go on.
Inputs may also be JSON files written by `selfeval extract` (their forms are audited again).
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "audit",
        help="check forms' arithmetic and scoring rules; list the findings",
        description=(
            "Read every form in PATH (files or folders), recompute 执行率, the budget score, "
            "row scores, level-1 subtotals and the total, and list what does not add up or "
            "breaks the scoring rules."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="input files or folders")
    parser.add_argument(
        "--out", "-o", metavar="DIR", help="also write findings.csv and audit.json into DIR"
    )
    parser.add_argument(
        "--fail-on",
        choices=("error", "warning"),
        default="error",
        help="exit 1 when a finding of this severity or worse is found (default: error)",
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="TOML file overriding the audit tolerances, policies and severities",
    )
    add_engine_option(parser)
    parser.add_argument("--quiet", "-q", action="store_true", help="only the one-line summary")
    parser.set_defaults(func=run)


def _extract_json(path: Path) -> list[Form] | None:
    """The forms of a JSON file written by selfeval, audited afresh, else None."""
    data = load_form_dicts(path)
    if data is None:
        return None
    forms = []
    for item in data:
        form = Form.from_dict(item)
        form.attachments.pop("audit", None)
        forms.append(form)
    return forms


def read_forms(path: Path, engine: str) -> list[Form]:
    """The normalized forms of one input. Raises ReadError for a file that holds none."""
    forms = _extract_json(path)
    if forms is None:
        forms = extract.read(path, engine=engine)
    for i, form in enumerate(forms):
        form.source.setdefault("file", str(path))
        form.source.setdefault("index", i)
        normalize.apply(form)
    return forms


def run(args: argparse.Namespace) -> int:
    console = Console(highlight=False, soft_wrap=False)
    try:
        config = validate.load_config(args.config)
    except validate.ConfigError as exc:
        print(f"selfeval audit: {exc}", file=sys.stderr)
        return 2
    try:
        inputs = find_inputs(args.paths, exclude=args.out)
    except FileNotFoundError as exc:
        print(f"selfeval audit: no such file or folder: {exc}", file=sys.stderr)
        return 2
    results: list[tuple[Form, Audit]] = []
    read_ok = 0
    for item in inputs:
        try:
            forms = read_forms(item.path, args.engine)
        except ReadError as exc:
            print(f"{item.path}: {exc.code}: {exc.message}", file=sys.stderr)
            continue
        except Exception as exc:  # a reader bug must not hide the other files' results
            print(f"{item.path}: crashed: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        read_ok += 1
        for form in forms:
            result = validate.audit(form, config)
            validate.attach(form, result)
            results.append((form, result))
            if not args.quiet:
                print_form(console, form, result)
    if read_ok == 0:
        print("selfeval audit: no input could be read", file=sys.stderr)
        return 2
    if args.out:
        write_outputs(Path(args.out), results)
    failing = sum(1 for _, a in results for f in a.findings if f.at_least(args.fail_on))
    counts = {s: sum(a.count(s) for _, a in results) for s in SEVERITY_RANK}
    console.print(
        f"{len(results)} form(s) in {read_ok} file(s): {counts['error']} error(s), "
        f"{counts['warning']} warning(s), {counts['info']} info",
        markup=False,
    )
    return 1 if failing else 0


def _cell(value: Any) -> str:
    return "—" if value is None else str(value)


def print_form(console: Console, form: Form, result: Audit) -> None:
    """Reported vs recomputed, then the findings of one form."""
    s = result.summary
    where = f"{form.source.get('file')} #{int(form.source.get('index') or 0) + 1}"
    console.rule(f"{form.project_name.text or form.title.text or '?'}  ({where})", style="dim")
    figures = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    figures.add_column("")
    figures.add_column("reported", justify="right")
    figures.add_column("recomputed", justify="right")
    figures.add_row(
        "执行率", _percent(s.get("budget_rate_reported")), _percent(s.get("budget_rate_recomputed"))
    )
    figures.add_row(
        "预算执行得分",
        _cell(s.get("budget_score_reported")),
        _cell(s.get("budget_score_recomputed")),
    )
    for code, group in (s.get("level1") or {}).items():
        label = f"{group.get('label') or code} (分值 {group.get('weight')})"
        figures.add_row(
            label, _cell(group.get("score_reported")), _cell(group.get("score_recomputed"))
        )
    figures.add_row("分值合计", _cell(s.get("weight_total_reported")), _cell(s.get("weight_total")))
    figures.add_row("总分", _cell(s.get("total_reported")), _cell(s.get("total_recomputed")))
    console.print(figures)
    if not result.findings:
        console.print("[green]no findings[/green]")
        return
    table = Table(show_header=True, header_style="bold", expand=False)
    table.add_column("severity")
    table.add_column("code", no_wrap=True)
    table.add_column("where", no_wrap=True)
    table.add_column("message", overflow="fold")
    for f in result.findings:
        table.add_row(
            f"[{STYLE[f.severity]}]{f.severity}[/]",
            f.code,
            _where(f),
            f.message.replace("[", r"\["),
        )
    console.print(table)


def _percent(fraction: str | None) -> str:
    if fraction is None:
        return "—"
    return f"{(Decimal(fraction) * 100).quantize(Decimal('0.01'), ROUND_HALF_UP)}%"


def _where(f: validate.Finding) -> str:
    parts = []
    if f.page is not None:
        parts.append(f"p.{f.page}")
    if f.row is not None:
        parts.append(f"{'fund' if f.section == 'fund' else 'row'} {f.row + 1}")
    if f.field:
        parts.append(f.field)
    return " ".join(parts) or f.section


def write_outputs(out: Path, results: list[tuple[Form, Audit]]) -> None:
    """findings.csv (UTF-8 with BOM, Excel-safe) and audit.json (every form's audit)."""
    out.mkdir(parents=True, exist_ok=True)
    with atomic_open(out / "findings.csv", "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(FINDING_COLUMNS)
        for form, result in results:
            for f in result.findings:
                values = {**f.to_dict(), "project_name": form.project_name.text}
                writer.writerow(
                    ["" if values[c] is None else csv_text(str(values[c])) for c in FINDING_COLUMNS]
                )
    write_json(
        out / "audit.json",
        [
            {
                "file": form.source.get("file"),
                "form_index": form.source.get("index"),
                "project_name": form.project_name.text,
                **result.to_dict(),
            }
            for form, result in results
        ],
    )
