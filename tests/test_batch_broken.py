"""A small batch of broken PDFs and files: each is named in errors.csv, the batch finishes."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from bench.broken import bomb_pdf, grinding_pdf
from golden import golden_for
from selfeval.cli import main
from tests.conftest import ROOT
from tests.goldens import diff_forms

BAD_PDFS = ROOT / "tests/data/pdf"
GOOD_PDF = ROOT / "samples/pdf/2022-beijing-chaoyang-falv-fuwu-xlsx.pdf"


def test_broken_inputs_are_listed_with_their_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD_PDF, folder / "good.pdf")
    expected = {
        "encrypted.pdf": "encrypted",
        "scanned.pdf": "no-text-layer",
        "damaged.pdf": "damaged",
        "prose.pdf": "not-a-form",
        "unmapped-font.pdf": "unmapped-font",
    }
    for name in expected:
        shutil.copy(BAD_PDFS / name, folder / name)
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "junk.pdf").write_bytes(bytes(range(256)) * 64)
    (folder / "grind.pdf").write_bytes(grinding_pdf())  # far longer than the time limit
    expected |= {
        "empty.pdf": "empty",
        "junk.pdf": "not-a-form",
        "grind.pdf": "timeout",
    }
    out = tmp_path / "out"
    argv = [
        "extract",
        str(folder),
        "--out",
        str(out),
        "-j",
        "2",
        "--progress",
        "off",
        "--timeout",
        "4",
        "--max-memory",
        "600",
        "--engine",
        "pdfplumber",  # pdfminer's interpreter grinds on grind.pdf; PDFium reads it at once
    ]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    with open(out / "errors.csv", encoding="utf-8-sig", newline="") as fh:
        errors = {Path(r["file"]).name: r["code"] for r in csv.DictReader(fh)}
    assert errors == expected
    for name, code in expected.items():
        assert f"{folder / name}: {code}: " in err
    good = json.loads((out / "good.json").read_text("utf-8"))
    assert diff_forms(good, golden_for(GOOD_PDF)) == []  # read in full beside the bad ones
    run = json.loads((out / "run.json").read_text("utf-8"))
    assert run["failed"] == len(expected) and run["files"] == len(expected) + 1


def test_a_ballooning_pdf_is_stopped_at_the_memory_cap(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(bomb_pdf(megabytes=900))  # 1 MB on disk, 900 MB once inflated
    out = tmp_path / "out"
    argv = [
        "extract",
        str(bomb),
        "--out",
        str(out),
        "-j",
        "1",
        "--progress",
        "off",
        "--timeout",
        "120",
        "--max-memory",
        "450",
    ]
    assert main(argv) == 2
    assert f"{bomb}: memory: stopped at " in capsys.readouterr().err
    run = json.loads((out / "run.json").read_text("utf-8"))
    assert run["errors_by_code"] == {"memory": 1}
