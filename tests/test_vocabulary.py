"""One vocabulary serves every reader (issue 13): a label the vocabulary lists is read the same
way by the PDF assembly and by the text-dump reader, and the text reader keeps no list of its
own.

The drift cases relabel the real seed dump (/work/shared/seed) with each synonym the vocabulary
lists for a role and check that the text reader reads the same form.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import selfeval.extract as extract
from selfeval.extract import vocabulary, wrap
from selfeval.extract.pdf import glyphs
from selfeval.extract.text import form as text_form
from selfeval.extract.text import funds as text_funds
from selfeval.extract.text import grid as text_grid
from selfeval.extract.text import grid_header
from selfeval.extract.text.dump_lines import is_title
from selfeval.extract.vocabulary import label_key, match
from tests.conftest import ROOT, SHARED_SEED

TAXONOMY = ROOT / "normalize" / "taxonomy.toml"


@pytest.fixture(scope="module")
def seed_text() -> str:
    # the real dump is the point of these tests: without it they fail, never skip
    assert SHARED_SEED.is_file(), f"the seed dump {SHARED_SEED} is missing"
    return SHARED_SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_form(seed_text: str) -> dict:
    (form,) = extract.read(SHARED_SEED)
    return form.to_dict()


def _relabelled(tmp_path: Path, text: str, *changes: tuple[str, str]) -> dict:
    """The seed read with the first ``old`` of each ``(old, new)`` replaced by ``new``."""
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "relabelled.txt"
    path.write_text(text, encoding="utf-8")
    (form,) = extract.read(path)
    return form.to_dict()


def _synonyms(table: dict[str, tuple[str, ...]], skip: frozenset[str] = frozenset()):
    return [(role, name) for role, names in table.items() if role not in skip for name in names]


def _rounds(table: dict[str, tuple[str, ...]], roles) -> list[dict[str, str]]:
    """Relabellings that together use every synonym of ``roles``: in round k each role takes
    its k-th name (its names in turn when it has fewer), so one read checks every role."""
    size = max(len(table[role]) for role in roles)
    return [{role: table[role][k % len(table[role])] for role in roles} for k in range(size)]


# -- the drift cases, on the real seed dump -----------------------------------------------
_HEADER_FIELDS = ("project_name", "department", "implementer", "managers", "phone")
#: How the seed prints each header label (each followed by a space and its value).
_SEED_HEADER = {
    "project_name": "项目名称 ",
    "department": "主管部门 ",
    "implementer": "实施单位 ",
    "managers": "项目负责人 ",
    "phone": "联系电话 ",
}


@pytest.mark.parametrize("names", _rounds(vocabulary.HEADER_NAMES, _HEADER_FIELDS), ids=str)
def test_every_header_synonym_reads_the_seeds_header(names, seed_text, seed_form, tmp_path):
    changes = [(_SEED_HEADER[role], name + " ") for role, name in names.items()]
    got = _relabelled(tmp_path, seed_text, *changes)
    assert {f: got[f] for f in _HEADER_FIELDS} == {f: seed_form[f] for f in _HEADER_FIELDS}
    assert got["notes"] == seed_form["notes"]


def test_the_drifts_seen_are_read_as_before(seed_text, seed_form, tmp_path):
    """项目名称 -> 项目名称及代码 gave the project name "及代码2021年…"; 总分 -> 总得分 lost the total;
    主管部门 -> 主管单位 ran the department into the project name."""
    got = _relabelled(tmp_path, seed_text, ("项目名称 ", "项目名称及代码 "))
    assert got["project_name"] == seed_form["project_name"]
    assert got["project_name"].startswith("2021年北京科技协作中心")
    got = _relabelled(tmp_path, seed_text, ("总分 100", "总得分 100"))
    assert got["total"] == seed_form["total"] == {"weight": "100", "score": "93.83"}
    assert got["indicators"] == seed_form["indicators"]
    got = _relabelled(tmp_path, seed_text, ("主管部门 ", "主管单位 "))
    assert got["department"] == seed_form["department"] == "北京市科学技术委员会"
    assert got["project_name"] == seed_form["project_name"]


def test_a_label_the_vocabulary_does_not_know_is_no_shorter_label(seed_text, tmp_path):
    """项目名称及编码 is not 项目名称 followed by a value 及编码…: the name is left empty."""
    got = _relabelled(tmp_path, seed_text, ("项目名称 ", "项目名称及编码 "))
    assert got["project_name"] is None


_TOTAL_AND_GRADE = {"total": vocabulary.TOTAL_NAMES, "grade": vocabulary.GRADE_NAMES}


@pytest.mark.parametrize("names", _rounds(_TOTAL_AND_GRADE, ("total", "grade")), ids=str)
def test_every_total_and_grade_synonym_is_read(names, seed_text, seed_form, tmp_path):
    line = f"{names['total']} 100 93.83\n\n{names['grade']} 优"
    got = _relabelled(tmp_path, seed_text, ("总分 100 93.83", line))
    assert got["total"] == seed_form["total"]
    assert got["indicators"] == seed_form["indicators"]
    assert got["grade"] == "优"


_SEED_FUNDS = {
    "budget_initial": "年初预算数",
    "budget_full": "全年预算数",
    "executed": "全年执行数",
    "weight": "分值",
    "rate": "执行率",
    "score": "得分",
}


@pytest.mark.parametrize("names", _rounds(vocabulary.FUND_NAMES, _SEED_FUNDS), ids=str)
def test_every_funds_column_synonym_reads_the_seeds_funds(names, seed_text, seed_form, tmp_path):
    header = " ".join(_SEED_FUNDS.values())
    got = _relabelled(tmp_path, seed_text, (header, " ".join(names.values())))
    assert got["funds"] == seed_form["funds"]


_SEED_GRID = {
    "level1": "一级指标",
    "level2": "二级指标",
    "level3": "三级指标",
    "target": "年度指标值",
    "actual": "实际完成值",
    "weight": "分值",
    "score": "得分",
}


@pytest.mark.parametrize(
    "names", _rounds(vocabulary.INDICATOR_NAMES, [*_SEED_GRID, "deviation"]), ids=str
)
def test_every_grid_column_synonym_reads_the_seeds_rows(names, seed_text, seed_form, tmp_path):
    header = " ".join(_SEED_GRID.values())
    relabelled = " ".join(names[role] for role in _SEED_GRID)
    # the seed wraps its deviation header: 偏差原因分析及改进 / 措施
    deviation = ("偏差原因分析及改进\n\n措施", names["deviation"])
    got = _relabelled(tmp_path, seed_text, (header, relabelled), deviation)
    assert got["indicators"] == seed_form["indicators"]
    assert len(got["indicators"]) == 42


def test_a_lone_指标值_is_the_whole_target(seed_text, seed_form, tmp_path):
    header = " ".join(_SEED_GRID.values())
    got = _relabelled(tmp_path, seed_text, (header, header.replace("年度指标值", "指标值")))
    assert got["indicators"] == seed_form["indicators"]


@pytest.mark.parametrize("names", _rounds(vocabulary.GOAL_NAMES, ("expected", "actual")), ids=str)
def test_every_goal_column_synonym_reads_the_seeds_goals(names, seed_text, seed_form, tmp_path):
    header = f"{names['expected']} {names['actual']}"
    got = _relabelled(tmp_path, seed_text, ("预期目标 实际完成情况", header))
    assert got["goals"] == seed_form["goals"]


# -- the PDF assembly and the text reader agree on every synonym ---------------------------
_TABLES = [
    ("header", vocabulary.HEADER_NAMES, vocabulary.HEADER_LABELS, text_form.header_field),
    ("funds", vocabulary.FUND_NAMES, vocabulary.FUND_COLUMNS, text_funds.FUND_HEADER.role),
    ("goals", vocabulary.GOAL_NAMES, vocabulary.GOAL_COLUMNS, text_form.GOAL_HEADER.role),
    (
        "grid",
        vocabulary.INDICATOR_NAMES,
        vocabulary.INDICATOR_COLUMNS,
        grid_header.GRID_COLUMNS.role,
    ),
]
_AGREEMENT = [
    (kind, role, name) for kind, names, _, _ in _TABLES for role, name in _synonyms(names)
]


@pytest.mark.parametrize("case", _AGREEMENT, ids=lambda c: f"{c[0]}:{c[1]}={c[2]}")
def test_pdf_assembly_and_text_reader_name_the_same_field(case):
    kind, role, name = case
    _, _, patterns, text_role = next(t for t in _TABLES if t[0] == kind)
    # as a PDF cell prints it: whole, perhaps letter-spaced, brackets full width
    printed = " ".join(name).replace("(", "（").replace(")", "）")
    assert match(label_key(name), patterns) == role
    assert match(label_key(printed), patterns) == role
    # as a dump prints it: the same, or sharing its line with the value
    assert text_role(name) == role
    if kind == "header":
        assert text_role(f"{name} 2021年某某项目") == role
        assert text_role(f"{' '.join(name)}：某某单位") == role
    else:
        assert text_role(name + "（A）") == role  # a column's mark is no part of its name


def test_total_and_grade_labels_agree():
    for name in vocabulary.TOTAL_NAMES:
        assert vocabulary.TOTAL_LABELS.match(label_key(name))
        assert text_form._TOTAL.match(f"{name} 100 98.5")
    for name in vocabulary.GRADE_NAMES:
        assert vocabulary.GRADE_LABELS.match(label_key(name))
        assert text_form._GRADE.match(f"{name} 优").group(1) == "优"


@pytest.mark.parametrize("kind", [t[0] for t in _TABLES])
def test_no_name_stands_for_two_roles_of_one_table(kind):
    _, names, _, _ = next(t for t in _TABLES if t[0] == kind)
    seen: dict[str, str] = {}
    for role, name in _synonyms(names):
        assert seen.setdefault(name, role) == role, f"{name} names {seen[name]} and {role}"


def test_the_text_reader_takes_its_lists_from_the_vocabulary():
    assert text_grid.LEVEL1_NAMES is vocabulary.LEVEL1_NAMES
    assert text_grid.LEVEL2_NAMES is vocabulary.LEVEL2_NAMES
    assert text_grid.KNOWN_LEVEL_NAMES is vocabulary.KNOWN_LEVEL_NAMES
    for module in (text_form, text_funds, grid_header):
        for old in ("HEADER_LABELS", "COLUMN_NAMES", "FUND_COLUMNS", "_GOAL_COLUMNS", "_ITEM"):
            assert not hasattr(module, old), f"{module.__name__}.{old} is back"


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("项目支出绩效自评表", True),
        ("2021年度部门整体支出绩效自评表", True),
        ("附件3:2022年度项目支出绩效自评表", True),
        ("项目绩效自评情况表", True),
        ("2022年度项目支出绩效自评表(昌龙鸿运)", False),  # a web page's caption above the form
        ("项目名称 项目支出绩效自评表", False),  # a label and its value
        ("按要求填报绩效自评表，并于月底前报送。", False),
    ],
)
def test_titles_by_the_vocabulary_rule(line: str, title: bool) -> None:
    assert is_title(line) is title


# -- one numbered-item rule -----------------------------------------------------------------
def test_both_numbered_rules_are_the_same_function():
    assert glyphs.starts_numbered_item is vocabulary.starts_numbered_item
    assert wrap.starts_numbered_item is vocabulary.starts_numbered_item


@pytest.mark.parametrize(
    ("line", "numbered"),
    [
        ("1、持续推动", True),
        ("2.聚焦", True),
        ("3．开展", True),
        ("（4）开展", True),
        ("( 5 ) 开展", True),
        ("4.2021年度开展", True),  # the seed's own item 4
        ("5、2022年完成", True),
        ("一、基本情况", True),
        ("二．主要做法", True),
        ("⑦ 其他", True),
        ("2.5万元", False),
        ("3．5万元", False),
        ("2021年12月", False),
        ("10-20年", False),
        ("100%完成", False),
    ],
)
def test_the_numbered_rule(line: str, numbered: bool) -> None:
    assert vocabulary.starts_numbered_item(line) is numbered


# -- level names --------------------------------------------------------------------------
def _taxonomy_parents() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each level-2 name and synonym of normalize/taxonomy.toml -> (parent, also-under) names."""
    doc = tomllib.loads(TAXONOMY.read_text(encoding="utf-8"))
    level1 = {code: entry["name"] for code, entry in doc["level1"].items()}
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for entry in doc["level2"].values():
        parent = (level1[entry["parent"]], tuple(level1[c] for c in entry.get("also_under", ())))
        for name in (entry["name"], *entry.get("synonyms", ())):
            out.setdefault(name.removesuffix("指标"), parent)
    return out


