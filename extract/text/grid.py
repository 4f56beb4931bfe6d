"""The indicator grid of a text dump: rows anchored on their 分值/得分 pair, cells split by wrap.

Each indicator row prints its weight and score as two numbers that end a line; everything
between two such anchors is the previous row's deviation cell, any level labels, and this row's
level-3 name, target and actual. Level labels are recognised by their form (a short name ending
in 指标, or a bare "(50分)"); the rest is split by ``split_cells`` with column widths learned
from the whole grid, so nothing about a particular form is assumed.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import regex

from selfeval.extract.record import Cell, Indicator, Note
from selfeval.extract.text.cells import (
    VIOLATION,
    Column,
    Split,
    cell_lines,
    cell_text,
    split_cells,
    starts_with_closing,
)
from selfeval.extract.text.grid_header import GridHeader
from selfeval.extract.text.pieces import Piece
from selfeval.extract.vocabulary import (
    KNOWN_LEVEL_NAMES,
    LEVEL1_NAMES,
    LEVEL2_NAMES,
    POINTS,
    SENTENCE_END,
    TARGET_SIGN,
)
from selfeval.extract.wrap import join_wrapped

_NUMBER = regex.compile(r"^[+-]?\d+(?:\.\d+)?$")
_NA = {"-", "—", "－", "/", "／", "——"}
_LABEL = regex.compile(rf"^(?:[\p{{Han}}（）()、]{{1,14}}指标|{POINTS})(?:{POINTS})?$")
_ANY_LEVEL_NAME = KNOWN_LEVEL_NAMES | LEVEL1_NAMES
_BARE_WEIGHT = regex.compile(f"^{POINTS}$")
_LEVEL1_WEIGHT = regex.compile(f"{POINTS}$")
#: A run of level labels: (first piece, end, [(label, its pieces)]).
_LabelRun = tuple[int, int, list[tuple[str, list[Piece]]]]
#: A template's placeholder row printed alone on its line: "……", "指标2:" with nothing after.
_PLACEHOLDER_LINE = regex.compile(r"^(?:…+|\.{3,}|指标\d+[:：]?)$")


@dataclass
class Region:
    """The pieces between two anchors, and the anchor's weight/score pieces that close it."""

    pieces: list[Piece]
    weight: Piece | None = None
    score: Piece | None = None
    doubtful: bool = False  # its numbers run over lines the way a wrapped number does


@dataclass
class GridResult:
    indicators: list[Indicator] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


def _is_number(text: str) -> bool:
    return bool(_NUMBER.match(text))


def _is_score(text: str) -> bool:
    return _is_number(text) or text in _NA


def anchor_regions(pieces: list[Piece], *, pair: bool = True) -> list[Region]:
    """Cut the grid's pieces at each weight-and-score pair (``pair``) or at each score.

    The pair is the last two of a run of number pieces that ends a line: "… 1 0.5" on one line
    (the seed's order) or "1", "0.5" each on a line of its own (one cell per block). Where the
    weight comes first (family B: "名称 9 3个 3个 9"), a row ends at a number that ends a line
    after another number, its weight, since the last row.
    """
    if not pair:
        return _score_regions(pieces)
    regions: list[Region] = []
    start = 0
    i, n = 0, len(pieces)
    while i < n:
        if not _is_number(pieces[i].text):
            i += 1
            continue
        j = i
        while j + 1 < n and _is_number(pieces[j + 1].text):
            j += 1
        if j + 1 < n and pieces[j + 1].text in _NA and pieces[j + 1].ends_line:
            j += 1  # a score printed as a dash
        if j > i and pieces[j].ends_line and _is_number(pieces[j - 1].text):
            wrapped = _wrapped_score(pieces[i : j + 1])
            if wrapped:
                regions.append(Region(pieces[start:i], pieces[i], wrapped))
            else:
                # numbers that start mid-line after text but run on over further lines: a
                # number wrapped inside its narrow cell, read no further: weight and score unsure
                doubtful = not pieces[i].starts_line and pieces[j].line_no != pieces[i].line_no
                regions.append(Region(pieces[start : j - 1], pieces[j - 1], pieces[j], doubtful))
            start = j + 1
        i = j + 1
    regions.append(Region(pieces[start:]))  # the last row's deviation, or a cut-off row
    return regions


