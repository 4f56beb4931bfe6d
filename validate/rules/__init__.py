"""The audit rules, by topic. Each module has ``CODES`` (what it may report) and
``check(ctx)`` (report through ``ctx.emit``)."""

from __future__ import annotations

from selfeval.validate.rules import budget, funds, indicators, reading, structure, totals

MODULES = (reading, funds, budget, indicators, totals, structure)
CODES: tuple[str, ...] = tuple(code for module in MODULES for code in module.CODES)
