"""The level labels of a -layout grid's two level columns: which rows each label covers.

A level-1 or level-2 label is a merged cell: printed once, centred on its rows, at the top of
the first, or on each row's own line. Given the rows as cut (``layout_rowcut``), this reads
each level column's runs into whole labels (a label's pieces and points joined, a run of
two labels split where the vocabulary tells them apart) and finds the readings that give
every row one label, checked level against level (a level-1 label changes only where a
level-2 one does) and against the vocabulary's parents. Kept apart from the grid's reading
(extract.text.columns), which decides what is certain and settles open rows across pages
(``layout_levels``).
"""

from __future__ import annotations

import regex

from selfeval.extract.text.layout_levels import (
    OPEN,
    STRICT,
    Bounds,
    Centring,
    blocks_of,
    by_numbers,
    by_parents,
    name_number,
    strictly_centred,
)
from selfeval.extract.text.layout_rowcut import RowCut, joined_text, line_runs, row_spans
from selfeval.extract.text.layout_tokens import Token
from selfeval.extract.text.web import level_label
from selfeval.extract.vocabulary import (
    KNOWN_LEVEL_NAMES,
    LEVEL1_NAMES,
    LEVEL2_NAMES,
    LEVEL_LABEL_TAILS,
    POINTS,
    label_key,
    level1_parents,
)

POINTS_RE = regex.compile(POINTS)


def level_labels(
    by_col: dict[str, list[Token]],
    cut: RowCut,
    reach: tuple[bool, bool],
    levels: list[str],
    blank_rows: list[int] | None = None,
    extras: list[tuple[list[int], str | None, str | None, bool]] | None = None,
    bounds: dict[str, Bounds] | None = None,
    seen: dict[str, set[tuple[str | None, ...]]] | None = None,
    centring: dict[str, Centring] | None = None,
    tops: bool = False,
) -> dict[str, list[str | None]] | str:
    """Each level column's label per row (None where not certain), or the level whose
    labels' rows cannot be told at all. A level column the page prints nothing in holds
    labels printed on another page: not known here. ``blank_rows``: the lines of
    placeholder rows, which merged labels cover too. ``extras`` receives the rows with no
    anchor: (line, level-1 label, level-2 label, whether an empty block's) for each
    placeholder row and each empty block (a level-2 label no reading gives a row).
    ``bounds``: by level, what the grid's other pages tell of the page break above and
    below (``layout_levels.Bounds``); ``seen`` receives each level's readings;
    ``centring``: by level, what the page shows of how its labels stand, and the grid's
    pages' to hold it to (``layout_levels.Centring``); ``tops``: the page prints its labels
    where their rows begin (``labels_at_row_tops``), so no row of it is under a label the
    next page prints."""
    labels: dict[str, list[str | None]] = {
        level: [None] * len(cut.rows) for level in levels if level not in by_col
    }
    sure = [not d for d in cut.doubt]
    readings: dict[str, set[tuple[str | None, ...]]] = {}
    # an empty block's level-2 label (no row of its own) stands where its row would: the
    # level-1 label over it is centred on it too
    empty_blocks: list[tuple[list[int], str]] = []
    blank: dict[str, dict[int, set[str | None]]] = {"level1": {}, "level2": {}}
    tail = reach[1] and not tops
    levels_read = ["level2", "level1"]
    while levels_read:
        level = levels_read.pop(0)
        if level in by_col:
            readings[level] = set()
            blank[level].clear()
            block_lines = [line for lines, _ in empty_blocks for line in lines]
            got = _labels(
                by_col[level],
                cut.rows,
                cut.anchor_lines,
                reach,
                sure,
                points=level == "level1",
                blank_rows=(blank_rows or []) + (block_lines if level == "level1" else []),
                found=readings[level],
                gaps=empty_blocks if level == "level2" else None,
                blank=blank[level],
                tail=tail,
                bounds=(bounds or {}).get(level, OPEN),
                centring=(centring or {}).get(level),
            )
            if level == "level1":
                got = _level1_checked(got, by_col, labels, readings)
            elif got is not None and None in got:
                # (the readings whose blocks begin where the rows' numbers begin again)
                numbers = [name_number(joined_text(row.get("level3", []))) for row in cut.rows]
                fit = by_numbers(readings[level], got, numbers)
                if fit is not None:
                    readings[level] = fit
                    got = [g or f for g, f in zip(got, _agreed(list(fit)), strict=True)]
            if got is None:
                return level
            labels[level] = got
            plain = level == "level1" and not blank_rows and not empty_blocks
            held = _held_by_level1(by_col, cut, labels, readings, reach) if plain else None
            if held is not None:
                # (the level-2 readings that centre every label as the level-1 column shows
                # its labels centred: the level-1 labels read again over them; no
                # placeholder row or empty block, whose lines the rows' spans leave out)
                readings["level2"] = held
                labels["level2"] = _agreed(list(held))
                levels_read.append("level1")
    if extras is not None:
        extras += _unanchored(blank_rows or [], empty_blocks, blank, readings.get("level1", set()))
    if seen is not None:
        seen.update(readings)
    return labels


