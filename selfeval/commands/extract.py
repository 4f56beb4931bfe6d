"""``selfeval extract PATH... --out DIR``: convert files and folders of forms into JSON/CSV/XLSX."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from selfeval.batch import BatchOptions, BatchReport, OutputLocked, run_batch
from selfeval.commands import Subparsers, settings_of
from selfeval.executors import EXECUTORS
from selfeval.progress import MODES
from selfeval.settings import READ_OPTIONS, add_options

EPILOG = """\
outputs in DIR:
  <name>.json      the forms of each input file (a JSON list, one object per form)
  forms.csv        one row per form: header fields, funds total row, totals, audit summary
  indicators.csv   one row per indicator row, printed cells plus normalized values
  funds.csv        one row per 项目资金 row, printed cells plus exact numbers
  findings.csv     one row per audit finding
  errors.csv       one row per file that could not be read (or was read only in part)
  selfeval.xlsx    the same tables as sheets
  run.json         the run summary (counts, errors and findings by code, time, versions)

exit status: 0 every file converted, 1 some files failed, 2 no file could be read.
A rerun reuses files already converted with the same content, code and options (--force redoes
them); files that failed are always tried again; the combined tables are always rebuilt from
the per-file JSON. One run at a time may write into DIR.
"""


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="convert forms in files/folders into JSON, CSV and XLSX",
        description=(
            "Read every self-evaluation form in PATH (files or folders, searched recursively; "
            "the reader is chosen by file content), normalize and audit it, and write the "
            "results into DIR."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="input files or folders")
    parser.add_argument("--out", "-o", required=True, metavar="DIR", help="output folder")
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=0,
        metavar="N",
        help="worker processes (default: all cores)",
    )
    add_options(parser, *READ_OPTIONS)
    parser.add_argument(
        "--force", action="store_true", help="convert every file again, even if unchanged"
    )
    parser.add_argument(
        "--executor",
        choices=EXECUTORS,
        default="local",
        help="where files are converted: worker processes here (local, the default) or a "
        "dask.distributed cluster (dask; needs selfeval[dask])",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="the Dask scheduler, e.g. tcp://10.0.0.5:8786 (with --executor dask; "
        "without it a private cluster on this machine is started)",
    )
    parser.add_argument("--no-xlsx", action="store_true", help="skip selfeval.xlsx")
    parser.add_argument(
        "--progress",
        choices=MODES,
        default="auto",
        help="progress display: bar (live, on a terminal), lines (a line every 5 s, for logs) "
        "or off (default: auto = bar on a terminal, off in a pipe or file)",
    )
    parser.add_argument(
        "--quiet", "-q", action="store_true", help="no progress and no summary, only problems"
    )
    parser.add_argument(
        "--report", action="store_true", help="also write DIR/report/ (see `selfeval report`)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.jobs < 0:
        print("selfeval extract: --jobs must be positive", file=sys.stderr)
        return 2
    settings = settings_of(args, "extract")
    if settings is None:
        return 2
    options = BatchOptions(
        out=args.out,
        jobs=args.jobs,
        force=args.force,
        xlsx=not args.no_xlsx,
        progress="off" if args.quiet else args.progress,
        executor=args.executor,
        scheduler=args.scheduler,
        settings=settings,
    )
    problem = output_among_inputs(args.paths, args.out)
    if problem:
        print(f"selfeval extract: {problem}", file=sys.stderr)
        return 2
    try:
        report = run_batch(args.paths, options)
    except OutputLocked as exc:
        print(f"selfeval extract: {exc}", file=sys.stderr)
        return 2
    except RuntimeError as exc:  # Dask is not installed, or its cluster has no worker
        print(f"selfeval extract: {exc}", file=sys.stderr)
        return 2
    except FileNotFoundError as exc:
        print(f"selfeval extract: no such file or folder: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # the output folder cannot be written, the disk is full, ...
        print(
            f"selfeval extract: {exc.filename or args.out}: {exc.strerror or exc}", file=sys.stderr
        )
        return 2
    passed = passed_over(args.paths, args.out)
    if report.files == 0:
        print(f"selfeval extract: no input files found in {' '.join(args.paths)}", file=sys.stderr)
    if passed and (report.files == 0 or not args.quiet):
        print(f"selfeval extract: {passed}", file=sys.stderr)
    if not args.quiet:
        print(summary(report, args.out))
    if getattr(args, "report", False) and report.files:
        from selfeval.commands.report import make

        make(Path(args.out), jobs=args.jobs, quiet=args.quiet, limits=settings.limits)
    return report.exit_code


def summary(report: BatchReport, out: str) -> str:
    """The few lines a user reads after a run: files read in full, in part and not at all
    counted apart."""
    whole = report.files - report.failed - report.partial
    errors = ", ".join(f"{code} {n}" for code, n in report.errors_by_code.items()) or "none"
    findings = sum(report.findings_by_code.values())
    done = f"{report.converted} read in this run, {report.skipped} reused from an earlier run"
    lines = [
        f"{report.files} files: {whole} read in full, {report.partial} read in part, "
        f"{report.failed} failed ({done})",
        f"{report.forms} forms, {report.rows} indicator rows, {findings} audit findings",
        f"problems by code: {errors}"
        + ("; each is a line of errors.csv" if report.failed or report.partial else ""),
        f"{report.wall_seconds:.1f} s; outputs in {out}/ (forms.csv, indicators.csv, funds.csv, "
        f"findings.csv, errors.csv, selfeval.xlsx, run.json, one JSON per input)",
    ]
    return "\n".join(lines)


def output_among_inputs(paths: list[str], out: str) -> str | None:
    """Why the output folder cannot be ``out`` for these inputs, else None: an input that is
    the output folder or lies inside it would never be read (outputs are not inputs)."""
    target = Path(out).resolve()
    for raw in paths:
        path = Path(raw).resolve()
        if path == target or path.is_relative_to(target):
            where = "is" if path == target else "is inside"
            return (
                f"the input {raw} {where} the output folder {out}, and the output folder is "
                "never read: write the outputs elsewhere, e.g. --out out "
                "(an output folder inside the inputs is fine: it is left out)"
            )
    return None


#: Suffixes of files that may hold a form but are not read: named after a run, not passed
#: over in silence (code, data and notes in a folder are, as before).
DOCUMENT_SUFFIXES = frozenset(
    ".html .htm .mht .mhtml .xml .rtf .odt .ods .wps .et .ofd .jpg .jpeg .png .tif .tiff "
    ".bmp .zip .rar .7z".split()
)


def passed_over(paths: list[str], out: str) -> str | None:
    """A line naming the files in the input folders that look like documents but are of a
    kind that is not read (with what is read), else None."""
    from collections import Counter

    from selfeval.inputs import INPUT_SUFFIXES

    target = Path(out).resolve()
    kinds: Counter[str] = Counter()
    for raw in paths:
        root = Path(raw)
        if not root.is_dir():
            continue
        for path in root.rglob("*"):
            suffix = path.suffix.lower()
            if suffix not in DOCUMENT_SUFFIXES or suffix in INPUT_SUFFIXES:
                continue
            parts = path.relative_to(root).parts
            if any(p.startswith(".") for p in parts) or path.resolve().is_relative_to(target):
                continue
            if path.is_file():
                kinds[suffix] += 1
    if not kinds:
        return None
    listed = ", ".join(f"{suffix} {n}" for suffix, n in kinds.most_common())
    read = " ".join(sorted(s for s in INPUT_SUFFIXES if s))
    return (
        f"passed over {sum(kinds.values())} file(s) of a kind not read ({listed}); "
        f"read are {read} and files without a suffix (images need OCR, which selfeval lacks)"
    )
