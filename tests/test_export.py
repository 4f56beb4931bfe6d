"""CSV/XLSX exporters on forms built from the golden record: Excel-safe text, typed numbers."""

from __future__ import annotations

import copy
import csv
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from extract import Form
from selfeval.excel_safe import csv_text, needs_quote
from selfeval.export import Exporter
from selfeval.files import dumps_json
from selfeval.tables import ERRORS, LEVEL1_CODES, TABLES

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = json.loads((ROOT / "golden/2021-beijing-keji-xiezuo-zhongxin.json").read_text("utf-8"))

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
        getattr(row, field).text = text
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


def test_readme_documents_every_column() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("\n## Output files", 1)[1].split("\n## ", 1)[0]
    for table in (*TABLES, ERRORS):
        assert f"**{table.name}.csv**" in section
        for column in table.columns:
            name = column.name
            for code in LEVEL1_CODES:
                name = name.replace(f"{code}_", "<L1>_", 1) if name.startswith(code) else name
            assert f"`{name}`" in section, (table.name, column.name)