def _held_by_level1(
    by_col: dict[str, list[Token]],
    cut: RowCut,
    labels: dict[str, list[str | None]],
    readings: dict[str, set[tuple[str | None, ...]]],
    reach: tuple[bool, bool],
) -> set[tuple[str | None, ...]] | None:
    """The level-2 readings in which every label stands within ``STRICT`` of its rows'
    middle, where the level-1 column shows its labels so: every level-1 block known (both
    its ends inside the page) within ``STRICT``, two over more than one line, and no reading
    puts the level-2 labels at the top of their rows. -layout's
    drift comes from the page's lines, which both columns share; a level-2 block taller than
    those, or reaching a page break, is not held to it. None when that keeps no reading,
    all of them, or the column's labels repeat a name (``strictly_centred`` holds a column
    by its own blocks; this by the level-1 column's, all of them certain)."""
    twos, ones = readings.get("level2", set()), labels.get("level1", [])
    if len(twos) < 2 or not ones or None in ones or "level2" not in by_col:
        return None
    spans = row_spans(cut.rows, cut.anchor_lines)
    n = len(spans)
    runs, names, _ = named_runs(line_runs(by_col["level2"], set()), False)
    if not all(map(is_label, names)) or _partitions(runs, spans, "top", reach):
        return None  # (the level-2 labels may stand at the top of their rows: not centred)

    def centred(
        column: str, reading: tuple[str | None, ...], held: int | None
    ) -> list[tuple[float, int]] | None:
        """Each block's (offset, height), those reaching a page break left out; None
        where a label's name is not one run of the column."""
        runs, names, _ = named_runs(line_runs(by_col[column], set()), column == "level1")
        out: list[tuple[float, int]] = []
        s = 0
        for e in range(n):
            if e + 1 < n and reading[e + 1] == reading[e]:
                continue
            name, first, last = reading[e], s, e
            s = e + 1
            if (first == 0 and reach[0]) or (last == n - 1 and reach[1]):
                continue
            if name is None or names.count(name) != 1:
                return None
            run = runs[names.index(name)]
            top, bottom = spans[first][0], spans[last][1]
            if held is not None and bottom - top > held:
                continue
            middle = (run[0].line + run[-1].line) / 2
            out.append((abs(middle - (top + bottom) / 2), bottom - top))
        return out

    shown = centred("level1", tuple(ones), None)
    if shown is None or any(off > STRICT for off, _ in shown):
        return None
    tall = [height for _, height in shown if height > 0]
    if len(tall) < 2:
        return None
    kept = set()
    for reading in twos:
        got = centred("level2", reading, max(tall))
        if got is None:
            return None
        if all(off <= STRICT for off, _ in got):
            kept.add(reading)
    return kept if kept and kept != twos else None


def levels_apart(by_col: dict[str, list[Token]]) -> bool:
    """Do a page's two level columns both hold text, every level-1 piece starting left of
    every level-2 one? Only then does the place a label's piece starts at tell its column (a
    reading that put level-2 labels among the level-1 ones tells nothing so)."""
    ones, twos = by_col.get("level1", []), by_col.get("level2", [])
    return bool(ones and twos) and max(t.x0 for t in ones) < min(t.x0 for t in twos)


def labels_at_row_tops(by_col: dict[str, list[Token]], cut: RowCut, sure: list[bool]) -> bool:
    """Does some level label stand at the top of its first row, not centred on it? Then the
    producer prints a label where its rows begin (at the top of a merged cell's part on a
    page, or of a top-aligned cell): no row of this page is under a label printed on the
    next."""
    spans = row_spans(cut.rows, cut.anchor_lines)
    return any(
        _at_top_of_its_row(by_col[level], spans, sure, level == "level1")
        for level in ("level2", "level1")
        if level in by_col
    )


def last_label_at_top(
    by_col: dict[str, list[Token]], cut: RowCut, seen: dict[str, set[tuple[str | None, ...]]]
) -> bool:
    """Does a level column's last label, its block the page's last rows in every reading
    (one first row in all), stand on that row's first line and off its block's middle?
    The grid then prints a label whose block reaches a page's end at the top of its part
    there: not centred on the part, nor on the whole block (whose middle would lie at or
    below the part's when the label prints on this page)."""
    spans = row_spans(cut.rows, cut.anchor_lines)
    for level, readings in seen.items():
        if level not in by_col or not readings or not spans:
            continue
        runs, names, _ = named_runs(line_runs(by_col[level], set()), level == "level1")
        if not runs or names.count(names[-1]) != 1:
            continue
        starts = set()
        for reading in readings:
            if len(reading) != len(spans) or reading[-1] != names[-1]:
                break
            s = len(reading) - 1
            while s and reading[s - 1] == names[-1]:
                s -= 1
            starts.add(s)
        else:
            if len(starts) != 1:
                continue
            a, b = runs[-1][0].line, runs[-1][-1].line
            top, bottom = spans[starts.pop()][0], spans[-1][1]
            if a == top and abs((a + b) / 2 - (top + bottom) / 2) > centre_slack(bottom - top):
                return True
    return False


def _level1_checked(
    got: list[str | None] | None,
    by_col: dict[str, list[Token]],
    labels: dict[str, list[str | None]],
    readings: dict[str, set[tuple[str | None, ...]]],
) -> list[str | None] | None:
    """The level-1 labels read by geometry, checked against the rows' level-2 labels and
    the vocabulary: a level-1 label's rows must be those its level-2 names stand under
    (may also settle ``labels["level2"]``)."""
    if got is not None and _distinct_runs(by_col.get("level2")):
        labels["level2"], got = _nested(
            labels["level2"], got, readings["level2"], readings["level1"]
        )
    if labels.get("level2") and (got is None or None in got):
        got = _with_parents(got, _by_parent(by_col["level1"], labels["level2"]))
    if got is not None and None in got and labels.get("level2"):
        # (the readings whose blocks the vocabulary lets the level-2 names stand under)
        fit = by_parents(readings["level1"], labels["level2"])
        got = got if fit is None else [g or f for g, f in zip(got, fit, strict=True)]
    if got is not None and labels.get("level2"):
        got = _parent_among(got, labels["level2"], readings["level1"])
        got = _parent_printed(got, labels["level2"], readings["level1"])
    return got


