"""Inputs that once stopped or hung the batch, a cache that must never be stale, one run per
output folder, and a full disk: each case is run for real (files, FIFOs, links, subprocesses)."""

from __future__ import annotations

import csv
import fcntl
import json
import os
import resource
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

import selfeval.batch as batch
from bench.bench_batch import extract_command
from selfeval.batch import BatchOptions, OutputLocked, run_batch
from selfeval.pool import Limits
from tests.conftest import ROOT, SEED_SAMPLE

SEED_ROWS = 42
TABLES = ("forms.csv", "indicators.csv", "funds.csv", "findings.csv", "errors.csv")


def _errors(out: Path) -> dict[str, tuple[str, str]]:
    with open(out / "errors.csv", encoding="utf-8-sig", newline="") as fh:
        return {Path(r["file"]).name: (r["code"], r["message"]) for r in csv.DictReader(fh)}


def _tables(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in TABLES}


def _options(out: Path, **extra: object) -> BatchOptions:
    return BatchOptions(out=out, progress="off", xlsx=False, **extra)


def test_fifo_device_and_symlink_loops_are_named_not_opened(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEED_SAMPLE, inputs / "form.txt")
    os.mkfifo(inputs / "pipe.txt")  # opening it for reading would block forever
    os.symlink("loop-b.pdf", inputs / "loop-a.pdf")
    os.symlink("loop-a.pdf", inputs / "loop-b.pdf")
    os.symlink("/dev/zero", inputs / "zero.pdf")  # reading it never ends
    out = tmp_path / "out"
    command = extract_command(inputs, out, 1)
    command[command.index(str(inputs)) + 1 : command.index(str(inputs)) + 1] = ["/dev/zero"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, timeout=120, check=False)
    assert done.returncode == 1, done.stderr
    assert b"Traceback" not in done.stderr
    errors = _errors(out)
    assert errors["pipe.txt"] == ("unreadable", "a named pipe (FIFO), not a regular file: not read")
    assert errors["loop-a.pdf"] == ("unreadable", "a symbolic link loop")
    assert errors["loop-b.pdf"] == ("unreadable", "a symbolic link loop")
    assert errors["zero.pdf"][0] == "unreadable" and "device" in errors["zero.pdf"][1]
    run = json.loads((out / "run.json").read_text("utf-8"))
    assert run["rows"] == SEED_ROWS and run["errors_by_code"] == {"unreadable": 4}


def test_long_and_gbk_names_get_safe_unique_outputs(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    long_stem = "项目支出绩效自评表" * 9  # 243 bytes: with ".json" and a temp suffix, too long
    gbk = os.fsencode(str(inputs)) + b"/" + "北京项目自评".encode("gbk") + b".txt"
    for name in (f"{long_stem}.txt", f"{long_stem[:-1]}甲.txt", "plain.txt"):
        shutil.copy(SEED_SAMPLE, inputs / name)
    shutil.copy(SEED_SAMPLE, os.fsdecode(gbk))
    out = tmp_path / "out"
    report = run_batch([inputs], _options(out))
    assert (report.files, report.failed, report.rows) == (4, 0, 4 * SEED_ROWS)
    outputs = sorted(p.name for p in out.glob("*.json") if p.name != "run.json")
    assert len(outputs) == 4 and "plain.json" in outputs
    assert all(len(name.encode()) <= batch.MAX_NAME_BYTES + 5 for name in outputs)
    assert any(name.startswith("北京项目自评-") for name in outputs)
    with open(out / "forms.csv", encoding="utf-8-sig", newline="") as fh:
        files = {Path(r["file"]).name for r in csv.DictReader(fh)}
    # the tables keep each original name; the GBK bytes are read as GBK
    assert files == {f"{long_stem}.txt", f"{long_stem[:-1]}甲.txt", "plain.txt", "北京项目自评.txt"}
    again = run_batch([inputs], _options(out))
    assert (again.converted, again.skipped) == (0, 4)


def test_a_code_change_reconverts_and_failures_are_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEED_SAMPLE, inputs / "a.txt")
    shutil.copy(SEED_SAMPLE, inputs / "b.txt")
    out = tmp_path / "out"
    first = run_batch([inputs], _options(out))
    assert (first.converted, first.failed) == (2, 0)
    clean = _tables(out)
    assert run_batch([inputs], _options(out)).skipped == 2
    # a reader edited: the source hash changes, so every file is converted again
    monkeypatch.setattr(batch, "_SOURCE_HASH", "a-patched-reader")
    assert run_batch([inputs], _options(out)).converted == 2
    # a file stopped at the time limit is not remembered as failed: a rerun with room converts it
    stopped = run_batch([inputs], _options(out, force=True, limits=Limits(seconds=0.001)))
    assert stopped.errors_by_code == {"timeout": 2} and not list(out.glob("[ab].json"))
    rerun = run_batch([inputs], _options(out))
    assert (rerun.converted, rerun.failed) == (2, 0)
    assert _tables(out) == clean


