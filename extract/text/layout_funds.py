"""The funds block (项目资金) of a ``pdftotext -layout`` dump, read by its columns' geometry.

The block is a small grid: a header line of fund column names (年初预算数 / 全年预算数 /
全年执行数 / 分值 / 执行率 / 得分, names wrapped over lines), then one line per item (年度资金总额,
其中:当年财政拨款 ...), a value wrapped over lines centred on its item's line. The rows are cut
as the indicator grid's are (extract.text.columns): an item's line is its row's anchor. A row
whose values all stand on its own line, some under no one name by their places (a cramped
print: 387664.62 under both 全年预算数 and 全年执行数), takes the one reading that keeps the
columns' order with each value under its name as printed (``single_reading``). A dash
outside 分值 and 得分 has drifted there, unless the row prints dashes alone, one in each
column the other rows print an amount in. A row whose values cannot all be placed keeps its
item and is named in a note.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from selfeval.extract.record import Cell, FundRow, Note
from selfeval.extract.text.dump_lines import DumpLine
from selfeval.extract.text.layout_bands import body_bands
from selfeval.extract.text.layout_rowcut import RowCut, joined_text, line_runs
from selfeval.extract.text.layout_tokens import (
    LayoutColumn,
    Token,
    column_of,
    header_tokens,
    print_width,
    stacked_names,
    tokens,
)
from selfeval.extract.text.spread_names import join_spread
from selfeval.extract.vocabulary import (
    DEVIATION_LABEL,
    FUND_COLUMNS,
    FUND_ITEM,
    FUND_NAMES,
    FUNDS_BLOCK_NAMES,
    amount_unit,
    label_key,
    match,
)

#: A value a funds cell may print: an amount, a percentage, or a dash / slash for none.
_VALUE = regex.compile(r"^(?:[-—/／]|[0-9.,，]+%?|%)$")
_WORD = regex.compile(r"\S+")
_REASON = DEVIATION_LABEL
#: A column name's mark, or a piece of it, after a name's piece (数(A), 执行率(B).
_MARK_AFTER = regex.compile(r"[（(][A-Z/+\-×*]*[)）]?$")
_DASH = regex.compile(r"^[-—/／]$")
#: An amount or a percentage: no item's name ends in one.
_AMOUNT = regex.compile(r"^[0-9][0-9.,，]*%?$")
#: The columns a form prints a dash in for "not scored".
_DASHED = ("weight", "score")
#: The end of an item's name wrapped onto a line of its own (款, 拨款).
_PIECE = regex.compile(r"^\p{Han}{1,3}$")
#: The block's label, or a piece of it (项目资金（ / 万元）), in the item column's place.
_LABEL_PIECE = regex.compile(r"^[（(]?(?:万元|千元|元)[)）]?$|^[（(]$")


def _note(message: str, text: str | None = None) -> Note:
    return Note("unplaced-cell", f"-layout funds: {message}", None, text, section="funds")


def _fund_columns(lines: list[str]) -> list[LayoutColumn] | None:
    """The funds block's columns from its header lines, each name one fund column (a name
    the funds rows have no field for, 原因, is a column of no role: its text is placed
    nowhere)."""
    toks = [
        t
        for k, line in enumerate(lines)
        for t in join_spread(header_tokens(line, k), _header_name)
        if not _is_block_label(t.text)
    ]
    columns = []
    groups: list[list[Token]] = []
    stacked = stacked_names(toks)
    for i, g in enumerate(stacked):
        # a piece a place or two right of the name above it, naming nothing alone (全年 /
        # 预算 / 数), and far from the next name: the name's last piece
        after = stacked[i + 1] if i + 1 < len(stacked) else None
        if (
            groups
            and _group_role(g) is None
            and _group_role(groups[-1] + g) is not None
            and min(t.x0 for t in g) <= max(t.x1 for t in groups[-1]) + _PIECE_REACH
            and (after is None or min(t.x0 for t in after) > max(t.x1 for t in g) + _PIECE_REACH)
        ):
            groups[-1] = groups[-1] + g
            continue
        groups.append(g)
    spans = {id(g): (min(t.x0 for t in g), max(t.x1 for t in g)) for g in groups}
    groups = _paired_pieces(groups, spans)
    for g in groups:
        if _group_role(g) is None and not _REASON.match(label_key("".join(t.text for t in g))):
            return None  # (行 / 率 with 执 gone: a name of no column, whose values go nowhere)
        x0, x1 = spans.get(id(g), (min(t.x0 for t in g), max(t.x1 for t in g)))
        printed = max(t.x0 + print_width(t.text) for t in g if t.x0 < x1)
        columns.append(LayoutColumn(_group_role(g), x0, x1, printed_x1=printed))
    roles = [c.role for c in columns if c.role]
    if len(roles) < 3 or len(set(roles)) != len(roles):
        return None
    return columns


#: How far right of a name's pieces above it its last piece may start (poppler's coarser
#: grid, -fixed 3, moves it a place or two).
_PIECE_REACH = 2


def _paired_pieces(
    groups: list[list[Token]], spans: dict[int, tuple[int, int]]
) -> list[list[Token]]:
    """``groups`` with each piece that names nothing alone joined to the one earlier piece
    or name it completes (分 / 值, 全年预算 数): the earlier one stands above it (a place or
    two right of it at most), or left of it on its line, and the two are each other's only
    partner. A Type 3 CJK font's inflated
    size makes pdftotext print a name's second line on its first (全年预算   数) or push it
    past the next names (值 under 得分): its place tells little, the name tells. The joined
    name keeps the earlier piece's place (``spans``)."""
    groups = [part for g in groups for part in _detached(g, spans)]
    loose = [g for g in groups if _group_role(g) is None and not _is_reason(g)]

    def completes(h: list[Token], g: list[Token]) -> bool:
        if h is g or not _first(h) < _first(g) or spans[id(h)][0] > spans[id(g)][0] + _PIECE_REACH:
            return False
        role = _group_role(h + g)
        return role is not None and (any(h is u for u in loose) or role == _group_role(h))

    joined: dict[int, list[Token]] = {}
    for g in loose:
        heads = [h for h in groups if completes(h, g)]
        if len(heads) != 1 or sum(completes(heads[0], u) for u in loose) != 1:
            continue
        if any(completes(u, heads[0]) for u in loose) or any(completes(g, u) for u in loose):
            continue  # (a chain of pieces: which two go together?)
        joined[id(heads[0])] = heads[0] + g
        joined[id(g)] = []
    out = []
    for g in groups:
        whole = joined.get(id(g), g)
        if whole:
            spans[id(whole)] = spans[id(g)]
            out.append(whole)
    return out