def _at_top_of_its_row(
    toks: list[Token], spans: list[tuple[int, int]], sure: list[bool], points: bool
) -> bool:
    """Does some label of the column stand on the first line of a row read for certain,
    inside that row and not centred on it?"""
    runs, names, points = named_runs(line_runs(toks, set()), points)
    for run, name in zip(runs, names, strict=True):
        a, b = run[0].line, run[-1].line
        at = [k for k, span in enumerate(spans) if span[0] == a and sure[k]]
        if not at or not is_label(name, points=points):
            continue
        top, bottom = spans[at[0]]
        if b <= bottom and abs((a + b) / 2 - (top + bottom) / 2) > centre_slack(bottom - top):
            return True
    return False


def _unanchored(
    blank_rows: list[int],
    empty_blocks: list[tuple[list[int], str]],
    blank: dict[str, dict[int, set[str | None]]],
    readings1: set[tuple[str | None, ...]],
) -> list[tuple[list[int], str | None, str | None, bool]]:
    """The rows with no anchor, with the labels every reading gives their lines (None where
    they differ or give none): (line, level-1 label, level-2 label, whether an empty block)."""

    def one(level: str, lines: list[int]) -> str | None:
        found = set().union(*(blank[level].get(line, {None}) for line in lines))
        return found.pop() if len(found) == 1 else None

    rows = [([line], one("level1", [line]), one("level2", [line]), False) for line in blank_rows]
    rows += [(lines, one("level1", lines), name, True) for lines, name in empty_blocks]
    out = []
    for lines, l1, l2, empty in rows:
        (l1,) = _parent_printed([l1], [l2], readings1)
        out.append((lines, l1, l2, empty))
    return out


def _parent_printed(
    level1: list[str | None],
    level2: list[str | None],
    readings: set[tuple[str | None, ...]],
) -> list[str | None]:
    """Rows whose level-1 label, read by centres, is not one the vocabulary lets the row's
    level-2 name stand under while the one it does is printed on the page (时效指标 read
    under 效益指标, 产出指标 printed above): the centres were misled (a page break the dump
    does not mark, a label over rows of two pages), and the row has none. But where the
    misled label is that of the row on one side of it and the label of the row on the other
    side is one the vocabulary lets (成本指标 read under the 效益指标 of the row after it,
    the row before it under 产出指标), the centres only put the boundary between two blocks
    a row off: the row is the other side's block's."""
    printed = {POINTS_RE.sub("", label_key(c)) for r in readings for c in r if c}
    out = list(level1)
    misled = []
    for k, (l1, l2) in enumerate(zip(level1, level2, strict=True)):
        if l1 is None or l2 is None:
            continue
        parents = level1_parents(l2)
        if parents & printed and POINTS_RE.sub("", label_key(l1)) not in parents:
            out[k] = None
            misled.append((k, parents))
    for k, parents in misled:
        beside = [level1[j] for j in (k - 1, k + 1) if 0 <= j < len(level1) and out[j]]
        if len(beside) != 2 or level1[k] not in beside:
            continue
        other = beside[1] if beside[0] == level1[k] else beside[0]
        if other != level1[k] and POINTS_RE.sub("", label_key(other)) in parents:
            out[k] = other
    return out


def _parent_among(
    level1: list[str | None],
    level2: list[str | None],
    readings: set[tuple[str | None, ...]],
) -> list[str | None]:
    """Rows whose level-1 label the readings by centres leave open between some labels:
    the one of them the vocabulary lets the row's level-2 name stand under (数量指标 under
    产出指标, not 效益指标), when exactly one does."""
    out = list(level1)
    for k, (l1, l2) in enumerate(zip(level1, level2, strict=True)):
        if l1 is not None or l2 is None:
            continue
        parents = level1_parents(l2)
        candidates = {r[k] for r in readings if r[k] is not None}
        fits = [c for c in candidates if POINTS_RE.sub("", label_key(c)) in parents]
        if len(fits) == 1 and len(candidates) > 1:
            out[k] = fits[0]
    return out


def _nested(
    level2: list[str | None],
    level1: list[str | None],
    readings2: set[tuple[str | None, ...]],
    readings1: set[tuple[str | None, ...]],
) -> tuple[list[str | None], list[str | None]]:
    """The two level columns read together: a level-1 label's merged cell covers whole
    level-2 cells, so a level-1 reading may change label only where the level-2 reading
    does. Each row keeps the labels every such pair of readings agrees on (they agree at
    least where each column alone did); when no pair nests, each column alone."""
    pairs = [(r2, r1) for r2 in readings2 for r1 in readings1 if _breaks(r1) <= _breaks(r2)]
    if not pairs:
        return level2, level1
    return _agreed([r2 for r2, _ in pairs]), _agreed([r1 for _, r1 in pairs])


def _distinct_runs(toks: list[Token] | None) -> bool:
    """Does a level column print labels, no two in a row alike (so that where a reading's
    label name changes, its label changes, and only there)?"""
    if not toks:
        return False
    names = named_runs(line_runs(toks, set()), False)[1]
    return all(a != b for a, b in zip(names, names[1:], strict=False))


def _breaks(reading: tuple[str | None, ...]) -> set[int]:
    """The rows after which a reading's label changes."""
    return {k for k in range(len(reading) - 1) if reading[k] != reading[k + 1]}


def _with_parents(
    got: list[str | None] | None, parents: list[str] | None
) -> list[str | None] | None:
    """Level-1 labels by geometry, completed by the vocabulary's parents of the rows'
    level-2 names; a row where the two disagree has none."""
    if parents is None or got is None:
        return got if parents is None else list(parents)
    return [p if g is None or g == p else None for g, p in zip(got, parents, strict=True)]


