"""Write the combined tables as CSV (UTF-8 with BOM, for Excel) and one XLSX workbook.

The exporter streams: rows go to every CSV and sheet as forms arrive, so a 1,000-file batch
never holds all rows in memory. Each file is written under a temporary name and renamed into
place by ``close``; until then the previous outputs stay intact.
"""

from __future__ import annotations

import contextlib
import csv
import pickle
import tempfile
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from selfeval.export.excel_safe import csv_text, xlsx_text
from selfeval.export.tables import ERRORS, TABLES, Table
from selfeval.files import atomic_path

XLSX_NAME = "selfeval.xlsx"
#: Column widths in Excel character units: at least the header, at most ``_MAX_WIDTH``;
#: longer texts wrap inside the column.
_MIN_WIDTH, _MAX_WIDTH = 6, 50
#: A row of wrapped text shows at most this many lines; the cell holds the rest (Excel shows it
#: on selection). 15 points is Excel's default line height.
_MAX_LINES, _LINE_POINTS = 6, 15


def text_width(text: str) -> int:
    """Width of ``text`` in Excel character units: CJK and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _lines(text: str, width: float) -> int:
    """How many lines ``text`` takes wrapped in a column ``width`` wide."""
    width = max(int(width) - 1, 1)
    return sum(max(1, -(-text_width(line) // width)) for line in text.split("\n"))


def csv_cell(value: Any) -> str:
    """A typed value as CSV text: numbers plain (no exponent), booleans lower-case, text safe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, int):
        return str(value)
    return csv_text(str(value))


class Exporter:
    """Streams the form, indicator, fund, finding and error tables into ``out_dir``."""

    def __init__(self, out_dir: str | Path, *, xlsx: bool = True) -> None:
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.tables: tuple[Table, ...] = (*TABLES, ERRORS)
        self.counts = {t.name: 0 for t in self.tables}
        self._stack = contextlib.ExitStack()
        self._writers: dict[str, Any] = {}
        for table in self.tables:
            tmp = self._stack.enter_context(atomic_path(self.out_dir / f"{table.name}.csv"))
            fh = self._stack.enter_context(open(tmp, "w", encoding="utf-8-sig", newline=""))
            writer = csv.writer(fh)
            writer.writerow(table.header)
            self._writers[table.name] = writer
        # XLSX rows wait in a temporary file per sheet until ``close`` knows how wide each
        # column must be (a streamed sheet takes its column widths before its first row).
        self.xlsx = xlsx
        self._spools: dict[str, IO[bytes]] = {}
        self._widths: dict[str, list[int]] = {}
        if xlsx:
            for table in self.tables:
                self._spools[table.name] = self._stack.enter_context(tempfile.TemporaryFile())
                self._widths[table.name] = [text_width(name) for name in table.header]

    def add_form(self, form: dict[str, Any]) -> None:
        """Add one form dict (``Form.to_dict()`` after normalize/validate) to every table."""
        for table in TABLES:
            self._add_rows(table, table.rows([form]))

    def add_forms(self, forms: Iterable[dict[str, Any]]) -> None:
        for form in forms:
            self.add_form(form)

    def add_error(self, file: str, code: str, message: str) -> None:
        self._add_rows(ERRORS, ERRORS.rows([{"file": file, "code": code, "message": message}]))

    def _add_rows(self, table: Table, rows: Iterable[list[Any]]) -> None:
        writer = self._writers[table.name]
        spool = self._spools.get(table.name)
        widths = self._widths.get(table.name)
        for row in rows:
            writer.writerow([csv_cell(v) for v in row])
            if spool is not None and widths is not None:
                row = [xlsx_text(v) if isinstance(v, str) else v for v in row]
                pickle.dump(row, spool, protocol=pickle.HIGHEST_PROTOCOL)
                for i, value in enumerate(row):
                    if value is not None:
                        longest = max(map(text_width, _display(value).split("\n")))
                        widths[i] = max(widths[i], longest)
            self.counts[table.name] += 1

    def _write_xlsx(self, path: Path) -> None:
        """The workbook: one sheet per table, columns sized to their content (long texts
        wrapped, rows as high as their wrapped text up to ``_MAX_LINES`` lines), the header
        row frozen and filtered."""
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter

        book = Workbook(write_only=True)
        wrap = Alignment(wrap_text=True, vertical="top")
        top = Alignment(vertical="top")
        bold = Font(bold=True)
        for table in self.tables:
            sheet = book.create_sheet(table.name)
            sheet.freeze_panes = "A2"
            widths = [min(max(w + 2, _MIN_WIDTH), _MAX_WIDTH) for w in self._widths[table.name]]
            for i, width in enumerate(widths, start=1):
                sheet.column_dimensions[get_column_letter(i)].width = width
            last = get_column_letter(len(table.columns))
            sheet.auto_filter.ref = f"A1:{last}{self.counts[table.name] + 1}"
            header = []
            for name in table.header:
                cell = WriteOnlyCell(sheet, value=name)
                cell.font = bold
                header.append(cell)
            sheet.append(header)
            spool = self._spools[table.name]
            spool.seek(0)
            for number in range(2, self.counts[table.name] + 2):
                row = pickle.load(spool)
                lines = 1
                cells = []
                for value, width in zip(row, widths, strict=True):
                    if not isinstance(value, str):
                        cells.append(value)
                        continue
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.data_type = "s"  # text stays text: "=..." is no formula, "#..." no error
                    needed = _lines(value, width)
                    cell.alignment = wrap if needed > 1 else top
                    lines = max(lines, needed)
                    cells.append(cell)
                if lines > 1:
                    sheet.row_dimensions[number].height = min(lines, _MAX_LINES) * _LINE_POINTS
                sheet.append(cells)
        book.save(path)

    def close(self) -> None:
        """Finish every file and move it into place."""
        if self.xlsx:
            with atomic_path(self.out_dir / XLSX_NAME) as tmp:
                self._write_xlsx(tmp)
        self._stack.close()

    def abort(self) -> None:
        """Drop the partial outputs; the previous ones stay."""
        self.xlsx = False
        error = RuntimeError("export aborted")
        self._stack.__exit__(RuntimeError, error, None)  # atomic_path sees it and does not rename

    def __enter__(self) -> Exporter:
        return self

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


