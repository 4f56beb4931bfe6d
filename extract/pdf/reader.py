"""Read a PDF: named errors first, then the chosen engine's page layouts, then assembly."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
from pdfminer.pdfpage import PDFPage

from selfeval.extract.assemble import assemble
from selfeval.extract.assemble_grid import PageLayout
from selfeval.extract.checks import note_blank_pages
from selfeval.extract.errors import ReadError
from selfeval.extract.pdf import DEFAULT_ENGINE, ENGINES
from selfeval.extract.pdf.damage import mapped_glyphs_only, note_damage
from selfeval.extract.pdf.layout import resolve_breaks
from selfeval.extract.pdf.plain_objects import PlainFile
from selfeval.extract.pdf.plumber_engine import PageStats, Turn, page_layout, page_objects
from selfeval.extract.pdf.prescan import Prescan, add_page, prescan
from selfeval.extract.record import Cell, Form

GARBLED_SHARE = 0.05  # more unmapped glyphs than this on the form pages: the text is unusable
#: pdfminer keeps every font it has built until the document is closed, and a bundle whose forms
#: each embed their own fonts would grow by a third of a megabyte a page: the pdfplumber engine
#: starts its font cache afresh every so many pages (as the pdfium engine reopens the document).
RECYCLE = 16


def read_pdf(path: str | Path, *, engine: str = DEFAULT_ENGINE) -> list[Form]:
    """Every self-evaluation form in the PDF, or a ``ReadError`` with a stable code."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {ENGINES}")
    path = Path(path)
    if engine == "pdfium":
        return _read_pdfium(path)
    scan = prescan(path)
    if scan.first_form_page is None:
        raise _no_form(path, scan)
    pages = list(range(scan.first_form_page, scan.pages))
    if engine == "camelot":
        return _read_camelot(path, scan, pages)
    read = _Read()
    forms = assemble(read.layouts(plumber_pages(path, pages)), engine=engine)
    return _finish(path, scan, forms, read, pages)


def _read_camelot(path: Path, scan: Prescan, pages: list[int]) -> list[Form]:
    """camelot's tables with the pdfplumber engine's loose lines: every page's layout first."""
    from selfeval.extract.pdf.camelot_engine import camelot_layouts

    layouts, stats = plumber_layouts(path, pages)
    _check_garbled(path, stats)
    layouts = camelot_layouts(path, layouts)
    forms = assemble(layouts, engine="camelot")
    if not forms:
        raise _no_form(path, scan, stats, ruled=any(layout.tables for layout in layouts))
    note_blank_pages(forms, _blank_pages(scan))
    note_damage(forms, path, pages)
    turns = {layout.page: s.turn for layout, s in zip(layouts, stats, strict=True) if s.turn}
    if turns:
        _turn_back(forms, turns)
    return forms


@dataclass
class _Read:
    """What the pages read tell besides their layouts, gathered while the assembly takes the
    layouts one at a time: each page's stats, the turns made, whether any page was ruled."""

    stats: list[PageStats] = field(default_factory=list)
    turns: dict[int, Turn] = field(default_factory=dict)
    ruled: bool = False

    def layouts(self, pages: Iterable[tuple[PageLayout, PageStats]]) -> Iterator[PageLayout]:
        for layout, stats in pages:
            self.stats.append(stats)
            if stats.turn:
                self.turns[layout.page] = stats.turn
            self.ruled = self.ruled or bool(layout.tables)
            yield layout


def _finish(
    path: Path,
    scan: Prescan,
    forms: list[Form],
    read: _Read,
    pages: Sequence[int],
    plain: PlainFile | None = None,
) -> list[Form]:
    """The checks that need every page read: unusable text, no form, blank pages; breaks whose
    kind depends on the whole document (``UNDECIDED``) settled; boxes of turned pages turned
    back. ``pages`` are the 0-based pages read; ``plain``, pdfminer's view of the file when the
    engine has it open."""
    _check_garbled(path, read.stats)
    if not forms:
        raise _no_form(path, scan, read.stats or None, ruled=read.ruled)
    _map_cells(forms, _settle_breaks(any(s.space_wraps for s in read.stats)))
    note_blank_pages(forms, _blank_pages(scan))
    note_damage(forms, path, pages, plain)
    if read.turns:
        _turn_back(forms, read.turns)
    return forms


