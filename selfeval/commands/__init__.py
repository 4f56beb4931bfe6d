"""Subcommands of ``selfeval``: each module defines ``register(subparsers)`` and sets ``func``.

A command module imports its readers and libraries inside ``run``, not at the top, so that
building the parser (``selfeval --help``) stays fast.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence


class _Engines(Sequence[str]):
    """``extract.reader.ENGINES``, looked up on first use: importing this module loads no
    reader."""

    def _names(self) -> tuple[str, ...]:
        from selfeval.extract.reader import ENGINES

        return tuple(ENGINES)

    def __getitem__(self, index):  # type: ignore[override]
        return self._names()[index]

    def __len__(self) -> int:
        return len(self._names())


ENGINES: Sequence[str] = _Engines()


def add_engine_option(parser: argparse.ArgumentParser) -> None:
    """``--engine``: the PDF table engine, shared by every command that reads PDFs."""
    from selfeval.extract.pdf import DEFAULT_ENGINE

    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default=DEFAULT_ENGINE,
        help=f"PDF table engine (default: {DEFAULT_ENGINE})",
    )
