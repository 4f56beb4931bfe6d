"""The rules of the second audit pass (issue 16): each fires on one planted error in a real
form and stays quiet on the clean seed and the clean corpus; tolerances follow the printed
precision; the seed printed with ％ or a fraction rate audits exactly like the ASCII one."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

import selfeval.extract as extract
import selfeval.normalize as normalize
import selfeval.validate as validate
from selfeval.extract import Form, Note
from selfeval.normalize import parse_rate, parse_value
from selfeval.normalize.values import deadline_order, negated
from selfeval.validate.scoring import agrees
from tests.conftest import CLEAN_GOLDEN, GOLDEN_FILES, SEED_GOLDEN, SHARED_SEED, first_golden

NEW_CODES = (
    "funds.rate",
    "budget.low-rate-reason",
    "indicator.unit-mismatch",
    "indicator.percent-over-100",
    "indicator.unit-missing",
    "structure.level1-missing",
)


def run(data: dict, config: validate.Config | None = None) -> validate.Audit:
    form = Form.from_dict(data)
    return validate.audit(form, config, normalize.apply(form))


def found(data: dict, code: str) -> list[validate.Finding]:
    return [f for f in run(data).findings if f.code == code]


def row_of(data: dict, level3: str) -> int:
    return next(i for i, r in enumerate(data["indicators"]) if r["level3"] == level3)


def test_seed_sources_exist():
    assert SHARED_SEED.is_file() and SEED_GOLDEN.is_file() and CLEAN_GOLDEN.is_file()


# --- quiet on clean forms ---------------------------------------------------------------------


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=[p.stem for p in GOLDEN_FILES])
def test_new_rules_quiet_on_corpus(path):
    for data in json.loads(path.read_text(encoding="utf-8")):
        if data.get("expected_findings"):
            continue
        codes = set(run(data).codes())
        assert not codes & set(NEW_CODES), sorted(codes & set(NEW_CODES))
        assert "indicator.full-score-unmet" not in codes


def test_clean_form_stays_clean(clean):
    assert run(clean).findings == []


# --- ％, fractions: the same numbers printed otherwise ----------------------------------------


def _text_audit(tmp_path: Path, text: str) -> list[tuple]:
    path = tmp_path / "form.txt"
    path.write_text(text, encoding="utf-8")
    [form] = extract.read(path)
    result = validate.audit(form, normalized=normalize.apply(form))
    summary = result.to_dict()["summary"]
    return [(f.code, f.severity, f.row, f.message) for f in result.findings] + [summary]


def test_fullwidth_percent_and_fraction_rate_audit_like_ascii(tmp_path):
    text = SHARED_SEED.read_text(encoding="utf-8")
    assert "76.33%" in text
    ascii_ = _text_audit(tmp_path, text)
    assert ascii_[-1]["budget_score_recomputed"] == "7.63"
    assert _text_audit(tmp_path, text.replace("%", "％")) == ascii_
    fraction = _text_audit(tmp_path, text.replace("76.33%", "0.7633"))
    # the same findings and figures; only the printed rate text differs in the messages
    assert [f[:3] for f in fraction[:-1]] == [f[:3] for f in ascii_[:-1]]
    assert fraction[-1] == ascii_[-1]


def test_fullwidth_percent_total_off_is_found(tmp_path):
    """Issue 16: with ％ the text reader left the fund row unread and a 总分 six points off
    passed with exit 0."""
    text = SHARED_SEED.read_text(encoding="utf-8").replace("%", "％")
    assert "93.83" in text
    findings = _text_audit(tmp_path, text.replace("93.83", "99.83"))
    assert "total.sum" in [f[0] for f in findings[:-1]]


def test_value_grammar_numbers():
    assert parse_rate("76.33％") == parse_rate("76.33%") == parse_rate("0.7633")
    assert parse_rate("百分之七十六") == parse_rate("76%")
    v = parse_value("不低于百分之九十五")
    assert (v.kind, v.op, v.number, v.unit) == ("percent", ">=", 95, "%")
    v = parse_value("１,２００人次")
    assert (v.number, v.unit) == (1200, "人次")


# --- tolerances from the printed precision -------------------------------------------------


def test_agrees_half_up_and_half_even():
    from decimal import Decimal as D

    assert agrees(D("7.63"), D("7.633")) and not agrees(D("7.62"), D("7.633"))
    assert agrees(D("1.9"), D("1.946"))  # one decimal printed: 1.946 -> 1.9
    assert agrees(D("9.55"), D("9.545")) and agrees(D("9.54"), D("9.545"))  # half up / even
    assert not agrees(D("9.56"), D("9.545"))


def test_budget_score_exact_to_printed_digits(clean):
    for wrong in ("9.56", "9.53"):
        data = copy.deepcopy(clean)
        data["funds"][0]["score"] = wrong
        data["total"]["score"] = str(90 + float(wrong))[:5]
        assert found(data, "budget.score"), wrong
    data = copy.deepcopy(clean)
    data["funds"][0]["score"] = "10"  # full marks are a claim: 10 × 95.45% is 9.55, not 10
    data["total"]["score"] = "100"
    assert found(data, "budget.score")


def test_budget_rate_last_digit(clean):
    clean["funds"][0]["rate"] = "95.46%"  # 351.26 / 368 = 95.45%: one unit too high
    [finding] = found(clean, "budget.rate")
    assert finding.row == 0


def test_score_may_not_exceed_weight_by_a_hundredth(clean):
    i = row_of(clean, "法律援助案件办理数量")
    clean["indicators"][i]["score"] = clean["indicators"][i]["weight"] + ".01"
    [finding] = found(clean, "indicator.score-exceeds-weight")
    assert finding.row == i


def test_row_printed_to_one_decimal_is_no_error(clean):
    i = row_of(clean, "法律援助案件办理数量")
    r = clean["indicators"][i]
    r.update(target="≥1000件", actual="973件", weight="2", score="1.9", deviation="个别案件延期")
    clean["total"]["score"] = "99.45"
    assert found(clean, "indicator.recompute") == []  # 2 × 0.973 = 1.946 -> 1.9
    r["score"] = "1.8"
    clean["total"]["score"] = "99.35"
    assert found(clean, "indicator.recompute")


# --- the new rules ----------------------------------------------------------------------------


def test_v03_sub_row_rate(clean):
    assert clean["funds"][1]["rate"]
    clean["funds"][1]["rate"] = "94.45%"
    [finding] = found(clean, "funds.rate")
    assert finding.row == 1 and finding.section == "fund" and finding.severity == "error"


def test_v06_zero_target(clean):
    i = row_of(clean, "法律援助案件办理数量")
    clean["indicators"][i].update(target="=0起", actual="2起")
    [finding] = found(clean, "indicator.recompute")
    assert finding.row == i and "指标值为 0" in finding.message
    clean["indicators"][i]["actual"] = "0起"
    assert found(clean, "indicator.recompute") == []


def test_v08_low_rate_without_reason(clean):
    fund = clean["funds"][0]
    fund.update(executed="184.00", rate="50.00%", score="5")
    clean["funds"][1].update(executed="184.00", rate="50.00%")
    clean["total"]["score"] = "95"
    for r in clean["indicators"]:
        r["deviation"] = None  # one row explains a delay with 疫情: a reason for the budget too
    [finding] = found(clean, "budget.low-rate-reason")
    assert finding.severity == "warning" and "50.00%" in finding.message
    clean["remarks"] = "部分项目资金未支付，结转下年使用"
    assert found(clean, "budget.low-rate-reason") == []


def test_v08_deviation_missing_is_an_error_by_default(clean, tmp_path):
    i = row_of(clean, "法律援助案件办理数量")
    weight = clean["indicators"][i]["weight"]
    clean["indicators"][i].update(score=str(int(weight) - 1), deviation=None)
    [finding] = found(clean, "indicator.deviation-missing")
    assert finding.severity == "error"
    user = tmp_path / "audit.toml"
    user.write_text('[severity]\n"indicator.deviation-missing" = "warning"\n', encoding="utf-8")
    mild = run(clean, validate.load_config(user))
    assert [f.severity for f in mild.findings if f.code == "indicator.deviation-missing"] == [
        "warning"
    ]


def test_v10_units_differ(clean):
    i = row_of(clean, "法律援助案件办理数量")
    clean["indicators"][i].update(target="≥100人", actual="100万元")
    [finding] = found(clean, "indicator.unit-mismatch")
    assert finding.row == i
    clean["indicators"][i].update(target="≥10万元", actual="120000元")  # comparable units
    assert found(clean, "indicator.unit-mismatch") == []


def test_v10_percent_over_100(clean):
    i = row_of(clean, "法律援助案件办理数量")
    clean["indicators"][i].update(target="≥120%", actual="125%")
    assert [f.field for f in found(clean, "indicator.percent-over-100")] == ["target", "actual"]
    clean["indicators"][i]["level3"] = "受理量同比增长率"
    assert found(clean, "indicator.percent-over-100") == []


def test_v11_quantity_without_unit(clean):
    i = row_of(clean, "法律援助案件办理数量")
    clean["indicators"][i].update(target="≥100", actual="120")
    [finding] = found(clean, "indicator.unit-missing")
    assert finding.row == i and finding.field == "target"


def test_v12_satisfaction_prose_on_seed():
    """domain_rules V12 names the seed's own last row as the example."""
    data = first_golden(SEED_GOLDEN)
    [finding] = found(data, "indicator.satisfaction-prose")
    assert finding.severity == "warning"
    assert data["indicators"][finding.row]["level3"] == "服务对象满意度"


