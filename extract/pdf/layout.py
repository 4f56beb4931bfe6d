"""Characters to text: printed lines from positioned glyphs, then the cell's string.

Works on pdfplumber char dicts already bucketed into one cell (or into the loose text outside
tables), so each character is looked at a constant number of times. The per-glyph loops here,
in lattice (bucket_glyphs, a frame's merged cells), open_grid.missing_columns, glyphs.misdrawn,
rulings (segments, touching rules) and plumber_engine.page_layout (grid cells, counts) run in a
small optional C extension (``_layout_fast.c``, ``NATIVE``) where it is built; the Python is
the reference route it follows operation for operation (tests/test_layout_native.py compares
the records of both).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from operator import itemgetter
from typing import Any

from selfeval.extract.pdf.glyphs import fold_glyphs, fold_table, is_cjk, join_groups
from selfeval.extract.vocabulary import starts_numbered_item

GAP = 0.3  # a gap wider than this many ems between glyphs is a space (CJK-Latin autospace is 0.2)
MAX_PAD = 8.0  # cell padding is estimated from the text's left margin, at most this (pt)
HARD_SLACK = 1.5  # a line ending this far (pt) short of where the next glyph would fit: hard break
NUMBERED_SLACK = 1.0  # a numbered item starts a paragraph unless the line was clearly full
SENTENCE_END = set("。；;！？!?：:")
#: A break after a short line that opens no numbered item: a hard break, or a wrap at a space
#: the producer did not draw. ``resolve_breaks`` decides per document.
UNDECIDED = "\x1f"
AUTOSPACE = 0.25  # ems LibreOffice Writer adds between CJK and Latin glyphs
NO_LINE_START = set("，。、；：？！）》」』”’%,.;:?!)]}·…—/")
NO_LINE_END = set("（《「『“‘([{")
LOOSE_SPLIT = 2.0  # loose text: a gap wider than this many ems separates two items
_TOP, _X0, _TOP_X0 = itemgetter("top"), itemgetter("x0"), itemgetter("top", "x0")
#: Set to run the Python route of the page layout even where its C extension is built.
PYTHON_ENV = "SELFEVAL_LAYOUT_PYTHON"


def _load_native() -> Any:
    """The C extension that runs the layout's per-glyph loops, given this module's text rules;
    None when it is not built (an install without a compiler) or ``PYTHON_ENV`` is set: the
    Python functions give the same results."""
    if os.environ.get(PYTHON_ENV):
        return None
    try:
        from selfeval.extract.pdf import _layout_fast
    except ImportError:
        return None
    _layout_fast.init(
        fold_table(),
        NO_LINE_START,
        NO_LINE_END,
        SENTENCE_END,
        starts_numbered_item,
        UNDECIDED,
        _TOP,
        _X0,
        _TOP_X0,
        GAP,
        MAX_PAD,
        HARD_SLACK,
        NUMBERED_SLACK,
        AUTOSPACE,
    )
    return _layout_fast


#: The C extension, or None for the Python route (``_load_native``).
NATIVE: Any = _load_native()


def plain_fields(cls: type) -> tuple[str, ...] | None:
    """The fields of a slotted, unfrozen dataclass whose ``__init__`` is dataclasses' own (it
    only stores its arguments, with no ``__post_init__``), in its order: the C extension fills
    such an instance field by field, which costs a fifth of running ``__init__``. None for any
    other class: the C extension calls it."""
    params = getattr(cls, "__dataclass_params__", None)
    init = getattr(cls, "__init__", None)
    if (
        params is None
        or params.frozen
        or "__slots__" not in cls.__dict__
        or hasattr(cls, "__post_init__")
        or getattr(getattr(init, "__code__", None), "co_filename", None) != "<string>"
    ):
        return None
    names = tuple(f.name for f in fields(cls))
    return names if all(f.init for f in fields(cls)) else None


def printed_lines(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Group glyphs into printed lines, top to bottom, each left to right.

    Glyphs share a line when their vertical extents overlap by their middles. Stacked labels
    (one character per line) come out as one line per character, which ``box_text`` rejoins.
    """
    if NATIVE is not None:
        lines: list[list[dict[str, Any]]] = NATIVE.printed_lines(chars)
        return lines
    if not chars:
        return []
    tilted = len([ch for ch in chars if not ch.get("upright", True)])
    if tilted * 2 > len(chars):  # rotated text: one line in reading order
        return [sorted(chars, key=_TOP_X0)]
    lines = []
    line: list[dict[str, Any]] = []
    lo = hi = 0.0  # the current line's vertical band
    for ch in sorted(chars, key=_TOP):
        top, bottom = ch["top"], ch["bottom"]
        if line and (lo <= (top + bottom) / 2 <= hi or top <= (lo + hi) / 2 <= bottom):
            line.append(ch)
            if top < lo:
                lo = top
            if bottom > hi:
                hi = bottom
            continue
        line = [ch]
        lines.append(line)
        lo, hi = top, bottom
    for line in lines:
        line.sort(key=_X0)
    return lines


