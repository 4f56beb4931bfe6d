"""Tell what kind of input a file is from its bytes, so readers are chosen by content.

The name never decides: an ``.xls`` that is an HTML page is read as HTML, an ``.xlsx`` that
is a renamed ``.xls`` as ``.xls``. Zip packages are told apart by their parts (Word, Excel,
OpenDocument), OLE2 compound files by their streams (Word, Excel, an encrypted package).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
#: the share of replaced characters a damaged text may hold and still be read as text
MAX_BAD_SHARE = 0.01
_HTML = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|table|title)\b", re.I | re.S
)
_HTML_ANYWHERE = re.compile(r"<table\b[^>]*>.*?<t[rd]\b", re.I | re.S)
_MHTML = re.compile(r"^(?:[\w-]+:.*\r?\n)*?mime-version:", re.I)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_LIMIT = 64 * 1024 * 1024


def sniff(path: str | Path) -> str:
    """Return the kind of a file by content.

    One of 'pdf', 'xlsx', 'xls', 'ods', 'docx', 'doc', 'html', 'mhtml', 'text', 'encrypted'
    (a password-protected office file), 'damaged' (a broken zip package), 'zip' (some other
    zip), 'empty' or 'binary'.
    """
    with open(path, "rb") as fh:
        head = fh.read(8192)
    if not head.strip():
        return "empty"
    if head.lstrip(b"\x00\t\r\n ").startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path)
    if head.startswith(_OLE):
        return _ole_kind(path)
    text = decode_text(head, probe=True)
    if text is not None:
        if _MHTML.match(text) and "multipart/related" in text.lower():
            return "mhtml"
        if _HTML.match(text) or _HTML_ANYWHERE.search(text):
            return "html"
        return "text"
    return "binary"


def _zip_kind(path: str | Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            mimetype = zf.read("mimetype").decode("ascii", "ignore") if "mimetype" in names else ""
    except Exception:  # BadZipFile, a zip version or method zipfile does not know, ...
        return "damaged"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names or any(n.startswith("xl/") for n in names):
        return "xlsx"
    if "opendocument.spreadsheet" in mimetype:
        return "ods"
    if "EncryptedPackage" in names:
        return "encrypted"
    return "zip"


def _ole_kind(path: str | Path) -> str:
    """The kind of an OLE2 compound file, by the stream names in its directory."""
    with open(path, "rb") as fh:
        data = fh.read(_OLE_LIMIT)

    def has(name: str) -> bool:
        return name.encode("utf-16-le") in data

    if has("EncryptedPackage") or has("EncryptionInfo"):
        return "encrypted"
    if has("WordDocument"):
        return "doc"  # Word 97-2003 and WPS Writer (.wps)
    if has("Workbook") or has("Book"):
        return "xls"  # Excel 97-2003 and WPS Spreadsheets (.et)
    return "binary"


def decode_text(data: bytes, probe: bool = False) -> str | None:
    """Decode bytes as text (UTF-8, GB18030 or UTF-16 with its mark), or None when not text.

    A byte-order mark is dropped. Bytes that do not decode are replaced by U+FFFD rather than
    losing the file, as long as they are rare (``MAX_BAD_SHARE``); the readers flag the cells
    that hold one. With ``probe`` the data may be cut in the middle of a multi-byte character.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = _decode(data[len(bom) :], enc, probe)
            return text if text is not None and _looks_like_text(text) else None
    utf8 = _decode(data, "utf-8", probe)
    if "\ufffd" not in utf8 or _damaged_only(utf8):
        return utf8 if _looks_like_text(utf8) else None
    gb = _decode(data, "gb18030", probe)  # GBK and GB2312 are subsets
    return gb if _looks_like_text(gb) else None


def _damaged_only(text: str) -> bool:
    """UTF-8 with a few bad bytes, not text in another encoding: a GBK text read as UTF-8
    loses nearly every non-ASCII character, damaged UTF-8 only a few."""
    bad = text.count("\ufffd")
    wide = sum(1 for ch in text if ord(ch) > 127)
    return bad <= len(text) * MAX_BAD_SHARE and bad <= wide * 0.1


def _decode(data: bytes, enc: str, probe: bool) -> str:
    try:
        return data.decode(enc, errors="strict")
    except UnicodeDecodeError as exc:
        if probe and exc.start >= len(data) - 4:
            try:  # only the last character was cut
                return data[: exc.start].decode(enc, errors="strict")
            except UnicodeDecodeError:
                pass
    text = data.decode(enc, errors="replace")
    if probe and text.endswith("\ufffd"):
        text = text.rstrip("\ufffd")  # a cut character, not damage
    return text


def _looks_like_text(text: str) -> bool:
    if not text:
        return False
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\r\n\f\v") or ch == "\ufffd")
    return bad <= len(text) * MAX_BAD_SHARE
