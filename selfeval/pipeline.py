"""read -> normalize -> validate: the forms of one file with every later stage's results attached.

The stages are separate packages (extract, normalize, validate) that never import this app
layer; this module is the one place that chains them.
"""

from __future__ import annotations

from pathlib import Path

import extract
from extract import Form
from normalize import apply as _normalize

try:  # validate is being written in parallel; wired in as soon as it exists
    from validate import attach as _attach
    from validate import audit as _audit
except ImportError:  # pragma: no cover - removed once validate lands
    _audit = _attach = None


def enrich(form: Form) -> Form:
    """Normalize a raw form and attach its audit, in place; returns the form."""
    _normalize(form)
    if _audit is not None and _attach is not None:
        _attach(form, _audit(form))
    return form


def read(path: str | Path, *, engine: str = "pdfplumber") -> list[Form]:
    """Every form in ``path``, normalized and audited. Raises extract.ReadError for bad input."""
    return [enrich(form) for form in extract.read(path, engine=engine)]
