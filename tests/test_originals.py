"""Originals (workbooks, documents, web pages) read exactly to the golden of the PDF made from
them, and to the same record as that PDF; their quirks are really in the files; provenance
names the source's own cells; bad originals get named errors and the batch goes on."""

from __future__ import annotations

import csv
import functools
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

import selfeval.extract as extract
from golden import golden_for
from selfeval.cli import main
from selfeval.extract.errors import ReadError
from selfeval.extract.record import contract_view
from selfeval.extract.sniff import sniff
from tests.conftest import SAMPLES
from tests.goldens import diff_forms

ORIGINALS = SAMPLES / "originals"
PDFS = SAMPLES / "pdf"
DATA = Path(__file__).resolve().parent / "data" / "originals"
FILES = sorted(p for p in ORIGINALS.iterdir() if p.is_file()) if ORIGINALS.is_dir() else []
KINDS = {".xlsx": "xlsx", ".docx": "docx", ".html": "html", ".ods": "ods", ".mhtml": "mhtml"}
READERS = {"2023-zhejiang-yuhang-lvhua-yanghu-html.html.xls": "html"}  # HTML in an .xls


def test_the_originals_are_there():
    """A missing or emptied folder fails here instead of parametrizing to nothing."""
    assert ORIGINALS.is_dir(), ORIGINALS
    suffixes = {p.suffix for p in FILES}
    assert {".xlsx", ".docx", ".html", ".ods", ".mhtml", ".xls"} <= suffixes
    assert len(FILES) >= 45


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_original_reads_exactly_to_its_golden(path: Path):
    forms = extract.read(path)
    assert diff_forms([f.to_dict() for f in forms], golden_for(path)) == []
    for form in forms:
        assert form.complete, form.notes
        assert not [n for n in form.notes if n.code.startswith("reading.")], form.notes
        assert form.source["reader"] == READERS.get(path.name, KINDS.get(path.suffix, "xls"))


SAME_AS_PDF = [p for p in FILES if (PDFS / f"{p.name.split('.', 1)[0]}.pdf").exists()]


@functools.cache
def _pdf_record(stem: str) -> list[dict]:
    return [contract_view(f.to_dict()) for f in extract.read(PDFS / f"{stem}.pdf")]


@pytest.mark.parametrize("path", SAME_AS_PDF, ids=lambda p: p.name)
def test_original_and_its_pdf_give_the_same_record(path: Path):
    from_original = [contract_view(f.to_dict()) for f in extract.read(path)]
    assert from_original == _pdf_record(path.name.split(".", 1)[0])


def test_every_route_has_originals_beside_its_pdfs():
    stems = {p.name.split(".", 1)[0] for p in FILES}
    for route in ("xlsx", "docx", "html"):
        pdfs = {p.stem for p in PDFS.glob(f"*-{route}.pdf")}
        assert pdfs and pdfs <= stems, sorted(pdfs - stems)


# -- the quirks are in the files ----------------------------------------------------------------
def test_numbers_variant_stores_numbers_with_formats():
    wb = load_workbook(ORIGINALS / "2021-beijing-keji-xiezuo-zhongxin-xlsx.numbers.xlsx")
    ws = wb.active
    found = {}
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                found.setdefault(cell.number_format, cell.value)
    assert found["0.00%"] == pytest.approx(0.7633)
    assert found["0.000000"] == 492
    (form,) = extract.read(ORIGINALS / "2021-beijing-keji-xiezuo-zhongxin-xlsx.numbers.xlsx")
    assert form.funds[0].rate.text == "76.33%"
    assert form.funds[0].budget_full.text == "492.000000"


def test_hidden_variant_hides_a_helper_column_and_row():
    wb = load_workbook(wb_path("hidden"))
    ws = wb.active
    assert ws.column_dimensions["D"].hidden
    helpers = [c.value for c in ws["D"] if isinstance(c.value, str) and c.value.startswith("辅助")]
    assert len(helpers) >= 10
    hidden_rows = [r for r, d in ws.row_dimensions.items() if d.hidden]
    assert hidden_rows and ws.cell(hidden_rows[0], 5).value == "999"
    (form,) = extract.read(wb_path("hidden"))
    texts = [c.text for r in form.indicators for c in (r.level3, r.target, r.actual)]
    assert not any(t and ("辅助" in t or t == "999") for t in texts)


