"""The batch runner: worker limits, resume, SIGKILL midway, deterministic outputs."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

import selfeval
from bench.bench_batch import extract_command
from selfeval.batch import BatchOptions, run_batch
from selfeval.pool import Limits, WorkerPool
from tests.conftest import ROOT

SEED = ROOT / "samples/text/2021-beijing-keji-xiezuo-zhongxin.txt"
TABLE_FILES = ("forms.csv", "indicators.csv", "funds.csv", "findings.csv", "errors.csv")
RUN_FIELDS_STABLE = (
    "files",
    "failed",
    "incomplete",
    "forms",
    "rows",
    "pages",
    "errors_by_code",
    "findings_by_code",
    "exit_code",
)


# -- the pool on its own, with real misbehaving work ------------------------------------------


def _work(task: tuple[str, int]) -> dict:
    kind, n = task
    if kind == "sleep":
        time.sleep(n)
    elif kind == "balloon":  # grows by touched memory until stopped
        blocks = []
        while True:
            blocks.append(b"x" * (20 << 20))
            time.sleep(0.01)
    elif kind == "exit":
        os._exit(n)
    elif kind == "raise":
        raise ValueError("bad task")
    return {"status": "ok", "n": n}


def _failure(task: object, code: str, message: str) -> dict:
    return {"status": "error", "code": code, "message": message}


def test_pool_stops_runaway_tasks_and_goes_on() -> None:
    tasks = [("ok", 1), ("sleep", 60), ("balloon", 0), ("exit", 3), ("raise", 0), ("ok", 2)]
    pool = WorkerPool(_work, _failure, jobs=2, limits=Limits(seconds=1.5, memory=300 << 20))
    results = dict(pool.run(tasks))
    assert results[("ok", 1)] == {"status": "ok", "n": 1}
    assert results[("ok", 2)] == {"status": "ok", "n": 2}
    assert results[("sleep", 60)]["code"] == "timeout"
    assert results[("balloon", 0)]["code"] == "memory"
    assert results[("exit", 3)]["code"] == "crashed"
    assert results[("raise", 0)] == _failure(None, "crashed", "ValueError: bad task")
    assert pool.stats.killed == 2


def test_pool_recycles_workers() -> None:
    pool = WorkerPool(_work, _failure, jobs=1, limits=Limits(max_tasks=2))
    assert len(list(pool.run([("ok", i) for i in range(5)]))) == 5
    assert pool.stats.workers_started == 3


# -- batches of real inputs -------------------------------------------------------------------


def _inputs(folder: Path, copies: int) -> Path:
    folder.mkdir(parents=True)
    for i in range(copies):
        shutil.copy(SEED, folder / f"form{i:02d}.txt")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def _run(inputs: Path, out: Path, **options: object) -> dict:
    report = run_batch([inputs], BatchOptions(out=out, progress="off", **options))
    assert report.exit_code == 1  # the empty file
    return json.loads((out / "run.json").read_text("utf-8"))


def _assert_same_outputs(a: Path, b: Path) -> None:
    names = sorted(p.name for p in a.glob("*.json"))
    assert names == sorted(p.name for p in b.glob("*.json"))
    for name in [*TABLE_FILES, *(n for n in names if n != "run.json")]:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    run_a, run_b = (json.loads((d / "run.json").read_text("utf-8")) for d in (a, b))
    assert {k: run_a[k] for k in RUN_FIELDS_STABLE} == {k: run_b[k] for k in RUN_FIELDS_STABLE}
    books = [load_workbook(d / "selfeval.xlsx", read_only=True) for d in (a, b)]
    assert books[0].sheetnames == books[1].sheetnames
    for name in books[0].sheetnames:
        rows = [list(book[name].iter_rows(values_only=True)) for book in books]
        assert rows[0] == rows[1], name


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Four copies of the seed plus an empty file, converted once without interruption."""
    base = tmp_path_factory.mktemp("batch")
    inputs = _inputs(base / "in", 4)
    out = base / "reference"
    run = _run(inputs, out, jobs=2)
    assert run["converted"] == 5 and run["forms"] == 4 and run["rows"] == 4 * 42
    return inputs, out


def test_run_json_summarises_the_run(reference: tuple[Path, Path]) -> None:
    _, out = reference
    run = json.loads((out / "run.json").read_text("utf-8"))
    assert run["files"] == 5 and run["failed"] == 1
    assert run["errors_by_code"] == {"empty": 1}
    assert run["versions"]["selfeval"] == selfeval.__version__
    assert run["wall_seconds"] > 0 and run["peak_rss_per_worker_mb"] > 0


def test_rerun_skips_converted_files(reference: tuple[Path, Path], tmp_path: Path) -> None:
    inputs, ref = reference
    out = tmp_path / "out"
    shutil.copytree(ref, out)
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("form*.json")}
    run = _run(inputs, out, jobs=1)
    # the four forms are reused; the empty file failed, and a failure is always tried again
    assert (run["converted"], run["skipped"]) == (1, 4)
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("form*.json")} == before
    _assert_same_outputs(ref, out)
    with open(inputs / "form01.txt", "a", encoding="utf-8") as fh:
        fh.write("\n")  # new content: converted again, alone
    try:
        assert _run(inputs, out, jobs=1)["converted"] == 2  # it, and the empty file again
        assert _run(inputs, out, jobs=1, force=True)["converted"] == 5
    finally:
        shutil.copy(SEED, inputs / "form01.txt")


def test_killed_run_resumes_to_identical_outputs(
    reference: tuple[Path, Path], tmp_path: Path
) -> None:
    inputs, ref = reference
    out = tmp_path / "out"
    command = extract_command(inputs, out, 1)
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(list((out / ".state").glob("form*.json"))) < 1 and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    done = len(list((out / ".state").glob("form*.json")))
    assert 1 <= done < 4, "the run should have been killed midway"
    assert not (out / "forms.csv").exists()
    for path in out.glob("*.json"):  # whatever is there is complete
        json.loads(path.read_text("utf-8"))
    run = _run(inputs, out, jobs=2)
    assert run["skipped"] >= done and run["converted"] == 5 - run["skipped"]
    assert not list(out.glob(".*.part"))
    _assert_same_outputs(ref, out)
