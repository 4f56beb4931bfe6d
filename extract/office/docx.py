"""Word documents (.docx) with python-docx: tables by their grid, paragraphs as loose lines.

The body is read in order: a paragraph is a line (the title, （2021年度）, 项目名称：… above the
grid, signatures under it), a table is a grid whose cells span ``gridSpan`` columns and whose
``vMerge`` continuations extend the cell above. A table used only for layout (its cells hold
tables) is unwrapped: its paragraphs and inner tables are read in order in its place. The
whole document is one synthetic page; several forms follow one another by their titles.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from selfeval.extract.errors import ReadError
from selfeval.extract.office.canvas import Canvas, SourceCell

if TYPE_CHECKING:  # python-docx's elements are lxml elements
    from lxml.etree import _Element

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: Path) -> list[Canvas]:
    try:
        from docx import Document

        doc = Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ReadError(path, "damaged", f"the document cannot be opened: {exc}") from None
    except Exception as exc:  # python-docx raises its own types for a broken package
        raise ReadError(path, "damaged", f"the document cannot be opened: {exc}") from None
    canvas = Canvas(1)
    reader = _Reader(canvas)
    reader.body(doc.element.body)
    return [canvas]


class _Reader:
    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.tables = 0
        self.paragraphs = 0

    def body(self, element: _Element) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag == W + "p":
                self.paragraphs += 1
                self.canvas.line(_text(child), f"paragraph {self.paragraphs}")
            elif tag == W + "tbl":
                self.table(child)
            elif tag == W + "sdt":  # content controls wrap paragraphs and tables
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.body(content)

    def table(self, tbl: _Element) -> None:
        rows = tbl.findall(W + "tr")
        nested = any(tc.find(W + "tbl") is not None for tr in rows for tc in tr.findall(W + "tc"))
        if nested:  # a layout table: read what its cells hold, in order
            for tr in rows:
                for tc in tr.findall(W + "tc"):
                    self.body(tc)
            return
        self.tables += 1
        n = self.tables
        widths = [
            float(col.get(W + "w") or 0) / 20.0 for col in tbl.findall(f"{W}tblGrid/{W}gridCol")
        ]
        cells: list[SourceCell] = []
        open_cells: dict[int, SourceCell] = {}  # grid column -> the cell a vMerge continues
        for r, tr in enumerate(rows):
            col = _int(tr.find(f"{W}trPr/{W}gridBefore"), 0)
            for k, tc in enumerate(tr.findall(W + "tc")):
                props = tc.find(W + "tcPr")
                span = _int(props.find(W + "gridSpan") if props is not None else None, 1)
                vmerge = props.find(W + "vMerge") if props is not None else None
                if vmerge is not None and (vmerge.get(W + "val") or "continue") == "continue":
                    above = open_cells.get(col)
                    if above is not None and above.row + above.rowspan == r:
                        above.rowspan += 1
                        col += span
                        continue
                cell = SourceCell(
                    r, col, 1, span, _cell_text(tc), f"table {n} row {r + 1} col {k + 1}"
                )
                cells.append(cell)
                open_cells[col] = cell
                col += span
        self.canvas.table(cells, widths)


def _int(element: _Element | None, default: int) -> int:
    value = element.get(W + "val") if element is not None else None
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        return default


def _text(p: _Element) -> str:
    """A paragraph's text: runs, tabs and line breaks (w:br) as printed."""
    out = []
    for node in p.iter():
        tag = node.tag
        if tag == W + "t" and node.text:
            out.append(node.text)
        elif tag == W + "tab":
            out.append("\t")
        elif tag in (W + "br", W + "cr"):
            out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
    return "".join(out)


def _cell_text(tc: _Element) -> str | None:
    paras = [_text(p) for p in tc.iter(W + "p")]
    text = "\n".join(paras).strip("\n")
    return text or None
