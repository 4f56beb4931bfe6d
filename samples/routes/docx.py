"""Route b: the form as a Word table (python-docx), later exported to PDF by LibreOffice Writer.

Word habits kept on purpose: rows may break across pages (a tall indicator row continues on the
next page), vertically merged 一级/二级 cells run over the break, the header row is not repeated,
row heights are left to the word processor. Title and notes are paragraphs outside the table.
A bundle sample puts report prose first and each form on its own page as an attachment.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from samples.grid import Grid, build_grid
from samples.model import Sample
from samples.paging import page_size

OUTSIDE = ("title", "sign", "note")


def write(sample: Sample, out_dir: Path) -> Path:
    lay = sample.layout
    doc = Document()
    _page(doc, lay.landscape)
    _style(doc, lay.font, lay.size)
    for i, text in enumerate(sample.prose_before):
        p = doc.add_paragraph()
        if i == 0:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _run(p, text, lay.font, lay.size + 7, bold=True)
        elif text.startswith(("一、", "二、", "三、", "四、", "五、", "六、")):
            _run(p, text, lay.font, lay.size + 1.5, bold=True)
        else:
            p.paragraph_format.first_line_indent = Pt((lay.size + 1.5) * 2)
            _run(p, text, lay.font, lay.size + 1.5)
    for n, form in enumerate(sample.forms):
        if sample.prose_before or n:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        if sample.prose_before:
            _run(doc.add_paragraph(), f"附件{n + 1}", lay.font, lay.size + 2, bold=True)
        _form(doc, build_grid(form), lay)
    path = out_dir / f"{sample.stem}.docx"
    doc.core_properties.author = "财务科"
    doc.save(path)
    return path


def _page(doc, landscape: bool) -> None:
    sec = doc.sections[0]
    w, h = page_size(landscape)
    sec.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Pt(w), Pt(h)
    sec.left_margin = sec.right_margin = Cm(1.8)
    sec.top_margin = sec.bottom_margin = Cm(2.0)


def _style(doc, font: str, size: float) -> None:
    st = doc.styles["Normal"]
    st.font.name = font
    st.font.size = Pt(size)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), font)
    st.paragraph_format.space_after = Pt(0)
    st.paragraph_format.space_before = Pt(0)


def _run(paragraph, text: str, font: str, size: float, bold: bool = False):
    run = paragraph.add_run(text)
    run.font.name = font
    run.font.size = Pt(size)
    run.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return run


def _form(doc, g: Grid, lay) -> None:
    size = lay.size
    for c in g.cells:
        if g.kinds[c.row] == "title":
            p = doc.add_paragraph()
            p.alignment = (
                WD_ALIGN_PARAGRAPH.LEFT if c.align == "left" else WD_ALIGN_PARAGRAPH.CENTER
            )
            _run(p, c.text or "", lay.font, size * c.scale, bold=c.bold)
    rows = [r for r in range(g.n_rows) if g.kinds[r] not in OUTSIDE]
    index = {r: i for i, r in enumerate(rows)}
    table = doc.add_table(rows=len(rows), cols=len(g.cols))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    page_w = page_size(lay.landscape)[0] - 2 * Cm(1.8).pt
    unit = page_w / sum(g.cols)
    for i, em in enumerate(g.cols):
        table.columns[i].width = Pt(em * unit)
        for cell in table.columns[i].cells:
            cell.width = Pt(em * unit)
    for c in g.cells:
        if c.row not in index:
            continue
        r0 = index[c.row]
        r1 = index[c.row + c.rowspan - 1]
        cell = table.cell(r0, c.col)
        if c.rowspan > 1 or c.colspan > 1:
            cell = cell.merge(table.cell(r1, c.col + c.colspan - 1))
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paras = (c.text or "").split("\n")
        first = cell.paragraphs[0]
        for k, para in enumerate(paras):
            p = first if k == 0 else cell.add_paragraph()
            p.alignment = (
                WD_ALIGN_PARAGRAPH.LEFT if c.align == "left" else WD_ALIGN_PARAGRAPH.CENTER
            )
            if para:
                _run(p, para, lay.font, size * c.scale, bold=c.bold)
    for c in g.cells:
        if g.kinds[c.row] in ("sign", "note"):
            p = doc.add_paragraph()
            _run(p, c.text or "", lay.font, size * c.scale)
