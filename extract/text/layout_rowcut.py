"""The cutting of a -layout grid's columns among its rows: which lines are which row's cell.

Each row has one anchor line (its 得分); a column's text falls into runs of touching lines,
and each run is cut among the anchors it reaches so that every cell stands as the grid's
cells stand (centred on its anchor, starting or ending on it: ``layout_align``), or its rows
are put in doubt. Kept apart from the grid's reading (extract.text.columns) because it knows
only tokens placed in columns and anchor lines: ``RowCut`` holds one page's cut, recut
stretch by stretch where the learned alignment and the rows' line maps (``layout_cuts``)
settle what the first cut left in doubt, and then by every column at once (``layout_joint``:
the rows every tiling of a stretch's lines into rows gives one band).
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from selfeval.extract.text.layout_align import (
    consecutive_cuts,
    cut_beside_open_rows,
    fits_alignment,
    whole_column_cut,
)
from selfeval.extract.text.layout_cuts import cells_agree, fits_line_map, row_line_maps
from selfeval.extract.text.layout_joint import joint_bands
from selfeval.extract.text.layout_rest import below_surplus
from selfeval.extract.text.layout_tokens import CJK_GAP, Token, runs_of
from selfeval.extract.text.layout_wraps import cell_ends, wrap_width
from selfeval.extract.text.pieces import undo_autospace
from selfeval.extract.wrap import join_wrapped

#: A template's placeholder row: "……" or "指标2:" with no cell filled.
PLACEHOLDER = regex.compile(r"…+|\.{3,}|指标\d+[:：]?")


class RowCut:
    """The rows' cells as a column's runs of lines are cut among the rows' anchors;
    ``align``: the grid's learned alignment, which decides between cuts that the looser
    reading leaves ambiguous; ``cut_above``: the page prints no header, so its first lines
    may end a row of the page before."""

    def __init__(
        self,
        anchor_lines: list[int],
        align: str | None = None,
        cut_above: bool = False,
        known: frozenset[str] = frozenset(),
    ) -> None:
        self.anchor_lines = anchor_lines
        self.known = known  # the form's whole names (``whole_names``) of all its pages
        self.tied = False  # a joint cut left rows open that such names might settle
        self.align = align
        self.cut_above = cut_above
        self.rows: list[dict[str, list[Token]]] = [{} for _ in anchor_lines]
        self.doubt = [""] * len(anchor_lines)
        self.taken: list[tuple[int, int] | None] = [None] * len(anchor_lines)
        self.line_maps: list[dict[int, int]] | None = None
        self.widths: dict[str, int | None] = {}
        self.unsure: list[Token] = []  # text no column took
        self.left_above = -1  # the lowest line left to the page before's row

    def place_all(
        self, by_col: dict[str, list[Token]], roles: list[str], unsure: list[Token]
    ) -> bool:
        """Cut every value column among the rows; rows near a token no column takes are in
        doubt. True when some text lies before the first row. Where touching cells were
        not told apart, the columns are cut again held to the lines each row's certain
        cells print on (layout_cuts), while that places more."""
        self.unsure = unsure
        orphan = self._place_columns(by_col, roles, unsure)
        while any(_BETWEEN_ROWS.search(d) for d in self.doubt):
            maps = row_line_maps(
                ([sorted({t.line for t in ts}) for ts in row.values()] for row in self.rows),
                self.anchor_lines,
                self.align if self.align in _MAPPED_ALIGNMENTS else None,
            )
            if maps is None or maps == self.line_maps:
                break
            placed = sum(len(row) for row in self.rows)
            before = (self.rows, self.doubt, self.taken, self.line_maps)
            self.rows = [{} for _ in self.anchor_lines]
            self.doubt = [""] * len(self.anchor_lines)
            self.taken = [None] * len(self.anchor_lines)
            self.line_maps = maps
            orphan = self._place_columns(by_col, roles, unsure)
            if sum(len(row) for row in self.rows) <= placed:
                self.rows, self.doubt, self.taken, self.line_maps = before
                break
        self._recut(by_col, roles, orphan)
        self._joint_recut(by_col, roles)
        self._doubt_beside_drawn_in()
        if any(t.line <= self.left_above for ts in self.rows[0].values() for t in ts):
            self.doubt[0] = self.doubt[0] or _PAGE_BEFORES  # (lines left above its others?)
        befores = self._page_befores(unsure, roles)
        for t in unsure:
            near = _around(self.anchor_lines, t.line)
            if len(near) == 1:
                # (on a row's line: the columns it holds text of were cut among the rows
                # beside it without that text, which may have taken its row's lines)
                near = [k for k in range(near[0] - 1, near[0] + 2) if 0 <= k < len(self.doubt)]
            for k in near:
                if k == 0 and t in befores:
                    continue
                self.doubt[k] = self.doubt[k] or f"the text {t.text!r} lies between two columns"
        return orphan

    def _page_befores(self, unsure: list[Token], roles: list[str]) -> list[Token]:
        """On a page that prints no header, the text no column takes above the first row's
        anchor that the first row's cells cannot hold (the end of a row of the page before
        the page break cut, 务体系长效 / 运行): the grid's alignment puts every cell's lines
        at its top or centred on its anchor, and with that text in any column the first
        row's cell would not stand so. None when some such text lies at or below the
        anchor (it might balance the lines above)."""
        if not self.cut_above or self.align not in _ORPHAN_PROOF or self.doubt[0]:
            return []
        first = self.anchor_lines[0]
        near = [t for t in unsure if 0 in _around(self.anchor_lines, t.line)]
        if not near or any(t.line >= first for t in near):
            return []
        cells = [u for toks in self.rows[0].values() for u in toks]
        if any(u.line < t.line and u.x0 < t.x1 and t.x0 < u.x1 for t in near for u in cells):
            return []  # (a first-row cell's line above it, over its places: no page before's)
        above = {t.line for t in near}
        for role in roles:
            lines = sorted(above | {t.line for t in self.rows[0].get(role, [])})
            if fits_alignment(lines, first, self.align):
                return []
        return near

    def _place_columns(
        self, by_col: dict[str, list[Token]], roles: list[str], unsure: list[Token]
    ) -> bool:
        """Cut every value column's runs among the rows (see ``place_all``)."""
        orphan = False
        self.widths = {role: wrap_width(by_col.get(role, [])) for role in roles}
        # the level-3 names first: every row has one, and the lines each takes are its
        # row's, which no other row's cell may take
        for role in sorted(roles, key=lambda role: role != "level3"):
            for run in line_runs(
                by_col.get(role, []), set(self.anchor_lines), bridge=text_lines(by_col, unsure)
            ):
                orphan = self.place(role, run) or orphan
            if role == "level3":
                self._doubt_beside_nameless()
        return orphan

    def _recut(self, by_col: dict[str, list[Token]], roles: list[str], orphan: bool) -> None:
        """Each stretch of rows in doubt that holds rows whose cells' lines were not told
        apart run by run, cut again a column at a time by the grid's learned alignment
        (layout_align.whole_column_cut): the lines of each column between the certain rows
        around the stretch are its rows'. Taken when every column has one such cut and the
        rows' bands (their cells' lines) follow one another without overlapping. When text
        stands before the first row (the end of a row of the page before may be among its
        lines), a stretch at the page's top is cut only by an alignment such lines break."""
        if self.align is None:
            return
        k = 0
        while k < len(self.doubt):
            end = k
            while end < len(self.doubt) and self.doubt[end]:
                end += 1
            if end > k and not (k == 0 and orphan and self.align not in _ORPHAN_PROOF):
                self._recut_stretch(by_col, roles, k, end)
            k = end + 1

    def _joint_recut(self, by_col: dict[str, list[Token]], roles: list[str]) -> None:
        """Each stretch of rows still in doubt cut by every column at once
        (``layout_joint``): the rows every fitting tiling of its lines gives one band. Not
        where text no column took lies among its lines (it may hold a row's 得分); at the
        top of a page that prints no header, the tilings may start at any line above the
        first anchor (the lines before may end a row of the page before)."""
        k = 0
        while k < len(self.doubt):
            end = k
            while end < len(self.doubt) and self.doubt[end]:
                end += 1
            if end > k:
                if any(_RECUTTABLE.search(d) for d in self.doubt[k:end]):
                    self._joint_stretch(by_col, roles, k, end)
            k = end + 1

    def _joint_stretch(
        self, by_col: dict[str, list[Token]], roles: list[str], first: int, end: int
    ) -> None:
        """Cut rows [first, end) jointly (see ``_joint_recut``)."""
        got = self._joint_cut(by_col, roles, first, end)
        if got is None:
            return
        bands, toks, tied = got
        self.tied = self.tied or tied
        new = {
            first + k: {
                role: part
                for role, ts in toks.items()
                if (part := [t for t in ts if band[0] <= t.line <= band[1]])
            }
            for k, band in enumerate(bands)
            if band is not None
        }
        self._settle(new)

    def first_row_whole(self, by_col: dict[str, list[Token]], roles: list[str]) -> bool:
        """On a page that prints no header, is the first row's band, cut jointly with its
        tilings starting at any line above its anchor, one band, holding its cells as cut
        and no more? Then the lines above it are no cell of its: the page before's row."""
        if not self.cut_above or self.doubt[0] or len(self.anchor_lines) < 2 or self.doubt[1]:
            return False
        got = self._joint_cut(by_col, roles, 0, 1)
        if got is None or got[0][0] is None:
            return False  # (no tiling, or tilings that differ: a tie here settles nothing)
        top, bottom = got[0][0]
        lines = [t.line for t in self._band_tokens(0)]
        return (top, bottom) == (min(lines), max(lines))

    def _joint_cut(
        self, by_col: dict[str, list[Token]], roles: list[str], first: int, end: int
    ) -> tuple[list[tuple[int, int] | None], dict[str, list[Token]], bool] | None:
        """The joint bands of rows [first, end), the columns' tokens of the stretch, and
        whether tilings differ; None where text no column took lies among its lines."""
        anchors = self.anchor_lines
        low = max(t.line for t in self._band_tokens(first - 1)) if first else -1
        toks = {role: [t for t in by_col.get(role, []) if t.line > low] for role in roles}
        high = (
            min(t.line for t in self._band_tokens(end))
            if end < len(anchors)
            else max(t.line for ts in toks.values() for t in ts) + 1
        )
        toks = {role: [t for t in ts if t.line < high] for role, ts in toks.items()}
        if any(low < t.line < high for t in self.unsure):
            return None
        cells = {role: {t.line for t in ts} for role, ts in toks.items()}
        ends = {
            role: set(cells[role])
            if role in ("weight", "score")
            else cell_ends(ts, self.widths.get(role), role)
            for role, ts in toks.items()
        }
        lines = sorted(set().union(*cells.values(), anchors[first:end]))
        names = toks.get("level3", [])

        def name_of(s: int, e: int) -> str:
            return joined_text([t for t in names if s <= t.line <= e])

        bands, tied = joint_bands(
            lines,
            anchors[first:end],
            cells,
            ends,
            name_of=name_of,
            known=self.known,
            open_end=end == len(anchors),
            open_start=first == 0 and self.cut_above,
        )
        return bands, toks, tied

    def _band_tokens(self, k: int) -> list[Token]:
        """A row's cells' tokens, and its anchor as a token."""
        a = self.anchor_lines[k]
        return [t for ts in self.rows[k].values() for t in ts] + [Token("", a, 0, 0)]

    def _recut_stretch(
        self, by_col: dict[str, list[Token]], roles: list[str], first: int, end: int
    ) -> None:
        """Cut rows [first, end) again (see ``_recut``), when some doubt of theirs allows."""
        align = self.align
        if align is None or not any(_RECUTTABLE.search(d) for d in self.doubt[first:end]):
            return
        new = self._stretch_rows(by_col, roles, first, end, align)
        if new is None and end - first > 1:
            # the first row's cells may hold text no column took: the rows after it, cut
            # with the first row's lines below its anchor left to it
            new = self._stretch_rows(by_col, roles, first, end, align, after_first=True)
        if new is None or self._bands_overlap(new, first, end):
            new = self._end_rows(by_col, roles, first, end, align)
        if new is not None:
            self._settle(new)

    def _end_rows(
        self, by_col: dict[str, list[Token]], roles: list[str], first: int, end: int, align: str
    ) -> dict[int, dict[str, list[Token]]] | None:
        """The rows at the stretch's ends that can be cut while the rows between stay in
        doubt: the most rows after them (and before them) whose every column has one cut
        with the open rows holding what lines they may (``layout_align``'s
        ``cut_beside_open_rows``), whose bands overlap neither each other nor their
        neighbours'."""
        out: dict[int, dict[str, list[Token]]] = {}
        for m in range(first + 1, end):
            got = self._rows_beside_open(by_col, roles, (first, end), (m, end), align)
            if got is not None and not self._bands_overlap(got, m, end):
                out.update(got)
                break
        for m in range(end - 1, first, -1):
            if m > min(out, default=end):
                continue  # (rows already cut after the open ones)
            got = self._rows_beside_open(by_col, roles, (first, end), (first, m), align)
            if got is not None and not self._bands_overlap(got, first, m):
                if not self._bands_overlap({**out, **got}, first, end):
                    out.update(got)
                break
        return out or None

    def _rows_beside_open(
        self,
        by_col: dict[str, list[Token]],
        roles: list[str],
        stretch: tuple[int, int],
        rows: tuple[int, int],
        align: str,
    ) -> dict[int, dict[str, list[Token]]] | None:
        """Rows ``rows`` of the ``stretch`` in doubt cut a column at a time, the stretch's
        other rows (open, above or below them) holding what lines they may; None when a
        column has no one cut, a number's cell took two lines, or a row's cells put one
        step of the alignment on two lines."""
        (first, end), (lo, hi) = stretch, rows
        head = lo > first
        beside = self.anchor_lines[lo - 1] if head else self.anchor_lines[hi]
        reach = (beside, self.anchor_lines[hi] if hi < len(self.anchor_lines) else None)
        if not head:
            reach = (self.anchor_lines[lo - 1] if lo else -1, beside)
        if any(reach[0] < t.line and (reach[1] is None or t.line < reach[1]) for t in self.unsure):
            return None  # text no column took lies among them: a column may lack its lines
        out: dict[int, dict[str, list[Token]]] = {k: {} for k in range(lo, hi)}
        for role in roles:
            low, high = self._stretch_bounds(by_col, role, first, end)
            toks = [t for t in by_col.get(role, []) if low < t.line < high]
            if any(PLACEHOLDER.fullmatch(t.text) for t in toks):
                return None  # (a placeholder row's name: a row with no anchor among them)
            lines = sorted({t.line for t in toks})
            # (a number is one line: each ends its cell)
            ends = (
                set(lines)
                if role in ("weight", "score")
                else cell_ends(toks, self.widths.get(role), role)
            )
            got = cut_beside_open_rows(
                lines, self.anchor_lines[lo:hi], align, role != "level3", beside, head, ends
            )
            if got is None:
                return None
            for k, cell in zip(range(lo, hi), got[1], strict=True):
                if role in ("weight", "score") and len(cell) > 1:
                    return None  # a number is one line: another's lines were taken into it
                if cell:
                    out[k][role] = [t for t in toks if t.line in cell]
        # a row's cells aligned alike print each step on one line (layout_cuts): a column
        # that lost lines to a neighbour's text may fit the alignment with a wrong cut
        for k, row in out.items():
            cells = [sorted({t.line for t in ts}) for ts in row.values()]
            if not cells_agree(cells, self.anchor_lines[k], align):
                return None
        return out

    def _stretch_rows(
        self,
        by_col: dict[str, list[Token]],
        roles: list[str],
        first: int,
        end: int,
        align: str,
        *,
        after_first: bool = False,
    ) -> dict[int, dict[str, list[Token]]] | None:
        """Rows [first, end) cut a column at a time, by row index; None when a column with
        text has no one cut, or a number's cell took two lines (another's lines joined it).
        ``after_first``: rows (first, end) only, each column's lines below the first row's
        anchor cut with as many of them left to the first row as give one cut, when
        exactly one count does (see ``_column_recut_after``)."""
        if after_first:
            first += 1
        rows: list[dict[str, list[Token]]] = [{} for _ in range(first, end)]
        for role in roles:
            if after_first:
                toks, cut = self._column_recut_after(by_col, role, first, end, align)
            else:
                toks, cut = self._column_recut(by_col, role, first, end, align)
            if cut is None and (toks or role == "level3"):
                return None
            if role in ("weight", "score") and any(len(cell) > 1 for cell in cut or []):
                return None  # a number is one line: another's lines were taken into it
            ends = cell_ends(toks, self.widths.get(role), role)
            if any(line in ends for cell in cut or [] for line in cell[:-1]):
                return None  # a cell carried on past a line that ends one (layout_wraps)
            for k, cell in enumerate(cut or []):
                if cell:
                    rows[k][role] = [t for t in toks if cell[0] <= t.line <= cell[-1]]
        return {first + k: row for k, row in enumerate(rows)}

    def _column_recut(
        self, by_col: dict[str, list[Token]], role: str, first: int, end: int, align: str
    ) -> tuple[list[Token], list[list[int]] | None]:
        """One column's text between the certain rows around the stretch and its cut among
        the stretch's rows: only those lines can be the stretch's."""
        low, high = self._stretch_bounds(by_col, role, first, end)
        toks = [t for t in by_col.get(role, []) if low < t.line < high]
        lines = sorted({t.line for t in toks})
        cut = whole_column_cut(lines, self.anchor_lines[first:end], align, role != "level3")
        if cut is None and first == 0 and self.cut_above:
            anchors = self.anchor_lines[:end]
            lines, cut = self._below_cut_rows(lines, anchors, align, role != "level3")
            toks = [t for t in toks if t.line >= lines[0]] if lines else []
        return toks, cut

    def _column_recut_after(
        self, by_col: dict[str, list[Token]], role: str, first: int, end: int, align: str
    ) -> tuple[list[Token], list[list[int]] | None]:
        """One column's text between the row before ``first`` (in doubt: its own cells are
        not known) and the certain row after the stretch, cut among rows [first, end) with
        its first lines, below the row before's anchor, left to that row: the lines kept
        and their cut, when exactly one count of lines left gives one. A row's lines all
        lie above the next row's, so the row before's are those first lines."""
        low = self.anchor_lines[first - 1]
        high = self._stretch_bounds(by_col, role, first, end)[1]
        toks = [t for t in by_col.get(role, []) if low < t.line < high]
        if any(PLACEHOLDER.fullmatch(t.text) for t in toks):
            return toks, None  # (a placeholder row's name: a row with no anchor among them)
        lines = sorted({t.line for t in toks})
        anchors = self.anchor_lines[first:end]
        found = []
        for p in range(sum(1 for x in lines if x < anchors[0]) + 1):
            cut = whole_column_cut(lines[p:], anchors, align, role != "level3")
            if cut is not None:
                found.append((lines[p:], cut))
        if len(found) != 1:
            return toks, None
        kept, cut = found[0]
        return [t for t in toks if kept and t.line >= kept[0]], cut

    def _stretch_bounds(
        self, by_col: dict[str, list[Token]], role: str, first: int, end: int
    ) -> tuple[int, int]:
        """The lines (exclusive) a column's text of rows [first, end) lies between: the
        certain rows around keep their own lines."""
        anchors = self.anchor_lines
        low = (
            max([anchors[first - 1]] + [t.line for t in self.rows[first - 1].get(role, [])])
            if first
            else -1
        )
        high = (
            min([anchors[end]] + [t.line for t in self.rows[end].get(role, [])])
            if end < len(anchors)
            else max(t.line for ts in by_col.values() for t in ts) + 1
        )
        return low, high

    def _bands_overlap(self, new: dict[int, dict[str, list[Token]]], first: int, end: int) -> bool:
        """Do the recut rows' bands (their cells' lines) overlap each other's or their
        neighbours'? Rows follow one another, so such a cut is wrong."""
        anchors = self.anchor_lines
        around = range(max(first - 1, 0), min(end + 1, len(anchors)))
        spans = row_spans([new.get(j, self.rows[j]) for j in around], [anchors[j] for j in around])
        return any(a[1] >= b[0] for a, b in zip(spans, spans[1:], strict=False))

    def _settle(self, new: dict[int, dict[str, list[Token]]]) -> None:
        """Take the recut rows whose doubt a whole column's cut may settle; a cell holding
        two texts a gutter apart stays in doubt."""
        for k, row in new.items():
            if _RECUTTABLE.search(self.doubt[k]):
                self.rows[k], self.doubt[k] = row, ""
                for role, part in row.items():
                    if _gutter_inside(part, role):
                        self.doubt[k] = f"its {role} cell holds two texts a gutter apart"

    @staticmethod
    def _below_cut_rows(
        lines: list[int], anchors: list[int], align: str, empty: bool
    ) -> tuple[list[int], list[list[int]] | None]:
        """A headerless page's column cut with its first lines, above the first row, left to
        the row of the page before that the page break cut: the lines kept and their cut,
        when exactly one count of lines left out gives one."""
        found = []
        for p in range(1, sum(1 for x in lines if x < anchors[0]) + 1):
            cut = whole_column_cut(lines[p:], anchors, align, empty)
            if cut is not None:
                found.append((lines[p:], cut))
        return found[0] if len(found) == 1 else (lines, None)

    def _doubt_beside_drawn_in(self) -> None:
        """A row whose level-3 cell drew in a neighbour column's text (two texts a gutter
        apart) leaves that column short of its lines: a certain row beside it whose cell in
        a column that row has none of reaches towards it, past its own anchor, may hold
        that row's lines (-fixed 4: ，预计12月召开 taken into the next row's 年度指标值)."""
        for k, why in enumerate(list(self.doubt)):
            if why != "its level3 cell holds two texts a gutter apart":
                continue
            a = self.anchor_lines[k]
            for j in (k - 1, k + 1):
                if not 0 <= j < len(self.rows) or self.doubt[j]:
                    continue
                b = self.anchor_lines[j]
                lo, hi = min(a, b), max(a, b)
                if any(
                    lo < t.line < hi and t.line != b
                    for role, ts in self.rows[j].items()
                    if role != "level3" and role not in self.rows[k]
                    for t in ts
                ):
                    self.doubt[j] = "the row beside it drew a column's text into its name"

    def _doubt_beside_nameless(self) -> None:
        """A row left with no level-3 name: a neighbour may have taken its name's lines."""
        for k, row in enumerate(self.rows):
            if "level3" not in row and not self.doubt[k]:
                for j in (k - 1, k + 1):
                    if 0 <= j < len(self.rows) and "level3" in self.rows[j]:
                        self.doubt[j] = self.doubt[j] or "the row beside it has no level-3 name"

    def place(self, role: str, run: list[Token]) -> bool:
        """Cut one run of a column among the rows it reaches; a run that cannot be cut
        puts its rows in doubt. True when the run lies before the first row (the end of a
        row the page break cut)."""
        anchor_lines = self.anchor_lines
        inside = [k for k, a in enumerate(anchor_lines) if run[0].line <= a <= run[-1].line]
        orphan = False
        if inside:
            if self._cut(role, run, inside):
                return False
            # no one way to cut it into cells centred on (or starting at) their rows'
            # anchors: lines of the next or the previous row's cell may touch it
            reach = range(inside[0] - 1, inside[-1] + 2)
            inside = [j for j in reach if 0 <= j < len(anchor_lines)]
        else:
            # between two rows' anchors (or before the first: the end of a row the page
            # break cut): either row may own it
            above = [k for k, a in enumerate(anchor_lines) if a < run[0].line]
            inside = [k for k in (above[-1] if above else None, len(above)) if k is not None]
            inside = [k for k in inside if k < len(anchor_lines)]
            orphan = not above
        for k in inside:
            self.doubt[k] = self.doubt[k] or f"a {role} cell's lines lie between rows"
        return orphan

    def _cut(self, role: str, run: list[Token], inside: list[int]) -> bool:
        """Cut ``run`` among the rows ``inside``; False when no one cut fits."""
        others = [t for j, t in enumerate(self.taken) if t is not None and j not in inside]
        own = [self.taken[k] for k in inside]
        anchors = [self.anchor_lines[k] for k in inside]
        maps, align = self.line_maps, self.align
        agrees = (
            None
            if maps is None or align is None
            else lambda i, lines: fits_line_map(maps[inside[i]], lines, align)
        )
        last = inside[-1] == len(self.anchor_lines) - 1
        parts = _split_run(
            run,
            anchors,
            role != "level3",
            others,
            own,
            self.align,
            agrees,
            page_end=last,
            ends=cell_ends(run, self.widths.get(role), role),
        )
        if parts is None:
            return False
        for k, part in zip(inside, parts, strict=True):
            if k == 0 and self._maybe_page_befores(part):
                kept = self._without_page_befores(part)
                if kept is None:
                    self.doubt[0] = self.doubt[0] or _PAGE_BEFORES
                    continue
                part = kept
            self._take(k, role, part)
        return True

    def _maybe_page_befores(self, part: list[Token]) -> bool:
        """On a page that prints no header, may the first row's cell hold, above its anchor,
        the end of a row the page break cut? Not when the grid's alignment, which such
        lines break, holds it (exactly centred, or at the top)."""
        lines = sorted({t.line for t in part})
        if not self.cut_above or not lines or lines[0] >= self.anchor_lines[0]:
            return False
        align = self.align
        return align not in _ORPHAN_PROOF or not fits_alignment(lines, self.anchor_lines[0], align)

    def _without_page_befores(self, part: list[Token]) -> list[Token] | None:
        """The first row's cell with its surplus top lines left to the page before's row
        (``layout_rest.below_surplus``), noting the lowest line left; None if none fits."""
        if self.align not in _ORPHAN_PROOF:
            return None
        kept = below_surplus(part, self.anchor_lines[0], self.align)
        if kept:
            top = min(t.line for t in kept)
            self.left_above = max([self.left_above] + [t.line for t in part if t.line < top])
        return kept

    def _take(self, k: int, role: str, part: list[Token]) -> None:
        if not part:
            return
        if _gutter_inside(part, role):
            self.doubt[k] = self.doubt[k] or f"its {role} cell holds two texts a gutter apart"
        self.rows[k].setdefault(role, []).extend(part)
        if role == "level3":
            lines = [t.line for t in part] + [self.anchor_lines[k]]
            self.taken[k] = (min(lines), max(lines))


