"""A -layout page that prints no grid header, read slab by slab from its right-hand numbers.

pdftotext lays out each page on its own and places each text block at its own offsets, so
neither the header page's places nor one set of bands for a whole page holds. What holds is
the order: left to right, a row prints its level labels, the indicator's name, the target, the
actual value, then the 分值 and 得分 numbers and the deviation. So the page is cut from the top
into slabs of lines, each as long as it can be while its own bands (runs of places some
character takes, between gutters) read one way only: the two bands of numbers side by side are
分值 and 得分, a band of text after them the deviation, the three bands of text just before them
the name, the target and the actual value (none of them holding a level label's piece), and
the bands before those hold level labels' pieces only: one band per level column, or fewer when
the vocabulary tells each band's level by the names its pieces join into (社会效益指 / 标: a
level-2 name); a band whose pieces join into the group name (绩 / 效 / 指 / 标) is no label.
Lines at the page's top that hold no number and no label's piece (the end of a row the page
break cut, or the top of the first row's cells) stand before the first slab: they are left
out, and the rows beside them declined. A slab that reads otherwise cannot be cut: the page is
not read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

import regex

from selfeval.extract.text.layout_bands import Placed
from selfeval.extract.text.web import is_number
from selfeval.extract.vocabulary import (
    GRID_HEADINGS,
    LEVEL1_NAMES,
    LEVEL2_NAMES,
    POINTS,
    label_key,
)


class Lined(Placed, Protocol):
    @property
    def line(self) -> int: ...


T = TypeVar("T", bound=Lined)

#: The value columns the slabs read, in print order; a grid with others is not read so.
VALUE_ROLES = ("level3", "target", "actual", "weight", "score")
_TEXT_ROLES = VALUE_ROLES[:3]
_LEVELS = ("level1", "level2")
_POINTS = regex.compile(POINTS)


@dataclass
class SlabReading(Generic[T]):
    """A headerless page's tokens by column role, and the tokens of the lines before its
    first slab (``lead``: no row's for certain)."""

    by_role: dict[str, list[T]] = field(default_factory=dict)
    lead: list[T] = field(default_factory=list)


def _bands_of(toks: list[T]) -> list[list[T]]:
    """The tokens of each band, left to right: tokens whose places overlap, directly or
    through others, are of one band (a token is one cell's text, its single spaces too)."""
    held: list[list[T]] = []
    end = -1
    for t in sorted(toks, key=lambda t: (t.x0, t.line)):
        if held and t.x0 < end:
            held[-1].append(t)
            end = max(end, t.x1)
        else:
            held.append([t])
            end = t.x1
    return held


def joins_into(key: str, names: frozenset[str]) -> bool:
    """Can ``key`` be cut into names of ``names`` only?"""
    ends = {0}
    for k in range(1, len(key) + 1):
        if any(j in ends and key[j:k] in names for j in range(k)):
            ends.add(k)
    return len(key) in ends and bool(key)


def _joined(band: list[T]) -> str:
    return label_key("".join(t.text for t in sorted(band, key=lambda t: (t.line, t.x0))))


def names_key(band: list[T]) -> str:
    """The text a band's pieces join into, top to bottom, as a name's key, points aside."""
    return _POINTS.sub("", _joined(band))


def band_level(band: list[T]) -> str | None:
    """The level column whose names, and only whose, a band's pieces join into."""
    key = names_key(band)
    levels = [
        level
        for level, names in zip(_LEVELS, (LEVEL1_NAMES, LEVEL2_NAMES), strict=True)
        if joins_into(key, names)
    ]
    return levels[0] if len(levels) == 1 else None


def _label_roles(
    labels: list[list[T]], levels: list[str], level_piece: Callable[[str], bool]
) -> list[tuple[str, list[T]]] | None:
    """The level column of each band of labels, when one reading only fits."""
    kept = []
    for band in labels:
        joined = _joined(band)
        if len(joined) > 2 and GRID_HEADINGS.fullmatch(joined):
            continue  # the group name down the grid's left edge: no label
        if any(not level_piece(t.text) for t in band):
            return None
        kept.append(band)
    said = [band_level(band) for band in kept]
    if len(kept) == len(levels):
        if any(s is not None and s != level for s, level in zip(said, levels, strict=True)):
            return None
        return list(zip(levels, kept, strict=True))
    if len(kept) > len(levels) or None in said:
        return None
    order = [levels.index(s) for s in said if s in levels]
    if len(order) != len(said) or order != sorted(set(order)):
        return None
    return [(levels[k], band) for k, band in zip(order, kept, strict=True)]


def _wrapped_tails(toks: list[T], level_piece: Callable[[str], bool]) -> set[int]:
    """The ids of a name's last lines wrapped under it (…事件报告 / 数) that the vocabulary
    knows as a label's piece: one character, starting where a text a line or two above
    starts (the row's numbers' line between), which is no piece."""
    starts = {(u.line, u.x0) for u in toks if not level_piece(u.text)}
    return {
        id(t)
        for t in toks
        if len(t.text) == 1 and {(t.line - 1, t.x0), (t.line - 2, t.x0)} & starts
    }


def _slab_reading(
    toks: list[T],
    level_piece: Callable[[str], bool],
    levels: list[str],
    deviation: bool,
    tails: set[int] | None = None,
) -> dict[str, list[T]] | None:
    """The slab's tokens by role when its bands read one way only, else None; ``tails``:
    the page's wrapped last lines of names (``_wrapped_tails``)."""
    tails = tails or set()
    held = _bands_of(toks)
    numeric = [all(is_number(t.text) for t in ts) for ts in held]
    at = [k for k, n in enumerate(numeric) if n]
    if len(at) != 2 or at[1] != at[0] + 1 or len(held) - at[1] - 1 > int(deviation):
        return None
    text = held[: at[0]]
    if len(text) < 3:
        return None
    out: dict[str, list[T]] = {"weight": held[at[0]], "score": held[at[1]]}
    if at[1] + 1 < len(held):
        out["deviation"] = held[at[1] + 1]
    for role, ts in zip(_TEXT_ROLES, text[-3:], strict=True):
        if any(level_piece(t.text) and id(t) not in tails for t in ts):
            return None
        out[role] = ts
    labels = _label_roles(text[:-3], levels, level_piece)
    if labels is None:
        return None
    for role, ts in labels:
        out[role] = ts
    return out


def by_slabs(
    toks: list[T],
    roles: list[str],
    level_piece: Callable[[str], bool],
) -> SlabReading[T] | None:
    """A headerless page's tokens by column role, slab by slab; None unless every line
    (but those before the first slab, see the module's doc) falls in a slab that reads one
    way only. ``roles``: the header's column roles in order."""
    levels = [r for r in roles if r in _LEVELS]
    values = [r for r in roles if r not in levels]
    deviation = values[-1:] == ["deviation"]
    if values[: len(values) - deviation] != list(VALUE_ROLES):
        return None
    by_line: dict[int, list[T]] = {}
    for t in toks:
        by_line.setdefault(t.line, []).append(t)
    lines = sorted(by_line)
    tails = _wrapped_tails(toks, level_piece)
    if not lines:
        return SlabReading()  # a page holding the total only: no row goes on here
    for first in range(len(lines)):
        lead = [t for n in lines[:first] for t in by_line[n]]
        if any(is_number(t.text) or level_piece(t.text) for t in lead):
            return None
        got = _slabs(by_line, lines[first:], level_piece, levels, deviation, tails)
        if got is not None:
            return SlabReading(got, lead)
    return None


def _slabs(
    by_line: dict[int, list[T]],
    lines: list[int],
    level_piece: Callable[[str], bool],
    levels: list[str],
    deviation: bool,
    tails: set[int],
) -> dict[str, list[T]] | None:
    """The lines' tokens by role, cut into the longest slabs from the top; None when some
    slab reads no way."""
    out: dict[str, list[T]] = {}
    start = 0
    while start < len(lines):
        best: tuple[int, dict[str, list[T]]] | None = None
        for end in range(start + 1, len(lines) + 1):
            slab = [t for n in lines[start:end] for t in by_line[n]]
            reading = _slab_reading(slab, level_piece, levels, deviation, tails)
            if reading is not None:
                best = (end, reading)
        if best is None:
            return None
        end, reading = best
        for role, ts in reading.items():
            out.setdefault(role, []).extend(ts)
        start = end
    return out
