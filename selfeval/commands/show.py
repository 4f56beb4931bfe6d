"""``selfeval show FILE``: print the forms of a file (or of an extract JSON) as tables."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from selfeval.commands import Subparsers, settings_of
from selfeval.files import dumps_json, load_form_dicts
from selfeval.settings import READ_OPTIONS, add_options


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "show",
        help="print the forms in a file as readable tables",
        description=(
            "Read FILE (a PDF or text dump, or a <name>.json written by `selfeval extract`) and "
            "print each form: header, funds, indicator grid, total and audit findings. The file "
            "is read in a worker process stopped at --timeout and --max-memory."
        ),
    )
    parser.add_argument("file", metavar="FILE", help="input file or extract JSON")
    parser.add_argument(
        "--form", type=int, metavar="N", help="only the N-th form of the file (1-based)"
    )
    parser.add_argument("--json", action="store_true", help="print the JSON instead of tables")
    add_options(parser, *READ_OPTIONS)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from selfeval import pipeline
    from selfeval.extract import ReadError
    from selfeval.render import print_forms

    path = Path(args.file)
    settings = settings_of(args, "show")
    if settings is None:
        return 2
    if not path.is_file():
        print(f"{path}: no such file", file=sys.stderr)
        return 2
    forms = load_form_dicts(path)
    if forms is None:
        try:  # in a worker under the limits: a hostile file cannot hang or balloon `show`
            forms = [form.to_dict() for form in pipeline.read(path, settings)]
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
