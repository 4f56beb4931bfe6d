"""docs/audit.md is generated from the rule modules and the default config: it cannot drift."""

from __future__ import annotations

import selfeval.validate as validate
from selfeval.validate.reference import MEANING, render
from tests.conftest import ROOT


def test_every_code_is_documented():
    assert set(validate.CODES) == set(MEANING)


def test_docs_audit_md_is_the_generated_text():
    """Regenerate with: python -m selfeval.validate.reference > docs/audit.md"""
    assert (ROOT / "docs" / "audit.md").read_text(encoding="utf-8") == render()


def test_docs_list_every_code_with_its_default_severity():
    text = (ROOT / "docs" / "audit.md").read_text(encoding="utf-8")
    config = validate.config.defaults()
    for code in validate.CODES:
        assert f"| `{code}` | {config.severity_of(code)} |" in text
