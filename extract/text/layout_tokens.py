"""A ``pdftotext -layout`` line's tokens, the grid header's columns, and which column a token is in.

The first step of reading a -layout grid by its geometry (extract.text.columns), kept apart
because it knows nothing of rows: a line cut into tokens by its spaces, the header lines read
into columns (a name wrapped or letter-spaced is one name, a group name over several columns
names none), and a body token placed in the column whose name it is clearly nearest (by the
places its characters take or print over), by its neighbours' alignment, or by its band.
A token placed whole that holds two cells one space apart is cut where the page's certain
lines show the cut (``cut_run_together``).
The funds block and the header readers share these tokens and columns.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import product
from math import prod

import regex

from selfeval.extract.text.grid_header import GRID_COLUMNS, is_partial_name
from selfeval.extract.vocabulary import (
    GRID_GROUP_NAMES,
    GRID_GROUPS,
    PLAIN_NUMBER,
    POINTS,
    SIGNED_VALUE,
    label_key,
)

_TOKEN = regex.compile(r"\S+(?: \S+)*")
_VERTICAL_CHAR = regex.compile(r"^(\p{Han}) (?=\S)")


@dataclass
class Token:
    text: str
    line: int  # index into the grid's lines
    x0: int
    x1: int  # exclusive


def runs_of(toks: Iterable[Token], joins: Callable[[Token, Token], bool]) -> list[list[Token]]:
    """The tokens, in their order, cut into runs: a token joins the run before it when
    ``joins(last token of that run, token)`` (characters stacked on close lines, pieces
    starting a place or two apart)."""
    runs: list[list[Token]] = []
    for t in toks:
        if runs and joins(runs[-1][-1], t):
            runs[-1].append(t)
        else:
            runs.append([t])
    return runs


@dataclass
class LayoutColumn:
    role: str | None  # a record field, a target part, or None for a group label (绩效指标)
    x0: int
    x1: int
    band: tuple[int, int] | None = None
    printed_x1: int | None = None  # where the name's print ends, a Chinese character two places


#: A Chinese character or a full-width mark that Chinese text sets without spaces.
_CJK = r"[\p{Han}，。、；：（）《》“”]"
CJK_GAP = regex.compile(rf"(?<={_CJK})\s(?={_CJK})")
#: One space before a run of Latin letters or digits that the Chinese after it touches (研
#: 2021年): an autospace would set the run apart on both sides, so this is two cells' text.
ASYM_GAP = regex.compile(rf"(?<={_CJK})\s(?=[0-9A-Za-z]+(?:\.[0-9]+)*\p{{Han}})")


def tokens(line: str, no: int, *, split_words: bool = True) -> list[Token]:
    """A line's tokens: runs of text apart by two spaces or more, or by one space between two
    Chinese characters (a word processor's autospace puts one only beside Latin letters and
    digits: 2021 年 is one cell's), or before such a run the Chinese after it touches (研
    2021年: ``ASYM_GAP``); a lone character then a space at a line's start is a stacked
    label's."""
    if split_words:
        line = CJK_GAP.sub("\t", line)  # (one character: the places stay)
        line = ASYM_GAP.sub("\t", line)
    out = []
    for m in _TOKEN.finditer(line):
        text, start = m.group(0), m.start()
        v = _VERTICAL_CHAR.match(text)
        if v and (start == 0 or not line[:start].strip()):
            out.append(Token(v.group(1), no, start, start + 1))
            rest = text[2:].lstrip()
            start += len(text) - len(rest)
            text = rest
        out.append(Token(text, no, start, start + len(text)))
    return out


_WORD = regex.compile(r"\S+")


def header_tokens(line: str, no: int) -> list[Token]:
    """A header line's names: apart by any space; three or more single characters a few
    spaces apart are one letter-spaced name (三   级   指   标)."""
    out: list[Token] = []
    run: list[Token] = []
    for m in _WORD.finditer(line):
        t = Token(m.group(0), no, m.start(), m.end())
        if len(t.text) == 1 and run and t.x0 - run[-1].x1 <= _LETTER_SPACE:
            run.append(t)
            continue
        out += _merge(run)
        run = [t] if len(t.text) == 1 else []
        if len(t.text) > 1:
            out.append(t)
    return out + _merge(run)


#: How far apart (in characters) a letter-spaced name's characters may stand.
_LETTER_SPACE = 8


def _merge(run: list[Token]) -> list[Token]:
    """Single characters a few spaces apart: the longest grid column names they spell from
    left to right, one token each; the characters left over, runs of them at most four
    spaces apart, three or more one name."""
    out: list[Token] = []
    left: list[Token] = []
    i = 0
    while i < len(run):
        j = next((j for j in range(len(run), i + 1, -1) if _named(run[i:j])), None)
        if j is None:
            if left and run[i].x0 - left[-1].x1 > 4:
                out += _close(left, apart=True)
                left = []
            left.append(run[i])
            i += 1
            continue
        out += _close(left)
        left = []
        out.append(Token("".join(t.text for t in run[i:j]), run[i].line, run[i].x0, run[j - 1].x1))
        i = j
    return out + _close(left)


