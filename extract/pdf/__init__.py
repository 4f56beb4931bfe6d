"""PDF reader: layout-aware extraction of self-evaluation forms from ruled PDF tables.

``read_pdf(path, engine=...)`` returns one ``Form`` per form found. The default engine reads
the page objects with PDFium (rules from lines and thin rectangles, glyphs bucketed into merged
cells); ``engine="pdfplumber"`` reads the same objects with pdfplumber, the reference its
records are checked against (several times slower); ``engine="camelot"`` uses camelot's lattice
tables. All feed the same form assembly (``extract.assemble``). ``DEFAULT_ENGINE`` is the one
used when none is named.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, get_args

from selfeval.extract.record import Form

#: The PDF engines (docs/engines.md); a reader is asked for one by name.
Engine = Literal["pdfplumber", "pdfium", "camelot"]
ENGINES: tuple[Engine, ...] = get_args(Engine)
#: The engine used when none is named (``--engine``). PDFium gives the pdfplumber engine's records
#: on every corpus and validation PDF (tests/test_pdf_engines.py); pdfplumber stays the reference
#: the others are measured against (docs/engines.md).
DEFAULT_ENGINE: Engine = "pdfium"


def read_pdf(path: str | Path, *, engine: str = DEFAULT_ENGINE) -> list[Form]:
    """Every self-evaluation form in the PDF at ``path``; ``ReadError`` when there is none."""
    from selfeval.extract.pdf.reader import read_pdf as _read

    return _read(path, engine=engine)


__all__ = ["DEFAULT_ENGINE", "ENGINES", "Engine", "read_pdf"]
