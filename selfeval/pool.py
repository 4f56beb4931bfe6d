"""Worker processes with a per-task time limit and memory cap.

``concurrent.futures`` cannot stop one task that loops or balloons; here the parent watches
each busy worker and SIGKILLs it when its task overruns the time limit or its resident memory
passes the cap, reports that task as failed ("timeout" / "memory") and starts a fresh worker.
Workers are forked from a parent that has already imported the readers, and are replaced after
``max_tasks`` tasks so memory cannot creep over a long batch.

Portability: where ``fork`` is missing (Windows, or ``Settings.start_method``, e.g.
``SELFEVAL_START_METHOD=spawn``) workers are spawned instead (the task function must then be
importable by name). The time limit works everywhere; the memory cap needs a way to read a
worker's resident memory (``/proc`` on Linux) and ``resource`` for the in-worker backstop:
where the platform has neither, the cap is a documented no-op and only the time limit applies.
A worker already over the cap when a task would start fails that task as ``memory``; a result
that arrives after the time limit (between two polls) counts as ``timeout``.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, cast

from selfeval.settings import Limits

__all__ = ["Limits", "PoolStats", "Result", "WorkerPool", "run_limited", "start_method"]

#: What a task function returns: a small JSON-safe summary (``status``, ``code``, ...).
Result = dict[str, Any]

try:
    _PAGE = os.sysconf("SC_PAGE_SIZE")
except (AttributeError, ValueError, OSError):  # no sysconf (Windows)
    _PAGE = 4096
_PR_SET_PDEATHSIG = 1


def _resource() -> Any:
    """The Unix ``resource`` module, or None where the platform (or the install) has none."""
    try:
        import resource
    except ImportError:
        return None
    return resource


def rss_bytes(pid: int) -> int:
    """Resident memory of a process now (0 if it is gone, or if the platform cannot tell)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def peak_rss_bytes() -> int:
    """Peak resident memory of this process so far (0 where the platform cannot tell)."""
    resource = _resource()
    if resource is None:
        return 0
    peak = int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return peak if sys.platform == "darwin" else peak * 1024  # macOS counts bytes, Linux KiB


def start_method(wanted: str | None = None) -> str:
    """``wanted`` when the platform has it, else ``fork`` where the platform has it (workers
    inherit the warm readers), else ``spawn``."""
    wanted = (wanted or "").strip()
    methods = multiprocessing.get_all_start_methods()
    if wanted in methods:
        return wanted
    return "fork" if "fork" in methods else "spawn"


