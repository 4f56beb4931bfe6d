"""pdfminer's document, faster: a plain object is read with regular expressions.

pdfminer's tokenizer is pure Python, a state machine run byte by byte; most of the objects a
page's fonts and resources are made of (a font with its width arrays, a Type 3 font's encoding,
a stream's dictionary) are "plain": numbers, names, references, and arrays and dictionaries of
them. ``PlainDocument`` reads such an object, or a stream with such a dictionary, with regular
expressions to the very Python values pdfminer's parser gives (each token ends where pdfminer's
tokenizer ends it); strings, comments, odd tokens or any doubt go to pdfminer's own parser.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO

from pdfminer.pdfdocument import PDFBaseXRef, PDFDocument, PDFXRef
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFObjRef, PDFStream, int_value
from pdfminer.psparser import LIT, PSLiteral


class PlainDocument(PDFDocument):
    """pdfminer's document, which reads a plain object (numbers, names, references, arrays and
    dictionaries of them: a font with its width arrays; a stream with such a dictionary) with
    regular expressions instead of its tokenizer, to the same Python values, as pdfminer's
    parser would; anything else, or any doubt, goes to pdfminer's parser."""

    def __init__(self, parser: PDFParser, fd: int) -> None:
        self._fd = fd
        self._size = os.fstat(fd).st_size
        super().__init__(parser)

    def read_xref_from(self, parser: PDFParser, start: int, xrefs: list[PDFBaseXRef]) -> None:
        """pdfminer's ``read_xref_from``, with a plain cross-reference table (the ``xref``
        keyword, subsections of ``n g n|f`` lines, a plain trailer dictionary) read with
        regular expressions to the same offsets and trailer; anything else goes to pdfminer."""
        xref = self._plain_xref(start)
        if xref is None:
            super().read_xref_from(parser, start, xrefs)
            return
        xrefs.append(xref)
        trailer = xref.get_trailer()
        if "XRefStm" in trailer:
            self.read_xref_from(parser, int_value(trailer["XRefStm"]), xrefs)
        if "Prev" in trailer:
            self.read_xref_from(parser, int_value(trailer["Prev"]), xrefs)

    def _plain_xref(self, start: int) -> PDFXRef | None:
        if not 0 <= start < self._size:
            return None
        size = 1 << 14
        while True:  # enough when the trailer's dictionary is in view
            data = os.pread(self._fd, size, start)
            head = _XREF.match(data)
            if head is None:
                return None
            read = _xref_table(data, head.end(), self)
            if read is not None or len(data) < size:
                break
            if size >= _MAX_PLAIN:
                return None
            size <<= 2
        if read is None:
            return None
        offsets, trailer = read
        xref = PDFXRef()
        xref.offsets = offsets
        xref.trailer.update(trailer)
        return xref

    def forget(self) -> None:
        """Drop the objects parsed so far."""
        self._cached_objs.clear()
        self._parsed_objs.clear()

    def _getobj_parse(self, pos: int, objid: int) -> object:
        found = self._plain(pos, objid)
        return found[0] if found is not None else super()._getobj_parse(pos, objid)

    def _plain(self, pos: int, objid: int) -> tuple[object] | None:
        size = 1 << 12
        while True:  # enough when the object's end or its stream's start is in view
            data = os.pread(self._fd, size, pos)
            if b"endobj" in data or b"stream" in data or len(data) < size:
                break
            if size >= _MAX_PLAIN:
                return None
            size <<= 2
        head = _HEAD.match(data)
        if head is None or int(head[1]) != objid:
            return None
        parsed = _plain_value(data, head.end(), self)
        if parsed is None:
            return None
        value, at = parsed
        if _END.match(data, at):
            return (value,)
        keyword = _STREAM_KEYWORD.match(data, at)
        parser = self._parser
        if keyword is None or not isinstance(value, dict) or parser is None or parser.fallback:
            return None
        return self._stream(value, pos + keyword.start(1))

    def _stream(self, dic: dict[str, Any], pos: int) -> tuple[object] | None:
        """The stream whose keyword ``stream`` is at ``pos``, as ``PDFParser.do_keyword`` reads
        it: ``/Length`` bytes from the next line, up to the next ``endstream``."""
        try:
            length = int_value(dic["Length"]) if "Length" in dic else 0
        except Exception:  # pdfminer's parser will fail there the same way
            return None
        head = os.pread(self._fd, 1 << 12, pos)
        line = _LINE.match(head)
        if line is None or line.end() >= len(head):
            return None
        start = pos + line.end()
        if not 0 <= length <= self._size - start:
            return None  # pdfminer reads what there is to the file's end
        raw = os.pread(self._fd, length, start) if length else b""
        tail = os.pread(self._fd, 1 << 12, start + length)
        end = tail.find(b"endstream")
        if len(raw) != length or end < 0 or not _ENDSTREAM.match(tail, end):
            return None
        return (PDFStream(dic, raw, self.decipher),)