def wb_path(tag: str) -> Path:
    return ORIGINALS / f"2022-anhui-tianchang-shuihan-fangyu-xlsx.{tag}.xlsx"


def test_three_forms_on_three_sheets():
    path = ORIGINALS / "2021-xianning-juesuan-bundle-docx.sheets.xlsx"
    assert len(load_workbook(path).worksheets) == 3
    forms = extract.read(path)
    assert [f.source["sheets"] for f in forms] == [["自评表1"], ["自评表2"], ["自评表3"]]


def test_spaced_labels_are_typed_with_spaces():
    from docx import Document

    doc = Document(str(ORIGINALS / "2022-beijing-chaoyang-falv-fuwu-docx.spaced.docx"))
    texts = {c.text for t in doc.tables for r in t.rows for c in r.cells}
    assert "项 目 名 称" in texts and "项目名称" not in texts
    ws = load_workbook(ORIGINALS / "2023-anhui-jinzhai-meili-xiangcun-xlsx.spaced.xlsx").active
    assert "一 级 指 标" in {c.value for row in ws.iter_rows() for c in row}


def test_wps_variant_holds_wps_number_formats():
    path = ORIGINALS / "2024-sichuan-meishan-nongcun-gonglu-xlsx.wps.xlsx"
    with zipfile.ZipFile(path) as zf:
        assert b"<Application>WPS" in zf.read("docProps/app.xml")
    formats = {c.number_format for row in load_workbook(path).active.iter_rows() for c in row}
    assert "0_ " in formats and any(f.endswith("[Red]\\(0.00\\)") for f in formats)


def test_gbk_page_with_site_chrome():
    path = ORIGINALS / "2021-hubei-xianning-daqi-fangzhi-html.gbk.html"
    data = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("gbk")
    assert "charset=gbk" in text and "政务公开" in text and 'class="layout"' in text
    (form,) = extract.read(path)
    assert form.source["charset"] == "gb18030"  # GBK read by its superset
    assert form.project_name.text and "政务公开" not in (form.project_name.text or "")


def test_xls_that_is_html_and_archive_are_sniffed_by_content():
    assert sniff(ORIGINALS / "2023-zhejiang-yuhang-lvhua-yanghu-html.html.xls") == "html"
    assert sniff(ORIGINALS / "2022-ningxia-yuanzhou-nongji-tuiguang-html.mhtml") == "mhtml"
    assert sniff(ORIGINALS / "2021-beijing-keji-xiezuo-zhongxin-xlsx.ods") == "ods"


def test_renamed_files_are_read_by_content(tmp_path: Path):
    docx = tmp_path / "form.xlsx"  # a Word document with a workbook's name
    shutil.copy(ORIGINALS / "2021-beijing-keji-xiezuo-zhongxin-docx.docx", docx)
    (form,) = extract.read(docx)
    assert form.source["reader"] == "docx"
    xlsx = tmp_path / "form.bin"
    shutil.copy(ORIGINALS / "2021-beijing-keji-xiezuo-zhongxin-xlsx.xlsx", xlsx)
    (form,) = extract.read(xlsx)
    assert form.source["reader"] == "xlsx"
    assert (
        diff_forms(
            [form.to_dict()], golden_for(ORIGINALS / "2021-beijing-keji-xiezuo-zhongxin-xlsx.xlsx")
        )
        == []
    )


