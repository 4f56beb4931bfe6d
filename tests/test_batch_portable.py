"""The batch where the platform is not Linux-with-fork: workers started with ``spawn``, and no
``resource`` module (Windows has none). The CLI must give the same outputs, the time limit must
still stop a grinding file, and the memory figures degrade to 0 instead of failing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from bench.bench_batch import extract_command
from bench.broken import grinding_pdf
from tests.conftest import ROOT, SEED_SAMPLE

PDF = ROOT / "samples/pdf/2021-beijing-keji-xiezuo-zhongxin-xlsx.pdf"
TABLES = ("forms.csv", "indicators.csv", "funds.csv", "findings.csv", "errors.csv")


def _extract(inputs: Path, out: Path, env: dict[str, str]) -> dict:
    # pdfminer's interpreter grinds on grind.pdf; PDFium (the default engine) reads it at once
    command = extract_command(inputs, out, 2, "--timeout", "8", "--engine", "pdfplumber")
    done = subprocess.run(
        command, cwd=ROOT, env={**os.environ, **env}, capture_output=True, timeout=300
    )
    assert b"Traceback" not in done.stderr, done.stderr.decode()
    run = json.loads((out / "run.json").read_text("utf-8"))
    run["returncode"] = done.returncode
    return run


def test_spawn_without_resource_gives_the_same_outputs(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEED_SAMPLE, inputs / "seed.txt")
    shutil.copy(PDF, inputs / PDF.name)
    (inputs / "grind.pdf").write_bytes(grinding_pdf())
    no_resource = tmp_path / "site"
    no_resource.mkdir()
    (no_resource / "resource.py").write_text(
        'raise ImportError("no resource module here (as on Windows)")\n', encoding="utf-8"
    )
    fork = _extract(inputs, tmp_path / "fork", {"SELFEVAL_START_METHOD": "fork"})
    spawn = _extract(
        inputs,
        tmp_path / "spawn",
        {"SELFEVAL_START_METHOD": "spawn", "PYTHONPATH": str(no_resource)},
    )
    assert fork["returncode"] == spawn["returncode"] == 1  # the grinding file
    assert fork["errors_by_code"] == spawn["errors_by_code"] == {"timeout": 1}
    assert spawn["rows"] == fork["rows"] > 0
    for name in TABLES:
        assert (tmp_path / "fork" / name).read_bytes() == (tmp_path / "spawn" / name).read_bytes()
    # no resource module: the memory figures it gives are 0, not an error
    assert spawn["peak_rss_main_mb"] == 0 and fork["peak_rss_main_mb"] > 0