def test_v15_level1_missing(clean):
    clean["indicators"] = [r for r in clean["indicators"] if r["level1"] != "效益指标"]
    [finding] = found(clean, "structure.level1-missing")
    assert "效益" in finding.message


# --- unmet targets by the value grammar -----------------------------------------------------


@pytest.mark.parametrize(
    "actual", ["尚未完成", "未能完成", "没有完成", "暂未开展", "未按期完成", "未完成", ""]
)
def test_full_score_unmet_negations(clean, actual):
    i = row_of(clean, "法律援助案件办理数量")
    clean["indicators"][i]["actual"] = actual or None
    [finding] = found(clean, "indicator.full-score-unmet")
    assert finding.row == i


def test_full_score_unmet_deadline_and_units(clean):
    i = row_of(clean, "法律援助案件办理数量")
    clean["indicators"][i].update(target="2021年10月前完成", actual="2022年6月完成")
    assert [f.row for f in found(clean, "indicator.full-score-unmet")] == [i]
    clean["indicators"][i].update(target="2021年10月前完成", actual="2021年9月完成")
    assert found(clean, "indicator.full-score-unmet") == []
    clean["indicators"][i].update(target="≥3次", actual="1场")
    assert [f.row for f in found(clean, "indicator.full-score-unmet")] == [i]
    clean["indicators"][i].update(target="≥3次", actual="3场")
    assert found(clean, "indicator.full-score-unmet") == []


