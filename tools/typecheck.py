"""Run mypy on the package as it installs: ``selfeval`` with ``extract/``, ``normalize/`` and
``validate/`` mapped in as ``selfeval.extract`` etc. (pyproject's package-dir).

mypy knows nothing of package-dir, so it cannot see the stage folders under the name they
import by. This builds a tree of symlinks, build/typecheck/selfeval/, holding every entry of
selfeval/ and one link per mapped folder, checks it with the [tool.mypy] settings of
pyproject.toml and prints each error under the real file's path. golden/ (the scorer of the
tests and the benchmarks) is checked with it. Run by ``make lint``.
"""

from __future__ import annotations

import os
import shutil
import sys
import tomllib
from pathlib import Path

from mypy import api

ROOT = Path(__file__).resolve().parent.parent
TREE = ROOT / "build" / "typecheck"
#: Development code checked beside the package, as strictly.
ALSO = ("golden",)


def package_dirs() -> dict[str, Path]:
    """The folders pyproject maps under ``selfeval.`` (``selfeval.extract`` -> extract/)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    mapping: dict[str, str] = project["tool"]["setuptools"]["package-dir"]
    return {name: ROOT / folder for name, folder in mapping.items()}


def build_tree() -> dict[Path, Path]:
    """Make the symlink tree afresh (files come and go); return link -> real folder or file."""
    shutil.rmtree(TREE, ignore_errors=True)
    package = TREE / "selfeval"
    package.mkdir(parents=True)
    links: dict[Path, Path] = {}
    for entry in (ROOT / "selfeval").iterdir():
        if entry.name != "__pycache__":
            links[package / entry.name] = entry
    for name, folder in package_dirs().items():
        links[TREE.joinpath(*name.split("."))] = folder
    for link, target in links.items():
        link.symlink_to(target, target_is_directory=target.is_dir())
    return links


def real_paths(text: str, links: dict[Path, Path]) -> str:
    """mypy's output with each path in the tree written as the file's path in the repository."""
    for link, target in sorted(links.items(), key=lambda lt: -len(str(lt[0]))):
        text = text.replace(str(link.relative_to(ROOT)), str(target.relative_to(ROOT)))
    return text


def main(argv: list[str]) -> int:
    os.chdir(ROOT)  # paths in the output are relative to the repository
    links = build_tree()
    config = str(ROOT / "pyproject.toml")
    stdout, stderr, status = api.run(
        ["--config-file", config, *argv, str((TREE / "selfeval").relative_to(ROOT)), *ALSO]
    )
    sys.stdout.write(real_paths(stdout, links))
    sys.stderr.write(real_paths(stderr, links))
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
