"""Form assembly: engine-neutral page layouts in, one ``Form`` per self-evaluation form out.

Every PDF engine reduces pages to ruled tables and loose lines (``extract.assemble_grid``); this
module reads them in page order and builds forms the way a person reads one: a title starts a
form, and each block (header, funds, goals, indicators, total) is recognised by the role of its
labels, its columns mapped by header names with synonyms. The indicator grid is stitched across
pages by column geometry when the header is not printed again, a row that a page break split is
joined back, and merged 一级/二级 labels are carried down, over page breaks too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from selfeval.extract.assemble_grid import GridCell, PageLayout, Table, TextLine
from selfeval.extract.pdf import DEFAULT_ENGINE
from selfeval.extract.pdf.glyphs import join_lines
from selfeval.extract.record import INDICATOR_FIELDS, Cell, Form, FundRow, Indicator, Note
from selfeval.extract.vocabulary import (
    CONTACT_LABEL,
    FUND_COLUMNS,
    FUND_MONEY,
    GOAL_COLUMNS,
    GOALS_BLOCK,
    GRADE_LABELS,
    GRADE_WORDS,
    GRID_GROUPS,
    HEADER_LABELS,
    HEADER_TOTAL,
    INDICATOR_COLUMNS,
    REMARK_LABELS,
    TARGET_PARTS,
    TOTAL_LABELS,
    YEAR,
    amount_unit,
    label_key,
    match,
    split_contact,
    title_of,
)

Columns = list[tuple[str, float, float]]  # (field, x0, x1)
COLON = re.compile(r"[:：]")  # a label and its value on one loose line, either width
NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
IDEOGRAPH = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")  # a funds cell holding one is prose
SIGNATURE_FIELDS = ("managers", "phone")  # may be signed under the grid (项目负责人：…)
MIN_OVERLAP = 0.3  # a cell belongs to a column it overlaps by at least this share of its width
INK_SLACK = 1.0  # pt: glyph boxes may reach this far over a column edge


def assemble(pages: Iterable[PageLayout], engine: str = DEFAULT_ENGINE) -> list[Form]:
    """All forms in the pages, in order. Pages without a form's title or grid add nothing."""
    forms: list[_FormBuilder] = []
    current: _FormBuilder | None = None
    for layout in pages:
        items: list[tuple[float, int, TextLine | Table]] = [
            (line.bbox[1], 0, line) for line in layout.lines
        ]
        items += [(table.bbox[1], 1, table) for table in layout.tables]
        items.sort(key=lambda item: (item[0], item[1]))
        for _, _, item in items:
            if isinstance(item, TextLine):
                title = title_of(item.text)
                if title:
                    current = _FormBuilder(Cell(title, layout.page, item.bbox), engine)
                    forms.append(current)
                    if m := YEAR.search(item.text):  # 2021年度项目支出绩效自评表
                        current.form.year = Cell(m.group(1), layout.page, item.bbox)
                elif current is not None:
                    current.feed_line(item, layout.page)
                continue
            for r in range(item.n_rows):
                cells = item.starting(r)
                if not cells:
                    continue
                title_cell = _title_cell(cells, layout.page)
                if title_cell is not None:
                    current = _FormBuilder(title_cell, engine)
                    forms.append(current)
                    continue
                if current is not None:
                    current.feed_row(item, r, cells, layout.page)
    return [b.finish() for b in forms if b.has_grid]


def _title_cell(cells: list[GridCell], page: int) -> Cell | None:
    """The form title, when it is the only filled cell of a table row."""
    filled = [c for c in cells if c.text]
    if len(filled) == 1 and (title := title_of(filled[0].text or "")):
        return Cell(title, page, filled[0].bbox)
    return None


def _cell(grid: GridCell | None, page: int) -> Cell:
    if grid is None:
        return Cell(None)
    return Cell(grid.text, page, grid.bbox)


