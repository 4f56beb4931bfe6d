"""The header fields of a ``pdftotext -layout`` dump (项目名称, 主管部门, 实施单位, 项目负责人, 联系电话).

The header is a small table: each row a label and its value, two pairs side by side in some
rows. -layout prints a row's cells on the lines of their text, and a cell of several lines
stands centred on its row: a one-line cell beside a two-line one takes a line of its own
between the other's two (项目负责 / 张永锋 联系电话 66519645 / 人). So every cell of a row is
centred on one line, the row's centre: as many of its lines above that line as below. The
rules, each taken only when it leaves one reading:

* A word of the header's vocabulary (``web.header_label``) is a label; a label's characters
  spread out one by one (项   目   名   称) are one word. The word right of a label on its line
  is its value, unless it is a label or a block's name itself. Any other word is a piece: a
  line of a cell that wrapped, or of a label cut over lines.
* A label cut around one line (项目名 / … / 称, 实施单位 / … / (盖章)): two pieces, on the lines
  just above and below a line that holds nothing at their place, that make a label together.
* A label's value is what its band (from the label to the next label of the rows it spans)
  holds on the label's centre line and on the pieces' lines just above and below it, as many
  above as below; a piece another field was read from does not count. Lines that do not pair
  up (a value that runs on below only) leave the value unread, with a note.
* A label wrapped over two lines, its second piece right under its first (项目负责 / 人), or
  with its mark under it (实施单位 / (盖章)), holds its row's two lines (a Chromium print with
  a Type 3 CJK font merges the row's one-line cells into either): its value is its band's
  word on each, nothing beyond them.
* A value's one piece past its label's line without a piece on the other side is still its
  own where that line is surely the label's row's: a two-line label holds both lines, or the
  line holds a label overlapping a label on the line past it (one column, two rows).
* A value read over lines that lists words a space apart (张永锋 王兰平 … 郑青 / 戴旭峰) is not
  joined: its line may have broken at a space or inside a name.
* A word two fields would be read from is neither's.
* The table starts below the title and the year; it ends at the funds, the goals or the grid
  (their names).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import regex

from selfeval.extract.text.columns import is_layout_header
from selfeval.extract.text.dump_lines import DumpLine, title_text
from selfeval.extract.text.layout_funds import name_piece
from selfeval.extract.text.layout_tokens import Token, tokens
from selfeval.extract.text.pieces import undo_autospace
from selfeval.extract.text.spread_names import join_spread
from selfeval.extract.vocabulary import label_key
from selfeval.extract.wrap import join_wrapped

#: What ends the header: the funds block, the goals block (or a numbered heading over it,
#: 1.项目年度目标完成情况).
_STOP = regex.compile(
    r"^(?:\d+[.、．])?"
    r"(?:项目资金|资金情况|预算执行情况|预算资金|年度预算数|年度资金总额|预期目标|年度总体目标|年度目标"
    r"|项目年度目标)"
)
#: The year over the table, in brackets: （2021年度）.
_YEAR = regex.compile(r"^[（(]?(?:19|20)\d\d年度?[)）]?$")
_WORD = regex.compile(r"\S+")
#: The mark a label may print after it: (盖章), its pieces cut by a line break ((盖 / 章)).
_LABEL_MARK = regex.compile(r"^[（(]盖?章?[)）]?$")
#: Chinese words one space apart (a list of names): a line break among them may be a space.
_LIST = regex.compile(r"\p{Han} +\p{Han}")

_AROUND_DOUBT = "its value's lines may stand around its label's pieces"
_LIST_DOUBT = "it lists words a space apart over lines"
_GLUED_DOUBT = "the next label's text runs into it (its end may be cut)"
#: A person's name as forms print them: two or three Chinese characters.
_PERSON = regex.compile(r"^\p{Han}{2,3}$")

#: How far right of a cut label's top piece its bottom piece may start (centred under it,
#: poppler's coarser grid, -fixed 3, moves it a character or two).
_CUT_REACH = 2

#: The fewest characters of a label found glued to the end of a word (联系电话, not 电话).
_GLUED_LABEL = 4

#: A word's place: (line, start).
At = tuple[int, int]


@dataclass(frozen=True)
class HeaderField:
    field: str
    label: str
    value: str | None  # None: the label is there, its value could not be placed
    words: frozenset[At]  # every word it was read from
    doubt: str = ""  # why the value could not be placed


def read_layout_header(lines: list[DumpLine]) -> list[HeaderField]:
    """The header's fields in the order printed; a label whose value could not be placed
    comes with ``value`` None and its doubt."""
    from selfeval.extract.text.web import header_label, is_structural  # (web imports columns)

    rows: list[list[Token]] = []
    for k, line in enumerate(lines):
        toks = _words(tokens(line.text, k, split_words=False), header_label)
        if any(is_layout_header(label_key(t.text)) or _STOP.match(label_key(t.text)) for t in toks):
            break
        if toks and all(_funds_name(t.text) for t in toks):
            break
        rows.append(toks)
    first = next((k for k, toks in enumerate(rows) if any(header_label(t.text) for t in toks)), 0)
    for k in range(first):  # the title and the year over the table are none of its cells
        if any(title_text(t.text) or _YEAR.match(label_key(t.text)) for t in rows[k]):
            rows[: k + 1] = [[] for _ in range(k + 1)]
    return _Header(rows, header_label, is_structural).fields()


@dataclass(frozen=True)
class _Label:
    """A label found: its field, text and words, the line its row is centred on, and the
    band its value may stand in."""

    field: str
    text: str
    words: tuple[Token, ...]
    centre: int
    band: tuple[int, int]
    #: a label cut over two lines one under the other (项目负责 / 人): its row's two lines
    pair: tuple[int, int] | None = None


class _Header:
    def __init__(
        self,
        rows: list[list[Token]],
        label_of: Callable[[str], str | None],
        structural: Callable[[str], bool],
    ) -> None:
        self.rows = _heads_apart(rows, label_of)
        self.label_of = label_of
        self.labels: set[At] = set()
        #: the two lines of each two-line label's row (项目负责 / 人)
        self.pair_rows: set[tuple[int, int]] = set()
        self.values: set[At] = set()
        #: words a label follows with no space between: their end may be cut by the label
        self.glued = {
            _at(t)
            for toks in rows
            for t, after in zip(toks, toks[1:], strict=False)
            if after.x0 == t.x1 and label_of(after.text) and not label_of(t.text)
        }
        for toks in rows:
            for i, t in enumerate(toks):
                if label_of(t.text):
                    self.labels.add(_at(t))
                elif i and _at(toks[i - 1]) in self.labels and not structural(t.text):
                    self.values.add(_at(t))

    def fields(self) -> list[HeaderField]:
        found = self._labels()
        owner: dict[At, int] = {}  # a word one field alone was read from
        read: dict[int, HeaderField | None] = {}
        for _ in range(4):  # a field read claims its pieces: read the others again without them
            read = {
                i: self._read(label, {w for w, j in owner.items() if j != i})
                for i, label in enumerate(found)
            }
            owners: dict[At, set[int]] = {}
            for i, f in read.items():
                for w in f.words if f is not None and _placed(f) else ():
                    owners.setdefault(w, set()).add(i)
            now = {w: min(who) for w, who in owners.items() if len(who) == 1}
            if now == owner:
                break
            owner = now
        fields = [f for f in read.values() if f is not None]
        # one label word read two ways (实施单位 alone, or cut with its (盖章)): the one that reads
        fields = [f for f in fields if f.value is not None or not _read_elsewhere(f, fields)]
        fields = [f for f in fields if not _read_more_fully(f, fields)]
        shared = {w for f in fields for g in fields if g is not f for w in f.words & g.words}
        out = [
            replace(f, value=None, doubt="a line of it may be another label's value")
            if f.words & shared and f.value is not None
            else f
            for f in fields
        ]
        return sorted(out, key=lambda f: min(f.words))

    def _labels(self) -> list[_Label]:
        out = []
        for k, toks in enumerate(self.rows):
            for t in toks:
                field = self.label_of(t.text)
                if field is not None:
                    out.append(_Label(field, t.text, (t,), k, (t.x1, 10**6)))
        for j in range(len(self.rows) - 2):
            for top in [*self.rows[j], *_spread_runs(self.rows[j])]:
                for bottom in [*self.rows[j + 2], *_spread_runs(self.rows[j + 2])]:
                    found = self._cut_label(top, bottom)
                    if found is not None:
                        out.append(found)
        for j in range(len(self.rows) - 1):
            for top in self.rows[j]:
                for bottom in self.rows[j + 1]:
                    found = self._two_line_label(top, bottom)
                    if found is not None:
                        out.append(found)
        # a label's short form that is the bottom piece of its cut full form (主 管 / … / 部 门)
        # is that label's piece, not a label of its own
        pieces = {_at(w) for label in out if len(label.words) > 1 for w in label.words}
        lone = {_at(label.words[0]) for label in out if len(label.words) == 1}
        out = [label for label in out if len(label.words) > 1 or _at(label.words[0]) not in pieces]
        for toks in self.rows:  # (and the word after it is no value of its own)
            for before, t in zip(toks, toks[1:], strict=False):
                if _at(before) in pieces & lone:
                    self.values.discard(_at(t))
        self.pair_rows = {label.pair for label in out if label.pair is not None}
        return [replace(label, band=(label.band[0], _band_end(label, out))) for label in out]

    def _cut_label(self, top: Token, bottom: Token) -> _Label | None:
        """Two pieces cut around the line between them, making a label together."""
        if not (top.x0 < bottom.x1 and bottom.x0 <= top.x1 + _CUT_REACH):
            return None
        if _at(top) in self.values or _at(bottom) in self.values:
            return None
        text = top.text + bottom.text
        field = self.label_of(text)
        if field is None:
            return None
        if _at(bottom) in self.labels and self.label_of(bottom.text) != field:
            return None
        middle = top.line + 1
        x0, x1 = min(top.x0, bottom.x0), max(top.x1, bottom.x1)
        if any(t.x0 < x1 and x0 < t.x1 for t in self.rows[middle]):
            return None
        right = min(self._next_label(k, x1) for k in (top.line, middle, bottom.line))
        return _Label(field, text, (top, bottom), middle, (x1, right))

    def _two_line_label(self, top: Token, bottom: Token) -> _Label | None:
        """A label wrapped over two lines, its second piece right under its first (项目负责 /
        人, 主管部 / 门; a Type 3 CJK font's inflated size merges the row's one-line cells into
        one of its two lines): the row holds both lines. The word right after either piece
        on its line, in its band, is the label's value (``values``)."""
        if not top.x0 <= bottom.x0 <= top.x0 + _CUT_REACH or _at(bottom) in self.values:
            return None
        if self.label_of(top.text):  # (a label, its mark under it: 实施单位 / (盖章))
            if not _LABEL_MARK.match(label_key(bottom.text)):
                return None
            field = self.label_of(top.text)
        elif _at(top) in self.values or bottom.x1 > top.x1 or self.label_of(bottom.text):
            return None
        else:
            field = self.label_of(top.text + bottom.text)
        if field is None:
            return None
        x1 = max(top.x1, bottom.x1)
        right = min(self._next_label(k, x1) for k in (top.line, bottom.line))
        for piece in (top, bottom):  # (the word right after it, in its band)
            after = [t for t in self.rows[piece.line] if t.x0 >= piece.x1]
            if after and after[0].x0 < right and not self.label_of(after[0].text):
                self.values.add(_at(after[0]))
        return _Label(
            field,
            top.text + bottom.text,
            (top, bottom),
            top.line,
            (x1, right),
            (top.line, bottom.line),
        )

    def _in_pair_row(self, k: int, pieces: list[Token]) -> bool:
        """Is the one piece beside line ``k`` on a line that a two-line label's row holds
        together with line ``k`` (主管部 / 门 beside 实施单位 原州区农业技术推广服 / 务中心)? Rows
        are contiguous: a label on line ``k`` is in that row, and so is its value's piece."""
        return len(pieces) == 1 and tuple(sorted((k, pieces[0].line))) in self.pair_rows

    def _in_row_by_labels(self, k: int, pieces: list[Token]) -> bool:
        """Is the one piece beside line ``k`` on a line that holds a label M right of it, the
        line past it a label overlapping M's places (主管部门 杭州市余杭区综合行政执法 / 局
        实施单位 / 项目负责人 … 联系电话)? -layout places a text right of every text that ends
        left of its start, so texts printed overlapping overlap on the page: M and that
        label are one column's, in two rows; the line past is the next row's, so the
        piece's line is the label's row's (rows are contiguous)."""
        if len(pieces) != 1:
            return False
        piece = pieces[0]
        past = piece.line + (piece.line - k)
        if not 0 <= past < len(self.rows):
            return False
        marks = [t for t in self.rows[piece.line] if _at(t) in self.labels and t.x0 >= piece.x1]
        beyond = [t for t in self.rows[past] if _at(t) in self.labels]
        return any(m.x0 < n.x1 and n.x0 < m.x1 for m in marks for n in beyond)

    def _next_label(self, k: int, x: int) -> int:
        return min(
            (t.x0 for t in self.rows[k] if _at(t) in self.labels and t.x0 >= x), default=10**6
        )

    def _in_band(self, k: int, band: tuple[int, int], claimed: set[At]) -> list[Token]:
        if not 0 <= k < len(self.rows):
            return []
        # (a label's mark cut over lines, 实施单 / 位 (盖 / 章), is no value's piece)
        return [
            t
            for t in self.rows[k]
            if (band[0] <= t.x0 < band[1] or t.x0 < band[0] < t.x1)
            and _at(t) not in claimed
            and not _LABEL_MARK.match(label_key(t.text))
        ]

    def _read(self, label: _Label, claimed: set[At]) -> HeaderField | None:
        """The label's value: its band's words on the centre line and the pieces paired
        around it (none: an empty cell)."""
        own = {_at(w) for w in label.words}
        words = frozenset(own)
        if label.pair is not None:
            return self._read_pair(label, label.pair, claimed)
        middle = [t for t in self._in_band(label.centre, label.band, claimed) if _at(t) not in own]
        people: set[At] | None = set() if label.field == "managers" else None
        if people is not None and _people(middle, self.labels):
            # people's names spread over the cell (陈晓燕        孙立群): one list
            text = " ".join(w for t in middle for w in t.text.split())
            people |= {_at(t) for t in middle}
            middle = [Token(text, middle[0].line, middle[0].x0, middle[-1].x1)]
        if len(middle) > 1 or (middle and _at(middle[0]) in self.labels):
            return HeaderField(label.field, label.text, None, words, "its line holds two words")
        above = self._run(label.centre, -1, label.band, claimed | own | (people or set()), people)
        below = self._run(label.centre, 1, label.band, claimed | own | (people or set()), people)
        own |= people or set()
        if len(above) != len(below) and not (
            middle
            and (
                self._in_pair_row(label.centre, above + below)
                or self._in_row_by_labels(label.centre, above + below)
            )
        ):
            # (the pieces looked at are not known to be its own)
            return HeaderField(
                label.field, label.text, None, words, "its lines do not pair up around its label"
            )
        parts = [*reversed(above), *middle, *below]
        words = frozenset(own | {_at(t) for t in parts})
        if not parts:
            return None
        if not above and not below and self._around_pieces(label, claimed | own):
            return HeaderField(label.field, label.text, None, words, _AROUND_DOUBT)
        if any(_at(p) in self.glued for p in parts):
            return HeaderField(label.field, label.text, None, words, _GLUED_DOUBT)
        if len(parts) > 1 and any(_LIST.search(p.text) for p in parts):
            names = [w for p in parts for w in p.text.split()]
            if label.field == "managers" and all(_PERSON.match(w) for w in names):
                # a list of people's names: a line breaks where a space stood (a name cut
                # by the break would leave a piece of one character)
                return HeaderField(label.field, label.text, " ".join(names), words)
            return HeaderField(label.field, label.text, None, words, _LIST_DOUBT)
        value = str(join_wrapped([undo_autospace(p.text, prose=True) for p in parts]))
        return HeaderField(label.field, label.text, value, words)

    def _around_pieces(self, label: _Label, claimed: set[At]) -> bool:
        """Does a value read from its label's middle line alone, the label's two pieces on
        the lines just above and below it, have words in its band on the lines beyond both
        pieces, lines that hold no label (项目负 / 于秀娟 郑青 / 责人, with 张永锋 王兰平 above
        and 戴旭峰 below)? Its lines may stand between and around the label's: where it
        ends is not known."""
        lines = sorted(w.line for w in label.words)
        if lines != [label.centre - 1, label.centre + 1]:
            return False
        for j in (label.centre - 2, label.centre + 2):
            if not 0 <= j < len(self.rows) or any(_at(t) in self.labels for t in self.rows[j]):
                return False
            if len(self._in_band(j, label.band, claimed)) != 1:
                return False
        return True

    def _read_pair(
        self, label: _Label, pair: tuple[int, int], claimed: set[At]
    ) -> HeaderField | None:
        """A two-line label's value: its band's word on each of its two lines, none beyond
        them (a value of more lines: whose lines would they be?)."""
        own = {_at(w) for w in label.words}
        lines = [
            [t for t in self._in_band(k, label.band, claimed) if _at(t) not in own] for k in pair
        ]
        words = frozenset(own | {_at(t) for line in lines for t in line})
        if any(len(line) > 1 or any(_at(t) in self.labels for t in line) for line in lines):
            return HeaderField(label.field, label.text, None, words, "its line holds two words")
        above = self._run(pair[0], -1, label.band, claimed | own, None)
        below = self._run(pair[1], 1, label.band, claimed | own, None)
        if above or below:
            return HeaderField(
                label.field, label.text, None, words, "its lines do not pair up around its label"
            )
        parts = [t for line in lines for t in line]
        if not parts:
            return None
        if any(_at(p) in self.glued for p in parts):
            return HeaderField(label.field, label.text, None, words, _GLUED_DOUBT)
        if len(parts) > 1 and any(_LIST.search(p.text) for p in parts):
            return HeaderField(label.field, label.text, None, words, _LIST_DOUBT)
        value = str(join_wrapped([undo_autospace(p.text, prose=True) for p in parts]))
        return HeaderField(label.field, label.text, value, words)

    def _run(
        self, k: int, step: int, band: tuple[int, int], claimed: set[At], people: set[At] | None
    ) -> list[Token]:
        """The pieces on the lines next to line ``k`` going ``step``, one a line; with
        ``people`` (a field listing people), a line of people's names spread over the cell
        is one piece, the places of its names added to ``people``."""
        out: list[Token] = []
        j = k + step
        while True:
            here = self._in_band(j, band, claimed)
            if people is not None and _people(here, self.labels):
                people |= {_at(t) for t in here}
                text = " ".join(w for t in here for w in t.text.split())
                here = [Token(text, j, here[0].x0, here[-1].x1)]
            if len(here) != 1 or _at(here[0]) in self.labels or _at(here[0]) in self.values:
                return out
            out.append(here[0])
            j += step


