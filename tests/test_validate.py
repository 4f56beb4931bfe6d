"""Each audit rule: one change to a clean golden form that triggers it, and near misses that
must not (rounding within tolerance, reasons given, the wording's band respected)."""

from __future__ import annotations

import copy
import json
from decimal import Decimal

import pytest

import selfeval.validate as validate
from selfeval.extract import Form
from selfeval.validate import CODES
from tests.conftest import CLEAN_GOLDEN, SEED_GOLDEN, first_golden


def run(data: dict, config: validate.Config | None = None) -> validate.Audit:
    return validate.audit(Form.from_dict(data), config)


def codes(data: dict) -> set[str]:
    return set(run(data).codes())


def row(data: dict, level3: str) -> dict:
    return next(r for r in data["indicators"] if r["level3"] == level3)


def test_clean_form_has_no_findings(clean):
    audit = run(clean)
    assert audit.findings == []
    summary = audit.to_dict()["summary"]  # the JSON view: exact text
    assert summary["total_recomputed"] == "99.55"
    assert summary["weight_total"] == "100"
    assert audit.summary["total_recomputed"] == Decimal("99.55")  # typed


# --- totals -----------------------------------------------------------------------------------


def test_total_sum(clean):
    clean["total"]["score"] = "98.55"
    audit = run(clean)
    [finding] = [f for f in audit.findings if f.code == "total.sum"]
    assert finding.severity == "error" and finding.section == "total"
    assert "98.55" in finding.message and "99.55" in finding.message


def test_total_sum_within_rounding(clean):
    # 10 × 95.45% = 9.545 is printed 9.55: the exact total 99.545 may be printed 99.54 (half
    # even) or 99.55; nothing else, since no other part carries a rounding.
    clean["total"]["score"] = "99.54"
    assert "total.sum" not in codes(clean)
    clean["total"]["score"] = "99.550"  # more decimals than the parts: the same number
    assert "total.sum" not in codes(clean)
    # fewer decimals than its parts (9.55): a total may not round its own parts away
    for wrong in ("99.56", "99.59", "99.5", "99.6", "100"):
        clean["total"]["score"] = wrong
        assert "total.sum" in codes(clean), wrong


def test_total_weight_printed(clean):
    row(clean, "法律援助案件办理数量").update(weight="5", score="5")
    clean["total"]["score"] = "97.55"
    found = codes(clean)
    assert "total.weight" in found and "total.sum" not in found


def test_total_weight_not_100(clean):
    row(clean, "法律援助案件办理数量").update(weight="5", score="5")
    clean["total"] = {"weight": "98", "score": "97.55"}
    audit = run(clean)
    [finding] = [f for f in audit.findings if f.code == "total.weight"]
    assert "不等于 100" in finding.message


def test_level1_weights_nonstandard(clean):
    row(clean, "法律咨询服务人次").update(weight="3", score="3")
    row(clean, "矛盾纠纷化解成效").update(weight="20", score="20")
    audit = run(clean)
    [finding] = [f for f in audit.findings if f.code == "level1.weights"]
    assert finding.severity == "info" and "产出 45" in finding.message


def test_level1_weights_satisfaction_moved_to_benefit(clean):
    clean["indicators"] = [r for r in clean["indicators"] if r["level1"] != "满意度指标"]
    row(clean, "矛盾纠纷化解成效").update(weight="25", score="25")
    assert codes(clean) == set()


def test_level1_subtotal(clean):
    for r in clean["indicators"]:
        if r["level1"] == "产出指标":
            r["level1"] = "产出指标(45分)"
    assert "level1.subtotal" in codes(clean)
    for r in clean["indicators"]:
        if r["level1"] == "产出指标(45分)":
            r["level1"] = "产出指标(50分)"
    assert "level1.subtotal" not in codes(clean)


def test_grade_mismatch(clean):
    clean["grade"] = "良"
    assert "grade.mismatch" in codes(clean)
    clean["grade"] = "优"
    assert "grade.mismatch" not in codes(clean)


# --- budget -----------------------------------------------------------------------------------