#: (label key, id of a vocabulary table): the column it names. Every ruled row's cells are
#: matched against the column tables; the same few labels and values recur on every page.
_COLUMN_NAMES: dict[tuple[str, int], str | None] = {}
_COLUMN_NAMES_MAX = 20_000  # forgotten past this: memory bounded on a huge archive
_COLUMN_KEY_MAX = 32  # longer keys (sentences, not labels) are matched afresh, not kept


def _columns(cells: list[GridCell], keys: list[str], vocabulary: list[Any]) -> Columns:
    """The cells that name a column of the (module-level, never freed) ``vocabulary``."""
    out: Columns = []
    table_id = id(vocabulary)
    names = _COLUMN_NAMES
    for cell, key in zip(cells, keys, strict=True):
        if len(key) > _COLUMN_KEY_MAX:
            name = match(key, vocabulary)
        elif (key, table_id) in names:
            name = names[key, table_id]
        else:
            if len(names) >= _COLUMN_NAMES_MAX:
                names.clear()
            name = names[key, table_id] = match(key, vocabulary)
        if name is not None:
            out.append((name, cell.x0, cell.x1))
    return out


def _is_grid_header(names: set[str]) -> bool:
    return "level3" in names and len(names) >= 3 or {"level1", "level2"} <= names


def _header_names(cells: list[GridCell], keys: list[str]) -> set[str] | None:
    """The indicator columns a row names, or None when a filled cell is no header text."""
    names = set()
    for cell, key in zip(cells, keys, strict=True):
        name = match(key, INDICATOR_COLUMNS)
        if name is not None:
            names.add(name)
        elif cell.text and not GRID_GROUPS.match(key):
            return None
    return names


def _header_band(table: Table, r: int, keys: list[str]) -> list[int]:
    """The rows of the indicator grid's header starting at row ``r``: [r], [r, r + 1] for a
    two-row header (绩效指标 over 一级/二级/三级, 年度指标值 over 指标性质/指标值/度量单位),
    or [] when ``r`` starts none."""
    own = {n for n, _, _ in _columns(table.starting(r), keys, INDICATOR_COLUMNS)}
    if _is_grid_header(own):
        return [r]
    if len(own) < 2 or _header_names(table.starting(r), keys) is None or r + 1 >= table.n_rows:
        return []
    below = table.starting(r + 1)
    names = _header_names(below, [label_key(c.text) for c in below])
    if names and _is_grid_header(own | names):
        return [r, r + 1]
    return []


def _header_columns(table: Table, band: list[int]) -> Columns:
    """Each elementary column named by the lowest header cell above it in the band; a split
    target (指标性质 | 指标值 | 度量单位 under 年度指标值) keeps its parts, while a lone
    指标值 is the target itself."""
    named: list[tuple[str, GridCell]] = []
    for c in range(table.n_cols):
        for r in reversed(band):
            cell = table.at(r, c)
            name = match(label_key(cell.text), INDICATOR_COLUMNS) if cell else None
            if cell is not None and name is not None:
                named.append((name, cell))
                break
    names = {n for n, _ in named}
    if "target.value" in names and not names & {"target.op", "target.unit"}:
        named = [("target" if n == "target.value" else n, c) for n, c in named]
    cols: Columns = []
    seen: set[int] = set()
    for name, cell in named:
        if id(cell) not in seen:
            seen.add(id(cell))
            cols.append((name, cell.x0, cell.x1))
    return sorted(cols, key=lambda c: c[1])


def _best_column(cell: GridCell, columns: Columns) -> str | None:
    """The column a cell lies in: the one it overlaps most (leftmost on a tie)."""
    left, right = cell.x0, cell.x1  # properties: read once, not per column
    width = max(right - left, 1e-6)
    best, best_overlap = None, MIN_OVERLAP * width
    for name, x0, x1 in columns:
        overlap = (right if right < x1 else x1) - (left if left > x0 else x0)
        if overlap > best_overlap + 1e-6:
            best, best_overlap = name, overlap
    return best