_PAGE_BEFORES = "lines above it may be its own or the page before's"


#: Alignments no cell fits with lines of another row above it: exactly centred (its lines
#: above its anchor would outnumber those below), at the top (its first line is its anchor).
_ORPHAN_PROOF = ("centre", "top")


#: The doubt of a run of touching cells not told apart, which the rows' line maps may settle.
_BETWEEN_ROWS = regex.compile(r"cell's lines lie between rows")


#: The learned alignments whose rows' line maps are read (layout_cuts).
_MAPPED_ALIGNMENTS = ("centre", "near-centre", "top", "bottom")


#: The doubts a whole column's cut may settle: which row a cell's lines belong to.
_RECUTTABLE = regex.compile(r"cell's lines lie between rows|the row beside it has no level-3 name")


#: Spaces between two texts on one line that a cell's own line never holds.
_GUTTER = 3
#: The same in a column of a target's part (指标性质, 指标值, 度量单位), each a word or two: a
#: print that crowds the header's names draws the next part's text in (100  %).
_PART_GUTTER = 2


def _gutter_inside(part: list[Token], role: str) -> bool:
    """Two texts of one column on one line with a gutter between them, or one space between
    two Chinese characters (which a cell's own line never holds: 法律援助案件质量 员过错导致):
    two cells (a neighbour column's text drawn into this one), not one."""
    gutter = _PART_GUTTER if role.startswith("target.") else _GUTTER
    by_line: dict[int, list[Token]] = {}
    for t in part:
        by_line.setdefault(t.line, []).append(t)
    for ts in by_line.values():
        ts.sort(key=lambda t: t.x0)
        if any(
            b.x0 - a.x1 >= gutter
            or (b.x0 - a.x1 == 1 and CJK_GAP.search(a.text[-1] + " " + b.text[0]))
            for a, b in zip(ts, ts[1:], strict=False)
        ):
            return True
    return False