def test_budget_rate(clean):
    clean["funds"][0].update(rate="90.45%", score="9.05")
    clean["total"]["score"] = "99.05"
    audit = run(clean)
    [finding] = [f for f in audit.findings if f.code == "budget.rate"]
    assert finding.row == 0 and finding.field == "rate" and "95.45%" in finding.message


def test_budget_rate_whole_percent_is_rounding(clean):
    clean["funds"][0].update(rate="95%", score="9.5")
    clean["total"]["score"] = "99.5"
    assert codes(clean) == set()


def test_budget_score(clean):
    clean["funds"][0]["score"] = "10"
    clean["total"]["score"] = "100"
    audit = run(clean)
    assert [f.code for f in audit.findings] == ["budget.score"]
    assert audit.to_dict()["summary"]["budget_score_recomputed"] == "9.55"


def test_budget_score_capped(clean):
    fund = clean["funds"][0]
    fund.update(executed="377.53", rate="102.59%", score="10")
    clean["funds"][1].update(executed="377.53", rate="102.59%")
    clean["total"]["score"] = "100"
    found = codes(clean)
    assert "budget.score" not in found
    assert "budget.overspent" in found


def test_budget_overspent_not_when_within(clean):
    assert "budget.overspent" not in codes(clean)


def test_budget_score_uncapped_policy(clean, tmp_path):
    fund = clean["funds"][0]
    fund.update(executed="377.53", rate="102.59%", score="10")
    clean["funds"][1].update(executed="377.53", rate="102.59%")
    clean["total"]["score"] = "100"
    user = tmp_path / "audit.toml"
    user.write_text("[budget]\ncap_rate = false\n", encoding="utf-8")
    assert "budget.score" in set(run(clean, validate.load_config(user)).codes())


# --- funds ------------------------------------------------------------------------------------


def test_funds_breakdown(clean):
    clean["funds"][1].update(budget_full="355.50", executed="338.76")
    audit = run(clean)
    [finding] = [f for f in audit.findings if f.code == "funds.breakdown"]
    assert finding.severity == "error" and "368" in finding.message


def test_funds_breakdown_carryover_adds_up(clean):
    clean["funds"][1].update(budget_full="300.00", executed="290.00")
    clean["funds"][2].update(budget_full="68.00", executed="61.26")
    assert "funds.breakdown" not in codes(clean)


def test_funds_breakdown_shortfall_without_carryover_row_is_milder(clean):
    del clean["funds"][2]  # no 上年结转 row: the rest may be an unlisted source
    clean["funds"][1].update(budget_full="355.50", executed="338.76")
    [finding] = [f for f in run(clean).findings if f.code == "funds.breakdown"]
    assert finding.severity == "warning"


def test_funds_misplaced(clean):
    clean["funds"][0].update(budget_initial="0", budget_full="0", executed="0", rate="0", score="0")
    clean["total"]["score"] = "90"
    found = codes(clean)
    assert "funds.misplaced" in found
    assert "funds.breakdown" not in found and "budget.rate" not in found


# --- indicator rows ---------------------------------------------------------------------------


def test_score_exceeds_weight(clean):
    row(clean, "法律援助案件办理数量")["score"] = "9"
    clean["total"]["score"] = "101.55"
    found = codes(clean)
    assert "indicator.score-exceeds-weight" in found
    assert "indicator.recompute" not in found  # one finding for one fault


def test_score_negative(clean):
    row(clean, "法律援助案件办理数量").update(score="-1", deviation="项目未实施。")
    clean["total"]["score"] = "91.55"
    assert "indicator.score-negative" in codes(clean)
    assert "indicator.score-negative" not in codes(first_golden(CLEAN_GOLDEN))


def test_recompute_positive(clean):
    row(clean, "法律援助案件办理数量").update(actual="960件", score="4", deviation="受疫情影响。")
    clean["total"]["score"] = "96.55"
    audit = run(clean)
    [finding] = [f for f in audit.findings if f.code == "indicator.recompute"]
    assert "5.6" in finding.message  # 7 × 960/1200
    rec = audit.to_dict()["indicators"][1]
    assert rec["score_recomputed"] == "5.60" and rec["score_delta"] == "-1.60"
    assert rec["formula"] == "positive"


