"""The reader's doubts as findings: each ``reading.*`` note of the form, at its page and cell.

A doubt is about our reading, not about the form: an auditor looks at the page before believing
either the cell or any arithmetic over it (the sums are skipped, see structure.partial).
"""

from __future__ import annotations

from selfeval.validate.context import Context
from selfeval.validate.findings import section_of

CODES = (
    "reading.missing-cell",
    "reading.missing-label",
    "reading.columns",
    "reading.no-rows",
    "reading.level-pair",
    "reading.garbled",
    "reading.repeated-rows",
    "reading.page-missing",
    "reading.missing-row",
    "reading.out-of-order",
)


def check(ctx: Context) -> None:
    for note in ctx.facts.doubts:
        code = note.code if note.code in CODES else "reading.columns"
        ctx.emit(
            code,
            note.message,
            section=section_of(note.section),
            row=note.row,
            field=note.field,
            page=note.page,
        )