def _wrapped_score(run: list[Piece]) -> Piece | None:
    """The score of "… 3 / 2.9 / 2": a weight after text, then a score wrapped in its column.

    The weight ends the text's line; each further number stands alone on a line of its own,
    the pieces of one score too wide for its narrow column (2.92). Read so only when the
    joined score is a number no greater than the weight; otherwise None.
    """
    weight, parts = run[0], run[1:]
    if weight.starts_line or len(parts) < 2:
        return None
    if not all(p.starts_line and p.ends_line for p in parts):
        return None
    score = functools.reduce(Piece.joined, parts)
    if not _is_number(score.text) or Decimal(score.text) > Decimal(weight.text):
        return None
    return score


def _score_regions(pieces: list[Piece]) -> list[Region]:
    regions: list[Region] = []
    start = 0
    for i, piece in enumerate(pieces):
        if not (piece.ends_line and _is_score(piece.text)):
            continue
        if any(_is_number(p.text) for p in pieces[start:i]):
            regions.append(Region(pieces[start:i], None, piece))
            start = i + 1
    regions.append(Region(pieces[start:]))
    return regions


def take_labels(pieces: list[Piece]) -> tuple[int, int, list[tuple[str, list[Piece]]]] | None:
    """Find the run of level labels in ``pieces``: (start, end, [(name, pieces)]) or None.

    A label is one piece, or up to five lines joined, that reads as a level name. The run must
    leave at least one piece after it for the level-3 name. A run holding a name no form uses
    ("续影响指标", the tail of a label whose lines were interleaved) gives way to a later run
    of known names.
    """
    first = None
    for start, piece in enumerate(pieces):
        if not piece.starts_line or (first is not None and start < first[1]):
            continue
        run = _label_run(pieces, start)
        if run is not None and _all_known(run):
            return run
        first = first or run
    return first


def _all_known(run: _LabelRun) -> bool:
    """Does every label of the run read as a level name forms use?"""
    return all(
        _BARE_WEIGHT.match(name) or _LEVEL1_WEIGHT.sub("", name) in _ANY_LEVEL_NAME
        for name, _ in run[2]
    )


def _label_run(pieces: list[Piece], start: int) -> _LabelRun | None:
    """The run of labels starting at ``pieces[start]``: (start, end, labels), or None."""
    labels: list[tuple[str, list[Piece]]] = []
    i = start
    while found := _label_at(pieces, i, after_label=bool(labels)):
        i += len(found[1])
        if labels and _BARE_WEIGHT.match(found[0]):
            # "(10分)" on lines of its own ends the label before it: 满意度指标(10分)
            name, group = labels.pop()
            found = (name + found[0], group + found[1])
        labels.append(found)
    return (start, i, labels) if labels else None


def _label_at(
    pieces: list[Piece], i: int, *, after_label: bool = False
) -> tuple[str, list[Piece]] | None:
    """The longest reading of a label starting at ``pieces[i]``: 产出 / 指标 / (50 / 分).

    ``after_label``: a label stands just before, so these lines are no other cell's tail.
    """
    for size in (5, 4, 3, 2, 1):
        if i + size >= len(pieces):
            continue  # a level-3 name must follow
        group = pieces[i : i + size]
        name = "".join(p.text for p in group)
        if _LABEL.match(name) and (
            size == 1
            or _wraps_as_label(group, name)
            or (after_label and _label_in_paragraphs(group, name))
        ):
            return name, group
    return None


def _label_in_paragraphs(group: list[Piece], name: str) -> bool:
    """Lines that read as one known level name only joined (服务对象 / 满意度指标), each a
    line of its own and the first no label: one cell printed in paragraphs, not wrapped."""
    return (
        name in KNOWN_LEVEL_NAMES
        and all(p.starts_line and p.ends_line for p in group)
        and not _LABEL.match(group[0].text)
    )


