"""Office variants of the validation forms: a python-docx Word table and an openpyxl sheet,
converted to PDF by LibreOffice Writer and Calc (the classes of seed_word / real016_docx and
seed_form / real019_xlsx).

The cells and merges are the HTML variant's (``samples.variants.page``), read back from its
table, so the three routes print the same grid; the golden is the source golden.

    python -m samples.variants_office OUT_DIR [--count N] [--seed S] [--small]

appends Writer and Calc variants to ``OUT_DIR/manifest.json`` and prints the score table.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import asdict, dataclass, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from samples.lo import to_pdf
from samples.variants import SOURCES, VALIDATION, Style, compact, draw_style, page, report

Record = dict[str, Any]


@dataclass
class Box:
    """One cell of the grid: its place, spans, text and alignment."""

    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    left: bool


class _Grid(HTMLParser):
    """The cells of the HTML variant's tables, placed on one grid as a browser places them."""

    def __init__(self) -> None:
        super().__init__()
        self.boxes: list[Box] = []
        self.taken: set[tuple[int, int]] = set()
        self.row = -1
        self.col = 0
        self.cell: Box | None = None
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("h1", "h2"):
            self.in_title = True
            self.title.append("")
        elif tag == "tr":
            self.row += 1
            self.col = 0
        elif tag == "td":
            while (self.row, self.col) in self.taken:
                self.col += 1
            rs, cs = int(a.get("rowspan") or 1), int(a.get("colspan") or 1)
            self.cell = Box(self.row, self.col, rs, cs, "", a.get("class") == "l")
            for r in range(self.row, self.row + rs):
                for c in range(self.col, self.col + cs):
                    self.taken.add((r, c))
            self.col += cs
        elif tag == "br" and self.cell is not None:
            self.cell.text += "\n"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2"):
            self.in_title = False
        elif tag == "td" and self.cell is not None:
            self.boxes.append(self.cell)
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.text += data
        elif self.in_title:
            self.title[-1] += data


def grid(form: Record, style: Style) -> tuple[list[str], list[Box], int]:
    """Title lines, cells and column count of the form printed as one table."""
    one = replace(style, split_tables=False, repeat_head=False, spacing_px=0)
    parser = _Grid()
    parser.feed(page(form, one))
    ncols = max(b.col + b.colspan for b in parser.boxes)
    return parser.title, parser.boxes, ncols


def _widths(style: Style, ncols: int, total: float) -> list[float]:
    raw = style.widths[-ncols:]
    return [total * w / sum(raw) for w in raw]


def write_docx(form: Record, style: Style, out: Path) -> None:
    """The form as a Word table (vertically merged labels), as python-docx writes it."""
    title, boxes, ncols = grid(form, style)
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = style.font
    normal.font.size = Pt(style.size_pt)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), style.font)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if style.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(style.margin_mm))
    for line in title:
        p = doc.add_paragraph(line)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    nrows = max(b.row + b.rowspan for b in boxes)
    table = doc.add_table(rows=nrows, cols=ncols)
    table.style = "Table Grid"
    table.autofit = False
    usable = (297 if style.landscape else 210) - 2 * style.margin_mm
    for c, w in enumerate(_widths(style, ncols, usable)):
        for r in range(nrows):
            table.cell(r, c).width = Mm(w)
    for b in boxes:
        cell = table.cell(b.row, b.col)
        if b.rowspan > 1 or b.colspan > 1:
            cell = cell.merge(table.cell(b.row + b.rowspan - 1, b.col + b.colspan - 1))
        cell.text = b.text
        cell.vertical_alignment = (
            WD_CELL_VERTICAL_ALIGNMENT.TOP
            if style.valign_top
            else WD_CELL_VERTICAL_ALIGNMENT.CENTER
        )
        for p in cell.paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT if b.left else WD_ALIGN_PARAGRAPH.CENTER
    doc.save(str(out))


