"""The PDF reader against the whole sample corpus: every form field by field equals its golden.

The default engine must be exact on every PDF with a golden. camelot (``engine="camelot"``)
renders every page and takes about a second per page, so it is checked here on a subset chosen
by rule: per producer route (xlsx, docx, draw, html), the first PDF by name among those with the
fewest pages; its whole-corpus accuracy is measured by ``bench/bench_pdf.py``.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

import selfeval.extract as extract
from bench.bench_pdf import corpus, pages
from golden import golden_for
from golden.score import score_file
from selfeval.extract.record import INDICATOR_FIELDS
from tests.goldens import diff_forms

PDFS = corpus()  # samples/pdf/*.pdf that have a golden, the corpus bench/bench_pdf.py measures
ROUTES = ("xlsx", "docx", "draw", "html")


@functools.cache
def _read(pdf: Path, engine: str) -> tuple[dict, ...]:
    return tuple(form.to_dict() for form in extract.read(pdf, engine=engine))


def _route(pdf: Path) -> str:
    return pdf.stem.rsplit("-", 1)[-1]


def camelot_subset() -> list[Path]:
    """Per route, the first PDF by name among those with the fewest pages."""
    out = []
    for route in ROUTES:
        of_route = [p for p in PDFS if _route(p) == route]
        if of_route:
            out.append(min(of_route, key=lambda p: (pages(p), p.name)))
    return out


def test_corpus_has_every_route() -> None:
    assert {_route(p) for p in PDFS} >= set(ROUTES)
    assert len(PDFS) >= 40


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_default_engine_equals_golden(pdf: Path) -> None:
    got = list(_read(pdf, "pdfplumber"))
    problems = diff_forms(got, golden_for(pdf))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("pdf", PDFS[:: max(1, len(PDFS) // 8)], ids=lambda p: p.stem)
def test_every_cell_has_provenance(pdf: Path) -> None:
    for form in _read(pdf, "pdfplumber"):
        pages = form["source"]["pages"]
        for row in form["indicators"]:
            for name, where in row.get("provenance", {}).items():
                assert name in INDICATOR_FIELDS
                assert pages[0] <= where["page"] <= pages[1]
                x0, top, x1, bottom = where["bbox"]
                assert 0 <= x0 < x1 and 0 <= top < bottom
            filled = {f for f in INDICATOR_FIELDS if row[f] is not None}
            assert filled <= set(row.get("provenance", {}))


def test_camelot_engine_rows_on_one_pdf_per_route() -> None:
    subset = camelot_subset()
    assert {_route(p) for p in subset} == set(ROUTES)
    ok = total = 0
    for pdf in subset:
        got = list(_read(pdf, "camelot"))
        assert got and all(f["source"]["engine"] == "camelot" for f in got)
        s = score_file(got, golden_for(pdf))
        ok, total = ok + s.exact_rows, total + s.golden_rows
    assert total > 0
    assert ok / total >= 0.95, f"camelot: {ok}/{total} rows exact"