def _wraps_as_label(group: list[Piece], name: str) -> bool:
    """Can the lines of ``group`` be one label cell wrapped, rather than the ends of others?"""
    if not all(a.ends_line and b.starts_line for a, b in itertools.pairwise(group)):
        return False
    if group[-1].text in KNOWN_LEVEL_NAMES or name.count("指标") > 1:
        return False  # the last line is a whole label, or two labels run together
    widths = [p.width for p in group[:-1]]
    if max(widths) - min(widths) > 1:
        return False  # a wrapped label's lines but the last are equally wide
    # its first lines end the cell before where the rest is a known name: 选环节 / 时效指 / 标
    return name in KNOWN_LEVEL_NAMES or not any(
        "".join(p.text for p in group[m:]) in KNOWN_LEVEL_NAMES for m in range(1, len(group))
    )


@dataclass
class _Row:
    region: Region
    dev_before: list[Piece]  # the previous row's deviation pieces found in this region
    labels: list[tuple[str, list[Piece]]]
    split: Split | None
    body: list[Piece]
    empty_labels: list[tuple[str, list[Piece]]] = field(default_factory=list)
    dev_ok: bool = True  # the previous row's deviation in ``dev_before`` reads as one cell
    dev_known: bool = False  # ``dev_before`` was found apart from this row's own cells

    @property
    def score(self) -> Piece:
        """The score that closes the row's region (only the last region has none, and it
        closes no row)."""
        if self.region.score is None:
            raise ValueError("a row's region ends at its score")
        return self.region.score

    @property
    def cells(self) -> dict[str, list[Piece]]:
        """The row's cells, for a row whose split was made (its body was not too long)."""
        if self.split is None:
            raise ValueError("the row's body was too long to split")
        return self.split.cells


_MAX_REGION = 80  # pieces; a region this long means the anchors were not found in row order
_HAN_TEXT = regex.compile(r"\p{Han}")


_SENTENCE_GOES_ON = regex.compile(r"[。；;].")


def _accept_level3(text: str) -> bool:
    """A level-3 name holds Chinese and is a name: no sentence ends inside it."""
    return bool(_HAN_TEXT.search(text)) and not _SENTENCE_GOES_ON.search(text)


def _is_operator(text: str) -> bool:
    return bool(TARGET_SIGN.match(text))


def _accept_unit(text: str) -> bool:
    return len(text) <= 8 and not any(ch.isdigit() for ch in text)


def _lost_points(region: Region, row: _Row | None = None) -> bool | None:
    """Did the row closed by ``region`` lose points (score below weight)? None if unknown.
    Where the weight is printed first, among the row's cells (名称 9 3个 3个 9), it is the
    weight its split (``row``) took."""
    weight = region.weight
    if weight is None and row is not None and row.split is not None:
        taken = row.split.cells.get("weight")
        weight = taken[0] if taken and len(taken) == 1 else None
    if region.score is None or weight is None:
        return None
    try:
        return Decimal(region.score.text) < Decimal(weight.text)
    except InvalidOperation:
        return None


def _columns(
    header: GridHeader, widths: dict[str, float | None], with_dev: bool, lost: bool | None
) -> list[Column]:
    """The columns one region fills; a deviation is expected where the previous row lost points."""
    cols = []
    if with_dev:
        empty, filled = (3.0, 0.0) if lost else (0.0, 3.0) if lost is False else (0.0, 0.0)
        cols.append(
            Column(
                "deviation",
                widths.get("deviation"),
                empty_cost=empty,
                filled_cost=filled,
                ends_row=True,
            )
        )
    cols.append(Column("level3", widths.get("level3"), required=True, accept=_accept_level3))
    if header.weight_first:
        cols.append(Column("weight", None, required=True, max_pieces=1, accept=_is_number))
    for role in header.text_roles:
        if role == "target.op":
            cols.append(Column(role, None, empty_cost=0.5, max_pieces=1, accept=_is_operator))
        elif role == "target.unit":
            cols.append(Column(role, None, empty_cost=0.5, max_pieces=1, accept=_accept_unit))
        else:
            cols.append(Column(role, widths.get(role), required=True))
    return cols


