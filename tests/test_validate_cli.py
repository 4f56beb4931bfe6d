"""`selfeval audit`: the terminal report, exit codes by --fail-on, read errors, --out files."""

from __future__ import annotations

import csv
import json

from selfeval.cli import main
from tests.conftest import ROOT, SEED_SAMPLE

SEED_JSON = ROOT / "golden" / "2021-beijing-keji-xiezuo-zhongxin.json"
BROKEN = ROOT / "golden" / "err-total-sum-2023-zhejiang-yuhang-lvhua-yanghu-xlsx.json"


def test_seed_text_audit(capsys):
    """The one test that goes through the text reader; the others audit golden JSON. The seed
    adds up; its one error is the real one: row 25 lost half a point with no reason (V08)."""
    assert main(["audit", str(SEED_SAMPLE)]) == 1
    out = capsys.readouterr().out
    assert "93.83" in out and "7.63" in out
    assert "indicator.deviation-missing" in out and "indicator.satisfaction-prose" in out
    assert "1 error(s), 2 warning(s)" in out


def test_fail_on_warning(tmp_path, capsys):
    config = tmp_path / "audit.toml"
    config.write_text('[severity]\n"indicator.deviation-missing" = "warning"\n', encoding="utf-8")
    mild = ["--config", str(config)]
    assert main(["audit", "-q", *mild, str(SEED_JSON)]) == 0
    assert main(["audit", "--fail-on", "warning", "-q", *mild, str(SEED_JSON)]) == 1


def test_broken_json_fails_and_writes_outputs(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["audit", str(BROKEN), "--out", str(out)]) == 1
    assert "total.sum" in capsys.readouterr().out
    raw = (out / "findings.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader((out / "findings.csv").open(encoding="utf-8-sig")))
    assert [r["code"] for r in rows] == ["total.sum"]
    assert rows[0]["severity"] == "error" and "101.68" in rows[0]["message"]
    [audit] = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert audit["summary"]["total_recomputed"] == "99.18"


def test_unreadable_inputs(tmp_path, capsys):
    bad = tmp_path / "notes.txt"
    bad.write_text("会议纪要：无表格。\n", encoding="utf-8")
    assert main(["audit", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "notes.txt" in err and "not-a-form" in err
    clean = ROOT / "golden" / "2022-beijing-chaoyang-falv-fuwu-xlsx.json"
    assert main(["audit", str(clean), "-q"]) == 0
    capsys.readouterr()
    # an input that could not be read fails the run too (--fail-on), the others are audited
    assert main(["audit", str(bad), str(clean), "-q"]) == 1
    captured = capsys.readouterr()
    assert "notes.txt" in captured.err and "1 form(s) in 1 file(s)" in captured.out
    assert "1 input(s) could not be read" in captured.err


def test_missing_path_and_bad_config(tmp_path, capsys):
    assert main(["audit", str(tmp_path / "nothing.pdf")]) == 2
    config = tmp_path / "audit.toml"
    config.write_text("[tolerance\n", encoding="utf-8")
    assert main(["audit", "--config", str(config), str(SEED_JSON)]) == 2
    assert "not valid TOML" in capsys.readouterr().err


def test_user_config_changes_severity(tmp_path):
    assert main(["audit", "-q", str(SEED_JSON)]) == 1  # domain rules V08: an error by default
    config = tmp_path / "audit.toml"
    config.write_text('[severity]\n"indicator.deviation-missing" = "warning"\n', encoding="utf-8")
    assert main(["audit", "-q", "--config", str(config), str(SEED_JSON)]) == 0
