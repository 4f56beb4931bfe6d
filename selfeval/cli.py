"""The ``selfeval`` command. Each subcommand lives in its own module under selfeval.commands.

Building the parser imports only the command modules, which import their readers and libraries
when they run: ``selfeval --help`` starts at once. The console stays quiet: third-party
warnings and log lines (pdfminer's "Could not get FontBBox", deprecation warnings) are shown
only with ``--verbose``, as debug lines; no command ends in a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import logging
import pkgutil
import sys

import selfeval.commands
from selfeval.settings import option

#: The package whose log records are selfeval's own (shown at WARNING and above).
OWN_LOGGERS = ("selfeval",)


def command_names() -> list[str]:
    """The subcommands: one module each under selfeval.commands."""
    return sorted(m.name for m in pkgutil.iter_modules(selfeval.commands.__path__))


def command_help(name: str) -> str | None:
    """The one-line help a command module registers (``add_parser(..., help="...")``), read
    from its source without importing it (its imports are the readers), else None."""
    import ast

    spec = importlib.util.find_spec(f"selfeval.commands.{name}")
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return None
    try:
        tree = ast.parse(open(spec.origin, encoding="utf-8").read())
    except (OSError, SyntaxError, ValueError):
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "add_parser":
            for keyword in node.keywords:
                if keyword.arg == "help" and isinstance(keyword.value, ast.Constant):
                    return str(keyword.value.value)
    return None


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser. With ``argv``, only the command named in it is imported and registered in
    full; the others are listed with their help line (so ``selfeval --help`` imports no
    reader). Without ``argv``, every command is registered in full."""
    parser = argparse.ArgumentParser(
        prog="selfeval",
        description=(
            "Read performance self-evaluation forms (绩效自评表) from PDFs and text dumps into "
            "exact structured data, check their arithmetic, export CSV/XLSX/JSON."
        ),
        epilog="Start with: selfeval extract FOLDER --out OUT (see README.md).",
    )
    from selfeval import __version__

    parser.add_argument("--version", action="version", version=f"selfeval {__version__}")
    parser.add_argument("--verbose", "-v", action="store_true", help=VERBOSE_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    names = command_names()
    wanted = set(names) if argv is None else {a for a in argv if a in names}
    for name in names:
        help_line = None if name in wanted else command_help(name)
        if help_line is None:
            module = importlib.import_module(f"selfeval.commands.{name}")
            module.register(sub)
        else:
            sub.add_parser(name, help=help_line)
    for command in sub.choices.values():  # --verbose after the command name works too
        command.add_argument(
            "--verbose", "-v", action="store_true", default=argparse.SUPPRESS, help=VERBOSE_HELP
        )
    return parser


VERBOSE_HELP = option("verbose").help


class _ConsoleFilter(logging.Filter):
    """selfeval's own records at WARNING and above; the libraries' only with --verbose, and
    then as debug lines (they are about the libraries' internals, not the user's files)."""

    def __init__(self, verbose: bool) -> None:
        super().__init__()
        self.verbose = verbose

    def filter(self, record: logging.LogRecord) -> bool:
        own = record.name.split(".", 1)[0] in OWN_LOGGERS
        if own:
            return self.verbose or record.levelno >= logging.WARNING
        if not self.verbose:
            return False
        record.levelname = "debug"
        return True


def configure_logging(verbose: bool) -> None:
    """Route every log record and Python warning through one stderr handler (see
    ``_ConsoleFilter``). Called once per run, before any library is imported."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(name)s: %(message)s"))
    handler.addFilter(_ConsoleFilter(verbose))
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_selfeval", False)]:
        root.removeHandler(old)
    handler._selfeval = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    for name in OWN_LOGGERS:
        logging.getLogger(name).setLevel(logging.DEBUG if verbose else logging.WARNING)
    logging.captureWarnings(True)  # warnings.warn(...) -> the "py.warnings" logger
    # worker processes keep the libraries' records too: Settings.verbose (from --verbose) is
    # carried to them (convert.quiet_libraries)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    verbose = bool(getattr(args, "verbose", False))
    configure_logging(verbose)
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
    except Exception as exc:  # a bug: say so in one line, never a traceback (unless asked)
        if verbose:
            import traceback

            traceback.print_exc()
        print(
            f"selfeval {args.command}: internal error: {type(exc).__name__}: {exc}\n"
            "(a bug in selfeval: please report it with the command and the file; "
            "--verbose shows the traceback)",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
