"""The analyst's notebook: committed without outputs, runs headless on samples, and what it
reports agrees with the golden records of the forms it was given."""

from __future__ import annotations

import importlib.util
import json
import statistics
import struct
from decimal import Decimal
from pathlib import Path

import nbformat
import pytest

from golden import golden_for
from tests.conftest import ROOT, SAMPLES

NOTEBOOK = ROOT / "notebooks" / "analysis.ipynb"
FIGURES = (
    "distributions",
    "achievement_by_code",
    "deviation_words",
    "reported_vs_recomputed",
    "findings_by_code",
)


def _runner():
    spec = importlib.util.spec_from_file_location("notebook_run", ROOT / "notebooks" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _inputs() -> list[Path]:
    """A form with a planted total error and the correct form it was made from, printed by
    other routes (two readings of one form), so every chart has data and the de-duplication
    has work to do. Small PDFs keep the run short."""
    broken = sorted((SAMPLES / "pdf").glob("err-total-sum-*.pdf"))
    assert broken, "samples/pdf holds no err-total-sum sample"
    base = broken[0].stem.removeprefix("err-total-sum-").rsplit("-", 1)[0]
    siblings = sorted((SAMPLES / "pdf").glob(f"{base}-*.pdf"))[:2]
    assert len(siblings) == 2, f"samples/pdf holds fewer than two prints of {base}"
    return [broken[0], *siblings]


def _identity(form: dict) -> tuple:
    return (form["year"], form["department"], form["project_name"], form["total"]["score"])


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    out = tmp_path_factory.mktemp("notebook")
    inputs = _inputs()
    notebook = _runner().execute(out, [str(p) for p in inputs])
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return notebook, out, summary, inputs


def test_committed_notebook_has_no_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)
    assert notebook.metadata.kernelspec.name == "selfeval"


def test_every_cell_ran_without_error(executed):
    notebook, out, _, _ = executed
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.execution_count for cell in code)
    outputs = [o for cell in code for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    stderr = "".join(o.get("text", "") for o in outputs if o.get("name") == "stderr")
    assert "missing from font" not in stderr
    assert (out / "analysis.ipynb").is_file()


def test_figures_are_written_as_pngs_with_a_cjk_font(executed):
    notebook, out, summary, _ = executed
    assert summary["figures"] == [f"{name}.png" for name in FIGURES]
    assert summary["font"] in ("Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC")
    for name in FIGURES:
        data = (out / "figures" / f"{name}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", data[16:24])
        assert width > 600 and height > 300 and len(data) > 10_000
    images = [
        o for c in notebook.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})
    ]
    assert len(images) == len(FIGURES)


def test_summary_agrees_with_the_golden_records(executed):
    _, _, summary, inputs = executed
    distinct = {}
    for path in inputs:
        for form in golden_for(path):
            distinct.setdefault(_identity(form), form)
    forms = list(distinct.values())
    assert summary["files"] == len(inputs)
    assert summary["forms"] == len(forms) == 2  # the two correct prints count once
    assert summary["indicator_rows"] == sum(len(f["indicators"]) for f in forms)
    totals = [Decimal(f["total"]["score"]) for f in forms]
    assert summary["total_score_mean"] == pytest.approx(float(statistics.mean(totals)))
    assert summary["total_score_min"] == pytest.approx(float(min(totals)))
    expected = {code for f in forms for code in f.get("expected_findings", [])}
    assert expected and expected <= set(summary["findings_by_code"])
    assert summary["recomputed_rows"] > 0
    assert summary["top_deviation_words"], "the deviation reason gives words"


def test_load_only_reads_an_existing_output_folder(executed, tmp_path):
    _, out, summary, _ = executed
    _runner().execute(tmp_path, data=out / "data", load=True)
    again = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert {k: v for k, v in again.items() if k != "inputs"} == {
        k: v for k, v in summary.items() if k != "inputs"
    }
