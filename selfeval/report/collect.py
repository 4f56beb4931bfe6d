"""What the report shows, read from an extract output folder (``selfeval extract --out DIR``).

Every input has a state record (``DIR/.state/<name>.json``: input path, content hash, result)
and, when it could be read, ``DIR/<name>.json`` with its forms. This module turns them into
plain dicts the page writers use: one entry per input, with its forms, their cells (where each
printed cell sits on which page), their findings and reading doubts, and a status.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal, get_args

from selfeval.extract.record import FUND_FIELDS, HEADER_FIELDS, INDICATOR_FIELDS
from selfeval.validate.findings import section_of

STATE_DIR = ".state"

#: Input statuses, best first; the index filters on them.
Status = Literal["exact", "has doubts", "has errors", "unreadable"]
STATUSES: tuple[Status, ...] = get_args(Status)

#: Cell statuses, weakest first: a cell takes the strongest that applies.
CellStatus = Literal["read", "doubt", "finding"]
CELL_STATUSES: tuple[CellStatus, ...] = get_args(CellStatus)


def is_doubt(code: str) -> bool:
    """A note or finding that says the reader was not sure what it read."""
    return code.startswith("reading.") or code == "unplaced-cell"


def cell_key(section: str | None, row: int | None, field_name: str | None) -> str:
    """The key of one printed cell: ``indicator:3:score``, ``fund:0:executed``, ``form::year``."""
    return f"{section or 'form'}:{'' if row is None else row}:{field_name or ''}"


def safe_name(name: str) -> str:
    """A file name for ``name`` that is plain ASCII; a short hash keeps changed names unique."""
    plain = re.sub(r"[^A-Za-z0-9._-]", "_", name).strip("._") or "input"
    if plain == name:
        return name
    return f"{plain[:80]}-{hashlib.sha1(name.encode()).hexdigest()[:8]}"


@dataclass
class Entry:
    """One input file as the report shows it."""

    name: str  # the output name (DIR/<name>.json)
    input: str  # the input path as the batch saw it
    sha256: str | None
    status: Status = "exact"
    error: dict[str, str] | None = None  # {code, message} when the file could not be read
    incomplete: list[str] = field(default_factory=list)
    forms: list[dict[str, Any]] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return safe_name(self.name)


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def load_entries(out: Path) -> list[Entry]:
    """Every input recorded in ``out``, in name order."""
    entries = []
    states = sorted((out / STATE_DIR).glob("*.json")) if (out / STATE_DIR).is_dir() else []
    for state_path in states:
        state = _load_json(state_path)
        if not isinstance(state, dict):
            continue
        name = state_path.name[: -len(".json")]
        result = state.get("result") or {}
        entry = Entry(name, str(state.get("input") or name), state.get("sha256"))
        if result.get("status") == "error":
            entry.status = "unreadable"
            entry.error = {"code": str(result.get("code")), "message": str(result.get("message"))}
        else:
            forms = _load_json(out / f"{name}.json")
            if not isinstance(forms, list):
                entry.status = "unreadable"
                entry.error = {"code": "missing-output", "message": f"{name}.json is missing"}
            else:
                entry.incomplete = [str(m) for m in result.get("incomplete") or []]
                entry.forms = [describe_form(f, i) for i, f in enumerate(forms)]
                entry.status = _entry_status(entry)
        entries.append(entry)
    seen = {e.input for e in entries}
    for path, code, message in _errors_csv(out):
        if path not in seen:  # failed before it had a state (vanished, unreadable, ...)
            seen.add(path)
            name = Path(path).name
            entries.append(
                Entry(name, path, None, "unreadable", {"code": code, "message": message})
            )
    return entries


def _errors_csv(out: Path) -> list[tuple[str, str, str]]:
    """(file, code, message) rows of ``errors.csv``."""
    try:
        with open(out / "errors.csv", encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError:
        return []
    return [(r.get("file") or "", r.get("code") or "", r.get("message") or "") for r in rows]


def _entry_status(entry: Entry) -> Status:
    statuses = [f["status"] for f in entry.forms]
    if "has errors" in statuses:
        return "has errors"
    if "has doubts" in statuses or entry.incomplete or not entry.forms:
        return "has doubts"
    return "exact"


# -- one form -------------------------------------------------------------------------------


def _cells(form: dict[str, Any]) -> list[dict[str, Any]]:
    """Every printed cell of ``form`` with its key, text and, where known, page and bbox."""
    cells = []

    def add(
        section: str, row: int | None, name: str, text: Any, where: dict[str, Any] | None
    ) -> None:
        where = where or {}
        cells.append(
            {
                "key": cell_key(section, row, name),
                "section": section,
                "row": row,
                "field": name,
                "text": text,
                "page": where.get("page"),
                "bbox": where.get("bbox"),
                "ref": where.get("ref") if isinstance(where.get("ref"), str) else None,
                "status": "read",
                "findings": [],
                "doubts": [],
            }
        )

    where = form.get("provenance") or {}
    for name in (*HEADER_FIELDS, "grade", "remarks"):
        if form.get(name) is not None or name in where:
            add("form", None, name, form.get(name), where.get(name))
    goals = form.get("goals") or {}
    for name in ("expected", "actual"):
        add("form", None, f"goals.{name}", goals.get(name), where.get(f"goals.{name}"))
    for i, row in enumerate(form.get("funds") or []):
        row_where = row.get("provenance") or {}
        for name in FUND_FIELDS:
            add("fund", i, name, row.get(name), row_where.get(name))
    for i, row in enumerate(form.get("indicators") or []):
        row_where = row.get("provenance") or {}
        for name in INDICATOR_FIELDS:
            add("indicator", i, name, row.get(name), row_where.get(name))
    total = form.get("total") or {}
    for name in ("weight", "score"):
        add("total", None, name, total.get(name), where.get(f"total.{name}"))
    return cells


def _matching(
    cells: list[dict[str, Any]], section: str | None, row: int | None, name: str | None
) -> list[dict[str, Any]]:
    """The cells a finding or note names: one cell, a whole row, or nothing."""
    section = section or "form"
    if section == "form" and name in ("expected", "actual"):
        name = f"goals.{name}"
    out = []
    for cell in cells:
        if cell["section"] != section or cell["row"] != row:
            continue
        if name is None and row is None:
            continue  # a remark about a whole section is not about any one cell
        if name is None or cell["field"] == name:
            out.append(cell)
    return out


def _raise(cell: dict[str, Any], status: CellStatus) -> None:
    if CELL_STATUSES.index(status) > CELL_STATUSES.index(cell["status"]):
        cell["status"] = status


def _describe_findings(form: dict[str, Any], cells: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The audit's findings, each marked on the cells it is about."""
    audit = form.get("audit") or {}
    findings = []
    for n, finding in enumerate(audit.get("findings") or []):
        key = cell_key(finding.get("section"), finding.get("row"), finding.get("field"))
        targets = _matching(cells, finding.get("section"), finding.get("row"), finding.get("field"))
        doubt = is_doubt(str(finding.get("code")))
        for cell in targets:
            cell["findings"].append(n)
            _raise(cell, "doubt" if doubt else "finding")
        findings.append(
            {
                "n": n,
                "code": finding.get("code"),
                "severity": finding.get("severity"),
                "message": finding.get("message"),
                "page": finding.get("page"),
                "key": key,
                "cells": [c["key"] for c in targets],
                "target": f"finding:{finding.get('code')}:{key}",
            }
        )
    return findings


