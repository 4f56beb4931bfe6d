"""The batch runner behind ``selfeval extract``: many inputs in, one output directory out.

Each input becomes ``OUT/<name>.json`` (written by a worker, atomically). A small state record
per input (``OUT/.state/<name>.json``: content hash, code hash, options, result, output hash)
lets a rerun reuse what is already converted: only a success, only with the same input bytes,
the same code (a hash of the installed package's source files, taken once per run), the same
library versions and the same output-shaping settings (``Settings.fingerprint``: engine,
audit config, taxonomy), and only while its JSON is the one that
run wrote. Every failure (timeout, memory, crashed, unreadable, ...) is tried again on every
rerun. The combined CSV/XLSX, errors.csv and run.json are then rebuilt from the per-file JSON in
input order, so they do not depend on scheduling, and a run stopped at any moment (killed, or
out of disk space) converges, when run again, to the outputs of one clean run.

One run at a time writes into an output folder: ``OUT/.lock`` is held for the whole run, and a
second run into the same folder stops at once with ``OutputLocked``.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import platform
import re
import stat
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import IO, Any

from selfeval.convert import Task, failure, preload_readers
from selfeval.executors import DaskExecutor, ExecutorName, make_executor
from selfeval.export import XLSX_NAME, Exporter
from selfeval.export.tables import ERRORS, TABLES
from selfeval.files import write_json
from selfeval.inputs import InputFile, find_inputs
from selfeval.pool import PoolStats, Result, peak_rss_bytes
from selfeval.progress import BatchProgress
from selfeval.settings import Limits, Settings

STATE_DIR = ".state"
RUN_NAME = "run.json"
LOCK_NAME = ".lock"
#: An output name longer than this many UTF-8 bytes is shortened (file names stop at 255).
MAX_NAME_BYTES = 150
_SOURCE_PACKAGES = ("extract", "normalize", "validate", "selfeval")
#: Read from selfeval's own requirements (pyproject ``dependencies``) when it is installed; this
#: list only stands in for a source tree run without installing.
_FALLBACK_DISTRIBUTIONS = ("pdfplumber", "pdfminer.six", "pypdfium2", "camelot-py")


@dataclass
class BatchOptions:
    """How to run a batch. ``settings`` (default ``Settings.from_env()`` with the default
    limits) is what every worker reads with; ``engine`` and ``limits``, when given, replace
    the settings' own (kept for callers of the keyword options)."""

    out: Path | str
    jobs: int = 0  # 0 = every core
    engine: str | None = None
    force: bool = False
    xlsx: bool = True
    limits: Limits | None = None
    progress: str = "auto"
    executor: ExecutorName = "local"
    scheduler: str | None = None  # the Dask scheduler's address
    settings: Settings | None = None

    def __post_init__(self) -> None:
        settings = self.settings or Settings.from_env()
        changes: dict[str, Any] = {"limits": self.limits or settings.limits or Limits()}
        if self.engine is not None:
            changes["engine"] = self.engine
        self.settings = settings.replace(**changes)
        self.engine, self.limits = self.settings.engine, self.settings.limits

    @property
    def resolved(self) -> Settings:
        """The settings the workers read with (engine and limits folded in)."""
        assert self.settings is not None  # set by __post_init__
        return self.settings


class OutputLocked(Exception):
    """Another run is writing into the same output folder."""


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
    incomplete: int = 0  # forms cut off or read in part
    partial: int = 0  # files with such a form
    errors_by_code: dict[str, int] = field(default_factory=dict)
    findings_by_code: dict[str, int] = field(default_factory=dict)
    wall_seconds: float = 0.0
    peak_rss_per_worker: int = 0  # workers stopped at a limit left out (they sit at the cap)
    workers_killed: int = 0
    exit_code: int = 0


_SOURCE_HASH: str | None = None


def source_hash() -> str:
    """A hash of the code that shapes the outputs: every source file of the installed packages
    (part of the reuse key, and recorded in run.json). Taken once per process."""
    global _SOURCE_HASH
    if _SOURCE_HASH is None:
        _SOURCE_HASH = _hash_sources()
    return _SOURCE_HASH