def _heads_apart(
    rows: list[list[Token]], label_of: Callable[[str], str | None]
) -> list[list[Token]]:
    """``rows`` with a word cut off the line's text after it where, with the word right under
    it on the next line, it makes a label (项目负责 刘春雨 / 人: the label's first piece, one
    space before its value)."""
    out = [list(toks) for toks in rows]
    for j in range(len(rows) - 1):
        for t in rows[j]:
            head = t.text.split(" ", 1)[0]
            if head == t.text or label_of(head):
                continue
            under = [b for b in rows[j + 1] if t.x0 <= b.x0 <= t.x0 + _CUT_REACH]
            if len(under) != 1 or " " in under[0].text or under[0].x1 > t.x0 + len(head):
                continue
            if label_of(head + under[0].text) is None or label_of(under[0].text):
                continue
            rest = t.text[len(head) :].lstrip()
            x = t.x1 - len(rest)
            at = out[j].index(t)
            out[j][at : at + 1] = [
                Token(head, t.line, t.x0, t.x0 + len(head)),
                Token(rest, t.line, x, t.x1),
            ]
    return out


def _spread_runs(toks: list[Token]) -> list[Token]:
    """Characters printed one space apart (主 管) joined: a piece of a cut label may be spread."""
    runs: list[list[Token]] = []
    for t in toks:
        if len(t.text) == 1 and runs and runs[-1] and runs[-1][-1].x1 + 1 == t.x0:
            runs[-1].append(t)
        elif len(t.text) == 1:
            runs.append([t])
        else:
            runs.append([])
    return [
        Token("".join(c.text for c in run), run[0].line, run[0].x0, run[-1].x1)
        for run in runs
        if len(run) > 1
    ]