def _labels(
    toks: list[Token],
    rows: list[dict[str, list[Token]]],
    anchor_lines: list[int],
    reach: tuple[bool, bool] = (True, True),
    sure: list[bool] | None = None,
    *,
    points: bool = False,
    blank_rows: list[int] | None = None,
    found: set[tuple[str | None, ...]] | None = None,
    gaps: list[tuple[list[int], str]] | None = None,
    blank: dict[int, set[str | None]] | None = None,
    tail: bool | None = None,
    bounds: Bounds = OPEN,
    per_row: bool = True,
    centring: Centring | None = None,
) -> list[str | None] | None:
    """Each row's label in one level column, or None when which rows a label covers is
    not certain. A label is a run of lines; it stands on each row's line (one label per row),
    or centred on the rows it covers, or on the first of them: the one consistent reading.
    Where no reading fits, the rows a label's own lines stand beside are still its (see
    ``_beside_labels``; ``sure``: the rows whose cells were all placed). ``points``: the
    column is the level-1 one, where a label may print only its points ((50分), the Anhui
    template's). ``blank_rows``: lines of placeholder rows, rows only where labels are
    centred. ``found`` receives the readings the labels were agreed from (none when they
    were not read by centres), ``gaps`` the lines and names of labels of empty blocks,
    ``blank`` the labels placeholder rows may have, by their lines. ``tail`` (by default
    ``reach[1]``): whether the page after may print the labels of this page's last rows;
    ``bounds``: what other pages tell of the page breaks (``layout_levels.Bounds``);
    ``centring``: see ``layout_levels.Centring``."""
    head_at = label_tail(toks) if reach[0] else None
    if head_at is not None:
        # the first label's last lines, its first printed on the page before (可持 /
        # 续影响指标): the rows up to its last line are under it, by name unknown here
        toks = [t for t in toks if t.line > head_at]
    runs = line_runs(toks, set())
    spans = row_spans(rows, anchor_lines)

    # a label printed on every row (merged cells not kept): each of its lines goes to the
    # nearest row's anchor, and every row gets a whole label
    texts: list[str | None] | None = None
    if per_row:
        texts = list[str | None](_per_row_labels(toks, anchor_lines) or []) or None
        if texts is None and not blank_rows:
            texts = _per_row_cut(toks, anchor_lines, spans, head_at, reach[1])
    if texts is not None:
        if blank_rows and blank is not None:
            # (placeholder rows among them print no label: the labels are merged over
            # theirs, which the readings tell where they give the rows these labels)
            theirs: dict[int, set[str | None]] = {}
            again = _labels(
                toks, rows, anchor_lines, reach, sure, points=points, blank_rows=blank_rows,
                blank=theirs, tail=tail, bounds=bounds, per_row=False,
            )  # fmt: skip
            if again == texts:
                blank.update(theirs)
        return list[str | None](texts)
    level1 = points
    head_end = label_head(toks) if reach[1] else None
    if head_end is not None:
        # the last label's first lines, the rest printed on the next page (社会 / 效益 of
        # 社会效益指标): the rows from its first line on are under it, by name unknown here
        runs = line_runs([t for t in toks if t.line < head_end], set())
    runs, names, points = named_runs(runs, points)
    cut_at = head_end
    last = names[-1] if len(names) > 1 and head_end is None else ""
    if reach[1] and last and not is_label(last, points=points) and label_start(last):
        # the last label's first lines, the rest printed on the next page (可持 / ...): the
        # rows from its first line on are under it, by name unknown here
        cut_at, runs, names = runs[-1][0].line, runs[:-1], names[:-1]
    if any(not is_label(n, points=points) for n in names):
        return None
    got = _read_labels(
        runs, names, spans, reach, sure, blank_rows, found, gaps, blank, tail, bounds, level1,
        centring,
    )  # fmt: skip
    if got is not None and head_at is not None:
        got = [None if span[0] <= head_at else g for g, span in zip(got, spans, strict=True)]
        if found:
            head_readings = {
                tuple(None if span[0] <= head_at else g for g, span in zip(r, spans, strict=True))
                for r in found
            }
            found.clear()
            found.update(head_readings)
    if got is not None and cut_at is not None:
        got = _cut_off(got, spans, cut_at)
        if found:
            cut_readings = {tuple(_cut_off(list(r), spans, cut_at)) for r in found}
            found.clear()
            found.update(cut_readings)
    return got


def _cut_off(got: list[str | None], spans: list[tuple[int, int]], cut_at: int) -> list[str | None]:
    """No label for the rows from line ``cut_at`` on (under a label cut by the page end)."""
    return [None if span[1] >= cut_at else g for g, span in zip(got, spans, strict=True)]


def _doubt_widened(spans: list[tuple[int, int]], sure: list[bool]) -> list[tuple[int, int]]:
    """The rows' spans with each row in doubt whose cells the cut left empty (its span its
    anchor's line alone, short of its lines) reaching up to its neighbours' spans, or from
    the page's top."""
    out = list(spans)
    for k, ok in enumerate(sure):
        if not ok and spans[k][0] == spans[k][1]:
            top = spans[k - 1][1] + 1 if k else 0
            bottom = spans[k + 1][0] - 1 if k + 1 < len(spans) else spans[k][1]
            out[k] = (min(top, spans[k][0]), max(bottom, spans[k][1]))
    return out


def named_runs(runs: list[list[Token]], points: bool) -> tuple[list[list[Token]], list[str], bool]:
    """The column's whole labels, their names, and whether they print only their points."""
    whole = _label_runs(runs, points=points)
    names = [joined_text(r) for r in whole]
    if points and not all(points_only(n) for n in names):
        # labels that print only their points are the column's only when all do: beside
        # named ones, a bare (90分) is another cell's (the group name's, 绩效指标 (90分))
        whole = _label_runs(runs)
        names = [joined_text(r) for r in whole]
        points = False
    return whole, names, points


