"""Reader for pdftotext-style text dumps of self-evaluation forms.

The table layout is gone from such a dump: cells wrap over several lines, columns follow one
another, stacked labels come out one character per line. The reader rebuilds the form from
structure alone (section labels, column roles, the 分值/得分 anchor of each row, line widths) and
reports what it cannot place instead of guessing.
"""

from __future__ import annotations

from pathlib import Path

from extract.errors import ReadError
from extract.record import Form
from extract.sniff import decode_text
from extract.text.form import read_form
from extract.text.layout import dump_lines, split_forms

__all__ = ["parse_text", "read_text"]


def parse_text(text: str) -> list[Form]:
    """Every form in a dump's text, in order (an empty list when there is none)."""
    forms = []
    for lines in split_forms(dump_lines(text)):
        form = read_form(lines)
        form.source["reader"] = "text"
        forms.append(form)
    return forms


def read_text(path: str | Path) -> list[Form]:
    """Read a text dump file; raise ReadError when it holds no self-evaluation form."""
    data = Path(path).read_bytes()
    text = decode_text(data)
    if text is None:
        raise ReadError(path, "not-a-form", "not a text file in a known encoding")
    forms = [f for f in parse_text(text) if _holds_a_form(f)]
    if not forms:
        raise ReadError(path, "not-a-form", "no self-evaluation form title and grid in this text")
    for form in forms:
        form.source["file"] = str(path)
    return forms


def _holds_a_form(form: Form) -> bool:
    """A form was found: rows or funds were read, or a titled form left goals or notes."""
    return bool(
        form.indicators
        or form.funds
        or (not form.title.empty and (form.goals.expected.text or form.notes))
    )