def _first(g: list[Token]) -> tuple[int, int]:
    return min((t.line, t.x0) for t in g)


def _detached(g: list[Token], spans: dict[int, tuple[int, int]]) -> list[list[Token]]:
    """A stacked group naming nothing whose first line names a column and whose lines below
    name nothing (得分 / 值): the name, then the pieces below, a group of their own."""
    top = [t for t in g if t.line == _first(g)[0]]
    rest = [t for t in g if t.line != _first(g)[0]]
    if not rest or _group_role(g) is not None or _is_reason(g):
        return [g]
    if _group_role(top) is None or _group_role(rest) is not None:
        return [g]
    for part in (top, rest):
        spans[id(part)] = (min(t.x0 for t in part), max(t.x1 for t in part))
    return [top, rest]


def _is_reason(g: list[Token]) -> bool:
    return bool(_REASON.match(label_key("".join(t.text for t in g))))


def _group_role(g: list[Token]) -> str | None:
    """The fund column a header name's pieces (top to bottom) name, or None."""
    return match(label_key("".join(t.text for t in sorted(g, key=lambda t: t.line))), FUND_COLUMNS)


def _fund_name(text: str) -> bool:
    return match(label_key(text), FUND_COLUMNS) is not None


def value_tokens(line: str, no: int) -> list[Token]:
    """A line's tokens (``tokens``), values printed one space apart (492.000000 492.000000,
    10 76.33% 7.63) each a token of its own: no funds value holds a space. So is an item's
    name from the values, or a wrapped value's piece, one space after it (其中:当年财政拨款
    6.84, 其中:当年财政拨款 0 of 492.00000 / 0): no item's name ends in a bare number."""
    out: list[Token] = []
    for t in tokens(line, no):
        parts = list(_WORD.finditer(t.text))
        head = len(parts)
        while head > 0 and _VALUE.match(parts[head - 1].group(0)):
            head -= 1
        if len(parts) > 1 and head == 0:
            out += [Token(m.group(0), no, t.x0 + m.start(), t.x0 + m.end()) for m in parts]
        elif 0 < head < len(parts) and _is_item(t.text[: (end := parts[head - 1].end())]):
            out.append(Token(t.text[:end], no, t.x0, t.x0 + end))
            out += [Token(m.group(0), no, t.x0 + m.start(), t.x0 + m.end()) for m in parts[head:]]
        else:
            out.append(t)
    return out


