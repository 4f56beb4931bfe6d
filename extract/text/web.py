"""Forms flattened into web text: the table's cells as a sequence, read cell by cell.

A web page or a document site flattens a form's table in one of a few ways; each gives the
cells in reading order with or without the row ends:

* ``pipes``: a row per line, its cells between ``|`` (markdown pipes, ``||||`` padding at the
  end); a merged cell's text is printed in its first row only, so later rows start further
  right. Row ends are known; empty cells inside a row are kept, padding at its end is not.
* ``cells``: one cell per line, each ending with `` |``, an empty cell as a lone ``|``: no row
  ends, but every empty cell is kept, so a row is a fixed number of cells.
* ``paragraphs``: one cell per paragraph, rows apart by a longer run of blank lines.

The same reader then walks the cells: header labels and their values, the funds block, the
goals and the indicator grid (its columns named by extract.vocabulary). Precision first: a row
is emitted only when each of its cells falls in a column without doubt (its count fits, its
weight and score are numbers); any other row is named in a note and left out, and the form is
marked incomplete.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

from selfeval.extract.record import Cell, Form, FundRow, Goals, Indicator, Note, Total
from selfeval.extract.text.dump_lines import DumpLine
from selfeval.extract.text.funds import agreed_placement
from selfeval.extract.text.grid_header import GRID_COLUMNS
from selfeval.extract.vocabulary import (
    CONTACT_LABEL,
    FUND_COLUMNS,
    FUNDS_BLOCK_NAMES,
    GOAL_COLUMNS,
    GOALS_BLOCK,
    GRID_GROUPS,
    HEADER_LABELS,
    KNOWN_LEVEL_NAMES,
    LABEL_POINTS,
    LEVEL1_NAMES,
    LEVEL2_NAMES,
    LEVEL_LABEL_TAILS,
    MARK,
    REMARK_LABELS,
    SUB_ITEM,
    TARGET_SIGN,
    TOTAL_LABELS,
    YEAR,
    amount_unit,
    label_key,
    match,
    split_contact,
)

PIPE_LINE = regex.compile(r"\|")
_RULE = regex.compile(r"^[\s|:]*-[\s|:\-]*$")  # a markdown rule line |---|---|
_BLANK_ROW_RUN = 3
#: Cells of a grid row at most: a page of paragraphs has a row gap at least this often (a
#: dump with a few long gaps among hundreds of single ones is no such page).
_MAX_ROW_CELLS = 16
#: Kinds without row ends, whose every empty cell is kept: a row is a fixed count of cells.
STREAM_KINDS = ("cells", "paragraph-cells", "tokens")
_LABEL_THEN_VALUE = regex.compile(r"^(?:项目名称|主管部门|实施单位|项目负责人|联系电话)[ \t:：]+\S")
_GUTTER = regex.compile(
    r"[ \t\u3000]{3,}"
)  # blank lines at least this many apart two rows of paragraphs


@dataclass
class WebCell:
    text: str
    line: int
    row_end: bool = False  # the last cell of its row (where the flattening shows row ends)


def _is_layout(text: str, lines: list[str]) -> bool:
    """Whether the lines keep the page's columns apart by gutters of spaces (pdftotext -layout)."""
    gapped = sum(1 for line in lines if _GUTTER.search(line.strip()))
    # a grid header whose names stand apart by runs of spaces: the page's columns are kept
    spread = any("三级指标" in line and len(_GUTTER.findall(line.strip())) >= 4 for line in lines)
    return (gapped >= 0.3 * len(lines) or spread) and "|" not in text


def _pipe_kind(lines: list[str]) -> str | None:
    """``cells`` or ``pipes`` when enough lines hold pipes, else None."""
    piped = [line for line in lines if "|" in line]
    if len(piped) >= 5 and len(piped) >= 0.3 * len(lines):
        single = sum(1 for line in piped if line.count("|") == 1 and line.rstrip().endswith("|"))
        return "cells" if single >= 0.8 * len(piped) else "pipes"
    return None


def _paragraph_kind(text: str, lines: list[str]) -> str | None:
    """``paragraphs`` or ``paragraph-cells`` by the runs of blank lines, else None."""
    runs = [len(m.group(0)) - 1 for m in regex.finditer(r"\n(?:[ \t\u3000\xa0]*\n)+", text)]
    long_runs = sum(1 for r in runs if r >= _BLANK_ROW_RUN)
    single = sum(1 for r in runs if r == 1)
    if long_runs >= 5 and long_runs <= single <= _MAX_ROW_CELLS * long_runs:
        return "paragraphs"
    alone = sum(1 for line in lines if header_label(line))
    shared = sum(1 for line in lines if _LABEL_THEN_VALUE.match(line.strip()))
    if runs and alone >= 2 and not shared and sum(1 for r in runs if r == 1) >= 0.8 * len(runs):
        return "paragraph-cells"
    return None


