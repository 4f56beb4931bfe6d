"""Write the small bad PDFs the named-error tests read (run once; the files are committed).

Each file is a real PDF of its kind, written byte by byte so that nothing but this script is
needed: a form whose text layer is an image only (scanned), a form set in a CID font without
ToUnicode (glyph ids only), a truncated file, a prose document, and an encrypted copy of a form
(encryption by pypdf, a camelot dependency). Run from the project root:
``.venv/bin/python -m tests.data.pdf.make_bad_pdfs``.
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path

from bench.broken import pdf_file

HERE = Path(__file__).resolve().parent
TITLE = "项目支出绩效自评表"
SIDEWAYS_SOURCE = (
    HERE.parent.parent.parent / "samples/pdf/2023-sichuan-guangan-xiangcun-jiaoshi-docx.pdf"
)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(data)
    return (
        b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra)
        + packed
        + b"\nendstream"
    )


def _page(content: bytes, resources: bytes) -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources "
        + resources
        + b" >>",
        _stream(content),
    ]


def _utf16_hex(text: str) -> bytes:
    return text.encode("utf-16-be").hex().upper().encode()


def _text_ops(shown: list[bytes]) -> list[bytes]:
    """One line per hex string in font F1, 28 pt apart from the top of the page down."""
    lines = [b"1 0 0 1 60 %d Tm <%s> Tj" % (780 - 28 * n, codes) for n, codes in enumerate(shown)]
    return [b"BT /F1 16 Tf", *lines, b"ET"]


def _simsun_identity(to_unicode: bytes = b"") -> list[bytes]:
    """Objects 5-7: a SimSun subset in Identity-H (glyph ids), with ``to_unicode`` appended to
    the Type0 font's dictionary."""
    return [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+SimSun /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R]" + to_unicode + b" >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+SimSun /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R "
        b"/DW 1000 /CIDToGIDMap /Identity >>",
        b"<< /Type /FontDescriptor /FontName /ABCDEF+SimSun /Flags 6 /FontBBox [0 -141 1000 859] "
        b"/ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 859 /StemV 80 >>",
    ]


def form_text_pdf(lines: list[str]) -> bytes:
    """Text in the standard STSong-Light CID font (Unicode CMap): a readable text layer."""
    ops = _text_ops([_utf16_hex(line) for line in lines])
    ops.append(
        b"0.5 w 50 500 m 545 500 l S 50 450 m 545 450 l S 50 450 m 50 500 l S 545 450 m 545 500 l S"
    )
    objects = _page(b"\n".join(ops), b"<< /Font << /F1 5 0 R >> >>")
    objects += [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        b"/DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    return pdf_file(objects)


def unmapped_font_pdf() -> bytes:
    """A form's text in an Identity-H CID font with no ToUnicode: only glyph ids survive."""
    lines = [
        TITLE,
        "项目名称 主管部门 实施单位",
        "一级指标 二级指标 三级指标 年度指标值 实际完成值",
    ]
    ops = _text_ops(
        [b"".join(b"%04X" % (0x0400 + (ord(ch) % 0x3000)) for ch in line) for line in lines]
    )
    objects = _page(b"\n".join(ops), b"<< /Font << /F1 5 0 R >> >>")
    return pdf_file(objects + _simsun_identity())


def lookalike_pdf(lines: list[str]) -> bytes:
    """Text whose ToUnicode map points at look-alike code points (Kangxi radicals ⼀ ⾃ ...),
    as fonts from some Office/WPS exports do: the glyphs look right, the text does not."""
    chars = sorted({ch for line in lines for ch in line})
    cid = {ch: n + 1 for n, ch in enumerate(chars)}
    cmap = [
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        b"/CMapName /Lookalike def /CMapType 2 def",
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange",
        b"%d beginbfchar" % len(chars),
    ]
    cmap += [b"<%04X> <%s>" % (cid[ch], _utf16_hex(ch)) for ch in chars]
    cmap += [b"endbfchar endcmap CMapName currentdict /CMap defineresource pop end end"]
    ops = _text_ops([b"".join(b"%04X" % cid[ch] for ch in line) for line in lines])
    objects = _page(b"\n".join(ops), b"<< /Font << /F1 5 0 R >> >>")
    objects += [*_simsun_identity(b" /ToUnicode 8 0 R"), _stream(b"\n".join(cmap))]
    return pdf_file(objects)


def scanned_pdf() -> bytes:
    """One page holding only a grey image, as a scanner would produce: no text layer at all."""
    w, h = 64, 90
    pixels = bytes((x * 7 + y * 3) % 256 for y in range(h) for x in range(w))
    objects = _page(b"q 595 0 0 842 0 0 cm /Im1 Do Q", b"<< /XObject << /Im1 5 0 R >> >>")
    objects.append(
        _stream(
            pixels,
            b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 " % (w, h),
        )
    )
    return pdf_file(objects)


def main() -> None:
    form = form_text_pdf([TITLE, "（2021年度）", "项目名称 测试项目"])
    (HERE / "prose.pdf").write_bytes(
        form_text_pdf(
            ["关于2021年度部门决算的说明", "一、部门基本情况", "二、收入支出决算总体情况"]
        )
    )
    (HERE / "unmapped-font.pdf").write_bytes(unmapped_font_pdf())
    (HERE / "scanned.pdf").write_bytes(scanned_pdf())
    # 项目支出绩效自评表 / 一级指标 / 金额 with 自, 一, 金 and 人 as Kangxi radicals
    (HERE / "lookalike.pdf").write_bytes(
        lookalike_pdf(["项目支出绩效\u2f83评表", "\u2f00级指标", "\u2fa6额", "\u2f08员"])
    )
    (HERE / "damaged.pdf").write_bytes(form[: len(form) // 3])

    from pypdf import PdfReader, PdfWriter

    # A sample form printed sideways (/Rotate 90): its text runs bottom to top.
    sideways = PdfWriter(clone_from=PdfReader(SIDEWAYS_SOURCE))
    for page in sideways.pages:
        page.rotate(90)
    buf = io.BytesIO()
    sideways.write(buf)
    (HERE / "sideways.pdf").write_bytes(buf.getvalue())

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(form)))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    (HERE / "encrypted.pdf").write_bytes(buf.getvalue())


if __name__ == "__main__":
    main()
