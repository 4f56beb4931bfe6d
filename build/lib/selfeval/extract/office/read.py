"""Dispatch by sniffed kind, assemble the canvases, put provenance and notes on the forms."""

from __future__ import annotations

from pathlib import Path

from selfeval.extract.assemble import assemble
from selfeval.extract.errors import ReadError
from selfeval.extract.office.canvas import Canvas, apply_refs
from selfeval.extract.record import Form, Note


def read_original(path: Path, kind: str) -> list[Form]:
    uncached: dict[int, list[str]] = {}
    sheets: list[str] = []
    page_notes: dict[int, Note] = {}
    if kind == "xlsx":
        from selfeval.extract.office.xlsx import read_workbook

        book = read_workbook(path)
        canvases, uncached, sheets = book.canvases, book.uncached, book.sheets
    elif kind in ("xls", "ods"):
        from selfeval.extract.office.sheets import _Convert, read_sheets

        try:
            got = read_sheets(path, kind)
        except _Convert:
            from selfeval.extract.office.legacy import read_legacy

            return read_legacy(path, "xlsx")
        canvases, sheets, page_notes = got.canvases, got.names, got.notes
    elif kind == "docx":
        from selfeval.extract.office.docx import read_docx

        canvases = read_docx(path)
    elif kind in ("html", "mhtml"):
        from selfeval.extract.office.html import read_html

        canvases = read_html(path, archive=kind == "mhtml")
    elif kind == "doc":
        from selfeval.extract.office.legacy import read_legacy

        return read_legacy(path)
    else:
        raise ReadError(path, "unsupported", f"{kind} files are not read")
    forms = forms_from(canvases, kind)
    if not forms:
        what = "table" if any(c.tables for c in canvases) else "no table"
        raise ReadError(path, "not-a-form", f"no self-evaluation form in this file ({what})")
    if uncached:
        from selfeval.extract.office.xlsx import uncached_note

        for form in forms:
            pages = form.source.get("pages") or []
            for page, refs in uncached.items():
                if pages and pages[0] <= page <= pages[-1]:
                    form.notes.append(uncached_note(refs, page))
                    form.complete = False
    for form in forms:
        pages = form.source.get("pages") or []
        for page, note in page_notes.items():
            if pages and pages[0] <= page <= pages[-1]:
                form.notes.append(note)
    if sheets:
        for form in forms:
            pages = form.source.get("pages") or []
            if pages:
                form.source["sheets"] = sorted(
                    {sheets[p - 1] for p in range(pages[0], pages[-1] + 1)}
                )
    return forms


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
