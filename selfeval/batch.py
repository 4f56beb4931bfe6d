"""The batch runner behind ``selfeval extract``: many inputs in, one output directory out.

Each input becomes ``OUT/<name>.json`` (written by a worker, atomically). A small state record
per input (``OUT/.state/<name>.json``: content hash, tool version, engine, result) lets a
rerun skip what is already converted (same content, same tool version); the combined CSV/XLSX, errors.csv and run.json are then
rebuilt from the per-file JSON in input order, so they do not depend on scheduling and a run
killed at any moment can simply be run again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import platform
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from selfeval.convert import Task, convert, failure, quiet_libraries
from selfeval.export import XLSX_NAME, Exporter
from selfeval.files import write_json
from selfeval.inputs import InputFile, find_inputs
from selfeval.pool import Limits, WorkerPool, peak_rss_bytes
from selfeval.progress import BatchProgress
from selfeval.tables import ERRORS, TABLES

STATE_DIR = ".state"
RUN_NAME = "run.json"
_SOURCE_PACKAGES = ("extract", "normalize", "validate", "selfeval")
_READER_DISTRIBUTIONS = ("pdfplumber", "pdfminer.six", "camelot-py")


@dataclass
class BatchOptions:
    out: Path
    jobs: int = 0  # 0 = every core
    engine: str = "pdfplumber"
    force: bool = False
    xlsx: bool = True
    limits: Limits = field(default_factory=Limits)
    progress: str = "auto"


@dataclass
class BatchReport:
    """What a run did; ``exit_code`` is 0 all ok, 1 some files failed, 2 nothing readable."""

    files: int = 0
    converted: int = 0
    skipped: int = 0
    forms: int = 0
    rows: int = 0
    pages: int = 0
    failed: int = 0
    incomplete: int = 0
    errors_by_code: dict[str, int] = field(default_factory=dict)
    findings_by_code: dict[str, int] = field(default_factory=dict)
    wall_seconds: float = 0.0
    peak_rss_per_worker: int = 0  # workers stopped at a limit left out (they sit at the cap)
    workers_killed: int = 0
    exit_code: int = 0


def source_hash() -> str:
    """A hash of the code that shapes the outputs (recorded in run.json, for traceability)."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parent.parent
    for package in _SOURCE_PACKAGES:
        for path in sorted((root / package).rglob("*")):
            if path.suffix in {".py", ".toml", ".json"} and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _installed(dists: tuple[str, ...]) -> dict[str, str]:
    """The version of each of ``dists`` that is installed."""
    found = {}
    for dist in dists:
        with contextlib.suppress(metadata.PackageNotFoundError):
            found[dist] = metadata.version(dist)
    return found


def tool_version() -> str:
    """What decides whether an earlier conversion can be reused: selfeval's version and the
    versions of the PDF libraries under it. (A code change without a version bump needs
    ``--force``.)"""
    from selfeval import __version__

    readers = _installed(_READER_DISTRIBUTIONS)
    return ", ".join([f"selfeval {__version__}", *(f"{d} {v}" for d, v in readers.items())])


def versions() -> dict[str, str]:
    from selfeval import __version__

    out = {"selfeval": __version__, "source": source_hash(), "python": platform.python_version()}
    return {**out, **_installed((*_READER_DISTRIBUTIONS, "openpyxl", "rich"))}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _json_path(out: Path, item: InputFile) -> Path:
    return out / f"{item.name}.json"


def _state_path(out: Path, item: InputFile) -> Path:
    return out / STATE_DIR / f"{item.name}.json"


