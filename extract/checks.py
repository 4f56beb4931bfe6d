"""Structural cross-checks of a reading: what a reader lost shows up as a doubt, never as data.

Every reader (PDF, text dump, the originals to come) runs these on each form it assembled. A
grid whose column most rows fill but one row leaves blank, or whose label column leaves a row
without a label, was probably misread there (a lost column, a label the page did not show):
the form gets a ``reading.*`` note naming the page, row and field, so the audit checks no sum
over it and blames no row for it. The checks never change a cell.
"""

from __future__ import annotations

import re

from extract.record import Form, Indicator, Note
from extract.vocabulary import LEVEL2_ALSO_UNDER, LEVEL2_PARENT, POINTS, label_key

#: The cells every scored row prints; a row leaving one blank while most rows fill it is a doubt.
SCORED_CELLS = ("target", "actual", "weight", "score")
LABEL_CELLS = ("level1", "level2")
_PLACEHOLDER = "….·。—-－ "


def check_reading(form: Form) -> None:
    """Add a ``reading.*`` note for every cell a reader probably lost."""
    rows = [(i, r) for i, r in enumerate(form.indicators) if _scored(r)]
    if not rows:
        form.complete = False
        form.notes.append(Note("reading.no-rows", "未读到任何绩效指标行", section="indicator"))
        return
    for name in SCORED_CELLS:
        _column_gaps(form, rows, name, "reading.missing-cell", "此行此列为空，而该列多数行有值")
    for name in LABEL_CELLS:
        _column_gaps(form, rows, name, "reading.missing-label", "此行没有读到指标名称")
    _level_pairs(form, rows)


_POINTS = re.compile(POINTS + "$")
#: Older templates put satisfaction under 效益指标; that pairing is printed, not misread.
_SATISFACTION_UNDER_BENEFIT = ("满意度指标", "效益指标")


def _level_pairs(form: Form, rows: list[tuple[int, Indicator]]) -> None:
    """A level-2 name under a level-1 it never belongs to (社会效益指标 under 产出指标):
    a label carried to rows it does not cover, the usual trace of a label the page lost."""
    parents = set(LEVEL2_PARENT.values())
    for i, row in rows:
        level1 = _POINTS.sub("", label_key(row.level1.text))
        level2 = _POINTS.sub("", label_key(row.level2.text))
        parent = LEVEL2_PARENT.get(level2)
        if parent is None or level1 not in parents or level1 == parent:
            continue
        if level1 in LEVEL2_ALSO_UNDER.get(level2, ()) or (parent, level1) == (
            _SATISFACTION_UNDER_BENEFIT
        ):
            continue
        form.notes.append(
            Note(
                "reading.level-pair",
                f"第 {i + 1} 行：二级指标「{row.level2.text}」不属于一级指标「{row.level1.text}」"
                f"（应在「{parent}」下），一级指标可能读错",
                page=row.level1.page or row.level2.page,
                section="indicator",
                row=i,
                field="level1",
            )
        )


def _scored(row: Indicator) -> bool:
    """A row that names an indicator (not a blank or …… placeholder row)."""
    name = row.level3.text
    return name is not None and name.strip(_PLACEHOLDER) != ""


def _column_gaps(
    form: Form, rows: list[tuple[int, Indicator]], name: str, code: str, why: str
) -> None:
    filled = sum(1 for _, r in rows if getattr(r, name).text is not None)
    if filled == len(rows) or (name in LABEL_CELLS and filled == 0):
        return  # read whole, or a grid without that label column (flat 部门整体 grids)
    if filled * 2 < len(rows) and name in SCORED_CELLS:
        # every form fills these: a column read (nearly) blank was lost, or must be looked at
        form.notes.append(
            Note(
                code,
                f"{len(rows)} 行中只有 {filled} 行读到{_FIELD_NAMES[name]}：整列可能漏读",
                page=rows[0][1].level3.page,
                section="indicator",
                field=name,
            )
        )
        return
    for i, row in rows:
        if getattr(row, name).text is not None:
            continue
        page = next((c.page for c in (row.level3, row.target) if c.page is not None), None)
        form.notes.append(
            Note(
                code,
                f"第 {i + 1} 行「{row.level3.text}」{_FIELD_NAMES[name]}：{why}，可能漏读",
                page=page,
                section="indicator",
                row=i,
                field=name,
            )
        )


_FIELD_NAMES = {
    "level1": "一级指标",
    "level2": "二级指标",
    "target": "年度指标值",
    "actual": "实际完成值",
    "weight": "分值",
    "score": "得分",
}
