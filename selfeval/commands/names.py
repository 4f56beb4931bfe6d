"""``selfeval names PATH...``: every level-1/level-2 name found, and the code it maps to.

Meant for spotting names the taxonomy does not know yet: unknowns are listed first, and the
exit code is 1 when there are any (0 when every name maps), so it can guard a corpus in CI.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from selfeval.commands import Subparsers, settings_of
from selfeval.settings import READ_OPTIONS, Settings, add_options

if TYPE_CHECKING:  # the readers load when the command runs, not for --help
    from selfeval.extract.record import Form
    from selfeval.normalize.taxonomy import Taxonomy


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "names",
        help="list every level-1/level-2 indicator name found and its taxonomy code",
        description=(
            "Read PATHs (files, or directories walked recursively; golden/extract JSON files are "
            "read too) and list each distinct level-1 and level-2 name with the code it maps to "
            "and how (exact, synonym, fuzzy, inferred, unknown). Unknown names come first. "
            "Exit code 1 when any name is unknown."
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="input files or directories")
    parser.add_argument("--unknown", action="store_true", help="only list unknown names")
    parser.add_argument("--json", action="store_true", help="print the list as JSON")
    add_options(parser, *(o for o in READ_OPTIONS if o != "config"))
    parser.set_defaults(func=run)


@dataclass
class NameUse:
    level: int
    text: str
    code: str | None
    method: str
    rows: int = 0
    files: set[str] = field(default_factory=set)

    def to_dict(self) -> dict[str, object]:
        return {
            "level": self.level,
            "name": self.text,
            "code": self.code,
            "method": self.method,
            "rows": self.rows,
            "files": sorted(self.files),
        }


def _paths(given: list[str]) -> list[Path]:
    from selfeval.inputs import find_inputs

    found: list[Path] = []
    for raw in given:
        path = Path(raw)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.json") if not p.name.startswith("."))
        found += [i.path for i in find_inputs([path])]
    return list(dict.fromkeys(found))


def _printed(value: object) -> object:
    """A cell of a hand-written JSON record as the printed string the contract wants: a number
    (``"year": 2021``) becomes its text, lists and dicts are walked, anything else is kept."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return [_printed(v) for v in value]
    if isinstance(value, dict):
        return {k: v if k in _NOT_CELLS else _printed(v) for k, v in value.items()}
    return value


#: Keys of a form record that hold no printed cell (left as they are by ``_printed``).
_NOT_CELLS = frozenset(
    {"source", "complete", "notes", "provenance", "normalized", "audit", "expected_findings"}
)


def collect(forms_by_file: dict[str, list[Form]], taxonomy: Taxonomy) -> list[NameUse]:
    """Distinct (level, printed name, code, method) over all rows of all forms."""
    from selfeval.normalize import names

    uses: dict[tuple[int, str, str | None, str], NameUse] = {}
    for source, forms in forms_by_file.items():
        for form in forms:
            for row in form.indicators:
                match = names.match_levels(row.level1.text, row.level2.text, taxonomy)
                for level, text, code, how in (
                    (1, row.level1.text, match.level1_code, match.level1),
                    (2, row.level2.text, match.level2_code, match.level2),
                ):
                    if text is None or how is None:
                        continue
                    method = how.method if how.method != "missing" else "inferred"
                    key = (level, text, code, method)
                    use = uses.setdefault(key, NameUse(level, text, code, method))
                    use.rows += 1
                    use.files.add(source)
    order = names.METHODS
    return sorted(
        uses.values(),
        key=lambda u: (u.code is not None, u.level, order.index(u.method), -u.rows, u.text),
    )


def run(args: argparse.Namespace) -> int:
    settings = settings_of(args, "names")
    if settings is None:
        return 2
    try:
        paths = _paths(args.paths)
    except FileNotFoundError as exc:
        print(f"{exc}: no such file or directory", file=sys.stderr)
        return 2
    forms_by_file, failures = read_all(paths, settings)
    uses = collect(forms_by_file, settings.taxonomy)
    unknown = [u for u in uses if u.code is None]
    shown = unknown if args.unknown else uses
    if args.json:
        print(json.dumps([u.to_dict() for u in shown], ensure_ascii=False, indent=1))
    else:
        print_uses(shown, uses, len(forms_by_file), failures)
    return 1 if unknown else 0


def read_all(paths: list[Path], settings: Settings) -> tuple[dict[str, list[Form]], int]:
    """The raw forms of each path (JSON records as written; originals through the pipeline,
    under the limits), and how many paths could not be read (each named on stderr)."""
    forms_by_file: dict[str, list[Form]] = {}
    failures = 0
    for path in paths:
        try:
            forms = _forms_of(path, settings)
        except Exception as exc:  # ReadError or a record this command cannot use: go on
            print(_unreadable(path, exc), file=sys.stderr)
            failures += 1
            continue
        if forms is not None:
            forms_by_file[str(path)] = forms
    return forms_by_file, failures


def _forms_of(path: Path, settings: Settings) -> list[Form] | None:
    """The forms of one path; None for a JSON file that holds none (run.json, ...)."""
    from selfeval import pipeline
    from selfeval.extract.record import Form
    from selfeval.files import load_form_dicts

    data = load_form_dicts(path)
    if data is not None:
        return [Form.from_dict(_printed(f)) for f in data]  # type: ignore[arg-type]
    if path.suffix.lower() == ".json":
        return None
    return pipeline.read(path, settings, audited=False)


def _unreadable(path: Path, exc: Exception) -> str:
    from selfeval.extract import ReadError

    if isinstance(exc, ReadError):
        return str(exc)
    return f"{path}: not readable as forms: {type(exc).__name__}: {exc}"


def print_uses(shown: list[NameUse], uses: list[NameUse], files: int, failures: int) -> None:
    """The names as lines, then a summary by method on stderr."""
    from selfeval.normalize import names

    for use in shown:
        code = use.code or "?"
        print(f"L{use.level}  {code:<9} {use.method:<9} {use.rows:>5}  {use.text}")
    methods = Counter(u.method for u in uses)
    summary = ", ".join(f"{m} {methods[m]}" for m in names.METHODS if methods[m])
    print(
        f"{len(uses)} distinct names in {files} file(s): {summary or 'none'}"
        + (f"; {failures} file(s) unreadable" if failures else ""),
        file=sys.stderr,
    )
