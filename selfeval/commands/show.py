"""``selfeval show FILE``: print the forms of a file (or of an extract JSON) as tables."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from extract import ReadError
from selfeval import pipeline
from selfeval.commands import add_engine_option
from selfeval.files import dumps_json, load_form_dicts
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
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"{path}: no such file", file=sys.stderr)
        return 2
    forms = load_form_dicts(path)
    if forms is None:
        try:
            forms = [f.to_dict() for f in pipeline.read(path, engine=args.engine)]
        except ReadError as exc:
            print(str(exc), file=sys.stderr)
            return 2
        except Exception as exc:  # a reader bug: name it, no traceback
            print(f"{path}: crashed: {type(exc).__name__}: {exc}", file=sys.stderr)
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
