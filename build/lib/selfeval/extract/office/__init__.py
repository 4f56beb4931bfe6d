"""Readers of the originals: Excel/WPS workbooks, Word documents, HTML pages, legacy files.

Each reader lays the original's cells and merges out as the engine-neutral page layout the PDF
reader builds (``extract.office.canvas``) and hands it to the same assembly
(``extract.assemble.assemble``), so a form reads to the same record from its original as from
its PDF. Provenance is in the source's terms (``Sheet1!C12``, ``table 1 row 3 col 2``).
"""

from __future__ import annotations

from pathlib import Path

from selfeval.extract.record import Form


def read_office(path: str | Path, kind: str) -> list[Form]:
    """Every form in an original of sniffed ``kind`` (raises ReadError when there is none)."""
    from selfeval.extract.office.read import read_original

    return read_original(Path(path), kind)