def _header_name(text: str) -> bool:
    """A fund column's name, or the name of the column of no field (原因)."""
    return _fund_name(text) or bool(_REASON.match(label_key(text)))


def _is_block_label(text: str) -> bool:
    key = label_key(text)
    return any(key.startswith(name) for name in FUNDS_BLOCK_NAMES) or bool(_LABEL_PIECE.match(key))


def _header_end(lines: list[DumpLine]) -> tuple[int, int, int, int | None] | None:
    """[start, end) of the funds header, where the items' column starts, and where a
    trailing column of reasons (原因) starts when the first item's line prints one: back
    from the first item line past the lines of its wrapped values (and of its reason's
    text), then the lines whose every word is (a piece of) a fund column name. Text left of
    the items is the block's label."""
    first = next(
        (
            (k, t.x0)
            for k, line in enumerate(lines)
            for t in value_tokens(line.text, k)
            if _is_item(t.text)
        ),
        None,
    )
    if first is None:
        return None
    first_item, item_x = first
    reason_x = _reason_start(value_tokens(lines[first_item].text, first_item))

    def words(k: int, split: bool) -> list[Token]:
        found = (
            join_spread(header_tokens(lines[k].text, k), _header_name)
            if split
            else value_tokens(lines[k].text, k)
        )
        return [t for t in found if t.x0 >= item_x - 1 and not _is_block_label(t.text)]

    end = first_item
    while end > 0 and all(
        _VALUE.match(t.text) or _in_reasons(t, reason_x) for t in words(end - 1, False)
    ):
        end -= 1  # (a blank line, or one of the first row's wrapped values or reason)
    start = end
    while start > 0 and end - start < 8:
        found = words(start - 1, True)
        if found and not all(name_piece(t.text) for t in found):
            break
        start -= 1
    while start < end and not lines[start].text.strip():
        start += 1
    return (start, end, item_x, reason_x) if start < end else None


def _reason_start(line: list[Token]) -> int | None:
    """Where the text of a reason column starts: the first item line's words that are
    neither its item nor values, when they all stand right of all its values."""
    values = [t for t in line if _VALUE.match(t.text)]
    words = [t for t in line if not _VALUE.match(t.text) and not _is_item(t.text)]
    if not values or not words or min(t.x0 for t in words) < max(t.x1 for t in values):
        return None
    if any(t.x0 < min(v.x0 for v in values) for t in words):
        return None
    return min(t.x0 for t in words)


def _in_reasons(t: Token, reason_x: int | None) -> bool:
    """Does ``t`` stand in the reason column (a character's slack to the left)?"""
    return reason_x is not None and t.x0 >= reason_x - 1


#: A piece of a column name's mark ((A), (B/, A), /A)) wrapped onto a line of its own.
_MARK_PIECE = regex.compile(r"^[（(]?/?[A-Z][A-Z/+\-×*]*[)）]?$|^[（(]?[A-Z/]+$")


