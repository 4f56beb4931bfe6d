"""The PDFium engine: each page read once with PDFium into the same ``PageObjects`` as pdfplumber.

pdfminer (under pdfplumber) tokenizes page content in pure Python; PDFium parses it in C. This
engine asks PDFium, through pypdfium2's raw API, for what ``plumber_engine.page_objects`` reads
from pdfminer's layout tree, in the same coordinates and with the same geometry rules, so that
``plumber_engine.page_layout`` and the form assembly run unchanged:

- characters: PDFium's text page, without the spaces and line breaks it generates itself. A
  glyph's box is pdfminer's: from its origin, its advance along the baseline and, across it, from
  the font's descent to one font size above (PDFium's own boxes use other font metrics). The
  descent is the font descriptor's, as pdfminer reads it: fonts are resolved once per document
  by pdfminer's resource manager (dictionaries only; no page content is parsed).
- glyphs PDFium cannot map to Unicode print as ``(cid:N)``, as pdfminer prints them, so the
  ``unmapped-font`` check and glyph folding see the same text.
- paths: every subpath of a painted path object (also inside form XObjects) becomes a line, a
  rectangle or a curve by pdfminer's rules (``m l`` a line; a closed axis-aligned ``m l l l`` a
  rectangle; anything else a curve through its segment end points).
- coordinates: pdfminer's page frame (``/Rotate`` applied, origin at the media box corner), then
  pdfplumber's top-left flip; page size from the media box, as pdfplumber takes it.

Glyphs and paths are read by the C extension ``_pdfium_fast`` when it is built (one call a page
for each, through pypdfium2's function addresses), else by ctypes, a call per glyph and segment
(``_chars``, ``_paths``): the same objects either way (tests/test_pdfium_fast.py).
"""

from __future__ import annotations

import ctypes
import os
import re
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as c

from selfeval.extract.errors import ReadError
from selfeval.extract.pdf.plain_objects import PlainFile
from selfeval.extract.pdf.plumber_engine import PageObjects

_SPACE = re.compile(r"\s+")
RECYCLE = 16  # pages read before the document is opened afresh (memory flat with page count)
_Matrix = tuple[float, float, float, float, float, float]
#: a text object's (a, b, c, d, font size, descent, font, plain, loose): see _TextObjects.info
_ObjectInfo = tuple[float, float, float, float, float, float, int | None, bool, bool]


@dataclass(slots=True)
class PageSize:
    """What ``page_layout`` needs of a page besides its objects (pdfplumber's page size)."""

    width: float
    height: float


@dataclass(slots=True)
class _Frame:
    """pdfminer's page matrix and pdfplumber's flip, for one page."""

    ctm: tuple[float, float, float, float, float, float]
    mb_x0: float
    flip: float
    width: float
    height: float

    def point(self, x: float, y: float) -> tuple[float, float]:
        a, b, cc, d, e, f = self.ctm
        return (a * x + cc * y + e + self.mb_x0, self.flip - (b * x + d * y + f))


def _frame(page: Any) -> _Frame:
    box = (ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float())
    if not c.FPDFPage_GetMediaBox(page, *box):
        x0, y0 = 0.0, 0.0
        x1, y1 = c.FPDF_GetPageWidthF(page), c.FPDF_GetPageHeightF(page)
    else:
        x0, y0, x1, y1 = (v.value for v in box)
    rotation = (c.FPDFPage_GetRotation(page) % 4) * 90
    # pdfminer's PDFPageInterpreter.process_page, on the raw media box
    if rotation == 90:
        ctm = (0.0, -1.0, 1.0, 0.0, -y0, x1)
    elif rotation == 180:
        ctm = (-1.0, 0.0, 0.0, -1.0, x1, y1)
    elif rotation == 270:
        ctm = (0.0, 1.0, -1.0, 0.0, y1, -x0)
    else:
        ctm = (1.0, 0.0, 0.0, 1.0, -x0, -y0)
    # pdfplumber's Page: the normalized media box, turned, flipped to a top-left origin
    nx0, nx1 = sorted((x0, x1))
    ny0, ny1 = sorted((y0, y1))
    if rotation in (90, 270):
        nx0, ny0, nx1, ny1 = ny0, nx0, ny1, nx1
    height = ny1 - ny0
    mb_top = height - ny1
    return _Frame(ctm, nx0, height + mb_top, nx1 - nx0, height)


_SUBSET = re.compile(r"^[A-Z]{6}\+")


