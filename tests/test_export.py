"""CSV/XLSX exporters on forms built from the golden record: Excel-safe text, typed numbers."""

from __future__ import annotations

import copy
import csv
import json
import subprocess
import sys
import zipfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from selfeval.export import Exporter, text_width
from selfeval.export.excel_safe import ILLEGAL_CHARACTERS_RE, csv_text, needs_quote
from selfeval.export.tables import TABLES
from selfeval.extract import Form, Note
from selfeval.files import dumps_json
from tests.conftest import SEED_GOLDEN

GOLDEN = json.loads(SEED_GOLDEN.read_text("utf-8"))

#: Printed cells a hostile or unlucky form could carry, and where they go.
HOSTILE = {
    "level3": '=HYPERLINK("http://x.example","点击")',
    "target": "+1+2",
    "actual": "-2+3",
    "deviation": "@SUM(A1:A9)",
    "weight": "=1",
}
HOSTILE_HEADER = {"project_name": "\t=cmd|' /C calc'!A0", "implementer": "\r=1+1"}


def golden_form(**changes: str) -> Form:
    data = copy.deepcopy(GOLDEN[0])
    data.update(changes)
    data["source"] = {"file": "golden.txt", "index": 0}
    return Form.from_dict(data)


def hostile_form() -> Form:
    form = golden_form(**HOSTILE_HEADER)
    row = form.indicators[0]
    for field, text in HOSTILE.items():
        setattr(row, field, replace(getattr(row, field), text=text))
    return form


def export(forms: list[Form], out: Path) -> None:
    with Exporter(out) as exporter:
        exporter.add_forms(f.to_dict() for f in forms)


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("=1+1", True),
        ("+1+2", True),
        ("-2+3", True),
        ("@SUM(A1)", True),
        ("\tx", True),
        ("\rx", True),
        ("-", False),  # the dash placeholder of fund rows
        ("—", False),
        ("-1.5", False),  # a plain number Excel reads as a number, not a formula
        ("+3%", False),
        ("76.33%", False),
        ("达到预期", False),
        ("a=b", False),
    ],
)
def test_needs_quote(text: str, quoted: bool) -> None:
    assert needs_quote(text) is quoted
    assert csv_text(text) == ("'" + text if quoted else text)


def test_csv_neutralises_formula_text(tmp_path: Path) -> None:
    export([hostile_form()], tmp_path)
    row = read_csv(tmp_path / "indicators.csv")[0]
    for field, text in HOSTILE.items():
        assert row[field] == "'" + text  # Excel shows the text, runs nothing
    form = read_csv(tmp_path / "forms.csv")[0]
    for field, text in HOSTILE_HEADER.items():
        assert form[field] == "'" + text
    funds = read_csv(tmp_path / "funds.csv")
    assert funds[1]["weight"] == "-"  # placeholders and numbers untouched
    assert funds[0]["budget_initial"] == "492.000000"
    for name in ("forms", "indicators", "funds", "findings", "errors"):
        for record in read_csv(tmp_path / f"{name}.csv"):
            for value in record.values():
                assert not needs_quote(value), (name, value)


def test_xlsx_has_no_formula_and_keeps_the_text(tmp_path: Path) -> None:
    export([hostile_form()], tmp_path)
    with zipfile.ZipFile(tmp_path / "selfeval.xlsx") as book:
        for name in book.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in book.read(name) and b"<f " not in book.read(name)
    book = load_workbook(tmp_path / "selfeval.xlsx")
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    sheet = book["indicators"]
    header = [c.value for c in sheet[1]]
    first = {h: c.value for h, c in zip(header, sheet[2], strict=True)}
    for field, text in HOSTILE.items():
        assert as_xml_reads(first[field]) == as_xml_reads(text)  # the text, as a string cell
    forms = book["forms"]
    header = [c.value for c in forms[1]]
    form = {h: c.value for h, c in zip(header, forms[2], strict=True)}
    for field in ("project_name", "implementer"):
        assert as_xml_reads(form[field]) == as_xml_reads(HOSTILE_HEADER[field])


