"""read -> normalize -> validate: the forms of one file with every later stage's results attached.

The stages are separate packages (extract, normalize, validate) that never import this app
layer; this module is the one place that chains them.
"""

from __future__ import annotations

from pathlib import Path

import selfeval.extract as extract
from selfeval.extract import Form
from selfeval.extract.pdf import DEFAULT_ENGINE
from selfeval.normalize import apply as normalize_form
from selfeval.validate import Audit, Config, attach, audit


def audit_form(form: Form, config: Config | None = None) -> Audit:
    """Normalize a raw form (rows get their ``normalized`` view), audit it with normalize's
    typed result and attach the audit, in place; returns the audit."""
    result = audit(form, config, normalized=normalize_form(form))
    attach(form, result)
    return result


def enrich(form: Form) -> Form:
    """Normalize a raw form and attach its audit, in place; returns the form."""
    audit_form(form)
    return form


def read(path: str | Path, *, engine: str = DEFAULT_ENGINE) -> list[Form]:
    """Every form in ``path``, normalized and audited. Raises extract.ReadError for bad input."""
    return [enrich(form) for form in extract.read(path, engine=engine)]