def _plan(
    regions: list[Region],
    found_labels: list[tuple[int, int, list[tuple[str, list[Piece]]]] | None],
    header: GridHeader,
    widths: dict[str, float | None],
    shared_lines: bool = True,
) -> list[_Row]:
    """Each region as a row: its labels (``take_labels`` of each region), the previous row's
    deviation found before them, and its cells split with the column ``widths`` known so far."""
    # Labels printed before every row are the row's own cells, not cells merged over many rows,
    # so a one-line label shares its line with a one-line level-3 name.
    own_labels = bool(found_labels) and all(found_labels)
    rows: list[_Row] = []
    for k, region in enumerate(regions[:-1]):
        found = found_labels[k]
        before = None
        empty: list[tuple[str, list[Piece]]] = []
        if found:
            start, end, labels = found
            labels, empty = _without_empty_rows(labels)
            dev, body = region.pieces[:start], _after_label(region.pieces[end:])
            with_dev, lost = False, None
            if own_labels and len(labels[-1][1]) == 1:
                before = labels[-1][1][0]
        else:
            labels, dev, body = [], [], region.pieces
            with_dev, lost = k > 0, (_lost_points(regions[k - 1], rows[-1]) if k else None)
            if k and _one_line_anchor(regions[k - 1]):
                # the previous row's one-line cells share the anchor's line; a one-line
                # deviation would have too, so one on a line of its own is no deviation
                before = regions[k - 1].score
        split = None
        if len(body) <= _MAX_REGION:
            split = split_cells(
                body,
                _columns(header, widths, with_dev, lost),
                before=before,
                after=region.weight or region.score,
                shared_lines=shared_lines,
            )
        if split is not None and lost is False and _name_head(split.cells.get("deviation")):
            # a row that lost no points prints no reason as a rule: text before this row's
            # name that ends no sentence may as well be the name's first line (★培育农业科技示
            # / 范主体 9 …); a reason that ends one (…据实调整。) is no name's
            split.uncertain |= {"deviation", "level3"}
        dev_known = bool(found)
        if with_dev and not _clean_deviation(split):
            before_anchor = _before_anchor_line(region, body, 1 + len(header.text_roles))
            if before_anchor is not None:
                dev, dev_known = before_anchor, True
        dev_ok = not dev or _one_cell(dev, widths.get("deviation"))
        rows.append(_Row(region, dev, labels, split, body, empty, dev_ok, dev_known))
    return rows


def _name_head(pieces: list[Piece] | None) -> bool:
    """Could ``pieces`` (a deviation's text) be the first lines of the next name instead?"""
    if not pieces:
        return False
    return not SENTENCE_END.search(pieces[-1].text)


def _before_anchor_line(region: Region, body: list[Piece], columns: int) -> list[Piece] | None:
    """The previous row's deviation, where this row's cells all start on its anchor line.

    When the line of the row's weight and score holds, before them, more separate pieces than
    the row has text columns (a label's first line among them), every cell of the row starts
    on that line (a tall one runs on below it, interleaved): all whole lines before it are the
    previous row's deviation.
    """
    if region.weight is None:
        return None
    at = next((k for k, p in enumerate(body) if p.line_no == region.weight.line_no), None)
    if at is None or not body[at].starts_line:
        return None
    cells = 1 + sum(1 for p in body[at + 1 :] if not p.soft_before)
    if cells <= columns:
        return None  # as many as its columns: the first may be a tall cell's last line
    before = body[:at]
    if not all(p.starts_line and p.ends_line for p in before):
        return None
    return before


def _clean_deviation(split: Split | None) -> bool:
    """Does ``split`` break no wrap rule and place the deviation's end with certainty?"""
    return split is not None and split.cost < VIOLATION and "deviation" not in split.uncertain


def _one_cell(pieces: list[Piece], width: float | None) -> bool:
    """Do ``pieces`` read as one cell, breaking no wrap rule (a deviation before labels)?"""
    split = split_cells(pieces, [Column("deviation", width)])
    return bool(split and not split.uncertain and split.cost < VIOLATION)


def _one_line_anchor(region: Region) -> bool:
    """Are the region's weight and score printed on one line (no score wrapped in its cell)?"""
    weight, score = region.weight, region.score
    return weight is not None and score is not None and weight.line_no == score.line_no


