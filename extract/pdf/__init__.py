"""PDF reader: layout-aware extraction of self-evaluation forms from ruled PDF tables.

``read_pdf(path, engine=...)`` returns one ``Form`` per form found. The default engine reads the
page objects with pdfplumber (rules from lines and thin rectangles, glyphs bucketed into merged
cells); ``engine="camelot"`` uses camelot's lattice tables instead. Both feed the same form
assembly (``extract.assemble``).
"""

from __future__ import annotations

from pathlib import Path

from extract.record import Form

ENGINES = ("pdfplumber", "camelot")


def read_pdf(path: str | Path, *, engine: str = "pdfplumber") -> list[Form]:
    """Every self-evaluation form in the PDF at ``path``; ``ReadError`` when there is none."""
    from extract.pdf.reader import read_pdf as _read

    return _read(path, engine=engine)


__all__ = ["ENGINES", "read_pdf"]
