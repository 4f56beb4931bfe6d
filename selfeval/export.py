"""Write the combined tables as CSV (UTF-8 with BOM, for Excel) and one XLSX workbook.

The exporter streams: rows go to every CSV and sheet as forms arrive, so a 1,000-file batch
never holds all rows in memory. Each file is written under a temporary name and renamed into
place by ``close``; until then the previous outputs stay intact.
"""

from __future__ import annotations

import contextlib
import csv
import tempfile
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from selfeval.excel_safe import csv_text, xlsx_text
from selfeval.files import atomic_path
from selfeval.tables import ERRORS, TABLES, Table

XLSX_NAME = "selfeval.xlsx"
_XLSX_WIDTH = {"text": 18, "number": 12, "int": 8, "bool": 9}


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
        self._book: Workbook | None = None
        self._sheets: dict[str, Any] = {}
        if xlsx:
            self._book = Workbook(write_only=True)
            for table in self.tables:
                sheet = self._book.create_sheet(table.name)
                sheet.freeze_panes = "A2"
                for i, column in enumerate(table.columns, start=1):
                    sheet.column_dimensions[get_column_letter(i)].width = _XLSX_WIDTH[column.kind]
                sheet.append(table.header)
                self._sheets[table.name] = sheet

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
        sheet = self._sheets.get(table.name)
        for row in rows:
            writer.writerow([csv_cell(v) for v in row])
            if sheet is not None:
                sheet.append([self._xlsx_cell(sheet, v) for v in row])
            self.counts[table.name] += 1

    @staticmethod
    def _xlsx_cell(sheet: Any, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        text = xlsx_text(value)
        if text.startswith(("=", "#")):  # openpyxl would make these formulas / error values
            cell = WriteOnlyCell(sheet, value=text)
            cell.data_type = "s"
            return cell
        return text

    def close(self) -> None:
        """Finish every file and move it into place."""
        if self._book is not None:
            for table in self.tables:
                sheet = self._sheets[table.name]
                last = get_column_letter(len(table.columns))
                sheet.auto_filter.ref = f"A1:{last}{self.counts[table.name] + 1}"
            with atomic_path(self.out_dir / XLSX_NAME) as tmp:
                self._book.save(tmp)
        self._stack.close()

    def abort(self) -> None:
        """Drop the partial outputs; the previous ones stay."""
        if self._book is not None:  # finish the streamed sheets so they release their temp files
            with contextlib.suppress(Exception), tempfile.TemporaryDirectory() as scratch:
                self._book.save(Path(scratch) / XLSX_NAME)
        self._book = None
        error = RuntimeError("export aborted")
        self._stack.__exit__(RuntimeError, error, None)  # atomic_path sees it and does not rename

    def __enter__(self) -> Exporter:
        return self

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()
