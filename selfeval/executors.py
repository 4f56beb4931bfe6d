"""Where a batch's per-file conversions run: the local worker pool, or a Dask cluster.

Both run the same ``convert`` on the same tasks under the same per-file limits, and both yield
``(task, result)`` as files finish; the batch around them (reuse, retries, the combined tables)
is one and the same, so their outputs are byte for byte identical.

- ``LocalExecutor``: ``selfeval.pool.WorkerPool`` on this machine (the default).
- ``DaskExecutor``: ``dask.distributed`` workers on any number of machines. Each file is
  converted on a worker inside its own child process (``selfeval.pool.run_limited``), so a file
  that hangs, balloons or crashes is stopped and reported exactly as locally. The worker sends
  the JSON text back and this process writes it, so the output folder need not be shared; the
  inputs must be readable by the workers at the same path (a shared or copied folder).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial
from typing import Any, Literal

from selfeval.convert import Task, convert, failure, warm_worker
from selfeval.files import atomic_open
from selfeval.pool import PoolStats, Result, WorkerPool, run_limited
from selfeval.settings import Limits, Settings

ExecutorName = Literal["local", "dask"]
EXECUTORS: tuple[ExecutorName, ...] = ("local", "dask")


class LocalExecutor:
    """Forked (or spawned) worker processes on this machine, under ``settings.limits``."""

    def __init__(self, jobs: int, settings: Settings) -> None:
        self.pool = WorkerPool(
            convert,
            failure,
            jobs=jobs,
            limits=settings.limits,
            initializer=partial(warm_worker, settings.verbose),
            start=settings.start_method,
        )

    @property
    def stats(self) -> PoolStats:
        return self.pool.stats

    def run(
        self, tasks: list[Task], on_tick: Callable[[], None] | None = None
    ) -> Iterator[tuple[Task, Result]]:
        yield from self.pool.run(tasks, on_tick=on_tick)


def convert_isolated(task: Task) -> Result:
    """One file on a Dask worker: ``convert`` in a child process under the task's limits, the
    JSON text returned in ``result["payload"]`` (``task.out_json`` is empty)."""
    _allow_children()
    settings = task.settings
    start = partial(warm_worker, settings.verbose, (task.path,))
    limits = settings.limits or Limits()
    method = settings.start_method or _child_start_method()
    return run_limited(convert, failure, task, limits, start, method)


_FORK_SERVER_LOCK = threading.Lock()


def _child_start_method() -> str:
    """How a Dask worker starts the child for a file: from a fork server where the platform
    has one, else spawned; never forked from the worker itself.

    A Dask worker runs files on several threads beside its own (event loop, heartbeats), and
    a child forked while another thread holds a lock (an import lock, a logging lock) waits for
    it forever: the file then never starts, a hang no time limit sees. The fork server is a
    process of its own with one thread that imports the readers and loads jieba once
    (``selfeval.preloaded``); each child forked from it starts warm."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return "spawn"
    with _FORK_SERVER_LOCK:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["selfeval.preloaded"])
    return "forkserver"


def _allow_children() -> None:
    """A worker started by ``dask worker`` (under its nanny) is a daemonic multiprocessing
    process, and multiprocessing refuses children to those. Our children are not left behind
    when it goes: each asks the kernel to kill it with its parent (see selfeval.pool), and the
    pool stops every child it started before it returns."""
    process = multiprocessing.current_process()
    if process.daemon:
        process._config["daemon"] = False  # type: ignore[attr-defined]


def _distributed() -> Any:
    """The ``distributed`` module (untyped: used through ``Any``), or a RuntimeError saying
    how to install it."""
    try:
        import distributed
    except ImportError:
        raise RuntimeError(
            "--executor dask needs dask.distributed: pip install 'selfeval[dask]'"
        ) from None
    return distributed


#: How long a Dask batch waits for a worker on the scheduler before it gives up: at the start,
#: and at any moment the cluster is left without one (its unfinished files are then not lost:
#: they are converted by the next run, which resumes).
WORKER_WAIT_SECONDS = 120.0


class NoDaskWorkers(RuntimeError):
    """The scheduler had no worker for ``WORKER_WAIT_SECONDS``: the batch stops, clearly,
    rather than waiting for ever; files converted so far are kept and reused by the next run."""

    def __init__(self, scheduler: str) -> None:
        super().__init__(
            f"no Dask worker on the scheduler {scheduler} for {WORKER_WAIT_SECONDS:g} s; "
            "start workers with: dask worker " + scheduler
        )