def _named(run: list[Token]) -> bool:
    roles, rest = GRID_COLUMNS.consume("".join(t.text for t in run))
    return len(roles) == 1 and not rest


def _close(run: list[Token], *, apart: bool = False) -> list[Token]:
    """Characters no column name took: three or more one name, cut first where a gap is
    wider than a gap beside it by two places or more (a letter-spaced name spaces its
    characters evenly, so 一 级   二 级 指 is two names' pieces); two characters one
    space apart so cut, or ``apart`` from the next by a wide gap, are one name's piece
    (一级, 指 标     标)."""
    gaps = [b.x0 - a.x1 for a, b in zip(run, run[1:], strict=False)]
    cuts = [
        i + 1
        for i, g in enumerate(gaps)
        if any(g >= near + 2 for near in gaps[max(i - 1, 0) : i + 2] if near != g)
    ]
    out: list[Token] = []
    for a, b in zip([0, *cuts], [*cuts, len(run)], strict=True):
        part = run[a:b]
        if len(part) >= 3 or ((cuts or apart) and len(part) == 2 and gaps[a] == 1):
            out.append(Token("".join(t.text for t in part), part[0].line, part[0].x0, part[-1].x1))
        else:
            out += part
    return out


def header_columns(lines: list[str]) -> list[LayoutColumn] | None:
    """The grid's columns from its header lines: tokens stacked over each other (a name
    wrapped: 一级指 / 标) are one name; each must name a column or a group (绩效指标)."""
    every = beside_grid([t for k, line in enumerate(lines) for t in header_tokens(line, k)])
    toks = _without_group_names(every)
    columns = _stacked_columns(toks)
    if columns is None:
        # (pieces of a name standing apart: read by the lines' order alone; characters a
        # space apart perhaps not one letter-spaced name but pieces of several: 效 标 标)
        words = beside_grid(
            [
                Token(m.group(0), k, m.start(), m.end())
                for k, line in enumerate(lines)
                for m in _WORD.finditer(line)
            ]
        )
        columns = _in_order(every) or _in_order(words) or _in_order(words, glued=True)
        if columns is None:
            return None
    roles = [c.role for c in columns if c.role]
    if "level3" not in roles or "score" not in roles or len(set(roles)) != len(roles):
        return None
    return columns


def _in_order(every: list[Token], *, glued: bool = False) -> list[LayoutColumn] | None:
    """The columns by ``_pieces_in_order``, a group name stacked left of them apart."""
    stacked = _stacked_left(every)
    kept = _without_group_names(every)
    groups = {id(t) for t in every if t not in kept}
    read = _pieces_in_order([t for t in every if t not in stacked], groups, glued=glued)
    if read is None:
        return None
    named, left = read
    return _left_group(stacked + left) + named


_Piece = tuple[int, int, int, int]  # line, token (its place on the line), start, end


