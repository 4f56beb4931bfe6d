"""The batch runner: worker limits, resume, SIGKILL midway, deterministic outputs."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

import selfeval
from bench.bench_batch import extract_command
from selfeval.batch import BatchOptions, run_batch
from selfeval.pool import Limits, WorkerPool
from tests.conftest import ROOT, SEED_SAMPLE

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
        shutil.copy(SEED_SAMPLE, folder / f"form{i:02d}.txt")
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
        shutil.copy(SEED_SAMPLE, inputs / "form01.txt")


#: The code hash both runs of the resume test use: the reuse key takes a hash of the source files
#: once per process, and an edit to any source between the killed run and the resume (another
#: checkout's work, an editor's save) would make them disagree and the resume reconvert all.
PINNED_SOURCE = "pinned-by-test"
_PINNED_CLI = (
    "import sys, selfeval.batch as b; b._SOURCE_HASH = sys.argv.pop(1); "
    "from selfeval.cli import main; sys.exit(main(sys.argv[1:]))"
)


def test_killed_run_resumes_to_identical_outputs(
    reference: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import selfeval.batch as batch

    inputs, ref = reference
    out = tmp_path / "out"
    python, _, _, *args = extract_command(inputs, out, 1)  # python -m selfeval extract ...
    command = [python, "-c", _PINNED_CLI, PINNED_SOURCE, *args]
    monkeypatch.setattr(batch, "_SOURCE_HASH", PINNED_SOURCE)  # the resume, in this process
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
    for state in (out / ".state").glob("form*.json"):  # the killed run keyed on the pinned code
        assert PINNED_SOURCE in state.read_text("utf-8")
    run = _run(inputs, out, jobs=2)
    assert run["skipped"] >= done and run["converted"] == 5 - run["skipped"]
    assert run["versions"]["source"] == PINNED_SOURCE
    assert not list(out.glob(".*.part"))
    _assert_same_outputs(ref, out)


def test_a_patched_reader_reconverts_with_its_new_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader's source edited between two runs: the next run converts every file again and
    writes what the edited reader reads, never the cached outputs of the old one. (The code
    is hashed from a copy of the sources the test edits; the edit's effect is patched in.)"""
    import selfeval.batch as batch
    import selfeval.extract.text as text_reader

    code = tmp_path / "code"
    for package in batch._SOURCE_PACKAGES:
        shutil.copytree(ROOT / package, code / package, ignore=shutil.ignore_patterns("*.pyc"))
    hash_sources = batch._hash_sources
    monkeypatch.setattr(batch, "_hash_sources", lambda root=None: hash_sources(code))
    monkeypatch.setattr(batch, "_SOURCE_HASH", None)  # each run below stands for a new process
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copy(SEED_SAMPLE, inputs / name)
    out = tmp_path / "out"
    options = {"progress": "off", "xlsx": False, "jobs": 1}
    assert run_batch([inputs], BatchOptions(out=out, **options)).converted == 2
    monkeypatch.setattr(batch, "_SOURCE_HASH", None)
    assert run_batch([inputs], BatchOptions(out=out, **options)).skipped == 2

    reader = code / "extract/text/__init__.py"
    reader.write_text(reader.read_text("utf-8") + "\n# the project name is read anew\n", "utf-8")
    read_text = text_reader.read_text

    def patched(path: object) -> list:
        forms = read_text(path)
        for form in forms:
            form.project_name = replace(form.project_name, text="新读法")
        return forms

    monkeypatch.setattr(text_reader, "read_text", patched)
    monkeypatch.setattr(batch, "_SOURCE_HASH", None)
    again = run_batch([inputs], BatchOptions(out=out, **options))
    assert (again.converted, again.skipped) == (2, 0)
    for name in ("a.json", "b.json"):
        assert json.loads((out / name).read_text("utf-8"))[0]["project_name"] == "新读法"


@pytest.mark.parametrize("failure", ["crashed", "memory", "unreadable"])
def test_a_failed_file_is_tried_again_on_the_next_run(
    failure: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever stopped a file (its worker died, hit the memory cap, or the path was no
    regular file), the next run converts it as if it had never been seen."""
    import selfeval.extract.text as text_reader

    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEED_SAMPLE, inputs / "a.txt")
    reference = tmp_path / "reference"
    options = {"progress": "off", "xlsx": False, "jobs": 1}
    run_batch([inputs], BatchOptions(out=reference, **options))
    out = tmp_path / "out"
    first_options = dict(options)
    with monkeypatch.context() as patch:
        if failure == "crashed":  # the worker process dies in the reader
            patch.setattr(text_reader, "read_text", lambda path: os._exit(3))
        elif failure == "memory":  # the reader grows past the cap
            patch.setattr(text_reader, "read_text", lambda path: [b"x" * (900 << 20)])
            first_options["limits"] = Limits(memory=600 << 20)
        else:  # a FIFO where the file will be
            (inputs / "a.txt").unlink()
            os.mkfifo(inputs / "a.txt")
        first = run_batch([inputs], BatchOptions(out=out, **first_options))
    assert first.errors_by_code == {failure: 1}, first.errors_by_code
    if failure == "unreadable":
        (inputs / "a.txt").unlink()
        shutil.copy(SEED_SAMPLE, inputs / "a.txt")
    again = run_batch([inputs], BatchOptions(out=out, **options))
    assert (again.converted, again.failed) == (1, 0)
    for name in TABLE_FILES:
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name
