"""A row's cells run together one blank apart on a page that prints its header, cut where its
分值 and 得分 anchor it.

A Chromium print with a Type 3 CJK font (Noto Sans CJK) makes pdftotext join words closer than
its word gap into one line, printed one space apart: a row's last cells stand as one token
(长期 15 15, ≥ 95 % 100% 15 15, ≥4.5万株 4.1万株 7 6.38 部分苗木因高温干旱推迟至秋季补植) that no
header column takes whole, or that one column takes by its centre though it holds the cells of
several. Only the token's start is a real place (the rest prints right after it), so the
token is cut only where exactly one reading of it fits:

- the token's start lies among the starts of one column's certain cells on the page and of no
  other's (that column holds its first part; a column of the header it was placed under must
  be that one, save a 分值 and its 得分 placed whole under the 得分 by their centre);
- its parts go to header columns left to right, one part to a column; the 分值 and 得分
  columns, side by side in the header, each take one part, a plain number, the 得分 no more
  than the 分值, and the page's certain 分值 and 得分 are plain numbers one line apart from none
  of its own: no certain 分值 or 得分 on the token's line;
- a part holds a space only in the last column, or in a column where the page shows a cell
  of several words (≥ 95 where 指标性质 and 指标值 are one column: then which space parts
  the cells is not known, and the token stays whole).

A token for which no reading or more than one fits stays as it was.

Two gluings need no anchor: a 三级指标 name with its whole target after it (享受津贴百岁老人人数
≥ 19 人: one word, a lone operator, a plain number, perhaps a unit) is parted into the name's
and the three target columns side by side in the header; a name ending in a lone operator (覆盖率
≥) gives it to the 指标性质 column next to it, a 指标值 with its unit after it (100 %) gives the
unit to the 度量单位 column next to it. No name ends in an operator, and a number and a unit
one blank apart read as one target either way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal

import regex

from selfeval.extract.text.layout_tokens import LayoutColumn, Token
from selfeval.extract.vocabulary import PLAIN_NUMBER

_NUMBER = regex.compile(PLAIN_NUMBER)

Placed = tuple[Token, LayoutColumn | None]


def cut_glued_rows(placed: list[Placed], columns: list[LayoutColumn]) -> list[Placed]:
    """The placed tokens, each token of a row's glued cells cut where one reading fits."""
    anchored = _anchored_cut(placed, columns)
    out: list[Placed] = []
    for t, col in placed:
        cut = anchored(t, col) if anchored is not None else None
        if cut is None:
            whole = _target_after(t, col, columns)
            cut = whole if len(whole) > 1 else _operator_after(t, col, columns)
        out += cut
    return _weight_glued_before(out, columns)


def _weight_glued_before(placed: list[Placed], columns: list[LayoutColumn]) -> list[Placed]:
    """A row's 分值 glued one blank after the actual value (组织17场服务央企 1, then its 得分
    a few places on, alone): on a line whose one number in the 分值 and 得分 columns stands
    alone and whose text right before it, in the column before the 分值's, ends in a plain
    number one blank on, that number is the 分值 and the lone one the 得分 (the columns' order
    leaves no other reading), where the 得分 is no more than the 分值 and every certain 分值
    and 得分 of the page is a plain number."""
    roles = [c.role for c in columns]
    if "weight" not in roles or roles[roles.index("weight") + 1 : roles.index("weight") + 2] != [
        "score"
    ]:
        return placed
    kw = roles.index("weight")
    numbers = [t for t, c in placed if c is not None and c.role in ("weight", "score")]
    if not numbers or not all(_NUMBER.fullmatch(t.text) for t in numbers):
        return placed
    by_line: dict[int, list[int]] = {}
    for k, (t, _) in enumerate(placed):
        by_line.setdefault(t.line, []).append(k)
    swap: dict[int, list[Placed]] = {}
    for ks in by_line.values():
        ks.sort(key=lambda k: placed[k][0].x0)
        lone = [k for k in ks if (c := placed[k][1]) is not None and c.role in ("weight", "score")]
        if len(lone) != 1 or ks.index(lone[0]) == 0:
            continue
        before = ks[ks.index(lone[0]) - 1]
        t, col = placed[before]
        head, _, tail = t.text.rpartition(" ")
        if col is not columns[kw - 1] or not head or not _NUMBER.fullmatch(tail):
            continue
        score = placed[lone[0]][0]
        if Decimal(score.text) > Decimal(tail):
            continue
        swap[before] = [
            (Token(head, t.line, t.x0, t.x0 + len(head)), col),
            (Token(tail, t.line, t.x1 - len(tail), t.x1), columns[kw]),
        ]
        swap[lone[0]] = [(score, columns[kw + 1])]
    return [pair for k, got in enumerate(placed) for pair in swap.get(k, [got])]