class _Descents:
    """pdfminer's descent of each font (per unit of font size), from the font dictionaries.

    pdfminer places a glyph's box from the descriptor's ``/Descent`` (0 when LibreOffice writes
    0); PDFium, from other metrics when that is 0. The dictionaries are read as pdfminer reads
    them (``PlainDocument``), once per document and font; page content is never parsed here.
    """

    def __init__(self, plain: PlainFile) -> None:
        self.plain = plain
        self._pages: Iterator[Any] | None = None
        self._pos = 0  # the next page pdfminer's page iterator gives
        self._by_ref: dict[int, tuple[str, float | None]] = {}
        self.by_name: dict[str, float | None] = {}

    def lookup(self, name: str, index: int) -> float | None:
        """pdfminer's descent of the font ``name`` used on page ``index`` (0-based), or None
        when it cannot be told; a page's fonts are read only when a name is new."""
        if name not in self.by_name:
            self._learn_page(index)
        return self.by_name.get(name)

    def _learn_page(self, index: int) -> None:
        if self._pos > index:
            return  # read already (pages come in order)
        try:
            if self._pages is None:
                from pdfminer.pdfpage import PDFPage

                self._pages = PDFPage.create_pages(self.plain.document())
            page = None
            while self._pos <= index:
                page = next(self._pages, None)
                self._pos += 1
            if page is not None:
                self._learn(page.resources, 0)
        except Exception:  # pdfminer raises many types on odd files: PDFium's metrics then
            self._pos = index + 1

    def _learn(self, resources: Any, depth: int) -> None:
        from pdfminer.pdftypes import resolve1

        resources = resolve1(resources)
        if not isinstance(resources, dict):
            return
        fonts = resolve1(resources.get("Font"))
        if isinstance(fonts, dict):
            for ref in fonts.values():
                key = getattr(ref, "objid", None)
                if key is not None and key in self._by_ref:
                    continue
                name, descent = _descent_of(resolve1(ref))
                if key is not None:
                    self._by_ref[key] = (name, descent)
                if name in self.by_name and self.by_name[name] != descent:
                    descent = None  # two fonts of one name: PDFium cannot tell them apart
                self.by_name[name] = descent
        xobjects = resolve1(resources.get("XObject"))
        if depth < 4 and isinstance(xobjects, dict):
            for ref in xobjects.values():
                attrs = getattr(resolve1(ref), "attrs", None)
                if attrs and str(resolve1(attrs.get("Subtype"))) == "/'Form'":
                    self._learn(attrs.get("Resources"), depth + 1)


def _descent_of(spec: Any) -> tuple[str, float | None]:
    """(BaseFont without subset tag, pdfminer's descent), or None when pdfminer's rule is not
    the descriptor's (Type 3 fonts)."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import literal_name

    if not isinstance(spec, dict):
        return "", None
    base = resolve1(spec.get("BaseFont"))
    name = _SUBSET.sub("", literal_name(base) if base is not None else "")
    subtype = resolve1(spec.get("Subtype"))
    subtype = literal_name(subtype) if subtype is not None else ""
    if subtype == "Type3":
        return name, _type3_descent(spec)
    descriptor = resolve1(spec.get("FontDescriptor"))
    if subtype == "Type0":
        descendants = resolve1(spec.get("DescendantFonts")) or []
        if descendants:
            descendant = resolve1(descendants[0])
            if isinstance(descendant, dict):
                descriptor = resolve1(descendant.get("FontDescriptor"))
    if not isinstance(descriptor, dict):
        if subtype in ("Type1", "MMType1", "TrueType"):
            from pdfminer.fontmetrics import FONT_METRICS

            metrics = FONT_METRICS.get(literal_name(base) if base is not None else "")
            if metrics is not None:
                descent: Any = metrics[0].get("Descent", 0)
                return name, -abs(float(descent)) / 1000
        return name, 0.0
    descent = resolve1(descriptor.get("Descent", 0))
    if not isinstance(descent, int | float):
        return name, 0.0
    return name, -abs(float(descent)) / 1000


def _type3_descent(spec: dict[str, Any]) -> float | None:
    """pdfminer's descent of a Type 3 font: the bottom of its FontBBox (the descriptor's, or
    the font's own when it has no descriptor; none readable is 0), through its FontMatrix."""
    from pdfminer.casting import safe_rect_list
    from pdfminer.pdftypes import resolve1, resolve_all

    descriptor = resolve1(spec.get("FontDescriptor"))
    holder = descriptor if isinstance(descriptor, dict) else spec
    bbox = safe_rect_list(resolve_all(holder.get("FontBBox"))) or (0.0, 0.0, 0.0, 0.0)
    matrix = resolve_all(spec.get("FontMatrix"))
    try:
        vscale = float(matrix[1]) + float(matrix[3])
    except (TypeError, ValueError, IndexError):
        return None
    return bbox[1] * vscale