# -- docs/columns.md ---------------------------------------------------------------------------

COLUMNS_DOC = "docs/columns.md"
_COLUMNS_INTRO = """\
# Output columns

<!-- Generated by `python -m selfeval.export` from selfeval/export/tables.py; do not edit by hand
(tests/test_docs.py checks that this file equals what the code writes). -->

`selfeval extract PATH... --out DIR` writes one `<name>.json` per input and these combined
tables, as CSV files and as the sheets of `DIR/selfeval.xlsx`:

| table | one row per |
|---|---|
{tables}

`file` + `form_index` identify a form in every table and join them. Rows follow the input
order, then the form order, whatever the number of worker processes. Rows are numbered from 1
in every table (`row` in `findings.csv` points at the same-numbered row of `indicators.csv` or
`funds.csv`, according to `section`).

Column types:

- **text**: the form's printed string exactly as in the JSON (`"492.000000"`, `"76.33%"`);
  an empty cell means not printed. A text that Excel could take for a formula (starting with
  `=`, `+`, `-`, `@`, tab or CR) gets a leading apostrophe in the CSV; the XLSX holds it as a
  text cell.
- **number**: an exact decimal derived by selfeval, in plain notation (`0.7633`, never
  `7.633E-1`); rates are fractions. Empty when it cannot be derived.
- **int**: a whole number; **bool**: `true` / `false`.

The CSV files are UTF-8 with a byte-order mark, so Excel and WPS show the Chinese text on a
double-click. In `selfeval.xlsx` each sheet has its header row frozen and an auto-filter;
columns are as wide as their content (up to 50 characters), longer texts wrap, and a row is as
high as its wrapped text (up to six lines; the cell holds all of it).
"""


def columns_markdown() -> str:
    """The text of docs/columns.md: every output table's columns, from selfeval.export.tables."""
    tables = (*TABLES, ERRORS)
    out = [
        _COLUMNS_INTRO.format(
            tables="\n".join(
                f"| `{t.name}.csv` | {t.doc.removeprefix('one row per ')} |" for t in tables
            )
        )
    ]
    for table in tables:
        out.append(f"\n## {table.name}.csv\n\n{table.doc[0].upper()}{table.doc[1:]}.\n")
        out.append("| column | type | meaning |\n|---|---|---|")
        out += [f"| `{c.name}` | {c.kind} | {c.doc} |" for c in table.columns]
    return "\n".join(out) + "\n"