def _hash_sources(root: Path | None = None) -> str:
    digest = hashlib.sha256()
    root = root or Path(__file__).resolve().parent.parent
    for package in _SOURCE_PACKAGES:
        for path in sorted((root / package).rglob("*")):
            if path.suffix in {".py", ".toml", ".json"} and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _runtime_distributions() -> tuple[str, ...]:
    """Every library selfeval runs on (its requirements outside the extras): any of them can
    change what a file reads as, so each one's version is part of the reuse key."""
    try:
        required = metadata.requires("selfeval") or []
    except metadata.PackageNotFoundError:
        return _FALLBACK_DISTRIBUTIONS
    names = [re.split(r"[\s<>=!~;\[(]", r, maxsplit=1)[0] for r in required if "extra" not in r]
    return tuple(sorted(set(names))) or _FALLBACK_DISTRIBUTIONS


def _installed(dists: tuple[str, ...]) -> dict[str, str]:
    """The version of each of ``dists`` that is installed."""
    found = {}
    for dist in dists:
        with contextlib.suppress(metadata.PackageNotFoundError):
            found[dist] = metadata.version(dist)
    return found


def tool_version() -> str:
    """The code part of the reuse key: selfeval's version and source hash, and the versions of
    the libraries under it (a code change reconverts without any version bump)."""
    from selfeval import __version__

    readers = _installed(_runtime_distributions())
    return ", ".join(
        [
            f"selfeval {__version__} source {source_hash()}",
            *(f"{d} {v}" for d, v in readers.items()),
        ]
    )


def versions() -> dict[str, str]:
    from selfeval import __version__

    out = {"selfeval": __version__, "source": source_hash(), "python": platform.python_version()}
    return {**out, **_installed(_runtime_distributions())}


