"""Compare what a reader produced with a golden record: exact, wrong and missing rows and cells.

Used by the tests and the benchmarks alike (``from golden.score import ...``), so the accuracy
figures in the docs are the ones the tests assert; development material, not shipped. A row is *exact* when all eight fields equal the golden; *wrong* when any field
the reader filled in differs from the golden (a field left empty while the reader reported the
text as unplaced is not wrong, only missing); rows are paired with the golden's by their printed
content, so one dropped row does not shift every row after it.

For text dumps a row is also *kept together* when the dump prints its cells one after another
in column order (level-3 name to deviation, nothing else between them) after its level labels:
the reading order the text reader is built for. Recall over those rows is the figure the text
reader is held to; rows whose cells a dump interleaves or scatters are to be declined.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from collections.abc import Container, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import selfeval.extract as extract
from selfeval.extract.errors import ReadError
from selfeval.extract.pdf import DEFAULT_ENGINE
from selfeval.extract.record import FUND_FIELDS, HEADER_FIELDS, INDICATOR_FIELDS, contract_view

#: A form or a row as a dict: a reading's ``to_dict()`` or a golden's JSON.
Record = dict[str, Any]
_ROW_KEY = ("level3", "target", "actual", "weight", "score")
#: The parts a form's cells are counted in (``Score.part_golden``, ``Score.part_exact``).
CELL_PARTS = ("header", "funds", "goals", "total")


@dataclass
class Score:
    """Counts over one or many files."""

    golden_rows: int = 0
    emitted_rows: int = 0
    exact_rows: int = 0
    wrong_rows: int = 0
    golden_cells: int = 0  # header, funds, goals and total cells
    exact_cells: int = 0
    wrong_cells: int = 0
    forms_golden: int = 0
    forms_found: int = 0
    kept_rows: int = 0  # golden rows whose cells the dump keeps together (text dumps only)
    kept_exact: int = 0
    part_golden: Counter[str] = field(default_factory=Counter)  # golden cells by CELL_PARTS
    part_exact: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    #: The wrong header, funds, goals and total cells: (file#form, key, read, golden).
    wrong_cell_values: list[tuple[str, str, object, object]] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @property
    def recall(self) -> float:
        return self.exact_rows / self.golden_rows if self.golden_rows else 1.0

    @property
    def kept_recall(self) -> float:
        return self.kept_exact / self.kept_rows if self.kept_rows else 1.0

    @property
    def precision(self) -> float:
        return self.exact_rows / self.emitted_rows if self.emitted_rows else 1.0


def _row_key(row: Record) -> tuple[object, ...]:
    return tuple(row.get(k) for k in _ROW_KEY)


Pair = tuple[Record | None, Record | None]


def _pairs(got: list[Record], want: list[Record]) -> list[Pair]:
    """Pair emitted rows with golden rows in order, by content where counts differ.

    Identical rows are paired first, then the rest by level-3 name, so a form that names two
    rows alike (one under 质量指标, one under 时效指标) pairs each with its own.
    """
    if len(got) == len(want):
        return list(zip(got, want, strict=True))
    out: list[Pair] = []
    whole = [tuple(r.get(f) for f in INDICATOR_FIELDS) for r in got]
    golden = [tuple(r.get(f) for f in INDICATOR_FIELDS) for r in want]
    for tag, i1, i2, j1, j2 in _opcodes(whole, golden):
        if tag == "equal":
            out += list(zip(got[i1:i2], want[j1:j2], strict=True))
        else:
            out += _pairs_by_name(got[i1:i2], want[j1:j2])
    return out


def _opcodes(a: list[Any], b: list[Any]) -> Sequence[tuple[str, int, int, int, int]]:
    return difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()


def _pairs_by_name(got: list[Record], want: list[Record]) -> list[Pair]:
    out: list[Pair] = []
    names = ([r.get("level3") for r in got], [r.get("level3") for r in want])
    for tag, i1, i2, j1, j2 in _opcodes(*names):
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            out += list(zip(got[i1:i2], want[j1:j2], strict=True))
        else:
            out += [(g, None) for g in got[i1:i2]]
            out += [(None, w) for w in want[j1:j2]]
    return out


def _cells(form: Record) -> dict[str, object]:
    cells: dict[str, object] = {f: form.get(f) for f in HEADER_FIELDS}
    for i, row in enumerate(form.get("funds") or []):
        cells.update({f"funds[{i}].{f}": row.get(f) for f in FUND_FIELDS})
    for part in ("goals", "total"):
        cells.update({f"{part}.{k}": v for k, v in (form.get(part) or {}).items()})
    return cells


_SPACE = re.compile(r"\s+")
#: The row's cells in column order: families A and C, and family B (分值 before the values).
_KEPT_ORDERS = (
    ("level3", "target", "actual", "weight", "score", "deviation"),
    ("level3", "weight", "target", "actual", "score", "deviation"),
)


def compact(text: str | None) -> str:
    return _SPACE.sub("", text or "")


#: Deviation column headers (extract.text.grid_header names them all; these are the corpus's).
_DEVIATION_HEADERS = re.compile(r"偏差原因|未完成原因")


def deviation_in_order(dump: str) -> bool:
    """Does the dump (``compact``-ed) print the deviation column in its place, after 得分?

    Where a page's deviation header stands anywhere else, the column was printed apart from the
    row's other cells (a block of its own), and a row's empty deviation cannot be seen as such.
    """
    return all(
        dump[max(0, m.start() - 2) : m.start()] == "得分" for m in _DEVIATION_HEADERS.finditer(dump)
    )


def _rows_start(dump: str) -> int | None:
    """Where kept rows may begin: after the grid header's deviation name (0 if the dump has
    none); None where the dump prints the deviation column apart, so it keeps no row."""
    if not deviation_in_order(dump):
        return None
    header = _DEVIATION_HEADERS.search(dump)
    return header.start() if header else 0


def _find_cells(dump: str, row: Record) -> int:
    """Where the dump prints ``row``'s cells one after another, in either column order, or -1."""
    for order in _KEPT_ORDERS:
        at = dump.find(compact("".join(row.get(f) or "" for f in order)))
        if at >= 0:
            return at
    return -1


