"""Types of the C extension ``_layout_fast.c`` (see layout._load_native)."""

from collections.abc import Callable, Collection
from typing import Any

_Glyph = dict[str, Any]
_Box = tuple[float, float, float, float]

def init(
    fold: dict[int, str],
    no_line_start: Collection[str],
    no_line_end: Collection[str],
    sentence_end: Collection[str],
    starts_numbered: Callable[[str], bool],
    undecided: str,
    key_top: Callable[[_Glyph], Any],
    key_x0: Callable[[_Glyph], Any],
    key_top_x0: Callable[[_Glyph], Any],
    gap: float,
    max_pad: float,
    hard_slack: float,
    numbered_slack: float,
    autospace: float,
    /,
) -> None: ...
def printed_lines(chars: list[_Glyph], /) -> list[list[_Glyph]]: ...
def line_items(
    line: list[_Glyph], split: float | None = None, /
) -> list[tuple[list[str], list[_Glyph]]]: ...
def box_text(chars: list[_Glyph], bbox: _Box, /) -> tuple[str | None, int]: ...
def loose_lines(chars: list[_Glyph], split: float, /) -> list[tuple[str, _Box]]: ...
def bucket(
    frames: list[Any], chars: list[_Glyph], boxes: bytes | None = None, /
) -> tuple[list[list[list[_Glyph]]], list[_Glyph]]: ...
def crowded_cells(
    frame: Any, chars: list[_Glyph], free_gap: float, boxes: bytes | None = None, /
) -> list[list[_Glyph]]: ...
def misdrawn(chars: list[_Glyph], wide: Collection[str], /) -> list[_Glyph]: ...
def frame_cells(
    on_x: list[list[Any]], on_y: list[list[Any]], xs: list[float], ys: list[float], cover: float, /
) -> tuple[list[list[int]], list[tuple[int, int, int, int]]]: ...
def segments(
    lines: list[dict[str, Any]],
    rects: list[dict[str, Any]],
    curves: list[dict[str, Any]],
    segment: type[Any],
    fields: tuple[str, ...] | None,
    thin: float,
    snap: float,
    join: float,
    /,
) -> tuple[list[Any], list[Any]] | None: ...
def touching(
    horiz: list[Any], vert: list[Any], tol: float, /
) -> tuple[list[tuple[list[Any], list[Any]]], list[Any]] | None: ...
def grid_cells(
    frame: Any, cells: list[list[_Glyph]], grid_cell: type[Any], fields: tuple[str, ...] | None, /
) -> tuple[list[Any], int] | None: ...
def turn_counts(chars: list[_Glyph], /) -> tuple[int, int, int] | None: ...
def garbled(chars: list[_Glyph], /) -> int | None: ...
def glyph_boxes(chars: list[_Glyph], /) -> bytes | None: ...
