"""``selfeval show FILE``: print the forms of a file (or of an extract JSON) as tables."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from selfeval.commands import add_engine_option
from selfeval.convert import read_limited
from selfeval.extract import ReadError
from selfeval.files import dumps_json, load_form_dicts
from selfeval.pool import Limits
from selfeval.render import print_forms


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "show",
        help="print the forms in a file as readable tables",
        description=(
            "Read FILE (a PDF or text dump, or a <name>.json written by `selfeval extract`) and "
            "print each form: header, funds, indicator grid, total and audit findings."
        ),
    )
    parser.add_argument("file", metavar="FILE", help="input file or extract JSON")
    parser.add_argument(
        "--form", type=int, metavar="N", help="only the N-th form of the file (1-based)"
    )
    add_engine_option(parser)
    parser.add_argument("--json", action="store_true", help="print the JSON instead of tables")
    add_limit_options(parser)
    parser.set_defaults(func=run)


def add_limit_options(parser: argparse.ArgumentParser) -> None:
    """--timeout and --max-memory: the batch's per-file limits, for a command reading files."""
    parser.add_argument(
        "--timeout",
        type=float,
        default=120.0,
        metavar="SECONDS",
        help="time limit for reading the file; over it the read is stopped (default: 120)",
    )
    parser.add_argument(
        "--max-memory",
        type=int,
        default=2048,
        metavar="MB",
        help="memory cap for reading the file; over it the read is stopped (default: 2048)",
    )


def limits_of(args: argparse.Namespace) -> Limits | None:
    """The limits the options ask for, or None (and a message) when they make no sense."""
    if args.timeout <= 0 or args.max_memory <= 0:
        print("--timeout and --max-memory must be positive", file=sys.stderr)
        return None
    return Limits(seconds=args.timeout, memory=args.max_memory << 20)


def run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    limits = limits_of(args)
    if limits is None:
        return 2
    if not path.is_file():
        print(f"{path}: no such file", file=sys.stderr)
        return 2
    forms = load_form_dicts(path)
    if forms is None:
        try:  # in a worker under the limits: a hostile file cannot hang or balloon `show`
            forms = read_limited(path, engine=args.engine, limits=limits)
        except ReadError as exc:
            print(str(exc), file=sys.stderr)
            return 2
    if args.form is not None:
        if not 1 <= args.form <= len(forms):
            print(f"{path}: has {len(forms)} form(s), no form {args.form}", file=sys.stderr)
            return 2
        forms = [forms[args.form - 1]]
    if args.json:
        sys.stdout.write(dumps_json(forms))
    else:
        print_forms(forms)
    return 0
