"""Convert one input file: read it, normalize and audit its forms, write ``<name>.json``.

Runs inside a batch worker. Whatever the input does, the result is a small summary dict (the
forms themselves go to disk): a failure becomes a stable error code, never a traceback.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from selfeval import pipeline
from selfeval.export.tables import findings_of
from selfeval.extract import ReadError
from selfeval.files import dumps_json, write_json
from selfeval.pool import Result, run_limited
from selfeval.settings import Limits, Settings


@dataclass(frozen=True)
class Task:
    """What a worker needs to convert one file."""

    index: int
    path: str
    out_json: str  # "" = return the JSON text in the result instead (remote workers)
    settings: Settings = field(default_factory=Settings)  # the caller's, pickled along
    display: str = ""  # the input's name as the tables print it (for non-UTF-8 names)


def _pages(forms: list[dict[str, Any]]) -> int:
    pages: set[int] = set()
    for form in forms:
        value = (form.get("source") or {}).get("pages")
        if isinstance(value, int):
            pages.update(range(1, value + 1))
        elif isinstance(value, (list, tuple)):
            pages.update(p for p in value if isinstance(p, int))
    return len(pages) or 1


def summarize(forms: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts of one file's forms: what the batch summary and progress need."""
    findings = Counter(f.get("code") for form in forms for f in findings_of(form))
    incomplete = [
        next(
            (n.get("message") for n in form.get("notes") or [] if n.get("code") == "incomplete"),
            "the form is cut off",
        )
        for form in forms
        if not form.get("complete", True)
    ]
    return {
        "forms": len(forms),
        "rows": sum(len(form.get("indicators") or []) for form in forms),
        "pages": _pages(forms),
        "findings": dict(sorted(findings.items())),
        "incomplete": incomplete,
    }


def quiet_libraries(verbose: bool = False) -> None:
    """Keep the PDF libraries' warnings ("Could not get FontBBox ...") off the user's terminal:
    a file's problems are reported once, as its error line. With ``verbose``
    (``Settings.verbose``, ``selfeval --verbose``) they are left on, shown as debug lines."""
    if verbose:
        return
    for name in ("pdfminer", "pdfplumber", "camelot", "jieba", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)


#: Parsing libraries: an exception they raise themselves means the file is damaged.
_PARSERS = ("pdfminer", "pdfplumber", "pypdfium2", "camelot", "openpyxl", "xlrd", "docx")


def _unexpected(exc: BaseException) -> tuple[str, str]:
    """The error code of an exception no reader named: ``damaged`` when a parsing library
    raised it itself (its own check of the file's structure failed: a damaged xref, a bounding
    box with a name in it), else ``crashed`` (a bug of ours, to be reported)."""
    frame = exc.__traceback__
    last = ""
    while frame is not None:
        last = frame.tb_frame.f_code.co_filename
        frame = frame.tb_next
    parts = Path(last).parts
    message = f"{type(exc).__name__}: {exc}"
    if "site-packages" in parts and any(lib in parts for lib in _PARSERS):
        return "damaged", f"cannot parse the file ({message[:300]})"
    return "crashed", message


def failure(task: object, code: str, message: str) -> Result:
    """The result of a task that produced no output."""
    return {"status": "error", "code": code, "message": message, "seconds": None}


def _renamed(data: Any, path: str, display: str) -> Any:
    """``data`` with every string equal to ``path`` (source.file, each finding's file)
    replaced by ``display``: a name that is not UTF-8 cannot be written as it is."""
    if isinstance(data, dict):
        return {k: _renamed(v, path, display) for k, v in data.items()}
    if isinstance(data, list):
        return [_renamed(v, path, display) for v in data]
    return display if data == path else data


def convert(task: Task) -> Result:
    """Convert ``task.path`` into ``task.out_json``; return its summary or its error.

    On error an older ``out_json`` is left for the batch to remove (it does for every failure,
    including workers it had to stop)."""
    start = time.perf_counter()
    payload = None
    writing = False
    try:
        forms = [form.to_dict() for form in pipeline.read_here(task.path, task.settings)]
        if task.display and task.display != task.path:
            forms = _renamed(forms, task.path, task.display)
        writing = True
        if task.out_json:
            write_json(task.out_json, forms)
        else:
            payload = dumps_json(forms)
    except ReadError as exc:
        return {**failure(task, exc.code, exc.message), "seconds": time.perf_counter() - start}
    except MemoryError:
        return failure(task, "memory", "reading the file ran out of memory")
    except RecursionError:
        return failure(task, "damaged", "the file nests too deeply to be parsed")
    except OSError as exc:  # e.g. the output could not be written (a full disk): retried
        what = "cannot write the output" if writing else type(exc).__name__
        return failure(task, "crashed", f"{what}: {exc.strerror or exc}")
    except Exception as exc:  # a reader bug must not stop the batch; it is reported by name
        return failure(task, *_unexpected(exc))
    result: Result = {"status": "ok", **summarize(forms), "seconds": time.perf_counter() - start}
    if payload is not None:
        result["payload"] = payload
    return result