def write_xlsx(form: Record, style: Style, out: Path) -> None:
    """The form as a sheet with merged cells, wrapped text and thin borders everywhere."""
    title, boxes, ncols = grid(form, style)
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    font = Font(name=style.font, size=style.size_pt)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for n, line in enumerate(title, start=1):
        ws.cell(n, 1, line).font = Font(name=style.font, size=style.size_pt + (4 if n == 1 else 0))
        ws.cell(n, 1).alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=n, start_column=1, end_row=n, end_column=ncols)
    top = len(title) + 1
    for b in boxes:
        for r in range(b.row, b.row + b.rowspan):
            for c in range(b.col, b.col + b.colspan):
                ws.cell(top + r, 1 + c).border = border
        cell = ws.cell(top + b.row, 1 + b.col, b.text or None)
        cell.font = font
        cell.alignment = Alignment(
            horizontal="left" if b.left else "center",
            vertical="top" if style.valign_top else "center",
            wrap_text=True,
        )
        if b.rowspan > 1 or b.colspan > 1:
            ws.merge_cells(
                start_row=top + b.row,
                start_column=1 + b.col,
                end_row=top + b.row + b.rowspan - 1,
                end_column=b.col + b.colspan,
            )
    chars = 170 if style.landscape else 120  # the sheet's width in characters; fitted to A4
    widths = _widths(style, ncols, chars)
    for c, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    for r, height in enumerate(_heights(boxes, widths, style.size_pt)):
        ws.row_dimensions[top + r].height = height
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if style.landscape else "portrait"
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    wb.save(str(out))


CHAR_PT = 5.6  # points per unit of a sheet column's width (the default font's digit)
LINE = 1.35  # line height in font sizes


def _lines(text: str, width_pt: float, size: float) -> int:
    """Lines a wrapped cell needs: CJK glyphs one em wide, others half an em."""
    lines = 0
    for para in text.split("\n"):
        ems = sum(1.0 if ord(ch) > 0x2E7F else 0.55 for ch in para)
        lines += max(1, -int(-(ems * size * 1.1) // max(width_pt - 6, size)))
    return lines


def _heights(boxes: list[Box], widths: list[float], size: float) -> list[float]:
    """Row heights (pt) that let every cell show all its text: Calc's optimal height leaves
    merged cells out, so a form's author sets them; a merged cell's lack goes to its last row."""
    nrows = max(b.row + b.rowspan for b in boxes)
    heights = [size * LINE + 4] * nrows
    for b in sorted(boxes, key=lambda b: b.rowspan):
        width = sum(widths[b.col : b.col + b.colspan]) * CHAR_PT
        need = _lines(b.text, width, size) * size * LINE + 4
        have = sum(heights[b.row : b.row + b.rowspan])
        if need > have:
            heights[b.row + b.rowspan - 1] += need - have
    return heights


def make(out_dir: Path, count: int, seed: int, small: bool = False) -> dict[str, Record]:
    """Write ``count`` Writer and ``count`` Calc variants and add them to the manifest."""
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    work = out_dir / "office-src"
    work.mkdir(exist_ok=True)
    path = out_dir / "manifest.json"
    manifest: dict[str, Record] = json.loads(path.read_text("utf-8")) if path.exists() else {}
    sources: list[Path] = []
    for n in range(count):
        source = SOURCES[n % len(SOURCES)]
        form = json.loads((VALIDATION / f"{source}.golden.json").read_text(encoding="utf-8"))
        entry: Record = {"source": f"{source}.golden.json"}
        if small:
            form = compact(form)
            golden = out_dir / f"compact-{source}.golden.json"
            golden.write_text(json.dumps(form, ensure_ascii=False, indent=1) + "\n", "utf-8")
            entry["golden"] = golden.name
        for family, write in (("docx", write_docx), ("xlsx", write_xlsx)):
            style = draw_style(rng)
            name = f"{family}-{source}-{n:02d}"
            write(form, style, work / f"{name}.{family}")
            sources.append(work / f"{name}.{family}")
            manifest[name] = {**entry, "family": family, **asdict(style)}
    for pdf in to_pdf(sources, out_dir):
        pdf.touch()
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=12)
    parser.add_argument("--seed", type=int, default=2027)
    parser.add_argument("--small", action="store_true")
    args = parser.parse_args()
    make(args.out, args.count, args.seed, args.small)
    print(report(args.out))


if __name__ == "__main__":
    main()