def _pieces_in_order(
    toks: list[Token], groups: set[int], *, glued: bool
) -> tuple[list[LayoutColumn], list[Token]] | None:
    """The header's names when its cells' pieces are read by their order alone: pdftotext
    places a wrapped name's second line by what stands left of it on that line, so it may
    stand right of its first (度量单 / 位 ten places right, 指标 / 性质 under 指标值), but on each
    line the cells' pieces keep the cells' order. A cell is then the next piece of each of a
    few consecutive lines (a line holding none skipped: a menu's beside the header), read top
    to bottom into one column name (or a group name); the reading is taken only when it is
    the one way to cut all the pieces into names. A group
    name alone (``groups``: 绩效指标 over the columns) names no column. ``glued``: a piece
    may end inside a token, the rest of it the next cell's (characters closer than a word
    gap print as one word), and characters of a group name stacked left of the names, at
    their lines' starts, are a cell of the group's (returned apart, the second item).
    """
    by_line: dict[int, list[Token]] = {}
    for t in sorted(toks, key=lambda t: (t.line, t.x0)):
        by_line.setdefault(t.line, []).append(t)
    lines = sorted(by_line)
    if not lines or len(toks) > 40:
        return None
    At = tuple[tuple[int, int], ...]
    memo: dict[At, set[frozenset[tuple[_Piece, ...]]]] = {}

    def piece(p: _Piece) -> Token:
        t = by_line[p[0]][p[1]]
        if (p[2], p[3]) == (0, len(t.text)):
            return t
        return Token(t.text[p[2] : p[3]], t.line, t.x0 + p[2], t.x0 + p[3])

    def cells(at: At, a: int) -> list[tuple[list[_Piece], bool]]:
        """The cells starting on line ``a``: (pieces, whether a group's stacked left)."""
        out: list[tuple[list[_Piece], bool]] = []

        def grow(b: int, pieces: list[_Piece]) -> None:
            if b == len(lines):
                return
            k, off = at[b]
            done = k == len(by_line[lines[b]])
            if pieces and (done or by_line[lines[b]][k].x0 + off > piece(pieces[-1]).x1):
                # (a line whose next piece stands right of the cell's, or that holds none
                # left: the cell's next piece may be on the line under it, one-line names
                # centred between its two lines, 一级指 / 三级指标 / 标)
                grow(b + 1, pieces)
            if done:
                return
            size = len(by_line[lines[b]][k].text)
            for end in range(off + 1, size + 1) if glued else [size]:
                cell = [*pieces, (lines[b], k, off, end)]
                text = label_key("".join(piece(p).text for p in cell))
                left = glued and all(q[1] == 0 and q[2] == 0 and q[3] == 1 for q in cell)
                stack = left and any(text in name for name in GRID_GROUP_NAMES)
                if stack:
                    out.append((cell, True))
                if not (
                    stack
                    or is_partial_name(text)
                    or any(name.startswith(text) for name in GRID_GROUP_NAMES)
                ):
                    continue
                if _cell_column([piece(p) for p in cell]) is not None:
                    out.append((cell, False))
                grow(b + 1, cell)

        grow(a, [])
        return out

    def readings(at: At) -> set[frozenset[tuple[_Piece, ...]]]:
        if at in memo:
            return memo[at]
        if all(k == len(by_line[n]) for (k, _), n in zip(at, lines, strict=True)):
            return {frozenset()}
        found: set[frozenset[tuple[_Piece, ...]]] = set()
        for a in range(len(lines)):
            for cell, left in cells(at, a):
                nxt = list(at)
                for n, k, _, end in cell:
                    i = lines.index(n)
                    nxt[i] = (k + 1, 0) if end == len(by_line[n][k].text) else (k, end)
                # (the group's pieces one by one: stacked together or apart, one reading)
                keys = {(p, (-1, 0, 0, 0)) for p in cell} if left else {tuple(cell)}
                found |= {r | keys for r in readings(tuple(nxt))}
                if len(found) > 1:
                    break
            if len(found) > 1:
                break
        memo[at] = found
        return found

    found = readings(tuple((0, 0) for _ in lines))
    if len(found) != 1:
        return None
    named: list[list[Token]] = []
    stacked: list[Token] = []
    for key in found.pop():
        cell = [piece(p) for p in key if p[0] >= 0]
        if len(cell) < len(key):  # (the group's, stacked left)
            stacked += cell
            continue
        column = _cell_column(cell, cell[0])
        if column is None or (column.role is None and len(cell) == 1 and id(cell[0]) in groups):
            continue
        named.append(cell)
    columns = _placed_cells(named, {n: len(ts) for n, ts in by_line.items()})
    return None if columns is None else (columns, stacked)


def _placed_cells(cells: list[list[Token]], names: dict[int, int]) -> list[LayoutColumn] | None:
    """The cells' columns, each where one of its widest pieces stands: pdftotext places a
    piece by what stands left of it on its line, so any of them may be off its column; the
    one on the line of most names first (its neighbours set it as they set the others'),
    else another, so that no two columns overlap; None when no choice keeps them apart."""
    options = []
    for cell in cells:
        width = max(len(t.text) for t in cell)
        widest = [t for t in cell if len(t.text) == width]
        options.append(sorted(widest, key=lambda t: (-names.get(t.line, 0), t.line)))
    if prod(len(o) for o in options) > 4096:
        return None
    for choice in product(*options):
        columns = [_cell_column(c, t) for c, t in zip(cells, choice, strict=True)]
        placed = sorted((c for c in columns if c is not None), key=lambda c: c.x0)
        if all(a.x1 <= b.x0 for a, b in zip(placed, placed[1:], strict=False)):
            return placed
    return None


def _cell_column(cell: list[Token], at: Token | None = None) -> LayoutColumn | None:
    """The column a cell's pieces (top to bottom) name, where its piece ``at`` stands."""
    key = label_key("".join(t.text for t in cell))
    roles, rest = GRID_COLUMNS.consume(key)
    if not (len(roles) == 1 and not rest) and not is_group_name(key):
        return None
    at = at or cell[0]
    role = roles[0] if len(roles) == 1 and not rest else None
    return LayoutColumn(role, at.x0, at.x1, printed_x1=at.x0 + print_width(at.text))


def is_name_piece(text: str) -> bool:
    """Is ``text`` a part of a grid column's name or of a group's (绩效指标)?"""
    key = label_key(text)
    return GRID_COLUMNS.is_piece(key) or any(key in name for name in GRID_GROUP_NAMES)


def is_menu_item(t: Token, left: int) -> bool:
    """Is ``t`` a web page's menu item printed beside the grid (通知公告, 自评结果公开):
    a phrase of four Chinese characters or more, part of no name, ending a space or more
    before the names start (at ``left``)? (A column the vocabulary does not know, 序号,
    is no such phrase: its header is not read.)"""
    return bool(_MENU_ITEM.fullmatch(t.text)) and t.x1 < left and not is_name_piece(t.text)


