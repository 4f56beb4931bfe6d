"""Write the sample originals: ``python -m samples.originals``.

The xlsx and docx routes already build a workbook or document on their way to PDF; this keeps
them (no LibreOffice needed) in ``samples/originals/`` as inputs whose golden is the same record
as the PDF's (``golden/<stem>.json``: the stem is the file name up to the first dot). HTML-route
samples become HTML pages built from the same cell grid. Variants add what real originals do:

- ``.numbers.xlsx``: amounts, rates and scores stored as numbers with number formats
  (0.7633 with ``0.00%``, 492 with ``0.000000``);
- ``.hidden.xlsx``: a hidden helper column inside the grid and a hidden helper row;
- ``.sheets.xlsx``: a bundle of three forms, one per sheet;
- ``.spaced.docx`` / ``.spaced.xlsx``: header labels typed with spaces inside (项 目 名 称);
- ``.xls`` (Excel 97-2003, written with xlwt when it is installed), one with numbers under
  number formats and a hidden helper column (``.numbers.xls``), one with three sheets;
- ``.ods``: OpenDocument spreadsheets with float values beside their displayed text;
- ``.wps.xlsx``: number formats as WPS writes them (``0_ ``, ``0.00_);[Red]\\(0.00\\)``);
- ``.flat.html``: the html route's flat tables as a web system serves them, in site chrome;
- ``.gbk.html``: a GBK page with site navigation and footer around the form's tables;
- ``.html.xls``: an HTML table saved with an .xls name, as many reporting systems export;
- ``.mhtml``: the page saved as a single-file web archive.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from samples.grid import Grid, build_grid
from samples.model import Sample
from samples.specs import ROOT, samples

OUT = ROOT / "samples" / "originals"
OUTSIDE = ("title", "sign", "note")
SPACED = (
    "项目名称",
    "主管部门",
    "实施单位",
    "项目负责人",
    "联系电话",
    "年度总体目标",
    "预期目标",
    "实际完成情况",
    "一级指标",
    "二级指标",
    "三级指标",
)
NUMBER = re.compile(r"^-?(?:0|[1-9]\d*)(?:\.(\d+))?$")
PERCENT = re.compile(r"^-?(?:0|[1-9]\d*)(?:\.(\d+))?%$")


# -- xlsx ---------------------------------------------------------------------------------------
def write_xlsx(sample: Sample, path: Path) -> Path:
    """The route's workbook without its manual page breaks: the route cuts merged label cells
    at each break (LibreOffice prints them so), which a workbook typed by hand does not do."""
    from unittest import mock

    from samples.routes import xlsx

    with tempfile.TemporaryDirectory() as tmp, mock.patch.object(xlsx, "breaks", lambda *a: []):
        made = xlsx.write(sample, Path(tmp))
        shutil.copyfile(made, path)
    return path


def _text_cells(wb) -> Iterator[tuple[Any, str]]:
    """Every cell of every sheet that holds text, with its text."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    yield cell, cell.value


def _as_percent(cell: Any, text: str) -> bool:
    """A printed percentage (76.33%) stored as its fraction with the format printing it."""
    m = PERCENT.match(text)
    if not m:
        return False
    places = len(m.group(1) or "")
    cell.value = float(text[:-1]) / 100
    cell.number_format = "0" + ("." + "0" * places if places else "") + "%"
    return True


def numbers_variant(path: Path) -> None:
    """Printed numbers stored as numbers with the number format that prints them so."""
    wb = load_workbook(path)
    for cell, text in _text_cells(wb):
        if _as_percent(cell, text):
            continue
        if (m := NUMBER.match(text)) and len(text) < 12:
            places = len(m.group(1) or "")
            value = float(text) if places else int(text)
            cell.value = value
            cell.number_format = "0." + "0" * places if places else "General"
    wb.properties.creator = "财务科"
    wb.save(path)