def regular_file_problem(path: Path) -> str | None:
    """Why ``path`` must not be opened (a symlink loop, a FIFO, a device, a folder), or None
    for a regular file. Checked with ``stat`` only: nothing is opened, so ``/dev/zero`` or a
    FIFO named as input cannot hang the batch."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link loop"
        return str(exc.strerror or exc)
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a regular file: not read"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a regular file: not read"
    if stat.S_ISSOCK(mode):
        return "a socket, not a regular file: not read"
    if stat.S_ISDIR(mode):
        return "a folder where a file was expected"
    return "not a regular file: not read"


def display_name(path: str | Path) -> str:
    """A file name as the tables print it: itself, or, for bytes that are not UTF-8 (names from
    archives made on Chinese Windows), the GB18030 reading of those bytes, else escapes."""
    text = str(path)
    raw = os.fsencode(text)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace")


def output_name(name: str) -> str:
    """The name of an input's outputs: ``name`` itself when it is UTF-8 and short enough; else
    a readable head and a hash of the full name (unique, and stable across runs)."""
    readable = display_name(name)
    if readable == name and len(name.encode("utf-8")) <= MAX_NAME_BYTES:
        return name
    digest = hashlib.sha256(os.fsencode(name)).hexdigest()[:12]
    head = readable.encode("utf-8")[: MAX_NAME_BYTES - 20].decode("utf-8", "ignore")
    head = "".join(ch if ch.isprintable() and ch not in "/\\" else "_" for ch in head)
    return f"{head}-{digest}"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _json_path(out: Path, item: InputFile) -> Path:
    return out / f"{output_name(item.name)}.json"


def _state_path(out: Path, item: InputFile) -> Path:
    return out / STATE_DIR / f"{output_name(item.name)}.json"


def _load_state(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _is_current(state: dict[str, Any] | None, key: dict[str, Any], out_json: Path) -> bool:
    """Whether an earlier conversion can stand: a success under the same key whose JSON is
    still the one it wrote. A failure never stands: it is tried again."""
    if not state or any(state.get(k) != v for k, v in key.items()):
        return False
    if (state.get("result") or {}).get("status") != "ok":
        return False
    try:
        return file_sha256(out_json) == state.get("output_sha256")
    except OSError:
        return False


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    """Hold ``OUT/.lock`` for the run; raise ``OutputLocked`` if another run holds it."""
    path = out / LOCK_NAME
    fh = open(path, "a+b")  # noqa: SIM115 - held for the whole run
    try:
        try:
            _lock_file(fh)
        except OSError:
            fh.seek(0)
            holder = fh.read().decode("ascii", "replace").strip() or "?"
            raise OutputLocked(
                f"{out}: another selfeval extract (pid {holder}) is writing into this folder; "
                "wait for it to finish or choose another --out"
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()).encode())
        fh.flush()
        yield
    finally:
        fh.close()  # closing releases the lock


def _lock_file(fh: IO[bytes]) -> None:
    if sys.platform == "win32":
        import msvcrt

        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        return
    import fcntl

    # a POSIX record lock belongs to this process alone: forked workers do not inherit it, so
    # a batch killed with SIGKILL frees its folder at once, even while its workers wind down
    fcntl.lockf(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def _remove_leftovers(out: Path) -> None:
    """Temporary files of a run that was killed before it could rename them."""
    for pattern in (".*.part", f"{STATE_DIR}/.*.part"):
        for tmp in out.glob(pattern):
            tmp.unlink(missing_ok=True)


def run_batch(paths: list[str | Path], options: BatchOptions) -> BatchReport:
    """Convert every input under ``paths`` into ``options.out``; see the module docstring."""
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    with _locked(out):
        return _run_locked(paths, options, out)


def _run_locked(paths: list[str | Path], options: BatchOptions, out: Path) -> BatchReport:
    started = time.monotonic()
    inputs = find_inputs(paths, exclude=out)
    _remove_leftovers(out)
    plan = _plan(inputs, out, options)
    progress = BatchProgress(len(inputs), mode=options.progress)
    for index in plan.unreadable:
        _note_problems(progress, inputs[index], plan.results[index])
    for result in plan.results.values():
        progress.advance(forms=result.get("forms", 0), error=_listed(result), skipped=True)
    try:
        stats = _convert(plan, inputs, out, options, progress)
    finally:
        progress.close()
    try:
        report = _combine(out, inputs, plan.results, options)
    except Exception as exc:  # a full disk: OSError, or the XLSX writer's own (lxml IO_EFBIG)
        _drop_half_written()
        if isinstance(exc, OSError):
            raise
        raise OSError(f"cannot write the combined tables ({type(exc).__name__}: {exc})") from exc
    report.converted = len(plan.tasks)
    report.skipped = len(inputs) - len(plan.tasks) - len(plan.unreadable)
    report.wall_seconds = round(time.monotonic() - started, 3)
    report.peak_rss_per_worker = max(stats.peak_rss_per_worker, default=0)
    report.workers_killed = stats.killed
    _write_run(out, paths, inputs, report, options)
    return report


@dataclass
class _Plan:
    """What a run has to do: the results known before converting (reused outputs, inputs
    that cannot be read), the tasks left, and each input's reuse key."""

    results: dict[int, Result] = field(default_factory=dict)
    tasks: list[Task] = field(default_factory=list)
    keys: dict[int, dict[str, Any]] = field(default_factory=dict)
    unreadable: list[int] = field(default_factory=list)


def _plan(inputs: list[InputFile], out: Path, options: BatchOptions) -> _Plan:
    """Reuse every output whose key still holds; a task for each other readable input."""
    plan = _Plan()
    tool = tool_version()
    settings = options.resolved
    # the settings that shape the outputs: another engine, audit config or taxonomy reconverts
    settings_key = {"engine": settings.engine, "settings": settings.fingerprint}
    for index, item in enumerate(inputs):
        out_json = _json_path(out, item)
        problem = regular_file_problem(item.path)
        try:
            if problem is not None:
                raise OSError(problem)
            digest = file_sha256(item.path)
        except OSError as exc:  # not a regular file, vanished or unreadable since listed
            plan.results[index] = failure(None, "unreadable", str(exc.strerror or exc))
            plan.unreadable.append(index)
            _forget(out, item)
            continue
        plan.keys[index] = {"sha256": digest, "tool": tool, **settings_key}
        state = _load_state(_state_path(out, item))
        if not options.force and _is_current(state, plan.keys[index], out_json):
            plan.results[index] = {**(state or {})["result"], "skipped": True}
        else:
            # the old state goes first: a run stopped before the new one is written leaves no
            # record that could vouch for a half-replaced output
            _state_path(out, item).unlink(missing_ok=True)
            display = display_name(item.path)
            plan.tasks.append(Task(index, str(item.path), str(out_json), settings, display))
    return plan