def _is_level1(name: str) -> bool:
    return name in LEVEL1_NAMES or bool(_LEVEL1_WEIGHT.search(name))


def _without_empty_rows(
    labels: list[tuple[str, list[Piece]]],
) -> tuple[list[tuple[str, list[Piece]]], list[tuple[str, list[Piece]]]]:
    """A level-2 name directly followed by another level-2 name heads a row left blank.

    "(30分) / 经济效益指标 / 社会效益指标" or "生态效益指标 / 可持续影响指标" print a level-2
    cell whose row holds nothing before the next one's; returns the labels of this row and
    those of the blank row (one at most: more are lines of several cells interleaved).
    """
    names = [name for name, _ in labels]
    blank = [
        k
        for k in range(len(labels) - 1)
        if names[k] in LEVEL2_NAMES and names[k + 1] in LEVEL2_NAMES
    ]
    if len(blank) != 1 or len(labels) - 1 > _MAX_LABELS:
        return labels, []
    (k,) = blank
    return labels[:k] + labels[k + 1 :], [labels[k]]


def _after_label(body: list[Piece]) -> list[Piece]:
    """The row's pieces after its labels; one that shares the label's line starts the row's.

    A tall label's last line may fall on the baseline of the level-3 name's first line, and
    the dump prints them as one line: the name still starts its cell's line.
    """
    if body and not body[0].starts_line:
        body = [dataclasses.replace(body[0], starts_line=True, soft_before=False), *body[1:]]
    return body


_MIN_WIDTH_EVIDENCE = 3  # wrapped lines needed before a column's width is trusted


def _estimate_widths(rows: list[_Row]) -> dict[str, float | None]:
    """Each column's width: the common width of its cells' non-final lines."""
    seen: dict[str, list[int]] = {}
    for row in rows:
        if row.split is None or not _certain(row):
            continue  # a doubtful split would teach a wrong width
        cells = dict(row.split.cells)
        if row.dev_before and row.dev_ok:
            cells["deviation"] = row.dev_before
        for name, pieces in cells.items():
            seen.setdefault(name, []).extend(p.width for p in cell_lines(pieces)[:-1])
    widths: dict[str, float | None] = {}
    for name, values in seen.items():
        if len(values) >= _MIN_WIDTH_EVIDENCE:
            mode = Counter(values).most_common(1)[0][0]
            widths[name] = float(max(v for v in values if v <= mode + 1))
    return widths


def _cell(pieces: list[Piece]) -> Cell:
    return Cell(cell_text(pieces), pieces[0].page if pieces else None)


_MAX_LABELS = 2  # a level-1 and a level-2 label; more in one run means lines of cells interleave


def _certain(row: _Row) -> bool:
    """A row is placed only when its split is unique and breaks no wrap rule."""
    split = row.split
    if (
        len(row.labels) > _MAX_LABELS
        or split is None
        or split.uncertain
        or split.cost >= VIOLATION
        or row.region.doubtful
    ):
        return False
    first = row.body[0] if row.body else None
    if first and first.starts_line and starts_with_closing(first.text):
        return False
    return not any(_left_open("".join(p.text for p in cell)) for cell in split.cells.values())


_BRACKETS = (("《", "》"), ("（", "）"), ("(", ")"), ("“", "”"), ("【", "】"), ("[", "]"))


def _left_open(text: str) -> bool:
    """Does ``text`` open a bracket or quotation it never closes? Then its cell was cut short.

    Writer can print a cell's first line with its row and the rest after it ("编发《首都科技"
    ... "产业动态》"); a name or value with an unclosed 《 is such a first line.
    """
    for opening, closing in _BRACKETS:
        depth = 0
        for ch in text:
            if ch == opening:
                depth += 1
            elif ch == closing and depth:
                depth -= 1
        if depth:
            return True
    return False


#: Below this share of rows placed with certainty, the dump's reading order is not row by row
#: (cells of different rows interleave) and no row of the grid is trusted.
MIN_CERTAIN_SHARE = 0.6