def wps_variant(path: Path) -> None:
    """Numbers as WPS Spreadsheets stores them: formats with padding (``0_ ``) and red
    negatives in brackets (``0.00_);[Red]\\(0.00\\)``), and WPS named as the application.
    (Written here, not saved by WPS itself: it imitates what WPS files are seen to hold.)"""
    wb = load_workbook(path)
    for cell, text in _text_cells(wb):
        if _as_percent(cell, text):
            continue
        if (m := NUMBER.match(text)) and len(text) < 9:
            places = len(m.group(1) or "")
            if places:
                cell.value = float(text)
                zeros = "0" * places
                cell.number_format = f"0.{zeros}_);[Red]\\(0.{zeros}\\)"
            else:
                cell.value = int(text)
                cell.number_format = "0_ "
    wb.save(path)
    _set_application(path, "WPS 表格")


def _set_application(path: Path, name: str) -> None:
    import zipfile

    with zipfile.ZipFile(path) as zf:
        entries = [(info.filename, zf.read(info.filename)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for entry, data in entries:
            if entry == "docProps/app.xml":
                data = re.sub(
                    rb"<Application>[^<]*</Application>",
                    f"<Application>{name}</Application>".encode(),
                    data,
                )
            zf.writestr(entry, data)


def hidden_variant(path: Path) -> None:
    """A hidden helper column in the middle of each sheet and a hidden helper row."""
    wb = load_workbook(path)
    for ws in wb.worksheets:
        at = 4  # before column D
        merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
        for m in list(ws.merged_cells.ranges):
            ws.unmerge_cells(str(m))
        widths = {
            i: ws.column_dimensions[get_column_letter(i)].width for i in range(1, ws.max_column + 1)
        }
        ws.insert_cols(at)
        for i, w in widths.items():
            ws.column_dimensions[get_column_letter(i + (i >= at))].width = w
        for r in range(1, ws.max_row + 1):
            ws.cell(row=r, column=at, value=f"辅助{r}")
        for r0, c0, r1, c1 in merges:
            c0 += c0 >= at
            c1 += c1 >= at
            ws.merge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)
        ws.column_dimensions[get_column_letter(at)].hidden = True
        last = ws.max_row + 1
        ws.cell(row=last, column=2, value="校验行")
        ws.cell(row=last, column=5, value="999")
        ws.row_dimensions[last].hidden = True
    wb.save(path)


def spaced_xlsx(path: Path) -> None:
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value in SPACED:
                    cell.value = " ".join(cell.value)
    wb.save(path)


# -- docx ---------------------------------------------------------------------------------------
def write_docx(sample: Sample, path: Path) -> Path:
    from samples.routes import docx

    with tempfile.TemporaryDirectory() as tmp:
        made = docx.write(sample, Path(tmp))
        shutil.copyfile(made, path)
    return path


def spaced_docx(path: Path) -> None:
    from docx import Document

    doc = Document(str(path))
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    if p.text in SPACED and p.runs:
                        p.runs[0].text = " ".join(p.text)
                        for run in p.runs[1:]:
                            run.text = ""
    doc.save(str(path))


# -- html ---------------------------------------------------------------------------------------
def html_tables(sample: Sample) -> str:
    """The forms as HTML: title lines as headings, the ruled rows as one table with merges."""
    parts = []
    for form in sample.forms:
        parts.append(_html_form(build_grid(form)))
    return "\n".join(parts)


def _html_form(g: Grid) -> str:
    out = []
    inside = [r for r in range(g.n_rows) if g.kinds[r] not in OUTSIDE]
    first, last = inside[0], inside[-1]
    by_row: dict[int, list] = {}
    for c in g.cells:
        by_row.setdefault(c.row, []).append(c)
    for r in range(first):
        for c in by_row.get(r, []):
            tag = "h2" if c.bold else "p"
            out.append(f'<{tag} align="center">{_esc(c.text)}</{tag}>')
    out.append('<table border="1" cellspacing="0" cellpadding="2" class="form">')
    widths = "".join(f'<col width="{round(w * 12)}">' for w in g.cols)
    out.append(f"<colgroup>{widths}</colgroup>")
    for r in range(first, last + 1):
        cells = []
        for c in sorted(by_row.get(r, []), key=lambda c: c.col):
            span = ""
            if c.rowspan > 1:
                span += f' rowspan="{c.rowspan}"'
            if c.colspan > 1:
                span += f' colspan="{c.colspan}"'
            cells.append(f"<td{span}>{_esc(c.text)}</td>")
        out.append("  <tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    for r in range(last + 1, g.n_rows):
        for c in by_row.get(r, []):
            out.append(f"<p>{_esc(c.text)}</p>")
    return "\n".join(out)


def flat_html(sample: Sample) -> str:
    """The forms as a web reporting system prints them (the html route's tables, as HTML):
    separate tables for header, funds, goals and the grid, 一级/二级 labels on every row
    instead of merged cells, the total row spanning the label columns."""
    from samples.grid import BLOCK_LABELS, DEFAULT_FUND_KEYS, FUND_HEADS, FUND_KEYS, IND_HEADS

    def row(cells: list[str | tuple[str, int]], tag: str = "td") -> str:
        out = []
        for cell in cells:
            text, span = cell if isinstance(cell, tuple) else (cell, 1)
            attr = f' colspan="{span}"' if span > 1 else ""
            out.append(f"<{tag}{attr}>{_esc(text)}</{tag}>")
        return "  <tr>" + "".join(out) + "</tr>"

    def table(rows: list[str], cls: str) -> str:
        return (
            f'<table class="{cls}" border="1" cellspacing="0">\n' + "\n".join(rows) + "\n</table>"
        )

    parts = []
    for form in sample.forms:
        fam = form.family
        parts.append(f'<div class="title"><h3>{_esc(form.title)}</h3></div>')
        parts.append(f'<div class="year">（{form.year}年度）</div>')
        if fam == "DEPT":
            head = [row(["部门", (form.department or "", 3)])]
        else:
            head = [row(["项目名称", (form.project_name or "", 3)])]
            head.append(
                row(["主管部门", form.department or "", "实施单位", form.implementer or ""])
            )
            if fam != "C":
                head.append(row(["项目负责人", form.managers or "", "联系电话", form.phone or ""]))
        parts.append(table(head, "head"))
        funds_label, _, goals_heads, grid_label = BLOCK_LABELS[fam]
        keys = FUND_KEYS.get(fam, DEFAULT_FUND_KEYS)
        heads = list(FUND_HEADS[fam])
        heads[0] = heads[0] or funds_label
        funds = [row(heads, "th")]
        funds += [row([getattr(f, k) or "" for k in keys]) for f in form.funds]
        parts.append(table(funds, "funds"))
        goals = [
            row(list(goals_heads), "th"),
            row([form.goals_expected or "", form.goals_actual or ""]),
        ]
        parts.append(table(goals, "goals"))
        parts.append(f"<p>{_esc(grid_label)}</p>")
        heads = IND_HEADS.get(fam, IND_HEADS["A"])
        split = fam in ("A-YN", "C")
        grid = [row(heads, "th")]
        for r in form.rows:
            labels = [r.level1, r.level2, r.level3]
            if fam == "B":
                vals = [*labels, r.weight, r.target, r.actual, r.score, r.deviation]
            else:
                target = (r.parts or ("", r.target or "", "")) if split else (r.target,)
                vals = [*labels, *target, r.actual, r.weight, r.score, r.deviation]
            grid.append(row([v or "" for v in vals]))
        label = "合计" if fam == "C" else "总分"
        if fam == "B":
            grid.append(
                row([(label, 3), form.total_weight or "", ("", 2), form.total_score or "", ""])
            )
        else:
            grid.append(
                row([(label, len(heads) - 4), form.total_weight or "", form.total_score or "", ""])
            )
        if form.grade is not None:
            span = len(heads) - 4 if fam != "B" else 3
            grid.append(row([("自评等级", span), (form.grade, 4 if fam != "B" else 5)]))
        parts.append(table(grid, "grid"))
        for foot_label, text in form.footer:
            parts.append(table([row([foot_label, text])], "footer"))
        if form.footnote:
            parts.append(f'<p class="note">{_esc(form.footnote)}</p>')
    return "\n".join(parts)


def _esc(text: str | None) -> str:
    if not text:
        return "&nbsp;"
    return "<br>".join(html.escape(line) for line in text.split("\n"))


def page(body: str, charset: str = "utf-8", chrome: bool = False) -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    if not chrome:
        return f"<!DOCTYPE html>\n<html><head>{meta}<title>绩效自评表</title></head>\n<body>\n{body}\n</body></html>\n"
    nav = (
        '<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>'
        '<li><a href="/czyjs">财政预决算</a></li><li><a href="/jxgl">绩效管理</a></li></ul></div>'
    )
    crumbs = '<div class="crumbs">当前位置：<a href="/">首页</a> &gt; 政务公开 &gt; 绩效自评</div>'
    side = '<ul class="side"><li>通知公告</li><li>政策文件</li><li>自评结果公开</li></ul>'
    footer = (
        '<div class="footer"><p>主办单位：某某县财政局　联系电话：0000-1234567</p>'
        "<p>网站标识码：1234000000　ICP备案号：某ICP备00000000号</p></div>"
    )
    return (
        "<!DOCTYPE html>\n<html><head>"
        + meta
        + "<title>2021年度项目支出绩效自评结果公开</title>"
        + "<style>.form td{border:1px solid #000}</style>"
        + "<script>var _hmt = _hmt || [];</script></head>\n<body>\n"
        + nav
        + crumbs
        + '\n<table width="1000" class="layout"><tr><td width="180">'
        + side
        + '</td><td class="content">\n'
        + '<div class="info">发布时间：2022-05-20　来源：本站　浏览次数：<span>128</span></div>\n'
        + body
        + "\n</td></tr></table>\n"
        + footer
        + "\n</body></html>\n"
    )


def excel_html(body: str) -> str:
    """An HTML table as reporting systems export it with an .xls name."""
    return (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">\n'
        '<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        '<meta name="ProgId" content="Excel.Sheet"></head>\n<body>\n' + body + "\n</body></html>\n"
    )


def mhtml(text: str) -> bytes:
    """The page as a single-file web archive (MIME multipart/related, quoted-printable)."""
    import quopri

    body = quopri.encodestring(text.encode("utf-8")).decode("ascii")
    boundary = "----=_NextPart_000_0000_01D8F0A0.12345670"
    return (
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: http://www.example.gov.cn/jxzp.html\r\n"
        "Subject: 绩效自评表\r\nDate: Fri, 20 May 2022 10:00:00 +0800\r\nMIME-Version: 1.0\r\n"
        f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n\r\n'
        f"--{boundary}\r\nContent-Type: text/html; charset=utf-8\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "Content-Location: http://www.example.gov.cn/jxzp.html\r\n\r\n"
        f"{body}\r\n\r\n--{boundary}--\r\n"
    ).encode()


# -- ods ----------------------------------------------------------------------------------------
ODS_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


def write_ods(sample: Sample, path: Path, hidden_at: int | None = 3) -> Path:
    """The forms as an OpenDocument spreadsheet, one sheet per form: printed numbers stored as
    float values beside their displayed text (as Calc saves them), a hidden helper column."""
    import zipfile

    sheets = []
    for i, form in enumerate(sample.forms):
        g = build_grid(form)
        name = f"自评表{i + 1}" if len(sample.forms) > 1 else "Sheet1"
        sheets.append(_ods_sheet(g, name, hidden_at))
    decl = " ".join(f'xmlns:{k}="{v}"' for k, v in ODS_NS.items())
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-content {decl} office:version="1.2"><office:body><office:spreadsheet>'
        + "".join(sheets)
        + "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    fixed = (2024, 1, 1, 0, 0, 0)
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            zipfile.ZipInfo("mimetype", fixed), "application/vnd.oasis.opendocument.spreadsheet"
        )
        for name, data in (("META-INF/manifest.xml", manifest), ("content.xml", content)):
            info = zipfile.ZipInfo(name, fixed)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return path


def _ods_sheet(g: Grid, name: str, hidden_at: int | None) -> str:
    starts = {(c.row, c.col): c for c in g.cells}
    covered = {
        (r, k)
        for c in g.cells
        for r in range(c.row, c.row + c.rowspan)
        for k in range(c.col, c.col + c.colspan)
        if (r, k) != (c.row, c.col)
    }
    cols = []
    for k in range(len(g.cols)):
        if k == hidden_at:
            cols.append('<table:table-column table:visibility="collapse"/>')
        cols.append("<table:table-column/>")
    rows = []
    for r in range(g.n_rows):
        cells = []
        for k in range(len(g.cols)):
            if k == hidden_at:
                inside = any(
                    c.col < k < c.col + c.colspan and c.row <= r < c.row + c.rowspan
                    for c in g.cells
                )
                cells.append(
                    "<table:covered-table-cell/>"
                    if inside
                    else f'<table:table-cell office:value-type="string"><text:p>辅助{r}</text:p></table:table-cell>'
                )
            c = starts.get((r, k))
            if c is None:
                tag = "covered-table-cell" if (r, k) in covered else "table-cell"
                cells.append(f"<table:{tag}/>")
                continue
            span = ""
            if c.rowspan > 1:
                span += f' table:number-rows-spanned="{c.rowspan}"'
            if c.colspan > 1:
                span += f' table:number-columns-spanned="{c.colspan}"'
            if hidden_at is not None and c.col < hidden_at < c.col + c.colspan:
                span = span.replace(
                    f'columns-spanned="{c.colspan}"', f'columns-spanned="{c.colspan + 1}"'
                )
            value = _ods_value(c.text)
            paras = "".join(
                f"<text:p>{html.escape(line, quote=False)}</text:p>"
                for line in (c.text or "").split("\n")
            )
            cells.append(
                f"<table:table-cell{span}{value}>{paras if c.text else ''}</table:table-cell>"
            )
        rows.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
    return f'<table:table table:name="{name}">' + "".join(cols) + "".join(rows) + "</table:table>"


def _ods_value(text: str | None) -> str:
    if not text:
        return ""
    if PERCENT.match(text):
        return f' office:value-type="percentage" office:value="{float(text[:-1]) / 100!r}"'
    if NUMBER.match(text) and len(text) < 12:
        return f' office:value-type="float" office:value="{text}"'
    return ' office:value-type="string"'


# -- xls ----------------------------------------------------------------------------------------
def write_xls(
    sample: Sample, path: Path, numbers: bool = False, hidden: int | None = None
) -> Path | None:
    """The forms as an Excel 97-2003 workbook, one sheet per form, with merges (and a hidden
    helper column before column ``hidden``, which the .xls reader cannot see). Needs ``xlwt`` (unmaintained, so not a dependency: ``pip install xlwt``);
    without it the committed file is kept. ``numbers`` stores printed numbers as numbers
    with their number format, which the .xls reader cannot see (it notes the cells)."""
    try:
        import xlwt
    except ImportError:
        return None
    book = xlwt.Workbook(encoding="utf-8")
    for i, form in enumerate(sample.forms):
        g = build_grid(form)
        ws = book.add_sheet(f"自评表{i + 1}" if len(sample.forms) > 1 else "Sheet1")
        shift = hidden if hidden is not None else len(g.cols) + 1
        for k, em in enumerate(g.cols):
            ws.col(k + (k >= shift)).width = int(em * 9 / 7 * 256)
        if hidden is not None:
            ws.col(hidden).hidden = True
            spanned = {
                c.row + k
                for c in g.cells
                if c.col < hidden < c.col + c.colspan
                for k in range(c.rowspan)
            }
            for r in range(g.n_rows):
                if r not in spanned:  # a merge across the hidden column covers it
                    ws.write(r, hidden, f"辅助{r}")
        for c in g.cells:
            c0 = c.col + (c.col >= shift)
            c1 = c.col + c.colspan - 1
            c1 += c1 >= shift
            r1 = c.row + c.rowspan - 1
            value, style = c.text or "", xlwt.XFStyle()
            if numbers and value and (m := NUMBER.match(value)) and len(value) < 12:
                places = len(m.group(1) or "")
                value = float(value) if places else int(value)
                style.num_format_str = "0." + "0" * places if places else "General"
            if r1 > c.row or c1 > c0:
                ws.write_merge(c.row, r1, c0, c1, value, style)
            else:
                ws.write(c.row, c0, value, style)
    book.save(str(path))
    return path


# -- reproducible files -------------------------------------------------------------------------
_W3CDTF = re.compile(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def stable(path: Path) -> None:
    """Rewrite an OOXML package with fixed dates, so writing the originals again changes no
    byte: entry times and the document's created/modified stamps."""
    import zipfile

    with zipfile.ZipFile(path) as zf:
        entries = [(info.filename, zf.read(info.filename)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = _W3CDTF.sub(r"\g<1>2024-01-01T00:00:00Z\g<2>", data.decode()).encode()
            info = zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)


# -- all ----------------------------------------------------------------------------------------
def write_all(out: Path = OUT) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    every = {s.stem: s for s in samples()}
    for s in every.values():
        route = s.layout.route
        if route == "xlsx":
            written.append(write_xlsx(s, out / f"{s.stem}.xlsx"))
        elif route == "docx":
            written.append(write_docx(s, out / f"{s.stem}.docx"))
        elif route == "html":
            target = out / f"{s.stem}.html"
            target.write_text(page(html_tables(s)), encoding="utf-8")
            written.append(target)
    # quirks
    for stem, fn in (
        ("2021-beijing-keji-xiezuo-zhongxin-xlsx.numbers", numbers_variant),
        ("2022-yunnan-changning-yingyang-gaishan-xlsx.numbers", numbers_variant),
        ("2023-sichuan-qingshen-gongzi-zhichu-xlsx.numbers", numbers_variant),
        ("2022-anhui-tianchang-shuihan-fangyu-xlsx.hidden", hidden_variant),
        ("2024-sichuan-meishan-nongcun-gonglu-xlsx.wps", wps_variant),
        ("2022-beijing-chaoyang-falv-fuwu-xlsx.wps", wps_variant),
        ("2023-anhui-jinzhai-meili-xiangcun-xlsx.spaced", spaced_xlsx),
    ):
        base = stem.split(".", 1)[0]
        target = write_xlsx(every[base], out / f"{stem}.xlsx")
        fn(target)
        written.append(target)
    bundle = every["2021-xianning-juesuan-bundle-docx"]
    written.append(write_xlsx(bundle, out / f"{bundle.stem}.sheets.xlsx"))
    spaced = write_docx(
        every["2022-beijing-chaoyang-falv-fuwu-docx"],
        out / "2022-beijing-chaoyang-falv-fuwu-docx.spaced.docx",
    )
    spaced_docx(spaced)
    written.append(spaced)
    for stem in (
        "2021-beijing-keji-xiezuo-zhongxin-xlsx",
        "2023-sichuan-qingshen-gongzi-zhichu-xlsx",
    ):
        written.append(write_ods(every[stem], out / f"{stem}.ods"))
    if made := write_xls(
        every["2022-beijing-chaoyang-falv-fuwu-xlsx"],
        out / "2022-beijing-chaoyang-falv-fuwu-xlsx.xls",
    ):
        written.append(made)
    if made := write_xls(bundle, out / f"{bundle.stem}.xls"):
        written.append(made)
    keji = every["2021-beijing-keji-xiezuo-zhongxin-xlsx"]
    if made := write_xls(keji, out / f"{keji.stem}.numbers.xls", numbers=True, hidden=3):
        written.append(made)
    for s in every.values():
        if s.layout.route == "html":
            target = out / f"{s.stem}.flat.html"
            target.write_text(page(flat_html(s), chrome=True), encoding="utf-8")
            written.append(target)
    gbk = every["2021-hubei-xianning-daqi-fangzhi-html"]
    target = out / f"{gbk.stem}.gbk.html"
    target.write_bytes(page(html_tables(gbk), "gbk", chrome=True).encode("gbk"))
    written.append(target)
    xls = every["2023-zhejiang-yuhang-lvhua-yanghu-html"]
    target = out / f"{xls.stem}.html.xls"
    target.write_text(excel_html(html_tables(xls)), encoding="utf-8")
    written.append(target)
    arch = every["2022-ningxia-yuanzhou-nongji-tuiguang-html"]
    target = out / f"{arch.stem}.mhtml"
    target.write_bytes(mhtml(page(html_tables(arch), chrome=True)))
    written.append(target)
    for path in written:
        if path.suffix in (".xlsx", ".docx"):
            stable(path)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.parse_args(argv)
    for path in write_all():
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