def _describe_notes(
    form: dict[str, Any], cells: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The reader's notes, each marked on its cells: (doubts, unplaced cells)."""
    doubts, unplaced = [], []
    for n, note in enumerate(form.get("notes") or []):
        code = str(note.get("code"))
        section = section_of(note.get("section"))  # a reader's name (funds, indicators, header)
        targets = _matching(cells, section, note.get("row"), note.get("field"))
        item = {
            "n": n,
            "code": code,
            "message": note.get("message"),
            "page": note.get("page"),
            "text": note.get("text"),
            "key": cell_key(section, note.get("row"), note.get("field")),
            "cells": [c["key"] for c in targets],
        }
        if code == "unplaced-cell" and not targets:
            unplaced.append(item)
        else:
            doubts.append(item)
        for cell in targets:
            cell["doubts"].append(n)
            _raise(cell, "doubt" if is_doubt(code) else "read")
    return doubts, unplaced


def _count_doubts(
    findings: list[dict[str, Any]], doubts: list[dict[str, Any]], unplaced: list[dict[str, Any]]
) -> int:
    n_doubts = sum(1 for d in doubts if is_doubt(d["code"])) + len(unplaced)
    noted = {d["code"] for d in doubts}  # reading.no-rows is a note and a finding: count once
    n_doubts += sum(1 for f in findings if is_doubt(str(f["code"])) and f["code"] not in noted)
    return n_doubts


def describe_form(form: dict[str, Any], index: int) -> dict[str, Any]:
    """The report's view of one form dict of ``<name>.json``."""
    cells = _cells(form)
    findings = _describe_findings(form, cells)
    doubts, unplaced = _describe_notes(form, cells)
    severities = Counter(f["severity"] for f in findings)
    n_doubts = _count_doubts(findings, doubts, unplaced)
    status: Status
    if severities.get("error"):
        status = "has errors"
    elif n_doubts or not form.get("complete", True):
        status = "has doubts"
    else:
        status = "exact"
    source = form.get("source") or {}
    return {
        "index": index,
        "title": form.get("title"),
        "year": form.get("year"),
        "project_name": form.get("project_name"),
        "department": form.get("department"),
        "implementer": form.get("implementer"),
        "complete": form.get("complete", True),
        "source": source,
        "pages": _page_range(source),
        "cells": cells,
        "findings": findings,
        "doubts": doubts,
        "unplaced": unplaced,
        "n_doubts": n_doubts,
        "severities": dict(severities),
        "status": status,
        "rows": len(form.get("indicators") or []),
        "scores": score_lines(form),
        "raw": form,
    }


def _page_range(source: dict[str, Any]) -> list[int]:
    pages = source.get("pages")
    if isinstance(pages, list) and len(pages) == 2 and all(isinstance(p, int) for p in pages):
        return list(range(pages[0], pages[1] + 1))
    return []


# -- reported against recomputed --------------------------------------------------------------


def _dec(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value).strip().rstrip("%"))
    except (InvalidOperation, ValueError):
        return None


