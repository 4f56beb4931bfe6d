"""Excel 97-2003 workbooks (.xls, WPS .et) with xlrd or python-calamine; OpenDocument (.ods).

.xls: xlrd reads each cell's value with its number format (the displayed text, as for .xlsx),
the merged ranges and the hidden rows and columns. A file xlrd cannot read goes to calamine,
which gives values and merges but no number format, so numbers are written as Excel's
General format writes them (492, 375.5442, 0.7633) and a form holding a fractional number
gets a ``reading.number-format`` note naming the cells; hidden rows and columns are not
known there. A file neither opens is converted with LibreOffice when it is installed.

.ods: the spreadsheet's XML holds the displayed text of every cell (``text:p``) beside its value,
so the text is exact; merges (``number-columns-spanned``/``number-rows-spanned``), repeated rows
and columns, and hidden (collapsed) rows and columns are read from it.
"""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from selfeval.extract.errors import ReadError
from selfeval.extract.office.canvas import Canvas, SourceCell
from selfeval.extract.office.numfmt import display, general
from selfeval.extract.record import Note

if TYPE_CHECKING:  # the readers' libraries are imported when a file is read
    import xlrd
    import xlrd.sheet
    from lxml.etree import _Element

T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
X = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
MAX_REPEAT = 1000  # a repeated empty row/column filling the sheet to its end is not read out


class Sheets:
    def __init__(self) -> None:
        self.canvases: list[Canvas] = []
        self.names: list[str] = []
        self.notes: dict[int, Note] = {}


def read_sheets(path: Path, kind: str) -> Sheets:
    if kind == "ods":
        return _read_ods(path)
    try:
        return _read_xls_xlrd(path)
    except _NotBiff8:
        return _read_xls(path)


# -- .xls by xlrd: number formats, hidden rows and columns --------------------------------------
class _NotBiff8(Exception):
    """xlrd cannot read the file (an older BIFF, a WPS variant): calamine may."""


def _read_xls_xlrd(path: Path) -> Sheets:
    try:
        import xlrd
    except ImportError:
        raise _NotBiff8() from None
    try:
        with open(os.devnull, "w") as quiet:  # xlrd prints its warnings to stdout otherwise
            book = xlrd.open_workbook(str(path), formatting_info=True, logfile=quiet)
            return _xlrd_sheets(book)
    except Exception as exc:  # xlrd.XLRDError, struct/index errors on a damaged file
        raise _NotBiff8(str(exc)) from None


def _xlrd_sheets(book: xlrd.Book) -> Sheets:
    out = Sheets()
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        if getattr(sheet, "visibility", 0):
            continue  # a hidden sheet
        page = len(out.canvases) + 1
        out.canvases.append(_xlrd_sheet(book, sheet, page))
        out.names.append(sheet.name)
    return out


def _xlrd_sheet(book: xlrd.Book, sheet: xlrd.sheet.Sheet, page: int) -> Canvas:
    """One visible sheet as a canvas: hidden rows and columns skipped, merges spanned."""
    hidden_cols = {c for c, info in sheet.colinfo_map.items() if info.hidden}
    hidden_rows = {r for r, info in sheet.rowinfo_map.items() if info.hidden}
    rows_v = [r for r in range(sheet.nrows) if r not in hidden_rows]
    cols_v = [c for c in range(sheet.ncols) if c not in hidden_cols]
    row_at = {r: i for i, r in enumerate(rows_v)}
    col_at = {c: i for i, c in enumerate(cols_v)}
    cells = _xlrd_cells(book, sheet, row_at, col_at)
    widths = []
    for c in cols_v:
        info = sheet.colinfo_map.get(c)
        widths.append((info.width / 256 if info else 8.43) * 7.0)
    return _place(cells, page, widths)


_Corner = tuple[int, int]


def _covered(merged: dict[_Corner, _Corner]) -> set[_Corner]:
    """The (row, col) of every cell a merge hides: all of each range but its top-left."""
    return {
        (r, c)
        for (r0, c0), (r1, c1) in merged.items()
        for r in range(r0, r1 + 1)
        for c in range(c0, c1 + 1)
        if (r, c) != (r0, c0)
    }


