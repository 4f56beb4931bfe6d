"""What a sample form says (content) and how it is printed (layout): the single source of a sample.

The renderers read a ``Sample``; the golden file is written from the same ``Sample`` by
``golden_forms``. Every string here is exactly what gets printed in its cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from selfeval.extract.record import FUND_FIELDS, HEADER_FIELDS, INDICATOR_FIELDS


@dataclass
class Fund:
    item: str
    budget_initial: str | None = None
    budget_full: str | None = None
    executed: str | None = None
    weight: str | None = None
    rate: str | None = None
    score: str | None = None
    reason: str | None = None  # C family's 原因 column: printed, not a contract key


@dataclass
class Row:
    """One indicator row. ``parts`` holds (指标性质, 指标值, 度量单位) where the grid splits the
    target into three columns (A-YN, C); ``target`` is then their concatenation."""

    level1: str | None
    level2: str | None
    level3: str | None
    target: str | None = None
    actual: str | None = None
    weight: str | None = None
    score: str | None = None
    deviation: str | None = None
    parts: tuple[str, str, str] | None = None


@dataclass
class Form:
    family: str  # A, A-AH, A-YN, B, C, DEPT
    title: str
    year: str
    project_name: str | None
    department: str | None
    implementer: str | None
    managers: str | None
    phone: str | None
    funds: list[Fund]
    goals_expected: str | None
    goals_actual: str | None
    rows: list[Row]
    total_weight: str | None
    total_score: str | None
    grade: str | None = None
    footnote: str | None = None
    footer: list[tuple[str, str]] = field(default_factory=list)  # C: 评价结论 / 存在问题 / 改进措施
    expected_findings: list[str] = field(default_factory=list)
    topic: str = ""

    def contract(self) -> dict[str, Any]:
        """The golden dict: contract keys with the printed strings (None where empty)."""
        out: dict[str, Any] = {f: getattr(self, f) for f in HEADER_FIELDS}
        out["funds"] = [{f: _blank(getattr(r, f)) for f in FUND_FIELDS} for r in self.funds]
        out["goals"] = {
            "expected": _blank(self.goals_expected),
            "actual": _blank(self.goals_actual),
        }
        out["indicators"] = [
            {f: _blank(getattr(r, f)) for f in INDICATOR_FIELDS} for r in self.rows
        ]
        out["total"] = {"weight": self.total_weight, "score": self.total_score}
        if self.grade is not None:
            out["grade"] = self.grade
        if self.expected_findings:
            out["expected_findings"] = list(self.expected_findings)
        return out


def _blank(text: str | None) -> str | None:
    return None if text is None or not text.strip() else text


@dataclass
class Layout:
    """How one sample is printed. Not every knob applies to every route."""

    route: str  # xlsx | docx | draw | html
    font: str = "AR PL UMing CN"
    size: float = 9.0
    landscape: bool = False
    repeat_labels: bool = False  # reprint 一级/二级 labels at page tops (xlsx, draw)
    rows_per_page: tuple[int, ...] = ()  # manual breaks: indicator rows on each page (xlsx)
    split_rows: bool = True  # draw: let a tall row continue on the next page
    letter_space: bool = True  # draw: spread short labels ("项 目 名 称")
    scale_goals: float = 0.85  # goals text size relative to ``size``


@dataclass
class Sample:
    stem: str
    forms: list[Form]
    layout: Layout
    hard: str  # what is hard in it, for INDEX.md
    prose_before: list[str] = field(default_factory=list)  # bundle: report pages before forms

    @property
    def family(self) -> str:
        fams = sorted({f.family for f in self.forms})
        return "+".join(fams) if len(fams) > 1 else fams[0]

    def golden(self) -> list[dict[str, Any]]:
        return [f.contract() for f in self.forms]
