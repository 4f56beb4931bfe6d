"""Subcommands of ``selfeval``: each module defines ``register(subparsers)`` and sets ``func``.

A command module imports its readers and libraries inside ``run``, not at the top, so that
building the parser (``selfeval --help``) stays fast. Options that configure the reading
(``--engine``, ``--config``, ``--taxonomy``, ``--timeout``, ``--max-memory``) are declared once
in ``selfeval.settings``; a command adds them with ``add_options`` and turns them into one
``Settings`` with ``settings_of``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeAlias

from selfeval.settings import EngineNames

if TYPE_CHECKING:
    from selfeval.settings import Settings

#: The PDF engines (``extract.reader.ENGINES``), looked up on first use.
ENGINES: Sequence[str] = EngineNames()

#: What ``add_subparsers`` returns (argparse has no public name for it).
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def settings_of(args: argparse.Namespace, command: str) -> Settings | None:
    """The settings the command line asks for (flags, then environment, then defaults), or
    None after printing why they cannot be used (a bad config or taxonomy, a bad limit)."""
    from selfeval.settings import Settings, SettingsError

    try:
        return Settings.from_args(args)
    except SettingsError as exc:
        print(f"selfeval {command}: {exc}", file=sys.stderr)
        return None
