"""Find the input files of a batch and give each a unique, stable output name.

Directories are walked recursively in sorted order; hidden files and files whose suffix says
they are not forms (code, JSON, CSV, ...) are passed over there, while a file named on the
command line is always read. Output names are the file stems; where two inputs share a stem,
their relative paths (``a__x.pdf``) tell them apart, so names depend only on the input set.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

#: Suffixes read when walking a directory ("" = no suffix; content decides the reader).
INPUT_SUFFIXES = frozenset(
    {".pdf", ".txt", ".text", ".xlsx", ".xlsm", ".xls", ".et", ".ods", ".docx", ".doc", ".wps"}
    | {".html", ".htm", ".mhtml", ".mht", ""}
)

#: Names the batch writes itself (run.json): an input called so gets a suffix.
RESERVED_NAMES = frozenset({"run"})


@dataclass(frozen=True, order=True)
class InputFile:
    """One input: its path as given/found, its path relative to the walked root, its name."""

    path: Path
    relative: Path
    name: str = ""


def _walk(root: Path, exclude: Path | None) -> list[Path]:
    found = []
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if any(part.startswith(".") for part in parts) or parts[0] == "__pycache__":
            continue
        if exclude is not None and _resolve(path).is_relative_to(exclude):
            continue
        # anything but a folder: FIFOs, devices and symlink loops are listed, and the batch
        # reports them by name without opening them
        if not path.is_dir() and path.suffix.lower() in INPUT_SUFFIXES:
            found.append(path)
    return found


def _resolve(path: Path) -> Path:
    """``path.resolve()``, or the path itself where a symlink loop stops resolving."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return path.absolute()


def find_inputs(paths: list[str | Path], *, exclude: str | Path | None = None) -> list[InputFile]:
    """All input files under ``paths`` (files or directories), in a deterministic order.

    ``exclude`` (the output directory) is never read. Raises FileNotFoundError for a path that
    does not exist.
    """
    excluded = Path(exclude).resolve() if exclude is not None else None
    seen: set[Path] = set()
    pairs: list[tuple[Path, Path]] = []
    for given in map(Path, paths):
        if given.is_dir():
            candidates = [(p, p.relative_to(given)) for p in _walk(given, excluded)]
        elif given.exists() or given.is_symlink():  # a dangling or looping link is reported
            candidates = [(given, Path(given.name))]
        else:
            raise FileNotFoundError(str(given))
        for path, relative in candidates:
            key = _resolve(path)
            if key not in seen:
                seen.add(key)
                pairs.append((path, relative))
    return _name(pairs)


def _name(pairs: list[tuple[Path, Path]]) -> list[InputFile]:
    by_stem: dict[str, list[int]] = defaultdict(list)
    for i, (path, _) in enumerate(pairs):
        by_stem[path.stem].append(i)
    names = [""] * len(pairs)
    for stem, members in by_stem.items():
        if len(members) == 1:
            names[members[0]] = stem
            continue
        for i in members:
            names[i] = "__".join(pairs[i][1].parts)
    used = set(RESERVED_NAMES)
    inputs = []
    for (path, relative), name in zip(pairs, names, strict=True):
        unique, n = name, 1
        while unique in used:  # same relative path under two roots, or a reserved name
            n += 1
            unique = f"{name}-{n}"
        used.add(unique)
        inputs.append(InputFile(path, relative, unique))
    return inputs
