"""The 项目资金 block of a dump: its column header, then one row per funding line.

A row is its item name followed by exactly one value per column (or by none, for an empty
line such as 上年结转资金). Anything else — a number wrapped inside its narrow cell, values of
different rows interleaved — is reported as unplaced rather than spread over the wrong columns.
"""

from __future__ import annotations

import regex

from selfeval.extract.record import Cell, FundRow, Note
from selfeval.extract.text.column_names import ColumnNames
from selfeval.extract.text.dump_lines import DumpLine
from selfeval.extract.text.pieces import Piece, line_pieces
from selfeval.extract.vocabulary import FUND_BREAKDOWN_START, FUND_ITEM, FUND_NAMES

#: Funds columns by role, with the names the vocabulary gives them.
FUND_HEADER = ColumnNames(FUND_NAMES)
#: (a lone % is the end of a rate its narrow cell wrapped, 100.00 / %: a value's piece, which
#: ``_misfits`` then finds on the next line)
_VALUE = regex.compile(r"^(?:[+-]?\d+(?:[,，]\d{3})*(?:[.．]\d+)?[%％]?|[-—－/／]|——|[%％])$")
#: What a value must look like in each column; anything else means the values are misread.
_SHAPES = {
    # 76.33% / 76.33％, or a fraction (0.7633, 1.00) as some offices print it
    "rate": regex.compile(r"^(?:\d+(?:[.．]\d+)?[%％]|[01](?:[.．]\d+)?|[-—－/／]|——)$"),
    # points of a 100-point form: at most 100 (a 3-digit 202.64 is money)
    "weight": regex.compile(r"^(?:100(?:\.0+)?|\d{1,2}(?:\.\d+)?|[-—－/／]|——)$"),
    "score": regex.compile(r"^(?:100(?:\.0+)?|\d{1,2}(?:\.\d+)?|[-—－/／]|——)$"),
}


_WRAP_TAIL = regex.compile(r"^\p{Han}{1,3}$")  # the few characters a narrow cell wraps


def agreed_placement(roles: list[str], values: list[str]) -> dict[str, str] | None:
    """The cells every placement of ``values`` (in order, some columns empty) that fits the
    columns' shapes agrees on: {role: text}; a column empty in every placement is left out
    too (its emptiness is sure but printed nowhere); None when no placement fits."""
    from itertools import combinations

    readings = []
    for cols in combinations(range(len(roles)), len(values)):
        placed = {roles[c]: v for c, v in zip(cols, values, strict=True)}
        if all(_SHAPES[r].match(v) for r, v in placed.items() if r in _SHAPES):
            readings.append(placed)
    if not readings:
        return None
    return {
        r: readings[0][r]
        for r in roles
        if r in readings[0] and all(reading.get(r) == readings[0][r] for reading in readings)
    }


def _header(lines: list[DumpLine]) -> tuple[list[str], int]:
    """The funds header's column roles and the index of the first line after it."""
    roles: list[str] = []
    text = ""
    body_at = len(lines)
    for k, line in enumerate(lines):
        if not line.text.strip():
            continue  # (a header cell stacked one character a line is header text too)
        if not text and not FUND_HEADER.consume(line.text)[0]:
            continue  # the block's label (项目资金（万元）), perhaps wrapped, before the header
        got, rest = FUND_HEADER.consume(text + line.text)
        if rest and not FUND_HEADER.is_partial(rest):
            break
        text += line.text
        if not rest:
            roles, body_at = got, k + 1
    return roles, body_at


def _body_pieces(lines: list[DumpLine]) -> list[Piece]:
    """The pieces of the block's horizontal lines, each marked when a blank line precedes it."""
    pieces: list[Piece] = []
    gap = False
    for line in lines:
        if not line.text.strip():
            gap = True
        elif not line.vertical:
            pieces += line_pieces(line.text, line.no, page=line.page, gap=gap)
            gap = False
    return pieces


def _take_item(pieces: list[Piece], k: int) -> tuple[list[Piece], int]:
    """The item name's pieces from ``pieces[k]`` on, and the index after them."""
    item_pieces = [pieces[k]]
    k += 1
    while k < len(pieces) and not _VALUE.match(pieces[k].text):
        joined = "".join(p.text for p in [*item_pieces, pieces[k]])
        # the item's wrapped tail (其中：当年财政拨 / 款) goes on it; a piece that is an item
        # of its own starts the next row
        if FUND_ITEM.match(pieces[k].text) or not FUND_ITEM.match(joined):
            break
        if FUND_ITEM.match(item_pieces[-1].text) and not _WRAP_TAIL.match(pieces[k].text):
            break
        item_pieces.append(pieces[k])
        k += 1
    return item_pieces, k


def _tail_after_values(item_pieces: list[Piece], piece: Piece) -> bool:
    """Is ``piece``, printed after a row's values, the rest of its item that a narrow cell
    wrapped (其中:当年财政拨 / 492.000000 … 76.33% 款)? Only where the item is no whole
    funding line's name without it and is one with it."""
    item = "".join(p.text for p in item_pieces)
    return (
        bool(_WRAP_TAIL.match(piece.text))
        and not FUND_ITEM.match(piece.text)
        and not _whole_item(item)
        and _whole_item(item + piece.text)
    )


