"""The PDF reader on forms made outside the project (``../shared/validation/pdf``): the judge.

Each PDF there was rendered by another route (LibreOffice Writer and Calc from Word and Excel
sources, headless Chromium from HTML) from a real form, with an exact golden. Every contract
field must equal the golden, cells compared with whitespace removed (a line break is layout).
The folder lives beside the repository; when it is missing the tests fail, never skip.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

import selfeval.extract as extract
from golden.score import score_file, squashed, validation_golden
from tests.conftest import VALIDATION, VALIDATION_PDFS


def test_validation_folder_is_there() -> None:
    assert VALIDATION.is_dir(), (
        f"{VALIDATION} is missing: the validation set must be beside the repo"
    )
    assert len(VALIDATION_PDFS) >= 8


@functools.cache
def _read(pdf: Path) -> tuple[dict, ...]:
    return tuple(form.to_dict() for form in extract.read(pdf))


@pytest.mark.parametrize("pdf", VALIDATION_PDFS, ids=lambda p: p.stem)
def test_every_field_equals_golden(pdf: Path) -> None:
    want = validation_golden(pdf.with_suffix(".golden.json"))
    got = list(_read(pdf))
    score = score_file(got, want, pdf.name, squash=True)
    assert score.forms_found == len(want) == len(got)
    assert score.problems == []
    assert score.exact_rows == score.golden_rows == score.emitted_rows
    assert score.exact_cells == score.golden_cells
    for g, w in zip(got, want, strict=True):
        assert squashed(g) == squashed(w)  # the header and every row, field by field


@pytest.mark.parametrize("pdf", VALIDATION_PDFS, ids=lambda p: p.stem)
def test_exact_forms_are_complete_without_doubts(pdf: Path) -> None:
    for form in _read(pdf):
        assert form["complete"] is True
        assert [n for n in form["notes"] if n["code"].startswith("reading.")] == []
