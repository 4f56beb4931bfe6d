"""The review report: time to build it for the sample outputs (cold: every page image rendered;
warm: images reused), and for an archive of 1,000+ forms (the sample outputs replicated under
distinct names), with the time the index takes to load in headless Chromium when it is there.

The sample outputs come from ``python -m selfeval extract samples`` (reused when unchanged).
``BENCH_REPORT_COPIES`` (default 5) sets how many times the outputs are replicated.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from selfeval.report import build_report

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench/results/report"


def _extract(out: Path) -> float:
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "selfeval", "extract", "samples", "--out", str(out), "--quiet"],
        cwd=ROOT,
        check=False,
        capture_output=True,
    )
    return time.monotonic() - started


def _size(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def _replicate(source: Path, target: Path, copies: int) -> None:
    """``target`` holding the outputs of ``source`` ``copies`` times under distinct names (and
    the same file contents, so the page images are shared)."""
    shutil.rmtree(target, ignore_errors=True)
    (target / ".state").mkdir(parents=True)
    for state in sorted((source / ".state").glob("*.json")):
        name = state.name.removesuffix(".json")
        data = json.loads(state.read_text(encoding="utf-8"))
        for n in range(copies):
            copy = f"{name}-copy{n}"
            data_n = {**data, "input": f"{data['input']}#copy{n}"}
            (target / ".state" / f"{copy}.json").write_text(json.dumps(data_n), "utf-8")
            forms = source / f"{name}.json"
            if forms.exists():
                os.link(forms, target / f"{copy}.json")
    if (source / "report" / "img").is_dir():  # images are cached per file content
        shutil.copytree(source / "report" / "img", target / "report" / "img")


def _browser_load_ms(index: Path) -> str:
    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver_path):
        return "not measured (no chromium; make browser installs it)"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="bench-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    try:
        driver.get(index.as_uri())
        load = driver.execute_script(
            "return performance.getEntriesByType('navigation')[0].loadEventEnd"
        )
        rows = driver.execute_script("return document.querySelectorAll('#files tbody tr').length")
        started = time.monotonic()
        driver.execute_script(
            "const s = document.getElementById('f-status');"
            "s.value = 'has doubts'; s.dispatchEvent(new Event('change'));"
        )
        filtered = (time.monotonic() - started) * 1000
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    return f"loaded in {load:.0f} ms ({rows} rows on its first page), a filter {filtered:.0f} ms"


def run() -> str:
    WORK.mkdir(parents=True, exist_ok=True)
    out = WORK / "samples-out"
    extract_s = _extract(out)
    shutil.rmtree(out / "report", ignore_errors=True)
    cold = build_report(out)
    warm = build_report(out)
    copies = int(os.environ.get("BENCH_REPORT_COPIES", "5"))
    scale = WORK / "archive-out"
    _replicate(out, scale, copies)
    big = build_report(scale)
    index_kb = (scale / "report/index.html").stat().st_size / 1024
    lines = [
        f"sample outputs: {cold.inputs} inputs, {cold.forms} forms "
        f"(extract took {extract_s:.1f} s, cpu count {os.cpu_count()})",
        f"report, cold: {cold.seconds:.1f} s, {cold.pages_rendered} page images rendered, "
        f"{_size(out / 'report'):.1f} MB",
        f"report, warm (images reused): {warm.seconds:.1f} s, {warm.pages_rendered} rendered",
        f"archive ({copies} copies): {big.inputs} inputs, {big.forms} form pages in "
        f"{big.seconds:.1f} s, {big.pages_rendered} images rendered; index.html "
        f"{index_kb:.0f} KB",
        f"archive index in chromium: {_browser_load_ms(scale / 'report/index.html')}",
    ]
    return "\n".join(lines)
