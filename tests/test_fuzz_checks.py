"""Cell-level doubt from damage (extract/checks.py): unmapped and stray glyphs, a page read twice,
a page that lost its text or vanished. Each case is a real corpus file damaged for real (its
bytes, or its pages with pypdfium2), read by the real readers; the audit then reports the
doubt and judges no row it doubts."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium

import selfeval.extract as extract
from selfeval.extract.checks import check_reading, garbled
from selfeval.extract.record import Form
from selfeval.validate import audit
from tests.conftest import ROOT

SEED = ROOT / "samples/text/2021-beijing-keji-xiezuo-zhongxin.txt"
PDF = ROOT / "samples/pdf/2021-beijing-keji-xiezuo-zhongxin-xlsx.pdf"  # one form, 4 pages


def _notes(form: Form, code: str) -> list:
    return [n for n in form.notes if n.code == code]


def test_unmapped_and_stray_glyphs_are_found() -> None:
    assert garbled("不(cid:13)于2批次") == ["(cid:13)"]
    assert garbled("\ue00960期") == ["\ue009"]
    assert garbled("服务对象满意度\ufffd") == ["\ufffd"]
    assert garbled("服务对#满意度") == ["#"] and garbled("}会效益指标") == ["}"]
    assert garbled("孕产妇7ç访视数") == ["ç"] and garbled("经费审¬流程") == ["¬"]
    assert garbled("©效指标") == ["©"] and garbled("指标7:预˜€™") == ["˜", "€", "™"]
    for clean in ("1#楼", "≥90%", "温度25°C", "1×2", "≤5‰", "Café", "（服务）认定", "a{b}"):
        assert garbled(clean) == [], clean


def test_a_garbled_cell_is_a_doubt_on_its_row_and_the_audit_skips_it(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    assert text.count("服务企业数量") == 1
    damaged = tmp_path / "damaged.txt"
    damaged.write_text(text.replace("服务企业数量", "服务企业\ue005量"), encoding="utf-8")
    form = extract.read(damaged)[0]
    row = next(i for i, r in enumerate(form.indicators) if "\ue005" in (r.level3.text or ""))
    notes = _notes(form, "reading.garbled")
    assert [(n.section, n.row, n.field) for n in notes] == [("indicator", row, "level3")]
    result = audit(form)
    assert any(f.code == "reading.garbled" and f.row == row for f in result.findings)
    assert not any(f.code.startswith("indicator.") and f.row == row for f in result.findings)
    clean = extract.read(SEED)[0]
    assert not _notes(clean, "reading.garbled")


def test_rows_read_twice_are_flagged() -> None:
    form = extract.read(SEED)[0]
    n = len(form.indicators)
    form.notes.clear()
    form.indicators[10:10] = [r for r in form.indicators[4:9]]  # rows 4-8 again after row 9
    check_reading(form)
    flagged = {note.row for note in _notes(form, "reading.repeated-rows")}
    assert set(range(10, 15)) <= flagged and len(form.indicators) == n + 5
    assert not set(range(0, 4)) & flagged


def _edit_pdf(source: Path, target: Path, how: str, page: int) -> None:
    doc = pdfium.PdfDocument(str(source))
    if how == "drop":
        doc.del_page(page)
    else:  # an image of the page in its place: no text left on it
        old = doc[page]
        width, height = old.get_size()
        image = pdfium.PdfImage.new(doc)
        image.set_bitmap(old.render(scale=0.5))
        image.set_matrix(pdfium.PdfMatrix().scale(width, height))
        new = doc.new_page(width, height, index=page)
        new.insert_obj(image)
        new.gen_content()
        doc.del_page(page + 1)
    buffer = io.BytesIO()
    doc.save(buffer)
    doc.close()
    target.write_bytes(buffer.getvalue())


def test_an_image_only_page_inside_a_form_makes_it_incomplete(tmp_path: Path) -> None:
    clean = extract.read(PDF)
    assert len(clean) == 1 and clean[0].complete and not _notes(clean[0], "reading.page-missing")
    damaged = tmp_path / "image-page.pdf"
    _edit_pdf(PDF, damaged, "image", 1)
    form = extract.read(damaged)[0]
    assert not form.complete
    assert [n.page for n in _notes(form, "reading.page-missing")] == [2]
    assert len(form.indicators) < len(clean[0].indicators)


def test_a_dropped_last_page_makes_the_form_incomplete(tmp_path: Path) -> None:
    pages = len(pdfium.PdfDocument(str(PDF)))
    damaged = tmp_path / "dropped.pdf"
    _edit_pdf(PDF, damaged, "drop", pages - 1)
    form = extract.read(damaged)[0]
    assert not form.complete  # the assembler's "no total row", or reading.page-missing
    assert any(n.code in ("incomplete", "reading.page-missing") for n in form.notes)
