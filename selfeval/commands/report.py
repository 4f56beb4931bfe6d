"""``selfeval report DIR``: write DIR/report/, a static review site over an extract output."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from selfeval.commands import Subparsers, settings_of
from selfeval.settings import LIMIT_OPTIONS, add_options

if TYPE_CHECKING:
    from selfeval.settings import Limits


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "report",
        help="write a review report (static HTML) for an extract output folder",
        description=(
            "Write DIR/report/: an index of every input and one page per form with its page "
            "images, every read cell outlined, its findings and reading doubts, and reported "
            "against recomputed scores. It opens from disk (report/index.html); no server, no "
            "network. Review marks from `selfeval serve` (DIR/review.sqlite) are shown. Each PDF's "
            "pages are rendered in a worker process stopped at --timeout and --max-memory."
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
    add_options(parser, *LIMIT_OPTIONS)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_of(args, "report")
    if settings is None:
        return 2
    return make(Path(args.out), jobs=args.jobs, limits=settings.limits)


def make(out: Path, jobs: int = 0, quiet: bool = False, limits: Limits | None = None) -> int:
    """Build the report of ``out``; 0 on success, 1 when a PDF's pages were stopped at a limit
    (each named), 2 (with a message) when it cannot."""
    from selfeval.report import build_report

    if not out.is_dir() or not (out / ".state").is_dir():
        print(
            f"selfeval report: {out} is not a folder written by `selfeval extract`", file=sys.stderr
        )
        return 2
    try:
        stats = build_report(out, workers=max(0, jobs), limits=limits)
    except OSError as exc:
        print(f"selfeval report: {exc.filename or out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    if not quiet:
        print(
            f"report: {stats.inputs} inputs, {stats.forms} form pages, "
            f"{stats.pages_rendered} page images rendered, {stats.seconds:.1f} s; "
            f"open {(stats.path or out) / 'index.html'}"
        )
    for pdf, error in stats.stopped:  # the form pages show it too; a rerun tries again
        print(f"selfeval report: {pdf}: page images not rendered: {error}", file=sys.stderr)
    return 1 if stats.stopped else 0