_MENU_ITEM = regex.compile(r"\p{Han}{4,}")


def beside_grid(toks: list[Token]) -> list[Token]:
    """The header's tokens without a menu beside the grid: a line's first token that is a
    menu item (``is_menu_item``) left of every name."""
    names = [t for t in toks if len(t.text) > 1 and is_name_piece(t.text)]
    left = min((t.x0 for t in names), default=0)
    first = {t.line: t for t in sorted(toks, key=lambda t: -t.x0)}
    return [t for t in toks if not (first[t.line] is t and is_menu_item(t, left))]


_POINTS = regex.compile(POINTS)


def is_group_name(text: str) -> bool:
    """Does ``text`` name a group of columns (绩效指标; its points aside: 绩效指标(90分))?"""
    return bool(GRID_GROUPS.match(_POINTS.sub("", label_key(text))))


def _stacked_columns(toks: list[Token]) -> list[LayoutColumn] | None:
    """The columns when each name's pieces stand over each other or just beside."""
    stacked = _stacked_left(toks)
    columns = _left_group(stacked)
    for g in _joined_pieces(stacked_names([t for t in toks if t not in stacked])):
        column = _named_column(g)
        if column is None:
            return None
        columns.append(column)
    return columns


def _left_group(stacked: list[Token]) -> list[LayoutColumn]:
    """The columns of the characters stacked left of the names: each stack (one place,
    consecutive lines) read top to bottom; when every stack spells a column's name (一/级/
    指/标 beside 二/级/指/标: level1, level2) or a group's, a column each; else all of them
    one group column (绩效指标), as read before."""
    if not stacked:
        return []
    # (each where most of its characters stand)
    read = [
        _cell_column(s, max(s, key=lambda t: sum(u.x0 == t.x0 for u in s)))
        for s in _stacks(stacked)
    ]
    placed = sorted((c for c in read if c is not None), key=lambda c: c.x0)
    if (
        (len(read) > 1 or any(c.role for c in placed))
        and len(placed) == len(read)
        and all(a.x1 <= b.x0 for a, b in zip(placed, placed[1:], strict=False))
    ):
        return placed
    x0 = min(t.x0 for t in stacked)
    printed = max(t.x0 + print_width(t.text) for t in stacked)
    return [LayoutColumn(None, x0, max(t.x1 for t in stacked), printed_x1=printed)]


def _stacks(stacked: list[Token]) -> list[list[Token]]:
    """Characters stacked left of the names, a stack per cell, top to bottom: when each
    line holds as many of them, the lines following each other or a line between, the
    k-th of each line is the k-th cell's (pdftotext keeps a line's cells in order, though
    it may set a character a place off its stack: 一 二 one place right of 级 级); else the
    characters at one place on consecutive lines."""
    by_line: dict[int, list[Token]] = {}
    for t in sorted(stacked, key=lambda t: (t.line, t.x0)):
        by_line.setdefault(t.line, []).append(t)
    lines = sorted(by_line)
    counts = {len(ts) for ts in by_line.values()}
    if len(counts) == 1 and all(b - a <= 2 for a, b in zip(lines, lines[1:], strict=False)):
        # (a line of the header's other names may stand between: 年度指标值 under 级)
        return [[by_line[n][k] for n in lines] for k in range(counts.pop())]
    return runs_of(
        sorted(stacked, key=lambda t: (t.x0, t.line)),
        lambda a, b: a.x0 == b.x0 and b.line - a.line == 1,
    )


def _stacked_left(toks: list[Token]) -> list[Token]:
    """A group name stacked a character a line left of the columns: a column of its own."""
    left = min((t.x0 for t in toks if len(t.text) > 1), default=0)
    return [t for t in toks if len(t.text) == 1 and t.x1 <= left]


def _without_group_names(toks: list[Token]) -> list[Token]:
    """A group name over several columns (绩效指标 over 一级/二级/三级) names none of them:
    left out when it has a line of its own or stands over two names or more."""

    def over(t: Token, line: int | None = None) -> int:
        return sum(
            1
            for u in toks
            if u.line != t.line and (line is None or u.line == line) and t.x0 < u.x1 and u.x0 < t.x1
        )

    # a name over two names of one line below it (年度指标值 over 指标性质 / 指标值 /
    # 度量单位) is a group's, whatever its words
    spanning = [t for t in toks if any(over(t, u.line) >= 2 for u in toks if u.line > t.line)]
    group = [t for t in toks if is_group_name(t.text)] + spanning
    group_lines = {t.line for t in group} - {t.line for t in toks if t not in group}
    # (a group name over no name at all, not leftmost, is over a merged header cell)
    left = min((t.x0 for t in toks), default=0)
    return [
        t
        for t in toks
        if t not in group
        or (t.line not in group_lines and 0 < over(t) < 2)
        or (not over(t) and t.x0 == left)
    ]