def _anchored_cut(
    placed: list[Placed], columns: list[LayoutColumn]
) -> Callable[[Token, LayoutColumn | None], list[Placed] | None] | None:
    """The cut by the 分值 and 得分 pair, for a page whose certain pairs anchor it."""
    roles = [c.role for c in columns]
    if "weight" not in roles or "score" not in roles:
        return None
    kw = roles.index("weight")
    if roles[kw + 1 : kw + 2] != ["score"]:
        return None
    sure = [(t, c) for t, c in placed if c is not None and c.role and " " not in t.text]
    pair = [t for t, c in sure if c.role in ("weight", "score")]
    if not pair or not all(_NUMBER.fullmatch(t.text) for t in pair):
        return None
    lines = {t.line for t in pair}
    spaced = {
        id(c) for t, c in placed if c is not None and " " in t.text and not _ends_in_pair(t.text)
    }

    def cut(t: Token, col: LayoutColumn | None) -> list[Placed] | None:
        if " " not in t.text or t.line in lines or not _ends_in_pair(t.text):
            return None
        return _one_reading(t, col, columns, sure, spaced, kw)

    return cut


def _operator_after(
    t: Token, col: LayoutColumn | None, columns: list[LayoutColumn]
) -> list[Placed]:
    """A name with its row's operator glued after it (享受补助乡村教师人数 ≥), or a 指标值 with its
    unit (100 %): the last word is the next column's, the 指标性质 or the 度量单位 one's; no
    name ends in a lone operator, no 指标值 of its own column holds its unit."""
    if col is None or " " not in t.text:
        return [(t, col)]
    k = columns.index(col)
    name, op = t.text.rsplit(" ", 1)
    if k + 1 >= len(columns) or " " in name:
        return [(t, col)]
    after = columns[k + 1].role
    if not (op in _OPERATORS and after == "target.op") and not (
        col.role == "target.value"
        and after == "target.unit"
        and _NUMBER.fullmatch(name)
        and not regex.search(r"\d", op)
    ):
        return [(t, col)]
    head, last = _last_word_apart(t)
    return [(head, col), (last, columns[k + 1])]


def _last_word_apart(t: Token) -> tuple[Token, Token]:
    """The token cut at its last space: what stands before it and its last word, each at
    its places on the line."""
    name, _, last = t.text.rpartition(" ")
    return Token(name, t.line, t.x0, t.x0 + len(name)), Token(last, t.line, t.x1 - len(last), t.x1)


_OPERATORS = frozenset("≥≤=<>")


def operators_apart(toks: list[Token], roles: list[str]) -> list[Token]:
    """The tokens of a page read without its header's places, a name's glued operator
    (享受补助乡村教师人数 ≥) made a token of its own where the 指标性质 column follows the
    names': no name ends in a lone operator (``_operator_after``)."""
    if "level3" not in roles or roles[roles.index("level3") + 1 :][:1] != ["target.op"]:
        return toks
    out: list[Token] = []
    for t in toks:
        name, _, op = t.text.rpartition(" ")
        if op in _OPERATORS and name and " " not in name and not _NUMBER.fullmatch(name):
            out += _last_word_apart(t)
        else:
            out.append(t)
    return out


def cut_level3_targets(by_col: dict[str, list[Token]], columns: list[LayoutColumn]) -> None:
    """``_target_after`` on the 三级指标 names the page placed by their starts (a name printed
    left under the 二级指标 column's name, moved to its own column)."""
    level3 = next((c for c in columns if c.role == "level3"), None)
    if level3 is None:
        return
    kept: list[Token] = []
    for t in by_col.get("level3", []):
        for u, c in _target_after(t, level3, columns):
            if c is level3:
                kept.append(u)
            elif c is not None and c.role:
                by_col.setdefault(c.role, []).append(u)
    if "level3" in by_col:
        by_col["level3"] = kept


