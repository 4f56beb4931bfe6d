"""Dispatch by sniffed kind, assemble the canvases, put provenance and notes on the forms."""

from __future__ import annotations

from pathlib import Path

from selfeval.extract.assemble import assemble
from selfeval.extract.errors import ReadError
from selfeval.extract.office.canvas import Canvas, apply_refs
from selfeval.extract.record import Form, Note


class _Canvases:
    """What a reader gave: the canvases, and per page the uncached formulas, sheet names, notes."""

    def __init__(
        self,
        canvases: list[Canvas],
        uncached: dict[int, list[str]] | None = None,
        sheets: list[str] | None = None,
        page_notes: dict[int, Note] | None = None,
    ) -> None:
        self.canvases = canvases
        self.uncached: dict[int, list[str]] = uncached or {}
        self.sheets: list[str] = sheets or []
        self.page_notes: dict[int, Note] = page_notes or {}


def read_original(path: Path, kind: str) -> list[Form]:
    got = _read_kind(path, kind)
    if isinstance(got, list):  # read by LibreOffice's conversion: already forms
        return got
    canvases = got.canvases
    forms = forms_from(canvases, kind)
    if not forms:
        what = "table" if any(c.tables for c in canvases) else "no table"
        raise ReadError(path, "not-a-form", f"no self-evaluation form in this file ({what})")
    if got.uncached:
        _note_uncached(forms, got.uncached)
    _note_pages(forms, got.page_notes)
    if got.sheets:
        _name_sheets(forms, got.sheets)
    return forms


def _read_kind(path: Path, kind: str) -> _Canvases | list[Form]:
    """The canvases of a file by its kind, or the forms of a file read by conversion."""
    if kind == "xlsx":
        from selfeval.extract.office.xlsx import read_workbook

        book = read_workbook(path)
        return _Canvases(book.canvases, book.uncached, book.sheets)
    if kind in ("xls", "ods"):
        from selfeval.extract.office.sheets import _Convert, read_sheets

        try:
            got = read_sheets(path, kind)
        except _Convert:
            from selfeval.extract.office.legacy import read_legacy

            return read_legacy(path, "xlsx")
        return _Canvases(got.canvases, sheets=got.names, page_notes=got.notes)
    if kind == "docx":
        from selfeval.extract.office.docx import read_docx

        return _Canvases(read_docx(path))
    if kind in ("html", "mhtml"):
        from selfeval.extract.office.html import read_html

        return _Canvases(read_html(path, archive=kind == "mhtml"))
    if kind == "doc":
        from selfeval.extract.office.legacy import read_legacy

        return read_legacy(path)
    raise ReadError(path, "unsupported", f"{kind} files are not read")


def _pages_hold(form: Form, page: int) -> bool:
    pages = form.source.get("pages") or []
    return bool(pages) and pages[0] <= page <= pages[-1]


def _note_uncached(forms: list[Form], uncached: dict[int, list[str]]) -> None:
    """Flag each form holding a formula saved without its value: not complete."""
    from selfeval.extract.office.xlsx import uncached_note

    for form in forms:
        for page, refs in uncached.items():
            if _pages_hold(form, page):
                form.notes.append(uncached_note(refs, page))
                form.complete = False


def _note_pages(forms: list[Form], page_notes: dict[int, Note]) -> None:
    for form in forms:
        for page, note in page_notes.items():
            if _pages_hold(form, page):
                form.notes.append(note)


def _name_sheets(forms: list[Form], sheets: list[str]) -> None:
    """The names of the sheets each form spans, on its source."""
    for form in forms:
        pages = form.source.get("pages") or []
        if pages:
            form.source["sheets"] = sorted({sheets[p - 1] for p in range(pages[0], pages[-1] + 1)})


def forms_from(canvases: list[Canvas], reader: str) -> list[Form]:
    """Assemble the canvases' layouts into forms as the PDF reader does."""
    refs = {}
    for canvas in canvases:
        refs.update(canvas.refs)
    forms = assemble([c.layout() for c in canvases], engine="original")
    info = {k: v for canvas in canvases for k, v in canvas.info.items()}
    for form in forms:
        apply_refs(form, refs)
        form.source["reader"] = reader
        form.source.pop("engine", None)
        form.source.update(info)
    return forms
