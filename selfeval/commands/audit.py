"""``selfeval audit PATH...``: check each form's arithmetic and scoring rules, as an auditor would.

Per form: the reported and the recomputed figures side by side, then the findings. The exit
status says whether anything at or above ``--fail-on`` was found, so scripts can gate on it.
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Literal

from rich.console import Console
from rich.table import Table

import selfeval.validate as validate
from selfeval import pipeline
from selfeval.commands import Subparsers, settings_of
from selfeval.export import csv_cell
from selfeval.export.tables import FINDINGS
from selfeval.extract import Form, ReadError
from selfeval.extract.record import FUND_FIELDS, GOAL_FIELDS, HEADER_FIELDS, INDICATOR_FIELDS
from selfeval.files import atomic_open, load_form_dicts, write_json
from selfeval.inputs import InputFile, find_inputs
from selfeval.settings import READ_OPTIONS, Settings, add_options
from selfeval.validate import SEVERITY_RANK, Audit

#: findings.csv has the columns of the findings table `selfeval extract` writes (1-based rows).
FINDING_COLUMNS = tuple(FINDINGS.header)
STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
EPILOG = """\
exit status: 0 nothing at or above the --fail-on level (default: error) and every input read,
1 something was found or an input could not be read, 2 no input could be read (or a bad
argument). Files that cannot be read are named with the reason; the rest go on. Inputs may
also be JSON files written by `selfeval extract`, or its output folders (their forms are
audited again).
"""


def register(subparsers: Subparsers) -> None:
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
    parser.add_argument("--quiet", "-q", action="store_true", help="only the one-line summary")
    add_options(parser, *READ_OPTIONS)
    parser.set_defaults(func=run)


def _printed(value: Any) -> Any:
    """A cell value of a JSON form as the printed text: numbers (2021, 7.63) become their text,
    anything that is no cell (a list, an object) is dropped."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(value)
    return None