def read_grid(
    pieces: list[Piece], header: GridHeader, *, closed: bool = True, trailing: bool = False
) -> GridResult:
    """Read the indicator rows from the grid's pieces (header and total already removed).

    ``closed`` says the grid ended with its total line; in a cut-off grid the text after the
    last row may be a deviation or the start of a row that was cut, so it is not placed.
    A row is emitted only when its own cells and the next row's (where its deviation ends)
    were split with certainty; the others are reported as unplaced, never guessed.
    ``trailing`` says text follows the total line: a row that lost points but shows no
    reason may have its reason printed there, out of order, so it is not placed either.
    """
    result = GridResult()
    pieces = [p for p in pieces if not _placeholder_line(p)]
    regions = anchor_regions(pieces, pair=not header.weight_first)
    # Does the dump print a row's one-line cells on one line, or each in a block of its own?
    shared = any(not p.starts_line for p in pieces)
    labels = [take_labels(region.pieces) for region in regions[:-1]]
    rows = _plan(regions, labels, header, {}, shared)
    widths = _estimate_widths(rows)
    rows = _plan(regions, labels, header, widths, shared)
    tail = regions[-1].pieces
    tail_ok = not tail or (closed and _one_cell(tail, widths.get("deviation")))
    placed = _placeable(rows, tail_ok)
    in_order = sum(p or _on_anchor_line(row) for p, row in zip(placed, rows, strict=True))
    if rows and in_order < MIN_CERTAIN_SHARE * len(rows):
        result.notes.append(
            unplaced(
                f"the dump's reading order does not keep rows together: only {sum(placed)} of "
                f"{len(rows)} rows could be placed with certainty, so none is given",
                pieces,
                limit=4000,
            )
        )
        return result
    _emit_rows(result, rows, placed, tail, header, trailing=trailing)
    return result


def _emit_rows(
    result: GridResult,
    rows: list[_Row],
    placed: list[bool],
    tail: list[Piece],
    header: GridHeader,
    *,
    trailing: bool,
) -> None:
    """Each placeable row as an indicator into ``result``, its level labels carried down;
    the others as notes."""
    level1, level2 = Cell(), Cell()
    has_level2 = _prints_level2(rows)
    hidden = _hidden_labels(rows)
    for k, row in enumerate(rows):
        if hidden[k] and not _leads_with_level1(row):
            level1, level2 = _LOST, _LOST
        level1, level2 = _carry_labels(row, level1, level2)
        if k + 1 < len(rows) and hidden[k + 1] and placed[k]:
            result.notes.append(_label_in_deviation_note(k, row, rows[k + 1]))
            continue
        result.notes.extend(_empty_label_notes(row))
        unlabelled = level2.empty and (level1.empty or has_level2)
        why = _left_out_why(placed[k], unlabelled, level1)
        if why is not None:
            # (a row with no level label: its labels are printed where this order hides them)
            result.notes.append(
                unplaced(f"row {k + 1} (得分 {row.score.text}): {why}; left out", row.body)
            )
            if _loses_labels(row, placed[k]):
                level1, level2 = _LOST, _LOST
            continue
        why = _name_doubt(row)
        if why is not None:
            result.notes.append(
                unplaced(f"row {k + 1} (得分 {row.score.text}): {why}; left out", row.body)
            )
            if why == _LABELS_IN_NAME:
                level1, level2 = _LOST, _LOST  # (the labels printed there were not read)
            continue
        dev = tail if k + 1 == len(rows) else _deviation_in(rows[k + 1])
        note = _reason_after_total_note(k, row, dev, trailing=trailing)
        if note is not None:
            result.notes.append(note)
            continue
        result.indicators.append(_indicator(row, header, level1, level2, dev))


#: A level label opening a name with more text after it: labels run into the name.
_LABEL_OPENING = regex.compile(
    "(?:" + "|".join(sorted(map(regex.escape, _ANY_LEVEL_NAME), key=len, reverse=True)) + ")."
)
#: Why a name is in doubt: labels run into it (the labels carried on are then unknown), or
#: the target's sign and number.
_LABELS_IN_NAME = "its name opens with a level label run into it"
_TARGET_IN_NAME = "its name ends with a target's sign and number"
#: A comparison and its number ending a name: the target's sign and value run into it.
_TARGET_ENDING = regex.compile(r"[≥≤＞＜><=＝]\s*\d+(?:\.\d+)?$")