def test_xls_numbers_keep_their_formats_and_hidden_column_is_skipped():
    path = ORIGINALS / "2021-beijing-keji-xiezuo-zhongxin-xlsx.numbers.xls"
    import xlrd

    book = xlrd.open_workbook(str(path), formatting_info=True)
    sheet = book.sheet_by_index(0)
    assert sheet.colinfo_map[3].hidden
    numbers = [
        book.format_map[book.xf_list[c.xf_index].format_key].format_str
        for row in sheet.get_rows()
        for c in row
        if c.ctype == xlrd.XL_CELL_NUMBER
    ]
    assert "0.000000" in numbers and len(numbers) > 50
    (form,) = extract.read(path)
    assert form.funds[0].budget_full.text == "492.000000"
    assert form.funds[0].budget_full.ref.startswith("Sheet1!")


def test_xls_without_xlrd_falls_back_to_calamine_and_says_what_it_cannot_see(
    monkeypatch: pytest.MonkeyPatch,
):
    """calamine reads values and merges but neither number formats nor hidden columns: the
    cells it may print otherwise and the helper column's text are notes, never silent data."""
    from selfeval.extract.office import sheets

    def no_xlrd(path):
        raise sheets._NotBiff8()

    monkeypatch.setattr(sheets, "_read_xls_xlrd", no_xlrd)
    path = ORIGINALS / "2021-beijing-keji-xiezuo-zhongxin-xlsx.numbers.xls"
    (form,) = extract.read(path)
    codes = {n.code for n in form.notes}
    assert {"reading.number-format", "reading.columns"} <= codes
    assert form.funds[0].executed.text == "375.5442"  # General, not 375.544200
    plain = ORIGINALS / "2022-beijing-chaoyang-falv-fuwu-xlsx.xls"
    forms = extract.read(plain)
    assert diff_forms([f.to_dict() for f in forms], golden_for(plain)) == []


# -- provenance ---------------------------------------------------------------------------------
def test_xlsx_provenance_names_the_sheet_cell():
    path = ORIGINALS / "2022-anhui-tianchang-shuihan-fangyu-xlsx.hidden.xlsx"
    wb = load_workbook(path)
    (form,) = extract.read(path)
    data = form.to_dict()
    checked = 0
    for row in data["indicators"]:
        for name in ("level3", "weight", "score", "deviation"):
            ref = row["provenance"][name]["ref"]
            sheet, coord = ref.split("!")
            value = wb[sheet][coord].value
            assert (None if value is None else str(value)) == row[name], (ref, row[name])
            assert "bbox" not in row["provenance"][name]
            checked += 1
    assert checked >= 30
    assert data["provenance"]["project_name"]["ref"].startswith("Sheet1!")


def test_docx_and_html_provenance_name_table_row_col():
    (form,) = extract.read(ORIGINALS / "2021-beijing-keji-xiezuo-zhongxin-docx.docx")
    ref = form.indicators[0].level3.ref
    assert ref and ref.startswith("table 1 row ")
    from docx import Document

    doc = Document(str(ORIGINALS / "2021-beijing-keji-xiezuo-zhongxin-docx.docx"))
    _, _, row, _, col = ref.split()[1:]  # "table 1 row R col C": R is the w:tr, C the w:tc
    tr = doc.tables[0]._tbl.tr_lst[int(row) - 1]
    tc = tr.tc_lst[int(col) - 1]
    assert (
        "".join(t.text for t in tc.iter() if t.tag.endswith("}t")) == form.indicators[0].level3.text
    )
    (form,) = extract.read(ORIGINALS / "2021-beijing-keji-xiezuo-zhongxin-html.html")
    assert form.total.score.ref and form.total.score.ref.startswith("table 1 row ")


# -- formulas -----------------------------------------------------------------------------------
def _with_formula(src: Path, dst: Path, coord: str, formula: str, cached: bool) -> None:
    """A copy of ``src`` whose cell ``coord`` is a formula, with or without its cached value."""
    import re

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                pattern = re.compile(rf'<c r="{coord}"([^>]*?)(?:/>|>(.*?)</c>)', re.S)
                m = pattern.search(text)
                assert m, coord
                attrs = re.sub(r'\s*t="[^"]*"', "", m.group(1))
                value = re.search(r"<v>(.*?)</v>", m.group(2) or "")
                body = f"<f>{formula}</f>" + (f"<v>{value.group(1)}</v>" if cached else "")
                text = text[: m.start()] + f'<c r="{coord}"{attrs}>{body}</c>' + text[m.end() :]
                data = text.encode()
            zout.writestr(info, data)