def _read_labels(
    runs: list[list[Token]],
    names: list[str],
    spans: list[tuple[int, int]],
    reach: tuple[bool, bool],
    sure: list[bool] | None,
    blank_rows: list[int] | None,
    found: set[tuple[str | None, ...]] | None = None,
    gaps: list[tuple[list[int], str]] | None = None,
    blank: dict[int, set[str | None]] | None = None,
    tail: bool | None = None,
    bounds: Bounds = OPEN,
    level1: bool = False,
    centring: Centring | None = None,
) -> list[str | None] | None:
    """Each row's label by the one reading the partitions agree on, else by the rows the
    labels' lines stand beside (and in a grid wholly on the page, by the labels' bands,
    ``_by_bands``; ``level1``: the column is the level-1 one); None when neither tells.
    ``gaps`` receives the lines and names of the labels no reading gives a row (an empty
    block's: 经济效益指标 with no indicator), ``blank`` each placeholder row's labels over
    the readings, by its line."""
    loose = (
        reach[0] and bounds[0] == "open",
        (reach[1] if tail is None else tail) and bounds[1] in ("open", "cut", "top"),
    )

    def partitioned(
        row_spans: list[tuple[int, int]],
    ) -> tuple[list[tuple[int, int]], list[int], list[list[int | None]]]:
        # placeholder rows stand among the rows where labels are centred, then are dropped
        every, real = _with_blank_rows(row_spans, blank_rows or [])
        parts = [
            got
            for mode in ("centre", "top")
            for got in _partitions(runs, every, mode, reach, tail, bounds)
        ]
        lines = [(r[0].line, r[-1].line) for r in runs]
        return every, real, strictly_centred(parts, lines, every, loose, centring)

    every, real, parts = partitioned(spans)
    readings = {tuple(_name_at(names, got[n]) for n in real) for got in parts}
    widened = _doubt_widened(spans, sure) if sure is not None else spans
    if widened != spans:
        # (a row in doubt may reach as far as its neighbours: the readings with it so tall
        # are as good, and where they differ no row's label is certain)
        _, wide_real, more = partitioned(widened)
        readings |= {tuple(_name_at(names, got[n]) for n in wide_real) for got in more}
    if gaps is not None and parts:
        gaps.extend(_unused_labels(runs, names, parts))
    if blank is not None and parts:
        _add_blank_row_labels(blank, every, real, names, parts)
    beside = _beside_labels(runs, spans, reach, sure or [True] * len(spans), tail)
    if not readings and not any(reach):
        return _by_bands(runs, names, every, real, beside, found if level1 else None)
    if not readings:
        return None if beside is None else [names[i] if i is not None else None for i in beside]
    if found is not None:
        found.update(readings)
    return _agreed(list(readings))


def _by_bands(
    runs: list[list[Token]],
    names: list[str],
    every: list[tuple[int, int]],
    real: list[int],
    beside: list[int | None] | None,
    found: set[tuple[str | None, ...]] | None,
) -> list[str | None] | None:
    """Each row's label, in a grid wholly on this page, where no label's place fits its
    rows as printed (a Chromium print with a Type 3 CJK font groups a label's lines apart
    from its rows' by more than the centring allows: 服务对象 / 满意度指 / 标 above the one
    line of its row): by the rows the labels' lines stand beside, and where those tell
    nothing by the readings that hold each label only inside its rows' band (past neither
    neighbour row's text), when they all agree. None when the two disagree or neither
    tells. Not where a page break cuts the grid: a block going on past it lets a label
    stand anywhere beside its part, and a page's level-2 reading there may already be
    misled. ``found`` (given for the level-1 column only) receives those readings, which
    the vocabulary then narrows by the rows' level-2 labels; the level-2 ones are not
    weighed further (by the rows' numbers: a dump that hides a page break, cutting a row
    there, is read whole only where the labels' places tell)."""
    parts = _partitions(runs, every, "band", (False, False))
    banded = {tuple(_name_at(names, got[n]) for n in real) for got in parts}
    near = None if beside is None else [_name_at(names, i) for i in beside]
    if not banded:
        return near
    agreed = _agreed(list(banded))
    if near is not None and any(
        b is not None and g is not None and b != g for b, g in zip(near, agreed, strict=True)
    ):
        return near
    if found is not None:
        found.update(banded)
    return [b if b is not None else g for b, g in zip(near or agreed, agreed, strict=True)]


def _name_at(names: list[str], i: int | None) -> str | None:
    """The name of label ``i`` of a partition, None for a row it gives no label."""
    return None if i is None else names[i]


def _add_blank_row_labels(
    blank: dict[int, set[str | None]],
    every: list[tuple[int, int]],
    real: list[int],
    names: list[str],
    parts: list[list[int | None]],
) -> None:
    """Into ``blank``, by its line, the labels the partitions give each placeholder row:
    such a row has no anchor, and its labels are known only where the readings agree."""
    for n in set(range(len(every))) - set(real):
        blank.setdefault(every[n][0], set()).update(_name_at(names, got[n]) for got in parts)


def _unused_labels(
    runs: list[list[Token]], names: list[str], parts: list[list[int | None]]
) -> list[tuple[list[int], str]]:
    """The lines and names of the labels no partition gives a row: an empty block's label
    (经济效益指标 with no indicator) stands where its row would be."""
    used = [{i for i in got if i is not None} for got in parts]
    return [
        (sorted({t.line for t in run}), names[i])
        for i, run in enumerate(runs)
        if all(i not in u for u in used)
    ]


def _with_blank_rows(
    spans: list[tuple[int, int]], blank_rows: list[int]
) -> tuple[list[tuple[int, int]], list[int]]:
    """The rows' spans with a one-line span for each placeholder row put in line order,
    and where the rows' own spans stand in that list."""
    every: list[tuple[int, int]] = []
    real: list[int] = []
    blank = sorted(blank_rows)
    for span in spans:
        while blank and blank[0] < span[0]:
            every.append((blank[0], blank[0]))
            blank.pop(0)
        real.append(len(every))
        every.append(span)
    every += [(b, b) for b in blank]
    return every, real


