"""Kinds by content, and text decoded leniently: a byte-order mark dropped (at any cut), damaged
bytes replaced and their cells flagged while the rest of the form is read."""

from __future__ import annotations

from pathlib import Path

import pytest

import selfeval.extract as extract
from golden import golden_for
from selfeval.extract.sniff import decode_text, sniff
from tests.conftest import SEED_SAMPLE
from tests.goldens import diff_forms

TITLE = "项目支出绩效自评表"


@pytest.mark.parametrize("cut", range(1, 4))
def test_utf8_bom_probe_cut_inside_a_character(cut: int):
    """The probe reads the first 8 KB, which may end inside a character: with a BOM the error
    offsets are after the mark, and the text must still be read as UTF-8, not as GB18030."""
    data = b"\xef\xbb\xbf" + (TITLE * 3).encode()
    text = decode_text(data[:-cut], probe=True)
    assert text is not None and text.startswith(TITLE) and "\ufeff" not in text


def test_bom_dump_reads_like_plain(tmp_path: Path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + SEED_SAMPLE.read_bytes())
    assert sniff(path) == "text"
    forms = extract.read(path)
    assert diff_forms([f.to_dict() for f in forms], golden_for(SEED_SAMPLE)) == []


def test_utf16_with_bom(tmp_path: Path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(SEED_SAMPLE.read_text(encoding="utf-8").encode("utf-16"))
    forms = extract.read(path)
    assert diff_forms([f.to_dict() for f in forms], golden_for(SEED_SAMPLE)) == []


def test_gbk_is_not_taken_for_damaged_utf8():
    text = "abc def " * 50 + "项目支出绩效自评表"
    assert decode_text(text.encode("gbk")) == text


def test_damaged_utf8_keeps_the_file_and_replaces_the_bad_bytes():
    text = (TITLE + " 三级指标 分值 得分\n") * 20
    data = bytearray(text.encode())
    data[30] = 0xFF  # inside the third character of the second word
    got = decode_text(bytes(data))
    assert got is not None and "\ufffd" in got
    assert got.count("\ufffd") <= 3 and got.endswith("得分\n")


def test_mostly_garbage_is_still_binary():
    assert decode_text(bytes(range(256)) * 8) is None


def test_damaged_dump_reads_the_rest_and_flags_the_cell(tmp_path: Path):
    """Two bad bytes inside a deviation cell: the file is read, every other cell exactly, and
    the damaged cell carries a reading.garbled note (extract.checks) naming its row and field."""
    data = SEED_SAMPLE.read_bytes()
    at = data.index("遇到困难".encode())
    path = tmp_path / "damaged.txt"
    path.write_bytes(data[: at + 3] + b"\xff\xfe" + data[at + 6 :])
    (form,) = extract.read(path)
    notes = [n for n in form.notes if n.code == "reading.garbled"]
    assert [(n.section, n.row, n.field) for n in notes] == [("indicator", 9, "deviation")]
    diffs = diff_forms([form.to_dict()], golden_for(SEED_SAMPLE))
    assert len(diffs) == 1 and diffs[0].startswith("form 0 indicators[9].deviation: ")
    assert "遇\ufffd\ufffd困难" in form.indicators[9].deviation.text


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"<!DOCTYPE html><html><body><table><tr><td>x</td></tr></table>", "html"),
        (b"\xef\xbb\xbf<html><head><meta charset=gbk>", "html"),
        (b"  <table border=1><tr><td>\xe9\xa1\xb9\xe7\x9b\xae</td></tr></table>", "html"),
        (
            b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/related; type="text/html"\r\n',
            "mhtml",
        ),
        ("项目支出绩效自评表\n项目名称 某项目\n".encode(), "text"),
        (b"PK\x03\x04" + b"\x00" * 100, "damaged"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64 + "Workbook".encode("utf-16-le"),
            "xls",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64 + "WordDocument".encode("utf-16-le"),
            "doc",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
            + b"\x00" * 64
            + "EncryptedPackage".encode("utf-16-le"),
            "encrypted",
        ),
    ],
)
def test_kind_by_content_not_name(tmp_path: Path, content: bytes, kind: str):
    path = tmp_path / "file.xlsx"  # the name says workbook; the content decides
    path.write_bytes(content)
    assert sniff(path) == kind


def test_renamed_legacy_workbook_is_not_read_as_xlsx(tmp_path: Path):
    """An .xlsx that is really an Excel 97 file goes to the .xls reader (here: an OLE shell
    calamine cannot open, so a named error, not openpyxl's zip error)."""
    path = tmp_path / "old.xlsx"
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64 + "Workbook".encode("utf-16-le")
    )
    with pytest.raises(extract.ReadError) as err:
        extract.read(path)
    assert err.value.code in ("damaged", "needs-libreoffice")