def test_recompute_positive_matching(clean):
    row(clean, "法律援助案件办理数量").update(actual="960件", score="5.6", deviation="受疫情影响。")
    clean["total"]["score"] = "98.15"
    assert codes(clean) == set()


def test_recompute_reverse_either_formula(clean):
    r = row(clean, "项目预算控制数")
    r.update(actual="400万元", deviation="超支。")
    for score, formula in (("6.44", "reverse-ratio"), ("6.39", "reverse-linear")):
        r["score"] = score
        audit = run(clean)
        assert audit.indicators[6]["formula"] == formula
        assert "indicator.recompute" not in audit.codes()
    r["score"] = "7"
    assert "indicator.recompute" in run(clean).codes()


def test_recompute_reverse_count(clean):
    r = row(clean, "法律援助申请审查办结时限")  # ≤ 7 个工作日: a ceiling
    r.update(actual="10个工作日", score="4.9", deviation="人手不足。")
    clean["total"]["score"] = "97.45"
    audit = run(clean)
    assert audit.findings == [] and audit.indicators[5]["formula"] == "reverse-ratio"


def test_recompute_skips_prose_and_deadlines(clean):
    r = row(clean, "法律援助申请审查办结时限")
    r.update(target="2022年10月底前", actual="2022年12月底完成", score="5", deviation="人手不足。")
    clean["total"]["score"] = "97.55"
    audit = run(clean)
    assert "indicator.recompute" not in audit.codes()
    assert audit.indicators[5]["score_recomputed"] is None
    assert audit.indicators[5]["not_recomputable"]


def test_recompute_qualitative_band(clean):
    r = row(clean, "公共法律服务体系长效运行")
    r.update(actual="部分达成预期指标", score="15", deviation="部分街道未建立机制。")
    assert "indicator.recompute" in codes(clean)
    r["score"] = "10.5"  # 70% of 15: inside 部分达成's 60%-80%
    clean["total"]["score"] = "95.05"
    assert codes(clean) == set()


def test_deviation_missing(clean):
    r = row(clean, "法律援助案件办理数量")
    r.update(actual="960件", score="5.6")
    clean["total"]["score"] = "98.15"
    audit = run(clean)
    [finding] = audit.findings
    assert finding.code == "indicator.deviation-missing" and finding.field == "deviation"
    assert finding.row == 1


def test_full_score_unmet(clean):
    row(clean, "公共法律服务体系长效运行")["actual"] = "未完成"
    assert "indicator.full-score-unmet" in codes(clean)
    row(clean, "公共法律服务体系长效运行")["actual"] = None
    assert "indicator.full-score-unmet" in codes(clean)


def test_full_score_unmet_not_when_points_taken(clean):
    r = row(clean, "公共法律服务体系长效运行")
    r.update(actual="未完成", score="7", deviation="机制尚未建立。")
    clean["total"]["score"] = "91.55"
    assert codes(clean) == set()


def test_overachieved(clean):
    row(clean, "法律援助案件办理数量")["actual"] = "1600件"
    audit = run(clean)
    [finding] = audit.findings
    assert finding.code == "indicator.overachieved" and "133.33%" in finding.message
    row(clean, "法律援助案件办理数量")["deviation"] = "年中新增援助站点,案件量上升。"
    assert codes(clean) == set()


# --- structure --------------------------------------------------------------------------------


def test_level2_misplaced(clean):
    row(clean, "群众对公共法律服务满意度")["level1"] = "产出指标"
    found = run(clean)
    assert "structure.level2-misplaced" in found.codes()


def test_level2_cost_under_output_is_not_misplaced(clean):
    assert row(clean, "项目预算控制数")["level2"] == "成本指标"
    assert "structure.level2-misplaced" not in codes(clean)


def test_duplicate_indicator(clean):
    rows = clean["indicators"]
    rows.insert(1, copy.deepcopy(rows[0]))
    audit = run(clean)
    [finding] = [f for f in audit.findings if f.code == "structure.duplicate-indicator"]
    assert finding.row == 1


def test_same_name_under_other_level2_is_not_duplicate():
    seed = first_golden(SEED_GOLDEN)  # 中俄技术交流活动 under 数量, 质量 and 时效
    assert "structure.duplicate-indicator" not in codes(seed)