def _people(words: list[Token], labels: set[At]) -> bool:
    """Are the words two or more people's names (no label among them)?"""
    return (
        len(words) > 1
        and all(_at(t) not in labels for t in words)
        and all(_PERSON.match(w) for t in words for w in t.text.split())
    )


def _placed(f: HeaderField) -> bool:
    """Are the field's words certainly its own (its value read, or only its join in doubt)?"""
    return f.value is not None or f.doubt == _LIST_DOUBT


def _band_end(label: _Label, labels: list[_Label]) -> int:
    """Where a label's value ends: at the next label right of it on the lines it spans."""
    lines = {w.line for w in label.words} | {label.centre}
    return min(
        (
            min(w.x0 for w in other.words)
            for other in labels
            if other is not label
            and min(w.x0 for w in other.words) >= label.band[0]
            and lines & ({w.line for w in other.words} | {other.centre})
        ),
        default=10**6,
    )


def _read_more_fully(f: HeaderField, fields: list[HeaderField]) -> bool:
    """Is the same value read for ``f``'s field from more words holding ``f``'s label word
    (实施单位 alone and with its (盖章) under it: one reading)?"""
    return f.value is not None and any(
        g is not f and g.field == f.field and g.value == f.value and f.words < g.words
        for g in fields
    )


