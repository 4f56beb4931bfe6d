"""What an audit returns: one Finding per problem, per-row recomputations, a per-form summary."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
SECTIONS = ("indicator", "fund", "total", "form")


@dataclass(frozen=True)
class Finding:
    """One rule broken at one place. ``code`` is stable; ``message`` is Chinese, with numbers.

    ``row`` is the index into form.indicators (section "indicator") or form.funds ("fund"),
    None for whole-form findings; ``field`` is the record field concerned (score, rate, ...).
    """

    code: str
    severity: str
    message: str
    file: str | None = None
    form_index: int | None = None
    page: int | None = None
    row: int | None = None
    field: str | None = None
    section: str = "form"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def at_least(self, level: str) -> bool:
        return SEVERITY_RANK[self.severity] >= SEVERITY_RANK[level]


@dataclass
class Audit:
    """The audit of one form. Every number is a string (exact), None where not computable."""

    findings: list[Finding] = field(default_factory=list)
    indicators: list[dict[str, Any]] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)

    def codes(self) -> list[str]:
        return [f.code for f in self.findings]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": dict(self.summary),
            "indicators": [dict(r) for r in self.indicators],
            "findings": [f.to_dict() for f in self.findings],
        }