def _beside_labels(
    runs: list[list[Token]],
    spans: list[tuple[int, int]],
    reach: tuple[bool, bool],
    sure: list[bool],
    tail: bool | None = None,
) -> list[int | None] | None:
    """Rows -> label index by the labels' own lines: a row whose lines a label's lines
    stand beside is that label's (a merged cell's text lies inside its rows' band); the rows
    between two rows of one label are its too, and so are the rows before the first label's
    first row when no page came before, after the last label's last row when the grid ends
    on this page. None when a row stands beside two labels or the labels are out of order."""
    n = len(spans)
    near: list[int | None] = [None] * n
    for k, (top, bottom) in enumerate(spans):
        if not sure[k]:
            continue
        found = [i for i, run in enumerate(runs) if any(top <= t.line <= bottom for t in run)]
        if len(found) > 1:
            return None
        near[k] = found[0] if found else None
    known = [(k, i) for k, i in enumerate(near) if i is not None]
    if not known or any(a[1] > b[1] for a, b in zip(known, known[1:], strict=False)):
        return None
    out = list(near)
    for (k0, i0), (k1, i1) in zip(known, known[1:], strict=False):
        if i0 == i1:
            out[k0:k1] = [i0] * (k1 - k0)
    first, last = known[0], known[-1]
    if not reach[0] and first[1] == 0:
        out[: first[0]] = [0] * first[0]
    if not (reach[1] if tail is None else tail) and last[1] == len(runs) - 1:
        out[last[0] + 1 :] = [last[1]] * (n - last[0] - 1)
    return out


def _agreed(readings: list[tuple[str | None, ...]]) -> list[str | None]:
    """Each row's label where every reading that fits gives it the same one, else None:
    the rows a label certainly covers are kept even when its reach is in doubt."""
    return [col[0] if len(set(col)) == 1 else None for col in zip(*readings, strict=True)]


def _by_parent(toks: list[Token], level2: list[str | None]) -> list[str] | None:
    """Level-1 labels merged over many rows, by the vocabulary: each row's level-2 name
    belongs under one level-1 name (数量指标 under 产出指标); when exactly one printed level-1
    label has that name, it is the row's, and the rows under each label follow one another."""
    printed: dict[str, str] = {}
    for run in line_runs(toks, set()):
        text = joined_text(run)
        if not text or level_label(text) is None:
            return None
        name = POINTS_RE.sub("", label_key(text))
        if printed.get(name, text) != text:
            return None
        printed[name] = text
    out = []
    for l2 in level2:
        parents = level1_parents(l2)
        found = [printed[p] for p in parents if p in printed]
        if len(found) != 1:
            return None
        out.append(found[0])
    order = [t for k, t in enumerate(out) if k == 0 or out[k - 1] != t]
    if len(order) != len(set(order)):
        return None  # a label's rows apart from each other
    return out


def _per_row_cut(
    toks: list[Token],
    anchor_lines: list[int],
    spans: list[tuple[int, int]],
    head_at: int | None,
    tail: bool,
) -> list[str | None] | None:
    """Labels printed on every row (``_per_row_labels``) on a page whose break cut the
    first row's label (its last pieces at the top, ``head_at``: that row's label is the
    page before's) or the last row's (its first pieces at the bottom, 产/出 of 产/出/指/标:
    the rest is the next page's): the rows the cut pieces stand beside get no label here,
    the others theirs, each by its own anchor."""
    cut_at = None
    last = max(toks, key=lambda t: t.line, default=None)
    if tail and last is not None and not is_label(last.text) and label_start(last.text):
        cut_at = last.line
        toks = [t for t in toks if t is not last]
    if cut_at is None and head_at is None:
        return None
    kept = [
        k
        for k, (first, end) in enumerate(spans)
        if (head_at is None or first > head_at) and (cut_at is None or end < cut_at)
    ]
    if not kept or (cut_at is not None and kept[-1] != len(spans) - 2):
        return None  # (the cut label is the last row's alone)
    texts = _per_row_labels(toks, [anchor_lines[k] for k in kept])
    if texts is None:
        return None
    got: list[str | None] = [None] * len(spans)
    for k, text in zip(kept, texts, strict=True):
        got[k] = text
    return got


def _per_row_labels(toks: list[Token], anchor_lines: list[int]) -> list[str] | None:
    """Labels printed on every row (no merged cell): each row's label is the tokens nearest
    its anchor line, within the smallest distance that makes a whole label; every token must
    go to exactly one row."""
    used: set[int] = set()
    texts = []
    for a in anchor_lines:
        for d in range(3):
            near = [t for t in toks if abs(t.line - a) <= d]
            text = joined_text(near)
            if text and level_label(text):
                break
        else:
            return None
        if any(id(t) in used for t in near):
            return None
        used.update(id(t) for t in near)
        texts.append(text)
    return texts if len(used) == len(toks) else None


def is_label(text: str, *, points: bool = False) -> bool:
    """A level label; with ``points``, a level-1 label printing only its points too."""
    return bool(text) and (level_label(text) is not None or (points and points_only(text)))


def _label_runs(runs: list[list[Token]], *, points: bool = False) -> list[list[Token]]:
    """Label runs as whole labels: a run of two labels one under the other (时效指标 /
    成本指标) is split; a label's pieces a line apart (经济效益 / (blank) / 指标, (30 / 分))
    are joined."""
    split: list[list[Token]] = []
    for run in runs:
        lines = sorted({t.line for t in run})
        parts = [[t for t in run if t.line == line] for line in lines]
        if len(parts) > 1 and all(level_label(joined_text(p)) for p in parts):
            split += parts
        else:
            split.append(run)
    whole = segments([t for run in runs for t in run])
    if whole is not None:
        return whole
    out: list[list[Token]] = []
    for run in split:
        if (
            out
            and run[0].line - out[-1][-1].line <= 2
            and not is_label(joined_text(out[-1]), points=points)
            and (
                is_label(joined_text(out[-1] + run), points=points)
                or label_start(joined_text(out[-1] + run))
            )
        ):
            out[-1] = out[-1] + run
        else:
            out.append(run)
    return out


