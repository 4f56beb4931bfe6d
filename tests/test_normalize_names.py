"""Name matching: real excerpts' level-1/level-2 names, the golden corpus, the taxonomy file."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from selfeval.normalize import names
from selfeval.normalize.names import match_levels, match_name, theme_of
from selfeval.normalize.taxonomy import TaxonomyError
from selfeval.normalize.text import name_key
from tests.conftest import GOLDEN, ROOT

DATA = Path(__file__).resolve().parent / "data"
REAL = DATA / "real"  # copies of /work/shared/real (public web excerpts, source URL on line 1)


def _real_rows() -> list[tuple]:
    rows = []
    for line in (DATA / "real_names.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        rows.append(tuple(None if c == "-" else c for c in line.split("\t")))
    return rows


REAL_ROWS = _real_rows()


def _printed_at(excerpt: str, line: str, name: str) -> bool:
    """The name occurs in the excerpt from the cited line on (a cell may wrap over 3 lines)."""
    lines = (REAL / f"{excerpt}.txt").read_text(encoding="utf-8").splitlines()
    window = "".join(lines[int(line) - 1 : int(line) + 2])
    return re.sub(r"\s+", "", name) in re.sub(r"\s+", "", window)


def test_real_list_covers_every_excerpt_with_a_grid():
    cited = {row[0] for row in REAL_ROWS}
    # 005 and 031 are report covers cut before any grid; 011 is a flat grid without levels.
    assert cited == {f"{n:03d}" for n in range(1, 40, 2)} - {"005", "011", "031"}
    assert len(REAL_ROWS) >= 70


@pytest.mark.parametrize("row", REAL_ROWS, ids=lambda r: f"{r[0]}:{r[2] or '-'}/{r[4] or '-'}")
def test_real_excerpt_names_map(row):
    excerpt, line1, level1, line2, level2, code1, code2 = row
    for line, name in ((line1, level1), (line2, level2)):
        if name is not None:
            assert _printed_at(excerpt, line, name), f"{name!r} is not on {excerpt}.txt:{line}"
    match = match_levels(level1, level2)
    assert match.method != "unknown"
    assert (match.level1_code, match.level2_code) == (code1, code2)
    assert 0 < match.confidence <= 1


def test_real_excerpt_match_methods():
    matches = [match_levels(r[2], r[4]) for r in REAL_ROWS]
    methods = Counter(m.method for m in matches)
    assert methods["unknown"] == 0
    assert methods["exact"] > methods["synonym"] > 0
    # garbled OCR (顼 for 项, Fl for 目) is the only thing left to similarity
    fuzzy = {
        level.text for m in matches for level in (m.level1, m.level2) if level.method == "fuzzy"
    }
    assert fuzzy == {"顼目产出(30分)", "项Fl实施"}


def _golden_rows() -> list[tuple[str, str | None, str | None]]:
    rows = []
    for path in sorted(GOLDEN.glob("*.json")):
        for form in json.loads(path.read_text(encoding="utf-8")):
            for row in form.get("indicators") or []:
                rows.append((path.name, row.get("level1"), row.get("level2")))
    return rows


def test_golden_corpus_names_all_map():
    rows = _golden_rows()
    assert rows, "golden/ holds no indicator rows"
    unknown = set()
    for source, level1, level2 in rows:
        match = match_levels(level1, level2)
        if match.method == "unknown" or (level2 and match.level2_code is None):
            unknown.add((source, level1, level2))
    assert not unknown


@pytest.mark.parametrize(
    ("printed", "key"),
    [
        ("产出指标(50分)", "产出"),
        ("产出指标（50分）", "产出"),
        ("效益指标\n\n30分)", "效益"),
        ("产出指标\n\n(50)", "产出"),
        ("(50分)", ""),
        ("（分）", ""),
        ("产 出 指 标", "产出"),
        ("效益指標(biāo)", "效益"),
        ("服務(wù)對象滿意度指標(biāo)", "服务对象满意度"),
        ("★数量指标", "数量"),
        ("一、产出指标", "产出"),
        ("社会效益效益指标", "社会效益效益"),
        ("产出目标", "产出"),
        ("ＳＡＴ指标", "SAT"),
        (None, ""),
        ("   ", ""),
    ],
)
def test_name_key_cleans_decoration(printed, key):
    assert name_key(printed) == key


def test_level2_wins_and_conflict_is_flagged():
    match = match_levels("项目决策", "数量指标")
    assert (match.level1_code, match.level2_code, match.conflict) == ("OUT", "OUT.QTY", True)
    assert match.method == "inferred"
    assert match.level1.method == "inferred"


def test_cost_under_output_is_a_legitimate_placement():
    match = match_levels("产出指标", "成本指标")
    assert (match.level1_code, match.level2_code, match.conflict) == ("OUT", "COST.ECO", False)
    assert match_levels("成本指标", "经济成本指标").level1_code == "COST"


def test_lost_level1_is_inferred_from_level2():
    match = match_levels("(30分)", "可持续影响指标")
    assert (match.level1_code, match.level2_code, match.method) == ("EFF", "EFF.SUS", "inferred")
    assert match.confidence == pytest.approx(0.9)
    assert match_levels(None, "服务对象满意度").level1_code == "SAT"


def test_level1_only_rows_and_nothing_printed():
    assert match_levels("预算执行率", None).level1_code == "BUD"
    nothing = match_levels(None, None)
    assert (nothing.level1_code, nothing.level2_code, nothing.method) == (None, None, "unknown")


def test_unknown_name_is_reported_not_guessed():
    match = match_levels("产出指标", "鸡兔同笼")
    assert match.level2_code is None
    assert match.method == "unknown" and match.confidence == 0


def test_fuzzy_is_less_trusted_than_a_synonym():
    fuzzy = match_name("顼目产出", 1)
    assert (fuzzy.code, fuzzy.method) == ("OUT", "fuzzy")
    assert fuzzy.confidence < match_name("项目产出", 1).confidence


@pytest.mark.parametrize(
    ("level3", "level2", "theme"),
    [
        ("服务对象满意度", None, "T.SATISF"),
        ("发放(缴纳)覆盖率", None, "T.COVER"),
        ("足额保障率(参保率)", None, "T.DISBURSE"),
        ("总预算控制数", None, "T.COST"),
        ("服务企业数量", None, "T.COUNT"),
        ("示范区配方肥到位率", None, "T.DISBURSE"),
        ("项目按时完成率", None, "T.TIMELY"),
        ("美丽宜居自然村庄验收通过率", None, "T.PASS"),
        ("种植作物成活率", None, None),
        ("公用经费完成时间", None, "T.TIMELY"),
        ("国际数控机床技术圆桌会", None, None),  # 数 of 数控 is no count
        ("国际数控机床技术圆桌会", "OUT.QTY", "T.COUNT"),  # falls back to the level-2 theme
        ("年度资金支付完成率100%", None, "T.COMPLETE"),
        (None, "SAT.SVC", "T.SATISF"),
        (None, None, None),
    ],
)
def test_theme_of(level3, level2, theme):
    assert theme_of(level3, level2) == theme


def test_user_taxonomy_extends_the_builtin(tmp_path, monkeypatch):
    extra = tmp_path / "mine.toml"
    extra.write_text(
        '[level2."OUT.QTY"]\nsynonyms = ["任务量"]\n'
        '[level2."OUT.SAFE"]\nname = "安全指标"\nparent = "OUT"\n'
        '[theme."T.TRAIN"]\nname = "培训"\nkeywords = ["培训人次"]\n',
        encoding="utf-8",
    )
    assert match_levels("产出指标", "任务量").level2_code is None
    monkeypatch.setenv("SELFEVAL_TAXONOMY", str(extra))
    try:
        assert match_levels("产出指标", "任务量").level2_code == "OUT.QTY"
        assert match_levels(None, "安全指标").level1_code == "OUT"
        assert theme_of("年度培训人次") == "T.TRAIN"
    finally:
        monkeypatch.delenv("SELFEVAL_TAXONOMY")
    names.use_taxonomy([str(extra)])
    try:
        assert match_levels("产出指标", "任务量").level2_code == "OUT.QTY"
    finally:
        names.use_taxonomy(None)
    assert match_levels("产出指标", "任务量").level2_code is None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[level2."OUT.QLT"]\nsynonyms = ["数量"]\n', "already names OUT.QTY"),
        ('[level2."X.Y"]\nname = "某某"\n', "has no parent"),
        ('[level2."X.Y"]\nname = "某某"\nparent = "NOPE"\n', "unknown level-1 NOPE"),
        ("[level1.X\n", "not valid TOML"),
    ],
)
def test_bad_user_taxonomy_is_refused_with_a_reason(tmp_path, body, message):
    bad = tmp_path / "bad.toml"
    bad.write_text(body, encoding="utf-8")
    names.use_taxonomy([str(bad)])
    try:
        with pytest.raises(TaxonomyError, match=re.escape(message)):
            names.current()
    finally:
        names.use_taxonomy(None)


def test_builtin_taxonomy_has_every_required_code():
    taxonomy = names.current()
    assert {"BUD", "OUT", "COST", "EFF", "SAT", "DEC", "PRC", "INP"} <= set(taxonomy.level1)
    required = {"OUT.QTY", "OUT.QLT", "OUT.TML", "COST.ECO", "COST.SOC", "COST.ENV"}
    required |= {"EFF.ECO", "EFF.SOC", "EFF.ENV", "EFF.SUS", "SAT.SVC"}
    assert required <= set(taxonomy.level2)


def test_import_is_lazy_about_jieba():
    code = "import sys, normalize; print('jieba' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "False", out.stderr


def test_jieba_stays_quiet():
    code = "from selfeval.normalize.names import match_name; print(match_name('顼目产出', 1).code)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "OUT"
    assert out.stderr == ""
