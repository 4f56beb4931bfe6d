"""Audit settings: the defaults in config.toml, a user file merged on top, exact Decimals.

Every tolerance and policy the rules use lives here so that an auditor can change it without
touching code; numbers are read as strings and kept as Decimal.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args

from selfeval.validate.findings import SEVERITIES, Severity

DEFAULT_PATH = Path(__file__).with_name("config.toml")
ENV_VAR = "SELFEVAL_AUDIT_CONFIG"
#: How a reverse indicator's score is recomputed (config.toml [indicator] reverse_formula).
ReverseFormula = Literal["ratio", "linear", "either"]
#: Which execution rate the budget score is checked with (config.toml [budget] rate_source).
RateSource = Literal["printed", "computed"]
REVERSE_FORMULAS: tuple[ReverseFormula, ...] = get_args(ReverseFormula)
RATE_SOURCES: tuple[RateSource, ...] = get_args(RateSource)
_Choice = TypeVar("_Choice", bound=str)


class ConfigError(ValueError):
    """A config file that cannot be used: unreadable, bad TOML, or a bad value."""


@dataclass(frozen=True)
class Band:
    """A qualitative wording and the fractions of the weight it allows (inclusive)."""

    name: str
    words: tuple[str, ...]
    low: Decimal
    high: Decimal


@dataclass(frozen=True)
class Config:
    shortfall_severity: Severity
    carryover_words: tuple[str, ...]
    cap_rate: bool
    rate_source: RateSource
    budget_places: int
    reverse_formula: ReverseFormula
    overachieved_ratio: Decimal
    recompute_embedded: bool
    row_places: int
    bands: tuple[Band, ...]
    level1_standard: dict[str, Decimal]
    allow_satisfaction_to_benefit: bool
    grade_bands: tuple[tuple[str, Decimal], ...]
    required_header: tuple[str, ...]
    severity: dict[str, Severity]
    low_rate: Decimal = Decimal("0.9")
    growth_words: tuple[str, ...] = ()
    required_level1: tuple[str, ...] = ()
    disabled: frozenset[str] = field(default_factory=frozenset)
    sources: tuple[str, ...] = ()

    def severity_of(self, code: str) -> Severity:
        return self.severity.get(code, "warning")

    def enabled(self, code: str) -> bool:
        return code not in self.disabled


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config file ({exc.strerror})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Tables merge key by key; any other value (lists included) replaces the default."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _dec(value: Any, where: str) -> Decimal:
    if isinstance(value, float):
        raise ConfigError(f"{where}: write numbers as strings ('0.01'), not floats")
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise ConfigError(f"{where}: {value!r} is not a number") from exc


def _choice(value: Any, allowed: tuple[_Choice, ...], where: str) -> _Choice:
    for choice in allowed:
        if value == choice:
            return choice
    raise ConfigError(f"{where}: {value!r} is not one of {', '.join(allowed)}")


def build(raw: dict[str, Any], sources: tuple[str, ...] = ()) -> Config:
    """A checked Config from merged TOML data."""
    budget = raw.get("budget", {})
    ind = raw.get("indicator", {})
    bands = tuple(
        Band(
            name=str(b["name"]),
            words=tuple(b.get("words", ())),
            low=_dec(b["low"], f"qualitative.bands[{i}].low"),
            high=_dec(b["high"], f"qualitative.bands[{i}].high"),
        )
        for i, b in enumerate(raw.get("qualitative", {}).get("bands", []))
    )
    level1 = raw.get("level1", {})
    severity = {
        code: _choice(level, SEVERITIES, f"severity.{code}")
        for code, level in raw.get("severity", {}).items()
    }
    return Config(
        shortfall_severity=_choice(
            raw.get("funds", {}).get("shortfall_without_carryover_row", "warning"),
            SEVERITIES,
            "funds.shortfall_without_carryover_row",
        ),
        carryover_words=tuple(raw.get("funds", {}).get("carryover_words", ("上年结转",))),
        cap_rate=bool(budget.get("cap_rate", True)),
        rate_source=_choice(
            budget.get("rate_source", "printed"), RATE_SOURCES, "budget.rate_source"
        ),
        budget_places=int(budget.get("places", 2)),
        reverse_formula=_choice(
            ind.get("reverse_formula", "either"), REVERSE_FORMULAS, "indicator.reverse_formula"
        ),
        overachieved_ratio=_dec(
            ind.get("overachieved_ratio", "1.3"), "indicator.overachieved_ratio"
        ),
        recompute_embedded=bool(ind.get("recompute_embedded", False)),
        row_places=int(ind.get("places", 2)),
        bands=bands,
        level1_standard={
            code: _dec(v, f"level1.standard.{code}")
            for code, v in level1.get("standard", {}).items()
        },
        allow_satisfaction_to_benefit=bool(level1.get("allow_satisfaction_to_benefit", True)),
        grade_bands=tuple(
            (str(name), _dec(bound, f"grade.bands.{name}"))
            for name, bound in raw.get("grade", {}).get("bands", [])
        ),
        required_header=tuple(raw.get("structure", {}).get("required_header", ())),
        severity=severity,
        low_rate=_dec(budget.get("low_rate", "0.9"), "budget.low_rate"),
        growth_words=tuple(ind.get("growth_words", ())),
        required_level1=tuple(raw.get("structure", {}).get("required_level1", ())),
        disabled=frozenset(raw.get("rules", {}).get("disabled", ())),
        sources=sources,
    )


def load(path: str | Path | None = None) -> Config:
    """The defaults, then $SELFEVAL_AUDIT_CONFIG, then ``path`` merged on top (later wins)."""
    paths = [DEFAULT_PATH]
    if env := os.environ.get(ENV_VAR, "").strip():
        paths.append(Path(env))
    if path is not None:
        paths.append(Path(path))
    raw: dict[str, Any] = {}
    for p in paths:
        raw = _merge(raw, _read(p))
    return build(raw, tuple(str(p) for p in paths))


def defaults() -> Config:
    """The shipped defaults alone (config.toml, no $SELFEVAL_AUDIT_CONFIG)."""
    return build(_read(DEFAULT_PATH), (str(DEFAULT_PATH),))


_DEFAULT: Config | None = None


def default() -> Config:
    """The default config (plus $SELFEVAL_AUDIT_CONFIG), read once."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load()
    return _DEFAULT