def _name_doubt(row: _Row) -> str | None:
    """Why the row's level-3 name, as split, may hold another cell's text (the dump ran the
    cells together with no space: 满意度指标服务对象满意度指标享受…, 覆盖率≥ 98 %); None when
    it reads as a name."""
    name = cell_text(row.split.cells.get("level3", [])) if row.split else None
    if not name:
        return None
    if _LABEL_OPENING.match(name):
        return _LABELS_IN_NAME
    if _TARGET_ENDING.search(name):
        return _TARGET_IN_NAME
    return None


def _prints_level2(rows: list[_Row]) -> bool:
    """Does the grid print level-2 labels? Then a row under none has lost its label in the dump."""
    return any(
        len(row.labels) > 1 or not _is_level1(row.labels[0][0]) for row in rows if row.labels
    )


def _hidden_labels(rows: list[_Row]) -> list[bool]:
    """Per row: does the text before its labels (the previous row's deviation), its lines
    joined, read as a level name - a label the dump printed there, not recognised as one?"""
    return [
        k > 0 and _hides_a_label(row.dev_before if row.split is None else _deviation_in(row))
        for k, row in enumerate(rows)
    ]


def _leads_with_level1(row: _Row) -> bool:
    """Does the row's first label name a level 1 (so a label hidden before it is not missed)?"""
    return any(_is_level1(name) for name, _ in row.labels[:1])


def _label_in_deviation_note(k: int, row: _Row, following: _Row) -> Note:
    """The note for row ``k`` left out because its deviation reads as a level label."""
    return unplaced(
        f"row {k + 1} (得分 {row.score.text}): its deviation reads as a level label; left out",
        row.body + _deviation_in(following),
    )


def _empty_label_notes(row: _Row) -> list[Note]:
    """Notes for the level-2 labels before ``row`` whose rows print no cells."""
    return [
        unplaced(f"level-2 label {name}: its row prints no cells; no row given", group)
        for name, group in row.empty_labels
    ]


def _loses_labels(row: _Row, placed: bool) -> bool:
    """Was a left-out row's text not read apart, so a level label printed in it would be
    missed and the labels carried on are unknown until the next ones are printed?"""
    return not placed and _may_hide_label(row.body)


def _reason_after_total_note(k: int, row: _Row, dev: list[Piece], *, trailing: bool) -> Note | None:
    """A note when row ``k`` lost points with no reason while text follows the total line:
    that text may be its reason, printed out of order, so the row is left out."""
    if not (trailing and not dev and _lost_points(row.region)):
        return None
    return unplaced(
        f"row {k + 1} lost points and shows no reason, while text follows the total "
        "line (perhaps that reason, printed out of order); left out",
        row.body,
    )


def _left_out_why(placed: bool, unlabelled: bool, level1: Cell) -> str | None:
    """Why a row is left out (its cells not certain, its labels lost or not seen), or None."""
    if not placed:
        return "its cells could not be told apart with certainty"
    if level1 is _LOST:
        return "its level labels are interleaved with other cells' lines"
    if unlabelled:
        return "its level-2 label was not seen"
    return None


def _placeholder_line(piece: Piece) -> bool:
    """Is ``piece`` a template's placeholder row alone on its line (……, 指标2:)?"""
    return piece.starts_line and piece.ends_line and bool(_PLACEHOLDER_LINE.match(piece.text))


_NAME_START = regex.compile(r"^\p{Han}")


def _on_anchor_line(row: _Row) -> bool:
    """Is the row's text after its labels one line with its weight and score, led by a name?

    Such a row keeps its name and numbers together: evidence that the dump reads row by row
    even where its cells cannot be told apart (some printed empty). A line led by a value
    ("≥ 2300 人 2315 13 13") is no such evidence: its name may be printed elsewhere.
    """
    anchor = row.region.weight or row.region.score
    return (
        anchor is not None
        and bool(row.body)
        and bool(_NAME_START.match(row.body[0].text))
        and all(p.line_no == anchor.line_no for p in row.body)
    )


