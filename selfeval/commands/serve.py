"""``selfeval serve DIR``: the review report on 127.0.0.1, where auditors can mark forms."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from selfeval.commands import Subparsers, settings_of
from selfeval.settings import LIMIT_OPTIONS, add_options


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve the review report on 127.0.0.1 and record review marks",
        description=(
            "Serve DIR/report/ on 127.0.0.1 only (building it first if it is missing) and let "
            "an auditor mark each form or finding as checked, misread or confirmed, with a "
            "note. Marks go into DIR/review.sqlite, show in the static report and export as "
            "DIR/review.csv. Nothing outside DIR is served."
        ),
    )
    parser.add_argument("out", metavar="DIR", help="a folder written by `selfeval extract`")
    parser.add_argument(
        "--port", type=int, default=8765, help="port on 127.0.0.1 (default: 8765; 0: any free)"
    )
    add_options(parser, *LIMIT_OPTIONS)  # for building a missing report (see `report`)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from selfeval.commands.report import make
    from selfeval.report import REPORT_DIR
    from selfeval.report.server import make_server

    out = Path(args.out)
    settings = settings_of(args, "serve")
    if settings is None:
        return 2
    if not (out / REPORT_DIR / "index.html").is_file():
        code = make(out, limits=settings.limits)
        if code == 2:  # 1: some page images were stopped at a limit (named); serve the rest
            return code
    if not 0 <= args.port <= 65535:
        print("selfeval serve: --port must be 0..65535", file=sys.stderr)
        return 2
    try:
        server = make_server(out, args.port)
    except OSError as exc:
        print(f"selfeval serve: cannot listen on 127.0.0.1:{args.port}: {exc}", file=sys.stderr)
        return 2
    print(f"serving {out}/report/ on http://127.0.0.1:{server.port}/ (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0