def _split_run(
    run: list[Token],
    anchors: list[int],
    empty: bool = True,
    others: list[tuple[int, int]] | None = None,
    own: list[tuple[int, int] | None] | None = None,
    align: str | None = None,
    agrees: Callable[[int, list[int]], bool] | None = None,
    page_end: bool = False,
    ends: set[int] | None = None,
) -> list[list[Token]] | None:
    """A column's run of lines cut into one cell per anchor, each cell centred on its row's
    anchor line (as a sheet centres a cell's text) or starting on it (as a word processor's
    table does); None unless exactly one cut fits. A cell may be empty when ``empty``; it
    takes no line of ``others`` (the lines known to be other rows') nor of ``own``'s other
    rows. ``align``: the grid's learned alignment; when the loose reading leaves no cut or
    more than one, or one the alignment breaks while it holds another, the one cut that
    holds it strictly is taken. ``agrees(k, lines)``: may group k hold those lines (its
    row's line map, layout_cuts)? ``page_end``: the last anchor is the page's last row,
    which the page's end may cut (its cells then start at its top, the rest on the next
    page): held strictly, it may stand at the top too.
    ``ends``: lines after which the next cannot go on in one cell (layout_wraps); when the
    alignment leaves more than one cut, the one cut that goes on past none of them is
    taken (held to the learned alignment strictly, when there is one; where a learned
    centring held strictly leaves no cut of several, loosely centred); a loose cut no
    alignment holds that goes on past one is no cut."""
    lines = sorted({t.line for t in run})
    found: set[tuple[int, ...]] = set()
    held: set[tuple[int, ...]] = set()
    busy = [
        list(others or []) + [o for j, o in enumerate(own or []) if o and j != k]
        for k in range(len(anchors))
    ]
    for mode in ("centre", "top"):
        found.update(_cuts(lines, anchors, mode, empty, busy, agrees=agrees))
    several = len(found) > 1
    if align is not None:
        held = set(
            _cuts(lines, anchors, align, empty, busy, strict=True, agrees=agrees, page_end=page_end)
        )
        # the one loose cut yields to the cuts the learned alignment holds, when it holds
        # some and not that one (目 carried down under 日常推进工作, into the next row's cell)
        if len(found) != 1 or (held and not found <= held):
            found = held
    if len(found) == 1 and ends and not held and any(_goes_past(c, lines, ends) for c in found):
        found = set()  # one loose cut, held by no alignment, carrying a cell on past its end
    centred = align in ("centre", "near-centre")
    loose = not found and several and centred
    if ends and (len(found) > 1 or loose):
        # (where a grid learned to centre its cells strictly leaves none of several loose
        # cuts, the loose centred ones: a cell of two lines centred on a row prints the
        # anchor on either of its lines, as an odd one prints it on its middle line)
        modes = ("centre",) if loose else (align,) if align is not None else ("centre", "top")
        found = {
            cut
            for mode in modes
            for cut in _cuts(
                lines,
                anchors,
                mode,
                empty,
                busy,
                strict=align is not None and not loose,
                agrees=agrees,
                page_end=page_end,
                ends=ends,
            )
        }
    if len(found) != 1:
        return None
    cut = found.pop()
    return [
        [t for t in run if lines[i] <= t.line and (j == len(lines) or t.line < lines[j])]
        if i < j
        else []
        for i, j in zip(cut, cut[1:], strict=False)
    ]


