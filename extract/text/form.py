"""One form of a text dump: its sections found by their labels (extract.vocabulary's), each read
by its own rules."""

from __future__ import annotations

import itertools
from decimal import Decimal

import regex

from selfeval.extract.record import Cell, Form, Goals, Note, Total
from selfeval.extract.text.cells import VIOLATION, Column, cell_text, split_cells
from selfeval.extract.text.column_names import ColumnNames, spaced
from selfeval.extract.text.dump_lines import DumpLine, is_title, title_text, without_navigation
from selfeval.extract.text.funds import read_funds
from selfeval.extract.text.grid import read_grid, unplaced
from selfeval.extract.text.grid_header import GridHeader, consume, is_partial_name
from selfeval.extract.text.pieces import Piece, line_pieces, undo_autospace
from selfeval.extract.vocabulary import (
    FUNDS_BLOCK_NAMES,
    GOAL_NAMES,
    GOALS_BLOCK_NAMES,
    GRADE_NAMES,
    GRID_GROUP_NAMES,
    GRID_HEADING_NAMES,
    HEADER_NAMES,
    INDICATOR_NAMES,
    MARK,
    POINTS,
    SENTENCE_END,
    TOTAL_NAMES,
    YEAR,
    amount_unit,
    label_key,
    longest_first,
)
from selfeval.extract.wrap import join_wrapped, text_width

# Labels are the vocabulary's, in the shapes a dump needs. A header label shares its line with
# its value ("项目名称及代码 2021年…"), so it is read off the line longest name first, as a
# whole word: no Chinese character right before or after it (项目名称及编码 is no 项目名称
# followed by a value 及编码…, and 部门 in 教育部门 is no label).
_WORD_START = r"(?<!\p{Han})"
_WORD_END = r"(?!\p{Han})"
_HEADER_NAMES = [
    (name, field)
    for name in longest_first(n for group in HEADER_NAMES.values() for n in group)
    for field, group in HEADER_NAMES.items()
    if name in group
]
_HEADER_RE = regex.compile(
    "|".join(
        f"(?P<f{i}>{_WORD_START}{spaced(name)}{_WORD_END})"
        for i, (name, _) in enumerate(_HEADER_NAMES)
    )
)
_HEADER_FIELDS = [field for _, field in _HEADER_NAMES]
_HEADER_MARK = regex.compile(r"^\s*" + MARK)  # 实施单位（盖章）


def header_field(text: str) -> str | None:
    """The header field whose label starts ``text`` ("项目名称及代码 2021年…" -> project_name)."""
    m = _HEADER_RE.match(text.strip())
    return _field_of(m) if m else None


def _field_of(m: regex.Match[str]) -> str:
    """The header field a label match names (its group is ``f<index>``)."""
    if m.lastgroup is None:  # every alternative of _HEADER_RE is a named group
        raise ValueError(f"no header label in {m.group()!r}")
    return _HEADER_FIELDS[int(m.lastgroup[1:])]


_FUNDS_LABEL = regex.compile(r"^\s*" + spaced(*FUNDS_BLOCK_NAMES) + _WORD_END)
#: The goals' column names (and the block's label): a line of these only is their header.
GOAL_HEADER = ColumnNames({**GOAL_NAMES, "block": GOALS_BLOCK_NAMES})
# The goals start at the block's label or their first column's name, standing as a cell of its
# own (followed by a gap or the next column's name): 年度目标：1、… is the goals' own text.
_GOALS_HEADER = regex.compile(
    spaced(*GOALS_BLOCK_NAMES, *GOAL_NAMES["expected"])
    + r"(?=\s|$|"
    + spaced(*(name for group in GOAL_NAMES.values() for name in group))
    + ")"
)
# the grid's header is the line that names its level-3 column
_GRID_HEADER = regex.compile(spaced(*INDICATOR_NAMES["level3"]))
_TOTAL = regex.compile(r"^\s*" + spaced(*TOTAL_NAMES) + r"(?=\s|$|\d)")
_GRADE = regex.compile(r"^\s*" + spaced(*GRADE_NAMES) + r"\s*[:：]?\s*(\S+)\s*$")
#: A section label printed on its own line (the grid's 绩效指标 when not stacked).
_SECTION = regex.compile(r"^\s*" + spaced(*GRID_GROUP_NAMES) + rf"\s*(?:{POINTS})?\s*$")
_NUMBER = regex.compile(r"^[+-]?\d+(?:\.\d+)?%?$")
_FRAGMENT = regex.compile(r"^\s*[\d.]+\s*$")  # a piece of a number wrapped in a narrow cell


