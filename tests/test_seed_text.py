"""The first acceptance case: the real seed dump is read exactly, field by field."""

from __future__ import annotations

from decimal import Decimal

import pytest

import selfeval.extract as extract
from golden import golden_for
from tests.conftest import SEED_SAMPLE
from tests.goldens import diff_forms


@pytest.fixture(scope="module")
def seed_forms():
    return extract.read(SEED_SAMPLE)


def test_seed_matches_golden_in_every_field(seed_forms):
    got = [f.to_dict() for f in seed_forms]
    assert diff_forms(got, golden_for(SEED_SAMPLE)) == []


def test_seed_has_42_rows_and_nothing_unplaced(seed_forms):
    (form,) = seed_forms
    assert len(form.indicators) == 42
    assert form.complete
    assert [n for n in form.notes if n.code == "unplaced-cell"] == []


def test_diff_forms_names_every_difference():
    """The field-by-field comparison the corpus tests rest on: each kind of difference shows."""
    want = golden_for(SEED_SAMPLE)
    got = [{**want[0], "grade": "优", "total": {**want[0]["total"], "score": "93.8"}}]
    got[0]["indicators"] = [{**r} for r in want[0]["indicators"][:-1]]
    got[0]["indicators"][9]["deviation"] = None
    assert diff_forms(got, want) == [
        "form 0 indicators: 41 rows, golden has 42",
        f"form 0 indicators[9].deviation: None != golden {want[0]['indicators'][9]['deviation']!r}",
        "form 0 total.score: '93.8' != golden '93.83'",
        "form 0 grade: '优' != golden None",
    ]
    assert diff_forms(got + got, want) == ["2 forms, golden has 1", *diff_forms(got, want)]


def test_seed_golden_adds_up():
    """The hand transcription is checked by the form's own arithmetic."""
    (form,) = golden_for(SEED_SAMPLE)
    budget = form["funds"][0]
    weights = sum(Decimal(r["weight"]) for r in form["indicators"]) + Decimal(budget["weight"])
    scores = sum(Decimal(r["score"]) for r in form["indicators"]) + Decimal(budget["score"])
    assert weights == Decimal(form["total"]["weight"]) == 100
    assert scores == Decimal(form["total"]["score"]) == Decimal("93.83")


@pytest.mark.parametrize(
    ("row", "field", "text"),
    [
        (10, "level3", "第四届Nature前沿技术创新圆桌会议受众"),
        (10, "deviation", "受疫情影响，受托单位处于居家办公状态，联系国际专家遇到困难"),
        (5, "level3", "组织政策宣讲"),
        (36, "level2", "可持续影响指标"),
        (42, "level2", "服务对象满意度指标"),
        (32, "level1", "产出指标"),
    ],
)
def test_seed_wrapped_and_carried_cells(seed_forms, row, field, text):
    assert getattr(seed_forms[0].indicators[row - 1], field).text == text


def test_seed_numbered_paragraphs_kept(seed_forms):
    deviation = seed_forms[0].indicators[31].deviation.text
    assert deviation.split("\n")[1].startswith("2.因疫情原因")
    assert len(deviation.split("\n")) == 3


def test_level3_name_starting_with_keji_chengguo(seed_forms):
    names = [i.level3.text for i in seed_forms[0].indicators]
    assert (
        "科技成果、人才资本、信息资源、技术交易等创新要素，央企科技创新资源和科技创新动态得到梳理和持续跟踪"
        in names
    )