def _load_state(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _is_current(state: dict | None, key: dict, out_json: Path) -> bool:
    if not state or any(state.get(k) != v for k, v in key.items()):
        return False
    return (state.get("result") or {}).get("status") == "error" or out_json.exists()


def _preload_readers() -> None:
    """Import every reader and load jieba's dictionary in the parent, so forked workers start
    warm instead of each paying the load on their first file (``extract.pdf.reader``, not the
    ``extract.pdf`` facade, is the module that imports pdfplumber and pdfminer)."""
    import importlib

    for module in ("extract.text", "extract.pdf.reader", "normalize", "validate"):
        with contextlib.suppress(Exception):  # a broken reader is reported per file instead
            importlib.import_module(module)
    with contextlib.suppress(Exception):
        from normalize import theme_of

        theme_of("服务对象满意度", None)  # builds normalize's jieba vocabulary
    with contextlib.suppress(Exception):
        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()


def _remove_leftovers(out: Path) -> None:
    """Temporary files of a run that was killed before it could rename them."""
    for pattern in (".*.part", f"{STATE_DIR}/.*.part"):
        for tmp in out.glob(pattern):
            tmp.unlink(missing_ok=True)


def run_batch(paths: list[str | Path], options: BatchOptions) -> BatchReport:
    """Convert every input under ``paths`` into ``options.out``; see the module docstring."""
    started = time.monotonic()
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    inputs = find_inputs(paths, exclude=out)
    _remove_leftovers(out)
    tool = tool_version()
    results: dict[int, dict[str, Any]] = {}
    tasks: list[Task] = []
    keys: dict[int, dict[str, Any]] = {}
    unreadable: list[int] = []
    for index, item in enumerate(inputs):
        out_json = _json_path(out, item)
        try:
            digest = file_sha256(item.path)
        except OSError as exc:  # vanished or unreadable since it was listed
            results[index] = failure(None, "unreadable", str(exc.strerror or exc))
            unreadable.append(index)
            continue
        keys[index] = {"sha256": digest, "tool": tool, "engine": options.engine}
        state = _load_state(_state_path(out, item))
        if not options.force and _is_current(state, keys[index], out_json):
            results[index] = {**state["result"], "skipped": True}
        else:
            tasks.append(Task(index, str(item.path), str(out_json), options.engine))

    progress = BatchProgress(len(inputs), mode=options.progress)
    for index in unreadable:
        _note_problems(progress, inputs[index], results[index])
    for result in results.values():
        progress.advance(forms=result.get("forms", 0), error=_listed(result), skipped=True)
    jobs = options.jobs or os.cpu_count() or 1
    pool = WorkerPool(
        convert,
        failure,
        jobs=min(jobs, max(1, len(tasks))),
        limits=options.limits,
        initializer=quiet_libraries,
    )
    if tasks:
        _preload_readers()
    try:
        for task, result in pool.run(tasks, on_tick=progress.tick):
            item = inputs[task.index]
            if result["status"] == "error":
                Path(task.out_json).unlink(missing_ok=True)
            write_json(
                _state_path(out, item),
                {"input": str(item.path), **keys[task.index], "result": result},
            )
            results[task.index] = result
            _note_problems(progress, item, result)
            progress.advance(forms=result.get("forms", 0), error=_listed(result))
    finally:
        progress.close()

    report = _combine(out, inputs, results, options)
    report.converted = len(tasks)
    report.skipped = len(inputs) - len(tasks) - len(unreadable)
    report.wall_seconds = round(time.monotonic() - started, 3)
    report.peak_rss_per_worker = max(pool.stats.peak_rss_per_worker, default=0)
    report.workers_killed = pool.stats.killed
    _write_run(out, paths, inputs, report, options)
    return report


def _listed(result: dict[str, Any]) -> bool:
    """Whether a file's result goes to errors.csv (failed, or read only in part)."""
    return result["status"] == "error" or bool(result.get("incomplete"))


def _note_problems(progress: BatchProgress, item: InputFile, result: dict[str, Any]) -> None:
    if result["status"] == "error":
        progress.note(f"{item.path}: {result['code']}: {result['message']}")
    for message in result.get("incomplete") or []:
        progress.note(f"{item.path}: incomplete: {message}")


def _combine(
    out: Path, inputs: list[InputFile], results: dict[int, dict[str, Any]], options: BatchOptions
) -> BatchReport:
    """Rebuild the combined tables from the per-file JSON, in input order."""
    report = BatchReport(files=len(inputs))
    errors: Counter[str] = Counter()
    findings: Counter[str] = Counter()
    with Exporter(out, xlsx=options.xlsx) as exporter:
        for index, item in enumerate(inputs):
            result = results[index]
            if result["status"] == "error":
                report.failed += 1
                errors[result["code"]] += 1
                exporter.add_error(str(item.path), result["code"], result["message"])
                continue
            forms = json.loads(_json_path(out, item).read_text(encoding="utf-8"))
            exporter.add_forms(forms)
            report.forms += result["forms"]
            report.rows += result["rows"]
            report.pages += result.get("pages", 0)
            findings.update(result.get("findings") or {})
            for message in result.get("incomplete") or []:
                report.incomplete += 1
                errors["incomplete"] += 1
                exporter.add_error(str(item.path), "incomplete", message)
    report.errors_by_code = dict(sorted(errors.items()))
    report.findings_by_code = dict(sorted(findings.items()))
    if not inputs or report.failed == len(inputs):
        report.exit_code = 2
    elif report.failed or report.incomplete:
        report.exit_code = 1
    return report


def _write_run(
    out: Path, paths: list, inputs: list[InputFile], report: BatchReport, options: BatchOptions
) -> None:
    limits = options.limits
    write_json(
        out / RUN_NAME,
        {
            "inputs": [str(p) for p in paths],
            "files": report.files,
            "converted": report.converted,
            "skipped": report.skipped,
            "failed": report.failed,
            "incomplete": report.incomplete,
            "forms": report.forms,
            "rows": report.rows,
            "pages": report.pages,
            "errors_by_code": report.errors_by_code,
            "findings_by_code": report.findings_by_code,
            "exit_code": report.exit_code,
            "wall_seconds": report.wall_seconds,
            "peak_rss_per_worker_mb": round(report.peak_rss_per_worker / 2**20, 1),
            "workers_stopped_at_a_limit": report.workers_killed,
            "peak_rss_main_mb": round(peak_rss_bytes() / 2**20, 1),
            "options": {
                "jobs": options.jobs or os.cpu_count(),
                "engine": options.engine,
                "force": options.force,
                "time_limit_s": limits.seconds,
                "memory_limit_mb": limits.memory // 2**20 if limits.memory else None,
            },
            "outputs": sorted(
                [f"{t.name}.csv" for t in (*TABLES, ERRORS)] + ([XLSX_NAME] if options.xlsx else [])
            ),
            "versions": versions(),
            "argv": sys.argv[1:],
        },
    )
