"""Batch progress: a live bar on a terminal; plain periodic lines in logs when asked for
(``--progress lines``); nothing in a pipe by default.

Both show files done / total, forms, errors, rate and ETA. Per-file error lines go through
``note`` so they print above the bar instead of tearing it.
"""

from __future__ import annotations

import sys
import time
from typing import IO, Any

MODES = ("auto", "bar", "lines", "off")


class BatchProgress:
    """Progress of ``total`` files. ``mode``: auto (bar on a terminal, else off), bar,
    lines, or off (error lines only)."""

    def __init__(
        self,
        total: int,
        *,
        mode: str = "auto",
        stream: IO[str] | None = None,
        interval: float = 5.0,
    ) -> None:
        self.stream = stream or sys.stderr
        if mode == "auto":
            mode = "bar" if self.stream.isatty() else "off"
        self.mode = mode
        self.total = total
        self.done = self.forms = self.errors = 0
        self.interval = interval
        self.started = time.monotonic()
        self._last_line = self._last_refresh = self.started
        self._counted = 0  # files converted in this run (the rate ignores resumed ones)
        self._bar: Any = None
        if mode == "bar":
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._bar = Progress(
                TextColumn("[bold]converting"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("files  {task.fields[forms]} forms  {task.fields[errors]} errors"),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(file=self.stream),
                auto_refresh=False,  # no refresh thread: workers are forked from this process
                transient=False,
            )
            self._task = self._bar.add_task("", total=total, forms=0, errors=0, rate="")
            self._bar.start()

    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self._counted / elapsed if elapsed > 0 else 0.0

    def eta(self) -> float | None:
        rate = self.rate()
        return (self.total - self.done) / rate if rate > 0 else None

    def advance(self, *, forms: int, error: bool, skipped: bool = False) -> None:
        self.done += 1
        self.forms += forms
        self.errors += int(error)
        if not skipped:
            self._counted += 1
        if self._bar is not None:
            self._bar.update(
                self._task,
                completed=self.done,
                forms=self.forms,
                errors=self.errors,
                rate=f"{self.rate():.1f} files/s",
            )
            self._bar.refresh()
        elif self.mode == "lines" and time.monotonic() - self._last_line >= self.interval:
            self._line()

    def tick(self) -> None:
        """Time passes with no file finished: keep the bar's clock and the log lines going."""
        now = time.monotonic()
        if self._bar is not None:
            if now - self._last_refresh >= 0.25:
                self._last_refresh = now
                self._bar.refresh()
        elif self.mode == "lines" and now - self._last_line >= self.interval:
            self._line()

    def _line(self) -> None:
        self._last_line = time.monotonic()
        eta = self.eta()
        eta_text = f"ETA {eta:.0f} s" if eta is not None else "ETA -"
        print(
            f"[{self._last_line - self.started:.0f} s] {self.done}/{self.total} files, "
            f"{self.forms} forms, {self.errors} errors, {self.rate():.1f} files/s, {eta_text}",
            file=self.stream,
            flush=True,
        )

    def note(self, line: str) -> None:
        """Print one message line (an error) without breaking the bar."""
        if self._bar is not None:
            self._bar.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=self.stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.refresh()
            self._bar.stop()
        elif self.mode == "lines" and self.total:
            self._line()