def test_negation_grammar():
    assert all(negated(t) for t in ("尚未完成", "未能完成", "没有完成", "暂未开展", "未按期完成"))
    assert not any(negated(t) for t in ("未发生安全事故", "无投诉", "全部完成", "未完成率为0"))
    assert deadline_order("--12", "2021") == (2021, 12, 31)
    assert deadline_order("2021-10") < deadline_order("2022-06")  # type: ignore[operator]


# --- the row that explains a total -----------------------------------------------------------


def test_total_sum_names_the_changed_row(clean):
    i = row_of(clean, "法律援助案件办理数量")
    r = clean["indicators"][i]
    r["actual"] = "基本完成"  # not recomputable
    r.update(score=str(int(r["weight"]) - 1), deviation="个别案件延期")
    [finding] = found(clean, "total.sum")
    assert finding.row == i and finding.section == "indicator" and "可能是" in finding.message


def test_total_weight_names_the_changed_row(clean):
    i = row_of(clean, "法律援助案件办理数量")
    clean["indicators"][i]["weight"] = str(int(clean["indicators"][i]["weight"]) + 1)
    [finding] = found(clean, "total.weight")
    assert finding.row == i and finding.field == "weight"


def test_total_sum_without_one_cause_names_no_row(clean):
    clean["total"]["score"] = "93.55"
    [finding] = found(clean, "total.sum")
    assert finding.row is None and finding.section == "total"


ODD = [
    "",
    "-",
    "0",
    "-0",
    "NaN",
    "９９．５",
    "1,000,000.5",
    "百分之",
    "≥",
    "=0",
    "<0",
    "200%",
    "1/3",
]
ODD += ["12345678901234567890123456789012.123", "0.000000000000000000000000001", "2021年13月"]


@pytest.mark.parametrize("odd", ODD)
def test_audit_never_raises_on_odd_cells(clean, odd):
    for r in clean["indicators"]:
        r.update(target=odd, actual=odd, score=odd)
    for f in clean["funds"]:
        f.update(budget_full=odd, rate=odd, score=odd)
    clean["total"]["score"] = odd
    audit = run(clean)
    json.dumps(audit.to_dict(), ensure_ascii=False)  # JSON-safe, whatever was printed
    huge = copy.deepcopy(clean)
    huge["funds"][0].update(budget_full="0.0000001", executed="1234567890123456789012345678")
    run(huge)


def test_a_doubt_names_its_cell_as_the_report_places_findings(clean):
    """A garbled-glyph doubt names its cell by the form's part (header, funds, goals): its
    finding points at the form or the funds row, where the review report looks for cells."""
    form = Form.from_dict(clean)
    for section, row, field in (("header", None, "project_name"), ("funds", 1, "executed")):
        form.notes.append(Note("reading.garbled", "…", 1, "?", section, row, field))
    form.notes.append(Note("reading.garbled", "…", 1, "?", "goals", None, "actual"))
    audit = validate.audit(form, None, normalize.apply(form))
    placed = {(f.section, f.row, f.field) for f in audit.findings if f.code == "reading.garbled"}
    assert placed == {
        ("form", None, "project_name"),
        ("fund", 1, "executed"),
        ("form", None, "actual"),
    }