def _base_font_name(font: int) -> str:
    n = _font_name(font, None, 0)
    if n <= 0:
        return ""
    buf = ctypes.create_string_buffer(n)
    _font_name(font, buf, n)
    return _SUBSET.sub("", buf.value.decode("utf-8", "replace"))


@dataclass
class PdfiumPages:
    """One open PDF: page text for the prescan and page objects for the layout, one parse each."""

    path: Path
    doc: pdfium.PdfDocument = field(init=False)

    def __post_init__(self) -> None:
        try:
            self.doc = pdfium.PdfDocument(str(self.path))
        except pdfium.PdfiumError as exc:
            if "password" in str(exc).lower():
                raise ReadError(
                    self.path, "encrypted", "the PDF needs a password to open"
                ) from None
            raise ReadError(self.path, "damaged", f"PDFium cannot open it ({exc})") from None
        self.plain = PlainFile(self.path)  # pdfminer's view: fonts' descents, damage checks
        self.descents = _Descents(self.plain)

    def __len__(self) -> int:
        return len(self.doc)

    def _reopen(self) -> None:
        """PDFium keeps every font and image it has parsed until the document is closed; a
        bundle whose pages each embed their own fonts would grow by a quarter megabyte a page."""
        self.doc.close()
        self.doc = pdfium.PdfDocument(str(self.path))

    def close(self) -> None:
        self.plain.close()
        self.doc.close()

    def __enter__(self) -> PdfiumPages:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def pages(
        self, want: Callable[[int, str, int], bool]
    ) -> Iterator[tuple[int, tuple[PageObjects, PageSize] | None]]:
        """Each page in order, parsed once: ``want(index, text, images)`` sees its text (no
        whitespace) and image count; when it says yes, the page's objects come too."""
        for i in range(len(self.doc)):
            if i and i % RECYCLE == 0:
                self._reopen()
            page = c.FPDF_LoadPage(self.doc.raw, i)
            if not page:
                raise ReadError(self.path, "damaged", f"PDFium cannot read page {i + 1}")
            try:
                textpage = c.FPDFText_LoadPage(page)
                if not textpage:
                    raise ReadError(self.path, "damaged", f"PDFium cannot read page {i + 1}")
                try:
                    raw = _page_text(textpage)
                    compact = _SPACE.sub("", raw.decode("utf-16-le", "replace"))
                    images = 0 if compact else _count_images(page)
                    objects = None
                    if want(i, compact, images):
                        frame = _frame(page)
                        out = PageObjects()
                        if NATIVE is not None:
                            unseen = _native_objects(
                                NATIVE, page, textpage, raw, frame, out, self.descents, i
                            )
                        else:
                            seen = _chars(textpage, raw, frame, out, self.descents, i)
                            unseen = _paths(page, frame, out, seen)
                        if unseen:
                            _spaces(unseen, frame, out, self.descents, i)
                        objects = (out, PageSize(frame.width, frame.height))
                finally:
                    c.FPDFText_ClosePage(textpage)
            finally:
                c.FPDF_ClosePage(page)
            yield i, objects


#: PDFium's functions the C extension calls, in the order of its table (_pdfium_fast.c)
_NATIVE_FUNCTIONS = (
    "FPDFText_GetUnicode",
    "FPDFText_IsGenerated",
    "FPDFText_GetTextObject",
    "FPDFText_GetCharOrigin",
    "FPDFText_GetLooseCharBox",
    "FPDFText_HasUnicodeMapError",
    "FPDFText_GetMatrix",
    "FPDFTextObj_GetFont",
    "FPDFTextObj_GetFontSize",
    "FPDFFont_GetGlyphWidth",
    "FPDFPageObj_CountMarks",
    "FPDFPageObj_GetMark",
    "FPDFPageObjMark_GetParamValueType",
    "FPDFPage_CountObjects",
    "FPDFPage_GetObject",
    "FPDFFormObj_CountObjects",
    "FPDFFormObj_GetObject",
    "FPDFPageObj_GetType",
    "FPDFPageObj_GetMatrix",
    "FPDFPath_GetDrawMode",
    "FPDFPath_CountSegments",
    "FPDFPath_GetPathSegment",
    "FPDFPathSegment_GetPoint",
    "FPDFPathSegment_GetType",
    "FPDFPathSegment_GetClose",
)
#: Set to use the ctypes route even where the C extension is built (tests compare the two).
CTYPES_ENV = "SELFEVAL_PDFIUM_CTYPES"