def _total_score_cell(path: Path) -> str:
    (form,) = extract.read(path)
    return form.total.score.ref.split("!")[1]


def test_formula_gives_its_cached_value(tmp_path: Path):
    src = ORIGINALS / "2021-beijing-keji-xiezuo-zhongxin-xlsx.numbers.xlsx"
    coord = _total_score_cell(src)
    path = tmp_path / "cached.xlsx"
    _with_formula(src, path, coord, "SUM(J14:J40)", cached=True)
    assert load_workbook(path)["Sheet1"][coord].data_type == "f"
    (form,) = extract.read(path)
    assert diff_forms([form.to_dict()], golden_for(src)) == []
    assert not [n for n in form.notes if n.code == "reading.uncached-formula"]


def test_formula_without_cached_value_is_flagged_not_empty(tmp_path: Path):
    src = ORIGINALS / "2021-beijing-keji-xiezuo-zhongxin-xlsx.numbers.xlsx"
    coord = _total_score_cell(src)
    path = tmp_path / "uncached.xlsx"
    _with_formula(src, path, coord, "SUM(J14:J40)", cached=False)
    (form,) = extract.read(path)
    notes = [n for n in form.notes if n.code == "reading.uncached-formula"]
    assert len(notes) == 1 and f"Sheet1!{coord}" in notes[0].text
    assert not form.complete
    assert form.total.score.text is None


