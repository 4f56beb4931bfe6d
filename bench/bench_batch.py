"""Batch conversion at archive scale: throughput with 1 and 2 workers, memory from 100 to 1,000
files, and a 1,000-file batch with 20 broken inputs mixed in.

The corpus is the bundled samples (every PDF under samples/pdf plus the seed text dump)
replicated under distinct names; the broken inputs come from bench.broken. Every batch runs as
``python -m selfeval extract`` in a subprocess, exactly as a user would run it, with --force so
nothing is reused. ``BENCH_BATCH_FILES`` (default 1000) scales the large runs down.
"""

from __future__ import annotations

import csv
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
from pathlib import Path

from bench.broken import write_broken

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench/results/batch"
SEED_TEXT = ROOT / "samples/text/2021-beijing-keji-xiezuo-zhongxin.txt"
SMALL = 100
LIMITS = ["--timeout", "30", "--max-memory", "768"]


def sources() -> list[Path]:
    """The good inputs a corpus is replicated from."""
    pdfs = sorted((ROOT / "samples/pdf").glob("*.pdf"))
    return [*pdfs, SEED_TEXT]


def _link(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def build_corpus(folder: Path, files: int, broken: dict[str, Path] | None = None) -> Path:
    """``files`` inputs in ``folder``: good ones cycled from sources(), broken ones (if given)
    spread evenly through the order."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    good = sources()
    bad = list((broken or {}).items())
    slots = {round((k + 0.5) * files / len(bad)): item for k, item in enumerate(bad)} if bad else {}
    g = 0
    for i in range(files):
        if i in slots:
            name, path = slots[i]
            _link(path, folder / f"{i:04d}-{name}")
        else:
            src = good[g % len(good)]
            g += 1
            _link(src, folder / f"{i:04d}-{src.name}")
    return folder


def broken_inputs() -> dict[str, Path]:
    """The 20 broken files, made once and kept (the deflate bomb takes a few seconds)."""
    store = WORK / "broken"
    marker = store / "kinds.json"
    if not marker.exists():
        kinds = write_broken(store, SEED_TEXT, sources()[0])
        marker.write_text(json.dumps(kinds, ensure_ascii=False, indent=1), encoding="utf-8")
    kinds = json.loads(marker.read_text(encoding="utf-8"))
    return {name: store / name for name in sorted(kinds)}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def extract_command(inputs: Path, out: Path, jobs: int, *extra: str) -> list[str]:
    """``selfeval extract`` as a batch user runs it, without progress or summary output."""
    command = [sys.executable, "-m", "selfeval", "extract", str(inputs), "--out", str(out)]
    return [*command, "-j", str(jobs), "--progress", "off", "-q", *extra]


def run_batch(inputs: Path, jobs: int) -> dict:
    out = inputs.with_name(inputs.name + "-out")
    if out.exists():
        shutil.rmtree(out)
    command = extract_command(inputs, out, jobs, "--force", *LIMITS)
    load_before = os.getloadavg()[0]
    cpu_before = _children_cpu()
    done = subprocess.run(command, cwd=ROOT, stderr=subprocess.DEVNULL, check=False)
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    run["returncode"] = done.returncode
    run["load"] = (load_before + os.getloadavg()[0]) / 2  # other work sharing the cores
    run["cpu_seconds"] = _children_cpu() - cpu_before  # the batch and all its workers
    run["out"] = out
    return run


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        mem_kb = 0
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    return (
        f"{model}, {os.cpu_count()} cores, {mem_kb / 2**20:.0f} GB RAM, "
        f"Python {platform.python_version()}, load average before the runs {load}"
    )


def _row(label: str, run: dict) -> str:
    wall = run["wall_seconds"]
    return (
        f"| {label:<28} | {run['files']:>5} | {run['options']['jobs']:>4} | {wall:>7.1f} | "
        f"{run['files'] / wall:>7.2f} | {run['pages'] / wall:>7.2f} | "
        f"{run['cpu_seconds'] / run['files'] * 1000:>9.0f} | "
        f"{run['peak_rss_per_worker_mb']:>9.0f} | {run['peak_rss_main_mb']:>7.0f} | "
        f"{run['load']:>4.1f} |"
    )


def _check_mixed(run: dict, inputs: Path, broken: dict[str, Path]) -> list[str]:
    """Every input is converted or listed in errors.csv; the exit code says files failed."""
    out: Path = run["out"]
    with open(out / "errors.csv", encoding="utf-8-sig", newline="") as fh:
        errors = {Path(r["file"]).name: r["code"] for r in csv.DictReader(fh)}
    converted = {p.stem for p in out.glob("*.json")} - {"run"}
    missing = [
        p.name
        for p in inputs.iterdir()
        if p.name not in errors and Path(p.name).stem not in converted
    ]
    broken_names = {n for n in (p.name for p in inputs.iterdir()) if n[5:] in broken}
    unlisted = sorted(broken_names - set(errors))
    lines = [
        f"mixed batch: {run['files']} inputs, {len(broken_names)} broken; exit code "
        f"{run['returncode']} (1 = some files failed); errors by code: "
        + ", ".join(f"{c} {n}" for c, n in run["errors_by_code"].items()),
        f"inputs neither converted nor in errors.csv: {len(missing)}"
        + (f" ({', '.join(missing[:5])})" if missing else ""),
        f"broken inputs not in errors.csv: {len(unlisted)}"
        + (f" ({', '.join(unlisted)})" if unlisted else ""),
    ]
    return lines


def run() -> str:
    files = int(os.environ.get("BENCH_BATCH_FILES", "1000"))
    broken = broken_inputs()
    small = build_corpus(WORK / f"good-{SMALL}", SMALL)
    large = build_corpus(WORK / f"good-{files}", files)
    mixed = build_corpus(WORK / f"mixed-{files}", files, broken)
    header = machine()
    runs = {
        "small_1": run_batch(small, 1),
        "large_1": run_batch(large, 1),
        "large_2": run_batch(large, 2),
        "mixed_2": run_batch(mixed, 2),
    }
    lines = [
        f"machine: {header}",
        f"corpus: {len(sources())} sample inputs (PDFs + the seed text) replicated; limits "
        + " ".join(LIMITS),
        "",
        "| run                          | files | jobs |  wall s | files/s | pages/s | "
        "CPU ms/file | worker MB | main MB | load |",
        "|------------------------------|------:|-----:|--------:|--------:|--------:|"
        "----------:|----------:|--------:|-----:|",
        _row(f"good {SMALL}, 1 job", runs["small_1"]),
        _row(f"good {files}, 1 job", runs["large_1"]),
        _row(f"good {files}, 2 jobs", runs["large_2"]),
        _row(f"{files} incl. 20 broken, 2 jobs", runs["mixed_2"]),
        "",
        "CPU ms/file: CPU time of the batch and its workers per file; worker MB: peak resident "
        "memory of a worker (workers stopped at a limit left out); load: 1-minute load average "
        "around the run (other work on the same cores)",
        "",
    ]
    speedup = (runs["large_2"]["files"] / runs["large_2"]["wall_seconds"]) / (
        runs["large_1"]["files"] / runs["large_1"]["wall_seconds"]
    )
    memory = runs["large_1"]["peak_rss_per_worker_mb"] / runs["small_1"]["peak_rss_per_worker_mb"]
    lines.append(f"2 jobs / 1 job throughput: {speedup:.2f}x (goal >= 1.6x)")
    lines.append(f"peak worker memory {files} vs {SMALL} files: {memory:.2f}x (goal within 1.2x)")
    lines += _check_mixed(runs["mixed_2"], mixed, broken)
    summary = {k: {kk: vv for kk, vv in v.items() if kk != "out"} for k, v in runs.items()}
    (WORK / "batch.json").write_text(
        json.dumps(
            {"machine": header, "speedup": speedup, "memory_ratio": memory, "runs": summary},
            ensure_ascii=False,
            indent=1,
            default=str,
        ),
        encoding="utf-8",
    )
    return "\n".join(lines)