def _whole_item(item: str) -> bool:
    """A funding line's whole name: 年度资金总额, or 其中 followed by one (其中:当年财政拨款)."""
    part = FUND_BREAKDOWN_START.sub("", item).lstrip(":：")
    return bool(part) and bool(FUND_ITEM.match(part))


def _take_values(pieces: list[Piece], k: int) -> tuple[list[Piece], int]:
    """The value pieces from ``pieces[k]`` on, and the index after them."""
    values = []
    while k < len(pieces) and _VALUE.match(pieces[k].text):
        values.append(pieces[k])
        k += 1
    return values, k


def _misfits(roles: list[str], values: list[Piece]) -> list[str]:
    """The values out of place: of the wrong shape for their column, or wrapped from above."""
    misfit = [
        v.text
        for role, v in zip(roles, values, strict=False)
        if role in _SHAPES and not _SHAPES[role].match(v.text)
    ]
    # values on one line, or each a block of its own; a value on the next line with no
    # blank line before it may be the rest of a number its narrow cell wrapped (202.6400 / 00)
    misfit += [
        b.text
        for a, b in zip(values, values[1:], strict=False)
        if b.line_no != a.line_no and not b.gap_before
    ]
    return misfit


def _place_agreed(
    row: FundRow, item: str, roles: list[str], values: list[Piece], notes: list[Note]
) -> bool:
    """Fill ``row`` from fewer values than columns on one line where every fitting placement
    agrees; False (row untouched) when no placement fits."""
    agreed = agreed_placement(roles, [v.text for v in values])
    if agreed is None:
        return False
    # a row's values on its one line, empty cells gone: every way of placing them
    # that fits the columns' shapes puts the same text in these columns; the
    # others stay unplaced
    by_text = {v.text: v for v in values}
    for role, text in agreed.items():
        setattr(row, role, Cell(text, by_text[text].page))
    left = [r for r in roles if r not in agreed]
    if left:
        notes.append(
            Note(
                "unplaced-cell",
                f"funds row {item}: {len(values)} values for {len(roles)} columns; "
                f"{' '.join(left)} not placed",
                row.item.page,
                " ".join(v.text for v in values),
            )
        )
    return True


def _fund_row(
    roles: list[str], item_pieces: list[Piece], values: list[Piece], notes: list[Note]
) -> FundRow | None:
    """The row of one item and its values (None, noted, when the item is no funding line)."""
    item = "".join(p.text for p in item_pieces)
    page = item_pieces[0].page
    if _VALUE.match(item) or not FUND_ITEM.match(item):
        notes.append(
            Note(
                "unplaced-cell",
                "funds block: text that is no funding line; left out",
                page,
                " ".join(p.text for p in [*item_pieces, *values]),
            )
        )
        return None
    row = FundRow(item=Cell(item, page))
    misfit = _misfits(roles, values)
    one_line = all(v.line_no == values[0].line_no for v in values)
    if values and len(values) < len(roles) and one_line:
        if _place_agreed(row, item, roles, values, notes):
            return row
    if values and (len(values) != len(roles) or misfit):
        notes.append(
            Note(
                "unplaced-cell",
                f"funds row {item}: {len(values)} values for {len(roles)} columns"
                + (f", {' '.join(misfit)} out of place" if misfit else "")
                + "; not placed",
                page,
                " ".join(v.text for v in values),
            )
        )
        values = []
    for role, value in zip(roles, values, strict=False):
        setattr(row, role, Cell(value.text, value.page))
    return row


def read_funds(lines: list[DumpLine]) -> tuple[list[FundRow], list[Note]]:
    """Read the funds block (the lines after its 项目资金 label, up to the goals)."""
    notes: list[Note] = []
    roles, body_at = _header(lines)
    if not roles:
        return [], notes
    pieces = _body_pieces(lines[body_at:])
    taken: list[tuple[list[Piece], list[Piece]]] = []
    k = 0
    while k < len(pieces):
        item_pieces, k = _take_item(pieces, k)
        values, k = _take_values(pieces, k)
        if k < len(pieces) and _tail_after_values(item_pieces, pieces[k]):
            item_pieces, k = [*item_pieces, pieces[k]], k + 1
        taken.append((item_pieces, values))
    # a row printing more values on one line than the header names columns: the header
    # was read short (年 初 预 算 / 调整后 / 预算数 …), and no row's values fit it for certain
    short = any(
        len(values) > len(roles) and len({v.line_no for v in values}) == 1 for _, values in taken
    )
    rows: list[FundRow] = []
    for item_pieces, values in taken:
        if short and 0 < len(values) <= len(roles):
            notes.append(
                Note(
                    "unplaced-cell",
                    f"funds row {''.join(p.text for p in item_pieces)}: the header names fewer "
                    "columns than another row prints values; not placed",
                    item_pieces[0].page,
                    " ".join(v.text for v in values),
                )
            )
            values = []
        row = _fund_row(roles, item_pieces, values, notes)
        if row is not None:
            rows.append(row)
    return rows, notes