def _load_native() -> Any:
    """The C extension that reads a page's glyphs and paths in one call each (several times
    faster than a ctypes call per glyph and segment), given PDFium's function addresses from
    pypdfium2; None when it is not built (an install without a compiler) or ``CTYPES_ENV`` is
    set: the ctypes route below gives the same objects."""
    if os.environ.get(CTYPES_ENV):
        return None
    try:
        from selfeval.extract.pdf import _pdfium_fast
    except ImportError:
        return None
    _pdfium_fast.init(
        tuple(ctypes.cast(getattr(c, name), ctypes.c_void_p).value for name in _NATIVE_FUNCTIONS)
    )
    return _pdfium_fast


#: The C extension, or None for the ctypes route (``_load_native``).
NATIVE: Any = _load_native()


def _native_objects(
    native: Any,
    page: Any,
    textpage: Any,
    raw: bytes,
    frame: _Frame,
    out: PageObjects,
    fonts: _Descents,
    index: int,
) -> list[tuple[int, _Matrix]]:
    """``_chars`` then ``_paths`` by the C extension: the same objects into ``out``; returns the
    text objects left out of the text page, as ``_paths`` does."""
    n = c.FPDFText_CountChars(textpage)
    units = raw if _page_units(raw, n) is not None else None
    tp = ctypes.cast(textpage, ctypes.c_void_p).value
    pa, pb, pc, pd, _, _ = frame.ctm
    plain_page = pb == 0.0 and pc == 0.0 and pa == 1.0 and pd == 1.0
    objects = _TextObjects(ctypes.c_void_p(tp), plain_page, fonts, index)
    shape = (*frame.ctm, frame.mb_x0, frame.flip)
    seen = native.chars(tp, max(n, 0), units, shape, plain_page, objects.descent_of, out.chars)
    handle = ctypes.cast(page, ctypes.c_void_p).value
    unseen: list[tuple[int, _Matrix]] = native.paths(
        handle, shape, seen, out.lines, out.rects, out.curves
    )
    return unseen


_MAYBE_GENERATED = frozenset((0x20, 0x0D, 0x0A, 0x02, 0x03, 0xFFFE))  # what PDFium adds itself


_SURROGATE = re.compile("[\ud800-\udfff]")


def _page_units(raw: bytes, n: int) -> array[int] | None:
    """The code point of each of the page's ``n`` characters (``raw``: the page's text as
    PDFium's UTF-16 units), or None past the BMP."""
    if n <= 0:
        return array("H")
    if len(raw) != 2 * n:
        return None
    text = raw.decode("utf-16-le", "surrogatepass")  # a pair is one character: shorter
    if len(text) != n or _SURROGATE.search(text):
        return None
    return array("H", raw)


