"""The ``selfeval`` command. Each subcommand lives in its own module under selfeval.commands."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

import selfeval.commands


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="selfeval",
        description=(
            "Read performance self-evaluation forms (绩效自评表) from PDFs and text dumps into "
            "exact structured data, check their arithmetic, export CSV/XLSX/JSON."
        ),
    )
    from selfeval import __version__

    parser.add_argument("--version", action="version", version=f"selfeval {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(selfeval.commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"selfeval.commands.{info.name}")
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