def stacked_names(toks: list[Token]) -> list[list[Token]]:
    """Header tokens whose places overlap, one above the other: one name each, left to right."""
    groups: list[list[Token]] = []
    for t in sorted(toks, key=lambda t: (t.x0, t.line)):
        for g in groups:
            if any(t.x0 < u.x1 and u.x0 < t.x1 for u in g):
                g.append(t)
                break
        else:
            groups.append([t])
    return sorted(groups, key=lambda g: min(t.x0 for t in g))


def _joined_pieces(groups: list[list[Token]]) -> list[list[Token]]:
    """Side by side pieces of one name that do not quite overlap (二级指 / 标 a character
    to the right): joined when neither names a column and together they do."""
    out: list[list[Token]] = []
    for g in groups:
        if (
            out
            and _named_column(out[-1]) is None
            and _named_column(g) is None
            and (
                _named_column(out[-1] + g) is not None
                or is_partial_name(label_key(_header_text(out[-1] + g)))
            )
        ):
            out[-1] = out[-1] + g
        else:
            out.append(g)
    return out


def _header_text(g: list[Token]) -> str:
    return "".join(t.text for t in sorted(g, key=lambda t: (t.line, t.x0)))


def _named_column(g: list[Token]) -> LayoutColumn | None:
    """The column a header name's pieces name (a group name: a column of no role); a name
    over one part of a split target and naming the whole target (年度指标值 over 指标值)
    is the group's over the parts, not this column's."""
    column = _one_column(g)
    top = min(t.line for t in g)
    upper = [t for t in g if t.line == top]
    lower = [t for t in g if t.line != top]
    if column is None and lower:
        over = _one_column(upper)
        below = _one_column(lower)
        if over and below and over.role == "target" and (below.role or "").startswith("target."):
            return below
    return column


def _one_column(g: list[Token]) -> LayoutColumn | None:
    key = label_key(_header_text(g))
    roles, rest = GRID_COLUMNS.consume(key)
    x0, x1 = min(t.x0 for t in g), max(t.x1 for t in g)
    printed = max(x1, *(t.x0 + print_width(t.text) for t in g))
    if len(roles) == 1 and not rest:
        return LayoutColumn(roles[0], x0, x1, printed_x1=printed)
    if GRID_GROUPS.match(key):
        return LayoutColumn(None, x0, x1, printed_x1=printed)
    return None


#: How much nearer (in characters) a token's centre must be to one column's than to the next.
MARGIN = 2.0


def column_of(t: Token, columns: list[LayoutColumn]) -> LayoutColumn | None:
    """The column whose header label's centre is nearest the token's centre, by a clear
    margin; None when two are about as near, or the token covers two labels' centres."""
    return _nearest_column(t.x0, t.x1, columns, [(c.x0, c.x1) for c in columns])


def printed_column(t: Token, columns: list[LayoutColumn]) -> LayoutColumn | None:
    """``column_of`` by the places characters print over: pdftotext gives a Chinese
    character one place though it prints as wide as two Latin ones, so a name of Chinese
    characters reaches further right than its places, and the text it heads, numbers or
    Chinese, is centred under its printed width (13 at 78 under 权重 at 74; = under 指标性质)."""
    printed = [(c.x0, c.printed_x1 or c.x1) for c in columns]
    return _nearest_column(t.x0, max(t.x1, t.x0 + print_width(t.text)), columns, printed)


def _nearest_column(
    x0: int, x1: int, columns: list[LayoutColumn], spans: list[tuple[int, int]]
) -> LayoutColumn | None:
    centre = (x0 + x1) / 2
    ranked = sorted(zip(columns, spans, strict=True), key=lambda cs: abs(sum(cs[1]) / 2 - centre))
    if len(ranked) > 1:
        d1 = abs(sum(ranked[0][1]) / 2 - centre)
        d2 = abs(sum(ranked[1][1]) / 2 - centre)
        if d2 - d1 < MARGIN:
            return None
        covered = [s for s in spans if x0 <= sum(s) / 2 < x1]
        if len(covered) > 1:
            return None
    return ranked[0][0]