# -- bad originals ------------------------------------------------------------------------------
def _bad_originals(folder: Path) -> dict[str, str]:
    good = (ORIGINALS / "2022-beijing-chaoyang-falv-fuwu-xlsx.xlsx").read_bytes()
    (folder / "truncated.xlsx").write_bytes(good[: len(good) // 2])
    (folder / "bad-zip.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    shutil.copy(DATA / "password-protected.xlsx", folder / "password-protected.xlsx")
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["品名", "数量", "单价"])
    wb.active.append(["纸张", 20, 25.5])
    wb.save(folder / "no-form.xlsx")
    (folder / "no-table.html").write_text(
        "<html><head><meta charset='utf-8'></head><body><h1>项目支出绩效自评表</h1>"
        "<p>详见附件。</p></body></html>",
        encoding="utf-8",
    )
    (folder / "other-table.htm").write_text(
        "<html><body><table><tr><td>姓名</td><td>电话</td></tr></table></body></html>",
        encoding="utf-8",
    )
    from docx import Document

    doc = Document()
    doc.add_paragraph("关于2021年度部门决算的说明")
    doc.save(folder / "prose.docx")
    # an OLE2 file with a WordDocument stream: a legacy .doc (or .wps)
    (folder / "legacy.doc").write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "WordDocument".encode("utf-16-le")
    )
    return {
        "truncated.xlsx": "damaged",
        "bad-zip.docx": "damaged",
        "password-protected.xlsx": "encrypted",
        "no-form.xlsx": "not-a-form",
        "no-table.html": "not-a-form",
        "other-table.htm": "not-a-form",
        "prose.docx": "not-a-form",
        "legacy.doc": "needs-libreoffice",
    }


def test_bad_originals_get_named_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("selfeval.extract.office.legacy.soffice", lambda: None)
    expected = _bad_originals(tmp_path)
    for name, code in expected.items():
        with pytest.raises(ReadError) as err:
            extract.read(tmp_path / name)
        assert err.value.code == code, (name, err.value)


def test_needs_libreoffice_says_how_to_get_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("selfeval.extract.office.legacy.soffice", lambda: None)
    _bad_originals(tmp_path)
    with pytest.raises(ReadError) as err:
        extract.read(tmp_path / "legacy.doc")
    assert "LibreOffice" in err.value.message and "install" in err.value.message


def test_batch_of_bad_originals_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("PATH", "/nonexistent")  # no soffice for the worker either
    folder = tmp_path / "in"
    folder.mkdir()
    expected = _bad_originals(folder)
    good = ORIGINALS / "2021-hubei-xianning-daqi-fangzhi-html.gbk.html"
    shutil.copy(good, folder / "good.html")
    out = tmp_path / "out"
    argv = ["extract", str(folder), "--out", str(out), "-j", "1", "--progress", "off"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    with open(out / "errors.csv", encoding="utf-8-sig", newline="") as fh:
        errors = {Path(r["file"]).name: r["code"] for r in csv.DictReader(fh)}
    assert errors == expected
    forms = json.loads((out / "good.json").read_text("utf-8"))
    assert diff_forms(forms, golden_for(good)) == []


# -- damaged bytes ------------------------------------------------------------------------------
def test_damaged_bytes_in_a_page_flag_the_cell_and_read_the_rest(tmp_path: Path):
    src = ORIGINALS / "2021-beijing-keji-xiezuo-zhongxin-html.html"
    data = src.read_bytes()
    at = data.index("中俄技术交流活动".encode())
    damaged = data[: at + 3] + b"\xff" + data[at + 6 :]  # the second character lost
    path = tmp_path / "damaged.html"
    path.write_bytes(damaged)
    (form,) = extract.read(path)
    notes = [n for n in form.notes if n.code == "reading.garbled"]
    assert [(n.section, n.row, n.field) for n in notes] == [("indicator", 0, "level3")]
    assert form.indicators[0].level3.text == "中\ufffd技术交流活动"
    diffs = diff_forms([form.to_dict()], golden_for(src))
    assert diffs == [
        "form 0 indicators[0].level3: '中\ufffd技术交流活动' != golden '中俄技术交流活动'"
    ]


@pytest.mark.parametrize(
    "name",
    [
        "2021-beijing-keji-xiezuo-zhongxin-xlsx.numbers.xlsx",
        "2021-beijing-keji-xiezuo-zhongxin-xlsx.numbers.xls",
        "2021-beijing-keji-xiezuo-zhongxin-xlsx.ods",
        "2021-beijing-keji-xiezuo-zhongxin-docx.docx",
        "2021-hubei-xianning-daqi-fangzhi-html.gbk.html",
        "2022-ningxia-yuanzhou-nongji-tuiguang-html.mhtml",
    ],
)
def test_corrupted_originals_give_forms_or_named_errors(tmp_path: Path, name: str):
    """Cut and scrambled copies (fixed seed): each reads to forms or to a ReadError, never
    to another exception (zlib, struct, index and version errors of the parsers)."""
    import random

    rng = random.Random(name)
    data = (ORIGINALS / name).read_bytes()
    outcomes = set()
    for k in range(12):
        buf = bytearray(data[: rng.randrange(1, len(data))] if k % 2 else data)
        for _ in range(rng.choice([1, 5, 50])):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
        path = tmp_path / f"{k}-{name}"
        path.write_bytes(bytes(buf))
        try:
            extract.read(path)
            outcomes.add("forms")
        except ReadError as err:
            outcomes.add(err.code)
    named = {"forms", "damaged", "not-a-form", "empty", "needs-libreoffice", "unsupported"}
    assert outcomes <= named  # "unsupported": part names scrambled, a zip of unknown parts


def test_mhtml_archive_with_form_feeds_reads_whole_characters(tmp_path: Path) -> None:
    """An archive printed as text and dumped by pdftotext carries a form feed at each page
    break; one falling inside a quoted-printable line split 是 into 3 replacement marks."""
    source = ORIGINALS / "2022-ningxia-yuanzhou-nongji-tuiguang-html.mhtml"
    data = source.read_bytes()
    soft_break = b"=E6=\n=98=AF"  # 是 cut by a soft line break, as the archive has it
    assert data.count(soft_break) == 1
    broken = tmp_path / "broken.mhtml"
    broken.write_bytes(data.replace(soft_break, b"=E6=\n\f=98=AF"))
    got = [f.to_dict() for f in extract.read(broken)]
    assert "\ufffd" not in json.dumps(got, ensure_ascii=False)
    assert diff_forms(got, golden_for(source)) == []