def _goes_past(cut: tuple[int, ...], lines: list[int], ends: set[int]) -> bool:
    """Does some group of ``cut`` go on past a line that ends a cell (layout_wraps)?"""
    return any(x in ends for i, j in zip(cut, cut[1:], strict=False) for x in lines[i : j - 1])


def _cuts(
    lines: list[int],
    anchors: list[int],
    mode: str,
    empty: bool = True,
    busy: list[list[tuple[int, int]]] | None = None,
    strict: bool = False,
    agrees: Callable[[int, list[int]], bool] | None = None,
    page_end: bool = False,
    ends: set[int] | None = None,
) -> list[tuple[int, ...]]:
    """The ways to cut ``lines`` into consecutive groups, one per anchor (index bounds, the
    first 0 and the last len(lines)); at most two are looked for. ``busy[k]``: line spans
    group k may not touch. ``strict``: each group aligned exactly as ``mode`` says
    (layout_align.fits_alignment), the last at the top too when ``page_end`` (the page's end
    may cut its row); ``agrees(k, lines)``: may group k hold those lines? ``ends``: lines
    no group goes on past (layout_wraps). The search is layout_align.consecutive_cuts."""

    def fits(i: int, j: int, k: int) -> bool:
        if i == j:
            return empty
        a = anchors[k]
        if ends and any(x in ends for x in lines[i : j - 1]):
            return False
        if busy and any(s <= x <= e for s, e in busy[k] for x in lines[i:j]):
            return False
        if agrees is not None and not agrees(k, lines[i:j]):
            return False
        # a cell's lines lie inside its row: past neither neighbour's anchor
        if (
            k
            and lines[i] <= anchors[k - 1]
            or k + 1 < len(anchors)
            and lines[j - 1] >= anchors[k + 1]
        ):
            return False
        if strict:
            cut_short = page_end and k == len(anchors) - 1 and lines[i] == a
            return cut_short or fits_alignment(lines[i:j], a, mode)
        if mode == "top":
            return lines[i] == a
        # as many lines above the anchor as below: one more on one side only when the
        # anchor's own line holds one (an even count centred puts the anchor between two)
        above = sum(1 for x in lines[i:j] if x < a)
        below = sum(1 for x in lines[i:j] if x > a)
        return abs(above - below) <= (1 if a in lines[i:j] else 0)

    return consecutive_cuts(len(lines), len(anchors), fits)


