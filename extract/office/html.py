"""HTML pages (.html/.htm, .mhtml web archives, .xls files that are HTML) with lxml.

The charset comes from a byte-order mark, else the page's own declaration (<meta charset>,
http-equiv, the archive part's header), else UTF-8 when the bytes are valid UTF-8, else
GB18030 (which covers GBK and GB2312); bytes that still do not decode are replaced and
the cells holding them get a ``reading.garbled`` note. Tables that hold other tables are page
chrome (a layout table around the content): only the innermost tables are grids, read by rowspan and
colspan; text outside them (the title, （2021年度）, signatures, but also the site's navigation)
becomes loose lines, which the assembly passes over unless they belong to a form. ``<br>`` and
paragraphs inside a cell are line breaks in its text.
"""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path
from typing import TYPE_CHECKING

from selfeval.extract.errors import ReadError
from selfeval.extract.office.canvas import Canvas, SourceCell

if TYPE_CHECKING:  # lxml is imported when a page is read
    from lxml.etree import _Element

_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_GB = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "gb_2312-80", "euc-cn", "hz-gb-2312"}
_BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table", "section",
    "article", "header", "footer", "nav", "form", "blockquote", "pre", "center", "dd", "dt",
    "dl", "caption", "tbody", "thead", "tfoot", "td", "th", "body", "address", "hr",
}  # fmt: skip
_SKIP = {"script", "style", "head", "title", "noscript", "template", "select", "option", "iframe"}
_SPACE = re.compile(r"[ \t\r\n\f\u00a0\u3000]+")
_BR = "\x00"
_PARA = "\x01"
_PARAS = re.compile(r"\s*\x01[\x01\s]*")


class Decoded:
    def __init__(self, text: str, charset: str, replaced: int) -> None:
        self.text, self.charset, self.replaced = text, charset, replaced


def decode_page(data: bytes, declared: str | None = None) -> Decoded:
    """The page's text and the charset it was read with (see the module docstring)."""
    for bom, enc in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            return _decode(data[len(bom) :], enc)
    charset = (declared or "").lower() or None
    if charset is None and (m := _META.search(data[:4096])):
        charset = m.group(1).decode("ascii", "ignore").lower()
    if charset in _GB:
        charset = "gb18030"
    if charset:
        try:
            "".encode(charset)
        except LookupError:
            charset = None
    if charset and charset.replace("-", "").replace("_", "") not in ("utf8",):
        return _decode(data, charset)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", 0)
    except UnicodeDecodeError:
        pass
    if charset is None:  # undeclared and not UTF-8: the Chinese web's default
        gb = _decode(data, "gb18030")
        if gb.replaced == 0:
            return gb
    return _decode(data, "utf-8")


def _decode(data: bytes, enc: str) -> Decoded:
    try:
        return Decoded(data.decode(enc), enc, 0)
    except UnicodeDecodeError:
        text = data.decode(enc, errors="replace")
        return Decoded(text, enc, text.count("\ufffd"))


def archive_html(data: bytes) -> tuple[bytes, str | None]:
    """The HTML part of an MHTML archive and its declared charset. Form feeds go first: an
    archive printed as text and dumped by pdftotext carries one at each page break, and
    inside a quoted-printable line it would split a character's bytes (是 read as � ��);
    the archive itself never holds one unescaped (it would be =0C)."""
    msg = email.message_from_bytes(data.replace(b"\f", b""), policy=email.policy.compat32)
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                return payload, part.get_content_charset()
    raise ValueError("no text/html part in the archive")


def read_html(path: Path, archive: bool = False) -> list[Canvas]:
    import lxml.etree
    import lxml.html

    data = path.read_bytes()
    declared = None
    if archive:
        try:
            data, declared = archive_html(data)
        except ValueError as exc:
            raise ReadError(path, "not-a-form", str(exc)) from None
    page = decode_page(data, declared)
    text = re.sub(r"^\s*<\?xml[^>]*>", "", page.text)
    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ReadError(path, "damaged", f"the page cannot be parsed: {exc}") from None
    canvas = Canvas(1)
    walker = _Walker(canvas)
    walker.walk(root)
    walker.flush()
    if not canvas.tables:
        raise ReadError(path, "not-a-form", "the page holds no table")
    canvas.info["charset"] = page.charset
    return [canvas]