KNOWN_LEVELS = KNOWN_LEVEL_NAMES | LEVEL1_NAMES | LEVEL2_NAMES


def completed_label(t: Token, by_col: dict[str, list[Token]]) -> str | None:
    """The level column whose label's lines just above ``t`` join with it into a whole name
    the vocabulary knows at that level (服务对象满意 / 度指标), when one column only: a
    wrapped label's next line printed a place or two off its column (-layout puts a
    block's text where everything left of it ends, line by line)."""
    fits = set()
    for role, names in (("level1", LEVEL1_NAMES), ("level2", LEVEL2_NAMES)):
        toks = by_col.get(role, [])
        text, line, x0 = t.text, t.line, t.x0
        while above := [u for u in toks if u.line == line - 1 and abs(u.x0 - x0) <= 2]:
            if len(above) > 1:
                break
            text, line, x0 = above[0].text + text, line - 1, above[0].x0
            if POINTS_RE.sub("", label_key(text)) in names:
                fits.add(role)
                break
    return fits.pop() if len(fits) == 1 else None


def _known_label(text: str) -> bool:
    """A level label the vocabulary names (its weight aside), exactly or with a word after
    it that names no level (服务对象满意度指标等)."""
    key = POINTS_RE.sub("", label_key(text))
    return key in KNOWN_LEVELS or (key[-1:] in LEVEL_LABEL_TAILS and key[:-1] in KNOWN_LEVELS)


def two_labels(text: str) -> bool:
    """Does a label cell's text hold two labels the vocabulary names, one after the other
    (产出指标 质量指标: a level-2 label read into the level-1 column beside its row's own)?"""
    key = "".join(text.split())
    return any(_known_label(key[:k]) and _known_label(key[k:]) for k in range(2, len(key) - 1))


def segments(toks: list[Token]) -> list[list[Token]] | None:
    """A level column's lines cut into whole labels, one after another (可持 / 续影 / 响指 /
    标 / 服务 / 对象 / 满意 / 度指 / 标: 可持续影响指标, 服务对象满意度指标), a label's lines
    at most a line apart; None unless exactly one cut makes every piece a label."""
    lines = sorted({t.line for t in toks})
    pieces = [[t for t in toks if t.line == line] for line in lines]
    n = len(pieces)
    ways: list[list[list[int]]] = [[] for _ in range(n + 1)]  # cuts of pieces[i:]
    ways[n] = [[]]
    for i in range(n - 1, -1, -1):
        for j in range(i + 1, n + 1):
            if j - 1 > i and lines[j - 1] - lines[j - 2] > 2:
                break
            if ways[j] and _known_label(joined_text([t for p in pieces[i:j] for t in p])):
                ways[i] += [[j, *rest] for rest in ways[j]][: 2 - len(ways[i])]
            if len(ways[i]) > 1:
                break
    if len(ways[0]) != 1:
        return None
    out, i = [], 0
    for j in ways[0][0]:
        out.append([t for p in pieces[i:j] for t in p])
        i = j
    return out


#: How many readings of one level column are weighed before the column is given up.
_MAX_READINGS = 64


def label_start(text: str) -> bool:
    """The first pieces of a known level name printed over several lines (满意 / 度指)."""
    key: str = label_key(text)
    cut = _POINTS_START.search(key)
    if cut is not None:
        # a name whole, and the start of its weight: 满意度指标(10 / 分)
        return key[: cut.start()] in KNOWN_LEVEL_NAMES
    return bool(key) and any(str(name).startswith(key) for name in KNOWN_LEVEL_NAMES)


def label_tail(toks: list[Token]) -> int | None:
    """The last line of a level label's last pieces at the column's top, its first printed
    on the page before (续影 / 响指 / 标 of 可持续影响指标, then 服务 / 对象 / 满意 / 度指 / 标):
    when the column's lines cut into whole labels only without them, and exactly one run
    of first lines (each at most two apart) joins into the end of a known name and no
    name. None otherwise."""
    if not toks or segments(toks) is not None:
        return None
    lines = sorted({t.line for t in toks})
    found = []
    for k in range(1, len(lines)):
        if lines[k - 1] - lines[k - 2 if k > 1 else 0] > 2:
            break
        head = joined_text([t for t in toks if t.line <= lines[k - 1]])
        key = label_key(head)
        if (
            key
            and not _known_label(head)
            and any(str(name).endswith(key) for name in KNOWN_LEVEL_NAMES)
            and segments([t for t in toks if t.line >= lines[k]]) is not None
        ):
            found.append(lines[k - 1])
    return found[0] if len(found) == 1 else None


def label_head(toks: list[Token]) -> int | None:
    """The first line of a level label's first pieces at the column's foot, the rest
    printed on the page after (社会 / 效益 of 社会效益指标, after 经济 / 效益 / 指标): when the
    column's lines cut into whole labels only without them, and exactly one run of last
    lines (each at most two apart) joins into the start of a known name and no name. None
    otherwise (the mirror of ``label_tail``)."""
    if not toks or segments(toks) is not None:
        return None
    lines = sorted({t.line for t in toks})
    found = []
    for k in range(len(lines) - 1, 0, -1):
        if lines[min(k + 1, len(lines) - 1)] - lines[k] > 2:
            break
        foot = joined_text([t for t in toks if t.line >= lines[k]])
        if (
            label_start(foot)
            and not _known_label(foot)
            and segments([t for t in toks if t.line < lines[k]]) is not None
        ):
            found.append(lines[k])
    return found[0] if len(found) == 1 else None


_POINTS_START = regex.compile(r"[（(][\d.]*分?$")


