"""read -> normalize -> validate: the forms of one file with every later stage's results attached.

The stages are separate packages (extract, normalize, validate) that never import this app
layer; this module is the one place that chains them, with one ``Settings`` (engine, audit
config, taxonomy, limits). Every command, the API and the batch workers read through here.
"""

from __future__ import annotations

from pathlib import Path

import selfeval.extract as extract
from selfeval.extract import Form
from selfeval.normalize import apply as normalize_form
from selfeval.settings import Settings
from selfeval.validate import Audit, attach, audit


def audit_form(form: Form, settings: Settings | None = None) -> Audit:
    """Normalize a raw form (rows get their ``normalized`` view) with the settings' taxonomy,
    audit it with normalize's typed result under the settings' config and attach the audit,
    in place; returns the audit."""
    settings = settings or Settings.from_env()
    normalized = normalize_form(form, settings.taxonomy)
    result = audit(form, settings.config, normalized=normalized)
    attach(form, result)
    return result


def enrich(form: Form, settings: Settings | None = None) -> Form:
    """Normalize a raw form and attach its audit, in place; returns the form."""
    audit_form(form, settings)
    return form


def read(path: str | Path, settings: Settings | None = None, *, audited: bool = True) -> list[Form]:
    """Every form in ``path``, normalized and audited (raw with ``audited=False``). Raises
    ``extract.ReadError`` for bad input, ``timeout``/``memory`` when ``settings.limits`` stop
    the read (it then runs in a worker process). ``settings`` default: ``Settings.from_env()``."""
    settings = settings or Settings.from_env()
    if settings.limits is not None:
        from selfeval.convert import read_limited

        return [Form.from_dict(d) for d in read_limited(path, settings, audited=audited)]
    return read_here(path, settings, audited=audited)


def read_here(path: str | Path, settings: Settings, *, audited: bool = True) -> list[Form]:
    """``read`` in this process, whatever the limits (what a worker runs)."""
    forms = extract.read(path, engine=settings.engine)
    if audited:
        for form in forms:
            enrich(form, settings)
    return forms