class _Walker:
    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.buffer: list[str] = []
        self.tables = 0
        self.lines = 0

    def flush(self) -> None:
        text = _clean("".join(self.buffer))
        self.buffer = []
        for line in text.split("\n"):
            if line.strip():
                self.lines += 1
                self.canvas.line(line.strip(), f"line {self.lines}")

    def walk(self, el: _Element) -> None:
        if not isinstance(el.tag, str) or el.tag.lower() in _SKIP:  # comments, scripts
            self.buffer.append(el.tail or "")
            return
        tag = el.tag.lower()
        if tag == "table" and not _has_table(el):
            self.flush()
            self.table(el)
            self.buffer.append(el.tail or "")
            return
        block = tag in _BLOCKS
        if block:
            self.buffer.append("\n")
        if tag == "br":
            self.buffer.append("\n")
        self.buffer.append(el.text or "")
        for child in el:
            self.walk(child)
        if block:
            self.buffer.append("\n")
        self.buffer.append(el.tail or "")

    def table(self, el: _Element) -> None:
        self.tables += 1
        n = self.tables
        cells, widths = _table_cells(el, n)
        cols = [c for c in el.iter("col") if _owner_table(c) is el]
        if cols and not widths:
            widths = {i: w for i, c in enumerate(cols) if (w := _width(c.get("width")))}
        n_cols = max((c.col + c.colspan for c in cells), default=0)
        self.canvas.table(cells, [widths.get(i, 60.0) for i in range(n_cols)])


def _table_cells(el: _Element, n: int) -> tuple[list[SourceCell], dict[int, float]]:
    """The cells of table number n on its grid (spans occupying it), and the cells' widths."""
    rows = [tr for tr in el.iter("tr") if _owner_table(tr) is el]
    occupied: set[tuple[int, int]] = set()
    cells: list[SourceCell] = []
    widths: dict[int, float] = {}
    for r, tr in enumerate(rows):
        _tr_cells(tr, r, len(rows), n, occupied, cells, widths)
    return cells, widths


def _tr_cells(
    tr: _Element,
    r: int,
    n_rows: int,
    n: int,
    occupied: set[tuple[int, int]],
    cells: list[SourceCell],
    widths: dict[int, float],
) -> None:
    """Add the cells of row r (a tr) to cells, marking the grid positions they occupy."""
    col = 0
    for k, td in enumerate(
        c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")
    ):
        while (r, col) in occupied:
            col += 1
        rowspan = max(1, min(_span(td.get("rowspan")), n_rows - r))
        colspan = max(1, min(_span(td.get("colspan")), 1000))
        for rr in range(r, r + rowspan):
            for cc in range(col, col + colspan):
                occupied.add((rr, cc))
        if colspan == 1 and (w := _width(td.get("width"))):
            widths.setdefault(col, w)
        cells.append(
            SourceCell(r, col, rowspan, colspan, td_text(td), f"table {n} row {r + 1} col {k + 1}")
        )
        col += colspan


def _owner_table(el: _Element) -> _Element | None:
    for anc in el.iterancestors():
        if isinstance(anc.tag, str) and anc.tag.lower() == "table":
            return anc
    return None


def _has_table(el: _Element) -> bool:
    return any(True for _ in el.iter("table") if _ is not el)


def _span(value: str | None) -> int:
    try:
        return int(re.sub(r"\D", "", value or "") or 1)
    except ValueError:
        return 1


def _width(value: str | None) -> float | None:
    m = re.match(r"\s*(\d+(?:\.\d+)?)\s*(px)?\s*$", value or "")
    return float(m.group(1)) if m else None


def td_text(td: _Element) -> str | None:
    """A cell's text: whitespace of the source collapsed, <br> and paragraphs as line breaks."""
    parts: list[str] = []

    def walk(el: _Element) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _SKIP:
            parts.append(el.tail or "")
            return
        if tag == "br":
            parts.append(_BR)
        block = tag in ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6")
        if block:
            parts.append(_PARA)
        if isinstance(el.tag, str):
            parts.append(el.text or "")
            for child in el:
                walk(child)
        if block:
            parts.append(_PARA)
        parts.append(el.tail or "")

    parts.append(td.text or "")
    for child in td:
        walk(child)
    text = _SPACE.sub(" ", "".join(parts))
    # a paragraph boundary is one break, however many block edges meet there
    text = _PARAS.sub(_PARA, text).strip(_PARA + " ").replace(_PARA, _BR)
    out = "\n".join(line.strip() for line in text.split(_BR)).strip("\n")
    return out or None


def _clean(text: str) -> str:
    lines = [_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)
