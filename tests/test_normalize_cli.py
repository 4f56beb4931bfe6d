"""`selfeval taxonomy` and `selfeval names` end to end."""

from __future__ import annotations

import json

from selfeval.cli import main
from tests.conftest import GOLDEN, SAMPLES


def test_taxonomy_lists_codes_names_and_themes(capsys):
    assert main(["taxonomy"]) == 0
    out = capsys.readouterr().out
    for text in ("OUT.TML", "时效指标", "进度指标", "SAT.SVC", "T.SATISF", "满意率"):
        assert text in out


def test_taxonomy_json_includes_a_user_file(tmp_path, capsys):
    extra = tmp_path / "more.toml"
    extra.write_text('[level2."OUT.QTY"]\nsynonyms = ["任务量"]\n', encoding="utf-8")
    assert main(["taxonomy", "--json", "--taxonomy", str(extra)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "任务量" in data["level2"]["OUT.QTY"]["synonyms"]
    assert data["sources"][-1] == str(extra)
    assert main(["taxonomy", "--json"]) == 0  # the option does not stick
    assert "任务量" not in json.loads(capsys.readouterr().out)["level2"]["OUT.QTY"]["synonyms"]


def test_taxonomy_refuses_a_broken_user_file(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('[level2."X"]\nname = "某"\n', encoding="utf-8")
    assert main(["taxonomy", "--taxonomy", str(bad)]) == 2
    assert "has no parent" in capsys.readouterr().err


def test_names_on_the_golden_corpus_are_all_known(capsys):
    assert main(["names", "--json", str(GOLDEN)]) == 0
    uses = json.loads(capsys.readouterr().out)
    assert uses and all(u["code"] for u in uses)
    found = {(u["level"], u["name"]): u["code"] for u in uses}
    assert found[(1, "产出指标")] == "OUT"
    assert found[(2, "成本指标")] == "COST.ECO"


def test_names_reads_a_sample_with_extract_read(capsys):
    sample = SAMPLES / "text" / "2021-beijing-keji-xiezuo-zhongxin.txt"
    assert main(["names", str(sample)]) == 0
    out = capsys.readouterr().out
    assert "OUT.QTY" in out and "数量指标" in out


def test_names_lists_unknowns_first_and_fails(tmp_path, capsys):
    form = {
        "indicators": [
            {"level1": "产出指标", "level2": "数量指标"},
            {"level1": "产出指标", "level2": "鸡兔同笼指标"},
        ]
    }
    (tmp_path / "odd.json").write_text(json.dumps([form], ensure_ascii=False), encoding="utf-8")
    assert main(["names", str(tmp_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert "鸡兔同笼指标" in lines[0] and "?" in lines[0]
    assert main(["names", "--unknown", str(tmp_path / "odd.json")]) == 1
    assert capsys.readouterr().out.count("\n") == 1


def test_names_missing_path(tmp_path, capsys):
    assert main(["names", str(tmp_path / "nope")]) == 2
    assert "no such file" in capsys.readouterr().err
