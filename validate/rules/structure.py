"""The grid's shape: level 2 under the right level 1, no row twice, the fields a form needs."""

from __future__ import annotations

from selfeval.normalize.names import Method
from selfeval.validate.context import Context
from selfeval.validate.facts import blank, text_key

CODES = (
    "structure.level2-misplaced",
    "structure.duplicate-indicator",
    "structure.missing-field",
    "structure.partial",
    "structure.level1-missing",
)
#: The level-1 codes of the 10号 self-evaluation framework; a form using any other level-1
#: (决策/过程/投入, unknown labels) is in another framework and is not checked for them.
FRAMEWORK_LEVEL1 = frozenset({"OUT", "EFF", "SAT", "COST"})
LEVEL1_LABELS = {"OUT": "产出指标", "EFF": "效益指标", "SAT": "满意度指标", "COST": "成本指标"}
TRUSTED: tuple[Method, ...] = ("exact", "synonym")
HEADER_LABELS = {
    "title": "表名",
    "year": "年度",
    "project_name": "项目名称",
    "department": "主管部门",
    "implementer": "实施单位",
}
PROJECT_ONLY = ("project_name", "implementer")


def check(ctx: Context) -> None:
    _misplaced(ctx)
    _duplicates(ctx)
    if ctx.facts.partial:
        _partial(ctx)
    else:
        _missing(ctx)
        _level1_missing(ctx)


def _level1_missing(ctx: Context) -> None:
    """V15: each required level 1 (产出, 效益) has at least one scored row."""
    rows = ctx.facts.scored_rows
    codes = {r.names.level1_code for r in rows}
    if not rows or None in codes or not codes <= FRAMEWORK_LEVEL1:
        return
    for code in ctx.config.required_level1:
        if code in codes:
            continue
        ctx.emit(
            "structure.level1-missing",
            f"缺少一级指标「{LEVEL1_LABELS.get(code, code)}」",
            section="indicator",
            field="level1",
            page=ctx.facts.form_page(),
        )


def _partial(ctx: Context) -> None:
    """A form read only in part: say so once, instead of reporting what is merely unplaced."""
    facts = ctx.facts
    why = []
    if not facts.form.complete:
        why.append("表格不完整（截断）")
    if facts.unplaced:
        why.append(f"{facts.unplaced} 处单元格未能确定位置")
    if facts.doubts:
        why.append(f"{len(facts.doubts)} 处单元格可能漏读")
    ctx.emit(
        "structure.partial",
        "仅部分读取：" + "，".join(why) + "；合计、资金分项与缺项检查已跳过",
        section="form",
        page=facts.form_page(),
    )


def _misplaced(ctx: Context) -> None:
    seen: set[tuple[str | None, str | None]] = set()
    for r in ctx.facts.rows:
        names = r.names
        if not names.conflict or r.printed1.method not in TRUSTED:
            continue
        if names.level2 is None or names.level2.method not in TRUSTED:
            continue
        key = (r.row.level1.text, r.row.level2.text)
        if key in seen:
            continue
        seen.add(key)
        ctx.emit(
            "structure.level2-misplaced",
            f"二级指标「{r.row.level2.text}」({names.level2_code}) 不属于一级指标"
            f"「{r.row.level1.text}」({r.printed1.code})，应归入 {names.level1_code}",
            section="indicator",
            row=r.index,
            field="level2",
            page=r.page("level2"),
        )


def _duplicates(ctx: Context) -> None:
    first: dict[tuple[str, str, str], int] = {}
    for r in ctx.facts.rows:
        if blank(r.row.level3) or not r.scored:
            continue
        key = (
            text_key(r.row.level1.text),
            text_key(r.row.level2.text),
            text_key(r.row.level3.text),
        )
        if key not in first:
            first[key] = r.index
            continue
        ctx.emit(
            "structure.duplicate-indicator",
            f"三级指标「{r.row.level3.text}」在「{r.row.level2.text or ''}」下重复出现"
            f"（第 {first[key] + 1} 行与第 {r.index + 1} 行）",
            section="indicator",
            row=r.index,
            field="level3",
            page=r.page("level3"),
        )


def _missing_header(ctx: Context) -> None:
    facts, config = ctx.facts, ctx.config
    form = facts.form
    for name in config.required_header:
        if facts.department_form and name in PROJECT_ONLY:
            continue
        cell = getattr(form, name, None)
        if cell is not None and cell.text is None:
            ctx.emit(
                "structure.missing-field",
                f"表头缺少{HEADER_LABELS.get(name, name)}",
                section="form",
                field=name,
                page=facts.form_page(),
            )


def _missing_row_cells(ctx: Context) -> None:
    """A scored row printing a weight without a score, or a score without a weight."""
    for r in ctx.facts.scored_rows:
        for have, lack, label in ((r.score, "weight", "分值"), (r.weight, "score", "得分")):
            if have is not None and getattr(r, lack) is None:
                ctx.emit(
                    "structure.missing-field",
                    f"「{r.row.level3.text or r.row.level2.text}」缺少{label}"
                    f"（印为「{getattr(r.row, lack).text or '空'}」）",
                    section="indicator",
                    row=r.index,
                    field=lack,
                    page=r.page(lack),
                )


def _missing_fund(ctx: Context) -> None:
    facts = ctx.facts
    if facts.budget_unknown and facts.total_fund is not None:
        ctx.emit(
            "structure.missing-field",
            f"资金表「{facts.total_fund.row.item.text or '年度资金总额'}」行没有数字，"
            "无法核对预算执行得分与总分",
            section="fund",
            row=facts.total_fund.index,
            field="budget_full",
            page=facts.total_fund.page("item"),
        )
    fund = facts.budget_fund
    if fund is not None and fund.score is None:
        ctx.emit(
            "structure.missing-field",
            "预算执行率缺少得分",
            section="fund",
            row=fund.index,
            field="score",
            page=fund.page("score"),
        )


def _missing(ctx: Context) -> None:
    facts = ctx.facts
    _missing_header(ctx)
    if not facts.rows:
        ctx.emit("structure.missing-field", "未读到绩效指标行", section="form", field="indicators")
    _missing_row_cells(ctx)
    _missing_fund(ctx)
    if facts.form.complete and facts.scored_rows and facts.total_score is None:
        ctx.emit(
            "structure.missing-field",
            "缺少总分",
            section="total",
            field="score",
            page=facts.form_page(),
        )
