"""The default engine: one pass over a pdfplumber page's objects to a ``PageLayout``.

Rules come from line, thin-rectangle and curve objects; each glyph is dropped into its merged
cell by two bisections (no per-cell cropping, no repeated word extraction); cell text is then
rebuilt from the glyphs of each cell.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.assemble_grid import GridCell, PageLayout, Table, TextLine
from extract.pdf.glyphs import is_garbled
from extract.pdf.lattice import Frame, build_frame
from extract.pdf.layout import cell_text, loose_lines
from extract.pdf.rulings import connected_groups, segments_from_objects

MIN_SIDE, MIN_LONG = 6.0, 40.0  # smaller ruled boxes are checkboxes or underlines, not tables


@dataclass(slots=True)
class PageStats:
    """What the page's text layer looks like, for the named errors."""

    chars: int = 0
    garbled: int = 0
    images: int = 0
    space_wraps: int = 0  # wraps after a drawn space glyph (see layout.resolve_breaks)


def page_layout(page, number: int) -> tuple[PageLayout, PageStats]:
    """The tables and loose lines of one pdfplumber page (``number`` is 1-based)."""
    objects = page.objects
    chars = objects.get("char", [])
    horiz, vert = segments_from_objects(
        objects.get("line", []), objects.get("rect", []), objects.get("curve", [])
    )
    frames: list[Frame] = []
    for group in connected_groups(horiz, vert):
        frame = build_frame(*group)
        if frame is None:
            continue
        x0, top, x1, bottom = frame.bbox
        w, h = x1 - x0, bottom - top
        if min(w, h) >= MIN_SIDE and max(w, h) >= MIN_LONG:
            frames.append(frame)
    frames.sort(key=lambda f: (f.bbox[2] - f.bbox[0]) * (f.bbox[3] - f.bbox[1]))

    stats = PageStats(chars=len(chars), images=len(objects.get("image", [])))
    buckets: list[list[list[dict]]] = [[[] for _ in f.spans] for f in frames]
    loose: list[dict] = []
    for ch in chars:
        if is_garbled(ch["text"]):
            stats.garbled += 1
        cx = (ch["x0"] + ch["x1"]) / 2
        cy = (ch["top"] + ch["bottom"]) / 2
        for i, frame in enumerate(frames):
            index = frame.locate(cx, cy)
            if index is not None:
                buckets[i][index].append(ch)
                break
        else:
            loose.append(ch)

    tables = []
    wraps = [0]
    for frame, cells in zip(frames, buckets, strict=True):
        grid = [
            GridCell(
                row,
                col,
                rowspan,
                colspan,
                cell_text(chars_in, frame.cell_bbox(i), wraps),
                frame.cell_bbox(i),
            )
            for i, ((row, col, rowspan, colspan), chars_in) in enumerate(
                zip(frame.spans, cells, strict=True)
            )
        ]
        tables.append(Table(grid, frame.bbox, list(frame.xs), list(frame.ys)))
    tables.sort(key=lambda t: t.bbox[1])
    stats.space_wraps = wraps[0]
    layout = PageLayout(
        page=number,
        width=float(page.width),
        height=float(page.height),
        tables=tables,
        lines=[TextLine(text, bbox) for text, bbox in loose_lines(loose)],
    )
    return layout, stats
