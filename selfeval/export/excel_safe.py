"""Keep spreadsheet programs from executing printed text (CSV/formula injection).

A form cell printed as ``=SUM(A1)`` or ``+86 10 ...`` or ``@cmd`` must reach the analyst as
text. In CSV, a text cell starting with = + - @ TAB or CR gets a leading apostrophe (what Excel
itself uses to mark text); plain numbers ("-1.5", "+3%") and dash placeholders ("-", "—") are
left alone since Excel cannot run them. In XLSX, text is written as a string cell whatever it
starts with, so the workbook holds no formula. The JSON keeps the printed text unchanged.
"""

from __future__ import annotations

import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_HARMLESS = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)%?|[-—–]+")
#: The control characters XML 1.0 forbids: openpyxl's ``ILLEGAL_CHARACTERS_RE``, kept here so
#: that importing this module does not load openpyxl (a test checks the two agree).
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def needs_quote(text: str) -> bool:
    """True when Excel could take ``text`` for a formula."""
    return text.startswith(TRIGGERS) and not _HARMLESS.fullmatch(text)


def csv_text(text: str) -> str:
    """The CSV form of a text cell: neutralised with a leading apostrophe when needed."""
    return "'" + text if needs_quote(text) else text


def xlsx_text(text: str) -> str:
    """Text an XLSX cell can hold: XML-illegal control characters dropped."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)
