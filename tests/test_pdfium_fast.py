"""The pdfium engine's C extension against its ctypes route: the same page objects, exactly.

``extract/pdf/_pdfium_fast.c`` reads a page's glyphs and paths in one call each; where it is not
built the engine asks PDFium through ctypes, a call per glyph and segment. Both must give the
very same objects (every float to the last bit, ``repr`` tells -0.0 from 0.0) on every PDF
the repository holds and every validation PDF, so the records cannot depend on the install.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import selfeval.extract.pdf.pdfium_engine as engine
from bench.bench_pdf import corpus
from selfeval.extract.errors import ReadError
from tests.conftest import ROOT, VALIDATION

PDFS = sorted(ROOT.glob("samples/pdf/*.pdf")) + sorted(ROOT.glob("tests/data/**/*.pdf"))
FORMS = set(corpus())  # PDFs that hold forms (their goldens say so)


def _validation() -> list[Path]:
    pdfs = sorted(VALIDATION.glob("*.pdf"))
    if not pdfs:  # fail loudly: the judge's data must be beside the repository
        raise FileNotFoundError(f"no validation PDFs in {VALIDATION}")
    return pdfs


def _pages(pdf: Path, native: object) -> list[str] | str:
    """Every page's objects as ``repr`` strings, or the error that stopped the reading."""
    saved = engine.NATIVE
    engine.NATIVE = native
    try:
        with engine.PdfiumPages(pdf) as doc:
            return [repr(objects) for _, objects in doc.pages(lambda *_: True)]
    except ReadError as exc:
        return f"{exc.code}: {exc}"
    finally:
        engine.NATIVE = saved


def test_the_extension_is_built() -> None:
    """The repository's install compiles it (pyproject's ext-modules): a missing build would
    make the comparison below compare the ctypes route with itself."""
    assert engine.NATIVE is not None, "run pip install -e . to build _pdfium_fast"


@pytest.mark.parametrize("pdf", PDFS + _validation(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_native_and_ctypes_routes_give_the_same_objects(pdf: Path) -> None:
    native = _pages(pdf, engine.NATIVE)
    if pdf in FORMS:  # a form's pages: glyphs and ruling lines were read
        assert isinstance(native, list) and any("'upright'" in page for page in native)
        assert any("'stroke'" in page or "'x0'" in page.split("lines=")[1] for page in native)
    assert native == _pages(pdf, None)


def test_the_environment_variable_selects_the_ctypes_route() -> None:
    code = "import selfeval.extract.pdf.pdfium_engine as e; print(e.NATIVE is None)"
    env_on = {**os.environ, engine.CTYPES_ENV: "1"}
    got = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env_on
    )
    assert got.stdout.strip() == "True"
