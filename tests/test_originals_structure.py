"""Document structures the originals take in the wild, built from the sample originals: a Word
grid inside a layout table, header lines as paragraphs above the grid, several forms on one
web page, cell text in paragraphs with the source's own line breaks and indentation."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from docx import Document

import selfeval.extract as extract
from golden import golden_for
from samples.originals import html_tables, page
from samples.specs import samples
from tests.conftest import SAMPLES
from tests.goldens import diff_forms

ORIGINALS = SAMPLES / "originals"
KEJI_DOCX = ORIGINALS / "2021-beijing-keji-xiezuo-zhongxin-docx.docx"


def _sample(stem: str):
    return next(s for s in samples() if s.stem == stem)


def test_docx_grid_inside_a_layout_table(tmp_path: Path):
    doc = Document(str(KEJI_DOCX))
    grid = doc.tables[0]._tbl
    outer = doc.add_table(rows=1, cols=1)
    grid.addprevious(outer._tbl)  # the layout table where the grid was
    cell = outer.cell(0, 0)._tc
    cell.append(grid)  # the grid now lives inside it
    cell.append(cell[1].__class__(cell[1]))  # (a cell must end with a paragraph)
    path = tmp_path / "nested.docx"
    doc.save(str(path))
    assert len(Document(str(path)).tables) == 1  # python-docx sees only the layout table
    forms = extract.read(path)
    assert diff_forms([f.to_dict() for f in forms], golden_for(KEJI_DOCX)) == []


def test_docx_header_fields_as_paragraphs_above_the_grid(tmp_path: Path):
    """项目名称：… lines typed above the table instead of header rows inside it."""
    src = ORIGINALS / "2022-beijing-chaoyang-falv-fuwu-docx.docx"
    (want,) = golden_for(src)
    doc = Document(str(src))
    table = doc.tables[0]
    labels = ("项目名称", "主管部门", "项目负责人")
    for row in list(table.rows):
        if row.cells[0].text in labels:
            row._tr.getparent().remove(row._tr)
    lines = [
        f"项目名称：{want['project_name']}",
        f"主管部门：{want['department']}",
        f"实施单位：{want['implementer']}",
        f"项目负责人：{want['managers']}",
        f"联系电话：{want['phone']}",
    ]
    for text in lines:
        table._tbl.addprevious(doc.add_paragraph(text)._p)
    path = tmp_path / "paragraphs.docx"
    doc.save(str(path))
    assert not any(c.text in labels for r in Document(str(path)).tables[0].rows for c in r.cells)
    (form,) = extract.read(path)
    assert diff_forms([form.to_dict()], [want]) == []
    assert form.project_name.ref and form.project_name.ref.startswith("paragraph ")


def test_several_forms_on_one_web_page(tmp_path: Path):
    stems = ["2021-hubei-xianning-daqi-fangzhi-html", "2023-sichuan-guangan-xiangcun-jiaoshi-html"]
    body = "\n<hr>\n".join(html_tables(_sample(s)) for s in stems)
    path = tmp_path / "two.htm"
    path.write_text(page(body, chrome=True), encoding="utf-8")
    forms = extract.read(path)
    want = [f for s in stems for f in golden_for(Path(f"{s}.html"))]
    assert diff_forms([f.to_dict() for f in forms], want) == []
    assert [f.source["index"] for f in forms] == [0, 1]


def test_cell_paragraphs_and_source_whitespace(tmp_path: Path):
    """Cells written as <p> paragraphs over indented source lines: each paragraph is a line of
    the cell's text, the source's own newlines and indentation are not."""
    src = ORIGINALS / "2021-beijing-keji-xiezuo-zhongxin-html.html"
    text = src.read_text(encoding="utf-8")

    def paragraphs(m: re.Match) -> str:
        inner = m.group(2).replace("<br>", "</p>\n      <p>")
        return f"<td{m.group(1)}>\n      <p>{inner}</p>\n    </td>"

    changed = re.sub(r"<td([^>]*)>(.*?)</td>", paragraphs, text, flags=re.S)
    assert changed.count("<p>") > 100
    path = tmp_path / "paragraphs.html"
    path.write_text(changed, encoding="utf-8")
    forms = extract.read(path)
    assert diff_forms([f.to_dict() for f in forms], golden_for(src)) == []


def test_folder_walk_reads_the_originals(tmp_path: Path):
    from selfeval.inputs import find_inputs

    for name in (
        "2021-beijing-keji-xiezuo-zhongxin-xlsx.xlsx",
        "2021-beijing-keji-xiezuo-zhongxin-docx.docx",
        "2021-beijing-keji-xiezuo-zhongxin-html.html",
        "2021-beijing-keji-xiezuo-zhongxin-xlsx.ods",
        "2022-ningxia-yuanzhou-nongji-tuiguang-html.mhtml",
        "2023-zhejiang-yuhang-lvhua-yanghu-html.html.xls",
    ):
        shutil.copy(ORIGINALS / name, tmp_path / name)
    (tmp_path / "page.htm").write_text("<table></table>", encoding="utf-8")
    (tmp_path / "notes.md").write_text("#", encoding="utf-8")
    found = sorted(p.path.name for p in find_inputs([tmp_path]))
    assert "notes.md" not in found and len(found) == 7


def test_workbook_without_any_borders(tmp_path: Path):
    """A sheet typed without ruling: rows with two or more filled cells (or crossed by a
    merge) make the grid, single-cell rows around it are lines (title, year, signatures)."""
    from openpyxl import load_workbook
    from openpyxl.styles import Border

    src = ORIGINALS / "2022-beijing-chaoyang-falv-fuwu-xlsx.xlsx"
    wb = load_workbook(src)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                cell.border = Border()
    path = tmp_path / "unruled.xlsx"
    wb.save(path)
    forms = extract.read(path)
    assert diff_forms([f.to_dict() for f in forms], golden_for(src)) == []


def test_legacy_doc_is_converted_with_libreoffice(tmp_path: Path, monkeypatch):
    """The conversion's plumbing, with a stand-in soffice that 'converts' by copying the .docx
    the legacy file was saved from: the command line, the private output folder, the read."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "soffice"
    fake.write_text(
        "#!/bin/sh\n"
        "# args: -env:... --headless --norestore --convert-to docx --outdir DIR FILE\n"
        'while [ "$1" != "--outdir" ]; do shift; done\n'
        'out="$2"; src="$3"; name=$(basename "$src"); stem="${name%.*}"\n'
        f'cp "{KEJI_DOCX}" "$out/$stem.docx"\n',
        encoding="utf-8",
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    legacy = tmp_path / "附件1.doc"
    legacy.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "WordDocument".encode("utf-16-le")
    )
    forms = extract.read(legacy)
    assert diff_forms([f.to_dict() for f in forms], golden_for(KEJI_DOCX)) == []
    assert forms[0].source["converted"] == "LibreOffice -> docx"
    assert forms[0].source["file"] == str(legacy)