def test_missing_field(clean):
    clean["project_name"] = None
    row(clean, "法律援助案件办理数量")["score"] = "—"
    audit = run(clean)
    fields = {f.field for f in audit.findings if f.code == "structure.missing-field"}
    assert fields == {"project_name", "score"}


def test_missing_project_name_allowed_on_department_form(clean):
    clean["project_name"] = None
    clean["title"] = "部门整体支出绩效自评表"
    assert "structure.missing-field" not in codes(clean)


# --- the audit object -------------------------------------------------------------------------


def test_every_code_is_configured():
    config = validate.load_config()
    assert set(CODES) <= set(config.severity)


def test_disabled_rule(clean, tmp_path):
    clean["total"]["score"] = "98.55"
    user = tmp_path / "audit.toml"
    user.write_text('[rules]\ndisabled = ["total.sum"]\n', encoding="utf-8")
    assert run(clean, validate.load_config(user)).findings == []


def test_bad_config_is_reported(tmp_path):
    user = tmp_path / "audit.toml"
    user.write_text("[budget]\nlow_rate = 0.8\n", encoding="utf-8")
    with pytest.raises(validate.ConfigError, match="strings"):
        validate.load_config(user)
    user.write_text('[indicator]\nreverse_formula = "guess"\n', encoding="utf-8")
    with pytest.raises(validate.ConfigError, match="reverse_formula"):
        validate.load_config(user)


def test_attach_is_json_safe_and_located(clean):
    clean["source"] = {"file": "x.pdf", "index": 2}
    clean["provenance"] = {"total.score": {"page": 3}}
    clean["total"]["score"] = "98.55"
    form = Form.from_dict(clean)
    validate.attach(form, validate.audit(form))
    data = json.loads(json.dumps(form.to_dict(), ensure_ascii=False))
    [finding] = data["audit"]["findings"]
    assert finding["file"] == "x.pdf" and finding["form_index"] == 2 and finding["page"] == 3
    assert data["audit"]["summary"]["total_reported"] == "98.55"
    assert len(data["audit"]["indicators"]) == len(clean["indicators"])


def test_blank_budget_row_skips_totals(clean):
    """A funds block with no numbers (not filled in or not read) makes no total.sum error."""
    for fund in clean["funds"]:
        for key in ("budget_initial", "budget_full", "executed", "weight", "rate", "score"):
            fund[key] = None
    found = run(clean)
    assert [(f.code, f.field) for f in found.findings] == [
        ("structure.missing-field", "budget_full")
    ]


def test_a_form_read_only_in_part_is_not_accused_of_bad_sums():
    """Rows left unplaced by a reader make the sums short; that is no finding against the form."""
    from golden import golden_for
    from selfeval.extract import Form, Note
    from selfeval.validate import audit
    from tests.conftest import SAMPLES

    data = golden_for(SAMPLES / "text" / "2021-beijing-keji-xiezuo-zhongxin.txt")[0]
    form = Form.from_dict(data)
    del form.indicators[5:9]  # as if the reader had left four rows unplaced
    whole = {f.code for f in audit(form).findings}
    assert "total.sum" in whole and "total.weight" in whole
    form.notes.append(Note("unplaced-cell", "row 6: left out", None, "…"))
    partial = {f.code for f in audit(form).findings}
    assert "structure.partial" in partial
    assert not partial & {"total.sum", "total.weight", "level1.weights", "structure.missing-field"}


def test_grade_of_a_partly_read_form_without_total_is_not_checked_against_a_short_sum():
    from golden import golden_for
    from selfeval.extract import Form, Note
    from selfeval.validate import audit
    from tests.conftest import SAMPLES

    data = golden_for(SAMPLES / "text" / "2021-beijing-keji-xiezuo-zhongxin.txt")[0]
    data = {**data, "grade": "优", "total": {"weight": None, "score": None}}
    form = Form.from_dict(data)
    assert "grade.mismatch" not in {f.code for f in audit(form).findings}  # 93.83 is 优
    del form.indicators[10:]  # most rows left unplaced: their sum is short of 90
    form.notes.append(Note("unplaced-cell", "rows left out", None, "…"))
    assert "grade.mismatch" not in {f.code for f in audit(form).findings}
