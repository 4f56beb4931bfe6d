"""Merged cells of a grid: elementary cells joined where no rule separates them.

Both engines find which neighbouring elementary cells belong together (pdfplumber from missing
rules, camelot from its cell edges); this turns those joins into merged cells, each with its
top-left position and spans, numbered in reading order.
"""

from __future__ import annotations

from collections.abc import Iterable

Span = tuple[int, int, int, int]  # (row, col, rowspan, colspan)


def merge_cells(
    n_rows: int, n_cols: int, joins: Iterable[tuple[tuple[int, int], tuple[int, int]]]
) -> tuple[list[list[int]], list[Span]]:
    """``owner[r][c]`` (index of the merged cell holding elementary cell r, c) and the spans.

    ``joins`` are pairs of neighbouring elementary cells ((r, c), (r, c)) that no rule
    separates. Merged cells are numbered by their top-left cell in row-major order.
    """
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for (r1, c1), (r2, c2) in joins:
        a, b = find(r1 * n_cols + c1), find(r2 * n_cols + c2)
        if a != b:
            parent[max(a, b)] = min(a, b)
    roots = [find(i) for i in range(n_rows * n_cols)]
    extent: dict[int, list[int]] = {}  # root: [top row, left col, bottom row, right col]
    for i, root in enumerate(roots):  # row by row: a cell's first row is where it is met first
        r, c = divmod(i, n_cols)
        e = extent.get(root)
        if e is None:
            extent[root] = [r, c, r, c]
            continue
        if c < e[1]:
            e[1] = c
        elif c > e[3]:
            e[3] = c
        e[2] = r
    index = {root: i for i, root in enumerate(sorted(extent))}
    spans = [(e[0], e[1], e[2] - e[0] + 1, e[3] - e[1] + 1) for _, e in sorted(extent.items())]
    owner = [[index[root] for root in roots[r * n_cols : (r + 1) * n_cols]] for r in range(n_rows)]
    return owner, spans
