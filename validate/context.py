"""What every rule gets: the form's facts, the config, recomputed rows, and a way to report."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from selfeval.validate.config import Config
from selfeval.validate.facts import FormFacts
from selfeval.validate.findings import Finding, Section, Severity
from selfeval.validate.scoring import Recomputed, round_to
from selfeval.validate.sums import Sums


def show(value: Decimal | None) -> str:
    """A number as a person writes it: '7.63', '10', '0.5' (no exponent, no trailing zeros)."""
    if value is None:
        return "空"
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def percent(rate: Decimal | None) -> str:
    """A fraction as a percentage with two places: 0.7633 -> '76.33%'."""
    return "空" if rate is None else f"{round_to(rate * 100, 2)}%"


@dataclass
class Context:
    facts: FormFacts
    config: Config
    recomputed: dict[int, Recomputed] = field(default_factory=dict)
    sums: Sums = field(default_factory=Sums)
    findings: list[Finding] = field(default_factory=list)

    def emit(
        self,
        code: str,
        message: str,
        *,
        section: Section,
        row: int | None = None,
        field: str | None = None,
        page: int | None = None,
        severity: Severity | None = None,
    ) -> None:
        """Record one finding (unless its rule is disabled), with the form's location.

        ``severity`` overrides the configured one for a milder case of the same rule.
        """
        if not self.config.enabled(code):
            return
        self.findings.append(
            Finding(
                code=code,
                severity=severity or self.config.severity_of(code),
                message=message,
                file=self.facts.file,
                form_index=self.facts.form_index,
                page=page,
                row=row,
                field=field,
                section=section,
            )
        )