def _find(lines: list[DumpLine], pattern: regex.Pattern[str], start: int = 0) -> int | None:
    for k in range(start, len(lines)):
        if lines[k].vertical is None and pattern.search(lines[k].text):
            return k
    return None


def read_form(lines: list[DumpLine]) -> Form:
    """Read one form from its lines (the first line is its title)."""
    form = Form()
    form.title = Cell(title_text(lines[0].text) or lines[0].text.strip(), lines[0].page)
    # the year in the title (2022年度项目支出绩效自评表), not in a site's path before it
    if m := YEAR.search(without_navigation(lines[0].text)):
        form.year = Cell(m.group(1), lines[0].page)
    funds_at, goals_at, grid_at = _block_starts(lines)
    head_end = next(
        (k for k in (funds_at, goals_at, grid_at) if k is not None), min(len(lines), 12)
    )
    _read_header(form, lines[1:head_end])
    if funds_at is not None:
        _read_funds(form, lines[funds_at : goals_at or grid_at or len(lines)])
    if grid_at is not None:
        grid_start, header_end, roles = header_span(lines, grid_at)
    if goals_at is not None:
        _read_goals(form, lines[goals_at : grid_start if grid_at is not None else len(lines)])
    if grid_at is None:
        form.complete = False
        form.notes.append(
            Note(
                "incomplete",
                "no indicator grid header found: the text is cut off, or its order hides the header",
            )
        )
        return form
    _read_grid_and_total(form, lines, grid_at, header_end, roles)
    return form


def _block_starts(lines: list[DumpLine]) -> tuple[int | None, int | None, int | None]:
    """Where the funds block, the goals and the grid header stand (None: not found; goals
    only before the grid)."""
    funds_at = _find(lines, _FUNDS_LABEL, 1)
    grid_at = _find(lines, _GRID_HEADER, 1)
    goals_at = _find(lines, _GOALS_HEADER, funds_at or 1)
    if grid_at is not None and goals_at is not None and goals_at > grid_at:
        goals_at = None
    return funds_at, goals_at, grid_at


def _read_grid_and_total(
    form: Form, lines: list[DumpLine], grid_at: int, header_end: int, roles: list[str]
) -> None:
    """The grid's rows after its header, then its 总分 line and the grade after it."""
    total_at = _find(lines, _TOTAL, grid_at + 1)
    after = lines[total_at + 1 :] if total_at is not None else []
    _read_grid(
        form,
        lines[header_end : total_at if total_at is not None else len(lines)],
        roles,
        closed=total_at is not None,
        trailing=_trailing(after),
    )
    if total_at is None:
        form.complete = False
        form.notes.append(Note("incomplete", "the grid has no 总分 line: the text is cut off"))
    else:
        _read_total(form, lines[total_at], after)
        for line in lines[total_at + 1 :]:
            if grade := _GRADE.match(line.text):
                form.grade = Cell(grade.group(1), line.page)


def _trailing(after: list[DumpLine]) -> bool:
    """Does text after the total line look like a reason printed out of order? A number's
    wrapped tail ("总分 100" / "93.8" / "3") or the grade does not."""
    return any(
        line.text.strip()
        and not _GRADE.match(line.text)
        and not is_title(line.text)
        and not _FRAGMENT.match(line.text)
        for line in after
    )


