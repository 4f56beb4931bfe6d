"""Route c: a pure-Python PDF that draws the grid itself (ReportLab), like report engines do.

Borders are thin filled rectangles, not stroked lines; the CJK font is embedded as a subset with
a ToUnicode map; every character is placed on its own; short labels are letter-spaced across
their cell ("项 目 名 称" without space characters). Rows that do not fit continue on the next
page; merged labels are reprinted there only when the layout says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from samples.grid import Cell, Grid, build_grid
from samples.model import Sample
from samples.paging import page_size

FONTS = {  # family name -> (file, index in the collection)
    "AR PL UMing CN": ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    "AR PL UKai CN": ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
    "WenQuanYi Zen Hei": ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    "WenQuanYi Micro Hei": ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
}
MARGIN = 40.0
RULE = 0.5
PAD = 2.5


def font(name: str) -> str:
    key = name.replace(" ", "")
    if key not in pdfmetrics.getRegisteredFontNames():
        path, index = FONTS[name]
        pdfmetrics.registerFont(TTFont(key, path, subfontIndex=index))
    return key


@dataclass
class Piece:
    """Part of a grid row placed on one page: lines [first, last) of each of its cells."""

    page: int
    row: int
    top: float
    height: float
    first: int
    last: int | None  # None: all remaining lines


class Drawer:
    def __init__(self, canvas: Canvas, grid: Grid, face: str, size: float, landscape: bool):
        self.c, self.g, self.face, self.size = canvas, grid, face, size
        self.pw, self.ph = page_size(landscape)
        self.unit = (self.pw - 2 * MARGIN) / sum(grid.cols)
        self.lead = size * 1.3
        self.x = [MARGIN]
        for em in grid.cols:
            self.x.append(self.x[-1] + em * self.unit)

    def width(self, s: str, size: float) -> float:
        return pdfmetrics.stringWidth(s, self.face, size)

    def wrap(self, cell: Cell) -> list[str]:
        size = self.size * cell.scale
        room = self.x[cell.col + cell.colspan] - self.x[cell.col] - 2 * PAD
        out: list[str] = []
        for para in (cell.text or "").split("\n"):
            line = ""
            for ch in para:
                if line and self.width(line + ch, size) > room:
                    out.append(line)
                    line = ""
                line += ch
            out.append(line)
        return out if cell.text else []

    def layout(self, split_rows: bool) -> list[Piece]:
        lines = {id(c): self.wrap(c) for c in self.g.cells}
        need = [self.lead + 2 * PAD] * self.g.n_rows
        for c in self.g.cells:
            if c.rowspan == 1:
                h = len(lines[id(c)]) * self.lead * c.scale + 2 * PAD
                need[c.row] = max(need[c.row], h)
        for c in self.g.cells:
            if c.rowspan > 1:
                h = len(lines[id(c)]) * self.lead * c.scale + 2 * PAD
                have = sum(need[c.row : c.row + c.rowspan])
                if h > have:
                    need[c.row + c.rowspan - 1] += h - have
        self.lines = lines
        pieces: list[Piece] = []
        page, y = 0, MARGIN
        bottom = self.ph - MARGIN
        for r, h in enumerate(need):
            if y + h <= bottom:
                pieces.append(Piece(page, r, y, h, 0, None))
                y += h
                continue
            room = bottom - y - 2 * PAD
            k = int(room // self.lead)
            if split_rows and self.g.kinds[r] == "ind" and k >= 2:
                pieces.append(Piece(page, r, y, bottom - y, 0, k))
                rest = h - k * self.lead
                page, y = page + 1, MARGIN
                pieces.append(Piece(page, r, y, rest, k, None))
                y += rest
            else:
                page, y = page + 1, MARGIN
                pieces.append(Piece(page, r, y, h, 0, None))
                y += h
        return pieces

    def draw(self, pieces: list[Piece], repeat: bool) -> None:
        by_page: dict[int, list[Piece]] = {}
        for p in pieces:
            by_page.setdefault(p.page, []).append(p)
        for page in sorted(by_page):
            if page:
                self.c.showPage()
            mine = by_page[page]
            rows = {p.row: p for p in mine}
            for cell in self.g.cells:
                span = [rows[r] for r in range(cell.row, cell.row + cell.rowspan) if r in rows]
                if not span:
                    continue
                top = span[0].top
                bottom = span[-1].top + span[-1].height
                first_part = span[0].row == cell.row and span[0].first == 0
                if cell.rowspan == 1:
                    lines = self.lines[id(cell)][span[0].first : span[0].last]
                elif first_part or repeat:
                    lines = self.lines[id(cell)]
                else:
                    lines = []
                self.box(cell, top, bottom)
                valign = (
                    "top" if cell.rowspan == 1 and (span[0].first or span[0].last) else "middle"
                )
                self.text(cell, lines, top, bottom, valign)

    def box(self, cell: Cell, top: float, bottom: float) -> None:
        if not cell.border:
            return
        x0, x1 = self.x[cell.col], self.x[cell.col + cell.colspan]
        c, ph = self.c, self.ph
        c.rect(x0, ph - top - RULE / 2, x1 - x0, RULE, stroke=0, fill=1)
        c.rect(x0, ph - bottom - RULE / 2, x1 - x0, RULE, stroke=0, fill=1)
        c.rect(x0 - RULE / 2, ph - bottom, RULE, bottom - top, stroke=0, fill=1)
        c.rect(x1 - RULE / 2, ph - bottom, RULE, bottom - top, stroke=0, fill=1)

    def text(self, cell: Cell, lines: list[str], top: float, bottom: float, valign: str) -> None:
        size = self.size * cell.scale
        lead = self.lead * cell.scale
        x0, x1 = self.x[cell.col] + PAD, self.x[cell.col + cell.colspan] - PAD
        block = len(lines) * lead
        y = top + PAD if valign == "top" else top + (bottom - top - block) / 2
        self.c.setFont(self.face, size)
        spread = cell.role == "label" and len(lines) == 1 and 2 <= len(lines[0]) <= 4
        for line in lines:
            y += lead
            base = self.ph - y + (lead - size) / 2 + size * 0.12
            w = self.width(line, size)
            if spread and x1 - x0 > w * 1.6:
                gap = (x1 - x0 - w - size) / (len(line) - 1)
                x = x0 + size / 2
            else:
                gap = 0.0
                x = x0 if cell.align == "left" else (x0 + x1 - w) / 2
            for ch in line:
                self.c.drawString(x, base, ch)
                x += self.width(ch, size) + gap


def write(sample: Sample, out_dir: Path) -> Path:
    lay = sample.layout
    path = out_dir / f"{sample.stem}.pdf"
    face = font(lay.font)
    canvas = Canvas(str(path), pagesize=page_size(lay.landscape), invariant=1, pageCompression=1)
    canvas.setTitle(sample.forms[0].title)
    canvas.setAuthor("财政预算绩效管理系统")
    for n, form in enumerate(sample.forms):
        if n:
            canvas.showPage()
        d = Drawer(canvas, build_grid(form), face, lay.size, lay.landscape)
        d.draw(d.layout(lay.split_rows), lay.repeat_labels)
    canvas.save()
    return path