def _convert(
    plan: _Plan,
    inputs: list[InputFile],
    out: Path,
    options: BatchOptions,
    progress: BatchProgress,
) -> PoolStats:
    """Run the plan's tasks on the chosen executor; record each result as it comes."""
    tasks = plan.tasks
    jobs = options.jobs or os.cpu_count() or 1
    if tasks and options.executor == "local":
        preload_readers([task.path for task in tasks])
    executor = make_executor(
        options.executor,
        jobs=min(jobs, max(1, len(tasks))),
        settings=options.resolved,
        scheduler=options.scheduler,
    )
    try:
        for task, result in executor.run(tasks, on_tick=progress.tick):
            item = inputs[task.index]
            state = {"input": display_name(item.path), **plan.keys[task.index], "result": result}
            if result["status"] == "error":
                Path(task.out_json).unlink(missing_ok=True)
            else:
                state["output_sha256"] = file_sha256(Path(task.out_json))
            write_json(_state_path(out, item), state)
            plan.results[task.index] = result
            _note_problems(progress, item, result)
            progress.advance(forms=result.get("forms", 0), error=_listed(result))
    finally:
        if isinstance(executor, DaskExecutor):
            executor.close()
    return executor.stats


def _drop_half_written() -> None:
    """Keep the writers a failed export left behind quiet: openpyxl's half-closed sheet streams
    print a traceback of their own write error when they are collected. The failure itself is
    reported once, by the caller; other unraisable errors still print."""
    previous = sys.unraisablehook

    def hook(unraisable: Any) -> None:
        if isinstance(unraisable.exc_value, OSError) or (
            type(unraisable.exc_value).__name__ == "SerialisationError"
        ):
            return
        previous(unraisable)

    sys.unraisablehook = hook


def _forget(out: Path, item: InputFile) -> None:
    """An input that cannot be read now leaves no output of an earlier run behind."""
    _state_path(out, item).unlink(missing_ok=True)
    _json_path(out, item).unlink(missing_ok=True)


def _listed(result: dict[str, Any]) -> bool:
    """Whether a file's result goes to errors.csv (failed, or read only in part)."""
    return result["status"] == "error" or bool(result.get("incomplete"))


def _note_problems(progress: BatchProgress, item: InputFile, result: dict[str, Any]) -> None:
    name = display_name(item.path)
    if result["status"] == "error":
        progress.note(f"{name}: {result['code']}: {result['message']}")
    for message in result.get("incomplete") or []:
        progress.note(f"{name}: incomplete: {message}")


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
                exporter.add_error(display_name(item.path), result["code"], result["message"])
                continue
            forms = json.loads(_json_path(out, item).read_text(encoding="utf-8"))
            exporter.add_forms(forms)
            report.forms += result["forms"]
            report.rows += result["rows"]
            report.pages += result.get("pages", 0)
            findings.update(result.get("findings") or {})
            report.partial += bool(result.get("incomplete"))
            for message in result.get("incomplete") or []:
                report.incomplete += 1
                errors["incomplete"] += 1
                exporter.add_error(display_name(item.path), "incomplete", message)
    report.errors_by_code = dict(sorted(errors.items()))
    report.findings_by_code = dict(sorted(findings.items()))
    if not inputs or report.failed == len(inputs):
        report.exit_code = 2
    elif report.failed or report.incomplete:
        report.exit_code = 1
    return report


def _write_run(
    out: Path,
    paths: list[str | Path],
    inputs: list[InputFile],
    report: BatchReport,
    options: BatchOptions,
) -> None:
    settings = options.resolved
    limits = settings.limits or Limits()
    write_json(
        out / RUN_NAME,
        {
            "inputs": [display_name(p) for p in paths],
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
                "engine": settings.engine,
                "executor": options.executor,
                "force": options.force,
                "time_limit_s": limits.seconds,
                "memory_limit_mb": limits.memory // 2**20 if limits.memory else None,
            },
            "outputs": sorted(
                [f"{t.name}.csv" for t in (*TABLES, ERRORS)] + ([XLSX_NAME] if options.xlsx else [])
            ),
            "versions": versions(),
            "argv": [display_name(a) for a in sys.argv[1:]],
        },
    )