class PlainFile:
    """One file's ``PlainDocument``, opened on first use and shared by the readers of the file
    (the PDFium engine's font descents, the damage checks): pdfminer reads the file's cross
    reference table and trailer once, and objects one reader parsed are there for the other."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._fh: BinaryIO | None = None
        self._doc: PlainDocument | None = None
        self._error: Exception | None = None

    def document(self) -> PlainDocument:
        """The document; pdfminer's error when it cannot open it (raised again each time)."""
        if self._doc is None:
            if self._error is not None:
                raise self._error
            fh = open(self.path, "rb")  # noqa: SIM115 - closed by close()
            try:
                self._doc = PlainDocument(PDFParser(fh), fh.fileno())
            except Exception as exc:  # pdfminer raises many types on odd files
                fh.close()
                self._error = exc
                raise
            self._fh = fh
        return self._doc

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        self._doc = None

    def __enter__(self) -> PlainFile:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _xref_table(
    data: bytes, pos: int, doc: PDFDocument
) -> tuple[dict[int, tuple[int | None, int, int]], dict[str, Any]] | None:
    """(offsets, trailer) of the cross-reference table whose first subsection starts at
    ``data[pos:]``, as ``PDFXRef.load`` reads it line by line; None when a line is not one of
    its plain forms or the trailer is not in ``data``."""
    offsets: dict[int, tuple[int | None, int, int]] = {}
    while (sub := _XREF_SUBSECTION.match(data, pos)) is not None:
        first, count = int(sub[1]), int(sub[2])
        pos = sub.end()
        for objid in range(first, first + count):
            entry = _XREF_ENTRY.match(data, pos)
            if entry is None:
                return None
            pos = entry.end()
            if entry[3] == b"n":
                offsets[objid] = (None, int(entry[1]), int(entry[2]))
    keyword = _TRAILER.match(data, pos)
    if keyword is None:
        return None
    parsed = _plain_value(data, keyword.end(), doc)
    if parsed is None or not isinstance(parsed[0], dict):
        return None
    return offsets, parsed[0]


