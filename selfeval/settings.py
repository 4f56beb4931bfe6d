"""One ``Settings`` for every command, the API and the batch workers.

What shapes a reading (the PDF engine, the audit config, the taxonomy) and what bounds it (the
per-file time limit and memory cap) used to be ambient: environment variables read deep in the
stages, module globals, defaults written in several places. Here each option is declared once,
in ``OPTIONS``, with its default, help text, flag and environment variable; the commands'
argparse options (``add_options``) and docs/options.md (``options_markdown``) are built from
that table. A ``Settings`` is built once, by the CLI (``from_args``: flag, else environment,
else default), by ``from_env`` or by hand, and passed down: it pickles, so a worker process or a
Dask worker reads with exactly the caller's settings.

Importing this module loads no reader (``selfeval --help`` stays fast); the audit config and
taxonomy load when a ``Settings`` is built.
"""

from __future__ import annotations

import argparse
import dataclasses
import decimal
import hashlib
import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from selfeval.normalize.taxonomy import Taxonomy
    from selfeval.validate import Config

OptionKind = Literal["choice", "file", "files", "seconds", "megabytes", "flag", "word"]


class SettingsError(ValueError):
    """Settings that cannot be used: a bad config or taxonomy file, a limit that is not
    positive, an unknown engine. Its text is the one line a command prints."""


@dataclass(frozen=True)
class Option:
    """One setting as the user sees it: flag, environment variable, default and help."""

    name: str  # the argparse dest and the Settings field (or the Limits part) it feeds
    flag: str | None  # None: environment only
    env: str | None
    kind: OptionKind
    help: str
    default: object = None
    metavar: str | None = None
    shapes_output: bool = False  # part of the batch's reuse key (docs/batch.md)

    def default_text(self) -> str:
        value = self.resolved_default()
        if self.kind == "files":
            return "none"
        if value is None or value is False:
            return "none" if self.kind != "flag" else "off"
        return f"{value:g}" if isinstance(value, float) else str(value)

    def resolved_default(self) -> object:
        return default_engine() if self.name == "engine" else self.default


def default_engine() -> str:
    """The PDF engine when none is named: the one the PDF reader declares."""
    from selfeval.extract.pdf import DEFAULT_ENGINE

    return DEFAULT_ENGINE


def engines() -> tuple[str, ...]:
    from selfeval.extract.pdf import ENGINES

    return tuple(ENGINES)


#: The per-file limits' defaults (the CLI's; the API reads without limits unless asked).
TIMEOUT_SECONDS = 120.0
MAX_MEMORY_MB = 2048

OPTIONS: tuple[Option, ...] = (
    Option(
        "engine",
        "--engine",
        "SELFEVAL_ENGINE",
        "choice",
        "PDF table engine",
        shapes_output=True,
    ),
    Option(
        "config",
        "--config",
        "SELFEVAL_AUDIT_CONFIG",
        "file",
        "TOML file overriding the audit tolerances, policies and severities",
        metavar="FILE",
        shapes_output=True,
    ),
    Option(
        "taxonomy",
        "--taxonomy",
        "SELFEVAL_TAXONOMY",
        "files",
        "extra taxonomy TOML merged over the built-in one (repeatable; the flag replaces the "
        "files the environment names, several there joined with the path separator)",
        metavar="FILE",
        shapes_output=True,
    ),
    Option(
        "timeout",
        "--timeout",
        "SELFEVAL_TIMEOUT",
        "seconds",
        "time limit for reading one file; a file over it is stopped and reported as timeout",
        default=TIMEOUT_SECONDS,
        metavar="SECONDS",
    ),
    Option(
        "max_memory",
        "--max-memory",
        "SELFEVAL_MAX_MEMORY",
        "megabytes",
        "memory cap for reading one file; a file over it is stopped and reported as memory",
        default=MAX_MEMORY_MB,
        metavar="MB",
    ),
    Option(
        "verbose",
        "--verbose",
        "SELFEVAL_VERBOSE",
        "flag",
        "also show the libraries' warnings and log lines (as debug lines), tracebacks",
        default=False,
    ),
    Option(
        "start_method",
        None,
        "SELFEVAL_START_METHOD",
        "word",
        "how worker processes start: fork, spawn or forkserver (default: fork where the "
        "platform has it, else spawn)",
    ),
)
BY_NAME: Mapping[str, Option] = {option.name: option for option in OPTIONS}
#: The options that bound a read (``--timeout``, ``--max-memory``).
LIMIT_OPTIONS = ("timeout", "max_memory")
#: The options of a command that reads and audits forms.
READ_OPTIONS = ("engine", "config", "taxonomy", *LIMIT_OPTIONS)