def _xlrd_cells(
    book: xlrd.Book, sheet: xlrd.sheet.Sheet, row_at: dict[int, int], col_at: dict[int, int]
) -> list[SourceCell]:
    """The filled cells of a sheet placed on its visible rows and columns."""
    name = sheet.name
    merged = {(r0, c0): (r1 - 1, c1 - 1) for r0, r1, c0, c1 in sheet.merged_cells}
    covered = _covered(merged)
    cells = []
    for r in range(sheet.nrows):
        for c in range(sheet.ncols):
            if (r, c) in covered:
                continue
            text = _xlrd_text(book, sheet.cell(r, c))
            if text is None or not text.strip():
                continue
            r1, c1 = merged.get((r, c), (r, c))
            vr = [row_at[x] for x in range(r, r1 + 1) if x in row_at]
            vc = [col_at[x] for x in range(c, c1 + 1) if x in col_at]
            if vr and vc:
                ref = f"{name}!{_a1(r, c)}"
                cells.append(SourceCell(vr[0], vc[0], len(vr), len(vc), text, ref))
    return cells


def _xlrd_text(book: xlrd.Book, cell: xlrd.sheet.Cell) -> str | None:
    import xlrd

    ctype, value = cell.ctype, cell.value
    if ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if isinstance(value, str):  # a text cell
        return value
    if ctype == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if value else "FALSE"
    if ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(int(value), "#ERR")
    fmt = None
    if cell.xf_index is not None:  # always set: the book is opened with formatting_info
        fmt = book.format_map.get(book.xf_list[cell.xf_index].format_key)
    fmt_str = fmt.format_str if fmt is not None else "General"
    shown: float | int | dt.datetime = value
    if ctype == xlrd.XL_CELL_DATE:
        try:
            shown = xlrd.xldate.xldate_as_datetime(value, book.datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            pass
    if isinstance(shown, float) and shown.is_integer() and abs(shown) < 1e15:
        shown = int(shown)
    return display(shown, fmt_str)


# -- .xls by calamine: values and merges only ---------------------------------------------------
def _read_xls(path: Path) -> Sheets:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for BIFF it cannot read
        from selfeval.extract.office.legacy import soffice

        if soffice() is not None:
            raise _Convert() from None
        raise ReadError(path, "damaged", f"the workbook cannot be opened: {exc}") from None
    out = Sheets()
    for name in book.sheet_names:
        sheet = book.get_sheet_by_name(name)
        rows = sheet.to_python(skip_empty_area=False)
        page = len(out.canvases) + 1
        merged = {}
        for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []:
            merged[(r0, c0)] = (r1, c1)
        covered = _covered(merged)
        cells, loose = [], []
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if (r, c) in covered or value is None or value == "":
                    continue
                if isinstance(value, float) and value != int(value):
                    loose.append(f"{name}!{_a1(r, c)}")
                text = _text(value)
                r1, c1 = merged.get((r, c), (r, c))
                cells.append(SourceCell(r, c, r1 - r + 1, c1 - c + 1, text, f"{name}!{_a1(r, c)}"))
        canvas = _place(cells, page, [60.0] * max((len(r) for r in rows), default=0))
        out.canvases.append(canvas)
        out.names.append(name)
        if loose:
            shown = "、".join(loose[:5]) + ("等" if len(loose) > 5 else "")
            out.notes[page] = Note(
                "reading.number-format",
                f".xls 文件的数字格式未读出，小数按常规格式书写（{shown}），打印的形式可能不同（如百分比、固定小数位）",
                page=page,
                text=shown,
            )
    return out


class _Convert(Exception):
    """calamine cannot open the file but LibreOffice can convert it."""


def _text(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return general(value)
    if isinstance(value, dt.datetime):
        return f"{value.year}/{value.month}/{value.day}" + (
            f" {value.hour}:{value.minute:02d}" if value.time() != dt.time() else ""
        )
    if isinstance(value, dt.date):
        return f"{value.year}/{value.month}/{value.day}"
    return str(value)


def _a1(r: int, c: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(c + 1)}{r + 1}"


def _place(cells: list[SourceCell], page: int, widths: list[float]) -> Canvas:
    """Rows with two or more filled cells (or crossed by a merge) as tables, others as lines."""
    filled: dict[int, int] = {}
    in_table: set[int] = set()
    for cell in cells:
        filled[cell.row] = filled.get(cell.row, 0) + 1
    in_table = {r for r, n in filled.items() if n >= 2}
    for cell in cells:
        if cell.row in in_table or cell.rowspan > 1:
            in_table.update(range(cell.row, cell.row + cell.rowspan))
    canvas = Canvas(page)
    n_rows = max((c.row + c.rowspan for c in cells), default=0)
    canvas.place(cells, in_table, n_rows, widths)
    return canvas


# -- .ods ---------------------------------------------------------------------------------------
_OdsCell = tuple[int, int, int, int, str, str]  # row, col, rowspan, colspan, text, ref


def _read_ods(path: Path) -> Sheets:
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as zf:
            root = etree.fromstring(zf.read("content.xml"))
    except Exception as exc:  # zip, zlib, XML: any package it cannot unpack
        raise ReadError(path, "damaged", f"the spreadsheet cannot be opened: {exc}") from None
    out = Sheets()
    for table in root.iter(T + "table"):
        name = table.get(T + "name") or f"Sheet{len(out.names) + 1}"
        page = len(out.canvases) + 1
        col_visible = _ods_columns(table)
        cells, hidden_rows, n_rows = _ods_cells(table, name)
        placed, n_cols = _ods_visible(cells, hidden_rows, n_rows, col_visible)
        out.canvases.append(_place(placed, page, [60.0] * n_cols))
        out.names.append(name)
    return out


def _ods_columns(table: _Element) -> list[bool]:
    """Whether each column of a table is visible, repeated columns expanded."""
    col_visible: list[bool] = []
    for col in table.iter(T + "table-column"):
        n = min(int(col.get(T + "number-columns-repeated", "1")), MAX_REPEAT)
        col_visible += [col.get(T + "visibility", "visible") == "visible"] * n
    return col_visible


def _ods_cells(table: _Element, name: str) -> tuple[list[_OdsCell], set[int], int]:
    """The filled cells of a table, its hidden rows and its number of rows."""
    cells: list[_OdsCell] = []
    hidden_rows: set[int] = set()
    r = 0
    for row in table.iter(T + "table-row"):
        n_rows = min(int(row.get(T + "number-rows-repeated", "1")), MAX_REPEAT)
        visible = row.get(T + "visibility", "visible") == "visible"
        for _ in range(n_rows):
            if not visible:
                hidden_rows.add(r)
            _ods_row(row, r, name, cells)
            r += 1
            if n_rows > 1 and not any(p for p in row.iter(X + "p")):
                r += n_rows - 1  # repeated empty rows: skip them at once
                break
    return cells, hidden_rows, r


def _ods_row(row: _Element, r: int, name: str, cells: list[_OdsCell]) -> None:
    """Add the filled cells of one table row (as row r) to cells."""
    c = 0
    for cell in row:
        if cell.tag not in (T + "table-cell", T + "covered-table-cell"):
            continue
        n_cols = min(int(cell.get(T + "number-columns-repeated", "1")), MAX_REPEAT)
        if cell.tag == T + "table-cell":
            paras = ["".join(_ods_text(p)) for p in cell.findall(X + "p")]
            text = "\n".join(paras)
            if text.strip():
                rs = int(cell.get(T + "number-rows-spanned", "1"))
                cs = int(cell.get(T + "number-columns-spanned", "1"))
                for k in range(n_cols):
                    cells.append((r, c + k, rs, cs, text, f"{name}!{_a1(r, c + k)}"))
        c += n_cols


def _ods_visible(
    cells: list[_OdsCell], hidden_rows: set[int], n_rows: int, col_visible: list[bool]
) -> tuple[list[SourceCell], int]:
    """The cells on the visible grid (hidden rows and columns dropped) and its column count."""
    hidden_cols = {i for i, v in enumerate(col_visible) if not v}
    max_col = max((c + cs for _, c, _, cs, _, _ in cells), default=0)
    rows_v = [i for i in range(n_rows) if i not in hidden_rows]
    cols_v = [i for i in range(max_col) if i not in hidden_cols]
    row_at = {x: i for i, x in enumerate(rows_v)}
    col_at = {x: i for i, x in enumerate(cols_v)}
    placed = []
    for r0, c0, rs, cs, text, ref in cells:
        vr = [row_at[x] for x in range(r0, r0 + rs) if x in row_at]
        vc = [col_at[x] for x in range(c0, c0 + cs) if x in col_at]
        if vr and vc:
            placed.append(SourceCell(vr[0], vc[0], len(vr), len(vc), text, ref))
    return placed, len(cols_v)


def _ods_text(el: _Element) -> list[str]:
    """The text of a text:p with its spaces (text:s), tabs and line breaks."""
    out = [el.text or ""]
    for child in el:
        tag = child.tag
        if tag == X + "s":
            out.append(" " * int(child.get(X + "c", "1")))
        elif tag == X + "tab":
            out.append("\t")
        elif tag == X + "line-break":
            out.append("\n")
        else:
            out += _ods_text(child)
        out.append(child.tail or "")
    return out