def placed_pieces(t: Token, columns: list[LayoutColumn]) -> list[tuple[Token, LayoutColumn | None]]:
    """A token and its column; a token no column takes whole (two cells one space apart:
    300 元/月, 指标(10 满意度指) is cut at its single spaces when each piece then falls in a
    column of its own, left to right. Pieces of one column side by side a word processor's
    autospace apart (a digit's and a Chinese character's: 10 ≥11.376 万元) are one text of
    it; any other space between two pieces of one column leaves the token whole (完成4
    2021年: a target and an actual value run together?)."""
    col = column_of(t, columns) or printed_column(t, columns)
    if col is not None or " " not in t.text:
        return [(t, col)]
    pieces = []
    for m in _WORD.finditer(t.text):
        pieces.append(Token(m.group(0), t.line, t.x0 + m.start(), t.x0 + m.end()))
    cols = [column_of(p, columns) or printed_column(p, columns) for p in pieces]
    order = [columns.index(c) for c in cols if c is not None]
    if None in cols or order != sorted(order) or len(set(order)) < 2:
        return [(t, None)]
    out: list[tuple[Token, LayoutColumn | None]] = []
    for p, c in zip(pieces, cols, strict=True):
        if out and out[-1][1] is c:
            last = out[-1][0]
            if not AUTOSPACE.fullmatch(last.text[-1] + " " + p.text[0]):
                return [(t, None)]
            out[-1] = (Token(t.text[last.x0 - t.x0 : p.x1 - t.x0], t.line, last.x0, p.x1), c)
        else:
            out.append((p, c))
    return out


#: A word processor's autospace: one space between a Latin letter, a digit or % and a
#: Chinese character, either way round.
AUTOSPACE = regex.compile(r"[A-Za-z0-9%] \p{Han}|\p{Han} [A-Za-z0-9]")


#: How many lines away a placed token's alignment vouches for an unplaced one's column.
_ALIGN_REACH = 2


def placed_by_alignment(
    placed: list[tuple[Token, LayoutColumn | None]],
) -> list[tuple[Token, LayoutColumn | None]]:
    """A token no column takes by its centre goes to the column of the tokens a line or two
    away that start where it starts, or are centred where it is (a cell's lines are aligned
    alike), when they are of one column only."""
    sure: list[tuple[Token, LayoutColumn]] = [(t, c) for t, c in placed if c is not None]
    out = []
    for t, col in placed:
        if col is None:
            near = {
                id(c): c
                for u, c in sure
                if abs(u.line - t.line) <= _ALIGN_REACH
                and (u.x0 == t.x0 or abs((u.x0 + u.x1) - (t.x0 + t.x1)) <= 1)
            }
            if len(near) == 1:
                col = next(iter(near.values()))
        out.append((t, _paragraph_end(t, col, sure)))
    return out


def _paragraph_end(
    t: Token, col: LayoutColumn | None, sure: list[tuple[Token, LayoutColumn]]
) -> LayoutColumn | None:
    """The short last line of a wrapped, left-aligned paragraph (分析 under 信息并进行筛选与)
    may lie nearer the next column's name than its own: it goes with the wider lines a line or
    two above it that start where it starts, when those are all of one other column and none
    of its own column starts there."""
    above = [
        (u, c)
        for u, c in sure
        if 0 < t.line - u.line <= _ALIGN_REACH and u.x0 == t.x0 and u.x1 > t.x1
    ]
    cols = {id(c): c for _, c in above}
    if col is None or len(cols) != 1:
        return col
    other = next(iter(cols.values()))
    same = any(
        c is col and abs(u.line - t.line) <= _ALIGN_REACH and u.x0 == t.x0 and u is not t
        for u, c in sure
    )
    return other if other is not col and other.role and not same else col


def band_column(
    t: Token, bands: list[tuple[int, int]], columns: list[LayoutColumn]
) -> LayoutColumn | None:
    """The column whose header name lies in the band of body text the token stands in (the
    positions between two gutters no character of the body takes), when exactly one does:
    a cell's text need not be centred under its column's name (a word processor's cell
    starts at its left edge)."""
    over = [b for b in bands if b[0] < t.x1 and t.x0 < b[1]]
    if not over:
        return None
    lo, hi = min(b[0] for b in over), max(b[1] for b in over)
    named = [c for c in columns if lo < c.x1 and c.x0 < hi]
    return named[0] if len(named) == 1 and named[0].role else None


def print_width(text: str) -> int:
    """A text's width in character places (a Chinese character prints two): how pdftotext
    -layout spaces it."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def cut_run_together(
    placed: list[tuple[Token, LayoutColumn | None]], columns: list[LayoutColumn]
) -> list[tuple[Token, LayoutColumn | None]]:
    """A token placed whole in a column that holds the first lines of two cells one space
    apart (2021年第二季度完成4 2021年第二季度完: a target's line, then its actual value's) is
    cut at that space, where the page's certain lines show it is two columns' text: pdftotext
    joins texts a little apart with one space and prints the second right after the first,
    so the second's real start is the first's start plus the first's printed width and the
    space. The cut is taken only when the token has that one space; its whole printed width
    is more than any spaceless line of its column on the page prints (its wrap width), its
    first part's no more; the second part's real start is where some spaceless line of the
    next column starts and right of where its column's lines just above and below end; and
    its width is no more than that next column's lines print."""
    return [piece for pieces in _cuts(placed, columns) for piece in pieces]