def option(name: str) -> Option:
    return BY_NAME[name]


def add_options(parser: argparse.ArgumentParser, *names: str) -> None:
    """Add the flags of ``names`` to ``parser`` as the table declares them. Their argparse
    default is None ("not given"), so ``Settings.from_args`` can fall back to the environment
    and then to the declared default, which the help text shows."""
    for name in names:
        opt = BY_NAME[name]
        if opt.flag is None:
            raise ValueError(f"{name} has no command-line flag")
        text = f"{opt.help} (default: {opt.default_text()}; ${opt.env})"
        if opt.kind == "flag":
            parser.add_argument(opt.flag, dest=name, action="store_true", default=None, help=text)
        elif opt.kind == "choice":
            parser.add_argument(opt.flag, dest=name, choices=EngineNames(), help=text)
        elif opt.kind == "files":
            parser.add_argument(
                opt.flag, dest=name, action="append", metavar=opt.metavar, help=text
            )
        else:
            kind: Callable[[str], object] = {"seconds": float, "megabytes": int}.get(opt.kind, str)
            parser.add_argument(opt.flag, dest=name, type=kind, metavar=opt.metavar, help=text)


class EngineNames(Sequence[str]):
    """The engine names, looked up when argparse checks a value or prints the help: building
    the parser loads no reader."""

    def __getitem__(self, index: Any) -> Any:
        return engines()[index]

    def __len__(self) -> int:
        return len(engines())


@dataclass(frozen=True)
class Limits:
    """Per-file limits: seconds of wall time and bytes of resident memory (None = no limit);
    a worker is replaced after ``max_tasks`` files; ``poll`` is how often it is watched."""

    seconds: float | None = TIMEOUT_SECONDS
    memory: int | None = MAX_MEMORY_MB << 20
    max_tasks: int = 200
    poll: float = 0.05


def _default_config() -> Config:
    from selfeval.validate.config import defaults

    return defaults()


def _default_taxonomy() -> Taxonomy:
    from selfeval.normalize.taxonomy import load

    return load(())