_BLANK_RUN = regex.compile(r"\n(?:[ \t]*\n)+")


def blank_runs_by_unit(text: str) -> str:
    """The text with its runs of blank lines counted in its shortest run: a page that puts two
    blank lines between cells and twenty between rows is read as one with one and ten.

    The paragraph kinds tell a cell's gap from a row's by the runs' lengths; a page's own
    spacing scales them all alike. Runs that are not all multiples of the shortest keep
    their lengths (which is the cell gap and which the row gap is then not certain)."""
    runs = [m.group(0).count("\n") - 1 for m in _BLANK_RUN.finditer(text)]
    unit = min(runs, default=1)
    if unit < 2 or any(r % unit for r in runs):
        return text
    return _BLANK_RUN.sub(lambda m: "\n" * ((m.group(0).count("\n") - 1) // unit + 1), text)


def web_kind(text: str) -> str | None:
    """Which flattening a text shows (``pipes``, ``cells``, ``paragraphs``), or None for a
    pdftotext dump (form feeds, no separators)."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    if _is_layout(text, lines):
        return "layout"
    piped = _pipe_kind(lines)
    if piped is not None:
        return piped
    if "\f" in text:
        return None
    return _paragraph_kind(text, lines)


def _paragraph_cells(lines: list[DumpLine]) -> list[WebCell]:
    """A cell per paragraph; a run of blank lines at least a row's ends the row."""
    cells: list[WebCell] = []
    blank = 0
    for line in lines:
        if not line.text.strip():
            blank += 1
            continue
        if cells and blank >= _BLANK_ROW_RUN:
            cells[-1].row_end = True
        blank = 0
        cells.append(WebCell(_clean(line.text), line.no))
    if cells:
        cells[-1].row_end = True
    return cells


def _layout_cells(lines: list[DumpLine]) -> list[WebCell]:
    """pdftotext -layout: a row per line, its cells apart by gutters of spaces."""
    cells: list[WebCell] = []
    for line in lines:
        parts = [p for p in _GUTTER.split(line.text.strip()) if p]
        cells += [WebCell(p, line.no) for p in parts]
        if parts:
            cells[-1].row_end = True
    return cells


def _piped_cells(lines: list[DumpLine], kind: str) -> list[WebCell]:
    """The cells of lines whose cells stand between pipes (``pipes``, ``cells``)."""
    cells: list[WebCell] = []
    for line in lines:
        text = line.text
        if "|" not in text:
            if text.strip():
                cells.append(WebCell(_clean(text), line.no, row_end=kind == "pipes"))
            continue
        if _RULE.match(text):
            continue
        parts = [_clean(p) for p in text.split("|")]
        if text.lstrip().startswith("|"):
            parts = parts[1:]
        if kind == "cells":
            # one cell per line: "X |" is X, a lone "|" an empty cell
            cells.append(WebCell(parts[0], line.no))
            continue
        while parts and not parts[-1]:
            parts.pop()  # padding after the row's last cell
        if not parts:
            continue
        cells += [WebCell(p, line.no) for p in parts]
        cells[-1].row_end = True
    return cells


def web_cells(lines: list[DumpLine], kind: str) -> list[WebCell]:
    """The cells of a form's lines in reading order, with row ends where the kind shows them."""
    if kind == "tokens":
        # a whole form on one line: a cell per word, empty cells gone
        return [WebCell(_clean(line.text), line.no) for line in lines if line.text.strip()]
    if kind == "paragraph-cells":
        # a paragraph per cell; a line of spaces only is an empty cell
        return [WebCell(_clean(line.text), line.no) for line in lines if line.text]
    if kind == "paragraphs":
        return _paragraph_cells(lines)
    if kind == "layout":
        return _layout_cells(lines)
    return _piped_cells(lines, kind)


def _clean(text: str) -> str:
    return text.replace("\xa0", " ").replace("\u3000", " ").strip()


# -- what a cell says -----------------------------------------------------------------------
_POINTS_END = regex.compile(LABEL_POINTS + r"$")
_MARK_END = regex.compile(MARK + r"$")
_LEVEL_NAME = regex.compile(r"^[\p{Han}()、]{1,12}指标$")
_NA = {"-", "—", "－", "/", "／", "——"}
_NUMBER = regex.compile(r"^[+-]?\d+(?:\.\d+)?%?$")
_PLACEHOLDER = regex.compile(r"^(?:…+|\.{3,}|指标\d*|[（(]?\d+[)）]?)$")
_NUMBERED_FUND = regex.compile(r"^\d+[.、]")


def ascii_number(text: str) -> str:
    """A number's text with full-width digits and ％ read as ASCII (NFKC)."""
    return unicodedata.normalize("NFKC", text).replace(" ", "")


def is_number(text: str) -> bool:
    return bool(_NUMBER.match(ascii_number(text)))


def _cut_label(text: str) -> bool:
    """The start of a known level name, cut short (可持续影响 of 可持续影响指标)."""
    key = label_key(text)
    return len(key) >= 3 and any(name.startswith(key) and name != key for name in KNOWN_LEVEL_NAMES)


def _numeric_or_empty(text: str) -> bool:
    return not text or is_number(text) or text.strip() in _NA


#: What level names say before 指标 (社会效益, 产出): an unknown name ending in 指标 is a level
#: label only when it holds one of these (达成预期指标 is a value).
_LEVEL_STEMS = tuple(sorted({n.removesuffix("指标") for n in KNOWN_LEVEL_NAMES | LEVEL1_NAMES}))


def level_label(text: str) -> str | None:
    """'l1', 'l2', 'either' for a level label cell (产出指标(50分), 数量指标), else None."""
    key = label_key(text)
    if not key:
        return None
    points = bool(_POINTS_END.search(key))
    name = _POINTS_END.sub("", key)
    if name[-1:] in LEVEL_LABEL_TAILS and name[:-1] in KNOWN_LEVEL_NAMES | LEVEL1_NAMES:
        name = name[:-1]
    if name in LEVEL2_NAMES:
        return "l2"
    if name in LEVEL1_NAMES:
        return "l1"
    if name in KNOWN_LEVEL_NAMES:
        return "l1" if points else "either"
    if _LEVEL_NAME.match(name) and any(stem in name for stem in _LEVEL_STEMS):
        return "l1" if points else "l2"  # 社会效益效益指标: a known level's words, misprinted
    return None


def header_label(text: str) -> str | None:
    """The header field a cell labels on its own (项目名称, 实施单位 (盖章)), else None."""
    key = _MARK_END.sub("", label_key(text))
    return match(key, HEADER_LABELS)


def _fund_role(text: str) -> str | None:
    return match(label_key(text), FUND_COLUMNS)


def _goal_role(text: str) -> str | None:
    return match(label_key(text), GOAL_COLUMNS)


def _grid_role(text: str) -> list[str] | None:
    """The grid columns a header cell names (one, or several run together), else None."""
    key = label_key(text)
    if not key:
        return None
    roles, rest = GRID_COLUMNS.consume(key)
    return roles if roles and not rest else None


#: A year or a weight cell that lost its opening bracket (2021年度), 30分)): the page
#: dropped the first character of some cells, so no cell's start is certain.
_LOST_OPENING = regex.compile(r"^\s*(?:(?:19|20)\d\d\s*年度?|\d+(?:\.\d+)?分)\s*[)）]$")


def lost_first_character(cells: list[WebCell]) -> str | None:
    """A cell showing that the page lost the first character of cells, else None."""
    return next((c.text for c in cells if _LOST_OPENING.match(c.text)), None)


def decline_rows(form: Form, why: str) -> None:
    """Every indicator row read is left out, each named in a note: ``why`` none is certain."""
    for k, row in enumerate(form.indicators):
        form.notes.append(
            Note(
                "unplaced-cell",
                f"indicator row {row.level3.text!r}: {why}; left out",
                None,
                row.level3.text,
                section="indicators",
                row=k + 1,
            )
        )
    form.indicators = []
    form.complete = False


#: Kinds where a cell may be printed as several paragraphs (年度 / 指标值).
PIECE_KINDS = ("paragraphs",)


def _role_in_pieces(texts: list[str]) -> tuple[list[str] | None, int]:
    """A grid column name printed in pieces (年度 / 指标值, 偏差原因 / 分析及 / 改进措施):
    its roles and how many pieces, the fewest that make one whole name; (None, 1) if none."""
    for n in range(2, len(texts) + 1):
        if not all(texts[:n]):
            break
        roles = _grid_role("".join(texts[:n]))
        if roles and len(roles) == 1:
            return roles, n
    return None, 1


def _grid_group(text: str) -> bool:
    """A cell printed over the grid's columns (绩效指标, 年度绩效目标 (80分), (80分))."""
    key = _POINTS_END.sub("", label_key(text))
    return not key or bool(GRID_GROUPS.match(key)) or key in ("年度绩效目标", "绩效目标")


def _funds_block(text: str) -> bool:
    key = label_key(text)
    return any(key.startswith(name) for name in FUNDS_BLOCK_NAMES)


def is_structural(text: str) -> bool:
    """A label of some block: never a header value."""
    return _is_structural(text)


def _is_structural(text: str) -> bool:
    """A label of some block: never a header value."""
    return bool(
        header_label(text)
        or _fund_role(text)
        or _goal_role(text)
        or _grid_role(text)
        or _funds_block(text)
        or GOALS_BLOCK.match(label_key(text))
    )


# -- the form --------------------------------------------------------------------------------
class WebForm:
    """Reads one form's cells into ``form`` (its title already set)."""

    def __init__(self, form: Form, cells: list[WebCell], kind: str) -> None:
        self.form = form
        self.cells = cells
        self.kind = kind

    def note(self, message: str, text: str | None = None, section: str | None = None) -> None:
        self.form.notes.append(Note("unplaced-cell", message, None, text, section=section))

    def read(self) -> None:
        cells = self.cells
        if self.kind == "layout":
            # a -layout dump wraps a cell over lines and centres a merged label among the
            # rows it covers: it is read by its columns' geometry (extract.text.columns,
            # layout_funds, layout_goals), not as a sequence of cells
            return
        funds_at, goals_at, grid_at = self._block_starts()
        head_end = min(k for k in (funds_at, goals_at, grid_at, len(cells)) if k is not None)
        self._read_header(0, head_end)
        if funds_at is not None:
            end = min(k for k in (goals_at, grid_at, len(cells)) if k is not None and k > funds_at)
            self._read_funds(funds_at, end)
        if goals_at is not None:
            self._read_goals(goals_at, grid_at if grid_at is not None else len(cells))
        if grid_at is None:
            self.form.complete = False
            self.form.notes.append(
                Note("incomplete", "no indicator grid header found: the text is cut off")
            )
            self._lone_total()
            return
        self._read_grid(grid_at)

    def _block_starts(self) -> tuple[int | None, int | None, int | None]:
        """Where the funds block, the goals and the grid start (None: not found; funds and
        goals only before the grid)."""
        cells = self.cells
        grid_at = self._grid_header_at()
        funds_at = next((k for k, c in enumerate(cells) if _funds_block(c.text)), None)
        goals_at = next(
            (k for k, c in enumerate(cells) if GOALS_BLOCK.match(label_key(c.text))), None
        )
        if goals_at is None:
            goals_at = next((k for k, c in enumerate(cells) if _goal_role(c.text)), None)
        if grid_at is not None:
            funds_at = funds_at if funds_at is not None and funds_at < grid_at else None
            goals_at = goals_at if goals_at is not None and goals_at < grid_at else None
        return funds_at, goals_at, grid_at

    def _lone_total(self) -> None:
        """The total line of a grid whose header is not in the text (a spliced page): its
        label, its weight and its score as the text's last three cells."""
        texts = [c.text for c in self.cells if c.text]
        if len(texts) >= 3 and TOTAL_LABELS.match(label_key(texts[-3])):
            weight, score = texts[-2:]
            if is_number(weight) and is_number(score):
                self.form.total = Total(Cell(weight), Cell(score))

    # -- header ----------------------------------------------------------------------------
    def _read_header(self, start: int, end: int) -> None:
        cells = self.cells
        for k in range(start, end):
            name = header_label(cells[k].text)
            if name is None:
                continue
            value = cells[k + 1].text if k + 1 < end else ""
            if not value or _is_structural(value):
                if k + 1 < end and not value:
                    self._set_header(name, cells[k].text, None)
                continue
            self._set_header(name, cells[k].text, value)

    def _set_header(self, name: str, label: str, value: str | None) -> None:
        form = self.form
        if CONTACT_LABEL.search(label_key(label)) and name == "managers":
            managers, phone = split_contact(value)
            if form.managers.empty and managers:
                form.managers = Cell(managers)
            if form.phone.empty and phone:
                form.phone = Cell(phone)
            return
        if value is not None and getattr(form, name).empty:
            setattr(form, name, Cell(value))

    # -- funds -----------------------------------------------------------------------------
    def _amount_unit(self, start: int, end: int) -> None:
        """The money unit the funds block's label prints (项目资金（万元）, 项目资金 / (万元))."""
        k, label = start, ""
        while k < end and (
            k == start or _ASIDE.match(self.cells[k].text) or _funds_block(self.cells[k].text)
        ):
            label += self.cells[k].text
            k += 1
        if (unit := amount_unit(label)) is not None:
            self.form.amount_unit = Cell(unit)

    def _read_funds(self, start: int, end: int) -> None:
        self._amount_unit(start, end)
        roles, k = self._fund_header(start + 1, end)
        if not roles or "executed" not in roles:
            self.note(
                "the funds block's column header could not be read; its rows are left out",
                section="funds",
            )
            return
        for row in self._fund_rows(k, end):
            self._fund_row(row, roles)

    def _fund_header(self, k: int, end: int) -> tuple[list[str | None], int]:
        """The funds columns' roles (None: a column the record has no field for, 原因)
        from cell ``k`` on, and the cell after them."""
        cells = self.cells
        roles: list[str | None] = []
        while k < end and (not cells[k].text or _funds_block(cells[k].text)):
            k += 1
        while k < end and cells[k].text and not _is_fund_item(cells[k].text):
            if _ASIDE.match(cells[k].text) or _funds_block(cells[k].text):
                k += 1  # (20分), (20分*执行率), (万元): a remark under a label
                continue
            role = _fund_role(_ASIDE_END.sub("", cells[k].text))
            if role is None and not roles:
                break
            roles.append(role)
            k += 1
        return roles, k

    def _fund_rows(self, k: int, end: int) -> list[list[WebCell]]:
        """Each funds row's cells, its item first."""
        cells = self.cells
        rows: list[list[WebCell]] = []
        open_row = False
        while k < end:
            if _is_fund_item(cells[k].text):
                rows.append([cells[k]])
                open_row = True
            elif rows and open_row:
                rows[-1].append(cells[k])
            elif cells[k].text:
                break
            if cells[k].row_end:
                open_row = False  # where rows end is known, a row is its cells to the end
            k += 1
        return rows

    def _fund_row(self, row: list[WebCell], roles: list[str | None]) -> None:
        """One funds row into the form; one whose values cannot be placed keeps its item."""
        item, values = row[0], [c.text for c in row[1:]]
        if self.kind != "cells":
            values = _trim(values)
        # without row ends, every cell is kept: the count is exact (one fewer where the
        # last column, one the record has no field for, spans the rows: 原因)
        counts = {len(roles)} | ({len(roles) - 1} if roles[-1] is None else set())
        why = None
        if len(values) > len(roles) or (
            self.kind in STREAM_KINDS and values and len(values) not in counts
        ):
            why = "its cells do not fit the columns"
        elif any(
            role and value and not _numeric_or_empty(value)
            for role, value in zip(roles, values, strict=False)
        ):
            why = "a cell that is no amount stands in an amount column"
        fund = FundRow(item=Cell(item.text))
        if why is not None and self._place_agreed(fund, roles, values):
            why = None
            values = []
        if why is not None:
            self.note(
                f"funds row: {why}; its item is kept, its values are not placed",
                " | ".join([item.text, *values]),
                "funds",
            )
            self.form.complete = False
        else:
            for role, value in zip(roles, values, strict=False):
                if role is not None:
                    setattr(fund, role, Cell(value or None))
        self.form.funds.append(fund)

    def _place_agreed(self, fund: FundRow, roles: list[str | None], values: list[str]) -> bool:
        """Fewer values than columns with the empty cells gone (a flattened line): the cells
        every placement fitting the columns' shapes agrees on are placed (202.64 132.912
        132.912 can only be money), the rest named in a note. False when none fits."""
        if self.kind not in STREAM_KINDS or not values or len(values) >= len(roles):
            return False
        if not all(values):
            return False
        agreed = agreed_placement([r or "" for r in roles], values)
        if not agreed or any(not _numeric_or_empty(v) for r, v in agreed.items() if r):
            return False
        placed = {r: v for r, v in agreed.items() if r}
        for role, value in placed.items():
            setattr(fund, role, Cell(value))
        left = [r for r in roles if r and r not in placed]
        if left:
            self.note(
                f"funds row: {len(values)} values for {len(roles)} columns; "
                f"{' '.join(left)} not placed",
                " | ".join([fund.item.text or "", *values]),
                "funds",
            )
            self.form.complete = False
        return True

    # -- goals -----------------------------------------------------------------------------
    def _read_goals(self, start: int, end: int) -> None:
        cells = self.cells
        k = start
        while k < end and (GOALS_BLOCK.match(label_key(cells[k].text)) or not cells[k].text):
            k += 1
        roles = []
        while k < end and _goal_role(cells[k].text):
            roles.append(_goal_role(cells[k].text))
            k += 1
        values = [c for c in cells[k:end] if c.text]
        if roles != ["expected", "actual"] or len(values) < 2:
            return
        first, second = values[0], values[1]
        if not self._goals_apart(values, end):
            self.note("the goals' cells could not be told apart", first.text, "goals")
            return
        if _is_structural(first.text) or _is_structural(second.text):
            return
        self.form.goals = Goals(Cell(first.text), Cell(second.text))

    def _goals_apart(self, values: list[WebCell], end: int) -> bool:
        """Whether the goals' first two non-empty cells are surely the two goals."""
        first, second = values[0], values[1]
        if self.kind == "cells":
            return True  # a cell per line: each goal is its one line
        if self.kind in ("paragraph-cells", "tokens"):
            # a goal printed in several paragraphs would shift the cells: only two cells
            # followed by the grid are certain
            cells = self.cells
            after = values[2] if len(values) > 2 else cells[end] if end < len(cells) else None
            return not (
                len(values) > 2
                or after is None
                or not (_grid_role(after.text) or _grid_group(after.text))
            )
        return bool(second.row_end and not first.row_end)

    # -- grid ------------------------------------------------------------------------------
    def _grid_header_at(self) -> int | None:
        for k, c in enumerate(self.cells):
            roles = _grid_role(c.text)
            if roles and roles[0] in ("level1", "level2", "level3"):
                return k
        return None

    def _read_grid(self, at: int) -> None:
        cells = self.cells
        k = at
        while k > 0 and cells[k - 1].text and _grid_group(cells[k - 1].text):
            k -= 1
        roles: list[str] = []
        k = at
        while k < len(cells):
            text = cells[k].text
            got = _grid_role(text)
            pieces = 1
            if not got and text and self.kind in PIECE_KINDS:
                got, pieces = _role_in_pieces([c.text for c in cells[k : k + 3]])
            if got:
                roles += got
                k += pieces
                continue
            elif not (text and _grid_group(text)) and (text or self.kind in STREAM_KINDS):
                break
            k += 1
        if "level3" not in roles or len(set(roles)) != len(roles):
            self.note(
                f"grid header not read ({' '.join(roles)}); its rows are left out",
                section="indicators",
            )
            self.form.complete = False
            return
        levels = roles[: roles.index("level3")]
        values = roles[roles.index("level3") + 1 :]
        if not set(levels) <= {"level1", "level2"} or "score" not in values:
            self.note(
                f"grid columns ({' '.join(roles)}) not read; rows left out", section="indicators"
            )
            self.form.complete = False
            return
        GridWalk(self, k, levels, values).walk()


_ASIDE = regex.compile(r"^[（(][^()（）]*[)）]$")
_ASIDE_END = regex.compile(r"\s+[（(][^()（）]*分[^()（）]*[)）]$")  # 得分 (20分*执行率)


def _trim(values: list[str]) -> list[str]:
    while values and not values[-1]:
        values = values[:-1]
    return values


_FUND_ITEM_WORDS = regex.compile(r"资金|拨款|总额|合计|其中|结转|收入|支出|经费")


def _is_fund_item(text: str) -> bool:
    return (
        bool(text)
        and len(text) <= 20
        and not regex.search(r"[,，。;；=]", text)
        and not is_number(text)
        and bool(_FUND_ITEM_WORDS.search(text))
        and not (_fund_role(text) or _funds_block(text))
    )


_END_WORDS = regex.compile(r"^(?:评价结论|存在问题|改进措施|其他需要说明|说明|备注|填表人|审核人)")


def _boundary(text: str) -> bool:
    key = label_key(text)
    return bool(
        level_label(text)
        or TOTAL_LABELS.match(key)
        or _END_WORDS.match(key)
        or REMARK_LABELS.match(key)
    )


class GridWalk:
    """The grid's rows, cell by cell, after its header."""

    def __init__(self, reader: WebForm, start: int, levels: list[str], values: list[str]):
        self.r = reader
        self.k = start
        self.levels = levels
        self.values = values
        self.l1: str | None = None
        self.l2: str | None = None

    @property
    def cells(self) -> list[WebCell]:
        return self.r.cells

    def walk(self) -> None:
        cells, form = self.cells, self.r.form
        closed = False
        while self.k < len(cells):
            c = cells[self.k]
            if not c.text:
                self.k += 1
                continue
            key = label_key(c.text)
            if TOTAL_LABELS.match(key):
                self._total()
                closed = True
                break
            if _END_WORDS.match(key) or REMARK_LABELS.match(key) or header_label(c.text):
                break
            if not self._labels():
                return
            if self.k >= len(cells):
                break
            self._row()
        if not closed:
            form.complete = False
            form.notes.append(Note("incomplete", "the grid has no total line: the text is cut off"))

    def _labels(self) -> bool:
        """Read the level labels before a row's level-3 name (across row ends)."""
        run: list[tuple[str, str]] = []
        while self.k < len(self.cells):
            c = self.cells[self.k]
            if not c.text:
                if self.r.kind in STREAM_KINDS:
                    break
                self.k += 1
                continue
            kind = level_label(c.text)
            if kind is None:
                joined = self._label_in_pieces(run)
                if joined is None:
                    break
                continue
            run.append((c.text, kind))
            self.k += 1
        if not run:
            return True
        if len(run) == 1:
            text, kind = run[0]
            if kind == "l1" or "level2" not in self.levels:
                if "level2" in self.levels:
                    # a level-1 label alone before a row: its level-2 label was lost
                    self.l1, self.l2 = text, None
                else:
                    self.l1 = text
                return True
            self.l2 = text
            return True
        *before, (last, last_kind) = run
        if last_kind == "l1":
            self.l1, self.l2 = last, None
            return True
        l1 = [t for t, kind in before if kind in ("l1", "either")]
        if l1:
            self.l1 = l1[-1]
        elif any(kind == "l2" for _, kind in before):
            pass  # empty level-2 blocks before this one
        self.l2 = last
        return True

    def _label_in_pieces(self, run: list[tuple[str, str]]) -> str | None:
        """A label printed as two paragraphs (数量 / 指标, 产出指标 / (50)), in kinds whose
        cell may be several paragraphs: the whole label is taken into ``run``; None when
        the cell at ``k`` and its neighbour make no label."""
        if self.r.kind not in PIECE_KINDS:
            return None
        cells, k = self.cells, self.k
        if run and (kind := level_label(run[-1][0] + cells[k].text)) is not None:
            run[-1] = (run[-1][0] + cells[k].text, kind)
            self.k += 1
            return run[-1][0]
        if k + 1 < len(cells) and level_label(cells[k].text) is None:
            text = cells[k].text + cells[k + 1].text
            kind = level_label(text)
            if kind is not None and cells[k + 1].text and level_label(cells[k + 1].text) is None:
                run.append((text, kind))
                self.k += 2
                return text
        return None

    def _row(self) -> None:
        cells = self.cells
        name = cells[self.k]
        self.k += 1
        if _PLACEHOLDER.match(label_key(name.text)):
            self._skip_row(name)
            return
        if self.r.kind == "tokens":
            self._token_row(name)
            return
        got = self._stream_cells(name) if self.r.kind in STREAM_KINDS else self._row_cells(name)
        if got is None:
            return
        n = len(self.values)
        texts = [c.text for c in got] + [""] * (n - len(got))
        self._emit(
            name, self._sub_item(name.text, got) or dict(zip(self.values, texts, strict=True)), got
        )

    def _token_row(self, name: WebCell) -> None:
        """A row of one-word cells: the one way its cells fit, by what each column holds."""
        options = [o for o in self._options(self.k - 1) if self._row_start(o[1])]
        if len(options) != 1:
            why = "its cells and the next row's cannot be told apart by their kinds"
            self._unplaced(name, self.cells[self.k : self.k + len(self.values)], why)
            self._resync()
            return
        row, self.k = options[0]
        self._emit(name, row)

    def _stream_cells(self, name: WebCell) -> list[WebCell] | None:
        """A row's cells where no row end is marked: as many as the grid has columns, when
        the next row, a label or the total is seen to begin right after them; else None
        (the row is named in a note)."""
        cells, n = self.cells, len(self.values)
        got = cells[self.k : self.k + n]
        self.k += len(got)
        nxt = cells[self.k] if self.k < len(cells) else None
        why = None
        if len(got) < n or (nxt is not None and (not nxt.text or is_number(nxt.text))):
            why = "its cells do not end where the next row begins"
        elif self.r.kind == "paragraph-cells" and nxt is not None and not _boundary(nxt.text):
            # a cell printed in several paragraphs would shift the count: only a row
            # followed by a label, the total or the grid's end is certain
            why = "no label or total after it shows where it ends"
        if why is None:
            return got
        self._unplaced(name, got, why)
        self._resync()
        return None

    def _row_cells(self, name: WebCell) -> list[WebCell] | None:
        """A row's cells up to its row end; None (named in a note) when more than the grid
        has columns."""
        cells = self.cells
        got: list[WebCell] = []
        if not name.row_end:
            while self.k < len(cells):
                got.append(cells[self.k])
                self.k += 1
                if got[-1].row_end:
                    break
        while got and not got[-1].text:
            got.pop()
        if len(got) > len(self.values):
            self._unplaced(name, got, "more cells than the grid has columns")
            return None
        return got

    def _sub_item(self, name: str, got: list[WebCell]) -> dict[str, str] | None:
        """A sub-item row (其中…) printing exactly its target and actual, no score cells: those
        two in their columns' order; None for any other row."""
        texts = [c.text for c in got]
        own = [v for v in self.values if v in ("target", "actual")]
        if not SUB_ITEM.match(label_key(name)) or len(own) != 2 or len(texts) != 2:
            return None
        if not all(texts) or any(is_number(t) or level_label(t) for t in texts):
            return None
        return dict.fromkeys(self.values, "") | dict(zip(own, texts, strict=True))

    def _options(self, i: int) -> list[tuple[dict[str, str], int]]:
        """One-word cells with the empty ones gone (kind ``tokens``): the ways a row whose
        level-3 name is cell ``i`` can take the cells after it, by what each column holds
        (numbers in 分值 and 得分; the deviation may be empty, so absent)."""
        texts = [c.text for c in self.cells]
        columns = list(self.values)
        optional = columns[-1] == "deviation"
        base = columns[:-1] if optional else columns
        out = []
        for extra in [[], ["deviation"]] if optional else [[]]:
            names = base + extra
            values = texts[i + 1 : i + 1 + len(names)]
            if len(values) < len(names):
                continue
            row = dict(zip(names, values, strict=True))
            if self._doubt(texts[i], row) or any(
                level_label(v) or _boundary(v) or header_label(v) for v in values
            ):
                continue
            out.append((row, i + 1 + len(names)))
        return out

    def _row_start(self, j: int) -> bool:
        """Can a row (or the total, or the grid's end) begin at cell ``j``? The text's end is
        no such place: the form may be cut there."""
        if j >= len(self.cells):
            return False
        text = self.cells[j].text
        if j == len(self.cells) - 1 and _cut_label(text):
            return True  # a label cut off by the text's end (可持续影响 of 可持续影响指标)
        return bool(level_label(text) or _boundary(text) or self._options(j))

    def _emit(self, name: WebCell, row: dict[str, str], got: list[WebCell] | None = None) -> None:
        cells, form = self.cells, self.r.form
        got = got or []
        texts = list(row.values())
        if not any(texts):
            if self.k >= len(cells) or all(not c.text for c in cells[self.k :]):
                self._unplaced(name, got, "the text ends here: the form is cut off")
            else:
                self._unplaced(name, got, "it has no cell but its name")
            return
        why = self._doubt(name.text, row)
        if why:
            self._unplaced(name, got, why)
            return
        target = row.get("target", "")
        if "target.value" in row:
            target = "".join(row.get(p, "") for p in ("target.op", "target.value", "target.unit"))
        ind = Indicator(
            level1=Cell(self.l1),
            level2=Cell(self.l2),
            level3=Cell(name.text),
            target=Cell(target or None),
            actual=Cell(row.get("actual") or None),
            weight=Cell(row.get("weight") or None),
            score=Cell(row.get("score") or None),
            deviation=Cell(row.get("deviation") or None),
        )
        form.indicators.append(ind)

    def _doubt(self, name: str, row: dict[str, str]) -> str | None:
        if level_label(name) is not None or is_number(name):
            return "its first cell is no level-3 name"
        if "level1" in self.levels and not self.l1:
            return "its level-1 label is not printed before it"
        if "level2" in self.levels and not self.l2:
            return "its level-2 label is not printed before it"
        for col in ("weight", "score"):
            if not _numeric_or_empty(row.get(col, "")):
                return f"its {col} cell holds no number: the cells are shifted"
        if row.get("target.op") and not TARGET_SIGN.match(row["target.op"]):
            return "its 指标性质 cell is no comparison sign: the cells are shifted"
        if row.get("target.value") and regex.search(r"\p{Han}", row["target.value"]):
            return "its 指标值 cell holds words: the cells are shifted"
        return None

    def _skip_row(self, name: WebCell) -> None:
        """A placeholder row (……, 指标2): its cells, to the row end, are passed over."""
        if self.r.kind in STREAM_KINDS:
            self.k += len(self.values)
            return
        if name.row_end:
            return
        while self.k < len(self.cells):
            self.k += 1
            if self.cells[self.k - 1].row_end:
                break

    def _resync(self) -> None:
        """After a row that did not fit (cells mode): go on at the next level label, or stop."""
        while self.k < len(self.cells):
            c = self.cells[self.k]
            if c.text and (level_label(c.text) or TOTAL_LABELS.match(label_key(c.text))):
                return
            self.k += 1

    def _unplaced(self, name: WebCell, got: list[WebCell], why: str) -> None:
        self.r.form.complete = False
        text = " | ".join([name.text, *(c.text for c in got)])
        self.r.form.notes.append(
            Note(
                "unplaced-cell",
                f"indicator row {name.text!r}: {why}; left out",
                None,
                text,
                section="indicators",
                row=len(self.r.form.indicators) + 1,
            )
        )

    def _total(self) -> None:
        cells = self.cells
        label = cells[self.k]
        self.k += 1
        after: list[str] = []
        if self.r.kind in STREAM_KINDS:
            after = [c.text for c in cells[self.k : self.k + 2]]
        elif not label.row_end:
            while self.k < len(cells):
                after.append(cells[self.k].text)
                self.k += 1
                if cells[self.k - 1].row_end:
                    break
            after = _trim(after)
        if not after or not is_number(after[0]) or len(after) > 3:
            self.r.note("total line: its weight and score are not placed", label.text, "total")
            return
        score = after[1] if len(after) > 1 else ""
        if score and not is_number(score):
            self.r.note("total line: its score is not placed", label.text, "total")
            return
        self.r.form.total = Total(Cell(after[0]), Cell(score or None))


def year_of(text: str) -> str | None:
    m = YEAR.search(text)
    return m.group(1) if m else None