def preload_readers(paths: list[str] | None = None) -> None:
    """Import the readers the inputs need and load jieba's dictionary (in the parent, so forked
    workers start warm instead of each paying the load on their first file; in a spawned
    worker before its first file, so the load is not charged to the file's limits)
    (``extract.pdf.reader``, not the ``extract.pdf`` facade, is the module that imports
    pdfplumber and pdfminer). With ``paths``, the PDF reader is imported only when one of
    them is a PDF (by content): a batch of text dumps does not wait for pdfminer. Only
    regular files are looked at (a FIFO is never opened)."""
    import importlib
    import os
    import stat

    modules = [
        "selfeval.extract.text",
        "selfeval.extract.pdf.reader",
        "selfeval.normalize",
        "selfeval.validate",
    ]
    if paths is not None:
        from selfeval.extract.sniff import sniff

        def kind(path: str) -> str:
            try:
                return sniff(path) if stat.S_ISREG(os.stat(path).st_mode) else "special"
            except OSError:
                return "unreadable"

        if not any(kind(p) == "pdf" for p in paths):
            modules.remove("selfeval.extract.pdf.reader")
    for module in modules:
        with contextlib.suppress(Exception):  # a broken reader is reported per file instead
            importlib.import_module(module)
    with contextlib.suppress(Exception):
        from selfeval.normalize import theme_of

        # loads jieba's dictionary once (extract.words.shared_tokenizer, the text reader's)
        # and builds normalize's vocabulary on a copy of it
        theme_of("服务对象满意度", None)


def warm_worker(verbose: bool = False, paths: tuple[str, ...] | None = None) -> None:
    """A worker's start: libraries quiet (unless ``verbose``), readers imported and jieba
    loaded before the first task (a forked worker has them from the parent already; a spawned
    one loads them here), so their load is charged neither to a file's time limit nor to its
    memory cap's in-worker backstop (an import failing there would read as a missing reader)."""
    quiet_libraries(verbose)
    preload_readers(None if paths is None else list(paths))


@dataclass(frozen=True)
class ReadTask:
    """One file for ``read_limited``: read (and by default normalize and audit) its forms."""

    path: str
    settings: Settings
    audited: bool = True


def read_task(task: ReadTask) -> Result:
    """The form dicts of ``task.path``, or its error, as a worker returns them."""
    try:
        forms = pipeline.read_here(task.path, task.settings, audited=task.audited)
    except ReadError as exc:
        return failure(task, exc.code, exc.message)
    except MemoryError:
        return failure(task, "memory", "reading the file ran out of memory")
    except RecursionError:
        return failure(task, "damaged", "the file nests too deeply to be parsed")
    except Exception as exc:  # a reader bug: named, never a traceback
        return failure(task, *_unexpected(exc))
    return {"status": "ok", "forms": [form.to_dict() for form in forms]}


def read_limited(
    path: str | Path, settings: Settings, *, audited: bool = True
) -> list[dict[str, Any]]:
    """The form dicts of one file, read in a worker process under ``settings.limits`` (the
    batch's per-file time limit and memory cap; default ``Limits()``): how every command and
    the API (opt-in) read, so that no single file can hang them or eat the machine's memory.
    Raises ``ReadError`` (``timeout``, ``memory``, ``crashed`` or the reader's own code)."""
    task = ReadTask(str(path), settings, audited)
    limits = settings.limits or Limits()
    preload_readers([task.path])  # here: a forked worker starts warm (several files: once)
    start = partial(warm_worker, settings.verbose, (task.path,))
    result = run_limited(read_task, failure, task, limits, start, settings.start_method)
    if result["status"] != "ok":
        raise ReadError(path, result["code"], result["message"])
    forms: list[dict[str, Any]] = result["forms"]
    return forms