def as_xml_reads(text: str) -> str:
    """Text as any reader of the sheet's XML gets it back: XML end-of-line handling (Excel,
    openpyxl without lxml) turns a carriage return into a line feed; lxml keeps it."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def test_json_keeps_the_printed_text(tmp_path: Path) -> None:
    data = json.loads(dumps_json([hostile_form().to_dict()]))
    row = data[0]["indicators"][0]
    assert {f: row[f] for f in HOSTILE} == HOSTILE
    assert data[0]["project_name"] == HOSTILE_HEADER["project_name"]


def test_numbers_stay_numbers(tmp_path: Path) -> None:
    form = golden_form()
    form.indicators[0].normalized = {"weight_value": Decimal("-1.50"), "target_value": "3"}
    export([form], tmp_path)
    row = read_csv(tmp_path / "indicators.csv")[0]
    assert row["weight_value"] == "-1.50" and row["target_value"] == "3"
    sheet = load_workbook(tmp_path / "selfeval.xlsx")["indicators"]
    header = [c.value for c in sheet[1]]
    cells = dict(zip(header, sheet[2], strict=True))
    assert cells["weight_value"].data_type == "n" and cells["weight_value"].value == -1.5
    assert cells["target_value"].value == 3
    assert cells["row"].value == 1 and cells["weight"].value == "1"  # printed cell stays text


def test_tables_follow_the_form_order(tmp_path: Path) -> None:
    first, second = golden_form(project_name="甲"), golden_form(project_name="乙")
    second.source["index"] = 1
    export([first, second], tmp_path)
    forms = read_csv(tmp_path / "forms.csv")
    assert [(f["project_name"], f["form_index"]) for f in forms] == [("甲", "0"), ("乙", "1")]
    indicators = read_csv(tmp_path / "indicators.csv")
    assert len(indicators) == 2 * len(GOLDEN[0]["indicators"])
    assert [r["row"] for r in indicators[:3]] == ["1", "2", "3"]
    assert list(indicators[0]) == TABLES[1].header


def test_failed_export_keeps_previous_outputs(tmp_path: Path) -> None:
    export([golden_form()], tmp_path)
    before = (tmp_path / "indicators.csv").read_bytes()
    with pytest.raises(RuntimeError), Exporter(tmp_path) as exporter:
        exporter.add_form(golden_form(project_name="新").to_dict())
        raise RuntimeError("stopped half way")
    assert (tmp_path / "indicators.csv").read_bytes() == before
    assert not list(tmp_path.glob(".*.part"))


def test_forms_csv_has_contacts_goals_and_reading_counts(tmp_path: Path) -> None:
    form = golden_form()
    form.notes = [
        Note("unplaced-cell", "text the reader could not place", text="甲"),
        Note("unplaced-cell", "text the reader could not place", text="乙"),
        Note("reading.missing-cell", "a cell of row 3 was lost", section="indicator", row=2),
        Note("incomplete", "the form is cut off"),
    ]
    export([form], tmp_path)
    (row,) = read_csv(tmp_path / "forms.csv")
    golden = GOLDEN[0]
    assert row["managers"] == golden["managers"] == "张永锋 王兰平 于秀娟 郑青 戴旭峰"
    assert row["phone"] == golden["phone"] == "66519645"
    assert row["goals_expected"] == golden["goals"]["expected"]
    assert row["goals_actual"] == golden["goals"]["actual"]
    assert row["goals_expected"].startswith("年度目标：\n1、持续推动中俄数控机床")
    assert (row["n_unplaced_cells"], row["n_reading_doubts"]) == ("2", "1")


def test_xlsx_columns_fit_their_content_and_long_texts_wrap(tmp_path: Path) -> None:
    export([golden_form()], tmp_path)
    book = load_workbook(tmp_path / "selfeval.xlsx")
    forms = book["forms"]
    header = {c.value: c.column_letter for c in forms[1]}
    width = {name: forms.column_dimensions[letter].width for name, letter in header.items()}
    # a short column is about as wide as its header, a Chinese text column as its text
    assert width["form_index"] == len("form_index") + 2
    assert width["phone"] == len("66519645") + 2  # wider than its header
    assert GOLDEN[0]["department"] == "北京市科学技术委员会"
    assert width["department"] == 2 * 10 + 2  # Chinese characters count two
    assert width["project_name"] == 50  # 60 wide: capped, wrapped
    assert width["goals_expected"] == 50  # capped; the text wraps inside
    goals = forms[f"{header['goals_expected']}2"]
    assert goals.alignment.wrap_text and goals.value == GOLDEN[0]["goals"]["expected"]
    assert not forms[f"{header['year']}2"].alignment.wrap_text
    assert forms.row_dimensions[2].height == 6 * 15  # six lines shown, the rest on selection
    indicators = book["indicators"]
    heights = [indicators.row_dimensions[r].height for r in range(2, indicators.max_row + 1)]
    assert None in heights and any(h and 15 < h <= 90 for h in heights)
    last = forms.cell(row=1, column=forms.max_column).column_letter
    assert forms.freeze_panes == "A2" and forms.auto_filter.ref == f"A1:{last}2"


def test_text_width_counts_cjk_double() -> None:
    assert text_width("abc") == 3
    assert text_width("项目名称") == 8
    assert text_width("≥90%") == 4


def test_no_openpyxl_until_a_workbook_is_written() -> None:
    code = (
        "import sys, selfeval.export, selfeval.export.excel_safe; print('openpyxl' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE as theirs

    assert ILLEGAL_CHARACTERS_RE.pattern == theirs.pattern
