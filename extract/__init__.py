"""Readers: source files in, one raw record (extract.record.Form) per self-evaluation form out.

``read(path)`` picks the reader by content (not only by suffix) and raises ``ReadError`` with a
stable code for anything that holds no readable form.
"""

from __future__ import annotations

from selfeval.extract.errors import ERROR_CODES, ReadError
from selfeval.extract.reader import read
from selfeval.extract.record import Cell, Form, FundRow, Goals, Indicator, Note, Total
from selfeval.extract.sniff import sniff

__all__ = [
    "ERROR_CODES",
    "Cell",
    "Form",
    "FundRow",
    "Goals",
    "Indicator",
    "Note",
    "ReadError",
    "Total",
    "read",
    "sniff",
]
