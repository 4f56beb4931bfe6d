"""The joint cut of a stretch of -layout rows: every column at once, row band by row band.

A Chromium print of an HTML table (a CFF CJK font: pdftotext's inflated font size) centres
each cell on its row, and poppler's line grouping puts a cell half a line off centre on the
line above or the line below, each cell on its own (the 得分 too): ``央企应用场景推进`` on
the first line of its row, ``10项 2 2`` on the second. A column's cut alone then leaves
touching cells open (``layout_rowcut``). What holds is joint: a row is a band of
consecutive lines holding exactly one anchor (its 得分); its height n is its tallest cell's
line count; every cell of m lines (and the anchor, one line) is consecutive lines (but for
the anchor's own line, which poppler may set between two of a cell's lines) starting at
offset floor((n - m) / 2) or ceil((n - m) / 2) of the band; every row has a level-3 name;
and a cell goes on past no line that ends a cell by its column's wrap width
(``layout_wraps``). The bands tile the stretch's lines. A row is taken only when every tiling
that fits gives it the same band (so the same cells).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping


def _offsets(n: int, m: int) -> tuple[int, int]:
    """The offsets in a band of n lines a cell of m lines may start at: centred, or half a
    line off either way."""
    return (n - m) // 2, (n - m + 1) // 2


def band_fits(
    s: int,
    e: int,
    anchor: int,
    cells: Mapping[str, set[int]],
    ends: Mapping[str, set[int]],
    named: str,
    single: frozenset[str],
) -> bool:
    """Can lines s..e be one row of the anchor ``anchor``? ``cells``: each column's lines
    (within the stretch); ``ends``: each column's lines that end a cell; ``named``: the
    column every row has a cell in; ``single``: columns whose cells are one line."""
    if not s <= anchor <= e:
        return False
    alone = s < anchor < e and not any(
        anchor in lines for role, lines in cells.items() if role not in single
    )
    # (a line of the 得分 alone inside the band stands apart from the cells' lines: the
    # band's lines are counted without it, and it may stand anywhere between them)
    skip = 1 if alone else 0
    n = e - s + 1 - skip
    if not alone and anchor - s not in _offsets(n, 1):
        return False
    tallest = 1
    for role, all_lines in cells.items():
        if alone and role in single:
            continue
        lines = sorted(x for x in all_lines if s <= x <= e)
        if not lines:
            if role == named:
                return False
            continue
        if role in single and len(lines) > 1:
            return False
        if not _whole(lines, anchor):
            return False
        m = lines[-1] - lines[0] + 1 - (skip if lines[0] < anchor < lines[-1] else 0)
        top = lines[0] - s - (skip if lines[0] > anchor else 0)
        if top not in _offsets(n, m):
            return False
        if any(x in ends.get(role, ()) for x in lines[:-1]):
            return False
        tallest = max(tallest, m)
    return tallest == n


def _whole(lines: list[int], anchor: int) -> bool:
    """Are a cell's lines consecutive, but for its row's anchor line (poppler may print a
    row's 得分, half a line off the tallest cell's lines, on a line of its own between two
    of them)?"""
    missing = set(range(lines[0], lines[-1] + 1)) - set(lines)
    return not missing or missing == {anchor}


def joint_bands(
    text_lines: list[int],
    anchors: list[int],
    cells: Mapping[str, set[int]],
    ends: Mapping[str, set[int]],
    named: str = "level3",
    single: frozenset[str] = frozenset({"weight", "score"}),
    name_of: Callable[[int, int], str] | None = None,
    known: frozenset[str] = frozenset(),
    open_end: bool = False,
    open_start: bool = False,
) -> tuple[list[tuple[int, int] | None], bool]:
    """Each anchor's band (first and last line) where every tiling of ``text_lines`` (the
    stretch's lines that hold text, in order) into bands that fit (``band_fits``) gives it
    the same one; None where tilings differ or none fits. Where tilings differ, those whose
    differing rows' names (``name_of(first, last)``) are all ``known`` (whole names printed
    elsewhere in the form: the form names one indicator in several blocks, 数量 / 质量 /
    时效 of one project), when the others' are not, are the form's own evidence: the bands
    they all agree on are taken. Also: do tilings differ (rows left open that names
    printed elsewhere might settle)? ``open_end``: the stretch ends the page; when no
    tiling covers all its lines, its last lines may be no anchored row's (a row whose 得分
    the dump put in another column): the tilings that end before some of them, where
    every cell ends (``_cells_end``), are weighed; a row whose band differs among the
    tilings ending anywhere stays open (that rule alone does not settle it).
    ``open_start``: the stretch starts a page that prints no header; its lines above the
    first anchor may end a row of the page before: the tilings that start at any of them
    are weighed."""
    count, rows = len(text_lines), len(anchors)

    def fits(k: int, i: int, j: int) -> bool:
        s, e = text_lines[i], text_lines[j - 1]
        if (k and s <= anchors[k - 1]) or (k + 1 < rows and e >= anchors[k + 1]):
            return False
        return band_fits(s, e, anchors[k], cells, ends, named, single)

    spans = [
        [(i, j) for i in range(count) for j in range(i + 1, count + 1) if fits(k, i, j)]
        for k in range(rows)
    ]
    first = {i for i in range(count) if text_lines[i] <= anchors[0]} if open_start else {0}
    used = _usable(spans, count, {count}, first)
    if open_end and not all(used):
        # (the lines left below hold a name: no row's lines are only another's cells' ends)
        named_lines = cells.get(named, set())
        last = {
            j
            for j in range(1, count + 1)
            if _cells_end(text_lines[j - 1], cells, ends)
            and (j == count or any(line in named_lines for line in text_lines[j:]))
        }
        anywhere = _usable(spans, count, set(range(1, count + 1)), first)
        used = _usable(spans, count, last, first)
        # (an end ruled out only because a column's text goes on two lines below may be a
        # cell printed apart, or two cells: it settles nothing, so rows it would have cut
        # otherwise stay open)
        used = [row if row == other else [] for row, other in zip(used, anywhere, strict=True)]
    bands = [[(text_lines[i], text_lines[j - 1]) for i, j in row] for row in used]
    out = [row[0] if len(row) == 1 else None for row in bands]
    tied = all(bands) and not all(out)
    if name_of is None or not known or not tied:
        return out, tied
    return _named_tiling(_tilings(used), text_lines, name_of, known) or out, tied


def _cells_end(line: int, cells: Mapping[str, set[int]], ends: Mapping[str, set[int]]) -> bool:
    """May every cell on ``line`` end there? Not a column whose text goes on two lines
    below with none on the line between (its cell's lines printed apart, as a joint cut's
    cells never are: the class's model does not hold there), unless its wrap width says it
    ends (``ends``)."""
    return all(
        line in ends.get(role, ()) or line + 1 in lines or line + 2 not in lines
        for role, lines in cells.items()
        if line in lines
    )


def _usable(
    spans: list[list[tuple[int, int]]], count: int, last: set[int], first: set[int]
) -> list[list[tuple[int, int]]]:
    """Each row's spans that some tiling holds: from one of ``first`` (the lines a tiling
    may start at) to one of ``last`` (the ends a tiling may stop at)."""
    rows = len(spans)
    starts: list[set[int]] = [set(first)] + [set() for _ in range(rows)]
    for k in range(rows):
        starts[k + 1] = {j for i, j in spans[k] if i in starts[k]}
    finish: list[set[int]] = [set() for _ in range(rows)] + [last]
    for k in range(rows - 1, -1, -1):
        finish[k] = {i for i, j in spans[k] if j in finish[k + 1]}
    return [
        [(i, j) for i, j in spans[k] if i in starts[k] and j in finish[k + 1]] for k in range(rows)
    ]


#: How many tilings of a stretch are weighed by the names printed elsewhere, at most.
_TILINGS = 32


def _tilings(used: list[list[tuple[int, int]]]) -> list[list[tuple[int, int]]]:
    """The tilings of the stretch by the rows' usable spans, each in some tiling (up to
    ``_TILINGS``; none when there are more)."""
    out: list[list[tuple[int, int]]] = []

    def walk(k: int, path: list[tuple[int, int]]) -> None:
        if len(out) > _TILINGS:
            return
        if k == len(used):
            out.append(list(path))
            return
        for span in used[k]:
            if not path or span[0] == path[-1][1]:
                walk(k + 1, [*path, span])

    walk(0, [])
    return out if len(out) <= _TILINGS else []


def _named_tiling(
    tilings: list[list[tuple[int, int]]],
    text_lines: list[int],
    name_of: Callable[[int, int], str],
    known: frozenset[str],
) -> list[tuple[int, int] | None] | None:
    """The bands every tiling agrees on among those whose rows that differ from tiling to
    tiling all name whole names printed elsewhere in the form (``known``), when some but
    not all tilings do so; else None."""
    if len(tilings) < 2:
        return None
    rows = range(len(tilings[0]))
    varying = [k for k in rows if len({t[k] for t in tilings}) > 1]
    good = [
        t
        for t in tilings
        if all(name_of(text_lines[t[k][0]], text_lines[t[k][1] - 1]) in known for k in varying)
    ]
    if not good or len(good) == len(tilings):
        return None
    out: list[tuple[int, int] | None] = []
    for k in rows:
        spans = {t[k] for t in good}
        if len(spans) == 1:
            i, j = spans.pop()
            out.append((text_lines[i], text_lines[j - 1]))
        else:
            out.append(None)
    return out
