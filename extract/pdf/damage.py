"""Damage a PDF's text layer can hide: streams that do not decode, glyphs a map does not cover,
pages the document's own structure still names.

A damaged file often still parses: PDFium and pdfminer decode what they can of a broken stream
and draw the rest from guesses, so a flipped bit or an overwritten stretch gives other, valid
characters, and a page dropped from the page tree leaves a shorter, well-formed document. What
stays behind is found here, page by page, and the forms on those pages get a ``reading.*`` doubt
(``extract.checks.note_damaged_pages``):

- a page's content stream, or the ToUnicode map of a font it draws with, that does not inflate
  to its end (a FlateDecode error or a failed checksum);
- a tagged PDF whose structure tree holds the marked content of a page the page tree no longer
  lists (its ``/Pg`` is not one of the document's pages);
- a glyph whose code the font's own ToUnicode map leaves out while it maps the others: pdfminer
  would give the encoding's guess (an ASCII letter where 超 was printed); ``mapped_glyphs_only``
  makes it U+FFFD, so the cell is ``reading.garbled``.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdffont import PDFFont, PDFSimpleFont
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1
from pdfminer.psparser import PSLiteral

from selfeval.extract.checks import note_damaged_pages
from selfeval.extract.pdf.plain_objects import PlainDocument, PlainFile
from selfeval.extract.record import Form


def _flate_module() -> Any:
    """python-isal's zlib: it inflates four times as fast as the standard library's, to the
    same verdicts (an error, or no end); the standard library's where it is not installed."""
    try:
        from isal import isal_zlib
    except ImportError:
        return zlib
    return isal_zlib


_FLATE: Any = _flate_module()

#: Struct tree entries read at most: a bound on a hostile, deeply nested number tree.
_MAX_TREE_NODES = 20000


def note_damage(
    forms: list[Form], path: str | Path, pages: Iterable[int], plain: PlainFile | None = None
) -> None:
    """Doubt the forms on the 0-based ``pages`` of ``path`` whose text layer is damaged
    (``plain``: the file's document when a reader has it open already)."""
    try:
        streams, missing = find_damage(path, set(pages), plain)
    except Exception:  # a file pdfminer cannot walk was read by another route; nothing to add
        return
    note_damaged_pages(forms, streams, missing)


def find_damage(
    path: str | Path, pages: set[int], plain: PlainFile | None = None
) -> tuple[list[int], list[int]]:
    """(1-based pages among ``pages`` with a stream that does not decode, 1-based pages after
    which the structure tree names a page the page tree lacks). ``plain``: the file's document
    when a reader has it open already (opening it is a third of the work on a short file)."""
    if plain is None:
        with PlainFile(path) as own:
            return _find_damage(own.document(), pages)
    return _find_damage(plain.document(), pages)


def _find_damage(doc: PlainDocument, pages: set[int]) -> tuple[list[int], list[int]]:
    walk = _Walk()
    broken: list[int] = []
    ids: set[object] = set()
    parents: list[Any] = []
    tree = PDFPage.create_pages(doc)
    i = 0
    while True:
        try:
            page = next(tree, None)
        except Exception:  # a page (or a node above it) that does not parse: PDFium read it
            # leniently, so what it read there and on every page after it is in doubt
            return broken + sorted(p + 1 for p in pages if p >= i), []
        if page is None:
            break
        if i in pages and walk.page_broken(page):
            broken.append(i + 1)
        ids.add(page.pageid)
        parents.append(page.attrs.get("StructParents"))
        if i % _FORGET == _FORGET - 1:
            doc.forget()
        i += 1
    return broken, _dropped_pages(doc, ids, parents)


#: Pages after which the document forgets the objects it parsed (it parses them again if asked,
#: to the same values): its memory stays flat however many pages the file has.
_FORGET = 32


class _Walk:
    """Everything a page's text is drawn from: its content streams and, through its
    resources, its fonts (maps, widths, descriptors, programs, Type 3 glyph procedures) and
    form XObjects. Broken: a reference to an object that does not parse, a stream without a
    length, or a FlateDecode stream that does not inflate to its end. Objects shared by
    several pages are judged once."""

    def __init__(self) -> None:
        self.judged: dict[int, bool] = {}

    def page_broken(self, page: PDFPage) -> bool:
        try:
            contents = page.contents if isinstance(page.contents, list) else [page.contents]
            return any(self._broken(c, 0, _STREAM) for c in contents) or self._broken(
                page.resources, 0, _ANY
            )
        except Exception:  # pdfminer raises many types on a broken object
            return True

    def _broken(self, value: Any, depth: int, want: int) -> bool:
        """``want``: what the value must be (_STREAM: contents, a font program, a glyph)."""
        if depth > _MAX_DEPTH:
            return False
        if isinstance(value, PDFObjRef):
            objid = int(value.objid)
            if objid not in self.judged:
                self.judged[objid] = False  # a cycle back here judges nothing new
                target = resolve1(value)
                self.judged[objid] = target is None or self._target_broken(target, depth, want)
            return self.judged[objid]
        return value is not None and self._target_broken(value, depth, want)

    def _target_broken(self, target: Any, depth: int, want: int) -> bool:
        if isinstance(target, PDFStream):
            if not isinstance(resolve1(target.get("Length")), int):
                return True
            image = getattr(target.get("Subtype"), "name", None) == "Image"
            if not image and not _inflates(target):
                return True  # an image's pixels draw no text
            target = target.attrs
        elif want == _STREAM:
            return True  # a stream's dictionary that no longer parses as one
        elif want == _DICT and not isinstance(target, dict):
            return True  # a font's descriptor, resources ... that no longer parse as one
        if isinstance(target, dict) and _undrawn_glyph(target):
            return True
        if isinstance(target, dict):
            for k, v in target.items():
                if k in _UP:
                    continue
                kind = _STREAM if want == _STREAMS else _KEYS.get(k, _ANY)
                # a number or a name is broken only where a stream or a dictionary must be
                if (kind >= _STREAM or isinstance(v, _NODES)) and self._broken(v, depth + 1, kind):
                    return True
            return False
        if isinstance(target, list):
            return any(self._broken(v, depth + 1, _ANY) for v in target if isinstance(v, _NODES))
        return False