def _read_elsewhere(f: HeaderField, fields: list[HeaderField]) -> bool:
    """Is a label word of the unread ``f`` read as (part of) another label that reads?"""
    return any(
        g is not f and g.value is not None and g.field == f.field and f.words & g.words
        for g in fields
    )


def _funds_name(text: str) -> bool:
    """A word of the funds block's header (a fund column's name or a piece of it, with its
    mark: 执行率(B)."""
    return all(name_piece(word) for word in text.split())


def _at(t: Token) -> At:
    return t.line, t.x0


def _words(toks: list[Token], label_of: Callable[[str], str | None]) -> list[Token]:
    """The line's words: a label printed letter by letter (项   目   名   称) as one, and a
    label one space from its neighbours (主管部门 乐亭县市场监督管理局 实施单位) apart from them
    (words one space apart stay one otherwise: 张永锋 王兰平)."""
    out: list[Token] = []
    for t in join_spread(toks, label_of):
        out += _label_apart(t, label_of)
    joined: list[Token] = []
    for t in out:  # a label's mark a few places right of it (实施单位      (盖章)): the label's
        if joined and _LABEL_MARK.match(t.text) and label_of(joined[-1].text):
            last = joined[-1]
            gap = " " * (t.x0 - last.x1)
            joined[-1] = Token(last.text + gap + t.text, t.line, last.x0, t.x1)
            continue
        joined.append(t)
    return joined


