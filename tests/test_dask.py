"""``--executor dask``: the same per-file conversion on a dask.distributed cluster gives the same
outputs, byte for byte, as the local pool; its failures, limits and resume are the batch's own.

The cluster is a LocalCluster on 127.0.0.1 (in-process workers), started by the test.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from distributed import LocalCluster

from bench.broken import grinding_pdf
from selfeval import executors
from selfeval.batch import BatchOptions, run_batch
from selfeval.pool import Limits
from tests.conftest import ROOT, SEED_SAMPLE

PDFS = ("2021-beijing-keji-xiezuo-zhongxin-xlsx.pdf", "2020-hebei-cheng-an-gaoling-jintie-docx.pdf")
OUTPUTS = ("forms.csv", "indicators.csv", "funds.csv", "findings.csv", "errors.csv")


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(
        n_workers=1,
        threads_per_worker=2,
        processes=False,
        protocol="tcp",  # a real address on 127.0.0.1, as a cluster has
        host="127.0.0.1",
        dashboard_address=None,
    ) as local:
        yield local


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dask") / "in"
    folder.mkdir()
    shutil.copy(SEED_SAMPLE, folder / "seed.txt")
    for name in PDFS:
        shutil.copy(ROOT / "samples/pdf" / name, folder / name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "grind.pdf").write_bytes(grinding_pdf())
    return folder


def _options(out: Path, **extra: object) -> BatchOptions:
    limits = Limits(seconds=8, memory=1 << 30)  # the grinding PDF is stopped at 8 s
    # pdfminer's interpreter grinds on grind.pdf; PDFium (the default engine) reads it at once
    return BatchOptions(
        out=out, jobs=2, progress="off", limits=limits, engine="pdfplumber", **extra
    )


def _files(out: Path) -> dict[str, bytes]:
    names = [*OUTPUTS, *(p.name for p in out.glob("*.json") if p.name != "run.json")]
    return {name: (out / name).read_bytes() for name in sorted(names)}


def test_dask_outputs_equal_the_local_pool_byte_for_byte(cluster, inputs, tmp_path) -> None:
    local = run_batch([inputs], _options(tmp_path / "local"))
    remote = run_batch(
        [inputs],
        _options(tmp_path / "dask", executor="dask", scheduler=cluster.scheduler_address),
    )
    assert local.errors_by_code == remote.errors_by_code == {"empty": 1, "timeout": 1}
    assert (remote.forms, remote.rows) == (local.forms, local.rows) == (3, local.rows) > (3, 0)
    assert _files(tmp_path / "dask") == _files(tmp_path / "local")
    # resume: converted files are reused, failures are tried again, outputs unchanged
    again = run_batch(
        [inputs],
        _options(tmp_path / "dask", executor="dask", scheduler=cluster.scheduler_address),
    )
    assert (again.skipped, again.converted) == (3, 2)
    assert _files(tmp_path / "dask") == _files(tmp_path / "local")


def test_a_cluster_without_workers_stops_the_batch_clearly(inputs, tmp_path, monkeypatch) -> None:
    """No worker ever joins: the batch stops with a named error instead of waiting for ever."""
    monkeypatch.setattr(executors, "WORKER_WAIT_SECONDS", 1.0)
    with LocalCluster(
        n_workers=0, processes=False, protocol="tcp", host="127.0.0.1", dashboard_address=":0"
    ) as empty:
        address = empty.scheduler_address
        with pytest.raises(executors.NoDaskWorkers, match="no Dask worker on the scheduler"):
            run_batch([inputs], _options(tmp_path / "out", executor="dask", scheduler=address))


def test_a_cluster_left_without_workers_stops_the_batch(monkeypatch) -> None:
    """Every worker gone mid-batch and none back within the wait: a named error, not a hang."""
    monkeypatch.setattr(executors, "WORKER_WAIT_SECONDS", 0.2)

    class Client:
        workers: dict[str, object] = {"tcp://w": {}}
        scheduler = type("Scheduler", (), {"address": "tcp://s"})()

        def scheduler_info(self) -> dict[str, object]:
            return {"workers": self.workers}

    client = Client()
    watch = executors._Workless(client, every=0.0)
    watch.check()  # a worker: fine
    client.workers = {}
    watch.check()  # none since now
    time.sleep(0.3)
    with pytest.raises(executors.NoDaskWorkers, match="tcp://s"):
        watch.check()


def _wait_for(path: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert path.exists(), f"{path} did not appear"


def test_the_cli_on_a_scheduler_and_worker_processes(inputs: Path, tmp_path: Path) -> None:
    """As on several machines: `dask scheduler` and `dask worker` processes (a worker runs
    under its nanny, a daemonic process), inputs given relative to the client's folder."""
    dask = Path(sys.executable).with_name("dask")
    info = tmp_path / "scheduler.json"
    common = ["--no-dashboard"]
    scheduler = subprocess.Popen(
        [dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--scheduler-file", info]
        + common,
        stderr=subprocess.DEVNULL,
    )
    worker = None
    worker_log = tmp_path / "worker.log"
    try:
        _wait_for(info)
        worker = subprocess.Popen(
            [dask, "worker", "--scheduler-file", info, "--nworkers", "1", "--nthreads", "2"]
            + ["--host", "127.0.0.1", "--local-directory", tmp_path / "worker"]
            + common,
            stderr=worker_log.open("wb"),
            cwd=tmp_path,  # not the client's folder
        )
        address = json.loads(info.read_text("utf-8"))["address"]
        command = [sys.executable, "-m", "selfeval", "extract", inputs.name, "--timeout", "8"]
        command += ["--progress", "off", "-q", "-j", "2", "--engine", "pdfplumber"]
        done = []
        for name, extra in (
            ("local", []),
            ("dask", ["--executor", "dask", "--scheduler", address]),
        ):
            try:
                done.append(
                    subprocess.run(
                        [*command, "--out", str(tmp_path / name), *extra],
                        cwd=inputs.parent,
                        capture_output=True,
                        timeout=240,
                    )
                )
            except subprocess.TimeoutExpired as exc:
                log = worker_log.read_text("utf-8", "replace")[-3000:]
                pytest.fail(f"{name} run hung; its stderr: {exc.stderr!r}; the worker's: {log}")
        tail = worker_log.read_text("utf-8", "replace")[-2000:]
        assert [d.returncode for d in done] == [1, 1], ([d.stderr[-500:] for d in done], tail)
        assert _files(tmp_path / "dask") == _files(tmp_path / "local")
        run = json.loads((tmp_path / "dask" / "run.json").read_text("utf-8"))
        assert run["errors_by_code"] == {"empty": 1, "timeout": 1} and run["rows"] > 0
    finally:
        for process in (worker, scheduler):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)