def kept_together(dump: str, row: Record, first: Record | None = None) -> bool:
    """Does the dump (``compact``-ed) print ``row``'s cells in order, after its labels?

    ``first`` is the first row under the same labels: merged label cells must be printed
    before it, not in the middle of the rows they cover. A dump that prints the deviation
    column apart keeps no row together (``deviation_in_order``), nor one that prints the
    header row's deviation name only after the rows.
    """
    return _kept(dump, _rows_start(dump), row, first)


def _kept(dump: str, rows_start: int | None, row: Record, first: Record | None) -> bool:
    if rows_start is None:
        return False
    at = _find_cells(dump, row)
    if at < 0:
        return False
    start = _find_cells(dump, first) if first is not None else at
    if not rows_start <= start <= at:
        return False  # (before the header's deviation name: the header printed after the rows)
    labels = [compact(row.get(f)) for f in ("level1", "level2")]
    return all(label and label in dump[:start] for label in labels)


def kept_rows(dump: str, rows: list[Record]) -> list[bool]:
    """``kept_together`` for each of a form's rows, each checked against its group's first row."""
    rows_start = _rows_start(dump)
    kept = []
    for k, row in enumerate(rows):
        first = k
        while first and all(rows[first - 1].get(f) == row.get(f) for f in ("level1", "level2")):
            first -= 1
        kept.append(_kept(dump, rows_start, row, rows[first]))
    return kept


def _part(key: str) -> str:
    """The part a cell key of ``_cells`` belongs to: header, funds, goals or total."""
    return key.split(".", 1)[0].split("[", 1)[0] if "." in key else "header"


def _score_cells(
    score: Score, got: dict[str, object] | None, want: dict[str, object], label: str
) -> None:
    """Count the golden cells ``want``, and of them the exact and the wrong ones in ``got``
    (None: the form was not found). A cell left empty is missing, not wrong."""
    score.golden_cells += len(want)
    score.part_golden.update(_part(key) for key in want)
    if got is None:
        return
    for key, value in want.items():
        if got.get(key) == value:
            score.exact_cells += 1
            score.part_exact[_part(key)] += 1
        elif got.get(key) is not None:
            score.wrong_cells += 1
            score.problems.append(f"{label} {key}: {got.get(key)!r} != {value!r}")
            score.wrong_cell_values.append((label, key, got.get(key), value))