def _page_text(textpage: Any) -> bytes:
    """All the page's characters in one call, as PDFium's UTF-16 units (native order)."""
    n = c.FPDFText_CountChars(textpage)
    if n <= 0:
        return b""
    buf = ctypes.create_string_buffer(n * 2 + 2)
    got = c.FPDFText_GetText(textpage, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    return buf.raw[: max(got - 1, 0) * 2]


def _count_images(page: Any) -> int:
    return sum(
        1
        for k in range(c.FPDFPage_CountObjects(page))
        if c.FPDFPageObj_GetType(c.FPDFPage_GetObject(page, k)) == c.FPDF_PAGEOBJ_IMAGE
    )


def _fast(name: str, restype: Any, *argtypes: Any) -> Any:
    """A raw PDFium function again, with plain ``void *`` handles (far cheaper per call)."""
    address = ctypes.cast(getattr(c, name), ctypes.c_void_p).value or 0
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


class _Handle(ctypes.c_void_p):
    """A PDFium handle kept as a ctypes object (a plain ``c_void_p`` result becomes an int)."""


def _raw(name: str, restype: Any = ctypes.c_int) -> Any:
    """A raw PDFium function without argument types, for the calls made per glyph or path
    segment: ctypes then converts nothing and a call costs a third of a typed one. Handles go
    in as ctypes objects (``c_void_p``, ``_Handle``), out-parameters by ``byref``, numbers only
    where the C parameter is an ``int``."""
    address = ctypes.cast(getattr(c, name), ctypes.c_void_p).value or 0
    return ctypes.CFUNCTYPE(restype)(address)


_VP, _INT, _DBL = ctypes.c_void_p, ctypes.c_int, ctypes.c_double
_get_unicode = _raw("FPDFText_GetUnicode", ctypes.c_uint)
_is_generated = _raw("FPDFText_IsGenerated")
_get_object = _raw("FPDFText_GetTextObject", _VP)
_get_origin = _raw("FPDFText_GetCharOrigin")
_get_loose = _raw("FPDFText_GetLooseCharBox")
_get_map_error = _raw("FPDFText_HasUnicodeMapError")
_text_matrix = _raw("FPDFText_GetMatrix")
_text_font = _raw("FPDFTextObj_GetFont", _VP)
_font_size = _raw("FPDFTextObj_GetFontSize")
_font_descent = _fast(
    "FPDFFont_GetDescent", _INT, _VP, ctypes.c_float, ctypes.POINTER(ctypes.c_float)
)
_font_name = _fast(
    "FPDFFont_GetBaseFontName", ctypes.c_size_t, _VP, ctypes.c_char_p, ctypes.c_size_t
)
_glyph_width = _fast(
    "FPDFFont_GetGlyphWidth",
    _INT,
    _VP,
    ctypes.c_uint,
    ctypes.c_float,
    ctypes.POINTER(ctypes.c_float),
)


_count_marks = _raw("FPDFPageObj_CountMarks")
_get_mark = _raw("FPDFPageObj_GetMark", _Handle)  # index: an unsigned long
_mark_param_type = _raw("FPDFPageObjMark_GetParamValueType")


def _has_actual_text(obj: ctypes.c_void_p) -> bool:
    """Whether a text object sits in marked content that gives its text (/ActualText)."""
    for k in range(_count_marks(obj)):
        mark = _get_mark(obj, ctypes.c_ulong(k))
        if mark and _mark_param_type(mark, b"ActualText") != c.FPDF_OBJECT_UNKNOWN:
            return True
    return False


class _TextObjects:
    """What every glyph of one text object shares, asked of PDFium once per object: its matrix,
    font size, pdfminer's descent of its font (once per font and page) and how to measure its
    glyphs' advances."""

    def __init__(self, tp: ctypes.c_void_p, plain_page: bool, fonts: _Descents, index: int) -> None:
        self.tp, self.plain_page, self.fonts, self.index = tp, plain_page, fonts, index
        self.seen: dict[int, _ObjectInfo] = {}
        self._descents: dict[int, float] = {}
        self._m = c.FS_MATRIX()
        self._m_p = ctypes.byref(self._m)
        self._fs = ctypes.c_float()
        self._fs_p = ctypes.byref(self._fs)
        self._descent = ctypes.c_float()

    def info(self, key: int, i: int) -> _ObjectInfo:
        """(a, b, c, d, size, descent, font, plain, loose) of the object ``key`` of char ``i``:
        ``plain`` for upright text on an unturned page, ``loose`` when PDFium's loose box
        gives the advance."""
        m = self._m
        handle = ctypes.c_void_p(key)
        _text_matrix(self.tp, i, self._m_p)
        a, b, cc, d = m.a, m.b, m.c, m.d
        font = _text_font(handle)
        _font_size(handle, self._fs_p)
        size = self._fs.value
        descent = self._descents.get(font)
        if descent is None:
            descent = self.descent_of(font)
            self._descents[font] = descent
        plain = self.plain_page and b == 0.0 and cc == 0.0 and a > 0.0 and d > 0.0
        # PDFium's loose box spans the glyph's advance, but for a glyph it reads from an
        # /ActualText span it may be the glyph's ink only: the font's width is used then
        loose = abs(a) > 1e-9 and abs(b) < 1e-9 and not _has_actual_text(handle)
        info = (a, b, cc, d, size, descent, font, plain, loose)
        self.seen[key] = info
        return info

    def descent_of(self, font: int | None) -> float:
        """pdfminer's descent of ``font`` by its name; PDFium's when pdfminer's is unknown."""
        if not font:
            return 0.0
        descent = self.fonts.lookup(_base_font_name(font), self.index)
        if descent is not None:
            return descent
        if _font_descent(font, 1000.0, ctypes.byref(self._descent)):
            return self._descent.value / 1000.0
        return 0.0


def _chars(
    textpage: Any, raw: bytes, frame: _Frame, out: PageObjects, fonts: _Descents, index: int
) -> set[int]:
    """Glyphs with pdfminer's boxes, in pdfplumber's top-left coordinates.

    A glyph PDFium splits into several characters (a ligature such as "——") is one glyph again:
    pdfminer keeps it whole, with the text of all its characters. Returns the text objects seen.
    """
    n = c.FPDFText_CountChars(textpage)
    tp = ctypes.cast(textpage, ctypes.c_void_p).value
    tpv = ctypes.c_void_p(tp)  # the untyped per-glyph calls take the handle as an object
    rect = c.FS_RECTF()
    rect_p = ctypes.byref(rect)
    ox, oy = _DBL(), _DBL()
    ox_p, oy_p = ctypes.byref(ox), ctypes.byref(oy)
    width = ctypes.c_float()
    width_p = ctypes.byref(width)
    pa, pb, pc, pd, pe, pf = frame.ctm
    objects = _TextObjects(tpv, pb == 0.0 and pc == 0.0 and pa == 1.0 and pd == 1.0, fonts, index)
    seen, new_object = objects.seen, objects.info
    chars = out.chars
    append = chars.append
    last_key, last_x, last_y = None, 0.0, 0.0
    # all characters' code points in one call: one UTF-16 unit per character unless the page
    # has characters beyond the BMP (then they are asked for one by one)
    units = _page_units(raw, n)
    mb_x0, flip = frame.mb_x0, frame.flip
    get_object, get_map_error, get_origin, get_loose = (
        _get_object,
        _get_map_error,
        _get_origin,
        _get_loose,
    )
    for i in range(n):
        code = units[i] if units is not None else _get_unicode(tpv, i)
        if code in _MAYBE_GENERATED and _is_generated(tpv, i):
            continue
        key = get_object(tpv, i)
        info = seen.get(key)
        if info is None:
            info = new_object(key, i)
        a, b, cc, d, size, descent, font, plain, loose = info
        if get_map_error(tpv, i):
            text = f"(cid:{code})"
        else:
            text = chr(code) if code else "\ufffd"
        get_origin(tpv, i, ox_p, oy_p)
        x, y = ox.value, oy.value
        if key == last_key and x == last_x and y == last_y:
            chars[-1]["text"] += text  # one glyph, several characters (an /ActualText span)
            if plain:  # PDFium shares the glyph's box out among them: the glyph ends at the last
                get_loose(tpv, i, rect_p)
                right = chars[-1]["x0"] + rect.right - x
                if right > chars[-1]["x1"]:
                    chars[-1]["x1"] = right
            continue
        last_key, last_x, last_y = key, x, y
        if loose:
            get_loose(tpv, i, rect_p)
            adv = abs(rect.right - rect.left) / abs(a)
        elif font and _glyph_width(font, code, size, width_p):
            adv = width.value
        else:
            adv = size
        if plain:  # upright text on an unturned page: _glyph without the matrix products
            lo = d * descent * size + y + pf
            x0 = x + pe
            append(
                {
                    "x0": x0 + mb_x0,
                    "x1": x0 + a * adv + mb_x0,
                    "top": flip - (lo + d * size),
                    "bottom": flip - lo,
                    "text": text,
                    "size": d * size,
                    "upright": True,
                    "up": False,
                    "down": False,
                }
            )
            continue
        append(_glyph(frame, (a, b, cc, d), x, y, adv, size, descent, text))
    return set(seen)


def _glyph(
    frame: _Frame,
    m: tuple[float, float, float, float],
    x: float,
    y: float,
    adv: float,
    size: float,
    descent: float,
    text: str,
) -> dict[str, Any]:
    """One glyph as pdfminer boxes it: from (0, descent) to (adv, descent + size) in glyph
    space, then pdfminer's page frame and pdfplumber's top-left origin."""
    a, b, cc, d = m
    pa, pb, pc, pd, pe, pf = frame.ctm
    lo = descent * size
    hi = lo + size
    p0x, p0y = x + cc * lo, y + d * lo
    p1x, p1y = x + a * adv + cc * hi, y + b * adv + d * hi
    qx0 = pa * p0x + pc * p0y + pe
    qy0 = pb * p0x + pd * p0y + pf
    qx1 = pa * p1x + pc * p1y + pe
    qy1 = pb * p1x + pd * p1y + pf
    x0, x1 = (qx0, qx1) if qx0 <= qx1 else (qx1, qx0)
    y0, y1 = (qy0, qy1) if qy0 <= qy1 else (qy1, qy0)
    # the glyph's matrix in pdfminer's frame: upright and direction as pdfminer decides them
    ga, gb = pa * a + pc * b, pb * a + pd * b
    gc, gd = pa * cc + pc * d, pb * cc + pd * d
    return {
        "x0": x0 + frame.mb_x0,
        "x1": x1 + frame.mb_x0,
        "top": frame.flip - y1,
        "bottom": frame.flip - y0,
        "text": text,
        "size": y1 - y0,  # pdfminer: the box height for horizontal fonts
        "upright": ga * gd > 0 and gb * gc <= 0,
        "up": gb > 0,
        "down": ga < 0 and gd < 0,
    }


def _spaces(
    objects: list[tuple[int, _Matrix]],
    frame: _Frame,
    out: PageObjects,
    fonts: _Descents,
    index: int,
) -> None:
    """Text objects PDFium left out of its text page: a space drawn on its own (LibreOffice
    Draw ends a wrapped line so). pdfminer keeps the space glyph, and a wrap after a drawn space
    is a space in the cell text, so it is put back."""
    m = c.FS_MATRIX()
    fs, width, descent_v = ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    for obj, outer in objects:
        font = _text_font(ctypes.c_void_p(obj))
        if not font or not _font_size(ctypes.c_void_p(obj), ctypes.byref(fs)):
            continue
        size = fs.value
        if not _glyph_width(font, 32, size, ctypes.byref(width)) or width.value <= 0:
            continue
        _get_matrix(ctypes.c_void_p(obj), ctypes.byref(m))
        a, b, cc, d, e, f = _mul((m.a, m.b, m.c, m.d, m.e, m.f), outer)
        # the object's matrix scales by the font size; pdfminer's glyph matrix does not
        descent = fonts.lookup(_base_font_name(font), index)
        if descent is None:
            descent = 0.0
            if _font_descent(font, 1000.0, ctypes.byref(descent_v)):
                descent = descent_v.value / 1000.0
        out.chars.append(_glyph(frame, (a, b, cc, d), e, f, width.value, size, descent, " "))


_FLT_P = ctypes.POINTER(ctypes.c_float)
_INT_P = ctypes.POINTER(ctypes.c_int)
_count_objects = _raw("FPDFPage_CountObjects")
_get_page_object = _raw("FPDFPage_GetObject", _Handle)
_count_form_objects = _raw("FPDFFormObj_CountObjects")
_get_form_object = _raw("FPDFFormObj_GetObject", _Handle)  # index: an unsigned long
_get_type = _raw("FPDFPageObj_GetType")
_get_matrix = _raw("FPDFPageObj_GetMatrix")
_draw_mode = _raw("FPDFPath_GetDrawMode")
_count_segments = _raw("FPDFPath_CountSegments")
_get_segment = _raw("FPDFPath_GetPathSegment", _Handle)
_segment_point = _raw("FPDFPathSegment_GetPoint")
_segment_type = _raw("FPDFPathSegment_GetType")
_segment_close = _raw("FPDFPathSegment_GetClose")
_PATH, _FORM, _TEXT = c.FPDF_PAGEOBJ_PATH, c.FPDF_PAGEOBJ_FORM, c.FPDF_PAGEOBJ_TEXT
_OPS = {c.FPDF_SEGMENT_MOVETO: "m", c.FPDF_SEGMENT_LINETO: "l", c.FPDF_SEGMENT_BEZIERTO: "c"}


def _paths(page: Any, frame: _Frame, out: PageObjects, seen: set[int]) -> list[tuple[int, _Matrix]]:
    """Painted path objects of the page and of its form XObjects, as pdfminer shapes; returns
    the text objects not in ``seen`` (with the matrix of the form they sit in)."""
    unseen: list[tuple[int, _Matrix]] = []
    m = c.FS_MATRIX()
    m_p = ctypes.byref(m)
    fx, fy = ctypes.c_float(), ctypes.c_float()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    fill_p, stroke_p = ctypes.byref(fill), ctypes.byref(stroke)
    root = _Handle(ctypes.cast(page, ctypes.c_void_p).value)
    stack: list[tuple[_Handle, bool, _Matrix]] = [(root, False, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))]
    while stack:
        owner, is_form, outer = stack.pop()
        count = _count_form_objects(owner) if is_form else _count_objects(owner)
        for k in range(count):
            if is_form:
                obj = _get_form_object(owner, ctypes.c_ulong(k))
            else:
                obj = _get_page_object(owner, k)
            if not obj or obj.value in seen:  # a text object of the text page: no path
                continue
            kind = _get_type(obj)
            if kind == _FORM:
                _get_matrix(obj, m_p)
                stack.append((obj, True, _mul((m.a, m.b, m.c, m.d, m.e, m.f), outer)))
                continue
            if kind == _TEXT:
                unseen.append((obj.value, outer))
                continue
            if kind != _PATH or not _draw_mode(obj, fill_p, stroke_p):
                continue
            if not fill.value and not stroke.value:
                continue
            _get_matrix(obj, m_p)
            mat = (m.a, m.b, m.c, m.d, m.e, m.f)
            if is_form:
                mat = _mul(mat, outer)
            _add_path(_segments(obj, fx, fy), mat, frame, bool(stroke.value), out)
    return unseen