def _ink_column(cell: GridCell, columns: Columns) -> str | None:
    """The one column holding all of a multi-column cell's text, if there is one."""
    if cell.ink is None:
        return None
    left, right = cell.ink[0] + INK_SLACK, cell.ink[2] - INK_SLACK
    inside = [name for name, x0, x1 in columns if x0 <= left and right <= x1]
    return inside[0] if len(inside) == 1 else None


def _spans_columns(cell: GridCell, columns: Columns) -> bool:
    """Does the cell lie across two or more columns (by at least half of each)?"""
    covered = 0
    for _, x0, x1 in columns:
        if min(cell.x1, x1) - max(cell.x0, x0) >= (x1 - x0) / 2:
            covered += 1
    return covered >= 2


def _new_indicator(values: dict[str, list[GridCell]], page: int) -> Indicator:
    """An indicator row from its cells by column; the target's parts (operator, value, unit
    columns) are one target cell."""
    row = Indicator()
    for name in INDICATOR_FIELDS:
        if name in values:
            setattr(row, name, _merged(values[name], page))
    parts = [values[p] for p in TARGET_PARTS if p in values]
    if parts:
        text = "".join(t for cs in parts if (t := _joined(cs)))
        first_cell = parts[0][0]
        row.target = Cell(text or None, page, first_cell.bbox)
    return row


def _value_follows(i: int, cells: list[GridCell], keys: list[str], names: list[str | None]) -> bool:
    """Is the cell after goal label ``i`` its value (neither a goal label nor the block label)?"""
    return i + 1 < len(cells) and names[i + 1] is None and not GOALS_BLOCK.match(keys[i + 1])


def _row_cells(table: Table, r: int) -> list[GridCell]:
    """Every cell covering elementary row ``r`` (merged cells from above included), left to right."""
    out: list[GridCell] = []
    for c in range(table.n_cols):
        cell = table.at(r, c)
        if cell is not None and (not out or out[-1] is not cell):
            out.append(cell)
    return out


#: A merged label cell the last rows were read from: the cell, its page, those rows, its table.
_LabelCell = tuple[GridCell, int, list[Indicator], Table]


def _cut_by_page_break(before: _LabelCell, cell: GridCell, page: int) -> bool:
    """Is ``cell`` the piece, on a later page, of the label cell ``before`` (its outer rule
    open under the piece above and over this one)?"""
    return before[0].open_bottom and cell.open_top and before[1] < page


def _join_cut_label(
    name: str, row: Indicator, before: _LabelCell, cell: GridCell, page: int
) -> None:
    """Give ``row`` and the rows the first piece covered the whole label, the pieces joined."""
    prior, prior_page, prior_rows, _ = before
    pieces = [t for t in (prior.text, cell.text) if t]
    if len(pieces) == 2 and label_key(pieces[0]) == label_key(pieces[1]):
        pieces = pieces[:1]  # the whole label printed again on the next page
    if pieces:
        text = join_lines(pieces) or None
        holder = (prior, prior_page) if prior.text else (cell, page)
        joined = Cell(text, holder[1], holder[0].bbox)
        for other in prior_rows:
            setattr(other, name, joined)
        setattr(row, name, joined)
    elif prior_rows:  # both pieces blank: the label printed further up, as above
        setattr(row, name, getattr(prior_rows[-1], name))


def _blank_inside_table(before: _LabelCell, table: Table) -> bool:
    """Is a blank label cell a row's own (no label printed), not the label above carried on?

    At the top of a new table it carries the label only when the label above ran to the
    end of its table: Writer does not repeat a label at the top of a page.
    """
    prior, _, _, prior_table = before
    return prior_table is table or prior.row + prior.rowspan < prior_table.n_rows


