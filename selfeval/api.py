"""The Python API: ``read`` a file into forms, ``to_frames`` for pandas."""

from __future__ import annotations

from pathlib import Path

import extract
from extract import Form


def read(path: str | Path, *, engine: str = "pdfplumber") -> list[Form]:
    """Read every self-evaluation form in ``path`` (PDF or text dump), in order."""
    return extract.read(path, engine=engine)


def to_frames(forms: list[Form]):  # -> dict[str, pandas.DataFrame]
    """Tables of the forms as pandas DataFrames: forms, indicators, funds (and findings)."""
    raise NotImplementedError("to_frames is being built (issue 2)")