def _blank_pages(scan: Prescan) -> list[int]:
    """Every page (1-based) that holds no text, before the first form's too: a scanned page
    may hold a whole form, and the forms read must say that it was not read."""
    return [p + 1 for p in range(scan.pages) if not scan.text_chars[p]]


def _settle_breaks(draws_wrap_spaces: bool) -> Callable[[Cell], Cell]:
    """A cell with its ``UNDECIDED`` breaks settled; most cells have none and stay as they are
    (a copy of every cell of a form costs more than the rest of the check)."""

    def settle(cell: Cell) -> Cell:
        text = resolve_breaks(cell.text, draws_wrap_spaces)
        return cell if text is cell.text else replace(cell, text=text)

    return settle


def _check_garbled(path: Path, stats: list[PageStats]) -> None:
    chars = sum(s.chars for s in stats)
    if chars and sum(s.garbled for s in stats) > GARBLED_SHARE * chars:
        raise ReadError(path, "unmapped-font", _garbled_message(stats))


def _read_pdfium(path: Path) -> list[Form]:
    """The PDFium engine: one pass over the pages, each opened and parsed once.

    A page's text feeds the prescan (where the first form starts, blank and image-only pages);
    from the first form page on, the same parse also gives the page's objects, reduced to a
    layout and handed to the form assembly at once, so only the page being read is in memory.
    """
    from selfeval.extract.pdf.pdfium_engine import PdfiumPages

    read = _Read()
    with PdfiumPages(path) as doc:
        if len(doc) == 0:
            raise ReadError(path, "damaged", "the PDF has no pages")
        scan = Prescan(pages=len(doc), first_form_page=None)

        def pages() -> Iterator[tuple[PageLayout, PageStats]]:
            for i, objects in doc.pages(_after_first_form(scan)):
                if objects is not None:
                    page_objects_, size = objects
                    yield page_layout(size, i + 1, page_objects_)

        forms = assemble(read.layouts(pages()), engine="pdfium")
        first = scan.first_form_page or 0
        return _finish(path, scan, forms, read, range(first, scan.pages), doc.plain)


def _after_first_form(scan: Prescan) -> Callable[[int, str, int], bool]:
    """Count each page into the prescan; read its objects from the first form mark on."""

    def want(index: int, compact: str, images: int) -> bool:
        add_page(scan, index, compact, images)
        return scan.first_form_page is not None

    return want


def _map_cells(forms: list[Form], change: Callable[[Cell], Cell]) -> None:
    """Every cell of the forms replaced by ``change(cell)``, each distinct cell changed once."""
    done: dict[int, Cell] = {}
    for form in forms:
        form.map_cells(change, done)


def _turn_back(forms: list[Form], turns: dict[int, Turn]) -> None:
    """Provenance of cells read from pages turned upright, in the page's own coordinates."""

    def back(cell: Cell) -> Cell:
        if cell.bbox is None or cell.page not in turns:
            return cell
        return replace(cell, bbox=turns[cell.page].back(cell.bbox))

    _map_cells(forms, back)


def plumber_layouts(path: Path, pages: list[int]) -> tuple[list[PageLayout], list[PageStats]]:
    """Page layouts of the given 0-based pages with the pdfplumber engine, breaks settled."""
    layouts: list[PageLayout] = []
    stats: list[PageStats] = []
    for layout, page_stats in plumber_pages(path, pages):
        layouts.append(layout)
        stats.append(page_stats)
    draws_wrap_spaces = any(s.space_wraps for s in stats)
    for layout in layouts:
        for table in layout.tables:
            for cell in table.cells:
                cell.text = resolve_breaks(cell.text, draws_wrap_spaces)
    return layouts, stats