def test_the_source_hash_covers_the_readers(tmp_path: Path) -> None:
    for package in batch._SOURCE_PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("*.pyc"))
    before = batch._hash_sources(tmp_path)
    assert before == batch._hash_sources(tmp_path)
    reader = tmp_path / "extract/text/__init__.py"
    reader.write_text(reader.read_text("utf-8") + "\n# patched\n", encoding="utf-8")
    assert batch._hash_sources(tmp_path) != before


def test_every_library_the_readers_run_on_is_in_the_reuse_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pypdfium2 reads every PDF by default, calamine and python-docx the originals: a new
    version of any of them can change a reading, so the next run converts again."""
    key = batch.tool_version()
    for library in ("pypdfium2", "pdfminer.six", "pdfplumber", "python-calamine", "python-docx"):
        assert f"{library} {metadata.version(library)}" in key
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEED_SAMPLE, inputs / "a.txt")
    out = tmp_path / "out"
    assert run_batch([inputs], _options(out)).converted == 1
    real_version = metadata.version
    monkeypatch.setattr(
        batch.metadata,
        "version",
        lambda dist: "999.0" if dist == "pypdfium2" else real_version(dist),
    )
    assert run_batch([inputs], _options(out)).converted == 1


def test_a_second_run_into_the_same_folder_is_refused(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEED_SAMPLE, inputs / "a.txt")
    out = tmp_path / "out"
    out.mkdir()
    # another process holds the lock (a POSIX lock held by this process would not block it)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys, time; fh = open(sys.argv[1], 'a+b'); "
            "fcntl.lockf(fh.fileno(), fcntl.LOCK_EX); fh.write(b'4242'); fh.flush(); "
            "print('locked', flush=True); time.sleep(60)",
            str(out / batch.LOCK_NAME),
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout.readline().strip() == b"locked"
        with pytest.raises(OutputLocked, match="another selfeval extract"):
            run_batch([inputs], _options(out))
        done = subprocess.run(
            extract_command(inputs, out, 1), cwd=ROOT, capture_output=True, timeout=60
        )
        assert done.returncode == 2
        assert b"another selfeval extract" in done.stderr and b"Traceback" not in done.stderr
    finally:
        holder.kill()
        holder.wait()
    assert run_batch([inputs], _options(out)).converted == 1  # free again
    assert fcntl  # the lock is a POSIX record lock (fcntl.lockf)


def _limit_file_size(size: int):
    def limit() -> None:
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


def test_a_run_out_of_disk_space_converges_when_run_again(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        shutil.copy(SEED_SAMPLE, inputs / name)
    (inputs / "empty.txt").write_bytes(b"")
    reference = tmp_path / "reference"
    run_batch([inputs], _options(reference))
    out = tmp_path / "out"
    # every file larger than 4 KB fails to write: the per-file JSON and the tables
    full = subprocess.run(
        extract_command(inputs, out, 2),
        cwd=ROOT,
        capture_output=True,
        timeout=120,
        preexec_fn=_limit_file_size(4096),
    )
    assert full.returncode != 0 and b"Traceback" not in full.stderr
    assert not list(out.glob("[abc].json"))
    done = subprocess.run(extract_command(inputs, out, 2), cwd=ROOT, timeout=120)
    assert done.returncode == 1  # the empty file
    assert _tables(out) == _tables(reference)
    for name in ("a.json", "b.json", "c.json"):
        assert (out / name).read_bytes() == (reference / name).read_bytes()
    assert not list(out.glob(".*.part"))
