"""Subcommands of ``selfeval``: each module defines ``register(subparsers)`` and sets ``func``."""

from __future__ import annotations

import argparse

from extract.reader import ENGINES


def add_engine_option(parser: argparse.ArgumentParser) -> None:
    """``--engine``: the PDF table engine, shared by every command that reads PDFs."""
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default=ENGINES[0],
        help=f"PDF table engine (default: {ENGINES[0]})",
    )