def centre_slack(height: int) -> float:
    """How far (in lines) a merged label's middle may lie from its rows' middle: -layout
    keeps the order of lines, not their heights, so a tall group of rows drifts."""
    return 0.5 + height / 8


def _partitions(
    runs: list[list[Token]],
    spans: list[tuple[int, int]],
    mode: str,
    reach: tuple[bool, bool] = (True, True),
    tail: bool | None = None,
    bounds: Bounds = OPEN,
) -> list[list[int | None]]:
    """Rows -> label index: every way (up to ``_MAX_READINGS``; none when there are more) of
    cutting the rows into consecutive groups, one per label, each label centred on (or
    standing on the first line of, ``mode`` "top"; or anywhere inside the band of, "band")
    its group; rows outside every group get None. Rows before
    the first label can only be under a label of the page before, rows after the last under
    one of the page after: ``reach`` says whether there is such a page (``tail``, by default
    ``reach[1]``: whether the page after may print labels of this page's last rows).
    ``bounds`` (``layout_levels.Bounds``): a side "shut" holds the first (last) label to its
    rows here; "own" too, and no row stands before (after) it."""
    n = len(spans)
    tail = reach[1] if tail is None else tail
    shut = (bounds[0] != "open", bounds[1] != "open")
    widen = [False]

    def fits(i: int, s: int, e: int) -> bool:
        top, bottom = spans[s][0], spans[e][1]
        a, b = runs[i][0].line, runs[i][-1].line
        # inside the rows' band: past neither neighbour row's text (a label taller than
        # its rows' cells makes the band taller than their lines)
        above = spans[s - 1][1] if s else -1
        if i == len(runs) - 1 and e == n - 1 and tail and not shut[1] and bottom < a:
            # the page's last label below its last row, the grid going on: a merged cell
            # over the page break that a sheet centres on its whole block prints past its
            # rows here
            return above < a
        # (past the grid's last row, on the page where it ends, a label taller than that
        # row's cells has no other row to reach)
        below = spans[e + 1][0] if e + 1 < n else bottom + 2 if reach[1] else b + 1
        if not (above < a and b < below):
            return False
        if mode == "band":
            return True
        if i == len(runs) - 1 and e == n - 1 and reach[1] and bounds[1] == "top":
            # the page's last label over its last rows, the last crossing the break, in a
            # grid that prints such a label at the top of its part (``last_label_at_top``)
            return a == top
        if i == len(runs) - 1 and e == n - 1 and reach[1] and (not shut[1] or bounds[1] == "cut"):
            # the page's last label over its last rows: its merged cell may go on past the
            # page break, so where it stands on this page says nothing of its rows (a sheet
            # centring it on the whole block prints it at or below its part's middle here)
            middle, mid = (a + b) / 2, (top + bottom) / 2
            return (
                a == top
                or abs(middle - mid) <= centre_slack(bottom - top)
                or (widen[0] and mid <= middle)
            )
        if i == 0 and s == 0 and reach[0] and not shut[0]:
            # the page's first label over its first rows: its merged cell may have begun on
            # the page before (a sheet centres it on the whole block), so it may stand
            # anywhere beside them
            return top <= a
        if mode == "top":
            return a == top
        return abs((a + b) / 2 - (top + bottom) / 2) <= centre_slack(bottom - top)

    def gap(i: int, s: int) -> bool:
        a, b = runs[i][0].line, runs[i][-1].line
        if s == n and i == len(runs) - 1 and bounds[1] == "own":
            # (the page's last label, printed again at the next page's top: one block
            # crosses the break, and its part here holds rows)
            return False
        above = spans[s - 1][1] if s else -1
        below = spans[s][0] if s < n else b + 1
        return bool(s) and above < a and b < below

    def solve(i: int, s: int) -> list[list[int | None]]:
        if i == len(runs):
            # rows after the last label: under one printed on the next page
            own = bounds[1] == "own"
            return [list[int | None]([None] * (n - s))] if (tail and not own) or s == n else []
        out: list[list[int | None]] = []
        if gap(i, s):
            # a label of no row (an empty block: 经济效益指标 with no indicator), printed
            # in the gap between two rows
            out += solve(i + 1, s)
        for e in range(s, n):
            if fits(i, s, e):
                for rest in solve(i + 1, e + 1):
                    out.append(list[int | None]([i] * (e - s + 1)) + rest)
                    if len(out) > _MAX_READINGS:
                        return out
        return out

    def readings() -> list[list[int | None]]:
        # rows before the first label: under one printed on the page before
        got: list[list[int | None]] = []
        for s0 in range(n + 1 if reach[0] and bounds[0] != "own" else 1):
            got += [list[int | None]([None] * s0) + rest for rest in solve(0, s0)]
            if len(got) > _MAX_READINGS:
                return []
        return got

    def held(part: list[int | None]) -> bool:
        """Every label of the page's whole blocks (neither the first, which may begin on
        the page before, nor the last, going on past the break) within ``STRICT`` of its
        rows' middle, one at least."""
        inner = [
            (i, block)
            for i, block in blocks_of(part).items()
            if i != len(runs) - 1 and not (i == 0 and block[0] == 0 and reach[0] and not shut[0])
        ]
        return bool(inner) and all(
            abs((runs[i][0].line + runs[i][-1].line) / 2 - (spans[first][0] + spans[last][1]) / 2)
            <= STRICT
            for i, (first, last) in inner
        )

    got = readings()
    if mode == "centre" and reach[1] and tail and not shut[1] and got and not any(map(held, got)):
        # the page's last label, its merged cell going on past the break, may stand below
        # its part's middle: the readings so that centre the page's whole blocks as
        # tightly as -layout prints a block it holds (where none of the others does)
        widen[0] = True
        got += [part for part in readings() if part not in got and held(part)]
    return got


def points_only(text: str) -> bool:
    return bool(POINTS_RE.fullmatch(label_key(text)))