def cut_mapped_run_together(
    by_role: dict[str, list[Token]], columns: list[LayoutColumn]
) -> dict[str, list[Token]]:
    """``cut_run_together`` for a page whose text was placed by its bands or slabs, not by
    the header's columns (a page printing no header): a token placed whole in a column that
    holds two cells' texts one space apart (前沿技术发展系统 1: an actual value's line, then
    its row's 分值) is cut by the same rules, save those that go by the columns' places and
    widths, which are another page's or not yet known (开展一次、12 月前 is one text). A
    column that takes a piece keeps its text in line order."""
    of_role = {c.role: c for c in columns if c.role}
    placed = [(t, of_role.get(role)) for role, ts in by_role.items() for t in ts]
    roles = [role for role, ts in by_role.items() for _ in ts]
    out: dict[str, list[Token]] = {role: [] for role in by_role}
    grown: set[str] = set()
    for role, pieces in zip(roles, _cuts(placed, columns, own_places=False), strict=True):
        for t, col in pieces:
            to = col.role if len(pieces) > 1 and col is not None and col.role else role
            out.setdefault(to, []).append(t)
            grown |= {to} - {role}
    for role in grown:
        out[role].sort(key=lambda u: (u.line, u.x0))
    return out


def _cuts(
    placed: list[tuple[Token, LayoutColumn | None]],
    columns: list[LayoutColumn],
    *,
    own_places: bool = True,
) -> list[list[tuple[Token, LayoutColumn | None]]]:
    """Each placed token's pieces (``cut_run_together``); ``own_places``: the columns'
    places and widths are the page's own, so the cuts that go by them may be taken."""
    sure = [(t, c) for t, c in placed if c is not None and c.role and " " not in t.text]
    widths: dict[int, int] = {}
    for t, c in sure:
        widths[id(c)] = max(widths.get(id(c), 0), print_width(t.text))
    out: list[list[tuple[Token, LayoutColumn | None]]] = []
    for t, col in placed:
        if col is None or not col.role or " " not in t.text:
            out.append([(t, col)])  # (no column's, or one text: nothing to cut)
            continue
        by_places = (
            (_run_together(t, col, columns, sure, widths) or _number_ahead(t, col, columns, sure))
            if own_places
            else None
        )
        cut = (
            by_places
            or _number_behind(t, col, columns, sure)
            or _points_pair(t, col, columns, sure)
            or _target_behind(t, col, columns, placed)
        )
        out.append(cut if cut is not None else [(t, col)])
    return out


def _cut_at(
    t: Token, k: int, first: LayoutColumn, second: LayoutColumn
) -> list[tuple[Token, LayoutColumn | None]]:
    """``t`` cut at the space at ``k``: the text before it to ``first``, after it to
    ``second``, each at its own places."""
    return [
        (Token(t.text[:k], t.line, t.x0, t.x0 + k), first),
        (Token(t.text[k + 1 :], t.line, t.x0 + k + 1, t.x1), second),
    ]


def _beside(columns: list[LayoutColumn], col: LayoutColumn, step: int) -> LayoutColumn | None:
    """The column ``step`` places from ``col`` (-1: the one left of it), None past an end."""
    k = columns.index(col) + step
    return columns[k] if 0 <= k < len(columns) else None


_PLAIN_NUMBER = regex.compile(PLAIN_NUMBER)


def _number_ahead(
    t: Token,
    col: LayoutColumn,
    columns: list[LayoutColumn],
    sure: list[tuple[Token, LayoutColumn]],
) -> list[tuple[Token, LayoutColumn | None]] | None:
    """A 分值 run into the next column's text one space apart (8 11 月底完成, placed whole in
    the target column): cut where its number stands exactly where every certain 分值 of the
    page stands (the same start, or the same end), the token starting left of its own
    column and no 分值 certain on its line. pdftotext never moves text left, so a cell's text
    of the next column does not start under the 分值 numbers."""
    weight = _beside(columns, col, -1)
    if weight is None or weight.role != "weight" or t.x0 >= col.x0:
        return None
    first, rest = t.text.split(" ", 1)
    if not _PLAIN_NUMBER.fullmatch(first) or not _at_weights(t.x0, first, t.line, weight, sure):
        return None
    return _cut_at(t, len(first), weight, col)


def _at_weights(
    x0: int, number: str, line: int, weight: LayoutColumn, sure: list[tuple[Token, LayoutColumn]]
) -> bool:
    """Does ``number``, printed at place ``x0`` of ``line``, stand where every certain 分值
    of the page stands (``at_one_place``)?"""
    return at_one_place([u for u, c in sure if c is weight], line, x0, x0 + len(number))


def at_one_place(numbers: list[Token], line: int, x0: int, x1: int) -> bool:
    """Does a number printed at places ``x0``..``x1`` of ``line`` stand exactly where every
    one of ``numbers`` (a column's certain numbers on the page) stands, the same start or
    the same end, two of them at least, all plain numbers, none on its line?"""
    if len(numbers) < 2 or any(u.line == line for u in numbers):
        return False
    if not all(_PLAIN_NUMBER.fullmatch(u.text) for u in numbers):
        return False
    starts = {u.x0 for u in numbers}
    ends = {u.x0 + len(u.text) for u in numbers}
    return starts == {x0} or ends == {x1}


