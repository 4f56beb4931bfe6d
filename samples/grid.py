"""A form laid out as a cell grid (rows, columns, merges), shared by every route.

Each family has its own columns (widths in em of the base font size). Row heights come from a
wrap simulation (CJK 1 em, Latin about 0.55 em) because neither LibreOffice nor Word auto-fits
rows holding merged cells. ``Grid.ind_rows`` maps indicator numbers to grid rows so routes can
break pages between (or inside) indicator rows.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from samples.model import Form


@dataclass
class Cell:
    row: int
    col: int
    text: str | None
    rowspan: int = 1
    colspan: int = 1
    align: str = "center"  # left | center
    bold: bool = False
    scale: float = 1.0  # font size relative to the base size
    border: bool = True
    role: str = "value"  # value | label | vlabel | title


@dataclass
class Grid:
    cols: list[float]  # widths in em
    cells: list[Cell] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)  # per row: title, head, funds, goals, ind...
    ind_rows: list[int] = field(default_factory=list)  # grid row of each indicator row
    spans_over_rows: dict[str, list[Cell]] = field(default_factory=dict)

    @property
    def n_rows(self) -> int:
        return len(self.kinds)

    def new_row(self, kind: str) -> int:
        self.kinds.append(kind)
        return len(self.kinds) - 1

    def put(self, row: int, c0: int, c1: int, text: str | None, **kw) -> Cell:
        cell = Cell(row, c0, text, colspan=c1 - c0 + 1, **kw)
        self.cells.append(cell)
        return cell

    def width(self, cell: Cell) -> float:
        return sum(self.cols[cell.col : cell.col + cell.colspan])

    def heights(self, leading: float = 1.3, pad: float = 0.7) -> list[float]:
        """Row heights in em: enough lines for every cell, merged cells spread over their rows."""
        h = [1.0 + pad] * self.n_rows
        for c in self.cells:
            if c.rowspan == 1:
                need = lines(c.text, self.width(c) - 0.5, c.scale) * leading * c.scale + pad
                h[c.row] = max(h[c.row], need)
        for c in self.cells:
            if c.rowspan > 1:
                need = lines(c.text, self.width(c) - 0.5, c.scale) * leading * c.scale + pad
                have = sum(h[c.row : c.row + c.rowspan])
                if need > have:
                    h[c.row + c.rowspan - 1] += need - have
        return h


def char_em(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in "WF" or ch in "“”‘’…—":
        return 1.0
    return 0.55


def wrap(text: str | None, width_em: float, scale: float = 1.0) -> list[str]:
    """Greedy character wrap of each hard paragraph into lines of at most ``width_em``."""
    if not text:
        return []
    out: list[str] = []
    limit = max(width_em / scale, 1.0)
    for para in text.split("\n"):
        line, used = "", 0.0
        for ch in para:
            w = char_em(ch)
            if used + w > limit and line:
                out.append(line)
                line, used = "", 0.0
            line += ch
            used += w
        out.append(line)
    return out


def lines(text: str | None, width_em: float, scale: float = 1.0) -> int:
    return max(1, len(wrap(text, width_em, scale)))


def _col_plan(family: str) -> dict:
    """Column widths and where each block's pieces go (inclusive column ranges)."""
    if family in ("A", "A-AH", "DEPT"):
        return {
            "cols": [1.6, 4.2, 4.6, 8.5, 6.2, 5.0, 8.5, 2.8, 3.4, 4.5, 6.0],
            "ind": {
                "level1": (1, 1),
                "level2": (2, 2),
                "level3": (3, 3),
                "target": (4, 5),
                "actual": (6, 6),
                "weight": (7, 7),
                "score": (8, 8),
                "deviation": (9, 10),
            },
            "funds": [(2, 3), (4, 4), (5, 5), (6, 6), (7, 7), (8, 8), (9, 10)],
            "goals": ((1, 5), (6, 10)),
            "head": ((0, 1), (2, 3), (4, 4), (5, 10)),
            "total": ((0, 6), (7, 7), (8, 8), (9, 10)),
        }
    if family == "A-YN":
        return {
            "cols": [1.6, 4.0, 4.4, 8.0, 2.6, 4.2, 4.4, 6.0, 2.6, 2.8, 4.0, 5.0],
            "ind": {
                "level1": (1, 1),
                "level2": (2, 2),
                "level3": (3, 3),
                "nature": (4, 4),
                "value": (5, 5),
                "unit": (6, 6),
                "actual": (7, 7),
                "weight": (8, 8),
                "score": (9, 9),
                "deviation": (10, 11),
            },
            "funds": [(2, 3), (4, 5), (6, 6), (7, 7), (8, 8), (9, 10), (11, 11)],
            "goals": ((1, 6), (7, 11)),
            "head": ((0, 1), (2, 4), (5, 6), (7, 11)),
            "total": ((0, 7), (8, 8), (9, 9), (10, 11)),
        }
    if family == "C":
        return {
            "cols": [1.6, 4.0, 4.4, 7.6, 2.6, 4.0, 3.2, 5.6, 2.6, 2.8, 2.8, 3.0, 6.0],
            "ind": {
                "level1": (1, 1),
                "level2": (2, 2),
                "level3": (3, 3),
                "nature": (4, 4),
                "value": (5, 5),
                "unit": (6, 6),
                "actual": (7, 7),
                "weight": (8, 8),
                "score": (9, 9),
                "deviation": (10, 12),
            },
            # item, 年初预算, 调整后预算数, 预算执行数, 预算执行率, 权重, 得分, 原因
            "funds": [(2, 3), (4, 5), (6, 6), (7, 7), (8, 9), (10, 10), (11, 11), (12, 12)],
            "goals": ((2, 6), (7, 12)),
            "head": ((0, 1), (2, 6), (7, 7), (8, 12)),
            "total": ((0, 7), (8, 8), (9, 9), (10, 12)),
        }
    if family == "B":
        return {
            "cols": [1.6, 3.2, 4.4, 9.0, 2.6, 7.0, 7.0, 2.6, 4.0, 5.0],
            "ind": {
                "level1": (1, 1),
                "level2": (2, 2),
                "level3": (3, 3),
                "weight": (4, 4),
                "target": (5, 5),
                "actual": (6, 6),
                "score": (7, 7),
                "deviation": (8, 9),
            },
            # item, 全年预算数(A), 全年执行数(B), 分值, 执行率(B/A), 得分
            "funds": [(2, 3), (4, 5), (6, 6), (7, 7), (8, 8), (9, 9)],
            "goals": ((1, 5), (6, 9)),
            "head": ((0, 1), (2, 5), (6, 6), (7, 9)),
            "total": ((0, 3), (4, 4), (7, 7), (8, 9)),
        }
    raise ValueError(family)