def _score_rows(
    score: Score, got: list[Record], want: list[Record], label: str, kept: Container[int] = ()
) -> None:
    """Pair emitted rows with golden rows (``_pairs``) and count the exact and the wrong ones;
    ``kept`` holds the ``id`` of golden rows the dump keeps together."""
    score.emitted_rows += len(got)
    for g, w in _pairs(got, want):
        if g is None:
            continue
        if w is None:
            score.wrong_rows += 1
            score.problems.append(f"{label}: extra row {_row_key(g)}")
        elif all(g.get(f) == w.get(f) for f in INDICATOR_FIELDS):
            score.exact_rows += 1
            score.kept_exact += id(w) in kept
        elif any(g.get(f) is not None and g.get(f) != w.get(f) for f in INDICATOR_FIELDS):
            score.wrong_rows += 1
            bad = [f for f in INDICATOR_FIELDS if g.get(f) is not None and g.get(f) != w.get(f)]
            score.problems.append(
                f"{label} row {w.get('level3')!r}: "
                + "; ".join(f"{f} {g.get(f)!r} != {w.get(f)!r}" for f in bad)
            )


def score_form(got: Record | None, want: Record, label: str = "", dump: str | None = None) -> Score:
    """Score one form against its golden; ``dump`` (compacted) is the text it was read from."""
    golden_rows: list[Record] = want["indicators"]
    score = Score(forms_golden=1, golden_rows=len(golden_rows))
    kept: set[int] = set()
    if dump:
        kept = {id(r) for r, k in zip(golden_rows, kept_rows(dump, golden_rows), strict=True) if k}
    score.kept_rows = len(kept)
    _score_cells(score, None if got is None else _cells(got), _cells(want), label)
    if got is None:
        score.problems.append(f"{label}: form not found")
        return score
    score.forms_found = 1
    _score_rows(score, got.get("indicators") or [], golden_rows, label, kept)
    return score


def squashed(form: Record) -> Record:
    """The contract view with all whitespace removed from every cell and the year as text:
    how goldens made outside the project compare (a line break inside a cell is layout)."""

    def one(value: object) -> str | None:
        return compact(str(value)) or None if value is not None else None

    view = contract_view(form)
    out: Record = {f: one(view[f]) for f in HEADER_FIELDS}
    out["funds"] = [{f: one(r[f]) for f in FUND_FIELDS} for r in view["funds"]]
    out["indicators"] = [{f: one(r[f]) for f in INDICATOR_FIELDS} for r in view["indicators"]]
    for part in ("goals", "total"):
        out[part] = {k: one(v) for k, v in view[part].items()}
    return out


def score_file(
    got: list[Record],
    want: list[Record],
    label: str = "",
    dump: str | None = None,
    squash: bool = False,
) -> Score:
    """Score all forms of one file (paired in order) against the file's golden list.

    ``dump`` is the text the forms were read from, when they were read from a text dump;
    ``squash`` compares cells with whitespace removed (``squashed``).
    """
    if squash:
        got, want = [squashed(f) for f in got], [squashed(f) for f in want]
    total = Score()
    flat = compact(dump) if dump is not None else None
    for n, w in enumerate(want):
        total.add(score_form(got[n] if n < len(got) else None, w, f"{label}#{n}", flat))
    if len(got) > len(want):
        total.problems.append(f"{label}: {len(got) - len(want)} extra forms")
    return total


def text_dump_scores(samples: Path, golden: Path) -> dict[tuple[str, str], Score]:
    """Score the text reader on every corpus dump, by producer route and pdftotext mode.

    Dumps are ``samples/dumps/<stem>.<mode>.txt``; the route is the stem's last part
    (xlsx, docx, draw, html). The seed's real dump counts as route ``seed``, mode ``real``.
    """
    cases: list[tuple[Path, str, str, str]] = []  # (dump, golden stem, route, mode)
    for p in sorted((samples / "dumps").glob("*.txt")):
        stem, mode = p.name.split(".")[:2]
        cases.append((p, stem, stem.rsplit("-", 1)[-1], mode))
    cases += [(p, p.stem, "seed", "real") for p in sorted((samples / "text").glob("*.txt"))]
    scores: dict[tuple[str, str], Score] = {}
    for path, stem, route, mode in cases:
        want = json.loads((golden / f"{stem}.json").read_text(encoding="utf-8"))
        try:
            got = [form.to_dict() for form in extract.read(path)]
        except ReadError:
            got = []
        dump = path.read_text(encoding="utf-8")
        scores.setdefault((route, mode), Score()).add(score_file(got, want, path.name, dump))
    return scores