def _hides_a_label(pieces: list[Piece]) -> bool:
    """Do these pieces, their lines joined, hold a level name (满意 / 度指 / 标(10 / 分))?"""
    text = "".join(p.text for p in pieces)
    return any(name in text for name in _ANY_LEVEL_NAME)


def _may_hide_label(pieces: list[Piece]) -> bool:
    """Could a level label stand among these pieces (a name, its first three characters or
    more, or a name ending in 指标; a bare 指标 is too often the wrap of 指标1: or 预期指标)?"""
    for p in pieces:
        t = p.text.strip()
        if not t or len(t) > 10:
            continue
        if (len(t) >= 4 and t.endswith("指标")) or _BARE_WEIGHT.match(t):
            return True
        if len(t) >= 3 and any(name.startswith(t) for name in _ANY_LEVEL_NAME):
            return True
    return False


def unplaced(message: str, pieces: list[Piece], *, limit: int = 2000) -> Note:
    """A note for text the reader could not place with certainty, with the text itself."""
    text = " | ".join(p.text for p in pieces)[:limit] or None
    return Note("unplaced-cell", message, pieces[0].page if pieces else None, text)


def _placeable(rows: list[_Row], tail_ok: bool) -> list[bool]:
    """Which rows can be placed: their split and the next one's (their deviation) are certain."""
    certain = [_certain(row) for row in rows] + [tail_ok]
    if rows and not rows[0].labels and any(row.labels for row in rows):
        # The first row has no label before it but later ones do: this order prints merged
        # label cells after the rows they cover, so no row's labels are known.
        return [False] * len(rows)
    ends = [_deviation_certain(row) for row in rows[1:]] + [tail_ok]
    return [certain[k] and ends[k] for k in range(len(rows))]


def _deviation_certain(row: _Row) -> bool:
    """Is where the previous row's deviation ends in ``row``'s region certain?

    It is where the row is certain; or where its labels start a run of labels; or where the
    split, breaking no wrap rule, puts the deviation's end where no other split comes near.
    """
    if not row.dev_ok:
        return False
    if _certain(row):
        return True
    if row.labels:
        return len(row.labels) <= _MAX_LABELS
    return row.dev_known or _clean_deviation(row.split)


#: The carried level-1 label after an interleaved label run: unknown until a new one is printed.
_LOST = Cell()


def _carry_labels(row: _Row, level1: Cell, level2: Cell) -> tuple[Cell, Cell]:
    """Level labels printed before ``row`` replace the ones carried down so far.

    A run of more labels than levels is lines of several cells interleaved: which label is
    which is unknown, and so are the labels carried on from here.
    """
    if len(row.labels) > _MAX_LABELS:
        return _LOST, _LOST
    for pos, (name, group) in enumerate(row.labels):
        label = Cell(join_wrapped([p.text for p in group]), group[0].page)
        is_level1 = (len(row.labels) > 1 and pos == 0) or (
            len(row.labels) == 1 and _is_level1(name)
        )
        if is_level1:
            level1, level2 = label, Cell()
        else:
            level2 = label
    return level1, level2


def _deviation_in(following: _Row) -> list[Piece]:
    """A row's deviation: what stands before the next row's labels or level-3 name."""
    if following.dev_known:
        return following.dev_before
    return following.cells.get("deviation", [])


def _indicator(
    row: _Row, header: GridHeader, level1: Cell, level2: Cell, dev: list[Piece]
) -> Indicator:
    cells = row.cells
    target_roles = [role for role in header.text_roles if role != "actual"]
    target = [p for role in target_roles for p in cells[role]]
    weight = row.region.weight or cells["weight"][0]
    return Indicator(
        level1=level1,
        level2=level2,
        level3=_cell(cells["level3"]),
        # 指标性质 + 指标值 + 度量单位 are printed as one target
        target=Cell(
            "".join(cell_text(cells[role]) or "" for role in target_roles) or None,
            target[0].page if target else None,
        ),
        actual=_cell(cells["actual"]),
        weight=Cell(weight.text, weight.page),
        score=Cell(row.score.text, row.score.page),
        deviation=_cell(dev),
    )
