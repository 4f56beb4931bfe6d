"""read -> normalize -> validate: the forms of one file with every later stage's results attached.

The stages are separate packages (extract, normalize, validate) that never import this app
layer; this module is the one place that chains them.
"""

from __future__ import annotations

from pathlib import Path

import extract
from extract import Form
from extract.pdf import DEFAULT_ENGINE
from normalize import apply as normalize_form
from validate import attach, audit


def enrich(form: Form) -> Form:
    """Normalize a raw form and attach its audit, in place; returns the form."""
    normalized = normalize_form(form)
    attach(form, audit(form, normalized=normalized))
    return form


def read(path: str | Path, *, engine: str = DEFAULT_ENGINE) -> list[Form]:
    """Every form in ``path``, normalized and audited. Raises extract.ReadError for bad input."""
    return [enrich(form) for form in extract.read(path, engine=engine)]
