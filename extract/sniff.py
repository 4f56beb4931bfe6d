"""Tell what kind of input a file is from its first bytes, so readers are chosen by content."""

from __future__ import annotations

from pathlib import Path

_TEXT_ENCODINGS = ("utf-8-sig", "gb18030")  # UTF-16 only with its byte-order mark


def sniff(path: str | Path) -> str:
    """Return 'pdf', 'xlsx', 'xls', 'docx', 'text', 'empty' or 'binary'."""
    with open(path, "rb") as fh:
        head = fh.read(8192)
    if not head.strip():
        return "empty"
    if head.lstrip(b"\x00\t\r\n ").startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        name = str(path).lower()
        if name.endswith(".docx"):
            return "docx"
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if decode_text(head, probe=True) is not None:
        return "text"
    return "binary"


def decode_text(data: bytes, probe: bool = False) -> str | None:
    """Decode bytes as text (UTF-8, GB18030 or UTF-16), or None when they are not text.

    With ``probe`` the data may be cut in the middle of a multi-byte character.
    """
    bom = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    for enc in ("utf-16",) if bom else _TEXT_ENCODINGS:
        try:
            text = data.decode(enc, errors="strict")
        except UnicodeDecodeError as exc:
            if probe and exc.start >= len(data) - 4:
                text = data[: exc.start].decode(enc, errors="ignore")
            else:
                continue
        if _looks_like_text(text):
            return text
    return None


def _looks_like_text(text: str) -> bool:
    if not text:
        return False
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\r\n\f\v") or ch == "\ufffd")
    return bad <= len(text) * 0.01