def number_behind(text: str) -> tuple[str, str] | None:
    """A text and the number one space after it (项目完成时间 8: a cell's text run into its
    row's 分值), else None; None too when the text before ends with a number itself
    (12月底完成 1 0.8: the last number is the 得分, its 分值 before it)."""
    rest, _, last = text.rpartition(" ")
    if not rest.strip() or not _PLAIN_NUMBER.fullmatch(last):
        return None
    if _PLAIN_NUMBER.fullmatch(rest.rsplit(" ", 1)[-1]):
        return None
    return rest, last


def _number_behind(
    t: Token,
    col: LayoutColumn,
    columns: list[LayoutColumn],
    sure: list[tuple[Token, LayoutColumn]],
) -> list[tuple[Token, LayoutColumn | None]] | None:
    """A cell's text run into the next column's 分值 one space apart (项目完成时间 8, placed
    whole in the names' column): cut where its number stands exactly where every certain
    分值 of the page stands (the same start, or the same end), no 分值 certain on its line.
    The mirror of ``_number_ahead``: pdftotext prints the number right after the text, at
    the places the 分值 of the lines around take."""
    weight = _beside(columns, col, 1)
    if weight is None or weight.role != "weight":
        return None
    split = number_behind(t.text)
    if split is None:
        return None
    rest, last = split
    start = t.x0 + len(rest) + 1
    if not _at_weights(start, last, t.line, weight, sure):
        return None
    return [
        (Token(rest.rstrip(), t.line, t.x0, t.x0 + len(rest.rstrip())), col),
        (Token(last, t.line, start, start + len(last)), weight),
    ]


_SIGNED = regex.compile(SIGNED_VALUE)


def _target_behind(
    t: Token,
    col: LayoutColumn,
    columns: list[LayoutColumn],
    placed: list[tuple[Token, LayoutColumn | None]],
) -> list[tuple[Token, LayoutColumn | None]] | None:
    """A name's line run into its row's target one space apart (综合治理企业 ≥12家, placed
    whole in the names' column, a level label on its line pushing both right): cut at the
    space when the second text opens with a comparison sign and holds no space, the first
    holds none, and the targets' column holds no other text on the line. A cell's line
    never holds a gap before a comparison sign (no autospace stands there), so these are
    two cells' texts: the first the name's, the second, right after it and left of the
    line's other cells, its row's target."""
    target = _beside(columns, col, 1)
    if col.role != "level3" or target is None or target.role != "target":
        return None
    if t.text.count(" ") != 1:
        return None
    left, right = t.text.split(" ")
    if not _SIGNED.fullmatch(right) or _SIGNED.search(left):
        return None
    if any(c is target and u.line == t.line for u, c in placed):
        return None
    return _cut_at(t, len(left), col, target)


def _points_pair(
    t: Token,
    col: LayoutColumn,
    columns: list[LayoutColumn],
    sure: list[tuple[Token, LayoutColumn]],
) -> list[tuple[Token, LayoutColumn | None]] | None:
    """A row's 分值 and 得分 one space apart (13 13), placed whole in one of the two
    columns that stand side by side: a 分值 or a 得分 is one number, so the first is the
    分值 and the second the 得分, when neither column holds a certain number on its line."""
    if col.role not in ("weight", "score") or t.text.count(" ") != 1:
        return None
    other = _beside(columns, col, 1 if col.role == "weight" else -1)
    if other is None:
        return None
    pair = (col, other) if col.role == "weight" else (other, col)
    if (pair[0].role, pair[1].role) != ("weight", "score"):
        return None
    first, second = t.text.split(" ")
    if not (_PLAIN_NUMBER.fullmatch(first) and _PLAIN_NUMBER.fullmatch(second)):
        return None
    if any(u.line == t.line and c in pair for u, c in sure):
        return None
    return _cut_at(t, len(first), *pair)


def _run_together(
    t: Token,
    col: LayoutColumn,
    columns: list[LayoutColumn],
    sure: list[tuple[Token, LayoutColumn]],
    widths: dict[int, int],
) -> list[tuple[Token, LayoutColumn | None]] | None:
    nxt = _beside(columns, col, 1)
    if t.text.count(" ") != 1 or nxt is None or not nxt.role:
        return None
    left, right = t.text.split(" ")
    width = widths.get(id(col), 0)
    if not print_width(left) <= width < print_width(t.text):
        return None
    if print_width(right) > widths.get(id(nxt), 0):
        return None
    start = t.x0 + print_width(left) + 1
    if not any(c is nxt and abs(u.x0 - start) <= 1 for u, c in sure):
        return None
    if any(
        c is col and abs(u.line - t.line) <= 1 and u.x0 + print_width(u.text) > start
        for u, c in sure
    ):
        return None
    return _cut_at(t, len(left), col, nxt)
