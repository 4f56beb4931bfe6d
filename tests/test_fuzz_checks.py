"""Cell-level doubt from damage (extract/checks.py): unmapped and stray glyphs, a page read twice,
a page that lost its text or vanished. Each case is a real corpus file damaged for real (its
bytes, or its pages with pypdfium2), read by the real readers; the audit then reports the
doubt and judges no row it doubts."""

from __future__ import annotations

import copy
import io
import random
import re
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser

import selfeval.extract as extract
from bench.bench_fuzz import _tounicode
from selfeval.extract.checks import check_reading, form_pages, garbled, note_blank_pages
from selfeval.extract.errors import ReadError
from selfeval.extract.pdf.damage import find_damage
from selfeval.extract.record import Cell, Form
from selfeval.validate import audit
from tests.conftest import ROOT, SEED_SAMPLE

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
    text = SEED_SAMPLE.read_text(encoding="utf-8")
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
    clean = extract.read(SEED_SAMPLE)[0]
    assert not _notes(clean, "reading.garbled")


def test_rows_read_twice_are_flagged() -> None:
    form = extract.read(SEED_SAMPLE)[0]
    n = len(form.indicators)
    form.notes.clear()
    form.indicators[10:10] = [r for r in form.indicators[4:9]]  # rows 4-8 again after row 9
    check_reading(form)
    flagged = {note.row for note in _notes(form, "reading.repeated-rows")}
    assert set(range(10, 15)) <= flagged and len(form.indicators) == n + 5
    assert not set(range(0, 4)) & flagged


def test_a_page_read_twice_is_found_though_its_copy_carries_other_labels() -> None:
    """The copy's first rows take the level labels of the page before it, so a repeat is told
    by each row's own cells; a template's blank rows, which recur under every label, are not."""
    form = extract.read(SEED_SAMPLE)[0]
    form.notes.clear()
    other = form.indicators[20].level2
    copies = [replace(r, level2=other) for r in form.indicators[4:9]]
    form.indicators[20:20] = copies
    check_reading(form)
    assert set(range(20, 25)) <= {n.row for n in _notes(form, "reading.repeated-rows")}
    blank = extract.read(SEED_SAMPLE)[0]
    blank.notes.clear()
    template = [
        replace(
            r,
            target=Cell(None),
            actual=Cell(None),
            weight=Cell(None),
            score=Cell(None),
            deviation=Cell(None),
        )
        for r in blank.indicators[4:8]
    ]
    for k, row in enumerate(template):
        template[k] = replace(row, level3=Cell(f"指标{k + 1}："))
    blank.indicators[20:20] = template + [replace(r, level2=other) for r in template]
    check_reading(blank)
    assert not _notes(blank, "reading.repeated-rows")


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


VALIDATION = ROOT.parent / "shared/validation/pdf"
DRAW = ROOT / "samples/pdf/2021-shanxi-jishan-jiben-gongwei-draw.pdf"  # simple fonts, ToUnicode


def _rows(form: Form) -> list[tuple[str | None, ...]]:
    return [
        tuple(c.text for c in (r.level3, r.target, r.actual, r.deviation)) for r in form.indicators
    ]


def test_a_glyph_its_tounicode_map_leaves_out_is_garbled_not_guessed(tmp_path: Path) -> None:
    """Entries dropped from a simple font's ToUnicode map: pdfminer's encoding fallback would
    print another real character (按 -> <); the glyph is U+FFFD and its cell a doubt. (PDFium
    has no such fallback: it reports the glyphs unmapped.)"""
    bad, what = _tounicode(DRAW.read_bytes(), random.Random(27))  # 3 of 133 entries
    assert what.startswith("ToUnicode damaged"), what
    damaged = tmp_path / "tounicode.pdf"
    damaged.write_bytes(bad)
    clean = extract.read(DRAW, engine="pdfplumber")[0]
    form = extract.read(damaged, engine="pdfplumber")[0]
    assert len(_rows(form)) == len(_rows(clean))
    changed = [i for i, (a, b) in enumerate(zip(_rows(form), _rows(clean), strict=True)) if a != b]
    assert changed, "the damage changed no cell"
    doubted = {n.row for n in _notes(form, "reading.garbled") if n.section == "indicator"}
    assert set(changed) <= doubted
    assert all("\ufffd" in "".join(filter(None, _rows(form)[i])) for i in changed)
    assert not _notes(clean, "reading.garbled")