def _target_after(t: Token, col: LayoutColumn | None, columns: list[LayoutColumn]) -> list[Placed]:
    """A 三级指标 name with its row's whole target glued after it (享受津贴百岁老人人数 ≥ 19 人,
    placed whole under the name): one word of name, a lone operator, a plain number and
    perhaps a unit with no digit go to the name's, the 指标性质, the 指标值 and the 度量单位
    columns, side by side in the header in that order."""
    if col is None or col.role != "level3" or " " not in t.text:
        return [(t, col)]
    k = columns.index(col)
    roles = [c.role for c in columns[k + 1 : k + 4]]
    words = t.text.split(" ")
    if roles != ["target.op", "target.value", "target.unit"] or len(words) not in (3, 4):
        return [(t, col)]
    if words[1] not in _OPERATORS or not _NUMBER.fullmatch(words[2]):
        return [(t, col)]
    if len(words) == 4 and (words[3] in _OPERATORS or regex.search(r"\d", words[3])):
        return [(t, col)]
    out: list[Placed] = []
    x = t.x0
    for j, w in enumerate(words):
        out.append((Token(w, t.line, x, x + len(w)), columns[k + j]))
        x += len(w) + 1
    return out


def _ends_in_pair(text: str) -> bool:
    words = text.split(" ")
    return any(
        _NUMBER.fullmatch(a) and _NUMBER.fullmatch(b)
        for a, b in zip(words, words[1:], strict=False)
    )


def _one_reading(
    t: Token,
    col: LayoutColumn | None,
    columns: list[LayoutColumn],
    sure: list[tuple[Token, LayoutColumn]],
    spaced: set[int],
    kw: int,
) -> list[Placed] | None:
    first = _start_column(t, columns, sure)
    if first is None or first > kw:
        return None
    if col is not None and col is not columns[first]:
        # a 分值 and its 得分 placed whole by their centre under the 得分
        if not (first == kw and col is columns[kw + 1]):
            return None
    words = t.text.split(" ")
    found = list(_readings(words, first, columns, spaced, kw))
    if len(found) != 1:
        return None
    out: list[Placed] = []
    at = 0
    for group, k in found[0]:
        text = " ".join(words[group[0] : group[1]])
        start = t.x0 + sum(len(w) + 1 for w in words[: group[0]])
        out.append((Token(text, t.line, start, start + len(text)), columns[k]))
        at = group[1]
    assert at == len(words)
    return out


def _start_column(
    t: Token, columns: list[LayoutColumn], sure: list[tuple[Token, LayoutColumn]]
) -> int | None:
    """The one column among whose certain cells' starts (a place either way) the token starts."""
    starts: dict[int, list[int]] = {}
    for u, c in sure:
        starts.setdefault(columns.index(c), []).append(u.x0)
    hits = [k for k, xs in starts.items() if min(xs) - 1 <= t.x0 <= max(xs) + 1]
    return hits[0] if len(hits) == 1 else None


Reading = list[tuple[tuple[int, int], int]]


def _readings(
    words: list[str], first: int, columns: list[LayoutColumn], spaced: set[int], kw: int
) -> Iterator[Reading]:
    """Every way of parting the words into runs, run i to a column rising from ``first``,
    that the anchors allow."""
    last = len(columns) - 1

    def fits(a: int, b: int, k: int) -> bool:
        col = columns[k]
        if not col.role:
            return False
        if b - a > 1 and k != last and id(col) not in spaced:
            return False
        if k in (kw, kw + 1):
            return b - a == 1 and bool(_NUMBER.fullmatch(words[a]))
        return True

    def grow(a: int, k: int, got: Reading) -> Iterator[Reading]:
        if a == len(words):
            ks = [c for _, c in got]
            if kw in ks and kw + 1 in ks:
                w = words[got[ks.index(kw)][0][0]]
                s = words[got[ks.index(kw + 1)][0][0]]
                if Decimal(s) <= Decimal(w):
                    yield list(got)
            return
        for b in range(a + 1, len(words) + 1):
            for j in range(k, len(columns)):
                if fits(a, b, j):
                    yield from grow(b, j + 1, [*got, ((a, b), j)])

    for b in range(1, len(words) + 1):
        if fits(0, b, first):
            yield from grow(b, first + 1, [((0, b), first)])