class _Workless:
    """Watches a running batch's cluster: raises ``NoDaskWorkers`` once it has been without a
    worker for ``WORKER_WAIT_SECONDS`` (every worker gone, none come back)."""

    def __init__(self, client: Any, every: float = 5.0) -> None:
        self.client = client
        self.every = every
        self.last_look = time.monotonic()
        self.since: float | None = None

    def check(self) -> None:
        now = time.monotonic()
        if now - self.last_look < self.every:
            return
        self.last_look = now
        try:
            workers = self.client.scheduler_info().get("workers", {})
        except Exception:  # the scheduler is unreachable for a moment: no verdict now
            return
        if workers:
            self.since = None
        elif self.since is None:
            self.since = now
        elif now - self.since > WORKER_WAIT_SECONDS:
            raise NoDaskWorkers(self.client.scheduler.address)


class DaskExecutor:
    """Per-file conversions on a ``dask.distributed`` cluster.

    ``scheduler`` is the scheduler's address (``tcp://host:8786``), or None to start a private
    ``LocalCluster`` on 127.0.0.1 (for trying it out)."""

    def __init__(self, scheduler: str | None, jobs: int = 0) -> None:
        distributed = _distributed()
        self.stats = PoolStats()
        self._cluster: Any = None
        self.client: Any
        if scheduler:
            self.client = distributed.Client(scheduler, timeout=30)
        else:
            self._cluster = distributed.LocalCluster(
                n_workers=1,
                threads_per_worker=max(1, jobs or 2),
                processes=False,
                protocol="tcp",  # a real address on 127.0.0.1, as a cluster has
                host="127.0.0.1",
                dashboard_address=None,
            )
            self.client = distributed.Client(self._cluster)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.client.close()
        if self._cluster is not None:
            with contextlib.suppress(Exception):
                self._cluster.close()

    def run(
        self, tasks: list[Task], on_tick: Callable[[], None] | None = None
    ) -> Iterator[tuple[Task, Result]]:
        if not tasks:
            return
        self._wait_for_a_worker()
        # absolute paths: a worker's working folder is not ours (the tables keep task.display)
        remote = [
            replace(task, out_json="", path=os.path.abspath(task.path), display=task.display)
            for task in tasks
        ]
        futures = self.client.map(
            convert_isolated,
            remote,
            key=[f"selfeval-convert-{t.index}-{time.time_ns()}" for t in remote],
            pure=False,
        )
        by_key = {future.key: task for future, task in zip(futures, tasks, strict=True)}
        pending = _distributed().as_completed(futures, with_results=False)
        workless = _Workless(self.client)
        try:
            while not pending.is_empty():
                batch = pending.next_batch(block=False)
                if not batch:
                    if on_tick is not None:
                        on_tick()
                    workless.check()
                    time.sleep(0.05)
                    continue
                for future in batch:
                    task = by_key[future.key]
                    yield task, self._result(future, task)
        finally:
            for future in futures:
                future.release()

    def _wait_for_a_worker(self) -> None:
        try:
            self.client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
        except TimeoutError:
            raise NoDaskWorkers(self.client.scheduler.address) from None

    def _result(self, future: Any, task: Task) -> Result:
        try:
            result: Result = future.result()
        except Exception as exc:  # the worker died on it (KilledWorker) or lost it
            return failure(task, "crashed", f"the Dask worker failed: {type(exc).__name__}")
        payload = result.pop("payload", None)
        result.pop("peak_rss", None)
        if result.get("status") == "ok":
            if payload is None:
                return failure(task, "crashed", "the Dask worker returned no output")
            with atomic_open(task.out_json, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(payload)
        return result


def make_executor(
    name: str, *, jobs: int, settings: Settings, scheduler: str | None = None
) -> LocalExecutor | DaskExecutor:
    """The executor ``name``; the settings (limits included) travel with each task."""
    if name == "dask":
        return DaskExecutor(scheduler, jobs)
    if name != "local":
        raise ValueError(f"unknown executor {name!r}; choose one of {EXECUTORS}")
    return LocalExecutor(jobs, settings)