def _cells(item: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(item, dict):
        return {}
    return {**item, **{f: _printed(item.get(f)) for f in fields}}


def _as_printed(item: dict[str, Any]) -> dict[str, Any]:
    """A form dict with every contract cell as text, so hand-made JSON reads as printed."""
    out = _cells(item, (*HEADER_FIELDS, "grade", "remarks", "amount_unit"))
    out["funds"] = [_cells(r, FUND_FIELDS) for r in _list(item.get("funds"))]
    out["indicators"] = [_cells(r, INDICATOR_FIELDS) for r in _list(item.get("indicators"))]
    out["goals"] = _cells(item.get("goals") or {}, GOAL_FIELDS)
    out["total"] = _cells(item.get("total") or {}, ("weight", "score"))
    for key in ("provenance", "source"):
        if not isinstance(out.get(key), dict):
            out.pop(key, None)
    out["notes"] = [n for n in _list(item.get("notes")) if isinstance(n, dict) and "code" in n]
    return out


def _list(value: Any) -> list[Any]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _extract_json(path: Path) -> list[Form] | None:
    """The forms of a JSON file written by selfeval, audited afresh, else None."""
    data = load_form_dicts(path)
    if data is None:
        return None
    forms = []
    for item in data:
        try:
            form = Form.from_dict(_as_printed(item))
        except (TypeError, ValueError, AttributeError) as exc:
            raise ReadError(path, "damaged", f"not a form as selfeval writes it ({exc})") from exc
        form.attachments.pop("audit", None)
        forms.append(form)
    return forms


def read_forms(path: Path, settings: Settings) -> list[Form]:
    """The raw forms of one input (a JSON file selfeval wrote is read back). Raises ReadError
    for a file that holds none."""
    forms = _extract_json(path)
    if forms is None:  # read in a worker under the settings' limits (docs/batch.md)
        forms = pipeline.read(path, settings, audited=False)
    for i, form in enumerate(forms):
        form.source.setdefault("file", str(path))
        form.source.setdefault("index", i)
    return forms


def _extract_outputs(paths: list[str], exclude: str | None) -> list[InputFile]:
    """The form JSON files `selfeval extract` wrote in the folders among ``paths`` (a folder
    walk passes JSON over, since it is no original)."""
    found: list[InputFile] = []
    excluded = Path(exclude).resolve() if exclude else None
    for given in map(Path, paths):
        if not given.is_dir():
            continue
        for path in sorted(given.rglob("*.json")):
            parts = path.relative_to(given).parts
            if any(p.startswith(".") for p in parts) or path.name == "run.json":
                continue
            if excluded is not None and path.resolve().is_relative_to(excluded):
                continue
            if load_form_dicts(path) is not None:
                found.append(InputFile(path, path.relative_to(given), path.stem))
    return found


def run(args: argparse.Namespace) -> int:
    settings = settings_of(args, "audit")
    problem = None if settings is None else _bad_arguments(args)
    if settings is None or problem is not None:
        if problem:
            print(f"selfeval audit: {problem}", file=sys.stderr)
        return 2
    try:
        inputs = _inputs(args.paths, args.out)
    except OSError as exc:
        print(f"selfeval audit: {_listing_problem(exc)}", file=sys.stderr)
        return 2
    console = Console(highlight=False, soft_wrap=False)
    run = audit_inputs(inputs, settings, None if args.quiet else console)
    if run.read_ok == 0:
        print("selfeval audit: no input could be read", file=sys.stderr)
        return 2
    if args.out:
        try:
            write_outputs(Path(args.out), run.results)
        except OSError as exc:
            print(f"selfeval audit: cannot write to {args.out}: {exc}", file=sys.stderr)
            return 2
    console.print(run.summary(), markup=False)
    if run.unread:
        print(f"selfeval audit: {run.unread} input(s) could not be read", file=sys.stderr)
    return 1 if run.failing(args.fail_on) or run.unread else 0


def _bad_arguments(args: argparse.Namespace) -> str | None:
    """Why the arguments cannot be used (besides the settings), else None."""
    if args.out and Path(args.out).exists() and not Path(args.out).is_dir():
        return f"--out {args.out} is a file, not a folder"
    if any(not p.strip() for p in args.paths):
        return "an empty PATH was given"
    return None


def _inputs(paths: list[str], out: str | None) -> list[InputFile]:
    """The inputs among ``paths``: originals found in files and folders, and the JSON of
    extract output folders (one that has run.json is read for its JSON only: its CSV and XLSX
    tables are no forms)."""
    outputs = [p for p in paths if (Path(p) / "run.json").is_file()]
    originals: list[str | Path] = [p for p in paths if p not in outputs]
    inputs = find_inputs(originals, exclude=out) if originals else []
    return inputs + _extract_outputs(outputs, out)


def _listing_problem(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return f"no such file or folder: {exc}"
    return f"cannot list the inputs: {exc}"


@dataclass
class AuditRun:
    """The audits of a run, and how many inputs were read and not."""

    results: list[tuple[Form, Audit]] = field(default_factory=list)
    read_ok: int = 0
    unread: int = 0

    def failing(self, level: Literal["error", "warning"]) -> int:
        """How many findings are at ``level`` or worse (``--fail-on``)."""
        return sum(1 for _, a in self.results for f in a.findings if f.at_least(level))

    def summary(self) -> str:
        counts = {s: sum(a.count(s) for _, a in self.results) for s in SEVERITY_RANK}
        return (
            f"{len(self.results)} form(s) in {self.read_ok} file(s): {counts['error']} "
            f"error(s), {counts['warning']} warning(s), {counts['info']} info"
        )


def audit_inputs(inputs: list[InputFile], settings: Settings, console: Console | None) -> AuditRun:
    """Read and audit every input with ``settings`` (each original read in a worker under the
    limits); a file that cannot be read is named on stderr and the rest go on. Each form is
    printed on ``console`` (None: quiet)."""
    run = AuditRun()
    for item in inputs:
        try:
            forms = read_forms(item.path, settings)
        except ReadError as exc:
            print(f"{item.path}: {exc.code}: {exc.message}", file=sys.stderr)
            run.unread += 1
            continue
        except Exception as exc:  # a reader bug must not hide the other files' results
            print(f"{item.path}: crashed: {type(exc).__name__}: {exc}", file=sys.stderr)
            run.unread += 1
            continue
        run.read_ok += 1
        for form in forms:
            result = pipeline.audit_form(form, settings)  # normalize, then validate
            run.results.append((form, result))
            if console is not None:
                print_form(console, form, result)
    return run


def _cell(value: Any) -> str:
    return "—" if value is None else str(value)


def print_form(console: Console, form: Form, result: Audit) -> None:
    """Reported vs recomputed, then the findings of one form."""
    s = result.to_dict()["summary"]  # the figures as exact text
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
    """findings.csv (UTF-8 with BOM, Excel-safe; the columns and 1-based rows of the findings
    table `selfeval extract` writes) and audit.json (every form's audit)."""
    out.mkdir(parents=True, exist_ok=True)
    with atomic_open(out / "findings.csv", "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(FINDING_COLUMNS)
        for row in FINDINGS.rows(form.to_dict() for form, _ in results):
            writer.writerow([csv_cell(v) for v in row])
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
