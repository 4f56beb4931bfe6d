"""Reader for pdftotext-style text dumps of self-evaluation forms.

The table layout is gone from such a dump: cells wrap over several lines, columns follow one
another, stacked labels come out one character per line. The reader rebuilds the form from
structure alone (section labels, column roles, the 分值/得分 anchor of each row, line widths) and
reports what it cannot place instead of guessing.
"""

from __future__ import annotations

from pathlib import Path

import regex

from selfeval.extract.errors import ReadError
from selfeval.extract.record import Cell, Form, Note, Total
from selfeval.extract.sniff import decode_text
from selfeval.extract.text.columns import (
    header_block,
    is_layout_header,
    read_layout_form_grid,
)
from selfeval.extract.text.dump_lines import (
    DumpLine,
    drop_page_marks,
    dump_lines,
    split_forms,
    title_text,
    without_common_indent,
    without_navigation,
)
from selfeval.extract.text.form import read_form
from selfeval.extract.text.layout_funds import read_layout_funds
from selfeval.extract.text.layout_goals import has_goals_header, read_layout_goals
from selfeval.extract.text.layout_header import read_layout_header
from selfeval.extract.text.web import (
    WebForm,
    blank_runs_by_unit,
    decline_rows,
    header_label,
    lost_first_character,
    web_cells,
    web_kind,
    year_of,
)
from selfeval.extract.vocabulary import (
    CONTACT_LABEL,
    FUND_ITEM,
    KNOWN_LEVEL_NAMES,
    label_key,
    split_contact,
)

__all__ = ["parse_text", "read_text"]

#: The year printed under a title as a cell of its own: (2023年度).
_YEAR_CELL = regex.compile(r"^[（(]?\s*(?:19|20)\d\d\s*年度?\s*[)）]$")


def parse_text(text: str) -> list[Form]:
    """Every form in a dump's text, in order (an empty list when there is none)."""
    forms = []
    text = plain_spaces(text)
    kind = web_kind(text)
    plain = blank_runs_by_unit(drop_page_marks(without_common_indent(text)))
    if kind != "layout" and plain != text:
        text, kind = plain, web_kind(plain)
    if kind is None and (words := one_line_form(text)) is not None:
        text, kind = words, "tokens"
    if kind == "layout":
        text = without_side_column(text)
    for lines in split_forms(dump_lines(text)):
        form = read_form(lines) if kind is None else _read_web_form(lines, kind)
        form.source["reader"] = "text" if kind is None else f"text/{kind}"
        forms.append(form)
    return forms


#: Spaces a page or a word processor prints that read as a plain space: no-break (&nbsp;)
#: and ideographic, one character wide each as the space that replaces them.
_WIDE_SPACES = str.maketrans({"\u00a0": " ", "\u3000": " "})


