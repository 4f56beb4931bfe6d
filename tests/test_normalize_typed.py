"""normalize's typed results (issue 21 item 2) and the outputs they must not change.

``before_issue16.json.gz`` holds, for every golden form, what normalize and the audit wrote
before the typed results and the second audit pass (made once with the code of that time):
the rows' ``normalized`` JSON, the audit's per-row recomputations and its summary. The
typed pipeline must write them byte for byte, except where the audit was meant to change.
"""

from __future__ import annotations

import gzip
import json
from decimal import Decimal

import pytest

import selfeval.normalize as normalize
import selfeval.validate as validate
from selfeval.extract import Form
from selfeval.normalize import NormalizedForm, NormalizedIndicator, Value
from tests.conftest import GOLDEN_FILES, ROOT, SEED_GOLDEN

BEFORE = ROOT / "tests" / "data" / "audit" / "before_issue16.json.gz"


def snapshot(data: dict) -> dict:
    form = Form.from_dict({k: v for k, v in data.items() if k != "expected_findings"})
    typed = normalize.apply(form)
    audit = validate.audit(form, normalized=typed)
    return {
        "indicators": [r.normalized for r in form.indicators],
        "funds": [r.normalized for r in form.funds],
        "audit_indicators": audit.to_dict()["indicators"],
        "summary": {
            k: v
            for k, v in audit.to_dict()["summary"].items()
            if k not in ("errors", "warnings", "infos")
        },
    }


def _before() -> dict:
    with gzip.open(BEFORE, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def test_before_snapshot_covers_the_corpus():
    assert set(_before()) == {p.name for p in GOLDEN_FILES}


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=[p.stem for p in GOLDEN_FILES])
def test_outputs_unchanged_except_intended(path):
    before = _before()[path.name]
    now = [snapshot(d) for d in json.loads(path.read_text(encoding="utf-8"))]
    assert len(now) == len(before)
    for old, new in zip(before, now, strict=True):
        # normalize's JSON view and the summary: byte for byte
        assert json.dumps(new["indicators"], ensure_ascii=False, sort_keys=True) == json.dumps(
            old["indicators"], ensure_ascii=False, sort_keys=True
        )
        assert new["funds"] == old["funds"]
        assert new["summary"] == old["summary"]
        for was, row in zip(old["audit_indicators"], new["audit_indicators"], strict=True):
            if row == was:
                continue
            # intended (V06): a target of 0 was "not positive", now scored by the 等于 rule
            assert was["not_recomputable"] == "target is not positive", (was, row)
            assert row["formula"] == "zero-target"


def test_typed_results_beside_the_raw_form():
    [data] = json.loads(SEED_GOLDEN.read_text(encoding="utf-8"))
    form = Form.from_dict(data)
    typed = normalize.normalize_form(form)
    assert isinstance(typed, NormalizedForm)
    assert all(r.normalized is None for r in form.indicators)  # normalize_form does not touch
    row = typed.indicators[0]
    assert isinstance(row, NormalizedIndicator) and isinstance(row.target, Value)
    assert typed.funds[0].rate == Decimal("0.7633") and typed.total_score == Decimal("93.83")
    assert normalize.apply(form) == typed
    assert form.indicators[0].normalized == row.to_dict()
    # validate consumes the typed result: the same audit as normalizing inside
    assert validate.audit(form, normalized=typed).to_dict() == validate.audit(form).to_dict()


def test_validate_uses_the_typed_values():
    """A typed result is taken as given (no re-parsing of the cells)."""
    [data] = json.loads(SEED_GOLDEN.read_text(encoding="utf-8"))
    form = Form.from_dict(data)
    typed = normalize.normalize_form(form)
    changed = NormalizedForm(typed.indicators, typed.funds, typed.total_weight, Decimal("90"))
    audit = validate.audit(form, normalized=changed)
    assert audit.summary["total_reported"] == Decimal("90")
    assert audit.to_dict()["summary"]["total_reported"] == "90"
    assert "total.sum" in audit.codes()