def variant_dump_scores(folder: Path, golden: Path, validation: Path | None = None) -> Score:
    """Score the text reader on a folder of -layout dumps made another way (other pdftotext
    options, other printers): ``<name>.layout.txt`` against the corpus golden of the name's
    part before its first dot (``golden/<stem>.json``), else against ``validation``'s
    ``<name>.golden.json`` (cells compared without whitespace)."""
    total = Score()
    for path in sorted(folder.glob("*.layout.txt")):
        name = path.name.removesuffix(".layout.txt")
        corpus = golden / f"{name.split('.')[0]}.json"
        if corpus.exists():
            want, squash = json.loads(corpus.read_text(encoding="utf-8")), False
        elif validation is not None:
            want, squash = validation_golden(validation / f"{name}.golden.json"), True
        else:
            raise FileNotFoundError(corpus)
        try:
            got = [form.to_dict() for form in extract.read(path)]
        except ReadError:
            got = []
        total.add(score_file(got, want, path.name, squash=squash))
    return total


def validation_golden(path: Path) -> list[Record]:
    """The golden forms of a validation file (one form, or a list of them)."""
    data: Record | list[Record] = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, list) else [data]


def validation_scores(folder: Path, engine: str = DEFAULT_ENGINE) -> dict[str, Score]:
    """Score the PDF reader on every ``NAME.pdf`` of a validation folder against
    ``NAME.golden.json`` (made outside the project: cells compared without whitespace)."""
    scores: dict[str, Score] = {}
    for pdf in sorted(folder.glob("*.pdf")):
        want = validation_golden(pdf.with_suffix(".golden.json"))
        try:
            got = [form.to_dict() for form in extract.read(pdf, engine=engine)]
        except ReadError:
            got = []
        scores[pdf.stem] = score_file(got, want, pdf.name, squash=True)
    return scores


def score_table(scores: dict[tuple[str, str], Score]) -> str:
    """A plain-text table of the scores, one line per (route, mode), then the total."""
    lines = [
        f"{'route':6} {'mode':8} {'forms':>7} {'golden':>7} {'emitted':>8} {'exact':>6} "
        f"{'wrong':>6} {'recall':>7} {'precision':>9} {'cells ok':>9} {'cells wrong':>11} "
        f"{'kept':>5} {'kept recall':>11}"
    ]
    total = Score()
    for (route, mode), s in sorted(scores.items()):
        total.add(s)
        lines.append(_score_line(route, mode, s))
    lines.append(_score_line("all", "", total))
    return "\n".join(lines)


def _score_line(route: str, mode: str, s: Score) -> str:
    return (
        f"{route:6} {mode:8} {s.forms_found:>3}/{s.forms_golden:<3} {s.golden_rows:>7} "
        f"{s.emitted_rows:>8} {s.exact_rows:>6} {s.wrong_rows:>6} {s.recall:>7.1%} "
        f"{s.precision:>9.1%} {s.exact_cells:>4}/{s.golden_cells:<4} {s.wrong_cells:>11} "
        f"{s.kept_rows:>5} {s.kept_recall:>11.1%}"
    )


#: pdftotext modes of a validation folder's dumps: NAME.<suffix>.txt -> mode.
VALIDATION_DUMP_MODES = {"pdftotext": "default", "raw": "raw", "layout": "layout"}


def validation_dump_scores(folder: Path) -> dict[tuple[str, str], Score]:
    """Score the text reader on a validation folder's pdftotext dumps, by (NAME, mode):
    ``NAME.pdftotext.txt`` (default mode), ``NAME.raw.txt`` and ``NAME.layout.txt``, each
    against ``NAME.golden.json`` (cells compared without whitespace)."""
    scores: dict[tuple[str, str], Score] = {}
    for golden in sorted(folder.glob("*.golden.json")):
        name = golden.name.removesuffix(".golden.json")
        want = validation_golden(golden)
        for suffix, mode in VALIDATION_DUMP_MODES.items():
            path = folder / f"{name}.{suffix}.txt"
            try:
                got = [form.to_dict() for form in extract.read(path)]
            except ReadError:
                got = []
            scores[(name, mode)] = score_file(got, want, path.name, squash=True)
    return scores


# -- real web text (../shared/real) ----------------------------------------------------------
#: The flags of a real golden that say its file must yield no indicator row.
NO_ROWS_FLAGS = ("garbled", "not_a_form")


