"""Route d: a web reporting system printing its HTML tables (fpdf2's table engine).

Web systems print flat tables: 一级/二级 labels on every row instead of merged cells, the grid
header repeated on each page, rows kept whole, separate tables for header, funds and goals.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import fpdf
from fpdf import FPDF
from fpdf.fonts import FontFace

from samples.grid import BLOCK_LABELS, DEFAULT_FUND_KEYS, FUND_HEADS, FUND_KEYS, IND_HEADS
from samples.model import Form, Sample
from samples.routes.draw import FONTS

FIXED = datetime(2024, 1, 1, tzinfo=UTC)


def write(sample: Sample, out_dir: Path) -> Path:
    lay = sample.layout
    pdf = FPDF(orientation="L" if lay.landscape else "P", unit="pt", format="A4")
    pdf.set_creation_date(FIXED)
    pdf.set_producer(f"PyFPDF/fpdf2 {fpdf.FPDF_VERSION}")
    pdf.set_margins(36, 36, 36)
    pdf.set_auto_page_break(True, 36)
    path, index = FONTS[lay.font]
    pdf.add_font("cjk", fname=path, collection_font_number=index)
    for form in sample.forms:
        pdf.add_page()
        _form(pdf, form, lay.size)
    out = out_dir / f"{sample.stem}.pdf"
    pdf.output(str(out))
    return out


def _form(pdf: FPDF, form: Form, size: float) -> None:
    fam = form.family
    head = FontFace(fill_color=(235, 235, 235))
    pdf.set_font("cjk", size=size * 1.6)
    pdf.cell(0, size * 2.4, form.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=size)
    pdf.cell(0, size * 1.8, f"（{form.year}年度）", align="C", new_x="LMARGIN", new_y="NEXT")
    opts = dict(
        line_height=size * 1.35, text_align="CENTER", padding=2, first_row_as_headings=False
    )
    headed = {**opts, "first_row_as_headings": True, "headings_style": head}
    with pdf.table(col_widths=(12, 30, 12, 30), **opts) as t:
        if fam == "DEPT":
            r = t.row()
            r.cell("部门")
            r.cell(form.department, colspan=3)
        else:
            r = t.row()
            r.cell("项目名称")
            r.cell(form.project_name, colspan=3)
            r = t.row()
            for text in ("主管部门", form.department, "实施单位", form.implementer):
                r.cell(text or "")
            if fam != "C":
                r = t.row()
                for text in ("项目负责人", form.managers, "联系电话", form.phone):
                    r.cell(text or "")
    funds_label, goals_label, goals_heads, grid_label = BLOCK_LABELS[fam]
    keys = FUND_KEYS.get(fam, DEFAULT_FUND_KEYS)
    heads = list(FUND_HEADS[fam])
    heads[0] = heads[0] or funds_label
    widths = (22,) + (12,) * (len(keys) - 1)
    with pdf.table(col_widths=widths, **headed) as t:
        r = t.row()
        for h in heads:
            r.cell(h)
        for fund in form.funds:
            r = t.row()
            for k in keys:
                r.cell(getattr(fund, k) or "")
    with pdf.table(col_widths=(50, 50), **headed) as t:
        r = t.row()
        r.cell(goals_heads[0])
        r.cell(goals_heads[1])
        r = t.row()
        r.cell(form.goals_expected or "", align="LEFT")
        r.cell(form.goals_actual or "", align="LEFT")
    pdf.cell(0, size * 2, grid_label, new_x="LMARGIN", new_y="NEXT")
    heads = IND_HEADS.get(fam, IND_HEADS["A"])
    split = fam in ("A-YN", "C")
    widths = [9, 9, 14] + ([5, 7, 5] if split else [14]) + [12, 5, 5, 15]
    if fam == "B":
        widths = [9, 9, 16, 5, 13, 13, 5, 15]
    with pdf.table(col_widths=widths, repeat_headings=1, **headed) as t:
        r = t.row()
        for h in heads:
            r.cell(h)
        for row in form.rows:
            r = t.row()
            labels = [row.level1, row.level2, row.level3]
            if fam == "B":
                vals = [*labels, row.weight, row.target, row.actual, row.score, row.deviation]
            else:
                target = (row.parts or ("", row.target or "", "")) if split else (row.target,)
                vals = [*labels, *target, row.actual, row.weight, row.score, row.deviation]
            for i, v in enumerate(vals):
                r.cell(v or "", align="LEFT" if i == len(vals) - 1 else None)
        r = t.row()
        r.cell("合计" if fam == "C" else "总分", colspan=len(heads) - 4 if fam != "B" else 3)
        if fam == "B":
            r.cell(form.total_weight)
            r.cell("", colspan=2)
            r.cell(form.total_score)
            r.cell("")
        else:
            r.cell(form.total_weight)
            r.cell(form.total_score)
            r.cell("")
        if form.grade is not None:
            r = t.row()
            r.cell("自评等级", colspan=len(heads) - 4 if fam != "B" else 3)
            r.cell(form.grade, colspan=4 if fam != "B" else 5)
    for label, text in form.footer:
        with pdf.table(col_widths=(15, 85), **opts) as t:
            r = t.row()
            r.cell(label)
            r.cell(text, align="LEFT")
    if form.footnote:
        pdf.set_font("cjk", size=size * 0.85)
        pdf.multi_cell(0, size * 1.3, form.footnote)