@dataclass(frozen=True)
class Settings:
    """Everything a reading depends on beyond the file itself.

    ``Settings()`` is the shipped defaults alone; ``from_env()`` adds the environment
    variables; ``from_args(args)`` adds a command's flags on top. ``limits`` None reads in this
    process (the API's default); with limits, each file is read in a worker process that is
    stopped at them (``ReadError`` ``timeout``/``memory``)."""

    engine: str = field(default_factory=default_engine)
    config: Config = field(default_factory=_default_config)
    taxonomy: Taxonomy = field(default_factory=_default_taxonomy)
    limits: Limits | None = None
    verbose: bool = False
    start_method: str | None = None

    def __post_init__(self) -> None:
        if self.engine not in engines():
            raise SettingsError(f"unknown engine {self.engine!r}: one of {', '.join(engines())}")
        limits = self.limits
        if limits is not None and any(v is not None and v <= 0 for v in _limit_values(limits)):
            raise SettingsError("--timeout and --max-memory must be positive")

    @classmethod
    def from_env(cls) -> Settings:
        """The defaults with the ``SELFEVAL_*`` environment variables on top."""
        return cls.from_args(argparse.Namespace())

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Settings:
        """A command's settings: each given flag, else its environment variable, else the
        declared default. Limits are on for a command (``--timeout``/``--max-memory`` or their
        defaults) and off for ``from_env`` unless a limit variable is set."""
        env = os.environ
        given = {n: v for n, v in vars(args).items() if n in BY_NAME and v is not None}

        def pick(name: str) -> Any:
            if name in given:
                return given[name]
            text = env.get(BY_NAME[name].env or "", "").strip()
            return _parse(BY_NAME[name], text) if text else None

        limited = any(n in vars(args) for n in LIMIT_OPTIONS)  # a command's: always
        limits = None
        seconds, megabytes = pick("timeout"), pick("max_memory")
        if limited or seconds is not None or megabytes is not None:
            limits = _limits(seconds, megabytes)
        taxonomy_files = given.get("taxonomy") or _split_paths(
            env.get(option("taxonomy").env or "", "")
        )
        return cls(
            engine=pick("engine") or default_engine(),
            config=_load_config(given.get("config")),
            taxonomy=_load_taxonomy(tuple(taxonomy_files)),
            limits=limits,
            verbose=bool(pick("verbose")),
            start_method=pick("start_method"),
        )

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)

    @cached_property
    def fingerprint(self) -> str:
        """A hash of the fields that shape the outputs (engine, audit config, taxonomy): the
        batch reuses an output only under the same fingerprint."""
        shaping = {o.name: _canonical(getattr(self, o.name)) for o in OPTIONS if o.shapes_output}
        text = json.dumps(shaping, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    def __reduce__(self) -> tuple[Any, ...]:
        # a worker gets one taxonomy object per content, so normalize's caches (keyed on the
        # taxonomy object) stay warm across files instead of starting cold for every task
        state = (self.engine, self.config, self.taxonomy, self.limits, self.verbose)
        return (_rebuild, (*state, self.start_method, self.fingerprint))


_TAXONOMIES: dict[str, Taxonomy] = {}


def _rebuild(
    engine: str,
    config: Config,
    taxonomy: Taxonomy,
    limits: Limits | None,
    verbose: bool,
    start_method: str | None,
    fingerprint: str,
) -> Settings:
    taxonomy = _TAXONOMIES.setdefault(fingerprint, taxonomy)
    return Settings(engine, config, taxonomy, limits, verbose, start_method)


def _limit_values(limits: Limits) -> tuple[float | int | None, ...]:
    return (limits.seconds, limits.memory)


def _limits(seconds: float | None, megabytes: int | None) -> Limits:
    seconds = TIMEOUT_SECONDS if seconds is None else seconds
    megabytes = MAX_MEMORY_MB if megabytes is None else megabytes
    if seconds <= 0 or megabytes <= 0:
        raise SettingsError("--timeout and --max-memory must be positive")
    return Limits(seconds=seconds, memory=megabytes << 20)


def _parse(opt: Option, text: str) -> Any:
    """An environment variable's text as the option's value."""
    try:
        if opt.kind == "seconds":
            return float(text)
        if opt.kind == "megabytes":
            return int(text)
    except ValueError:
        raise SettingsError(f"${opt.env}: {text!r} is not a number") from None
    if opt.kind == "flag":
        return text.lower() not in {"0", "false", "no", "off"}
    return text


def _split_paths(value: str) -> list[str]:
    return [p for p in value.split(os.pathsep) if p.strip()]


def _load_config(path: str | None) -> Config:
    """The shipped audit config, then the file $SELFEVAL_AUDIT_CONFIG names (validate reads
    it), then ``path``, each merged over the last."""
    from selfeval.validate import ConfigError, load_config

    try:
        return load_config(path)
    except ConfigError as exc:
        raise SettingsError(str(exc)) from None


def _load_taxonomy(files: tuple[str, ...]) -> Taxonomy:
    from selfeval.normalize.taxonomy import TaxonomyError, load

    try:
        return load(files)
    except TaxonomyError as exc:
        raise SettingsError(f"taxonomy: {exc}") from None


def _canonical(value: Any) -> Any:
    """Plain JSON data for a dataclass tree; sets sorted, file names (``sources``) left out:
    the same content from another path shapes the same output."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _canonical(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name != "sources"
        }
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, frozenset | set):
        return sorted(_canonical(v) for v in value)
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def options_markdown() -> str:
    """docs/options.md: every option, its flag, variable, default and the commands taking it."""
    from selfeval.cli import build_parser

    parser = build_parser()
    commands: dict[str, list[str]] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in sorted(action.choices.items()):
                for each in sub._actions:
                    commands.setdefault(each.dest, []).append(name)
    lines = [
        "# Options",
        "",
        "<!-- generated by `python -m selfeval.settings` from selfeval/settings.py; "
        "do not edit -->",
        "",
        "Every setting is declared once (`selfeval.settings.OPTIONS`). A command takes it from "
        "its flag, else from the environment variable, else the default. In Python, pass "
        "`selfeval.read(path, settings=Settings(...))` or `Settings.from_env()`; `read` without "
        "settings uses `Settings.from_env()`, which reads without limits unless "
        "`SELFEVAL_TIMEOUT` or `SELFEVAL_MAX_MEMORY` is set. The engine, the audit config and "
        "the taxonomy shape the outputs: `selfeval extract` reconverts a file when they change.",
        "",
        "| flag | environment | default | commands | what |",
        "|---|---|---|---|---|",
    ]
    for opt in OPTIONS:
        flag = f"`{opt.flag}`" if opt.flag else "—"
        used = ", ".join(commands.get(opt.name, [])) or "all (workers)"
        lines.append(f"| {flag} | `{opt.env}` | {opt.default_text()} | {used} | {opt.help} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # python -m selfeval.settings: rewrite docs/options.md
    from pathlib import Path

    target = Path(__file__).resolve().parent.parent / "docs" / "options.md"
    target.write_text(options_markdown(), encoding="utf-8")