#: Words that never stand in a header value: a value holding one ran into another block.
#: (Header labels of four characters or more are never words of a value; 部门, 电话, 负责人 may be.)
_FOREIGN = regex.compile(
    r"预算|资金|目标|指标|完成情况|执行|分值|得分|盖章|公章|年度\)|年度）|"
    + spaced(*(name for name, _ in _HEADER_NAMES if len(name) >= 4))
)
#: The first four characters or more of a header label, a field's label cut short by a
#: narrow cell (项目负责 of 项目负责人), opening a line.
_CUT_LABEL = regex.compile(
    "|".join(
        sorted(
            {regex.escape(name[:k]) for name, _ in _HEADER_NAMES for k in range(4, len(name))},
            key=len,
            reverse=True,
        )
    )
)
_OTHER_LABEL = regex.compile(r"[ \t]+\p{Han}[^\s:：]{0,15}[:：](?=\s|$)")
_YEAR_NOT_DATE = regex.compile(YEAR.pattern + r"(?!\s*\d{1,2}\s*月)")
_PHONE = regex.compile(r"^[\d\-—－()（） ,，、/转]+$")


def _read_header(form: Form, lines: list[DumpLine]) -> None:
    """Header fields: each label's value is the text up to the next label, when it is clean.

    A value that runs over more than one wrapped line, or holds words of another block, means
    the dump's order put something else between a label and its value: it is not placed.
    """
    for line in lines:
        # the form's year cell, not a date (填报日期：2023年4月15日)
        if form.year.empty and (m := _YEAR_NOT_DATE.search(line.text)):
            form.year = Cell(m.group(1), line.page)
    body = [line for line in lines if line.vertical is None and line.text.strip()]
    text = "\n".join(line.text.strip() for line in body)
    matches = list(_HEADER_RE.finditer(text))
    # where two labels name one field (部门 above the form, 主管部门 in it), the fuller label's
    # cell is the field's
    label_len: dict[str, int] = {}
    stacked = _labels_stacked(text, matches, body)
    for m, nxt in zip(matches, matches[1:] + [None], strict=False):
        name = _field_of(m)
        raw = text[m.end() : nxt.start() if nxt else len(text)]
        raw = _HEADER_MARK.sub("", raw).strip(" :：\n")
        # a word ending with a colon is a label the vocabulary does not know (是否为专项资金:):
        # the value ends before it
        raw = _OTHER_LABEL.split(raw, maxsplit=1)[0].strip(" \n")
        page = body[text.count("\n", 0, m.start())].page
        parts = [
            undo_autospace(part.strip(), prose=True) for part in raw.split("\n") if part.strip()
        ]
        value = _header_value(parts)
        if value is not None and (
            _anothers_value(text, m, nxt)
            or _blocks_apart(text, m, nxt, body)
            or (stacked and _apart_from_label(text, m, body))
        ):
            value = None
        if value is None or (name == "phone" and not _PHONE.match(value)):
            if raw:
                form.notes.append(
                    Note(
                        "unplaced-cell",
                        f"header {name}: value not placed with certainty",
                        page,
                        raw,
                    )
                )
            continue
        size = len(regex.sub(r"\s", "", m.group(0)))
        if getattr(form, name).empty or size > label_len.get(name, 0):
            setattr(form, name, Cell(value, page))
            label_len[name] = size


def _anothers_value(text: str, label: regex.Match[str], nxt: regex.Match[str] | None) -> bool:
    """Is the text after a label that ends its line the first cell of the next line's row (杨勃兴
    联系电话 0954…: the next label stands on that line, after it)? Its own label is then one the
    dump printed elsewhere, and the label before it is not its."""
    after = text[label.end() : nxt.start() if nxt else len(text)]
    head, newline, rest = after.partition("\n")
    return bool(newline) and not head.strip(" :：") and nxt is not None and "\n" not in rest


def _labels_stacked(text: str, matches: list[regex.Match[str]], body: list[DumpLine]) -> bool:
    """Does the header print a column of labels, one ending its line and the next starting the
    line right under it (项目名称 / 主管部门 / 项目负责人, no blank line between)? The dump then
    gives the page's columns one after another, so a label's value need not follow it."""
    for a, b in zip(matches, matches[1:], strict=False):
        between = text[a.end() : b.start()]
        if between.strip(" :：\n") or "\n" not in between:
            continue
        at = text.count("\n", 0, a.end())
        if body[at + 1].no - body[at].no == 1:
            return True
    return False


def _apart_from_label(text: str, label: regex.Match[str], body: list[DumpLine]) -> bool:
    """Does the value after a label that ends its line stand a blank line below it (实施单位 /
    (blank) / 张丽娟)? In a dump of stacked labels that is another column's block."""
    if text[label.end() :].partition("\n")[0].strip(" :："):
        return False  # the value starts on the label's own line
    at = text.count("\n", 0, label.end())
    return at + 1 < len(body) and body[at + 1].no - body[at].no > 1