def _real_cell(value: object) -> str | None:
    """A real golden's cell as compared: whitespace removed, the year as text, null as None."""
    return None if value is None else compact(str(value)) or None


def _real_cells(form: Record, scored: Record) -> dict[str, object]:
    """The cells of ``form`` at the keys ``scored`` (a golden) has: an absent key is not scored."""
    cells: dict[str, object] = {}
    for f in HEADER_FIELDS:
        if f in scored:
            cells[f] = _real_cell(form.get(f))
    for part in ("goals", "total"):
        for k in (scored.get(part) or {}) if part in scored else ():
            cells[f"{part}.{k}"] = _real_cell((form.get(part) or {}).get(k))
    got_funds = form.get("funds") or []
    for i, row in enumerate(scored.get("funds") or []):
        for f in row:
            value = got_funds[i].get(f) if i < len(got_funds) else None
            cells[f"funds[{i}].{f}"] = _real_cell(value)
    return cells


def score_real_form(got: Record | None, want: Record, label: str = "") -> Score:
    """Score one form read from a real excerpt against its hand-made golden.

    The golden's conventions: a key it does not hold is not scored; its ``indicators`` are the
    scored rows, its ``indicators_partial`` are not scored (an emitted row paired with one is
    wrong only where a field the golden does settle differs); a ``garbled`` or ``not_a_form``
    golden scores every emitted row as wrong. Header, funds, goals and total cells count as
    *wrong* when the reader filled in a different value, *exact* when equal (both compared
    without whitespace); a cell the reader left empty where the golden has text is missing.
    """
    no_rows = any(want.get(f) for f in NO_ROWS_FLAGS)
    rows_want: list[Record] = [] if no_rows else want.get("indicators") or []
    partial: list[Record] = [] if no_rows else want.get("indicators_partial", [])
    score = Score(forms_golden=1, golden_rows=len(rows_want))
    wanted_cells = {} if no_rows else _real_cells(want, want)
    _score_cells(score, None if got is None else _real_cells(got, want), wanted_cells, label)
    if got is None:
        if rows_want or wanted_cells:
            score.problems.append(f"{label}: form not found")
        return score
    score.forms_found = 1
    rows = [
        {f: _real_cell(r.get(f)) for f in INDICATOR_FIELDS} for r in got.get("indicators") or []
    ]
    by_name = {compact(r.get("level3")): r for r in partial if r.get("level3")}
    golden_names = {_real_cell(r.get("level3")) for r in rows_want}
    scored_rows = []
    for row in rows:
        loose = by_name.get(row["level3"] or "")
        if loose is not None and row["level3"] not in golden_names:
            # a partial row: not scored, unless a settled field differs
            bad = [f for f in loose if f in INDICATOR_FIELDS and row[f] != _real_cell(loose[f])]
            if bad:
                score.emitted_rows += 1
                score.wrong_rows += 1
                score.problems.append(f"{label} partial row {row['level3']!r}: {bad} differ")
            continue
        scored_rows.append(row)
    want_rows = [{f: _real_cell(r.get(f)) for f in INDICATOR_FIELDS} for r in rows_want]
    _score_rows(score, scored_rows, want_rows, label)
    return score


def real_text_scores(folder: Path) -> dict[str, tuple[Score, list[Record]]]:
    """Read every real excerpt ``folder/NNN.txt`` and score it against
    ``folder/golden/NNN.golden.json``: per file, its Score and the forms read (as dicts, with
    their notes). Forms are paired with the golden's in print order; extra forms' rows are
    scored as extra rows (wrong), except for forms that emit no row."""
    out: dict[str, tuple[Score, list[Record]]] = {}
    for path in sorted(folder.glob("*.txt")):
        want = validation_golden(folder / "golden" / f"{path.stem}.golden.json")
        try:
            got = [form.to_dict() for form in extract.read(path)]
        except ReadError:
            got = []
        total = Score()
        for n, w in enumerate(want):
            total.add(score_real_form(got[n] if n < len(got) else None, w, f"{path.name}#{n}"))
        for n, extra in enumerate(got[len(want) :], len(want)):
            rows = extra.get("indicators") or []
            total.emitted_rows += len(rows)
            total.wrong_rows += len(rows)
            if rows:
                total.problems.append(f"{path.name}#{n}: extra form with {len(rows)} rows")
        out[path.stem] = (total, got)
    return out
