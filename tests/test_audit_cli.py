"""`selfeval audit` inputs and outputs (issue 16): one findings table with `selfeval extract`,
extract outputs and hand-made JSON as inputs, unread inputs fail the run, no traceback."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from selfeval.cli import main
from selfeval.export.tables import FINDINGS
from tests.conftest import ROOT, SEED_SAMPLE

CLEAN = ROOT / "golden" / "2022-beijing-chaoyang-falv-fuwu-xlsx.json"
BROKEN = ROOT / "golden" / "err-recompute-2021-hebei-laoting-shangpin-jiance-html.json"


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.open(encoding="utf-8-sig")))


def test_inputs_exist():
    assert CLEAN.is_file() and BROKEN.is_file() and SEED_SAMPLE.is_file()


def test_findings_table_same_as_extract(tmp_path, capsys):
    """audit --out and extract write the same columns, rows counted from 1."""
    extract_out, audit_out = tmp_path / "extract", tmp_path / "audit"
    source = tmp_path / "in" / SEED_SAMPLE.name
    source.parent.mkdir()
    shutil.copy(SEED_SAMPLE, source)
    main(["extract", str(source), "--out", str(extract_out)])
    assert main(["audit", "-q", str(source), "--out", str(audit_out)]) == 1
    capsys.readouterr()
    by_extract = rows(extract_out / "findings.csv")
    by_audit = rows(audit_out / "findings.csv")
    header = (audit_out / "findings.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.split(",") == FINDINGS.header
    assert by_audit == by_extract and by_audit
    # 1-based: the row points at the same-numbered row of indicators.csv
    [missing] = [r for r in by_audit if r["code"] == "indicator.deviation-missing"]
    indicators = rows(extract_out / "indicators.csv")
    assert "Nature" in indicators[int(missing["row"]) - 1]["level3"]


def test_audit_reads_an_extract_output_folder(tmp_path, capsys):
    out = tmp_path / "extract"
    main(["extract", str(SEED_SAMPLE), "--out", str(out)])
    capsys.readouterr()
    assert main(["audit", "-q", str(out)]) == 1
    captured = capsys.readouterr()
    assert "1 form(s) in 1 file(s): 1 error(s)" in captured.out
    assert captured.err == ""


def test_json_with_numbers_is_read(tmp_path, capsys):
    [data] = json.loads(CLEAN.read_text(encoding="utf-8"))
    data["year"] = 2022
    data["total"]["score"] = 99.55
    data["funds"][0]["weight"] = 10
    data["indicators"][0]["weight"] = 8
    data["indicators"][0]["score"] = 8
    path = tmp_path / "numbers.json"
    path.write_text(json.dumps([data], ensure_ascii=False), encoding="utf-8")
    assert main(["audit", "-q", str(path)]) == 0
    assert "0 error(s)" in capsys.readouterr().out
    data["total"]["score"] = 93.55
    path.write_text(json.dumps([data], ensure_ascii=False), encoding="utf-8")
    assert main(["audit", "-q", str(path)]) == 1


def test_unread_input_fails_the_run(tmp_path, capsys):
    bad = tmp_path / "notes.txt"
    bad.write_text("会议纪要：无表格。\n", encoding="utf-8")
    assert main(["audit", "-q", str(CLEAN)]) == 0
    assert main(["audit", "-q", str(CLEAN), str(bad)]) == 1
    assert main(["audit", "-q", "--fail-on", "warning", str(CLEAN), str(bad)]) == 1
    assert "could not be read" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["audit", ""],
        ["audit", "--out", "{file}", str(CLEAN)],
        ["audit", "--config", "{dir}", str(CLEAN)],
        ["audit", "{dir}/nothing-here"],
        ["audit", "{bad_json}"],
        ["audit", "--out", "{file}/below", str(CLEAN)],
    ],
)
def test_no_traceback_for_any_argument(tmp_path, capsys, argv):
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"indicators": [1, {"weight": [1]}], "funds": "x"}', encoding="utf-8")
    args = [a.format(file=a_file, dir=tmp_path, bad_json=bad_json) if "{" in a else a for a in argv]
    code = main(args)
    captured = capsys.readouterr()
    assert code in (0, 1, 2)
    assert "Traceback" not in captured.err + captured.out
    if code == 2:
        assert captured.err.startswith("selfeval audit:") or ": " in captured.err


def test_out_must_be_a_folder(tmp_path, capsys):
    target = tmp_path / "findings.csv"
    target.write_text("", encoding="utf-8")
    assert main(["audit", "-q", "--out", str(target), str(CLEAN)]) == 2
    assert "is a file" in capsys.readouterr().err


def test_row_named_in_findings_csv(tmp_path, capsys):
    """The total.sum finding names the row that explains it, 1-based in findings.csv."""
    [data] = json.loads(CLEAN.read_text(encoding="utf-8"))
    r = data["indicators"][8]  # 公共法律服务体系长效运行: 持续运行, not recomputable
    r.update(score="14", deviation="部分工作延后")
    path = tmp_path / "changed.json"
    path.write_text(json.dumps([data], ensure_ascii=False), encoding="utf-8")
    assert main(["audit", "-q", str(path), "--out", str(tmp_path / "out")]) == 1
    capsys.readouterr()
    [total] = [x for x in rows(tmp_path / "out" / "findings.csv") if x["code"] == "total.sum"]
    assert total["row"] == "9" and total["section"] == "indicator"
