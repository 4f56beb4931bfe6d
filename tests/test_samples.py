"""The PDF sample corpus agrees with its golden files, and has the shape the corpus promises.

Reads the committed PDFs with pdfplumber only: no LibreOffice or poppler needed here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.record import Form, contract_view
from samples.textlayer import missing

ROOT = Path(__file__).resolve().parent.parent
PDFS = sorted((ROOT / "samples" / "pdf").glob("*.pdf"))
DUMPS = ROOT / "samples" / "dumps"
GOLDEN = ROOT / "golden"


def golden(pdf: Path) -> list[dict]:
    return json.loads((GOLDEN / f"{pdf.stem}.json").read_text(encoding="utf-8"))


def test_corpus_is_there() -> None:
    assert len(PDFS) >= 10


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_golden_strings_are_in_the_text_layer(pdf: Path) -> None:
    forms = golden(pdf)
    assert forms, "golden holds no form"
    assert missing(pdf, forms) == []


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_golden_is_contract_shaped(pdf: Path) -> None:
    for form in golden(pdf):
        findings = form.pop("expected_findings", None)
        assert contract_view(form) == form
        assert Form.from_dict(form).to_dict()["indicators"] == form["indicators"]
        assert findings is None or (findings and all("." in f for f in findings))


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_both_text_dumps_exist(pdf: Path) -> None:
    for variant in ("default", "raw"):
        dump = DUMPS / f"{pdf.stem}.{variant}.txt"
        text = dump.read_text(encoding="utf-8")
        assert golden(pdf)[0]["title"] in text.replace(" ", "")