def name_piece(text: str) -> bool:
    """A fund column's name, its mark, or a piece of either (全年预, 算数, (A)); or the name of
    a column the funds rows have no field for, the reason for a deviation (原因)."""
    key = label_key(text)
    if match(key, FUND_COLUMNS) or _MARK_PIECE.match(key) or _REASON.match(key):
        return True
    bare = _MARK_AFTER.sub("", key)  # 数(A): a name's last piece with its mark
    return bool(bare) and any(bare in name for names in FUND_NAMES.values() for name in names)


def _is_item(text: str) -> bool:
    return bool(FUND_ITEM.match(label_key(text)))


def read_layout_funds(lines: list[DumpLine]) -> tuple[list[FundRow], list[Note], str | None]:
    """The funds rows of a -layout form's lines before its goals and grid, their notes, and
    the money unit the block's label prints (万元), all empty when there is no funds block."""
    bounds = _header_end(lines)
    if bounds is None:
        if any(_is_item(t.text) for k, line in enumerate(lines) for t in tokens(line.text, k)):
            return [], [_note("the funds block's column header could not be read")], None
        return [], [], None
    start, end, item_x, reason_x = bounds
    columns = _fund_columns([_right_of(line.text, item_x) for line in lines[start:end]])
    if columns is None or (reason_x is not None and columns[-1].role is not None):
        # (a reason's text where the header names no column of reasons last: whose is it?)
        return [], [_note("the funds block's column header could not be read")], None
    body = _body(lines[end:], item_x, reason_x)
    after = lines[end + len(body) :]
    if any(_is_item(t.text) for k, line in enumerate(after) for t in tokens(line.text, k)):
        lost = _note("funds items after a line the block cannot hold were not read")
    else:
        lost = None
    unit = amount_unit(_label(lines[max(0, start - 1) : end + len(body)], item_x))
    toks = [  # (an item centred in the items' column may start left of the first item)
        t
        for k, line in enumerate(body)
        for t in value_tokens(line.text, k)
        if (t.x1 > item_x or _is_item(t.text))
        and not _is_block_label(t.text)
        and not _in_reasons(t, reason_x)  # (the reasons are no funds field's)
    ]
    items = [t for t in toks if _is_item(t.text)]
    if not items or len({t.line for t in items}) != len(items):
        return [], [_note("the funds rows' items could not be told apart")], unit
    left = min(c.x0 for c in columns)
    # (an amount pushed left of the columns by a wide item's name, 其中:当年财政拨款 45: no
    # item's name ends in a bare number, so it is a value)
    values = [t for t in toks if t.x1 > left or (_AMOUNT.match(t.text) and t not in items)]
    zone = [t for t in toks if t not in values and t not in items]
    cut, names = _item_rows(items, zone, values, len([c for c in columns if c.role]))
    if lost is not None and _name_goes_on_past(items[-1], body, after, left):
        # (its name's wrap may stand below the line that ended the block: 其中：当年财政拨 /
        # 387664.62387664.62— / 款)
        names[-1] = ""
        cut.doubt[-1] = cut.doubt[-1] or "its name may go on past a line the block cannot hold"
    _place_values(values, columns, items, cut)
    items = [Token(names[k], item.line, item.x0, item.x1) for k, item in enumerate(items)]
    return _rows(items, cut, columns), _notes(items, cut) + ([lost] if lost else []), unit


def _name_goes_on_past(item: Token, body: list[DumpLine], after: list[DumpLine], left: int) -> bool:
    """May the last item's name wrap onto a line past the one that ended the block? So when
    no line from the item's to that one holds text in the items' place (from the item's
    start to ``left``, where the values' columns start; the block's label aside) and a line
    follows it: a name wrapped around its row's values goes on below them (and those values
    may be what ended the block: two amounts printed together)."""
    rest = [line for line in after if line.text.strip()]
    if len(rest) < 2:
        return False
    return not any(
        t.x1 > item.x0 and t.x0 < left and not _is_block_label(t.text)
        for line in [*body[item.line + 1 :], rest[0]]
        for t in value_tokens(line.text, 0)
    )