@dataclass
class _FormBuilder:
    title_cell: Cell
    engine: str
    form: Form = field(default_factory=Form)
    mode: str = "head"  # head | funds | goals | indicators | after
    fund_cols: Columns = field(default_factory=list)
    goal_cols: Columns = field(default_factory=list)
    ind_cols: Columns = field(default_factory=list)
    has_grid: bool = False
    pages: set[int] = field(default_factory=set)
    rows_table: int | None = None  # id() of the table the last indicator row came from
    skip_row: tuple[int, int] | None = None  # (id(table), row) read as part of a header
    # per level field: the merged label cell the last rows were read from, its page, those
    # rows, and its table
    labels: dict[str, _LabelCell] = field(default_factory=dict)
    # the column of each (x0, x1) a row's cell spans, by the ind_cols list it was found for:
    # the grid's cells line up, so most rows ask again what the row above asked
    _ind_names: dict[tuple[float, float], str | None] = field(default_factory=dict)
    _ind_names_of: Columns | None = None

    def __post_init__(self) -> None:
        self.form.title = self.title_cell
        self.pages.add(self.title_cell.page or 0)

    # -- loose text -------------------------------------------------------------------------
    def feed_line(self, line: TextLine, page: int) -> None:
        """Loose text: the year and header fields printed above the grid (部门：…), and
        signature lines under it (项目负责人：…) for a field the grid did not fill."""
        before_grid = not self.has_grid and self.mode == "head"
        if self.mode in ("head", "funds") and self.form.amount_unit.text is None:
            if (unit := amount_unit(line.text)) is not None:  # 单位：万元 above the funds block
                self.form.amount_unit = Cell(unit, page, line.bbox)
        if before_grid and self.form.year.text is None and (m := YEAR.search(line.text)):
            self.form.year = Cell(m.group(1), page, line.bbox)
            return
        # label_key makes a full-width colon half-width: "：" is never in the key
        label, colon, value = label_key(line.text).partition(":")
        name = match(label, HEADER_LABELS) if colon else None
        if name is None or getattr(self.form, name).text is not None:
            return
        if before_grid or name in SIGNATURE_FIELDS:
            parts = COLON.split(line.text, maxsplit=1)
            printed = parts[1].strip() if len(parts) == 2 else value
            self._set_header(name, label, Cell(printed or None, page, line.bbox))

    def _set_header(self, name: str, label: str, cell: Cell) -> None:
        """A header field; a combined 负责人及电话 cell fills managers and phone."""
        if name == "managers" and CONTACT_LABEL.search(label):
            names, phone = split_contact(cell.text)
            self.form.managers = Cell(names, cell.page, cell.bbox)
            if phone is not None:
                self.form.phone = Cell(phone, cell.page, cell.bbox)
            return
        setattr(self.form, name, cell)

    # -- ruled rows -------------------------------------------------------------------------
    def feed_row(self, table: Table, r: int, cells: list[GridCell], page: int) -> None:
        self.pages.add(page)
        keys = [label_key(c.text) for c in cells]
        if self._year_cell(cells, keys, page):
            return
        skip, self.skip_row = self.skip_row, None  # good for the very next row only
        if skip == (id(table), r):
            return  # the lower row of a two-row grid header, already read
        if self._indicator_header(table, r, keys):
            return
        if self.mode in ("head", "funds") and self.form.amount_unit.text is None:
            self._amount_unit_cell(cells, page)
        fund_cols = _columns(cells, keys, FUND_COLUMNS)
        if len({n for n, _, _ in fund_cols} & FUND_MONEY) >= 2:
            self.mode, self.fund_cols, self.has_grid = "funds", fund_cols, True
            return
        if self._closing_row(table, r, cells, keys, page):
            return
        if self.mode in ("head", "funds", "goals") and self._goals_row(cells, keys, page):
            return
        self._section_row(table, r, cells, keys, page)

    def _year_cell(self, cells: list[GridCell], keys: list[str], page: int) -> bool:
        """The year printed in a short cell of the grid before the grid's rows began."""
        if self.form.year.text is not None or self.has_grid:
            return False
        for c, key in zip(cells, keys, strict=True):
            if c.text and (m := YEAR.search(c.text)) and len(key) <= 12:
                self.form.year = Cell(m.group(1), page, c.bbox)
                return True
        return False

    def _indicator_header(self, table: Table, r: int, keys: list[str]) -> bool:
        """The indicator block's header (one row or two): its columns start the block."""
        band = _header_band(table, r, keys)
        if not band:
            return False
        self.ind_cols = _header_columns(table, band)
        self.mode, self.has_grid = "indicators", True
        self.skip_row = (id(table), band[-1]) if len(band) > 1 else None
        return True

    def _amount_unit_cell(self, cells: list[GridCell], page: int) -> None:
        for c in cells:  # the funds block's label cell: 项目资金（万元）
            if (unit := amount_unit(c.text)) is not None:
                self.form.amount_unit = Cell(unit, page, c.bbox)
                break

    def _closing_row(
        self, table: Table, r: int, cells: list[GridCell], keys: list[str], page: int
    ) -> bool:
        """The rows under the indicators: total (合计), grade, remarks. Returns whether the row
        was one."""
        in_grid = self.mode in ("indicators", "after")  # a funds 合计 line is not the total
        if self.mode == "indicators" and any(TOTAL_LABELS.match(k) for k in keys):
            self._total(table, r, page)
            return True
        if in_grid and any(GRADE_LABELS.match(k) for k in keys):
            self._grade(cells, keys, page)
            return True
        if in_grid and keys and REMARK_LABELS.match(keys[0]):
            value = next((c for c in cells[1:] if c.text), None)
            self.form.remarks = _cell(value, page)
            return True
        return False

    def _section_row(
        self, table: Table, r: int, cells: list[GridCell], keys: list[str], page: int
    ) -> None:
        """A row read by the block the form is in: header fields, funds, goals or indicators."""
        if self.mode == "head" or (self.mode == "funds" and self._is_header_row(keys)):
            self._header_fields(cells, keys, page)
        elif self.mode == "funds":
            self._fund_row(cells, page)
        elif self.mode == "goals":
            self._goal_values(cells, page)
        elif self.mode == "indicators":
            self._indicator_row(table, r, page)

    @staticmethod
    def _is_header_row(keys: list[str]) -> bool:
        return any(match(k, HEADER_LABELS) for k in keys)

    def _header_fields(self, cells: list[GridCell], keys: list[str], page: int) -> None:
        for i, key in enumerate(keys):
            name = match(key, HEADER_LABELS)
            if name is None and HEADER_TOTAL.match(key) and i + 1 < len(cells):
                score = cells[i + 1]
                if score.text and NUMBER.match(label_key(score.text)):
                    self.form.total.score = _cell(score, page)  # 自评总分 | 95
            if name is None:
                continue
            value = cells[i + 1] if i + 1 < len(cells) else None
            if value is not None and match(keys[i + 1], HEADER_LABELS):
                value = None
            self.has_grid = True
            self._set_header(name, key, _cell(value, page))

    def _fund_row(self, cells: list[GridCell], page: int) -> None:
        first_x = min(x0 for _, x0, _ in self.fund_cols)
        row = FundRow()
        item_cells = [c for c in cells if c.x1 <= first_x + 2 and c.text]
        if item_cells:
            label = item_cells[-1]
            row.item = Cell(label.text, page, label.bbox)
        for cell in cells:
            if cell.x1 <= first_x + 2:
                continue
            name = _best_column(cell, self.fund_cols)
            if name is not None:
                setattr(row, name, _cell(cell, page))
            elif cell.text and not IDEOGRAPH.search(cell.text):
                # a value under a heading not read (权重 drawn ²重 by a broken glyph map); prose
                # under none is the block's note column (原因, 说明)
                self._unplaced(cell, page, "funds")
        if row.item.text is None and all(
            getattr(row, f).text is None for f in ("budget_full", "executed", "rate")
        ):
            return
        self.form.funds.append(row)

    def _goals_row(self, cells: list[GridCell], keys: list[str], page: int) -> bool:
        """Goals block labels: the block label, the 预期/实际 sub-headers, or label|value pairs."""
        names = [match(k, GOAL_COLUMNS) for k in keys]
        block = any(GOALS_BLOCK.match(k) for k in keys)
        if not block and not any(names):
            return False
        self.mode, self.has_grid = "goals", True
        if block and not any(names) and self.goal_cols:
            self._values_after_block_label(cells, keys, page)
            return True
        cols = [(n, c.x0, c.x1) for n, c in zip(names, cells, strict=True) if n]
        paired = self._goal_pairs(cells, keys, names, page)
        if not paired and cols:
            self.goal_cols = cols
        return True

    def _values_after_block_label(self, cells: list[GridCell], keys: list[str], page: int) -> None:
        """The values under the 预期/实际 heads, their row begun with the block label again
        (the label's merged cell cut by a page break and printed on both pages)."""
        rest = [c for c, k in zip(cells, keys, strict=True) if not GOALS_BLOCK.match(k)]
        if any(c.text for c in rest):
            self._goal_values(rest, page)

    def _goal_pairs(
        self, cells: list[GridCell], keys: list[str], names: list[str | None], page: int
    ) -> bool:
        """Each goal label followed by its value in the next cell sets that goal; returns
        whether any did (else the labels are column heads for the values below)."""
        paired = False
        for i, n in enumerate(names):
            if n and _value_follows(i, cells, keys, names):
                setattr(self.form.goals, n, _cell(cells[i + 1], page))
                paired = True
        return paired

    def _goal_values(self, cells: list[GridCell], page: int) -> None:
        if any(_spans_columns(cell, self.goal_cols) for cell in cells if cell.text):
            self.mode = "head"  # a block across both columns (2.项目实施内容…): goals ended
            return
        for cell in cells:
            name = _best_column(cell, self.goal_cols) if self.goal_cols else None
            if name is None:
                continue
            old = getattr(self.form.goals, name)
            if old.text is None:
                setattr(self.form.goals, name, _cell(cell, page))
            elif cell.text:
                joined = join_lines([old.text, cell.text])
                setattr(self.form.goals, name, Cell(joined, old.page, old.bbox))

    # -- indicator grid ---------------------------------------------------------------------
    def _level3_column(self, table: Table) -> int | None:
        for name, x0, x1 in self.ind_cols:
            if name == "level3":
                for c in range(table.n_cols):
                    if x0 - 1 <= (table.xs[c] + table.xs[c + 1]) / 2 <= x1 + 1:
                        return c
        return None

    def _indicator_row(self, table: Table, r: int, page: int) -> None:
        if self._inside_a_row(table, r):
            return
        first_in_table = self.rows_table != id(table)
        values = self._row_values(table, r, page, by_ink=first_in_table)
        texts = {n: _joined(cs) for n, cs in values.items()}
        own = {n for n, cs in values.items() if any(c.row == r and c.text for c in cs)}
        if not own and (not any(texts.values()) or r == table.n_rows - 1):
            return  # blank, or the blank top of a row a page break cut (its text is overleaf)
        self.rows_table = id(table)
        if first_in_table and self._rest_of_split_row(own, texts, values, page):
            return
        row = _new_indicator(values, page)
        blank = self._carry_labels(row, values, page, table)
        self._levels_from_above(row, blank)
        self.form.indicators.append(row)

    def _inside_a_row(self, table: Table, r: int) -> bool:
        """A finer row inside one indicator row (its 三级指标 cell started above)."""
        key_col = self._level3_column(table)
        if key_col is None:
            return False
        key_cell = table.at(r, key_col)
        return key_cell is not None and key_cell.row != r

    def _row_values(
        self, table: Table, r: int, page: int, by_ink: bool = False
    ) -> dict[str, list[GridCell]]:
        """The cells of row ``r`` by the indicator column they lie in; text under no column
        is noted as unplaced. ``by_ink``: a cell across several columns whose text lies in
        one of them is that column's (the top of a page, where the rest of a row a page break
        cut may be printed with its cells' sides left out)."""
        values: dict[str, list[GridCell]] = {}
        for cell in _row_cells(table, r):
            name = (by_ink and _ink_column(cell, self.ind_cols)) or self._ind_column(cell)
            if name is not None:
                values.setdefault(name, []).append(cell)
            elif cell.text and cell.row == r and cell.x1 > self.ind_cols[0][1] + 2:
                self._unplaced(cell, page)
        return values

    def _ind_column(self, cell: GridCell) -> str | None:
        """``_best_column(cell, self.ind_cols)``, remembered by the cell's sides."""
        if self._ind_names_of is not self.ind_cols:
            self._ind_names, self._ind_names_of = {}, self.ind_cols
        key = (cell.x0, cell.x1)
        names = self._ind_names
        if key not in names:
            names[key] = _best_column(cell, self.ind_cols)
        return names[key]

    def _rest_of_split_row(
        self,
        own: set[str],
        texts: dict[str, str | None],
        values: dict[str, list[GridCell]],
        page: int,
    ) -> bool:
        """The first row of a table on a new page that continues the last row (a page break
        split it): its texts are joined to that row's. Returns whether it was."""
        rows = self.form.indicators
        if not rows or rows[-1].level3.page == page or not self._continues(rows[-1], own, texts):
            return False
        prev = rows[-1]
        for name in sorted(own):
            target_name = "target" if name in TARGET_PARTS else name
            old = getattr(prev, target_name)
            if old.text is None:
                setattr(prev, target_name, Cell(texts[name], page, values[name][0].bbox))
            else:
                joined = join_lines([old.text, texts[name] or ""])
                setattr(prev, target_name, Cell(joined, old.page, old.bbox))
        return True

    def _levels_from_above(self, row: Indicator, blank: set[str]) -> None:
        """Level labels the row leaves empty are the row above's (a merged label cell), unless
        a blank label cell of its own says none was printed."""
        rows = self.form.indicators
        if not rows:
            return
        prev = rows[-1]
        if row.level1.text is None and "level1" not in blank:
            row.level1 = prev.level1
            if row.level2.text is None and "level2" not in blank:
                row.level2 = prev.level2
        elif (
            row.level2.text is None
            and "level2" not in blank
            and row.level1.text == prev.level1.text
        ):
            row.level2 = prev.level2

    def _carry_labels(
        self, row: Indicator, values: dict[str, list[GridCell]], page: int, table: Table
    ) -> set[str]:
        """A merged label cell that a page break cut: one label for the rows on both pages.

        The table's outer rule stays open under the piece on one page and over the piece on the
        next. Calc prints the text once, in the middle of the whole merge, so one piece may be
        blank; Writer paints what fits at the top of each piece. Either way every row the cell
        covers gets the whole label: the printed pieces joined.

        Returns the level fields whose label cell is a new, blank cell inside one table: no
        label was printed for the row, so none is carried down from the rows above. A blank
        cell at the top of a new table carries the label only when the label above ran to the
        end of its table: Writer does not repeat a label at the top of a page.
        """
        blank = set()
        for name in ("level1", "level2"):
            cells = values.get(name)
            if not cells:
                self.labels.pop(name, None)
            elif self._carry_label(name, row, cells[0], page, table):
                blank.add(name)
        return blank

    def _carry_label(
        self, name: str, row: Indicator, cell: GridCell, page: int, table: Table
    ) -> bool:
        """One level's label cell for ``row``, kept as the label the next rows may share.

        Returns whether it is a new blank cell inside one table (no label printed).
        """
        before = self.labels.get(name)
        if before is not None and before[0] is cell:
            before[2].append(row)
            return False
        covered = [row]
        blank = False
        if before is not None and _cut_by_page_break(before, cell, page):
            _join_cut_label(name, row, before, cell, page)
            covered = [*before[2], row]
        elif cell.text is None and before is not None:
            blank = _blank_inside_table(before, table)
        self.labels[name] = (cell, page, covered, table)
        return blank

    def _unplaced(self, cell: GridCell, page: int, section: str = "indicator") -> None:
        """Text inside the grid under no column header: a column the reader could not map."""
        self.form.notes.append(
            Note(
                "reading.columns",
                f"表格中的「{cell.text}」不在任何已识别的列下，未读入",
                page=page,
                text=cell.text,
                section=section,
            )
        )

    @staticmethod
    def _continues(prev: Indicator, own: set[str], texts: dict[str, str | None]) -> bool:
        """Is the first row on a page the rest of a row that the page break split?

        The short cells that fitted on the first page (target, actual, weight, score) stay
        empty in a split row's fragment, while a new row fills them: at least two that the row
        before filled must be empty. A fragment may carry the rest of a wrapped 一级/二级 label,
        but then also the rest of some body text; a label alone, or a "……" row, is a new
        (placeholder) row.
        """
        if not own:
            return True
        own = {"target" if n in TARGET_PARTS else n for n in own}
        level3 = texts.get("level3") or ""
        if level3 and level3.strip("….· ") == "":
            return False
        short = ("target", "actual", "weight", "score")
        missing = [f for f in short if getattr(prev, f).text is not None and f not in own]
        if len(missing) < 2:
            return False
        if own & {"level1", "level2"}:
            return bool(own & {"level3", "target", "actual", "deviation"})
        return True

    def _total(self, table: Table, r: int, page: int) -> None:
        """总分/合计 row: weight and score by column; by order when the row's cells are offset."""
        own = [c for c in _row_cells(table, r) if c.row == r]
        label_at = next(i for i, c in enumerate(own) if TOTAL_LABELS.match(label_key(c.text)))
        values = [c for c in own[label_at + 1 :] if c.text]
        mapped = {}
        for cell in values:
            name = _best_column(cell, self.ind_cols) if self.ind_cols else None
            if name in ("weight", "score") and name not in mapped:
                mapped[name] = cell
        if len(mapped) < 2 and len(values) >= 2:
            mapped = {"weight": values[0], "score": values[1]}
        elif not mapped and values:
            mapped = {"weight": values[0]}
        self.form.total.weight = _cell(mapped.get("weight"), page)
        self.form.total.score = _cell(mapped.get("score"), page)
        last = values[-1] if values else None
        if (
            last is not None
            and last not in mapped.values()
            and GRADE_WORDS.match(label_key(last.text))
        ):
            self.form.grade = _cell(last, page)  # 总分 | 100 | 96 | 优
        self.mode, self.has_grid = "after", True

    def _grade(self, cells: list[GridCell], keys: list[str], page: int) -> None:
        for i, key in enumerate(keys):
            if GRADE_LABELS.match(key) and i + 1 < len(cells):
                self.form.grade = _cell(cells[i + 1], page)
                return

    def finish(self) -> Form:
        form = self.form
        pages = sorted(p for p in self.pages if p)
        form.source.update(
            {
                "reader": "pdf",
                "engine": self.engine,
                "pages": [pages[0], pages[-1]] if pages else [],
            }
        )
        if self.mode != "after":
            form.complete = False
            form.notes.append(
                Note("incomplete", "the indicator grid ends without a total row (总分/合计)")
            )
        return form


def _joined(cells: list[GridCell]) -> str | None:
    texts = [c.text for c in cells if c.text]
    return "".join(texts) if texts else None


def _merged(cells: list[GridCell], page: int) -> Cell:
    if len(cells) == 1:
        return _cell(cells[0], page)
    return Cell(_joined(cells), page, cells[0].bbox)