#: The largest plain object read without pdfminer's tokenizer.
_MAX_PLAIN = 1 << 24
_HEAD = re.compile(rb"\s*(\d+)\s+\d+\s+obj(?=[\s/\[<])")
_END = re.compile(rb"\s*endobj[\s/%\[\]()<>{}#]")
_STREAM_KEYWORD = re.compile(rb"\s*(stream)[\s/%\[\]()<>{}#]")
_LINE = re.compile(rb"[^\r\n]*(?:\r\n?|\n)")
_ENDSTREAM = re.compile(rb"endstream\s+endobj[\s/%\[\]()<>{}#]")
#: One token of a plain object; each ends where pdfminer's tokenizer ends it.
_TOKEN = re.compile(
    rb"\s*(?:(?P<ints>(?:\s*(?!\d+\s+\d+\s+R[\s/\[\]<>])[+-]?\d+(?=[\s/\[\]<>])){2,})"
    rb"|(?P<names>(?:\s*/[^\s#/%\[\]()<>{}\x00-\x1f\x7f-\xff]+(?=[\s/%\[\]()<>{}])){2,})"
    rb"|(?P<ref>\d+)\s+\d+\s+R(?=[\s/\[\]<>])"
    rb"|(?P<int>[+-]?\d+)(?=[\s/\[\]<>])"
    rb"|(?P<real>[+-]?(?:\d+\.\d*|\.\d+))(?=[\s/\[\]<>])"
    rb"|/(?P<name>[^\s#/%\[\]()<>{}\x00-\x1f\x7f-\xff]+)(?=[\s/%\[\]()<>{}])"
    rb"|(?P<dict><<)|(?P<array>\[)|(?P<dend>>>)|(?P<aend>\])"
    rb"|\((?P<str>[^()\\\r\n]*)\)|<(?P<hex>(?:[0-9A-Fa-f]{2})*)>"
    rb"|(?P<word>true|false|null)(?=[\s/\[\]<>]))"
)
_NAME = re.compile(r"/([^\s/]+)")
#: A cross-reference table's forms that ``PDFXRef.load`` reads to what they say: a line is
#: what pdfminer's ``nextline`` gives (ended by CR, LF or CR LF), stripped, split at single
#: spaces; blank lines only before a subsection or the trailer.
_EOL = rb"(?:\r\n|\r|\n)"
_BLANK = rb"(?:[ \t\x0b\x0c]*" + _EOL + rb")*"
_XREF = re.compile(rb"[ \t\r\n\x0c]*xref" + _EOL)
_XREF_SUBSECTION = re.compile(_BLANK + rb"[ \t\x0b\x0c]*(\d+) (\d+)[ \t\x0b\x0c]*" + _EOL)
_XREF_ENTRY = re.compile(rb"[ \t\x0b\x0c]*(\d+) (\d+) ([nf])[ \t\x0b\x0c]*" + _EOL)
_TRAILER = re.compile(_BLANK + rb"[ \t\x0b\x0c]*trailer(?=[\s/%\[\]()<>{}])")
_WORDS = {b"true": True, b"false": False, b"null": None}


def _plain_value(data: bytes, pos: int, doc: PDFDocument) -> tuple[Any, int] | None:
    """(the plain value pdfminer parses from ``data[pos:]``, where it ends), or None when the
    value is not plain."""
    stack: list[tuple[bool, list[Any]]] = []  # (a dictionary?, the items around it)
    items: list[Any] = []
    while (m := _TOKEN.match(data, pos)) is not None:
        pos = m.end()
        kind = m.lastgroup
        if kind == "name":
            value: Any = LIT(m["name"].decode("ascii"))
        elif kind == "ref":
            objid = int(m["ref"])
            if objid == 0:
                return None
            value = PDFObjRef(doc, objid)
        elif kind == "dict" or kind == "array":
            stack.append((kind == "dict", items))
            items = []
            continue
        elif kind == "dend" or kind == "aend":
            if not stack or stack[-1][0] != (kind == "dend"):
                return None
            is_dict, outer = stack.pop()
            if is_dict:
                keys = items[::2]
                if len(items) % 2 or not all(isinstance(k, PSLiteral) for k in keys):
                    return None
                value = {k.name: v for k, v in zip(keys, items[1::2], strict=True) if v is not None}
            else:
                value = items
            items = outer
        elif kind == "names" or kind == "ints":
            if not stack:
                return None
            if kind == "ints":
                items.extend(map(int, m["ints"].split()))
            else:
                items.extend(map(LIT, _NAME.findall(m["names"].decode("ascii"))))
            continue
        elif kind == "int":
            value = int(m["int"])
        elif kind == "real":
            value = float(m["real"])
        elif kind == "str":
            value = m["str"]
        elif kind == "hex":
            value = bytes.fromhex(m["hex"].decode("ascii"))
        else:
            value = _WORDS[m["word"]]
        if not stack:
            return value, pos
        items.append(value)
    return None