def test_level2_parent_names_every_level2_name_and_agrees_with_the_taxonomy():
    assert set(vocabulary.LEVEL2_PARENT) == vocabulary.LEVEL2_NAMES
    taxonomy = _taxonomy_parents()
    for name, parent in vocabulary.LEVEL2_PARENT.items():
        want, also = taxonomy[name.removesuffix("指标")]
        assert parent == want, name
        assert vocabulary.LEVEL2_ALSO_UNDER.get(name, ()) == also, name
        assert parent in vocabulary.KNOWN_LEVEL_NAMES and parent not in vocabulary.LEVEL2_NAMES


def test_level1_parents_of_a_level2_label() -> None:
    from selfeval.extract.vocabulary import level1_parents

    assert level1_parents("数量指标（20分）") == {"产出指标"}
    assert level1_parents("社 会 效 益 指 标") == {"效益指标"}
    assert level1_parents("经济成本指标") == {"成本指标", "产出指标"}  # older templates too
    # a plain 成本指标 at level 2: under 产出指标 before 财预〔2021〕101号, its own since
    assert level1_parents("成本指标") == {"产出指标", "成本指标"}
    taxonomy = _taxonomy_parents()
    for name in set(vocabulary.LEVEL2_ALSO_UNDER) - set(vocabulary.LEVEL2_PARENT):
        parent, also = taxonomy[name.removesuffix("指标")]
        assert level1_parents(name) == {parent, *also}, name
    assert level1_parents("某某指标") == frozenset() and level1_parents(None) == frozenset()
