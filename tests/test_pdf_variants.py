"""The PDF reader on variants of the validation forms that it was not built around.

tests/data/variants holds Chromium prints of the validation forms' cells in other clothes
(samples/variants.py: font, size, column widths, padding, orientation, separate borders with
cell spacing, repeated grid heads, labels on every row or merged) and a Calc print of the same
grid (samples/variants_office.py), with their long free text
respelled from a small alphabet to keep the files small (``compact-*.golden.json``, the
goldens, made from the validation goldens by that respelling alone). Each variant breaks rows
and merged labels across pages at other places than the validation PDFs do. No row may be
wrong, and the rows read must stay at the recall reached; both engines must give the same
records. The PDFs are committed: the test needs neither Chromium nor the validation folder.
"""

from __future__ import annotations

import functools
import json
from typing import Any

import pytest

import selfeval.extract as extract
from golden.score import Score, score_file
from tests.conftest import ROOT
from tests.goldens import engine_neutral
from tests.test_pdf_engines import differences

VARIANTS = ROOT / "tests" / "data" / "variants"
#: Exact rows and cells over golden ones, per engine; measured when the variants were added:
#: rows 181/181, cells 280/280.
RECALL_FLOOR = 0.97
CELL_FLOOR = 0.97
ENGINES_TESTED = ("pdfium", "pdfplumber")  # records must be the same with either


def _manifest() -> dict[str, dict[str, Any]]:
    path = VARIANTS / "manifest.json"
    if not path.exists():  # fail loudly: the variants are part of the repository
        raise FileNotFoundError(f"no variant manifest at {path}")
    manifest: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return manifest


MANIFEST = _manifest()


@functools.cache
def _read(name: str, engine: str) -> tuple[dict[str, Any], ...]:
    return engine_neutral(extract.read(VARIANTS / f"{name}.pdf", engine=engine))


def _score(name: str, engine: str) -> Score:
    golden = json.loads((VARIANTS / MANIFEST[name]["golden"]).read_text(encoding="utf-8"))
    return score_file(list(_read(name, engine)), [golden], name, squash=True)


def test_the_variants_cover_every_source_form() -> None:
    sources = {entry["source"] for entry in MANIFEST.values()}
    assert len(sources) == 4, sources
    for name, entry in MANIFEST.items():
        assert (VARIANTS / f"{name}.pdf").exists(), name
        assert (VARIANTS / entry["golden"]).exists(), entry["golden"]


@pytest.mark.parametrize("name", sorted(MANIFEST))
@pytest.mark.parametrize("engine", ENGINES_TESTED)
def test_no_variant_row_or_cell_is_wrong(name: str, engine: str) -> None:
    score = _score(name, engine)
    assert score.forms_found == 1, score.problems
    assert score.wrong_rows == 0, score.problems
    assert score.wrong_cells == 0, score.problems
    assert score.emitted_rows <= score.golden_rows, score.problems


@pytest.mark.parametrize("engine", ENGINES_TESTED)
def test_variant_recall_holds(engine: str) -> None:
    total = Score()
    for name in MANIFEST:
        total.add(_score(name, engine))
    assert total.recall >= RECALL_FLOOR, (total.exact_rows, total.golden_rows, total.problems)
    cells = total.exact_cells / total.golden_cells
    assert cells >= CELL_FLOOR, (total.exact_cells, total.golden_cells, total.problems)


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_engines_agree_on_variants(name: str) -> None:
    pdfium, plumber = _read(name, "pdfium"), _read(name, "pdfplumber")
    assert differences(pdfium, plumber) == []
