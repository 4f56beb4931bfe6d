"""The default engine: one pass over a pdfplumber page's objects to a ``PageLayout``.

Rules come from line, thin-rectangle and curve objects; each glyph is dropped into its merged
cell by two bisections (no per-cell cropping, no repeated word extraction); cell text is then
rebuilt from the glyphs of each cell. The page's objects are read straight from pdfplumber's
layout tree (``page.layout``), taking only the few attributes used here: building pdfplumber's
full object dicts (colours, matrices, marked-content tags) costs more than all the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pdfminer.layout import LTChar, LTContainer, LTCurve, LTLine, LTRect

from selfeval.extract.assemble_grid import GridCell, PageLayout, Table, TextLine
from selfeval.extract.pdf import layout
from selfeval.extract.pdf.actual_text import layout_tree
from selfeval.extract.pdf.glyphs import is_garbled, misdrawn
from selfeval.extract.pdf.lattice import Frame, bucket_glyphs, build_frame
from selfeval.extract.pdf.layout import box_text, loose_lines
from selfeval.extract.pdf.open_grid import open_frames
from selfeval.extract.pdf.rulings import connected_groups, segments_from_objects

MIN_SIDE, MIN_LONG = 6.0, 40.0  # smaller ruled boxes are checkboxes or underlines, not tables
_CELL_FIELDS = layout.plain_fields(GridCell)  # how the C extension makes one


@dataclass(slots=True)
class Turn:
    """A turn that sets text upright: a quarter turn for sideways text (``up`` when it ran
    bottom to top), or a half turn (``half``) for text printed upside down.

    ``extent`` is the page's width (``up`` False) or height (``up`` True) in its own frame; a
    half turn keeps the page's (width, height) in ``half``.
    """

    up: bool
    extent: float
    half: tuple[float, float] | None = None

    @property
    def quarter(self) -> bool:
        """Whether the turn swaps the page's width and height."""
        return self.half is None

    def box(
        self, x0: float, top: float, x1: float, bottom: float
    ) -> tuple[float, float, float, float]:
        if self.half is not None:
            width, height = self.half
            return (width - x1, height - bottom, width - x0, height - top)
        if self.up:
            return (self.extent - bottom, x0, self.extent - top, x1)
        return (top, self.extent - x1, bottom, self.extent - x0)

    def back(self, bbox: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """A box in the upright frame, in the page's own coordinates again."""
        x0, top, x1, bottom = bbox
        if self.half is not None:
            return self.box(x0, top, x1, bottom)  # a half turn is its own inverse
        if self.up:
            return (top, self.extent - x1, bottom, self.extent - x0)
        return (self.extent - bottom, x0, self.extent - top, x1)

    def point(self, x: float, y: float) -> tuple[float, float]:
        if self.half is not None:
            return (self.half[0] - x, self.half[1] - y)
        return (self.extent - y, x) if self.up else (y, self.extent - x)


def turn_upright(objects: PageObjects, width: float, height: float) -> Turn | None:
    """Turn a page whose text is mostly sideways or upside down upright (in place); the turn
    made, if any. A glyph is upside down (``down``) when its matrix turns both axes over."""
    sideways, ups, downs = _leaning(objects.chars)
    if downs * 2 > len(objects.chars):
        turn = Turn(False, width, (width, height))
    elif not sideways or sideways * 2 <= len(objects.chars):
        return None
    else:
        up = ups() * 2 > sideways
        turn = Turn(up, height if up else width)
    for shape in (*objects.chars, *objects.lines, *objects.rects, *objects.curves):
        box = turn.box(shape["x0"], shape["top"], shape["x1"], shape["bottom"])
        shape["x0"], shape["top"], shape["x1"], shape["bottom"] = box
        if "pts" in shape:
            shape["pts"] = [turn.point(x, y) for x, y in shape["pts"]]
    if turn.half is not None:
        return turn
    for ch in objects.chars:
        ch["upright"] = True
        ch["size"] = ch["bottom"] - ch["top"]  # as pdfminer sizes upright glyphs: box height
    return turn


def _leaning(chars: list[dict[str, Any]]) -> tuple[int, Callable[[], int], int]:
    """How many glyphs lie sideways, how many of those run up (counted when asked), how many
    are upside down (in C where ``layout.NATIVE`` is)."""
    if layout.NATIVE is not None:
        native: tuple[int, int, int] | None = layout.NATIVE.turn_counts(chars)
        if native is not None:
            sideways, ups, downs = native
            return sideways, lambda: ups, downs
    tilted = [ch for ch in chars if not ch["upright"]]
    downs = sum(1 for ch in chars if ch.get("down"))
    return len(tilted), lambda: sum(1 for ch in tilted if ch["up"]), downs


def _glyph_boxes(chars: list[dict[str, Any]]) -> bytes | None:
    """The glyphs' boxes as the C extension reads them, once a page (None without it): they do
    not change once the page is turned upright."""
    if layout.NATIVE is None:
        return None
    boxes: bytes | None = layout.NATIVE.glyph_boxes(chars)
    return boxes


def _garbled(chars: list[dict[str, Any]]) -> int:
    """How many glyphs have a garbled text (in C where ``layout.NATIVE`` is)."""
    if layout.NATIVE is not None:
        native: int | None = layout.NATIVE.garbled(chars)
        if native is not None:
            return native
    return sum(1 for ch in chars if is_garbled(ch["text"]))


@dataclass(slots=True)
class PageStats:
    """What the page's text layer looks like, for the named errors."""

    chars: int = 0
    garbled: int = 0
    space_wraps: int = 0  # wraps after a drawn space glyph (see layout.resolve_breaks)
    turn: Turn | None = None  # the page was read turned upright (bboxes must be turned back)


@dataclass(slots=True)
class PageObjects:
    """The page objects the engine uses, in pdfplumber coordinates (top-left origin)."""

    chars: list[dict[str, Any]] = field(default_factory=list)
    lines: list[dict[str, Any]] = field(default_factory=list)
    rects: list[dict[str, Any]] = field(default_factory=list)
    curves: list[dict[str, Any]] = field(default_factory=list)


def page_objects(page: Any) -> PageObjects:
    """Chars, lines, rects and curves of a pdfplumber page, read once from its layout tree."""
    out = PageObjects()
    height = float(page.height)
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    flip = height + mb_top
    stack = [iter(layout_tree(page)._objs)]
    while stack:
        obj = next(stack[-1], None)
        if obj is None:
            stack.pop()
            continue
        if isinstance(obj, LTChar | LTCurve):  # LTLine and LTRect are curves too
            shape: dict[str, Any] = {
                "x0": obj.x0 + mb_x0,
                "x1": obj.x1 + mb_x0,
                "top": flip - obj.y1,
                "bottom": flip - obj.y0,
            }
            if isinstance(obj, LTChar):
                shape["text"] = obj.get_text()
                shape["size"] = obj.size
                shape["upright"] = obj.upright
                shape["up"] = obj.matrix[1] > 0  # sideways text: runs bottom to top
                shape["down"] = obj.matrix[0] < 0 and obj.matrix[3] < 0  # upside down
                out.chars.append(shape)
            elif isinstance(obj, LTLine):
                out.lines.append(shape)
            elif isinstance(obj, LTRect):
                shape["stroke"] = obj.stroke
                out.rects.append(shape)
            else:
                shape["pts"] = [(x + mb_x0, flip - y) for x, y in obj.pts]
                out.curves.append(shape)
        elif isinstance(obj, LTContainer):
            stack.append(iter(obj._objs))
    return out


def page_layout(
    page: Any, number: int, objects: PageObjects | None = None
) -> tuple[PageLayout, PageStats]:
    """The tables and loose lines of one pdfplumber page (``number`` is 1-based)."""
    if objects is None:
        objects = page_objects(page)
    width, height = float(page.width), float(page.height)
    turn = turn_upright(objects, width, height)
    chars = objects.chars
    horiz, vert = segments_from_objects(objects.lines, objects.rects, objects.curves)
    frames: list[Frame] = []
    for group in connected_groups(horiz, vert):
        frame = build_frame(*group)
        if frame is None:
            continue
        x0, top, x1, bottom = frame.bbox
        w, h = x1 - x0, bottom - top
        if min(w, h) >= MIN_SIDE and max(w, h) >= MIN_LONG:
            frames.append(frame)
    boxes = _glyph_boxes(chars)  # read once for the per-glyph loops that follow
    frames = open_frames(frames, horiz, vert, chars, boxes)  # tables drawn without all columns
    frames.sort(key=lambda f: (f.bbox[2] - f.bbox[0]) * (f.bbox[3] - f.bbox[1]))

    stats = PageStats(chars=len(chars), turn=turn)
    for ch in misdrawn(chars):
        ch["text"] = "\ufffd"
    stats.garbled = _garbled(chars)
    buckets, loose = bucket_glyphs(frames, chars, boxes)

    tables = []
    wraps = [0]
    for frame, cells in zip(frames, buckets, strict=True):
        grid = _grid_cells(frame, cells, wraps)
        tables.append(Table(grid, frame.bbox, list(frame.xs), list(frame.ys)))
    tables.sort(key=lambda t: t.bbox[1])
    stats.space_wraps = wraps[0]
    layout = PageLayout(
        page=number,
        width=height if turn and turn.quarter else width,
        height=width if turn and turn.quarter else height,
        tables=tables,
        lines=[TextLine(text, bbox) for text, bbox in loose_lines(loose)],
    )
    return layout, stats


def _grid_cells(
    frame: Frame, cells: list[list[dict[str, Any]]], wraps: list[int]
) -> list[GridCell]:
    """The cells of one frame from the glyphs bucketed into each (in C where ``layout.NATIVE``
    is); ``wraps`` counts the wraps after a drawn space glyph."""
    if layout.NATIVE is not None:
        native: tuple[list[GridCell], int] | None = layout.NATIVE.grid_cells(
            frame, cells, GridCell, _CELL_FIELDS
        )
        if native is not None:
            wraps[0] += native[1]
            return native[0]
    grid = []
    for i, (row, col, rowspan, colspan) in enumerate(frame.spans):
        bbox = frame.cell_bbox(i)
        text = box_text(cells[i], bbox, wraps)
        grid.append(
            GridCell(
                row,
                col,
                rowspan,
                colspan,
                text,
                bbox,
                open_top=i in frame.open_top,
                open_bottom=i in frame.open_bottom,
                ink=_ink(cells[i]) if colspan > 1 and text else None,
            )
        )
    return grid


def _ink(chars: list[dict[str, Any]]) -> tuple[float, float, float, float]:
    """The box of a cell's glyphs."""
    return (
        min(c["x0"] for c in chars),
        min(c["top"] for c in chars),
        max(c["x1"] for c in chars),
        max(c["bottom"] for c in chars),
    )
