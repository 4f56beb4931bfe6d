"""selfeval.normalize.apply on the golden corpus: fields beside the printed cells, exact, idempotent."""

from __future__ import annotations

import ast
import copy
import json
import re
from collections import Counter
from pathlib import Path

import pytest

import selfeval.normalize as normalize
from selfeval.extract.record import Form, contract_view
from selfeval.normalize.values import has_digits
from tests.conftest import GOLDEN, GOLDEN_FILES, ROOT

INDICATOR_KEYS = {
    "level1_code",
    "level2_code",
    "level3_theme",
    "name_match",
    "name_confidence",
    "target_kind",
    "target_op",
    "target_value",
    "target_unit",
    "actual_kind",
    "actual_op",
    "actual_value",
    "actual_unit",
    "direction",
    "weight_value",
    "score_value",
}
FUND_KEYS = {
    "budget_initial_value",
    "budget_full_value",
    "executed_value",
    "weight_value",
    "rate_value",
    "score_value",
}


def _forms(path: Path) -> list[Form]:
    return [Form.from_dict(d) for d in json.loads(path.read_text(encoding="utf-8"))]


def _corpus() -> list[Form]:
    forms = [form for path in GOLDEN_FILES for form in _forms(path)]
    for form in forms:
        normalize.apply(form)
    return forms


@pytest.fixture(scope="module")
def corpus() -> list[Form]:
    return _corpus()


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=lambda p: p.stem)
def test_apply_adds_fields_beside_printed_cells(path):
    forms = _forms(path)
    printed = [contract_view(f.to_dict()) for f in forms]
    for form in forms:
        normalize.apply(form)
    first = [f.to_dict() for f in forms]
    assert [contract_view(d) for d in first] == printed  # printed strings untouched
    for form in forms:
        for row in form.indicators:
            assert INDICATOR_KEYS <= set(row.normalized)
        for fund in form.funds:
            assert set(fund.normalized) == FUND_KEYS
        normalize.apply(form)  # idempotent
    assert [f.to_dict() for f in forms] == first
    json.dumps(first)  # JSON-safe without any default= hook


def test_seed_form_values(corpus):
    seed = _forms(GOLDEN / "2021-beijing-keji-xiezuo-zhongxin.json")[0]
    normalize.apply(seed)
    total, appropriation = seed.funds[0].normalized, seed.funds[1].normalized
    assert total == {
        "budget_initial_value": "492.000000",
        "budget_full_value": "492.000000",
        "executed_value": "375.544200",
        "weight_value": "10",
        "rate_value": "0.7633",
        "score_value": "7.63",
    }
    assert (appropriation["weight_value"], appropriation["score_value"]) == (None, None)
    cost = next(r for r in seed.indicators if r.level3.text == "总预算控制数").normalized
    assert (cost["level1_code"], cost["level2_code"], cost["level3_theme"]) == (
        "OUT",
        "COST.ECO",
        "T.COST",
    )
    assert (cost["target_op"], cost["target_value"], cost["target_unit"]) == ("<=", "492", "万元")
    assert cost["direction"] == "reverse"
    assert (cost["actual_kind"], cost["actual_value"]) == ("quantity", "375.5442")
    satisfaction = seed.indicators[-1].normalized
    assert satisfaction["level2_code"] == "SAT.SVC"
    assert (satisfaction["target_kind"], satisfaction["target_op"]) == ("percent", ">=")
    assert (satisfaction["target_value"], satisfaction["score_value"]) == ("90", "9")


def test_every_corpus_name_maps(corpus):
    methods = Counter(r.normalized["name_match"] for f in corpus for r in f.indicators)
    assert methods["unknown"] == 0
    assert sum(methods.values()) > 0


def test_corpus_values_get_a_kind(corpus):
    kinds = Counter(
        r.normalized[f"{side}_kind"]
        for f in corpus
        for r in f.indicators
        for side in ("target", "actual")
    )
    total = sum(kinds.values())
    assert total > 0
    assert (total - kinds["unknown"]) / total >= 0.98, kinds


def test_corpus_numbers_are_the_printed_numbers(corpus):
    """Every number taken is the printed digit string, exactly (no rounding, no float)."""
    checked = 0
    for form in corpus:
        for row in form.indicators:
            for side in ("target", "actual"):
                value = row.normalized[f"{side}_value"]
                text = getattr(row, side).text
                if value is None or not has_digits(text):
                    continue
                printed = re.sub(r"[\s,]", "", normalize.numbers.squeeze(text))
                assert value.lstrip("-") in printed, (text, value)
                checked += 1
            for side in ("weight", "score"):
                value = row.normalized[f"{side}_value"]
                if value is not None:
                    assert value in normalize.numbers.squeeze(getattr(row, side).text)
    assert checked > 0


def test_placeholder_cells_become_null_not_zero():
    form = Form.from_dict(
        {
            "funds": [{"item": "其中:当年财政拨款", "weight": "—", "score": "-", "rate": "/"}],
            "indicators": [
                {"level1": "产出指标", "level2": "数量指标", "target": "—", "actual": "/"}
            ],
        }
    )
    normalize.apply(form)
    row = form.indicators[0].normalized
    assert (row["target_kind"], row["target_value"]) == ("placeholder", None)
    assert (row["actual_kind"], row["actual_value"]) == ("placeholder", None)
    assert form.funds[0].normalized["weight_value"] is None
    assert form.funds[0].normalized["rate_value"] is None


def test_apply_does_not_change_the_input_dicts():
    data = json.loads((GOLDEN / "2021-beijing-keji-xiezuo-zhongxin.json").read_text("utf-8"))
    before = copy.deepcopy(data)
    for d in data:
        normalize.apply(Form.from_dict(d))
    assert data == before


def test_normalize_imports_only_extract():
    for path in (ROOT / "normalize").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                name = node.module
            elif isinstance(node, ast.Import):
                name = node.names[0].name
            else:
                continue
            stage = name.removeprefix("selfeval.").split(".")[0]
            assert stage not in ("validate", "selfeval", "samples", "commands"), (path.name, name)