def _blocks_apart(
    text: str, label: regex.Match[str], nxt: regex.Match[str] | None, body: list[DumpLine]
) -> bool:
    """Do the value's lines stand apart by a blank line (219001-…镇人民政府 / (blank) / 汪志刚)?
    A cell's wrapped lines follow each other; lines apart are two blocks of the page, the
    second another cell's."""
    first = text.count("\n", 0, label.end())
    last = text.count("\n", 0, nxt.start() if nxt else len(text))
    lines = [
        k
        for k in range(first, min(last, len(body) - 1) + 1)
        if (k > first or text[label.end() :].partition("\n")[0].strip(" :："))
        and (k < last or nxt is None or text[: nxt.start()].rpartition("\n")[2].strip())
    ]
    return any(body[b].no - body[a].no > 1 for a, b in zip(lines, lines[1:], strict=False))


def _header_value(parts: list[str]) -> str | None:
    """One header cell's text from its lines, or None when they do not read as one cell."""
    if not parts or len(parts) > 2 or any(_FOREIGN.search(part) for part in parts):
        return None
    if any(_CUT_LABEL.match(part) for part in parts[1:]):
        return None  # (项目负责杨勃兴: the next field's label, cut short by its cell)
    if len(parts) == 2:
        first, second = parts
        if text_width(first) < 20:
            return None  # a short first line is no wrap: two cells
        # names listed with spaces lose the space where the line wraps
        return f"{first} {second}" if " " in first else join_wrapped(parts)
    return parts[0]


def _read_funds(form: Form, lines: list[DumpLine]) -> None:
    """The funds block; its label (项目资金（万元）) may share a line with the column header."""
    if not lines:
        return
    first = lines[0]
    label = first.text + (lines[1].text if len(lines) > 1 else "")  # 项目资金 / （万元）
    if (unit := amount_unit(label)) is not None:
        form.amount_unit = Cell(unit, first.page)
    rest = _FUNDS_LABEL.sub("", first.text, count=1)
    rest = regex.sub(r"^\s*[（(][^）)]*[)）]", "", rest)  # （万元）
    head = [DumpLine(rest, first.no, first.page)] if rest.strip() else []
    form.funds, notes = read_funds(head + lines[1:])
    form.notes += notes
    if not form.funds and not notes:
        form.notes.append(
            Note(
                "unplaced-cell",
                "the funds block's column header could not be read; its rows are left out",
                first.page,
                " | ".join(line.text.strip() for line in lines if line.text.strip())[:2000],
            )
        )


def _read_goals(form: Form, lines: list[DumpLine]) -> None:
    """The goals: 预期目标 then 实际完成情况, split by wrap; anything doubtful stays unplaced."""
    body = list(lines)
    while body and (
        body[0].vertical
        or not body[0].text.strip()
        or all(GOAL_HEADER.role(part) for part in body[0].text.split())
    ):
        body = body[1:]
    if body and _GOALS_HEADER.search(body[0].text):
        # a header line naming goal columns among others the reader does not know
        # (总体完成率(%)): which text stands in which column cannot be told
        form.notes.append(
            Note(
                "unplaced-cell",
                "the goals' header names columns besides 预期目标 and 实际完成情况; not placed",
                body[0].page,
                body[0].text.strip(),
            )
        )
        return
    for k, line in enumerate(body):
        if (
            _SECTION.match(line.text)
            or _SECTION.match(line.vertical or "")  # 绩效指标 stacked one character a line
            or _names_columns(line.text)
        ):
            body = body[:k]  # the grid (or its header) begins here
            break
    pieces = _pieces(body, split=False)
    if not pieces:
        return
    split = split_cells(pieces, [Column("expected", required=True), Column("actual")], margin=1.0)
    if (
        split is None
        or split.uncertain
        or split.cost >= VIOLATION
        or not split.cells["actual"]
        or not _end_alike(split.cells["expected"], split.cells["actual"])
        or _two_cells([piece.text for piece in pieces])
        or _alternating_fits(pieces)
        or any(_block_label_among(piece) for piece in pieces[1:])
    ):
        form.notes.append(
            Note(
                "unplaced-cell",
                "the goals text could not be split into 预期目标 and 实际完成情况",
                pieces[0].page,
                cell_text(pieces),
            )
        )
        return
    form.goals = Goals(*(_goal_cell(split.cells[name]) for name in ("expected", "actual")))