def plumber_pages(path: Path, pages: list[int]) -> Iterator[tuple[PageLayout, PageStats]]:
    """The layout of each given 0-based page with the pdfplumber engine, one page at a time:
    a page's layout tree is dropped before the next page is parsed."""
    try:
        pdf = pdfplumber.open(path)
    except PDFPasswordIncorrect:
        raise ReadError(path, "encrypted", "the PDF needs a password to open") from None
    except Exception as exc:  # pdfminer raises many types on broken files
        raise ReadError(path, "damaged", f"cannot parse the PDF ({type(exc).__name__})") from None
    with pdf:
        mapped_glyphs_only(pdf)
        try:  # a damaged xref: pdfminer may list fewer pages than PDFium did, or none
            count = len(pdf.pages)
        except Exception as exc:
            count, why = 0, type(exc).__name__
        else:
            why = f"pdfminer finds {count} pages, PDFium more"
        if pages and pages[-1] >= count:
            raise ReadError(path, "damaged", f"cannot list the pages ({why})")
        for n, i in enumerate(pages):
            if n and n % RECYCLE == 0:  # fonts and objects are read afresh for the next pages
                pdf.rsrcmgr = type(pdf.rsrcmgr)()
                _forget_objects(pdf.doc)
            page = pdf.pages[i]
            try:
                objects = page_objects(page)  # the one parse of the page, where errors are caught
            except Exception as exc:
                raise ReadError(
                    path, "damaged", f"cannot parse page {i + 1} ({type(exc).__name__})"
                ) from None
            result = page_layout(page, i + 1, objects)
            page.close()
            _drop_content(page.page_obj)
            yield result


def _forget_objects(doc: PDFDocument) -> None:
    """Empty pdfminer's cache of the document's parsed objects (fonts and their embedded font
    programs among them); a page's objects are parsed again when the page needs them."""
    for name in ("_cached_objs", "_parsed_objs"):
        cache = getattr(doc, name, None)
        if isinstance(cache, dict):
            cache.clear()


def _drop_content(page_obj: PDFPage) -> None:
    """Let go of a page's content streams once the page is read: pdfminer keeps them, decoded,
    with the page until the document is closed (and in its object cache, see
    ``_forget_objects``). A stream another page shares stays with that page."""
    page_obj.contents = []


def _garbled_message(stats: list[PageStats]) -> str:
    bad = sum(s.garbled for s in stats)
    total = sum(s.chars for s in stats)
    return f"{bad} of {total} glyphs have no Unicode mapping ((cid:N) or U+FFFD)"


def _no_form(
    path: Path, scan: Prescan, stats: list[PageStats] | None = None, *, ruled: bool = True
) -> ReadError:
    """Why a PDF yielded no form: scanned, garbled, a form without a ruled grid (``ruled``:
    whether the pages read held any ruled table), or simply not a self-evaluation form."""
    image_only = sum(
        1 for n, img in zip(scan.text_chars, scan.images, strict=True) if not n and img
    )
    if not scan.has_text or image_only * 2 > scan.pages:
        if image_only:
            return ReadError(
                path, "no-text-layer", f"{image_only} of {scan.pages} pages are images only"
            )
        return ReadError(path, "not-a-form", "the PDF has no text")
    text = sum(scan.text_chars)
    if scan.bad_chars > GARBLED_SHARE * text:
        return ReadError(path, "unmapped-font", f"{scan.bad_chars} of {text} glyphs are unmapped")
    if stats is None:
        probe = _probe_garbled(path, scan)
        if probe is not None:
            return probe
    titled = None if ruled or scan.first_form_page is None else _titled_page(path, scan)
    if titled is not None:
        return ReadError(
            path,
            "unsupported",
            f"the form's title is on page {titled + 1}, but no ruled grid: tables drawn "
            "without ruling lines are not read",
        )
    return ReadError(path, "not-a-form", f"no 绩效自评表 in {scan.pages} pages")


def _titled_page(path: Path, scan: Prescan) -> int | None:
    """The first page (0-based) that prints a form's title (…自评表) and indicator labels
    (…指标), from the first form mark on; None when none does (a report that only mentions
    绩效自评 in its prose)."""
    import pypdfium2 as pdfium

    from selfeval.extract.pdf.glyphs import fold_glyphs

    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return None
    try:
        for i in range(scan.first_form_page or 0, scan.pages):
            textpage = doc[i].get_textpage()
            text = fold_glyphs("".join(textpage.get_text_range().split()))
            textpage.close()
            if "自评表" in text and "指标" in text:
                return i
    except pdfium.PdfiumError:
        return None
    finally:
        doc.close()
    return None


def _probe_garbled(path: Path, scan: Prescan) -> ReadError | None:
    """PDFium may print garbage where pdfminer says (cid:N); check the wordiest page once."""
    page = max(range(scan.pages), key=lambda i: scan.text_chars[i])
    try:
        _, stats = plumber_layouts(path, [page])
    except ReadError:
        return None
    s = stats[0]
    if s.chars and s.garbled > GARBLED_SHARE * s.chars:
        return ReadError(path, "unmapped-font", _garbled_message(stats))
    return None
