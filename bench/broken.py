"""Broken inputs for the batch benchmark: every way a file in an archive can go wrong.

Each maker writes real bytes (no mock): empty files, binary junk, truncated PDFs, a cut-off
text dump, PDFs with an image instead of text, an encrypted PDF, and two hostile PDFs whose
title page looks like a form but whose content stream makes a parser balloon (a deflate bomb)
or grind (millions of no-op operators) until the batch's limits stop it.
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path

TITLE = "项目支出绩效自评表"
ROOT = Path(__file__).resolve().parent.parent
BAD_PDF_DIR = ROOT / "tests/data/pdf"  # small bad PDFs committed by the PDF reader's tests


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF from numbered object bodies (object 1 is the catalog), with a correct xref.

    Shared with tests/data/pdf/make_bad_pdfs.py, which writes the named-error fixtures.
    """
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _deflate_repeated(head: bytes, block: bytes, times: int) -> bytes:
    """zlib data inflating to ``head + block * times``, built in milliseconds: ``block`` is
    deflated once with a full flush (byte-aligned, no back-references across the flush), so
    its compressed bytes can simply be repeated; the Adler-32 trailer is computed incrementally."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed_head = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed_block = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    tail = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)
    checksum = zlib.adler32(head)
    for _ in range(times):
        checksum = zlib.adler32(block, checksum)
    return b"\x78\xda" + packed_head + packed_block * times + tail + checksum.to_bytes(4, "big")


def _titled_page(block: bytes, times: int) -> bytes:
    """One page that prints the form title, then ``block`` repeated ``times`` times."""
    title = TITLE.encode("utf-16-be").hex().upper().encode()
    head = b"BT /F1 16 Tf 1 0 0 1 60 780 Tm <%s> Tj ET\n" % title
    packed = _deflate_repeated(head, block, times)
    return pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed)
            + packed
            + b"\nendstream",
            b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
            b"/DescendantFonts [6 0 R] >>",
            b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
            b"<< /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> >>",
        ]
    )


def bomb_pdf(megabytes: int = 1024) -> bytes:
    """A ~1 MB PDF whose content stream inflates to ``megabytes`` of blanks."""
    return _titled_page(b" " * (1 << 20), megabytes)


def grinding_pdf(operators: int = 12_000_000) -> bytes:
    """A small PDF whose page holds millions of save/restore operators to interpret."""
    return _titled_page(b"q Q " * 250_000, max(1, operators // 250_000))


def write_broken(folder: Path, seed_text: Path, sample_pdf: Path) -> dict[str, str]:
    """Write the 20 broken inputs into ``folder``; returns {file name: what it is}."""
    folder.mkdir(parents=True, exist_ok=True)
    made: dict[str, str] = {}

    def put(name: str, data: bytes, kind: str) -> None:
        (folder / name).write_bytes(data)
        made[name] = kind

    put("empty.pdf", b"", "empty")
    put("header-only.pdf", b"%PDF-1.7\n%%EOF\n", "truncated PDF")
    put("empty.txt", b"", "empty")
    put("blank.txt", b" \n\n \t\n", "empty")
    pdf = sample_pdf.read_bytes()
    for i, share in enumerate((0.2, 0.5, 0.8)):
        put(f"truncated-{i}.pdf", pdf[: int(len(pdf) * share)], "truncated PDF")
    for i in range(3):
        junk = bytes((n * 7919 + i * 104729) % 251 for n in range(40_000))
        put(f"junk-{i}.bin.pdf" if i == 0 else f"junk-{i}.dat.txt", junk, "binary junk")
    text = seed_text.read_text(encoding="utf-8").splitlines(keepends=True)
    put("cut-0.txt", "".join(text[:150]).encode(), "cut-off text dump")
    put("cut-1.txt", "".join(text[:400]).encode(), "cut-off text dump")
    for name, kind in (
        ("encrypted.pdf", "encrypted PDF"),
        ("scanned.pdf", "image-only PDF"),
        ("unmapped-font.pdf", "PDF without usable fonts"),
        ("damaged.pdf", "truncated PDF"),
        ("prose.pdf", "not a form"),
    ):
        put(f"bad-{name}", (BAD_PDF_DIR / name).read_bytes(), kind)
    put(
        "scanned-2.pdf",
        (BAD_PDF_DIR / "scanned.pdf").read_bytes() + b"\n%scan 2\n",
        "image-only PDF",
    )
    put("bomb.pdf", bomb_pdf(), "deflate bomb (balloons)")
    put("grind.pdf", grinding_pdf(), "endless operators (loops)")
    return made
