"""``selfeval report DIR``: write DIR/report/, a static review site over an extract output."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        help="write a review report (static HTML) for an extract output folder",
        description=(
            "Write DIR/report/: an index of every input and one page per form with its page "
            "images, every read cell outlined, its findings and reading doubts, and reported "
            "against recomputed scores. It opens from disk (report/index.html); no server, no "
            "network. Review marks from `selfeval serve` (DIR/review.sqlite) are shown."
        ),
    )
    parser.add_argument("out", metavar="DIR", help="a folder written by `selfeval extract`")
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=0,
        metavar="N",
        help="processes rendering page images (default: all cores)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return make(Path(args.out), jobs=args.jobs)


def make(out: Path, jobs: int = 0, quiet: bool = False) -> int:
    """Build the report of ``out``; 0 on success, 2 (with a message) when it cannot."""
    from selfeval.report import build_report

    if not out.is_dir() or not (out / ".state").is_dir():
        print(
            f"selfeval report: {out} is not a folder written by `selfeval extract`", file=sys.stderr
        )
        return 2
    try:
        stats = build_report(out, workers=max(0, jobs))
    except OSError as exc:
        print(f"selfeval report: {exc.filename or out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    if not quiet:
        print(
            f"report: {stats.inputs} inputs, {stats.forms} form pages, "
            f"{stats.pages_rendered} page images rendered, {stats.seconds:.1f} s; "
            f"open {stats.path / 'index.html'}"
        )
    return 0