def line_items(
    line: list[dict[str, Any]], split: float | None = None
) -> list[tuple[list[str], list[dict[str, Any]]]]:
    """Split one printed line into space-separated groups of glyph text.

    Returns items of (groups, glyphs). Without ``split`` there is one item; with it (in ems), a
    wider gap starts a new item, so far-apart runs on one line ("部门：…   单位：万元") stay apart.
    """
    if NATIVE is not None:
        native: list[tuple[list[str], list[dict[str, Any]]]] = NATIVE.line_items(line, split)
        return native
    groups: list[str] = []
    glyphs: list[dict[str, Any]] = []
    items: list[tuple[list[str], list[dict[str, Any]]]] = [(groups, glyphs)]
    current: list[str] = []  # the group's glyph texts, folded when the group is closed
    prev_x1: float | None = None
    for ch in line:
        text = ch["text"]
        if not text or text.isspace():
            if current:
                groups.append(fold_glyphs("".join(current)))
                current = []
            continue
        if prev_x1 is not None:
            gap = ch["x0"] - prev_x1
            size = ch.get("size") or 10.0
            if split is not None and gap > split * size:
                if current:
                    groups.append(fold_glyphs("".join(current)))
                    current = []
                groups, glyphs = [], []
                items.append((groups, glyphs))
            elif gap > GAP * size and current:
                groups.append(fold_glyphs("".join(current)))
                current = []
        current.append(text)
        glyphs.append(ch)
        prev_x1 = ch["x1"]
    if current:
        groups.append(fold_glyphs("".join(current)))
    return [item for item in items if item[0]]


def _may_break(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether a line may break between glyphs a and b (the UAX #14 rules that matter here)."""
    ta, tb = a["text"], b["text"]
    if tb in NO_LINE_START or ta in NO_LINE_END:
        return False
    if b["x0"] - a["x1"] > 1.0:  # a printed gap: a space the break could use
        return True
    if tb.isascii() and tb.isalnum() and ta.isascii():
        return False
    return not (ta.isascii() and ta.isalnum() and tb.isascii() and not tb.isspace())


@dataclass(slots=True)
class _Line:
    text: str
    x0: float
    x1: float
    need: float  # width the line's first unbreakable piece needs on the line before
    trailing_space: bool
    glyphs: int
    first: str
    last: str
    size: float


def _printed(line: list[dict[str, Any]]) -> _Line | None:
    items = line_items(line)
    if not items:
        return None
    visible = items[0][1]  # one item without a split: the line's glyphs that print
    end = 1
    while end < len(visible) and not _may_break(visible[end - 1], visible[end]):
        end += 1
    need = visible[end - 1]["x1"] - visible[0]["x0"]
    first, last = visible[0], visible[-1]
    return _Line(
        text=join_groups(items[0][0]),
        x0=first["x0"],
        x1=last["x1"],
        need=need,
        trailing_space=line[-1]["text"].isspace(),
        glyphs=len(visible),
        first=first["text"][:1],
        last=last["text"][-1:],
        size=first.get("size") or 10.0,
    )


def box_text(
    chars: list[dict[str, Any]],
    bbox: tuple[float, float, float, float],
    wraps: list[int] | None = None,
) -> str | None:
    """The string of one cell (``bbox``) from its glyphs.

    A line opening a numbered item starts a paragraph ("\n") unless the line before was full
    and did not end a sentence (an inline "…凝练为1.氢能…" that wrapped); a line that ends where
    the next line's first unbreakable piece would still have fitted is a hard break or an
    undrawn space (``UNDECIDED``); any other break is a soft wrap, joined with nothing, or with
    a space where the producer drew the space glyph at the line's end. ``wraps`` (if given) is
    incremented for each wrap after a drawn space glyph.
    """
    if not chars:  # an empty cell (both routes give None)
        return None
    if NATIVE is not None:
        text: str | None
        text, wrapped = NATIVE.box_text(chars, bbox)
        if wraps is not None:
            wraps[0] += wrapped
        return text
    printed = printed_lines(chars)
    if len(printed) == 1:  # most cells: one line, which needs no measuring
        items = line_items(printed[0])
        return join_groups(items[0][0]) if items else None
    lines = [pl for line in printed if (pl := _printed(line)) is not None]
    if len(lines) < 2:
        return lines[0].text if lines else None
    if all(line.glyphs == 1 for line in lines):
        return "".join(line.text for line in lines)  # stacked label: one glyph per line
    pad = min(max(min(line.x0 for line in lines) - bbox[0], 0.0), MAX_PAD)
    avail = bbox[2] - bbox[0] - 2 * pad
    out = lines[0].text
    for prev, line in zip(lines, lines[1:], strict=False):
        slack = avail - (prev.x1 - prev.x0)
        if is_cjk(prev.last) != is_cjk(line.first):  # CJK-Latin autospace widens the need
            slack -= AUTOSPACE * line.size
        numbered = starts_numbered_item(line.text)
        if numbered and (slack >= line.need - NUMBERED_SLACK or prev.last in SENTENCE_END):
            out += "\n" + line.text
        elif slack > line.need + HARD_SLACK and not prev.trailing_space:
            out += UNDECIDED + line.text
        elif prev.trailing_space:
            out += " " + line.text
            if wraps is not None:
                wraps[0] += 1
        else:
            out += line.text
    return out


def resolve_breaks(text: str | None, draws_wrap_spaces: bool) -> str | None:
    """Settle ``UNDECIDED`` breaks: hard where the producer draws its wrap spaces (so an
    undrawn one is no wrap), else a space the producer wrapped at without drawing it."""
    if text is None or UNDECIDED not in text:
        return text
    return text.replace(UNDECIDED, "\n" if draws_wrap_spaces else " ")


def loose_lines(chars: list[dict[str, Any]]) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Loose text outside tables as (text, bbox) items."""
    if NATIVE is not None:
        native: list[tuple[str, tuple[float, float, float, float]]]
        native = NATIVE.loose_lines(chars, LOOSE_SPLIT)
        return native
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