REAL019 = VALIDATION / "real019_xlsx.pdf"  # CID fonts with ToUnicode maps, made outside


def test_a_cjk_glyph_read_as_ascii_is_garbled_not_guessed(tmp_path: Path) -> None:
    """Entries dropped from a CID font's ToUnicode map: PDFium falls back to the glyph's number,
    which reads as ASCII (资金拨"及时率, 12345指标). A full-em glyph under an ASCII code is U+FFFD
    and its cell a doubt (pdfminer refuses the file: it cannot rebuild its cross-references)."""
    clean = {engine: extract.read(REAL019, engine=engine)[0] for engine in ("pdfium", "pdfplumber")}
    for seed in (0, 5, 7):  # 5, 1 and 14 of the 57 entries of one font's map
        bad, what = _tounicode(REAL019.read_bytes(), random.Random(seed))
        assert "of 57 mappings" in what, what
        damaged = tmp_path / f"tounicode-{seed}.pdf"
        damaged.write_bytes(bad)
        for engine, good in clean.items():
            try:
                form = extract.read(damaged, engine=engine)[0]
            except ReadError as exc:  # pdfminer cannot rebuild this xref: refused, named
                assert engine == "pdfplumber" and exc.code == "damaged"
                continue
            rows, want = _rows(form), _rows(good)
            assert len(rows) == len(want)
            changed = {i for i, (a, b) in enumerate(zip(rows, want, strict=True)) if a != b}
            doubted = {n.row for n in _notes(form, "reading.garbled") if n.section == "indicator"}
            assert changed and changed <= doubted, (seed, engine, changed - doubted)
            assert not _notes(good, "reading.garbled")


def _overwrite_stream(source: Path, target: Path, objid: int) -> None:
    """Junk over bytes 20-51 of object ``objid``'s stream data, as a bad sector would leave."""
    data = source.read_bytes()
    head = re.search(rb"(?<![0-9])%d 0 obj\s*<<.*?>>\s*stream\r?\n" % objid, data, re.S)
    assert head, f"object {objid} is no stream"
    at = head.end() + 20
    target.write_bytes(data[:at] + bytes(range(200, 232)) + data[at + 32 :])


def _content_objid(path: Path, page: int) -> int:
    with open(path, "rb") as fh:
        doc = PDFDocument(PDFParser(fh))
        contents = list(PDFPage.create_pages(doc))[page].attrs["Contents"]
        return (contents[0] if isinstance(contents, list) else contents).objid


def test_a_page_stream_that_does_not_inflate_doubts_the_form(tmp_path: Path) -> None:
    assert find_damage(PDF, set(range(4))) == ([], [])
    damaged = tmp_path / "stream.pdf"
    _overwrite_stream(PDF, damaged, _content_objid(PDF, 1))
    assert find_damage(damaged, set(range(4))) == ([2], [])
    form = extract.read(damaged)[0]
    assert not form.complete
    assert [(n.page, n.section) for n in _notes(form, "reading.garbled") if n.row is None] == [
        (2, "form")
    ]
    result = audit(form)
    assert any(f.code == "reading.garbled" and f.page == 2 for f in result.findings)


def test_a_font_stream_that_does_not_inflate_doubts_every_page_it_draws(tmp_path: Path) -> None:
    data = PDF.read_bytes()
    program = re.search(rb"/FontFile2 (\d+) 0 R", data)
    assert program, "the corpus PDF embeds no TrueType program"
    damaged = tmp_path / "font.pdf"
    _overwrite_stream(PDF, damaged, int(program.group(1)))
    broken, _ = find_damage(damaged, set(range(4)))
    assert broken and set(broken) <= {1, 2, 3, 4}
    form = extract.read(damaged)[0]
    assert not form.complete and _notes(form, "reading.garbled")


def test_a_page_dropped_from_a_tagged_pdf_is_named_by_its_structure_tree(tmp_path: Path) -> None:
    tagged = VALIDATION / "seed_html.pdf"  # Chromium tags its PDFs
    assert find_damage(tagged, set(range(4))) == ([], [])
    damaged = tmp_path / "dropped.pdf"
    _edit_pdf(tagged, damaged, "drop", 1)
    assert find_damage(damaged, set(range(3))) == ([], [1])  # a page is missing after page 1
    form = extract.read(damaged)[0]
    assert not form.complete
    assert any("文档结构" in n.message for n in _notes(form, "reading.page-missing"))