def differs(reported: Any, recomputed: Any) -> bool:
    """Whether a recomputed value disagrees with the printed one at the printed precision
    (0.7633 against 0.763301 agrees; 5.4 against 7.20 does not)."""
    rep, rec = _dec(reported), _dec(recomputed)
    if rep is None or rec is None:
        return False
    exponent = rep.as_tuple().exponent
    half = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0) / 2
    return abs(rep - rec) > half


def score_lines(form: dict[str, Any]) -> list[dict[str, Any]]:
    """Reported and recomputed scores of a form, one line per quantity, with a diff flag."""
    summary = (form.get("audit") or {}).get("summary") or {}
    lines = []

    def add(label: str, reported: Any, recomputed: Any, key: str | None = None) -> None:
        if reported is None and recomputed is None:
            return
        lines.append(
            {
                "label": label,
                "reported": reported,
                "recomputed": recomputed,
                "differs": differs(reported, recomputed),
                "key": key,
            }
        )

    add(
        "预算执行率",
        summary.get("budget_rate_reported"),
        summary.get("budget_rate_recomputed"),
        "fund:0:rate",
    )
    add(
        "预算执行得分",
        summary.get("budget_score_reported"),
        summary.get("budget_score_recomputed"),
        "fund:0:score",
    )
    for level in (summary.get("level1") or {}).values():
        add(
            f"{level.get('label')} 得分", level.get("score_reported"), level.get("score_recomputed")
        )
    add(
        "指标得分合计",
        summary.get("indicator_score_reported"),
        summary.get("indicator_score_recomputed"),
    )
    add("总分", summary.get("total_reported"), summary.get("total_recomputed"), "total::score")
    return lines