#: The goals block's own label opening a line, a numbered item of a goal run into it
#: (年度总体目标 8.搭建…).
_BLOCK_LABEL = regex.compile(spaced(*GOALS_BLOCK_NAMES) + r"\s*\d+[.、．]")


def _block_label_among(piece: Piece) -> bool:
    """Does ``piece`` open with the goals block's own label and a goal's numbered item run
    into it? The label's merged cell printed among the goal lines: the dump does not keep
    their order there."""
    return bool(_BLOCK_LABEL.match(piece.text.strip()))


def _alternating_fits(pieces: list[Piece]) -> bool:
    """Could the goal lines be the two cells' lines taken in turn (expected, actual, expected
    …: a dump printing each baseline's two cells as lines of their own, hubei's default
    order)? Then a split into first and last lines is not certain: it is so when the goals
    run over four lines or more and both cells so read end a sentence, as goals do."""
    lines = [p for p in pieces if p.text.strip()]
    if len(lines) < 4:
        return False
    return all(SENTENCE_END.search(cell_text(lines[k::2]) or "") for k in (0, 1))


#: Two texts one space apart between Chinese characters: in a dump that is not -layout, the
#: two goal cells of one line side by side (…等重 全年完成…), as often as a space in one cell.
_TWO_CELLS = regex.compile(r"\p{Han}[，。；、,;]?[ \t]+\p{Han}")


def _two_cells(lines: list[str]) -> bool:
    """Does a line hold two goal cells side by side (a space between Chinese characters, not
    inside a quotation, which may open on a line before: 以“检测与标 / 准技术引领 助力…” is
    one cell's)?"""
    open_quotes = 0
    for text in lines:
        for m in _TWO_CELLS.finditer(text):
            before = text[: m.start()]
            if open_quotes + before.count("“") - before.count("”") <= 0:
                return True
        open_quotes = max(0, open_quotes + text.count("“") - text.count("”"))
    return False


def _end_alike(expected: list[Piece], actual: list[Piece]) -> bool:
    """Do both goal cells end alike, with a sentence's end or without? One form's author
    writes both the same way; a split whose expected goal stops mid-sentence while the actual
    one ends its sentence has cut a cell in two (补助瓜果蔬菜 / 种植29.5亩…)."""
    ends = [bool(SENTENCE_END.search(cell_text(cell) or "")) for cell in (expected, actual)]
    return ends[0] == ends[1]


def _names_columns(text: str) -> bool:
    """Is ``text`` grid header cells only (a cell cut by its wrap may end it)?"""
    roles, rest = consume(text)
    return bool(roles) and (not rest or is_partial_name(rest))


def _goal_cell(pieces: list[Piece]) -> Cell:
    return Cell(cell_text(pieces), pieces[0].page) if pieces else Cell()


def _after_group(text: str) -> str:
    """A header line that opens with a group name over the grid (年度绩效指标完成情况 一级):
    the column names after it; any other line as it is."""
    key = label_key(text)
    for name in sorted((*GRID_GROUP_NAMES, *GRID_HEADING_NAMES), key=len, reverse=True):
        rest = key[len(name) :]
        if key.startswith(name) and rest and (consume(rest)[0] or is_partial_name(rest)):
            return rest
    return text


def header_span(lines: list[DumpLine], at: int) -> tuple[int, int, list[str]]:
    """The lines of a grid header around ``lines[at]`` (which names 三级指标): (start, end, roles).

    Header cells may stand one per line before and after that line, or wrap over lines.
    """
    start = at
    k = at - 1
    while k >= 0 and at - k <= 12:
        text = _after_group(lines[k].text.strip())
        if not text:
            k -= 1
            continue
        if consume(text)[1] and not is_partial_name(consume(text)[1]):
            break
        start = k
        k -= 1
    text, end, roles = "", at + 1, []
    for k in range(start, min(len(lines), at + 40)):
        if not lines[k].text.strip():
            continue
        candidate = text + (_after_group(lines[k].text) if k == start else lines[k].text)
        got, rest = consume(candidate)
        if rest and not is_partial_name(rest):
            if k > at:
                break
            continue  # a fragment before the header proper (a wrapped label's tail)
        text = candidate
        if not rest:
            roles, end = got, k + 1
    return start, end, roles