def _segments(
    obj: _Handle, fx: ctypes.c_float, fy: ctypes.c_float
) -> list[tuple[str, float, float]]:
    """A path object's segments as (op, x, y) in its own space; a closing segment adds "h"."""
    fx_p, fy_p = ctypes.byref(fx), ctypes.byref(fy)
    get_segment, point, kind, close, ops_of = (
        _get_segment,
        _segment_point,
        _segment_type,
        _segment_close,
        _OPS.get,
    )
    ops: list[tuple[str, float, float]] = []
    append = ops.append
    for s in range(_count_segments(obj)):
        seg = get_segment(obj, s)
        point(seg, fx_p, fy_p)
        append((ops_of(kind(seg), "l"), fx.value, fy.value))
        if close(seg):
            append(("h", 0.0, 0.0))
    return ops


def _mul(m1: _Matrix, m2: _Matrix) -> _Matrix:
    """m1 then m2 (PDF row-vector convention)."""
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (
        a1 * a2 + b1 * c2,
        a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2,
        c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2,
        e1 * b2 + f1 * d2 + f2,
    )


def _add_path(
    ops: list[tuple[str, float, float]], mat: _Matrix, frame: _Frame, stroke: bool, out: PageObjects
) -> None:
    """pdfminer's ``paint_path`` on PDFium's segments: subpaths to lines, rects and curves."""
    matrix = _mul(mat, frame.ctm)
    shape = "".join([seg[0] for seg in ops])
    if "c" in shape:
        ops = _bezier_ends(ops)
        shape = "".join([seg[0] for seg in ops])
    if shape[:1] == "m" and shape.find("m", 1) < 0:  # one subpath: most paths
        kind, pts = _shape(ops, matrix, shape)
        _emit(kind, pts, frame, stroke, out)
        return
    for sub in _subpaths(ops):
        if sub[0][0] != "m":
            continue
        kind, pts = _shape(sub, matrix)
        _emit(kind, pts, frame, stroke, out)


