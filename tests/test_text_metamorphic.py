"""Metamorphic checks of the text reader: harmless changes to a text must not make it wrong.

Hidden files of the classes we read differ from ours in ways that change nothing a reader of
the form would see: line ends, spaces, a byte-order mark, a page footer at a page break,
full-width digits, a second copy of the form, a site's navigation line. Each change below is a
small deterministic function applied to every text we have a golden for (corpus dumps in
``-raw`` and default mode, the seed dump, the validation PDFs' dumps, the real web excerpts).
A changed text may lose rows (recall), but no emitted row may differ from the golden and no
header, funds, goals or total cell may be filled with a value that differs from the golden's
where the unchanged text's was right.

Full-width digits and ％ are printed as such in the changed text; the reader keeps the text as
printed, so its cells are compared with the golden's through their ASCII forms.

Rows emitted/exact/wrong per change and input kind, then ``+`` the header, funds, goals and
total cells made wrong by the change (changes of whitespace only compare cells without it),
before the fixes this module brought (running_title's wrong rows there are those of the
extra forms the repeated title started):

    change                   corpus -raw  corpus default       seed  valid. -raw  valid. default     real web
    crlf                     292/292/0+0         6/6/0+0  42/42/0+0    29/29/0+0         0/0/0+0    47/47/0+1
    trailing_spaces          292/292/0+0         6/6/0+0  42/42/0+0    29/29/0+0         0/0/0+0    65/65/0+0
    tabs                     292/292/0+0         6/6/0+0  42/42/0+0    29/29/0+0         0/0/0+0    65/65/0+0
    tabs_everywhere          140/140/0+2         6/6/0+0  42/42/0+0    29/29/0+0         0/0/0+0    65/65/0+0
    indented                 287/286/1+0         6/6/0+0  42/42/0+0    29/29/0+0         0/0/0+0    65/65/0+0
    spaced_pipes             292/292/0+0         6/6/0+0  42/42/0+0    29/29/0+0         0/0/0+0    65/65/0+0
    leading_pipes            292/292/0+0         6/6/0+0  42/42/0+0    29/29/0+0         0/0/0+0    63/63/0+0
    double_spaces            140/140/0+2         6/6/0+2  42/42/0+0    29/29/0+0         0/0/0+0    65/65/0+0
    leading_blank_lines      292/292/0+0         6/6/0+0  42/42/0+0    29/29/0+0         0/0/0+0    65/65/0+0
    spaced_labels            292/292/0+0         6/6/0+0  42/42/0+0    29/29/0+0         0/0/0+0    65/65/0+0
    full_width_punctuation   278/277/1+1         6/6/0+0  42/42/0+0    29/29/0+0         0/0/0+0    65/65/0+0
    ideographic_spaces       140/140/0+2         6/6/0+2  42/42/0+0    29/29/0+0         0/0/0+0    65/65/0+0
    no_break_spaces             0/0/0+38         6/6/0+0    0/0/0+2     0/0/0+14         0/0/0+3    64/64/0+0
    bom                      292/292/0+0         6/6/0+0  42/42/0+0    29/29/0+0         0/0/0+0    65/65/0+0
    doubled_blank_lines      292/292/0+0         6/6/0+0  42/42/0+0    29/29/0+0         0/0/0+0    47/47/0+1
    page_footer              291/291/0+0         0/0/0+0  40/40/0+0    29/29/0+0         0/0/0+0    65/65/0+0
    dash_footer              292/291/1+0         0/0/0+0  41/41/0+0    29/29/0+0         0/0/0+0    64/64/0+0
    running_title           261/250/11+0         3/3/0+0  23/23/0+0    19/19/0+0         0/0/0+0    64/64/0+0
    repeated_grid_header     292/292/0+0         6/6/0+0  42/42/0+0    29/29/0+0         0/0/0+0    64/64/0+0
    extra_page_break         292/292/0+0         6/6/0+0  42/42/0+0    29/29/0+0         0/0/0+0    65/65/0+0
    full_width_numbers       283/282/1+0         5/5/0+0  40/40/0+0    25/25/0+0         0/0/0+0    65/65/0+0
    printed_twice            584/584/0+0       12/12/0+0    0/0/0+0    57/57/0+0         0/0/0+0  122/122/0+0
    printed_twice_by_page    584/584/0+0       12/12/0+0    0/0/0+0    57/57/0+0         0/0/0+0  122/122/0+0
    nav_line                 292/292/0+0         6/6/0+0  42/42/0+0    29/29/0+0         0/0/0+0    65/65/0+0
    site_prefix                20/0/20+5         0/0/0+2    0/0/0+0      0/0/0+0         0/0/0+0    26/26/0+0

and after them (``table`` of ``run_change`` for every name in ``CHANGES``; the unchanged
validation -raw dumps read 60 rows now, 29 before: their page numbers, - 1 - and
第 1 页，共 2 页, no longer stand among the cells; tabs_everywhere keeps a tab, unlike a space, from
being read as a word processor's autospace, so fewer rows are certain; a title repeated
where no page begins, in a default-mode dump or the seed, still starts a form of its own,
which reads no rows: a form holding nothing but its title is left out of the pairing):

    change                  corpus -raw  corpus default       seed  valid. -raw  valid. default     real web
    crlf                    292/292/0+0         6/6/0+0  42/42/0+0    60/60/0+0         0/0/0+0    65/65/0+0
    trailing_spaces         292/292/0+0         6/6/0+0  42/42/0+0    60/60/0+0         0/0/0+0    65/65/0+0
    tabs                    292/292/0+0         6/6/0+0  42/42/0+0    60/60/0+0         0/0/0+0    65/65/0+0
    tabs_everywhere         140/140/0+0         6/6/0+0  42/42/0+0    29/29/0+0         0/0/0+0    65/65/0+0
    indented                292/292/0+0         6/6/0+0  42/42/0+0    60/60/0+0         0/0/0+0    65/65/0+0
    spaced_pipes            292/292/0+0         6/6/0+0  42/42/0+0    60/60/0+0         0/0/0+0    65/65/0+0
    leading_pipes           292/292/0+0         6/6/0+0  42/42/0+0    60/60/0+0         0/0/0+0    63/63/0+0
    double_spaces           140/140/0+0         6/6/0+0  42/42/0+0    29/29/0+0         0/0/0+0    65/65/0+0
    leading_blank_lines     292/292/0+0         6/6/0+0  42/42/0+0    60/60/0+0         0/0/0+0    65/65/0+0
    spaced_labels           292/292/0+0         6/6/0+0  42/42/0+0    60/60/0+0         0/0/0+0    65/65/0+0
    full_width_punctuation  277/277/0+0         6/6/0+0  42/42/0+0    60/60/0+0         0/0/0+0    65/65/0+0
    ideographic_spaces      292/292/0+0         6/6/0+0  42/42/0+0    60/60/0+0         0/0/0+0    65/65/0+0
    no_break_spaces         292/292/0+0         6/6/0+0  42/42/0+0    60/60/0+0         0/0/0+0    65/65/0+0
    bom                     292/292/0+0         6/6/0+0  42/42/0+0    60/60/0+0         0/0/0+0    65/65/0+0
    doubled_blank_lines     292/292/0+0         6/6/0+0  42/42/0+0    60/60/0+0         0/0/0+0    65/65/0+0
    page_footer             292/292/0+0         6/6/0+0  42/42/0+0    60/60/0+0         0/0/0+0    65/65/0+0
    dash_footer             292/292/0+0         6/6/0+0  42/42/0+0    60/60/0+0         0/0/0+0    65/65/0+0
    running_title           292/292/0+0         3/3/0+0  23/23/0+0    60/60/0+0         0/0/0+0    64/64/0+0
    repeated_grid_header    292/292/0+0         6/6/0+0  42/42/0+0    60/60/0+0         0/0/0+0    64/64/0+0
    extra_page_break        292/292/0+0         6/6/0+0  42/42/0+0    60/60/0+0         0/0/0+0    65/65/0+0
    full_width_numbers      282/282/0+0         5/5/0+0  40/40/0+0    56/56/0+0         0/0/0+0    65/65/0+0
    printed_twice           584/584/0+0       12/12/0+0  84/84/0+0  120/120/0+0         0/0/0+0  129/129/0+0
    printed_twice_by_page   584/584/0+0       12/12/0+0  84/84/0+0  120/120/0+0         0/0/0+0  129/129/0+0
    nav_line                292/292/0+0         6/6/0+0  42/42/0+0    60/60/0+0         0/0/0+0    65/65/0+0
    site_prefix             292/292/0+0         6/6/0+0  42/42/0+0    60/60/0+0         0/0/0+0    65/65/0+0
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import selfeval.extract as extract
from golden.score import (
    Record,
    Score,
    score_file,
    score_real_form,
    validation_golden,
)
from selfeval.extract.errors import ReadError
from selfeval.extract.record import HEADER_FIELDS
from tests.conftest import GOLDEN, REAL, SAMPLES, VALIDATION

# -- the harmless changes ----------------------------------------------------------------------


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def trailing_spaces(text: str) -> str:
    return "\n".join(line + "  " if line else line for line in text.split("\n"))


def tabs(text: str) -> str:
    """Runs of two or more spaces as one tab."""
    return re.sub(r" {2,}", "\t", text)


def tabs_everywhere(text: str) -> str:
    """Every run of spaces, one space too, as a tab (a page copied from a spreadsheet)."""
    return re.sub(r" +", "\t", text)


def indented(text: str) -> str:
    """Every line that holds text indented by two spaces."""
    return "\n".join("  " + line if line.strip() else line for line in text.split("\n"))


def spaced_pipes(text: str) -> str:
    """A space on either side of every pipe (``a|b`` as ``a | b``)."""
    return re.sub(r" *\| *", " | ", text)


def leading_pipes(text: str) -> str:
    """A pipe opening every line that holds pipes (markdown's optional outer pipe)."""
    return "\n".join(
        "| " + line if "|" in line and not line.lstrip().startswith("|") else line
        for line in text.split("\n")
    )


def double_spaces(text: str) -> str:
    """Every single space between two printed characters doubled."""
    return re.sub(r"(?<=\S) (?=\S)", "  ", text)


def leading_blank_lines(text: str) -> str:
    return "\n\n\n" + text


_HEAD_LABELS = re.compile(r"项目名称|主管部门|实施单位")


def spaced_labels(text: str) -> str:
    """The header labels letter-spaced, as some forms print them (项 目 名 称)."""
    return _HEAD_LABELS.sub(lambda m: " ".join(m.group(0)), text)


_FULL_PUNCT = str.maketrans({":": "：", "(": "（", ")": "）", ",": "，", ";": "；"})


def full_width_punctuation(text: str) -> str:
    """ASCII colons, brackets, commas and semicolons printed full-width (cells are compared
    with the golden's with both widths read alike)."""
    return "\n".join(
        line if line[:2] == "# " else line.translate(_FULL_PUNCT) for line in text.split("\n")
    )


def ideographic_spaces(text: str) -> str:
    return text.replace(" ", "\u3000")


def no_break_spaces(text: str) -> str:
    return text.replace(" ", "\u00a0")


def bom(text: str) -> str:
    return "\ufeff" + text


def doubled_blank_lines(text: str) -> str:
    return re.sub(r"\n([ \t]*\n)+", lambda m: "\n" + m.group(0)[1:] * 2, text)


#: A form's title line (the real excerpts' "# notes:" lines aside).
_TITLE_WORDS = re.compile(r"自评表|自评结果表")
#: A line that starts the indicator grid, and one that ends it.
_GRID_START = re.compile(r"三级指标|二级指标|一级指标")
_GRID_END = re.compile(r"^\s*[|]?\s*(?:总\s*分|合\s*计|总\s*计)")


def _grid_breaks(lines: list[str]) -> list[int]:
    """Indexes of the lines inside the grid where a page footer could stand: before a page's
    first line (it starts with a form feed), or in a text without pages at a blank line."""
    start = next((k for k, line in enumerate(lines) if _GRID_START.search(line)), None)
    if start is None:
        return []
    end = next((k for k in range(start, len(lines)) if _GRID_END.match(lines[k])), len(lines))
    pages = [k for k in range(start + 1, end) if "\f" in lines[k]]
    return pages or [k for k in range(start + 1, end) if not lines[k].strip()]


def _footer(footer: str, *, head: bool = False) -> Callable[[str], str]:
    """A line inserted at the middle page break of the grid: at a page's foot, or its head."""

    def insert(text: str) -> str:
        lines = text.split("\n")
        breaks = _grid_breaks(lines)
        if not breaks:
            return text
        at = breaks[len(breaks) // 2]
        if "\f" not in lines[at]:
            lines[at:at] = ["", footer]
        elif head:
            before, after = lines[at].split("\f", 1)
            lines[at : at + 1] = [f"{before}\f{footer}", after]
        else:
            lines[at:at] = [footer]
        return "\n".join(lines)

    return insert


def running_title(text: str) -> str:
    """The form's title repeated at the head of a page inside the grid, as a running header."""
    lines = text.split("\n")
    title = next(
        (
            line.strip()
            for line in lines
            if _TITLE_WORDS.search(line) and line[:2] != "# " and len(line.strip()) <= 40
        ),
        None,
    )
    return text if title is None else _footer(title, head=True)(text)


def repeated_grid_header(text: str) -> str:
    """The grid's header line (the one naming 三级指标) repeated at the head of a page inside
    the grid, as a word processor repeats a table's header rows on every page."""
    lines = text.split("\n")
    header = next(
        (line.strip("\f") for line in lines if "三级指标" in line and len(line) <= 80), None
    )
    return text if header is None else _footer(header, head=True)(text)


def extra_page_break(text: str) -> str:
    """A page break before a line in the middle of the grid, in a dump that marks pages."""
    if "\f" not in text:
        return text
    lines = text.split("\n")
    start = next((k for k, line in enumerate(lines) if _GRID_START.search(line)), None)
    if start is None:
        return text
    end = next((k for k in range(start, len(lines)) if _GRID_END.match(lines[k])), len(lines))
    at = (start + end) // 2
    lines[at] = "\f" + lines[at].lstrip("\f")
    return "\n".join(lines)


page_footer = _footer("第 1 页，共 4 页")
dash_footer = _footer("- 2 -")

_FULL_WIDTH = str.maketrans("0123456789%", "０１２３４５６７８９％")
_HAN = "[\u4e00-\u9fff]"
#: A number standing alone: not inside a word or a date, and not set one space apart from
#: Chinese text (a word processor spaces half-width digits only: 2021 年, never ２０２１年).
_NUMBER = re.compile(rf"(?<![\w.\-/])(?<!{_HAN} )\d+(?:\.\d+)?%?(?![\w.])(?! {_HAN})")


def full_width_numbers(text: str) -> str:
    """Every number standing alone (see ``_NUMBER``) in full-width digits and ％."""
    return _NUMBER.sub(lambda m: m.group(0).translate(_FULL_WIDTH), text)


def printed_twice_by_page(text: str) -> str:
    """The form printed twice, the second copy on a page of its own (a form feed between),
    in a dump that marks its pages (web text has no pages: it is printed twice the same)."""
    if "\f" not in text:
        return printed_twice(text)
    return text.rstrip("\n") + "\n\f" + text


def printed_twice(text: str) -> str:
    """The form printed twice; the real excerpts' ``# source:`` / ``# notes:`` lines (which
    real pages do not have) stand only once, before the first copy."""
    copy = "\n".join(line for line in text.split("\n") if not line.startswith("# "))
    return text.rstrip("\n") + "\n\n" + copy


def _at_title(change: Callable[[list[str], int], None]) -> Callable[[str], str]:
    def apply(text: str) -> str:
        lines = text.split("\n")
        at = next(
            (k for k, line in enumerate(lines) if _TITLE_WORDS.search(line) and line[:2] != "# "),
            None,
        )
        if at is None:
            return text
        change(lines, at)
        return "\n".join(lines)

    return apply


def _nav_line(lines: list[str], at: int) -> None:
    lines[at:at] = ["首页 > 信息公开 > 财政资金 > 绩效评价"]


def _site_prefix(lines: list[str], at: int) -> None:
    lines[at] = "当前位置：首页 > 信息公开 > 2019年预决算 > " + lines[at].lstrip()


nav_line = _at_title(_nav_line)
site_prefix = _at_title(_site_prefix)

CHANGES: dict[str, Callable[[str], str]] = {
    "crlf": crlf,
    "trailing_spaces": trailing_spaces,
    "tabs": tabs,
    "tabs_everywhere": tabs_everywhere,
    "indented": indented,
    "spaced_pipes": spaced_pipes,
    "leading_pipes": leading_pipes,
    "double_spaces": double_spaces,
    "leading_blank_lines": leading_blank_lines,
    "spaced_labels": spaced_labels,
    "full_width_punctuation": full_width_punctuation,
    "ideographic_spaces": ideographic_spaces,
    "no_break_spaces": no_break_spaces,
    "bom": bom,
    "doubled_blank_lines": doubled_blank_lines,
    "page_footer": page_footer,
    "dash_footer": dash_footer,
    "running_title": running_title,
    "repeated_grid_header": repeated_grid_header,
    "extra_page_break": extra_page_break,
    "full_width_numbers": full_width_numbers,
    "printed_twice": printed_twice,
    "printed_twice_by_page": printed_twice_by_page,
    "nav_line": nav_line,
    "site_prefix": site_prefix,
}

# -- the inputs and how each is scored ---------------------------------------------------------


@dataclass(frozen=True)
class Case:
    kind: str  # corpus raw, corpus default, seed, validation raw, validation default, real
    path: Path
    golden: tuple[Record, ...]


def cases() -> Iterator[Case]:
    for p in sorted((SAMPLES / "dumps").glob("*.txt")):
        stem, mode = p.name.split(".")[:2]
        if mode in ("raw", "default"):
            want = json.loads((GOLDEN / f"{stem}.json").read_text(encoding="utf-8"))
            yield Case(f"corpus {mode}", p, tuple(want))
    for p in sorted((SAMPLES / "text").glob("*.txt")):
        want = json.loads((GOLDEN / f"{p.stem}.json").read_text(encoding="utf-8"))
        yield Case("seed", p, tuple(want))
    for golden in sorted(VALIDATION.glob("*.golden.json")):
        name = golden.name.removesuffix(".golden.json")
        for suffix, mode in (("raw", "raw"), ("pdftotext", "default")):
            path = VALIDATION / f"{name}.{suffix}.txt"
            yield Case(f"validation {mode}", path, tuple(validation_golden(golden)))
    for p in sorted(REAL.glob("*.txt")):
        yield Case("real", p, tuple(validation_golden(REAL / "golden" / f"{p.stem}.golden.json")))


KINDS = ("corpus raw", "corpus default", "seed", "validation raw", "validation default", "real")

_ASCII = str.maketrans("０１２３４５６７８９％．", "0123456789%.")
_ASCII_PUNCT = str.maketrans("：（），；", ":(),;")


def _ascii(value: Any, table: dict[int, int] = _ASCII) -> Any:
    """A read cell (or record) with full-width digits and ％ (or, given ``table``, other
    characters) in their ASCII forms."""
    if isinstance(value, str):
        return value.translate(table)
    if isinstance(value, dict):
        return {k: _ascii(v, table) for k, v in value.items()}
    if isinstance(value, list):
        return [_ascii(v, table) for v in value]
    return value


def read_forms(text: str, where: Path) -> list[Record]:
    """The forms the reader finds in ``text`` written as UTF-8 to a file (as a user's file)."""
    where.write_bytes(text.encode("utf-8"))
    try:
        return [form.to_dict() for form in extract.read(where)]
    except ReadError:
        return []


#: Changes of whitespace only: the cells are compared without whitespace, as a tab or an
#: ideographic space printed inside a cell is the page's, not the reader's.
WHITESPACE_CHANGES = frozenset(
    {"trailing_spaces", "tabs", "tabs_everywhere", "spaced_pipes", "leading_pipes"}
    | {"double_spaces"}
    | {"ideographic_spaces", "no_break_spaces"}
)


def score(
    case: Case, got: list[Record], twice: bool = False, squash: bool = False, punct: bool = False
) -> Score:
    """Score the forms read against the case's golden (twice over when the text is doubled;
    ``squash``: cells compared without whitespace; ``punct``: full-width punctuation read as
    ASCII on both sides)."""
    want = list(case.golden) * (2 if twice else 1)
    got = _ascii(got)
    if len(got) > len(want):
        # a form holding nothing but its title misleads no one: it is left out of the pairing
        got = [form for form in got if not _empty(form)]
    if punct:
        got, want = _ascii(got, _ASCII_PUNCT), _ascii(want, _ASCII_PUNCT)
    if case.kind != "real":
        squash = squash or case.kind.startswith("validation")
        total = score_file(got, want, case.path.name, squash=squash)
    else:
        total = Score()
        for n, w in enumerate(want):
            label = f"{case.path.name}#{n}"
            total.add(score_real_form(got[n] if n < len(got) else None, w, label))
    for extra in got[len(want) :]:  # a form the golden does not hold: its rows are wrong
        rows = extra.get("indicators") or []
        total.emitted_rows += len(rows)
        total.wrong_rows += len(rows)
        if rows:
            total.problems.append(f"{case.path.name}: extra form with {len(rows)} rows")
    return total


def _empty(form: Record) -> bool:
    """Does a form read hold no row, funds line, goal or header cell besides its title?"""
    cells = [form.get(f) for f in HEADER_FIELDS if f not in ("title", "year")]
    goals = (form.get("goals") or {}).values()
    return not (form.get("indicators") or form.get("funds") or any(cells) or any(goals))


_CELL_PROBLEM = re.compile(r"^(?P<file>\S+)#(?P<form>\d+) (?P<key>[\w.\[\]]+): .* != ")


def _cell_problems(s: Score, forms: int) -> set[str]:
    """The wrong cells of a score as ``file#form key`` (the form counted modulo ``forms``, so a
    second printed copy's cells match the first's), without their values."""
    out = set()
    for p in s.problems:
        m = _CELL_PROBLEM.match(p)
        if m and m["key"] not in ("row", "partial"):
            out.add(f"{m['file']}#{int(m['form']) % forms} {m['key']}")
    return out


@dataclass
class Outcome:
    emitted: int = 0
    exact: int = 0
    wrong: int = 0
    new_wrong_cells: int = 0
    problems: tuple[str, ...] = ()

    def add(self, s: Score, new_cells: set[str]) -> None:
        self.emitted += s.emitted_rows
        self.exact += s.exact_rows
        self.wrong += s.wrong_rows
        self.new_wrong_cells += len(new_cells)
        rows = [p for p in s.problems if " row " in p or "extra" in p]
        self.problems += (*rows, *sorted(new_cells))


@dataclass(frozen=True)
class Base:
    """A case with its text and the wrong cells of the unchanged text's reading."""

    case: Case
    text: str
    wrong_cells: frozenset[str]


def bases(tmp: Path) -> list[Base]:
    out = []
    for case in cases():
        text = case.path.read_text(encoding="utf-8")
        got = read_forms(text, tmp / case.path.name)
        wrong = _cell_problems(score(case, got), len(case.golden))
        out.append(Base(case, text, frozenset(wrong)))
    return out


def run_change(name: str, base: list[Base], tmp: Path) -> dict[str, Outcome]:
    """Apply one change to every case; per input kind, what the reader emits."""
    change = CHANGES[name]
    out = {kind: Outcome() for kind in KINDS}
    for b in base:
        twice = name.startswith("printed_twice")
        got = read_forms(change(b.text), tmp / b.case.path.name)
        squash, punct = name in WHITESPACE_CHANGES, name == "full_width_punctuation"
        s = score(b.case, got, twice, squash=squash, punct=punct)
        out[b.case.kind].add(s, _cell_problems(s, len(b.case.golden)) - b.wrong_cells)
    return out


def table(results: dict[str, dict[str, Outcome]]) -> str:
    """Rows emitted/exact/wrong (and new wrong cells) per change and input kind."""
    head = f"{'change':20}" + "".join(f"{k:>20}" for k in KINDS)
    lines = [head]
    for name, by_kind in results.items():
        cells = [f"{o.emitted}/{o.exact}/{o.wrong}+{o.new_wrong_cells}" for o in by_kind.values()]
        lines.append(f"{name:20}" + "".join(f"{c:>20}" for c in cells))
    return "\n".join(lines)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> list[Base]:
    found = bases(tmp_path_factory.mktemp("base"))
    kinds = {b.case.kind for b in found}
    assert kinds == set(KINDS), f"inputs missing: {set(KINDS) - kinds}"
    return found


@pytest.mark.parametrize("name", list(CHANGES))
def test_a_harmless_change_makes_no_row_or_cell_wrong(
    name: str, base: list[Base], tmp_path: Path
) -> None:
    by_kind = run_change(name, base, tmp_path)
    problems = [p for o in by_kind.values() for p in o.problems]
    assert sum(o.wrong + o.new_wrong_cells for o in by_kind.values()) == 0, problems[:20]
    assert sum(o.exact for o in by_kind.values()) > 0  # the change left readable forms


# -- the mechanisms the changes above exercised, one by one -------------------------------------


def test_page_numbers_are_no_cell_text() -> None:
    from selfeval.extract.text.dump_lines import drop_page_marks

    assert drop_page_marks("甲 1 1\n- 2 -\n\f乙 2 2") == "甲 1 1\n\f乙 2 2"
    assert drop_page_marks("甲\n\n第 1 页，共 4 页\n\n乙") == "甲\n\n乙"
    assert drop_page_marks("指标 - 2 - 项\n2") == "指标 - 2 - 项\n2"  # not alone on its line


def test_blank_runs_are_counted_in_the_shortest() -> None:
    from selfeval.extract.text.web import blank_runs_by_unit

    assert blank_runs_by_unit("a\n\n\nb\n\n\n\n\n\n\nc") == "a\n\nb\n\n\n\nc"
    assert blank_runs_by_unit("a\n\n\nb\n\n\n\nc") == "a\n\n\nb\n\n\n\nc"  # 2 and 3: unsure


def test_a_common_indent_is_taken_off() -> None:
    from selfeval.extract.text.dump_lines import without_common_indent

    assert without_common_indent("  a\n    b\n\n  c") == "a\n  b\n\nc"
    assert without_common_indent("a\n  b") == "a\n  b"


def test_a_title_after_a_sites_path_is_found_and_its_years_are_not_the_forms() -> None:
    from selfeval.extract.text import parse_text
    from selfeval.extract.text.dump_lines import title_text

    line = "当前位置：首页 > 2019年预决算 > 项目支出绩效自评表"
    assert title_text(line) == "项目支出绩效自评表"
    assert title_text("当前位置：首页 > 信息公开 > 财政资金") is None
    forms = parse_text(line + "\n（2021年度）\n项目名称 甲项目\n")
    assert [(f.title.text, f.year.text) for f in forms] == [("项目支出绩效自评表", "2021")]


def test_a_title_heading_a_page_inside_the_grid_starts_no_form() -> None:
    from selfeval.extract.text.dump_lines import dump_lines, split_forms

    head = "项目支出绩效自评表\n项目名称 甲\n三级指标 指标值 实际完成值 分值 得分\n名称 1 1 5 5\n"
    running = head + "\f项目支出绩效自评表\n名称二 2 2 5 5\n总分 100 100\n"
    assert len(split_forms(dump_lines(running))) == 1
    # mid-page it may be a new form cut short: it is kept apart
    assert len(split_forms(dump_lines(running.replace("\f", "")))) == 2
