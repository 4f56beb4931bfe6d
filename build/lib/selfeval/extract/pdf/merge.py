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
    extent: dict[int, list[int]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            e = extent.setdefault(find(r * n_cols + c), [r, c, r, c])
            e[0], e[1] = min(e[0], r), min(e[1], c)
            e[2], e[3] = max(e[2], r), max(e[3], c)
    index = {root: i for i, root in enumerate(sorted(extent))}
    spans = [(e[0], e[1], e[2] - e[0] + 1, e[3] - e[1] + 1) for _, e in sorted(extent.items())]
    owner = [[index[find(r * n_cols + c)] for c in range(n_cols)] for r in range(n_rows)]
    return owner, spans