def plain_spaces(text: str) -> str:
    """The text with one line end (``\\n``) and plain spaces: a page saved with CRLF line ends
    or &nbsp; between its words reads as the same page with LF and spaces."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_WIDE_SPACES)


#: A title line printed beside a web page's side menu: the menu's entry, a wide gap, the title.
_BESIDE_MENU = regex.compile(r"^(\s*)(\S+)(\s{4,})(\S.*)$")
_MENU_WORD = regex.compile(r"(?<=^\s*)\S+")


def without_side_column(text: str) -> str:
    """The -layout text with the entries of a web page's side menu blanked beside a title
    (政策文件 / 项目支出绩效自评表) and the lines just above and below it (the year under
    it): the title line is the entry, a wide gap and a title, and the lines just above and
    below print an entry of that menu at its place (centred on it, a place's slack), a wide
    gap after it."""
    lines = text.split("\n")
    for k, line in enumerate(lines):
        m = _BESIDE_MENU.match(line)
        if m is None or title_text(line) is not None or title_text(m.group(4)) is None:
            continue
        x0, x1 = m.start(2), m.end(2)
        if 0 < k < len(lines) - 1 and all(
            _menu_entry(lines[j], x0, x1, m.start(4)) for j in (k - 1, k + 1)
        ):
            for j in (k - 1, k, k + 1):  # (the year under the title too: （2021年度）)
                lines[j] = _MENU_WORD.sub(lambda w: " " * len(w.group(0)), lines[j], count=1)
    return "\n".join(_without_menu_runs(lines))


def _menu_entry(line: str, x0: int, x1: int, end: int) -> bool:
    """Does ``line`` start with one word centred at the place of x0..x1 (a place's slack),
    a wide gap after it, ending well before ``end``?"""
    m = _BESIDE_MENU.match(line) or regex.match(r"^(\s*)(\S+)()()\s*$", line)
    if m is None or m.end(2) > end - 4:
        return False
    return abs((m.start(2) + m.end(2)) - (x0 + x1)) <= 2


def _form_word(text: str) -> bool:
    """A word of the form's vocabulary (a header label, a fund item, a level's name, 指标):
    no menu's."""
    key = label_key(text)
    return (
        bool(header_label(text))
        or title_text(text) is not None
        or bool(_YEAR_CELL.match(text))
        or bool(FUND_ITEM.match(key))
        or "指标" in key
        or key in KNOWN_LEVEL_NAMES
    )


#: The fewest lines of a side menu beside the form's text.
_MENU_LINES = 3


def _without_menu_runs(lines: list[str]) -> list[str]:
    """``lines`` with a side menu's entries blanked: three lines or more in a row, each
    starting with a word of two characters or more, centred at one place (a place's slack),
    a wide gap or the line's end after it, none a word of the form's vocabulary, every one
    ending well left of where the form's text starts (``_form_edge``), from the header
    table's first line down."""
    top = next((k for k, line in enumerate(lines) for w in line.split() if header_label(w)), None)
    if top is None:
        return lines
    entries: list[tuple[int, int] | None] = []
    for line in lines:
        m = _BESIDE_MENU.match(line) or regex.match(r"^(\s*)(\S+)()()\s*$", line)
        fits = m is not None and len(m.group(2)) >= 2 and not _form_word(m.group(2))
        entries.append((m.start(2), m.end(2)) if m is not None and fits else None)
    out = list(lines)
    k = top  # (a menu beside the title and the year: without_side_column's first rule)
    while k < len(lines):
        run = [k]
        while (
            entries[k] is not None
            and run[-1] + 1 < len(lines)
            and (nxt := entries[run[-1] + 1]) is not None
            and abs(sum(nxt) - sum(entries[k] or (0, 0))) <= 2
        ):
            run.append(run[-1] + 1)
        ends = [e[1] for j in run if (e := entries[j]) is not None]
        if len(ends) >= _MENU_LINES and max(ends) <= _form_edge(lines, top, run) - 4:
            for j in run:
                out[j] = _MENU_WORD.sub(lambda w: " " * len(w.group(0)), out[j], count=1)
        k = run[-1] + 1
    return out


def _form_edge(lines: list[str], top: int, run: list[int]) -> int:
    """Where the form's text starts: the leftmost start of a word from the header table's
    first line ``top`` down to the menu's last line, the menu's own entries aside."""
    starts = [
        m.start()
        for k in range(top, run[-1] + 1)
        for i, m in enumerate(regex.finditer(r"\S+", lines[k]))
        if not (k in run and i == 0)
    ]
    return min(starts, default=10**6)


_WORDS_ON_A_LINE = 40


def one_line_form(text: str) -> str | None:
    """Forms flattened onto one line each (a document site's text of a Word file): those
    lines' words one per line, where a line holds a title word among many; else None."""
    found = []
    for line in text.splitlines():
        words = line.split()
        if len(words) >= _WORDS_ON_A_LINE and any(title_text(w) for w in words):
            found += words
    return "\n".join(found) if found else None


def _bracket_year(text: str) -> str | None:
    m = regex.search(r"[（(]\s*((?:19|20)\d\d)\s*[)）]", text)
    return m.group(1) if m else None


def _read_web_form(lines: list[DumpLine], kind: str) -> Form:
    """One form of web-flattened text (extract.text.web): its title line, then its cells."""
    form = Form()
    title_line = without_navigation(lines[0].text)
    form.title = Cell(title_text(title_line))
    cells = web_cells(lines[1:], kind)
    lost = lost_first_character(cells)
    year = year_of(title_line.replace("|", "")) or _bracket_year(title_line)
    if year is None and cells and _YEAR_CELL.match(cells[0].text):
        year = year_of(cells[0].text)
        cells = cells[1:]
    elif cells and _YEAR_CELL.match(cells[0].text):
        cells = cells[1:]
    form.year = Cell(year)
    WebForm(form, cells, kind).read()
    if lost is not None:
        decline_rows(form, f"the page lost the first character of some cells ({lost!r})")
    if kind == "layout":
        _read_layout_grid(form, lines)
    return form


def _read_layout_grid(form: Form, lines: list[DumpLine]) -> None:
    """The header and grid of a -layout dump, by its columns' geometry (extract.text.columns)."""
    for found in read_layout_header(lines[1:]):
        field, label, value = found.field, found.label, found.value
        if value is None:
            if getattr(form, field).empty:
                form.notes.append(
                    Note(
                        "unplaced-cell", f"-layout header: {label}: {found.doubt}", section="header"
                    )
                )
                form.complete = False
        elif CONTACT_LABEL.search(label_key(label)) and field == "managers":
            managers, phone = split_contact(value)
            form.managers = Cell(managers) if form.managers.empty else form.managers
            form.phone = Cell(phone) if form.phone.empty else form.phone
        elif getattr(form, field).empty:
            setattr(form, field, Cell(value))
    above = _before_grid(lines[1:])  # the header, funds and goals: the lines before the grid
    goals = read_layout_goals(above)
    if goals is not None:
        form.goals = goals
    elif has_goals_header(above):
        form.notes.append(
            Note(
                "unplaced-cell",
                "-layout goals: the two columns cannot be told apart",
                section="goals",
            )
        )
        form.complete = False
    funds, notes, unit = read_layout_funds(above)
    form.funds, form.notes = funds, form.notes + notes
    if unit is not None:
        form.amount_unit = Cell(unit)
    if notes:
        form.complete = False
    grid = read_layout_form_grid(lines)
    if grid is None:
        form.notes.append(Note("incomplete", "no indicator grid header found"))
        return
    form.indicators = grid.indicators
    form.notes += grid.notes
    if grid.total is not None:
        form.total = Total(Cell(grid.total[0]), Cell(grid.total[1]))
    if grid.grade is not None:
        form.grade = Cell(grid.grade)
    if not grid.closed:
        form.notes.append(Note("incomplete", "the grid has no total line: the text is cut off"))
    if grid.notes or not grid.closed:
        form.complete = False


def _before_grid(lines: list[DumpLine]) -> list[DumpLine]:
    """A -layout form's lines before its indicator grid's header."""
    at = next((k for k, line in enumerate(lines) if is_layout_header(line.text)), None)
    return lines if at is None else lines[: header_block(lines, at)[0]]


def read_text(path: str | Path) -> list[Form]:
    """Read a text dump file; raise ReadError when it holds no self-evaluation form."""
    data = Path(path).read_bytes()
    text = decode_text(data)
    if text is None:
        raise ReadError(path, "not-a-form", "not a text file in a known encoding")
    forms = [f for f in parse_text(text) if _holds_a_form(f)]
    if not forms:
        raise ReadError(path, "not-a-form", "no self-evaluation form title and grid in this text")
    for form in forms:
        form.source["file"] = str(path)
    return forms


def _holds_a_form(form: Form) -> bool:
    """A form was found: rows or funds were read, or a titled form left goals or notes."""
    return bool(
        form.indicators
        or form.funds
        or (not form.title.empty and (form.goals.expected.text or form.notes))
    )