def close_runs(run: list[Token]) -> list[list[Token]]:
    """A run of stacked characters cut where a line between two is blank."""
    return runs_of(run, lambda a, b: b.line - a.line <= 1)


def _around(anchor_lines: list[int], line: int) -> list[int]:
    """The rows whose anchors are nearest ``line`` above and below (or on it)."""
    above = [k for k, a in enumerate(anchor_lines) if a <= line]
    below = [k for k, a in enumerate(anchor_lines) if a >= line]
    return sorted({*(above[-1:]), *(below[:1])})


def text_lines(by_col: dict[str, list[Token]], more: list[Token] | None = None) -> set[int]:
    """The lines some text of the grid stands on (a line between a cell's lines that holds
    none is a gap between cells, not another column's line printed between)."""
    return {t.line for ts in by_col.values() for t in ts} | {t.line for t in more or []}


def line_runs(
    toks: list[Token], anchors: set[int], *, bridge: set[int] | None = None
) -> list[list[Token]]:
    """A column's tokens in runs of consecutive lines (a line between two of a run may be
    empty in this column when it is an anchor line: a cell's lines centred on its row; or
    one of the lines ``bridge``, which hold other columns' text: a grid's cell whose lines
    poppler printed apart, another column's line at half a line's offset between them)."""
    runs: list[list[Token]] = []
    for t in sorted(toks, key=lambda t: (t.line, t.x0)):
        if runs:
            last = runs[-1][-1].line
            between = last + 1 in anchors or last + 1 in (bridge or set())
            if t.line <= last + 1 or (t.line == last + 2 and between):
                runs[-1].append(t)
                continue
        runs.append([t])
    return runs