def test_weights_short_by_more_than_a_row_across_a_page_doubt_the_form() -> None:
    """Rows of a page lost without a trace in the file: the 分值 no longer reach the 总分
    row's. One mistyped weight (a filer's slip, the audit's total.weight) is no doubt."""
    clean = extract.read(PDF)[0]
    assert not _notes(clean, "reading.page-missing")
    cut = copy.deepcopy(clean)
    cut.indicators = [r for r in cut.indicators if r.level3.page != 2]
    note_blank_pages([cut], [])
    assert not cut.complete and _notes(cut, "reading.page-missing")
    slip = copy.deepcopy(clean)
    weight = slip.indicators[0].weight
    slip.indicators[0].weight = replace(weight, text=str(int(weight.text or 0) + 2))
    note_blank_pages([slip], [])
    assert slip.complete and not _notes(slip, "reading.page-missing")


_LONE_OTHER_FUNDS = re.compile(r"^\s*其他资金[:：]?\s*$", re.M)


def test_a_funds_line_lost_from_a_text_dump_is_a_doubt(tmp_path: Path) -> None:
    """An empty 其他资金 line is only its label in a text dump; losing it leaves no other trace,
    so a breakdown (其中…) that never closes on 其他资金 marks the form incomplete."""
    dumps = sorted((ROOT / "samples/dumps").glob("*.raw.txt"))
    tried = 0
    for dump in dumps:
        text = dump.read_text(encoding="utf-8")
        if len(_LONE_OTHER_FUNDS.findall(text)) != 1:
            continue
        clean = extract.read(dump)
        if not clean[0].funds:
            continue
        assert not _notes(clean[0], "reading.missing-row"), dump.name
        damaged = tmp_path / dump.name
        damaged.write_text(_LONE_OTHER_FUNDS.sub("", text, count=1), encoding="utf-8")
        (form, *_) = extract.read(damaged)
        assert not form.complete, dump.name
        (note,) = _notes(form, "reading.missing-row")
        assert note.section == "funds" and note.row == len(form.funds) - 1
        tried += 1
    assert tried >= 10, f"only {tried} raw dumps print an empty 其他资金 line"


_FIRST_BREAKDOWN_LINE = re.compile(r"^[ \t]*其中[:：].*\n", re.M)


def test_a_breakdown_that_closes_but_never_opened_is_a_doubt(tmp_path: Path) -> None:
    """A -layout dump that loses the breakdown's first line (其中:当年财政拨款 …) still reads as a
    valid funds block; 其他资金 then closes a breakdown that never opened: a lost line."""
    tried = 0
    for dump in sorted((ROOT / "samples/dumps").glob("*.layout.txt")):
        text = dump.read_text(encoding="utf-8")
        if len(_FIRST_BREAKDOWN_LINE.findall(text)) != 1:
            continue
        clean = extract.read(dump)
        items = [f.item.text or "" for f in clean[0].funds]
        if not any(i.startswith("其中") for i in items) or "其他资金" not in items:
            continue
        assert not _notes(clean[0], "reading.missing-row"), dump.name
        damaged = tmp_path / dump.name
        damaged.write_text(_FIRST_BREAKDOWN_LINE.sub("", text, count=1), encoding="utf-8")
        (form, *_) = extract.read(damaged)
        if any((f.item.text or "").startswith("其中") for f in form.funds):
            continue  # the label wrapped onto a line of its own: the rest of it still reads
        assert not form.complete, dump.name
        (note,) = _notes(form, "reading.missing-row")
        assert note.section == "funds" and form.funds[note.row].item.text == "其他资金"
        tried += 1
    assert tried >= 10, f"only {tried} -layout dumps print one 其中 line and 其他资金"


BUNDLE = ROOT / "samples/pdf/2021-xianning-juesuan-bundle-docx.pdf"  # a cover page, then forms


def test_a_scanned_page_outside_every_form_is_named_by_a_neighbour(tmp_path: Path) -> None:
    """A page of a bundle turned into an image may hold a whole form: the form before it
    (or, for the first page, after it) says the page was not read, and stays complete."""
    clean = extract.read(BUNDLE)
    assert [sorted(form_pages(f)) for f in clean] == [[2, 3], [4], [5]]
    assert not any(_notes(f, "reading.page-missing") for f in clean)
    for page, named_by in ((5, 1), (4, 0), (1, 0)):  # the last form, a middle one, the cover
        damaged = tmp_path / f"image-{page}.pdf"
        _edit_pdf(BUNDLE, damaged, "image", page - 1)
        forms = extract.read(damaged)
        assert len(forms) == len(clean) - (page != 1)
        notes = [
            (k, n.page) for k, f in enumerate(forms) for n in _notes(f, "reading.page-missing")
        ]
        assert notes == [(named_by, page)], (page, notes)
        assert forms[named_by].complete