def _label(lines: list[DumpLine], item_x: int) -> str:
    """The block's label: what stands left of its items, or reads as the label."""
    return "".join(
        t.text
        for k, line in enumerate(lines)
        for t in tokens(line.text, k)
        if t.x1 <= item_x or _is_block_label(t.text)
    )


def _item_rows(
    items: list[Token], zone: list[Token], values: list[Token], width: int
) -> tuple[RowCut, list[str]]:
    """The rows' cut, anchored on each item's line (on the middle of a name wrapped around
    its values' line, or, a name of two lines, on the one of them that holds all the values
    beside it, one for each of the ``width`` columns of a field), and each item's whole
    name ("" when a stray text beside it may go on with it)."""
    names, stray = _item_names(items, zone)
    anchors: list[int] = []
    cut_doubt: dict[int, str] = {}
    for k in range(len(items)):
        first, last = names[k][0].line, names[k][-1].line
        if (first + last) % 2 == 0:
            anchors.append((first + last) // 2)
            continue
        beside = {t.line for t in values if first <= t.line <= last}
        around = {t.line for t in values if t.line in (first - 1, last + 1)}
        whole = len([t for t in values if t.line in beside]) == width
        if len(beside) == 1 and whole and around <= {i.line for i in items}:
            anchors.append(min(beside))  # (a row's values printed at its top, or bottom)
            continue
        anchors.append((first + last) // 2)
        cut_doubt[k] = "its name's lines have no middle line"
    cut = RowCut(anchors)
    for k, why in cut_doubt.items():
        cut.doubt[k] = why
    cut_names = set()
    for t in stray:
        above = max((k for k, item in enumerate(items) if item.line < t.line), default=None)
        for k, item in enumerate(items):
            if abs(item.line - t.line) <= 2 or k == above:
                cut.doubt[k] = cut.doubt[k] or f"the text {t.text!r} is no item's"
                cut_names.add(k)
    texts = ["" if k in cut_names else joined_text(names[k]) for k in range(len(items))]
    return cut, texts


def _place_values(
    toks: list[Token], columns: list[LayoutColumn], items: list[Token], cut: RowCut
) -> None:
    """Each value's column by its place, then each column's runs cut among the rows; a
    value no column takes puts the rows beside it in doubt. A row printing one value per
    column has them in the columns' order (``_in_order``); where such rows were read, a
    value standing over the places of one column's values in them, and of no other's, is
    that column's (a header of Chinese names prints wider than its places)."""
    by_col: dict[str, list[Token]] = {}
    bands = body_bands(toks)
    left, whole = _in_order(toks, columns, cut)
    learned = _learned_places(cut, whole)
    drifted = _header_drifted(cut, whole, columns)

    def placed(t: Token) -> str | None:
        role = _learned_role(t, learned)
        col = column_of(t, columns) or _by_band(t, columns, bands)
        if role is not None and (drifted or col is None or col.role in (None, role)):
            return role
        return col.role if role is None and col is not None else None

    left = _one_line_rows(left, columns, cut, learned, placed)
    for t in left:
        role = placed(t)
        if role is not None:
            by_col.setdefault(role, []).append(t)
            continue
        for k, item in enumerate(items):
            if abs(item.line - t.line) <= 2 and item.line not in whole:
                cut.doubt[k] = cut.doubt[k] or f"the text {t.text!r} lies between two columns"
    # (a cell's lines printed apart, another column's line between them: as in the grid)
    bridge = {t.line for t in toks}
    for c in columns:
        if c.role:
            for run in line_runs(by_col.get(c.role, []), set(cut.anchor_lines), bridge=bridge):
                cut.place(c.role, run)


def _one_line_rows(
    toks: list[Token],
    columns: list[LayoutColumn],
    cut: RowCut,
    learned: dict[str, list[tuple[int, int]]],
    placed: Callable[[Token], str | None],
) -> list[Token]:
    """Place the rows whose values all stand on their own line, some of them where no
    column takes them by its place (a header of Chinese names prints wider than its
    places: 387664.62 under both 全年预算数 and 全年执行数), by the one reading
    (``single_reading``) that keeps the columns' order, puts each value under its column's
    printed name and a place the rows read whole give it, and a rate only where a rate
    prints; the tokens left to place by their places."""
    anchors = set(cut.anchor_lines)
    for a in cut.anchor_lines:
        near = [t for t in toks if abs(t.line - a) <= 2 and (t.line == a or t.line not in anchors)]
        row = sorted((t for t in near if t.line == a), key=lambda t: t.x0)
        if not row or len(row) != len(near) or all(placed(t) is not None for t in row):
            continue
        reading = single_reading(row, columns, learned)
        if reading is None:
            continue
        for t, role in zip(row, reading, strict=True):
            cut.place(role, [t])
        taken = {id(t) for t in row}
        toks = [t for t in toks if id(t) not in taken]
    return toks


def single_reading(
    row: list[Token], columns: list[LayoutColumn], learned: dict[str, list[tuple[int, int]]]
) -> list[str] | None:
    """The one way to give a row's values (left to right) to the columns in their order, each
    value under its column's name as printed (a Chinese character two places wide), at no
    place the rows read whole give another column, a percentage in the rate's column only
    and no percentage elsewhere; None when there is none or more than one."""
    fits = [[c.role for c in columns if c.role and _fits(t, c, learned)] for t in row]
    order = [c.role for c in columns if c.role]
    readings: list[list[str]] = []

    def extend(k: int, after: int, reading: list[str]) -> None:
        if len(readings) > 1:
            return
        if k == len(row):
            readings.append(reading)
            return
        for i in range(after, len(order)):
            if order[i] in fits[k]:
                extend(k + 1, i + 1, [*reading, order[i]])

    extend(0, 0, [])
    return readings[0] if len(readings) == 1 else None


def _fits(t: Token, c: LayoutColumn, learned: dict[str, list[tuple[int, int]]]) -> bool:
    """Can value ``t`` be column ``c``'s, by its place and its kind?"""
    if (c.role == "rate") != t.text.endswith("%") and not _DASH.match(t.text):
        return False
    if not (t.x0 < (c.printed_x1 or c.x1) and c.x0 < t.x1):
        return False
    return all(
        role == c.role or not any(t.x0 < x1 and x0 < t.x1 for x0, x1 in spans)
        for role, spans in learned.items()
    )


def _learned_places(cut: RowCut, whole: set[int]) -> dict[str, list[tuple[int, int]]]:
    """The places each column's values take in the rows read whole, by role."""
    places: dict[str, list[tuple[int, int]]] = {}
    for k, a in enumerate(cut.anchor_lines):
        if a in whole:
            for role, placed in cut.rows[k].items():
                places.setdefault(role, []).extend((t.x0, t.x1) for t in placed)
    return places


def _header_drifted(cut: RowCut, whole: set[int], columns: list[LayoutColumn]) -> bool:
    """Do the header's places put some value of a row read whole in another column? Then
    they have drifted from the values' (a header of Chinese names prints wider than its
    places), and the rows read whole alone tell a value's column."""
    by_role = {c.role: c for c in columns if c.role}
    for k, a in enumerate(cut.anchor_lines):
        if a in whole:
            for role, placed in cut.rows[k].items():
                for t in placed:
                    col = column_of(t, columns)
                    if col is not None and col is not by_role[role]:
                        return True
    return False


def _learned_role(t: Token, learned: dict[str, list[tuple[int, int]]]) -> str | None:
    """The one column whose values in the rows read whole share a place with ``t``."""
    roles = [r for r, spans in learned.items() if any(t.x0 < x1 and x0 < t.x1 for x0, x1 in spans)]
    return roles[0] if len(roles) == 1 else None


def _by_band(
    t: Token, columns: list[LayoutColumn], bands: list[tuple[int, int]]
) -> LayoutColumn | None:
    """The one column whose name's centre lies in the band of values ``t`` stands in (a value
    nearly as near the next name: 10 under 分值 beside 执行率), or None."""
    band = next((b for b in bands if b[0] <= t.x0 < b[1]), None)
    if band is None:
        return None
    inside = [c for c in columns if band[0] <= (c.x0 + c.x1) / 2 < band[1]]
    return inside[0] if len(inside) == 1 else None


def _in_order(
    toks: list[Token], columns: list[LayoutColumn], cut: RowCut
) -> tuple[list[Token], set[int]]:
    """Place the rows printing one value per column, in the columns' order (a trailing
    column of no role, 原因, may be left empty): the values left to place by their places,
    and the rows so placed (whole: a value astray beside them is another row's). A value
    may wrap onto the lines just above and below its row's (100.0 / 0%): those lines then
    belong to no other row, and the lines past them hold nothing. (A header of Chinese
    names prints wider than its places: its order holds where its places drift.)"""
    valued = _valued(columns)
    anchors = set(cut.anchor_lines)
    whole: set[int] = set()
    for a in cut.anchor_lines:
        cells = _row_cells(toks, a, anchors)
        if cells is None:
            continue
        if len(cells) == len(columns):
            pairs = list(zip(cells, columns, strict=True))
        elif valued and len(cells) == len(valued):  # a trailing column of no role left empty
            pairs = list(zip(cells, valued, strict=True))
        else:
            continue
        for cell, c in pairs:
            if c.role:
                cut.place(c.role, cell)
        taken = {id(t) for cell in cells for t in cell}
        toks = [t for t in toks if id(t) not in taken]
        whole.add(a)
    return toks, whole


def _row_cells(toks: list[Token], a: int, anchors: set[int]) -> list[list[Token]] | None:
    """The values of the row on line ``a``, left to right: its line's, each with the pieces
    wrapped onto the lines just above and below it (one piece a line, centred on the row's:
    pieces only above or below may be two values); None when text stands two lines off
    beside no other row's line, or on both sides of a value (a cell reaching further:
    whose lines are they?), or a value's pieces are not so centred."""
    near = [t for t in toks if t.line not in anchors and abs(t.line - a) == 1]
    far = [t for t in toks if abs(t.line - a) == 2 and t.line not in anchors]
    if any(all(abs(t.line - b) != 1 for b in anchors) for t in far):
        return None  # (text two lines off beside no other row's line)
    cells: list[list[Token]] = []
    for t in sorted([t for t in toks if t.line == a] + near, key=lambda t: t.x0):
        if cells and t.x0 < max(u.x1 for u in cells[-1]):
            cells[-1].append(t)
        else:
            cells.append([t])
    for cell in cells:
        lines = [t.line for t in cell]
        if len(set(lines)) != len(lines):
            return None  # (two pieces on one line: two values)
        if set(lines) != {a} and not {a - 1, a + 1} <= set(lines):
            return None  # (a value's lines centred on its row's: one value)
        x0, x1 = min(t.x0 for t in cell), max(t.x1 for t in cell)
        if {t.line for t in far if t.x0 < x1 and x0 < t.x1} == {a - 2, a + 2}:
            return None  # (a cell of five lines centred on the row's?)
    return [sorted(cell, key=lambda t: t.line) for cell in cells]


def _valued(columns: list[LayoutColumn]) -> list[LayoutColumn]:
    """The columns with a role, when every column without one (原因) stands after them all
    (a row that prints a value in each and leaves those empty has them in order); else []."""
    roles = [k for k, c in enumerate(columns) if c.role]
    if not roles or any(not c.role for c in columns[: roles[-1]]):
        return []
    return [columns[k] for k in roles]


def _item_names(items: list[Token], others: list[Token]) -> tuple[list[list[Token]], list[Token]]:
    """Each item's name with the line it wraps onto (其中:当年财政拨 / 款: the next line, or
    the one after when the line between holds the row's values), and the texts in the
    items' place that continue no item."""
    names = [[item] for item in items]
    lines = {item.line for item in items}
    stray = []
    for t in sorted(others, key=lambda t: t.line):
        owner = [
            k
            for k, item in enumerate(items)
            if t.line - names[k][-1].line in (1, 2)
            and not any(names[k][-1].line < x <= t.line for x in lines)
        ]
        if len(owner) == 1 and len(names[owner[0]]) == 1:
            names[owner[0]].append(t)
        else:
            stray.append(t)
    return names, stray


def _right_of(text: str, x: int) -> str:
    """A line with what stands left of the items' column (the block's label) blanked: each
    word that starts there, whole (项目资金（万元）, centred over its items, starts left of
    them and reaches into their column; cut, its tail would read as a column name)."""
    cut = max(0, x - 1)
    return _WORD.sub(lambda m: " " * len(m.group(0)) if m.start() < cut else m.group(0), text)


def _body(lines: list[DumpLine], item_x: int, reason_x: int | None) -> list[DumpLine]:
    """The item lines and the lines of their wrapped values: up to the first line that
    holds something else right of the items' start (the goals' header). Blank lines and
    lines that hold only a piece of the block's label, left of the items (项目资金（ /
    万元）), do not end it: spreadsheets print blank lines between rows; nor does the text
    of a column of reasons (from ``reason_x``), which is no funds field's."""
    out: list[DumpLine] = []
    for k, line in enumerate(lines):
        toks = [
            t
            for t in value_tokens(line.text, k)
            if t.x1 > item_x and not _is_block_label(t.text) and not _in_reasons(t, reason_x)
        ]
        if toks and not all(
            _is_item(t.text) or _VALUE.match(t.text) or _PIECE.match(t.text) for t in toks
        ):
            break
        out.append(line)
    while out and not out[-1].text.strip():
        out.pop()
    return out


def _rows(items: list[Token], cut: RowCut, columns: list[LayoutColumn]) -> list[FundRow]:
    """Each item's row; a row in doubt, or holding a value no funds cell prints, keeps only
    its item (and gets a doubt, for its note)."""
    rows = []
    printed = [
        {c.role: joined_text(cut.rows[k].get(c.role, [])) for c in columns if c.role}
        for k in range(len(items))
    ]
    for k, item in enumerate(items):
        row = FundRow(item=Cell(item.text or None))
        values = printed[k]
        odd = next((v for v in values.values() if v and not _VALUE.match(v)), None)
        if odd is not None:
            cut.doubt[k] = cut.doubt[k] or f"{odd!r} is no amount"
        if _dashes_where_values_print(k, printed, cut):
            pass
        elif any(_DASH.match(v) for role, v in values.items() if role not in _DASHED):
            # forms print a dash for 分值 / 得分 not given; one elsewhere has drifted there
            cut.doubt[k] = cut.doubt[k] or "a dash outside the 分值 and 得分 columns"
        if not cut.doubt[k]:
            for role, value in values.items():
                setattr(row, role, Cell(value or None))
        rows.append(row)
    return rows


def _dashes_where_values_print(k: int, printed: list[dict[str, str]], cut: RowCut) -> bool:
    """Does row ``k`` print a dash alone, one token each, in every column the block's other
    rows print an amount in, and in no other (其他资金 - - - - -)? So many dashes in the
    columns' order can stand in those columns only: none has drifted."""
    dashed = {role for role, v in printed[k].items() if v}
    if len(dashed) < 3 or not all(
        _DASH.match(printed[k][role]) and len(cut.rows[k][role]) == 1 for role in dashed
    ):
        return False
    filled = {
        role
        for j, values in enumerate(printed)
        if j != k and not cut.doubt[j]
        for role, v in values.items()
        if v and _VALUE.match(v) and not _DASH.match(v)
    }
    return dashed == filled


def _notes(items: list[Token], cut: RowCut) -> list[Note]:
    return [
        _note(f"funds row {k + 1} {item.text}: {cut.doubt[k]}; its cells are not placed", item.text)
        for k, item in enumerate(items)
        if cut.doubt[k]
    ]