def whole_names(by_col: dict[str, list[Token]], unsure: list[Token]) -> set[str]:
    """The level-3 names a page prints whole for certain: each run of name lines with no
    name on the lines just above and below it, nor text no column took over its places
    there or on its lines, and not at the page's first or last line (a page break may cut
    it). Such a run may hold two names touching; it is evidence only where a joint cut's
    names equal it (layout_joint)."""
    names = by_col.get("level3", [])
    placed = [t.line for ts in by_col.values() for t in ts]
    if not names or not placed:
        return set()
    top, bottom = min(placed), max(placed)
    out: set[str] = set()
    for run in runs_of(sorted(names, key=lambda t: (t.line, t.x0)), _next_line):
        first, last = run[0].line, run[-1].line
        left, right = min(t.x0 for t in run), max(t.x1 for t in run)
        if (
            first > top
            and last < bottom
            and not any(
                first - 1 <= t.line <= last + 1 and t.x0 <= right and left <= t.x1 for t in unsure
            )
        ):
            out.add(joined_text(run))
    return out


def _next_line(a: Token, b: Token) -> bool:
    return b.line - a.line <= 1


def joined_text(toks: list[Token]) -> str:
    lines: dict[int, list[Token]] = {}
    for t in toks:
        lines.setdefault(t.line, []).append(t)
    parts = [
        undo_autospace(" ".join(t.text for t in sorted(ts, key=lambda t: t.x0)), prose=True)
        for _, ts in sorted(lines.items())
    ]
    return join_wrapped(parts) if parts else ""


def row_spans(rows: list[dict[str, list[Token]]], anchor_lines: list[int]) -> list[tuple[int, int]]:
    """Each row's first and last line, its cells' and its anchor's."""
    spans = []
    for k, row in enumerate(rows):
        lines = [t.line for ts in row.values() for t in ts] + [anchor_lines[k]]
        spans.append((min(lines), max(lines)))
    return spans
