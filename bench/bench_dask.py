"""The whole corpus through ``--executor dask`` and through the local pool: the outputs must be
the same byte for byte (issue 18). tests/test_dask.py checks a few files in every ``make test``;
this runs every input of the corpus: each sample PDF, text dump and office original, the
validation PDFs and dumps, and the real web excerpts.

The cluster is a ``distributed.LocalCluster`` on 127.0.0.1 with worker processes, as a cluster of
machines would run them; both runs use two workers and the same limits.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from selfeval.batch import BatchOptions, run_batch
from selfeval.pool import Limits

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
WORK = ROOT / "bench/results/dask"
OUTPUTS = ("forms.csv", "indicators.csv", "funds.csv", "findings.csv", "errors.csv")
SOURCES = (
    ROOT / "samples/pdf",
    ROOT / "samples/dumps",
    ROOT / "samples/text",
    ROOT / "samples/originals",
    SHARED / "validation/pdf",
    SHARED / "real",
)


def _inputs() -> Path:
    """Every corpus input, copied flat into one folder (names are unique per source)."""
    folder = WORK / "in"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for source in SOURCES:
        for path in sorted(source.iterdir()):
            if path.is_file() and not path.name.endswith(".json"):
                shutil.copyfile(path, folder / f"{source.name}--{path.name}")
    return folder


def _files(out: Path) -> dict[str, bytes]:
    names = [*OUTPUTS, *(p.name for p in out.glob("*.json") if p.name != "run.json")]
    return {name: (out / name).read_bytes() for name in sorted(names)}


def run() -> str:
    from distributed import LocalCluster

    inputs = _inputs()
    limits = Limits(seconds=60, memory=1536 << 20)
    timings = {}
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        results = {}
        for name, extra in (
            ("local", {}),
            ("dask", {"executor": "dask", "scheduler": cluster.scheduler_address}),
        ):
            out = WORK / name
            if out.exists():
                shutil.rmtree(out)
            started = time.perf_counter()
            results[name] = run_batch(
                [inputs],
                BatchOptions(out=out, jobs=2, progress="off", limits=limits, force=True, **extra),
            )
            timings[name] = time.perf_counter() - started
    local, dask = _files(WORK / "local"), _files(WORK / "dask")
    differ = sorted(n for n in local.keys() | dask.keys() if local.get(n) != dask.get(n))
    a, b = results["local"], results["dask"]
    lines = [
        f"inputs {len(list(inputs.iterdir()))}; outputs compared {len(local)} files",
        "| run | converted | failed | forms | rows | errors by code | seconds |",
        "|---|---:|---:|---:|---:|---|---:|",
    ]
    for name, r in results.items():
        errors = ", ".join(f"{k} {v}" for k, v in sorted(r.errors_by_code.items())) or "none"
        lines.append(
            f"| {name} | {r.converted} | {r.failed} | {r.forms} | {r.rows} | {errors} "
            f"| {timings[name]:.0f} |"
        )
    same = not differ and (a.forms, a.rows, a.errors_by_code) == (b.forms, b.rows, b.errors_by_code)
    lines.append(
        "outputs identical byte for byte" if same else f"outputs DIFFER: {', '.join(differ[:10])}"
    )
    return "\n".join(lines)
