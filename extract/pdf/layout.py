"""Characters to text: printed lines from positioned glyphs, then the cell's string.

Works on pdfplumber char dicts already bucketed into one cell (or into the loose text outside
tables), so each character is looked at a constant number of times.
"""

from __future__ import annotations

from extract.pdf.glyphs import fold_char, join_groups, join_lines

GAP = 0.2  # a gap wider than this many ems between glyphs is a space
LOOSE_SPLIT = 2.0  # loose text: a gap wider than this many ems separates two items


def printed_lines(chars: list[dict]) -> list[list[dict]]:
    """Group glyphs into printed lines, top to bottom, each left to right.

    Glyphs share a line when their vertical extents overlap by their middles. Stacked labels
    (one character per line) come out as one line per character, which ``join_lines`` rejoins.
    """
    if not chars:
        return []
    upright = sum(1 for ch in chars if ch.get("upright", True))
    if upright * 2 < len(chars):  # rotated text: one line in reading order
        return [sorted(chars, key=lambda ch: (ch["top"], ch["x0"]))]
    lines: list[list[dict]] = []
    bands: list[list[float]] = []
    for ch in sorted(chars, key=lambda ch: ch["top"]):
        top, bottom = ch["top"], ch["bottom"]
        mid = (top + bottom) / 2
        if bands:
            band = bands[-1]
            if band[0] <= mid <= band[1] or top <= (band[0] + band[1]) / 2 <= bottom:
                lines[-1].append(ch)
                band[0], band[1] = min(band[0], top), max(band[1], bottom)
                continue
        lines.append([ch])
        bands.append([top, bottom])
    for line in lines:
        line.sort(key=lambda ch: ch["x0"])
    return lines


def line_items(line: list[dict], split: float | None = None) -> list[tuple[list[str], list[dict]]]:
    """Split one printed line into space-separated groups of glyph text.

    Returns items of (groups, glyphs). Without ``split`` there is one item; with it (in ems), a
    wider gap starts a new item, so far-apart runs on one line ("部门：…   单位：万元") stay apart.
    """
    items: list[tuple[list[str], list[dict]]] = [([], [])]
    current: list[str] = []
    prev_x1: float | None = None
    for ch in line:
        text = ch["text"]
        if not text or text.isspace():
            if current:
                items[-1][0].append("".join(current))
                current = []
            continue
        if prev_x1 is not None:
            gap = ch["x0"] - prev_x1
            size = ch.get("size") or 10.0
            if split is not None and gap > split * size:
                if current:
                    items[-1][0].append("".join(current))
                    current = []
                items.append(([], []))
            elif gap > GAP * size and current:
                items[-1][0].append("".join(current))
                current = []
        current.append(fold_char(text))
        items[-1][1].append(ch)
        prev_x1 = ch["x1"]
    if current:
        items[-1][0].append("".join(current))
    return [item for item in items if item[0]]


def cell_text(chars: list[dict]) -> str | None:
    """The string of one cell from its glyphs."""
    lines = []
    for line in printed_lines(chars):
        for groups, _ in line_items(line):
            lines.append(join_groups(groups))
    return join_lines(lines)


def loose_lines(chars: list[dict]) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Loose text outside tables as (text, bbox) items."""
    out = []
    for line in printed_lines(chars):
        for groups, part in line_items(line, split=LOOSE_SPLIT):
            bbox = (
                min(c["x0"] for c in part),
                min(c["top"] for c in part),
                max(c["x1"] for c in part),
                max(c["bottom"] for c in part),
            )
            out.append((join_groups(groups), bbox))
    return out
