"""Export: the output tables' columns (``tables``), Excel-safe text (``excel_safe``) and the
CSV/XLSX/JSON writers (``writers``). The writers' names are importable from here."""

from selfeval.export.writers import (
    COLUMNS_DOC,
    XLSX_NAME,
    Exporter,
    columns_markdown,
    csv_cell,
    text_width,
)

__all__ = ["COLUMNS_DOC", "XLSX_NAME", "Exporter", "columns_markdown", "csv_cell", "text_width"]