def _read_grid(
    form: Form, lines: list[DumpLine], roles: list[str], *, closed: bool, trailing: bool
) -> None:
    """Drop headers printed again after page breaks, then read the rows."""
    dropped: set[int] = set()
    for k, line in enumerate(lines):
        if k not in dropped and _GRID_HEADER.search(line.text):
            again_start, again_end, _ = header_span(lines, k)
            dropped.update(range(again_start, again_end))
    body = [line for k, line in enumerate(lines) if k not in dropped]
    pieces = _pieces(body, split=True)
    header = GridHeader(tuple(roles))
    if not header.supported:
        form.notes.append(
            unplaced(
                f"this grid's column order ({' '.join(roles) or 'unknown'}) cannot be read "
                "from a text dump yet; its rows are left out",
                pieces,
            )
        )
        return
    result = read_grid(pieces, header, closed=closed, trailing=trailing)
    form.indicators = result.indicators
    form.notes += result.notes
    if result.notes:
        form.complete = False  # rows or labels were declined


def _pieces(lines: list[DumpLine], *, split: bool) -> list[Piece]:
    """Pieces of the lines, skipping stacked labels (printed again after page breaks)."""
    pieces: list[Piece] = []
    gap = False
    for line in lines:
        if line.vertical:
            continue
        if not line.text.strip():
            gap = True
            continue
        pieces += line_pieces(line.text, line.no, split=split, page=line.page, gap=gap)
        gap = False
    return pieces


_WHOLE_NUMBER = regex.compile(r"^(?:0|[1-9]\d*)(?:\.\d+)?$")


def _wrapped_total(values: list[str], after: list[DumpLine]) -> list[str]:
    """The total's numbers wrapped into the lines after the 总分 line, or [] when unsure.

    Only number pieces may follow (and the grade). Numbers on the 总分 line are whole; the
    pieces are joined into the rest, and read only when exactly one way of joining them gives
    numbers without a leading zero or a trailing dot, from lines that wrap alike (all but a
    cell's last equally long), the score no more than the weight.
    """
    rest = [x.text.strip() for x in after if x.text.strip() and not _GRADE.match(x.text)]
    if len(rest) < 2 or not all(_FRAGMENT.match(x) for x in rest):
        return []
    need = 2 - len(values)
    cuts = [()] if need == 1 else [(k,) for k in range(1, len(rest))]
    readings = []
    for cut in cuts:
        bounds = [0, *cut, len(rest)]
        groups = [rest[a:b] for a, b in itertools.pairwise(bounds)]
        if any(len({len(x) for x in group[:-1]}) > 1 for group in groups):
            continue  # a wrapped cell's lines but its last are equally full
        numbers = values + ["".join(group) for group in groups]
        if all(_WHOLE_NUMBER.match(n) for n in numbers) and Decimal(numbers[1]) <= Decimal(
            numbers[0]
        ):
            readings.append(numbers[len(values) :])
    return readings[0] if len(readings) == 1 else []


def _read_total(form: Form, line: DumpLine, after: list[DumpLine]) -> None:
    """总分 and its two numbers on one line; anything else is reported, not guessed.

    Numbers too wide for their narrow cells wrap onto lines of their own ("总分 100" / "93.8" /
    "3", or "总分" / "10" / "0" / "97." / "7"): see ``_wrapped_total``.
    """
    values = [v for v in line.text.split()[1:] if _NUMBER.match(v)]
    if len(values) < 2:
        values += _wrapped_total(values, after)
    if len(values) == 2:
        form.total = Total(Cell(values[0], line.page), Cell(values[1], line.page))
    else:
        form.notes.append(
            Note(
                "unplaced-cell",
                "total line: its weight and score are not both on the 总分 line; not placed",
                line.page,
                line.text.strip(),
            )
        )
