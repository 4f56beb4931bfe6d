"""What an audit returns: one Finding per problem, per-row recomputations, a per-form summary."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any, Literal, get_args

#: How bad a finding is; an audit config may set each rule's (validate/config.toml [severity]).
Severity = Literal["error", "warning", "info"]
#: Where a finding points: an indicator row, a funds row, the total row or the whole form.
Section = Literal["indicator", "fund", "total", "form"]
SEVERITIES: tuple[Severity, ...] = get_args(Severity)
SECTIONS: tuple[Section, ...] = get_args(Section)
SEVERITY_RANK: dict[Severity, int] = {"info": 0, "warning": 1, "error": 2}
#: The names readers give a note's section, as a finding's (the review report places by these).
_NOTE_SECTIONS: dict[str, Section] = {"indicators": "indicator", "funds": "fund", "header": "form"}


def section_of(note_section: str | None) -> Section:
    """The finding section of a reader's note: its own name where it is one, the row lists'
    names (indicators, funds) as their rows', header and goals cells as the form's."""
    for section in SECTIONS:
        if note_section == section:
            return section
    return _NOTE_SECTIONS.get(note_section or "", "form")


@dataclass(frozen=True)
class Finding:
    """One rule broken at one place. ``code`` is stable; ``message`` is Chinese, with numbers.

    ``row`` is the index into form.indicators (section "indicator") or form.funds ("fund"),
    None for whole-form findings; ``field`` is the record field concerned (score, rate, ...).
    """

    code: str
    severity: Severity
    message: str
    file: str | None = None
    form_index: int | None = None
    page: int | None = None
    row: int | None = None
    field: str | None = None
    section: Section = "form"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def at_least(self, level: Severity) -> bool:
        return SEVERITY_RANK[self.severity] >= SEVERITY_RANK[level]


def plain(value: Any) -> Any:
    """``value`` as JSON-safe data: Decimals as exact text in plain notation ('7.63', never
    '7.63E+0'), containers converted item by item."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


@dataclass
class Audit:
    """The audit of one form, typed: every number an exact Decimal, None where not
    computable. ``to_dict`` is the JSON view (numbers as exact text)."""

    findings: list[Finding] = field(default_factory=list)
    indicators: list[dict[str, Any]] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)

    def codes(self) -> list[str]:
        return [f.code for f in self.findings]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": plain(self.summary),
            "indicators": [plain(r) for r in self.indicators],
            "findings": [f.to_dict() for f in self.findings],
        }
