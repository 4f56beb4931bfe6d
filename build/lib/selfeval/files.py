"""Atomic file writes: a killed run never leaves a truncated or corrupt output behind.

Every output is written to a temporary name in the same directory and renamed into place
(``os.replace`` is atomic on POSIX), so a reader sees either the old file or the new one.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import IO, Any


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: Outputs get the usual permissions (mkstemp alone would make them owner-only).
_FILE_MODE = 0o666 & ~_current_umask()


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it onto ``target`` if the block succeeds."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    os.chmod(tmp_path, _FILE_MODE)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()


@contextlib.contextmanager
def atomic_open(target: str | Path, mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    """``open`` for writing that only replaces ``target`` once the file is complete."""
    with atomic_path(target) as tmp, open(tmp, mode, **kwargs) as fh:
        yield fh


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)  # exact: never through float
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def dumps_json(data: Any) -> str:
    """JSON as the outputs hold it: UTF-8 text, Chinese unescaped, Decimals as exact strings."""
    return json.dumps(data, ensure_ascii=False, indent=1, default=_json_default) + "\n"


def write_json(target: str | Path, data: Any) -> None:
    """Write ``data`` as JSON to ``target`` atomically."""
    with atomic_open(target, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(dumps_json(data))


def load_form_dicts(path: str | Path) -> list[dict[str, Any]] | None:
    """The form dicts of a ``<name>.json`` written by ``selfeval extract``, or None when
    ``path`` is not one (another suffix, unreadable, or not a list of forms)."""
    path = Path(path)
    if path.suffix.lower() != ".json":
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(data, dict):
        data = [data]
    if (
        isinstance(data, list)
        and data
        and all(isinstance(f, dict) and "indicators" in f for f in data)
    ):
        return data
    return None