def _label_apart(t: Token, label_of: Callable[[str], str | None]) -> list[Token]:
    """A word holding a label among others one space apart, cut into the label (with the
    bracketed mark after it: 实施单位 (盖章), 实施单位 (盖) and the runs of words around it."""
    words = [
        piece
        for m in _WORD.finditer(t.text)
        for piece in _glued_apart(m.group(0), t.x0 + m.start(), label_of)
    ]
    if not any(label_of(w) for w, _ in words):
        return [t]
    pieces: list[list[tuple[str, int]]] = []
    labelled = False
    for word, x in words:
        if labelled and word[0] in "(（":  # the label's mark
            pieces[-1].append((word, x))
            continue
        is_label = bool(label_of(word))
        if is_label or labelled or not pieces:
            pieces.append([])
        pieces[-1].append((word, x))
        labelled = is_label
    out = []
    for run in pieces:
        start, end = run[0][1], run[-1][1] + len(run[-1][0])
        out.append(Token(t.text[start - t.x0 : end - t.x0], t.line, start, end))
    return out


def _glued_apart(word: str, x: int, label_of: Callable[[str], str | None]) -> list[tuple[str, int]]:
    """A word ending in a long label with no space before it (郑青 戴联系电话: a value printed
    up to the next label, clipped there) cut before the label: the label's text is never a
    value's."""
    if label_of(word):
        return [(word, x)]
    for i in range(1, len(word) - _GLUED_LABEL + 1):
        if regex.match(r"\p{Han}", word[i - 1]) and label_of(word[i:]):
            return [(word[:i], x), (word[i:], x + i)]
    return [(word, x)]