def _undrawn_glyph(font: dict[str, Any]) -> bool:
    """A Type 3 font whose encoding names a glyph its CharProcs do not hold: PDFium leaves
    that character out of the page's text (标 of 产出指标 gone), while pdfminer still reads it
    from the ToUnicode map. A form's own Type 3 fonts draw every glyph they name."""
    if getattr(font.get("Subtype"), "name", None) != "Type3":
        return False
    procs = resolve1(font.get("CharProcs"))
    encoding = resolve1(font.get("Encoding"))
    differences = resolve1(encoding.get("Differences")) if isinstance(encoding, dict) else None
    if not isinstance(procs, dict) or not isinstance(differences, list):
        return False
    return any(isinstance(name, PSLiteral) and name.name not in procs for name in differences)


#: Keys that lead back up the page tree or across the document, not into a page's text.
_UP = {"Parent", "P", "Annots", "StructParents", "Metadata", "Thumb"}
_MAX_DEPTH = 12
#: What in an array may be broken (a number or a name in it is not).
_NODES = (PDFObjRef, PDFStream, dict, list)
_ANY, _STREAM, _STREAMS, _DICT = 0, 1, 2, 3
#: Keys whose value is a stream, a dictionary of streams (glyph procedures, XObjects), or a
#: dictionary.
_KEYS = {
    **dict.fromkeys(("ToUnicode", "FontFile", "FontFile2", "FontFile3"), _STREAM),
    **dict.fromkeys(("CharProcs", "XObject"), _STREAMS),
    # (not /Font: an ExtGState's is an array)
    **dict.fromkeys(("FontDescriptor", "Resources", "ExtGState", "CIDSystemInfo"), _DICT),
}


def _inflates(stream: PDFStream) -> bool:
    """False when a FlateDecode stream stops with an error or before its end."""
    filters = stream.get_filters()
    if not filters or getattr(filters[0][0], "name", None) not in ("FlateDecode", "Fl"):
        return True
    inflater = _FLATE.decompressobj()
    try:
        inflater.decompress(stream.get_rawdata() or b"")
    except _FLATE.error:
        return False
    return bool(inflater.eof)


def _dropped_pages(doc: PDFDocument, ids: set[object], parents: list[Any]) -> list[int]:
    """Pages (1-based) after which a page is missing: the structure tree's parent tree holds a
    page's marked content whose ``/Pg`` is no page of the page tree (``ids``, the object ids of
    the pages listed; ``parents``, their ``/StructParents``)."""
    root = resolve1(doc.catalog.get("StructTreeRoot"))
    tree = resolve1(root.get("ParentTree")) if isinstance(root, dict) else None
    if not isinstance(tree, dict):
        return []
    keys = [resolve1(parent) for parent in parents]
    out = []
    for key, value in _numbers(tree):
        if _marked_pages(resolve1(value)) <= ids:
            continue
        before = [i + 1 for i, k in enumerate(keys) if isinstance(k, int) and k < key]
        out.append(max(before, default=0))
    return sorted(set(out))


def _marked_pages(value: Any) -> set[int]:
    """The object ids of the pages an array of marked-content parents names (``/Pg``)."""
    if not isinstance(value, list):
        return set()  # an annotation's or an object's single parent, not a page's
    out = set()
    for elem in value:
        elem = resolve1(elem)
        if isinstance(elem, dict) and isinstance(elem.get("Pg"), PDFObjRef):
            out.add(int(elem["Pg"].objid))
    return out


def _numbers(tree: dict[str, Any]) -> Iterator[tuple[int, Any]]:
    """The (key, value) pairs of a number tree."""
    stack, seen = [tree], 0
    while stack and seen < _MAX_TREE_NODES:
        node = stack.pop()
        seen += 1
        nums = resolve1(node.get("Nums")) or []
        for i in range(0, len(nums) - 1, 2):
            key = resolve1(nums[i])
            if isinstance(key, int):
                yield key, nums[i + 1]
        for kid in resolve1(node.get("Kids")) or []:
            kid = resolve1(kid)
            if isinstance(kid, dict):
                stack.append(kid)


class _MappedOnly(PDFResourceManager):
    """Fonts whose ToUnicode map misses a code give U+FFFD for it, not the encoding's guess."""

    def get_font(self, objid: object, spec: Any) -> PDFFont:
        font = super().get_font(objid, spec)
        if isinstance(font, PDFSimpleFont) and font.unicode_map and "to_unichr" not in vars(font):
            setattr(font, "to_unichr", _mapped_only(font))  # noqa: B010 (an instance's own)
        return font


def _mapped_only(font: PDFSimpleFont) -> Callable[[int], str]:
    unicode_map = font.unicode_map
    fallback = type(font).to_unichr

    def to_unichr(cid: int) -> str:
        try:
            return unicode_map.get_unichr(cid)  # type: ignore[union-attr]
        except KeyError:
            guess = fallback(font, cid)
            return guess if guess.isspace() else "\ufffd"

    return to_unichr


def mapped_glyphs_only(pdf: Any) -> None:
    """Make a ``pdfplumber.PDF`` read a glyph its font's ToUnicode map omits as U+FFFD."""
    pdf.rsrcmgr = _MappedOnly()