def test_spaces_typed_around_cell_text_do_not_print(tmp_path: Path):
    from openpyxl import load_workbook

    src = ORIGINALS / "2022-beijing-chaoyang-falv-fuwu-xlsx.xlsx"
    wb = load_workbook(src)
    for row in wb.active.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.value = "  " + cell.value.replace("\n", " \n ") + " \n"
    path = tmp_path / "padded.xlsx"
    wb.save(path)
    forms = extract.read(path)
    assert diff_forms([f.to_dict() for f in forms], golden_for(src)) == []


def test_several_forms_on_one_sheet(tmp_path: Path):
    """The three forms of the bundle stacked on one sheet, two blank rows apart."""
    from copy import copy

    from openpyxl import load_workbook

    src = ORIGINALS / "2021-xianning-juesuan-bundle-docx.sheets.xlsx"
    wb = load_workbook(src)
    first, *others = wb.worksheets
    offset = first.max_row + 2
    for ws in others:
        for row in ws.iter_rows():
            for cell in row:
                if cell.__class__.__name__ == "MergedCell":
                    continue
                target = first.cell(row=cell.row + offset, column=cell.column, value=cell.value)
                target.border = copy(cell.border)
                target.number_format = cell.number_format
        for m in ws.merged_cells.ranges:
            first.merge_cells(
                start_row=m.min_row + offset,
                start_column=m.min_col,
                end_row=m.max_row + offset,
                end_column=m.max_col,
            )
        offset += ws.max_row + 2
        wb.remove(ws)
    path = tmp_path / "one-sheet.xlsx"
    wb.save(path)
    assert len(load_workbook(path).worksheets) == 1
    forms = extract.read(path)
    assert diff_forms([f.to_dict() for f in forms], golden_for(src)) == []
    assert [f.source["sheets"] for f in forms] == [["自评表1"]] * 3


def test_mhtml_archive_in_gb2312_base64(tmp_path: Path):
    """A web archive whose HTML part is GB2312 text in base64, charset declared on the part
    only (not in the page): the part's header decides."""
    import base64

    stem = "2021-hubei-xianning-daqi-fangzhi-html"
    html = page(html_tables(_sample(stem))).replace("charset=utf-8", "")
    body = base64.encodebytes(html.encode("gb18030")).decode("ascii")
    boundary = "----=_NextPart_01D8"
    archive = (
        "MIME-Version: 1.0\r\n"
        f'Content-Type: multipart/related; boundary="{boundary}"; type="text/html"\r\n\r\n'
        f'--{boundary}\r\nContent-Type: text/html; charset="gb2312"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n"
        f"{body}\r\n--{boundary}--\r\n"
    )
    path = tmp_path / "page.mht"
    path.write_bytes(archive.encode("ascii"))
    (form,) = extract.read(path)
    assert form.source["reader"] == "mhtml" and form.source["charset"] == "gb18030"
    assert diff_forms([form.to_dict()], golden_for(Path(f"{stem}.html"))) == []
