"""A -layout page that prints no grid header, read slab by slab from its right-hand numbers.

pdftotext lays out each page on its own and places each text block at its own offsets, so
neither the header page's places nor one set of bands for a whole page holds. What holds is
the order: left to right, a row prints its level labels, the indicator's name, the target, the
actual value, then the 分值 and 得分 numbers. So the page is cut from the top into slabs of
lines, each as long as it can be while its own bands (runs of places some character takes,
between gutters) read one way only: the two bands of numbers side by side are 分值 and 得分,
the three bands of text just before them are the name, the target and the actual value (none of
them holding a level label's piece), and the bands before those hold level labels' pieces only.
A slab that reads otherwise cannot be cut: the page is not read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from selfeval.extract.text.layout_bands import Placed, body_bands
from selfeval.extract.text.web import is_number


class Lined(Placed, Protocol):
    @property
    def line(self) -> int: ...


T = TypeVar("T", bound=Lined)

#: The value columns the slabs read, in print order; a grid with others is not read so.
VALUE_ROLES = ("level3", "target", "actual", "weight", "score")
_TEXT_ROLES = VALUE_ROLES[:3]


def _bands_of(toks: list[T]) -> tuple[list[tuple[int, int]], list[list[T]]] | None:
    bands = body_bands(toks)
    held: list[list[T]] = [[] for _ in bands]
    for t in toks:
        inside = [k for k, (b0, b1) in enumerate(bands) if t.x0 < b1 and b0 < t.x1]
        if len(inside) != 1:
            return None
        held[inside[0]].append(t)
    return bands, held


def _slab_reading(
    toks: list[T], level_piece: Callable[[str], bool], levels: list[str], deviation: bool
) -> dict[str, list[T]] | None:
    """The slab's tokens by role when its bands read one way only, else None."""
    got = _bands_of(toks)
    if got is None:
        return None
    _, held = got
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
        if any(level_piece(t.text) for t in ts):
            return None
        out[role] = ts
    labels = text[:-3]
    if len(labels) > len(levels) or any(not level_piece(t.text) for ts in labels for t in ts):
        return None
    if labels and len(labels) != len(levels):
        return None  # one band of labels: which level's cannot be told by its place
    for role, ts in zip(levels, labels, strict=False):
        out[role] = ts
    return out


def by_slabs(
    toks: list[T],
    roles: list[str],
    level_piece: Callable[[str], bool],
) -> dict[str, list[T]] | None:
    """A headerless page's tokens by column role, slab by slab; None unless every line
    falls in a slab that reads one way only. ``roles``: the header's column roles in order."""
    levels = [r for r in roles if r in ("level1", "level2")]
    values = [r for r in roles if r not in levels]
    deviation = values[-1:] == ["deviation"]
    if values[: len(values) - deviation] != list(VALUE_ROLES):
        return None
    by_line: dict[int, list[T]] = {}
    for t in toks:
        by_line.setdefault(t.line, []).append(t)
    lines = sorted(by_line)
    out: dict[str, list[T]] = {}
    start = 0
    while start < len(lines):
        best: tuple[int, dict[str, list[T]]] | None = None
        for end in range(start + 1, len(lines) + 1):
            slab = [t for n in lines[start:end] for t in by_line[n]]
            reading = _slab_reading(slab, level_piece, levels, deviation)
            if reading is not None:
                best = (end, reading)
        if best is None:
            return None
        end, reading = best
        for role, ts in reading.items():
            out.setdefault(role, []).extend(ts)
        start = end
    return out