FUND_HEADS = {
    "A": ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    "A-AH": ["", "年初预算数", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"],
    "A-YN": ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    "DEPT": ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    "B": ["", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"],
    "C": [
        "年度预算数(万元)",
        "年初预算",
        "调整后预算数",
        "预算执行数",
        "预算执行率",
        "权重",
        "得分",
        "原因",
    ],
}
FUND_KEYS = {
    "B": ["item", "budget_full", "executed", "weight", "rate", "score"],
    "C": ["item", "budget_initial", "budget_full", "executed", "rate", "weight", "score", "reason"],
}
DEFAULT_FUND_KEYS = ["item", "budget_initial", "budget_full", "executed", "weight", "rate", "score"]
IND_HEADS = {
    "A": [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ],
    "A-YN": [
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        "度量单位",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ],
    "B": [
        "一级指标",
        "二级指标",
        "三级指标",
        "分值",
        "年度指标值",
        "全年实际值",
        "得分",
        "未完成原因及拟采取的改进措施",
    ],
    "C": [
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        "度量单位",
        "完成值",
        "权重",
        "得分",
        "未完成原因分析",
    ],
}
BLOCK_LABELS = {
    # family: (funds label, goals label, goals headers, grid label)
    "A": ("项目资金（万元）", "年度总体目标", ("预期目标", "实际完成情况"), "绩效指标"),
    "A-YN": ("项目资金（万元）", "年度总体目标", ("预期目标", "实际完成情况"), "绩效指标"),
    "A-AH": (
        "项目资金（万元）",
        "年度总体目标完成情况",
        ("预期目标", "实际完成情况"),
        "年度绩效指标完成情况",
    ),
    "DEPT": ("预算资金（万元）", "年度总体目标", ("预期目标", "实际完成情况"), "绩效指标"),
    "B": (
        "资金情况（万元）",
        "年度总体目标",
        ("年初设定目标", "年度总体目标完成情况综述"),
        "绩效指标",
    ),
    "C": (
        "预算执行情况(10分)",
        "项目年度目标完成情况",
        ("项目年度目标", "年度目标完成情况"),
        "绩效指标(90分)",
    ),
}


def build_grid(form: Form, repeat_merge: bool = True) -> Grid:
    """Lay ``form`` out as its family's grid. Level-1/2 cells merge over their runs of rows."""
    fam = form.family
    plan = _col_plan(fam)
    g = Grid(cols=list(plan["cols"]))
    last = len(g.cols) - 1
    funds_label, goals_label, goals_heads, grid_label = BLOCK_LABELS[fam]

    if fam == "C":
        r = g.new_row("title")
        g.put(r, 0, last, "报表编号:510000_0013zp", align="left", border=False, scale=0.9)
    r = g.new_row("title")
    g.put(r, 0, last, form.title, bold=True, scale=1.7, border=False, role="title")
    r = g.new_row("title")
    g.put(r, 0, last, f"（{form.year}年度）", border=False, role="title")

    h = plan["head"]
    if fam == "DEPT":
        r = g.new_row("head")
        g.put(r, *h[0], "部门", role="label")
        g.put(r, h[1][0], last, form.department)
    else:
        r = g.new_row("head")
        g.put(r, *h[0], "项目名称", role="label")
        g.put(r, h[1][0], last, form.project_name)
        r = g.new_row("head")
        g.put(r, *h[0], "主管部门", role="label")
        g.put(r, *h[1], form.department)
        g.put(r, *h[2], "实施单位 (盖章)" if fam == "C" else "实施单位", role="label")
        g.put(r, *h[3], form.implementer)
        if fam != "C":
            r = g.new_row("head")
            g.put(r, *h[0], "项目负责人", role="label")
            g.put(r, *h[1], form.managers)
            g.put(r, *h[2], "联系电话", role="label")
            g.put(r, *h[3], form.phone)

    def goals_block() -> None:
        gl = plan["goals"]
        r0 = g.new_row("goals")
        label_cols = (0, gl[0][0] - 1)
        lab = g.put(r0, *label_cols, goals_label, role="vlabel" if label_cols[1] == 0 else "label")
        lab.rowspan = 2
        g.put(r0, *gl[0], goals_heads[0], role="label")
        g.put(r0, *gl[1], goals_heads[1], role="label")
        r1 = g.new_row("goals")
        g.put(r1, *gl[0], form.goals_expected, align="left", scale=0.9)
        g.put(r1, *gl[1], form.goals_actual, align="left", scale=0.9)

    if fam == "C":
        goals_block()

    fund_keys = FUND_KEYS.get(fam, DEFAULT_FUND_KEYS)
    spans = plan["funds"]
    r0 = g.new_row("funds")
    lab = g.put(r0, 0, 1, funds_label, role="label")
    lab.rowspan = 1 + len(form.funds)
    for (c0, c1), head in zip(spans, FUND_HEADS[fam], strict=True):
        g.put(r0, c0, c1, head, role="label")
    for fund in form.funds:
        r = g.new_row("funds")
        for (c0, c1), key in zip(spans, fund_keys, strict=True):
            g.put(r, c0, c1, getattr(fund, key), align="left" if key == "reason" else "center")

    if fam != "C":
        goals_block()

    ind = plan["ind"]
    head_row = g.new_row("ind-head")
    vl = g.put(head_row, 0, 0, grid_label, role="vlabel")
    heads = IND_HEADS.get(fam, IND_HEADS["A"])
    for key, head in zip(ind, heads, strict=True):
        g.put(head_row, *ind[key], head, role="label")
    first = head_row
    for row in form.rows:
        r = g.new_row("ind")
        g.ind_rows.append(r)
        for key, (c0, c1) in ind.items():
            if key in ("level1", "level2"):
                continue
            if key in ("nature", "value", "unit"):
                idx = ("nature", "value", "unit").index(key)
                text = row.parts[idx] if row.parts else (row.target if key == "value" else None)
            else:
                text = getattr(row, key)
            left = key in ("deviation",) or (key in ("target", "actual") and len(text or "") > 12)
            g.put(r, c0, c1, text, align="left" if left else "center")
    vl.rowspan = len(form.rows) + 1
    _merge_runs(g, form, ind, first + 1, repeat_merge)

    tl = plan["total"]
    r = g.new_row("total")
    g.put(r, *tl[0], "合计" if fam == "C" else "总分", role="label")
    g.put(r, *tl[1], form.total_weight)
    g.put(r, *tl[2], form.total_score)
    g.put(r, *tl[3], None)
    if fam == "B":
        g.put(r, 5, 6, None)
    if form.grade is not None:
        r = g.new_row("grade")
        g.put(r, *tl[0], "自评等级", role="label")
        g.put(r, tl[1][0], last, form.grade)
    for label, text in form.footer:
        r = g.new_row("footer")
        g.put(r, 0, 1, label, role="label")
        g.put(r, 2, last, text, align="left")
    if fam == "C":
        r = g.new_row("sign")
        g.put(r, 0, 6, "项目负责人:", align="left", border=False)
        g.put(r, 7, last, "财务负责人:", align="left", border=False)
    if form.footnote:
        r = g.new_row("note")
        g.put(r, 0, last, form.footnote, align="left", border=False, scale=0.85)
    return g


def _merge_runs(g: Grid, form: Form, ind: dict, first: int, repeat: bool) -> None:
    """Merged level-1 and level-2 cells over runs of equal labels."""
    for key in ("level1", "level2"):
        c0, c1 = ind[key]
        i = 0
        rows = form.rows
        while i < len(rows):
            j = i
            while (
                j + 1 < len(rows)
                and getattr(rows[j + 1], key) == getattr(rows[i], key)
                and (key == "level1" or rows[j + 1].level1 == rows[i].level1)
            ):
                j += 1
            cell = g.put(first + i, c0, c1, getattr(rows[i], key))
            cell.rowspan = j - i + 1
            g.spans_over_rows.setdefault(key, []).append(cell)
            i = j + 1
