"""Validation: check a form's arithmetic and scoring rules and say where it is wrong.

``audit(form, config=None) -> Audit`` runs every rule (codes in ``CODES``) on one form from
extract (normalized or not) and recomputes what can be recomputed; ``attach(form, audit)``
stores the result under ``form.attachments["audit"]``. Tolerances and policies come from
config.toml beside this module, overridable with ``load_config(path)``. Imports extract and
normalize only.
"""

from __future__ import annotations

from selfeval.validate.audit import attach, audit
from selfeval.validate.config import Config, ConfigError
from selfeval.validate.config import load as load_config
from selfeval.validate.findings import SEVERITY_RANK, Audit, Finding
from selfeval.validate.rules import CODES

__all__ = [
    "CODES",
    "SEVERITY_RANK",
    "Audit",
    "Config",
    "ConfigError",
    "Finding",
    "attach",
    "audit",
    "load_config",
]
