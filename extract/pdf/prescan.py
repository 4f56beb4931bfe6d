"""A fast first look at a PDF with PDFium: can it be opened, which pages may hold a form.

PDFium reads a page's text in about a millisecond, pdfplumber in tens of milliseconds. Reading
every page with PDFium first lets a 30-page budget report be turned away as ``not-a-form`` at
once, and lets the slow layout pass skip the prose pages before the first form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from selfeval.extract.errors import ReadError
from selfeval.extract.pdf.glyphs import fold_glyphs
from selfeval.extract.pdf.pdfium_engine import RECYCLE

#: Printed on a page that starts or continues a self-evaluation form.
FORM_MARK = re.compile(r"自评表|自评|三级指标|绩效指标")
_SPACE = re.compile(r"\s+")
#: A glyph without a usable Unicode mapping: U+FFFD, a C0 control, a private-use code point.
_BAD = re.compile("[\ufffd\x00-\x1f\ue000-\uf8ff]")


@dataclass
class Prescan:
    pages: int
    first_form_page: int | None  # 0-based page of the first form mark, if any
    text_chars: list[int] = field(default_factory=list)  # characters of text per page
    images: list[int] = field(default_factory=list)  # image objects per page
    bad_chars: int = 0  # U+FFFD and C0 controls: glyphs without a usable Unicode mapping

    @property
    def has_text(self) -> bool:
        return any(self.text_chars)


def add_page(scan: Prescan, index: int, compact: str, images: int) -> None:
    """Count one page (0-based ``index``, text without whitespace) into the scan."""
    scan.text_chars.append(len(compact))
    scan.bad_chars += len(_BAD.findall(compact))
    scan.images.append(images)
    if scan.first_form_page is None:
        folded = fold_glyphs(compact)
        # PDFium may give the lines of a page printed upside down right to left
        if FORM_MARK.search(folded) or FORM_MARK.search(folded[::-1]):
            scan.first_form_page = index


def prescan(path: str | Path) -> Prescan:
    """Open the PDF with PDFium and read every page's text, or raise a named ``ReadError``."""
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ReadError(path, "encrypted", "the PDF needs a password to open") from None
        raise ReadError(path, "damaged", f"PDFium cannot open it ({exc})") from None
    try:
        n = len(doc)
        if n == 0:
            raise ReadError(path, "damaged", "the PDF has no pages")
        scan = Prescan(pages=n, first_form_page=None)
        for i in range(n):
            if i and i % RECYCLE == 0:  # PDFium keeps every page's fonts until it is closed
                doc.close()
                doc = pdfium.PdfDocument(str(path))
            page = doc[i]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            compact = _SPACE.sub("", text)
            images = 0
            if not compact:
                images = sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))
            add_page(scan, i, compact, images)
            page.close()
        return scan
    except pdfium.PdfiumError as exc:
        raise ReadError(path, "damaged", f"PDFium cannot read a page ({exc})") from None
    finally:
        doc.close()
