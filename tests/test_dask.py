"""``--executor dask``: the same per-file conversion on a dask.distributed cluster gives the same
outputs, byte for byte, as the local pool; its failures, limits and resume are the batch's own.

The cluster is a LocalCluster on 127.0.0.1 (in-process workers), started by the test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from distributed import LocalCluster

from bench.broken import grinding_pdf
from selfeval.batch import BatchOptions, run_batch
from selfeval.pool import Limits

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples/text/2021-beijing-keji-xiezuo-zhongxin.txt"
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
    shutil.copy(SEED, folder / "seed.txt")
    for name in PDFS:
        shutil.copy(ROOT / "samples/pdf" / name, folder / name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "grind.pdf").write_bytes(grinding_pdf())
    return folder


def _options(out: Path, **extra: object) -> BatchOptions:
    limits = Limits(seconds=8, memory=1 << 30)  # the grinding PDF is stopped at 8 s
    return BatchOptions(out=out, jobs=2, progress="off", limits=limits, **extra)


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
