"""Review marks: an auditor's verdict on a form or a finding, kept in ``OUT/review.sqlite``.

A mark is keyed by the input (its path as the batch saw it), the file's SHA-256, the form's
index in the file and the target (``form`` or ``finding:<code>:<cell key>``). A rerun of
``extract`` leaves the database alone; when a file's content changes, its old marks keep the old
hash and the report shows them as stale.
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, get_args

from selfeval.export.excel_safe import csv_text
from selfeval.files import atomic_open

DB_NAME = "review.sqlite"
CSV_NAME = "review.csv"
#: What a reviewer says of a form or a finding in the report.
Verdict = Literal["checked", "misread", "confirmed"]
VERDICTS: tuple[Verdict, ...] = get_args(Verdict)
FIELDS = ("input", "sha256", "form", "target", "verdict", "note", "marked_at")
MAX_NOTE = 4000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS marks (
    input TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    form INTEGER NOT NULL,
    target TEXT NOT NULL,
    verdict TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    marked_at TEXT NOT NULL,
    PRIMARY KEY (input, sha256, form, target)
)
"""


class MarkError(ValueError):
    """A mark that cannot be stored (unknown verdict, bad form number, ...)."""


@contextmanager
def connect(out: Path) -> Iterator[sqlite3.Connection]:
    with closing(sqlite3.connect(Path(out) / DB_NAME, timeout=10)) as db:
        db.execute(_SCHEMA)
        with db:
            yield db


def add_mark(
    out: Path,
    *,
    input: str,
    sha256: str,
    form: int,
    target: str,
    verdict: str | None,
    note: str = "",
) -> dict[str, Any]:
    """Store (or replace) one mark; returns it as stored. Every value is checked here: the
    server passes what the browser sent (``verdict`` None when it sent none)."""
    if verdict not in VERDICTS:
        raise MarkError(f"verdict must be one of {', '.join(VERDICTS)}, not {verdict!r}")
    if not isinstance(form, int) or isinstance(form, bool) or form < 0:
        raise MarkError("form must be a form index (0, 1, ...)")
    for name, value in (("input", input), ("sha256", sha256), ("target", target)):
        if not isinstance(value, str) or not value or len(value) > 1000:
            raise MarkError(f"{name} must be a non-empty string")
    if not isinstance(note, str) or len(note) > MAX_NOTE:
        raise MarkError(f"note must be text of at most {MAX_NOTE} characters")
    mark = {
        "input": input,
        "sha256": sha256,
        "form": form,
        "target": target,
        "verdict": verdict,
        "note": note,
        "marked_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    with connect(out) as db:
        db.execute(
            "INSERT OR REPLACE INTO marks VALUES (?, ?, ?, ?, ?, ?, ?)",
            tuple(mark[f] for f in FIELDS),
        )
    return mark


def load_marks(out: Path) -> list[dict[str, Any]]:
    """Every mark, oldest first (no database yet: none)."""
    if not (Path(out) / DB_NAME).exists():
        return []
    with connect(out) as db:
        rows = db.execute(
            f"SELECT {', '.join(FIELDS)} FROM marks ORDER BY marked_at, input, form, target"
        ).fetchall()
    return [dict(zip(FIELDS, row, strict=True)) for row in rows]


def with_staleness(
    marks: list[dict[str, Any]], current: dict[str, str | None]
) -> list[dict[str, Any]]:
    """Each mark with ``stale``: true when its input's content has changed (or is gone)."""
    return [{**m, "stale": current.get(m["input"]) != m["sha256"]} for m in marks]


def export_csv(out: Path, marks: list[dict[str, Any]]) -> Path:
    """``OUT/review.csv``: one row per mark (UTF-8 with BOM, as the other tables)."""
    target = Path(out) / CSV_NAME
    with atomic_open(target, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([*FIELDS, "stale"])
        for mark in marks:
            cells = [csv_text(v) if isinstance(v, str) else v for v in (mark[f] for f in FIELDS)]
            writer.writerow([*cells, "yes" if mark.get("stale") else ""])
    return target