def _die_with_parent() -> None:
    """Ask Linux to kill this worker if the batch process dies (e.g. SIGKILL)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _worker_main(
    conn: Connection,
    func: Callable[[Any], Result],
    failure: Callable[[Any, str, str], Result],
    data_limit: int | None,
    initializer: Callable[[], None] | None,
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    _die_with_parent()
    if initializer is not None:
        initializer()
    resource = _resource()
    if data_limit and resource is not None:  # backstop for allocations faster than polling
        with contextlib.suppress(ValueError, OSError, AttributeError):
            resource.setrlimit(resource.RLIMIT_DATA, (data_limit, data_limit))
    try:  # started and warm: a task's clock starts only now (a spawned worker imports first)
        conn.send(_READY)
    except (BrokenPipeError, OSError):
        return
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            result = func(task)
        except MemoryError:
            result = failure(task, "memory", "the worker ran out of memory")
        except Exception as exc:  # func should catch its own; a worker never dies of one task
            result = failure(task, "crashed", f"{type(exc).__name__}: {exc}")
        result["peak_rss"] = peak_rss_bytes()
        try:
            conn.send(result)
        except (BrokenPipeError, OSError):
            return


_READY = "ready"
#: A worker not ready after this many seconds (or dead before) failed to start.
START_SECONDS = 120.0
#: Workers that may fail to start before the pool gives the remaining tasks up.
START_FAILURES = 3


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    tasks_done: int = 0
    task: Any = None
    started: float = 0.0
    peak_rss: int = 0
    ready: bool = False
    born: float = field(default_factory=time.monotonic)


@dataclass
class PoolStats:
    #: peak resident memory of each worker that ended normally (killed ones sit at the cap)
    peak_rss_per_worker: list[int] = field(default_factory=list)
    workers_started: int = 0
    killed: int = 0
    start_failures: int = 0


class WorkerPool:
    """Run ``func(task) -> dict`` over tasks in ``jobs`` forked workers, enforcing ``limits``.

    ``func`` must catch its own exceptions and return a result dict; a worker that dies or is
    killed yields ``failure(task, code, message)`` for its task instead.
    """

    def __init__(
        self,
        func: Callable[[Any], Result],
        failure: Callable[[Any, str, str], Result],
        *,
        jobs: int,
        limits: Limits | None = None,
        initializer: Callable[[], None] | None = None,
        start: str | None = None,
    ) -> None:
        self.initializer = initializer
        self.func = func
        self.failure = failure
        self.jobs = max(1, jobs)
        self.limits = limits or Limits()
        self.stats = PoolStats()
        self._ctx: Any = multiprocessing.get_context(start_method(start))
        self._workers: list[_Worker] = []

    def _start_worker(self) -> _Worker:
        parent, child = self._ctx.Pipe(duplex=True)
        data_limit = self.limits.memory * 2 if self.limits.memory else None
        process = self._ctx.Process(
            target=_worker_main,
            args=(child, self.func, self.failure, data_limit, self.initializer),
            daemon=True,
        )
        process.start()
        child.close()
        self.stats.workers_started += 1
        return _Worker(process, parent)

    def _retire(self, worker: _Worker, *, kill: bool, over_limit: bool = False) -> None:
        if not over_limit:
            self.stats.peak_rss_per_worker.append(worker.peak_rss)
        if kill:
            with contextlib.suppress(ProcessLookupError, OSError):
                worker.process.kill()  # SIGKILL on Unix, TerminateProcess on Windows
        else:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        worker.process.join(timeout=5 if not kill else None)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()
        self._workers.remove(worker)

    def run(
        self, tasks: list[Any], on_tick: Callable[[], None] | None = None
    ) -> Iterator[tuple[Any, Result]]:
        """Yield ``(task, result)`` as tasks finish (in completion order); ``on_tick`` is
        called at every poll, so progress can show time passing while files are slow."""
        queue = deque(tasks)
        try:
            while queue or self._busy():
                while len(self._workers) < min(self.jobs, len(queue) + self._busy()):
                    self._workers.append(self._start_worker())
                if self.stats.start_failures >= START_FAILURES:
                    while queue:  # workers cannot even start here: say so for every task
                        task = queue.popleft()
                        yield task, self.failure(task, "crashed", "no worker process could start")
                    if not self._busy():
                        break
                yield from self._dispatch(queue)
                yield from self._collect()
                if on_tick is not None:
                    on_tick()
        finally:
            for worker in list(self._workers):
                self._retire(worker, kill=worker.task is not None)

    def _dispatch(self, queue: deque[Any]) -> Iterator[tuple[Any, Result]]:
        """Hand the next tasks to idle workers. A worker already over the memory cap before
        its task starts (a cap below what a warm worker needs) fails that task as ``memory``:
        under its in-worker backstop the task could only end in an allocation failure that
        reads as something else (a missing module, a crash)."""
        for worker in list(self._workers):
            if not (worker.ready and worker.task is None and queue):
                continue
            task = queue.popleft()
            rss = rss_bytes(worker.process.pid or 0)
            if self.limits.memory is not None and rss > self.limits.memory:
                self.stats.killed += 1
                self._retire(worker, kill=True, over_limit=True)
                yield task, self.failure(task, "memory", self._over_memory(rss))
                continue
            worker.task = task
            worker.started = time.monotonic()
            worker.conn.send(task)

    def _over_memory(self, rss: int) -> str:
        mb = (self.limits.memory or 0) / 2**20
        return f"stopped at {rss / 2**20:.0f} MB (limit {mb:.0f} MB)"

    def _busy(self) -> int:
        return sum(1 for w in self._workers if w.task is not None)

    def _collect(self) -> Iterator[tuple[Any, Result]]:
        busy = {w.conn: w for w in self._workers if w.task is not None or not w.ready}
        ready = wait(list(busy), timeout=self.limits.poll)
        for conn in ready:
            worker = busy[cast(Connection, conn)]
            if not worker.ready:
                self._starting(worker)
                continue
            task = worker.task
            try:
                result: Result = worker.conn.recv()
            except (EOFError, OSError):
                code = worker.process.exitcode
                self._retire(worker, kill=True)
                yield task, self.failure(task, "crashed", f"the reader process died ({code})")
                continue
            worker.task = None
            worker.tasks_done += 1
            worker.peak_rss = max(worker.peak_rss, result.pop("peak_rss", 0))
            if worker.tasks_done >= self.limits.max_tasks or result.get("code") == "memory":
                self._retire(worker, kill=False)
            seconds = self.limits.seconds
            if seconds is not None and time.monotonic() - worker.started > seconds:
                # over the limit between two polls: the same verdict whichever came first
                result = self.failure(task, "timeout", f"stopped after {seconds:g} s")
            yield task, result
        yield from self._enforce_limits()

    def _starting(self, worker: _Worker) -> None:
        """A message from a worker that was starting: ready, or dead before it was."""
        try:
            worker.ready = worker.conn.recv() == _READY
        except (EOFError, OSError):
            worker.ready = False
        if not worker.ready:
            self.stats.start_failures += 1
            self._retire(worker, kill=True, over_limit=True)

    def _enforce_limits(self) -> Iterator[tuple[Any, Result]]:
        now = time.monotonic()
        for worker in [w for w in self._workers if not w.ready]:
            if now - worker.born > START_SECONDS:
                self.stats.start_failures += 1
                self._retire(worker, kill=True, over_limit=True)
        for worker in [w for w in self._workers if w.task is not None]:
            elapsed = now - worker.started
            rss = rss_bytes(worker.process.pid or 0)
            worker.peak_rss = max(worker.peak_rss, rss)
            failure = None
            if self.limits.seconds is not None and elapsed > self.limits.seconds:
                failure = ("timeout", f"stopped after {self.limits.seconds:g} s")
            elif self.limits.memory is not None and rss > self.limits.memory:
                failure = ("memory", self._over_memory(rss))
            if failure:
                task = worker.task
                self.stats.killed += 1
                self._retire(worker, kill=True, over_limit=True)
                yield task, self.failure(task, *failure)


def run_limited(
    func: Callable[[Any], Result],
    failure: Callable[[Any, str, str], Result],
    task: Any,
    limits: Limits,
    initializer: Callable[[], None] | None = None,
    start: str | None = None,
) -> Result:
    """``func(task)`` in one worker process under ``limits`` (the batch's mechanism, for one
    file): its result, or ``failure(task, code, message)`` when it was stopped or died."""
    pool = WorkerPool(func, failure, jobs=1, limits=limits, initializer=initializer, start=start)
    for _, result in pool.run([task]):
        return result
    return failure(task, "crashed", "the reader process gave no result")
