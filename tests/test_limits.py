"""The same per-file limits for every command and, opt-in, the API: a decompression bomb or a
hang ends in a named error (``timeout``/``memory``), never a crash of the process; without
limits hit, the outputs are those of a read in this process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import selfeval
from bench.broken import bomb_pdf, grinding_pdf
from selfeval import pipeline
from selfeval.extract import ReadError
from selfeval.extract.record import contract_view
from selfeval.settings import Limits, Settings
from tests.conftest import GOLDEN, ROOT

SEED = ROOT / "samples/text/2021-beijing-keji-xiezuo-zhongxin.txt"
PDF = ROOT / "samples/pdf/2022-beijing-chaoyang-falv-fuwu-xlsx.pdf"
TINY = {"timeout": ("--timeout", "0.001", "timeout: stopped after 0.001 s"),
        "memory": ("--max-memory", "1", "memory: stopped at ")}  # fmt: skip


def run_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it: a fresh (small) process, so a worker's memory is its own."""
    command = [sys.executable, "-m", "selfeval", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def _stopped_cleanly(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode in (1, 2), result  # not killed by a signal (SIGABRT: -6)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bomb") / "bomb.pdf"
    path.write_bytes(bomb_pdf(megabytes=400))  # 0.4 MB on disk, 400 MB once inflated
    return path


@pytest.mark.parametrize("command", ["show", "audit"])
def test_a_decompression_bomb_is_stopped_at_the_memory_cap(command: str, bomb: Path) -> None:
    result = run_cli(command, bomb, "--max-memory", "250")
    _stopped_cleanly(result)
    assert f"{bomb}: memory: stopped at " in result.stderr
    assert "(limit 250 MB)" in result.stderr


@pytest.mark.parametrize("command", ["show", "audit", "names"])
def test_a_hang_is_stopped_at_the_time_limit(command: str, tmp_path: Path) -> None:
    grind = tmp_path / "grind.pdf"
    grind.write_bytes(grinding_pdf())  # pdfplumber interprets it for far longer than 2 s
    result = run_cli(command, grind, "--engine", "pdfplumber", "--timeout", "2")
    assert result.returncode in (0, 1, 2) and "Traceback" not in result.stderr
    assert f"{grind}: timeout: stopped after 2 s" in result.stderr


@pytest.mark.parametrize("limit", sorted(TINY))
@pytest.mark.parametrize("command", ["show", "audit", "names"])
def test_a_tiny_limit_names_its_error_on_a_real_file(command: str, limit: str) -> None:
    flag, value, message = TINY[limit]
    result = run_cli(command, PDF, flag, value)
    if command != "names":  # names exits 0 when the names it could read are all known
        _stopped_cleanly(result)
    assert f"{PDF}: {message}" in result.stderr


@pytest.mark.parametrize("limit", sorted(TINY))
def test_extract_lists_a_file_stopped_at_a_tiny_limit(limit: str, tmp_path: Path) -> None:
    flag, value, message = TINY[limit]
    out = tmp_path / "out"
    result = run_cli("extract", PDF, "--out", out, "--progress", "off", flag, value)
    assert result.returncode == 2 and f"{message}" in result.stderr
    run = json.loads((out / "run.json").read_text("utf-8"))
    assert run["errors_by_code"] == {limit: 1}


def test_report_renders_under_the_limits_and_a_rerun_recovers(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("extract", PDF, "--out", out, "--progress", "off", "-q").returncode == 0
    for flag, value, message in TINY.values():
        result = run_cli("report", out, "-j", "1", flag, value)
        assert result.returncode == 1, result
        assert f"{PDF}: page images not rendered: {message}" in result.stderr
        pages = list((out / "report" / "forms").glob("*.html"))
        assert pages and message in pages[0].read_text("utf-8")
        assert not list((out / "report" / "img").rglob("*.png"))
    result = run_cli("report", out, "-j", "1")  # within the default limits: rendered
    assert result.returncode == 0 and result.stderr == ""
    assert list((out / "report" / "img").rglob("*.png"))


def test_without_a_limit_hit_the_outputs_are_an_in_process_read() -> None:
    here = [f.to_dict() for f in pipeline.read(SEED, Settings())]  # no limits: this process
    assert [contract_view(f) for f in here] == json.loads(
        (GOLDEN / f"{SEED.stem}.json").read_text("utf-8")
    )
    shown = run_cli("show", SEED, "--json")  # the default limits: in a worker
    assert shown.returncode == 0 and json.loads(shown.stdout) == here
    audited = run_cli("audit", SEED, "-q")
    assert audited.stdout.strip() == "1 form(s) in 1 file(s): 1 error(s), 2 warning(s), 0 info"
    findings = [f["code"] for f in here[0]["audit"]["findings"]]
    assert len(findings) == 3


def test_the_api_takes_limits_as_an_opt_in() -> None:
    assert Settings().limits is None  # the default: read in this process
    for limits, code in ((Limits(seconds=0.001), "timeout"), (Limits(memory=1 << 20), "memory")):
        with pytest.raises(ReadError) as caught:
            selfeval.read(PDF, settings=Settings(limits=limits))
        assert caught.value.code == code
    with pytest.raises(ReadError) as caught:  # the keyword form of before still works
        selfeval.read(PDF, limits=Limits(seconds=0.001))
    assert caught.value.code == "timeout"