def _bezier_ends(ops: list[tuple[str, float, float]]) -> list[tuple[str, float, float]]:
    """PDFium gives a Bezier as three points; pdfminer keeps only the end point."""
    path: list[tuple[str, float, float]] = []
    pending = 0
    for seg in ops:
        if seg[0] == "c":
            pending += 1
            if pending == 3:
                path.append(seg)
                pending = 0
            continue
        pending = 0
        path.append(seg)
    return path


def _subpaths(path: list[tuple[str, float, float]]) -> list[list[tuple[str, float, float]]]:
    """The path cut before every move."""
    subpaths: list[list[tuple[str, float, float]]] = []
    for seg in path:
        if seg[0] == "m" or not subpaths:
            subpaths.append([])
        subpaths[-1].append(seg)
    return subpaths


def _shape(
    sub: list[tuple[str, float, float]], matrix: _Matrix, shape: str | None = None
) -> tuple[str, list[tuple[float, float]]]:
    """pdfminer's kind of one subpath (line, rect or curve) and its points in the page frame:
    ``m l`` is a line; a closed axis-aligned ``m l l l`` a rect (its two corners); else a curve.
    ``shape``: the subpath's operators, when known already."""
    a, b, cc, d, e, f = matrix
    if shape is None:
        shape = "".join([seg[0] for seg in sub])
    x_start, y_start = sub[0][1], sub[0][2]
    pts = []
    for op, x, y in sub:
        if op == "h":
            x, y = x_start, y_start
        pts.append((a * x + cc * y + e, b * x + d * y + f))
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        return "line", pts
    if shape not in ("mlllh", "mllll"):
        return "curve", pts
    (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
    closed = pts[0] == pts[4]
    square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
        y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
    )
    if closed and square:
        return "rect", [pts[0], pts[2]]
    return "curve", pts


def _emit(
    kind: str, pts: list[tuple[float, float]], frame: _Frame, stroke: bool, out: PageObjects
) -> None:
    """One shape in pdfplumber's top-left coordinates, into its list of ``out``."""
    mb_x0, flip = frame.mb_x0, frame.flip
    if len(pts) == 2:  # a line or a rect's corners: most shapes
        (xa, ya), (xb, yb) = pts
        x0, x1 = (xa, xb) if xa <= xb else (xb, xa)
        y0, y1 = (ya, yb) if ya <= yb else (yb, ya)
    else:
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    shape_d: dict[str, Any] = {
        "x0": x0 + mb_x0,
        "x1": x1 + mb_x0,
        "top": flip - y1,
        "bottom": flip - y0,
    }
    if kind == "line":
        out.lines.append(shape_d)
    elif kind == "rect":
        shape_d["stroke"] = stroke
        out.rects.append(shape_d)
    else:
        shape_d["pts"] = [(x + mb_x0, flip - y) for x, y in pts]
        out.curves.append(shape_d)