NOTO = ROOT.parent / "shared/validation/pdf/seed_html_noto.pdf"  # Chromium: Type 3 fonts


def _first_type3_differences(data: bytes, page: int) -> tuple[int, bytes]:
    """(offset, name) of a glyph name in the Differences of a Type 3 font page ``page`` draws
    with, among the names its CharProcs hold."""
    with open(NOTO, "rb") as fh:
        doc = PDFDocument(PDFParser(fh))
        fonts = list(PDFPage.create_pages(doc))[page].resources["Font"]
        for ref in fonts.values():
            font = ref.resolve()
            if getattr(font.get("Subtype"), "name", None) != "Type3":
                continue
            head = re.search(rb"(?<![0-9])%d 0 obj" % ref.objid, data)
            assert head
            names = re.search(rb"/Differences \[[^\]]*?(/g[0-9A-F]{3,4}) ", data[head.end() :])
            if names:
                return head.end() + names.start(1), names.group(1)
    raise AssertionError("no Type 3 font with glyph names on the page")


def test_a_type3_glyph_no_procedure_draws_doubts_its_page(tmp_path: Path) -> None:
    """A flipped byte in a Type 3 font's Differences names a glyph its CharProcs lack: PDFium
    leaves the character out of the text (产出指 for 产出指标), pdfminer still maps it."""
    data = NOTO.read_bytes()
    assert find_damage(NOTO, set(range(4))) == ([], [])
    at, name = _first_type3_differences(data, 0)
    damaged = tmp_path / "type3.pdf"
    damaged.write_bytes(data[:at] + b"/'" + name[2:] + data[at + len(name) :])
    broken, _ = find_damage(damaged, set(range(4)))
    assert 1 in broken
    form = extract.read(damaged)[0]
    assert not form.complete and _notes(form, "reading.garbled")


def test_a_page_object_that_does_not_parse_doubts_it_and_the_pages_after(tmp_path: Path) -> None:
    """pdfminer cannot walk the page tree past a page dictionary a flipped byte broke
    (/ProcSet [/PDF … turned into /ProcSet S/PDF …); PDFium reads it leniently. That page and
    every later one read are in doubt; the pages before it are judged as usual."""
    data = NOTO.read_bytes()
    with open(NOTO, "rb") as fh:
        second = list(PDFPage.create_pages(PDFDocument(PDFParser(fh))))[1].pageid
    head = re.search(rb"(?<![0-9])%d 0 obj\s*<<" % second, data)
    assert head
    at = data.index(b"/ProcSet [", head.end()) + len(b"/ProcSet ")
    damaged = tmp_path / "page.pdf"
    damaged.write_bytes(data[:at] + b"S" + data[at + 1 :])
    assert find_damage(damaged, set(range(4))) == ([2, 3, 4], [])
    form = extract.read(damaged)[0]
    assert not form.complete
    assert {n.page for n in _notes(form, "reading.garbled") if n.section == "form"} >= {2, 3, 4}


def test_a_font_descriptor_overwritten_with_junk_doubts_its_pages(tmp_path: Path) -> None:
    """Junk over a font descriptor's dictionary: pdfminer's parser makes a name of what is
    left (/StemV), PDFium loads the font without it and loses a glyph ("0" of a funds cell).
    A descriptor, resources or graphics state that is no dictionary is a broken object."""
    source = ROOT / "samples/pdf/2021-chongqing-kexuecheng-weijian-docx.pdf"
    data = source.read_bytes()
    head = re.search(rb"\d+ 0 obj\s*<</Type/FontDescriptor", data)
    assert head and find_damage(source, {0}) == ([], [])
    at = head.start() + data[head.start() :].index(b"<<") + 1
    damaged = tmp_path / "descriptor.pdf"
    damaged.write_bytes(data[:at] + bytes(range(140, 180)) + data[at + 40 :])
    assert find_damage(damaged, {0}) == ([1], [])
    form = extract.read(damaged)[0]
    assert not form.complete and _notes(form, "reading.garbled")
