"""The indicator grid of a ``pdftotext -layout`` dump, read by the geometry of its columns.

-layout keeps each line's characters at their place on the page, so a grid's columns are
bands of character positions: the header names each band (its label lies inside the band), and
gutters (positions no character of the grid's body ever takes) divide them. Each row has one
number in the 得分 column, its anchor; a cell's lines are the run of lines its column holds
around that anchor. What is not certain is declined:

* a token whose centre is not clearly nearest one header name (by the places its characters
  take, or else by the places they print over: a Chinese character prints two wide), unless
  on a page that prints its header the band of body text it stands in (between two gutters) holds exactly one
  header name (a cell's text need not be centred under its name; a level label's piece so
  only into a level column); a band holding two names (text bridging columns) or none
  places nothing; a level label left of the level-3 column that no column takes goes to its
  level's column when the vocabulary knows its whole name at one level only, or when it starts
  where that column's labels start, or ends within the level-1 name's reach; such pieces a
  column of them at a time (starting within two places) go to the level the vocabulary
  knows every name they cut into at, when they cut one way only;
* a group name down the level-1 column's place (绩效指标 / (90分)) is no level label, nor
  are its points stacked in the group's own column's place (the name begun in the header);
* a cell holding two texts on one line a gutter apart, or one space apart between Chinese
  characters (a cell's own line never holds that: the words are two cells'), unless on its
  row's line between the row's name and its 分值 as many columns stand as texts: then they
  are those columns' (``layout_gutters``);
* the short last line of a wrapped, left-aligned paragraph nearer the next column's name
  goes with the wider lines just above it that start where it starts (of one other column);
* a 得分 wrapped around its row's line in a narrow column (2.9 / 2 above and below the 分值)
  is one number there; two numbers otherwise give two anchors;
* a run of lines in a value column that holds no anchor, or two (whose row is it?), unless
  the grid's alignment settles it: every certain cell of a grid (a run holding one anchor)
  that stands exactly centred on its anchor, or starts or ends on it, teaches that alignment
  (``layout_align``); held strictly, it may pick the one cut of touching cells, or cut a
  stretch of rows in doubt again a column at a time between the certain rows around it (a
  cell's lines may stand apart, other columns' lines between them), taken only when every
  column has one such cut and the rows' bands do not overlap (at the page's top, only by an
  alignment that lines of the page before's last row would break); touching cells that the
  alignment cuts more than one way are cut the one way that carries no cell on past a line
  that leaves room for the next line's start in the column's wrap width (``layout_wraps``);
  where a stretch's whole cut fails, the rows at its ends are cut while the rows between
  stay in doubt, those holding each column's lines down to one that ends a cell by its
  wrap width, when every column has one such cut and each row's cells put every step of
  the alignment on one line (``layout_align``, ``layout_cuts``);
* a level label whose rows cannot be told: it must either stand on each row's own line, or be
  centred on the rows it covers, or stand on the first of them, with one reading only (the
  page's last label over its last rows may stand at their top: its merged cell may run on past
  the page break; on the page where the grid ends it may reach past the last row's cells;
  rows after the page's last label are under a label of the next page, unless a label of the
  page stands at the top of its first row, not centred on it: then labels print where their
  rows begin, and those rows are the last label's).
  The two level columns are read together: a level-1 label changes only where a level-2 label
  does, and is centred on an empty block's level-2 label (no row of its own) too; where the
  readings leave a row open between level-1 labels, the one the vocabulary puts its level-2
  name under is taken, and a label read that the vocabulary does not put it under, while the
  one it does is printed, is dropped. A piece of a level label that no column takes leaves the page's labels
  unread (a label missing from its column shifts the others'). Where every label whose rows
  are certain stands centred on them, the readings centring every label so are taken. On a
  continued page, the first label over the page's first rows may stand anywhere beside them,
  and a last label below the page's last row (the grid going on) covers them: a sheet
  centres a merged cell on its whole block, across the page break. Rows a page leaves open
  are settled over the grid's pages by the order of the labels printed and the vocabulary
  (``layout_levels``);
* a numbered item (1.氢能) starting a cell's line whose first character would not fit the
  line above (a wrap, or a paragraph of its own?).

Rows with no 分值 or 得分 are kept as printed when their labels are known: a placeholder row
(……) with its name, an empty block (a level-2 label alone on its lines, no indicator under
it) with none; a row whose 分值 and 得分 both print a placeholder (/) is anchored by them, its
cells read as printed (``layout_unscored``). A page that prints no header of its own is read by the columns of the last that did only when
all of it fits them without a doubt, or by that page's bands when its own follow them alike
(``layout_bands``), or slab by slab by the order of its own bands (``layout_slabs``), or else
by the order of its cells' text blocks on each line (``layout_pages``). Pages end at form feeds and at page footers (第 1 页，共 4 页, - 2 -), which a dump made
without form feeds still prints. The total's numbers wrapped around its label's line (10 99. / 总分 / 0 55) are the total, and
the line above it no row. A page's last row whose cells go on at the next page's top is
joined with that rest when it is certain (``layout_rest``), else declined. A row with a 得分
and no 分值 is declined (its number may have run
into a neighbour's text). Rows declined are named in notes; the form is then incomplete.

This module reads the grid page by page and decides what is certain; its steps live apart:
a line's tokens, the header's columns and a token's column (``layout_tokens``), labels
printed a character a line (``layout_vertical``), the cutting of each column's lines among
the rows (``layout_rowcut``) and the readings of the level labels (``layout_labels``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import regex

from selfeval.extract.record import Cell, Indicator, Note
from selfeval.extract.text.dump_lines import DumpLine
from selfeval.extract.text.grid_header import GRID_COLUMNS
from selfeval.extract.text.layout_align import (
    ALIGNMENTS,
    aligned_cuts,
    columns_alignment,
    whole_column_cut,
)
from selfeval.extract.text.layout_bands import BandRoles, band_roles, body_bands, by_reference
from selfeval.extract.text.layout_empty import RowsAround, empty_block_row
from selfeval.extract.text.layout_glued import (
    cut_glued_rows,
    cut_level3_targets,
    operators_apart,
)
from selfeval.extract.text.layout_gutters import split_by_line_order
from selfeval.extract.text.layout_labels import (
    KNOWN_LEVELS,
    POINTS_RE,
    centre_slack,
    completed_label,
    is_label,
    label_start,
    label_tail,
    labels_at_row_tops,
    last_label_at_top,
    level_labels,
    levels_apart,
    named_runs,
    points_only,
    segments,
    two_labels,
)
from selfeval.extract.text.layout_levels import (
    LEVELS,
    OPEN,
    STRICT,
    Bounds,
    Centring,
    PageLevels,
    Reading,
    Reread,
    lead_rows,
    settle_levels,
)
from selfeval.extract.text.layout_pages import by_order
from selfeval.extract.text.layout_rest import (
    Foot,
    cut_score_piece,
    foot_lines,
    join_rest,
    rest_of_cut_row,
    score_going_on,
)
from selfeval.extract.text.layout_rowcut import (
    PLACEHOLDER,
    RowCut,
    joined_text,
    line_runs,
    row_spans,
    text_lines,
    whole_names,
)
from selfeval.extract.text.layout_slabs import by_slabs
from selfeval.extract.text.layout_stacks import place_stacks
from selfeval.extract.text.layout_tokens import (
    CJK_GAP,
    LayoutColumn,
    Token,
    at_one_place,
    band_column,
    cut_mapped_run_together,
    cut_run_together,
    header_columns,
    is_menu_item,
    is_name_piece,
    number_behind,
    placed_by_alignment,
    placed_pieces,
    print_width,
    runs_of,
    tokens,
)
from selfeval.extract.text.layout_unscored import (
    dots_below_unscored,
    place_slashes,
    unscored_anchor,
    unscored_cells,
    unscored_doubt,
)
from selfeval.extract.text.layout_vertical import (
    POINT_CHARS,
    stacked_labels,
    stacked_points,
    without_group_points,
    without_group_rest,
)
from selfeval.extract.text.layout_wraps import cell_ends, line_texts, wrap_width
from selfeval.extract.text.web import is_number, level_label
from selfeval.extract.vocabulary import (
    COMPARISON_SIGN,
    GRADE_WORDS,
    GRID_GROUP_NAMES,
    GRID_HEADING_NAMES,
    GRID_HEADINGS,
    INDICATOR_NAMES,
    LEVEL1_NAMES,
    LEVEL2_NAMES,
    PLAIN_NUMBER,
    REMARK_LABELS,
    SIGNED_VALUE,
    TOTAL_NAMES,
    label_key,
    level1_parents,
    starts_numbered_item,
)

_FOOTER = regex.compile(r"^\s*(?:第\s*\d+\s*页.*|-\s*\d+\s*-|\d+\s*/\s*\d+)\s*$")
_FOOTER_AFTER = regex.compile(r"(?<=\S {2,})第\s*\d+\s*页[，,]\s*共\s*\d+\s*页\s*$")
_TOTAL = regex.compile(r"^(?:" + "|".join(TOTAL_NAMES) + r")$")


@dataclass
class LayoutGrid:
    indicators: list[Indicator] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    total: tuple[str, str | None] | None = None
    grade: str | None = None  # printed after the total's numbers (总分 100 96 优)
    closed: bool = False
    lead_orphan: bool = False  # text before the first row: the end of one cut by a page break
    rest: dict[str, str] | None = None  # that text by column, when the cut row's for certain
    score_piece: bool = False  # a 得分's rest stands above the first row (layout_rest)
    wrap_widths: set[int] = field(default_factory=set)  # heads of 得分 wrapped in their rows
    foot: Foot = field(default_factory=dict)  # the last row's last lines (layout_rest)
    last_kept: bool = False  # the page's last row is among the indicators read
    bands: BandRoles | None = None  # a header page's bands, for the headerless pages after it
    by_bands: bool = False  # a headerless page read by the bands of the page with its header
    # rows kept whose level labels are not all known (by id: the note if left out), and the
    # labels each level column prints, None where not read (layout_levels)
    open_rows: dict[int, str] = field(default_factory=dict)
    printed: dict[str, list[str] | None] = field(default_factory=dict)
    heads: dict[str, set[int]] = field(default_factory=dict)  # rows under an earlier page's label
    tails: dict[str, set[int]] = field(default_factory=dict)  # rows at/below the last label
    tops: bool = False  # a label stands at the top of its first row, not centred on it
    last_top: bool = False  # the page's last label at its last rows' top (layout_labels)
    first_kept: bool = False  # the page's first row is among the indicators read
    anchors: dict[int, int] = field(default_factory=dict)  # row (by id) -> its anchor line
    # the page's level labels read again with the page break's sides bounded (layout_levels)
    reread: Reread | None = None
    # by level, how the page's labels stand on their rows (layout_levels.Centring)
    centring: dict[str, Centring] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)  # level-3 names printed whole (layout_rowcut)
    name_tie: bool = False  # a joint cut of rows left open that such names might settle


def read_layout_grid(
    lines: list[DumpLine],
    header: list[DumpLine],
    *,
    continued: bool = False,
    own_header: bool = True,
    reference: BandRoles | None = None,
    order: bool = False,
    unscored: bool = True,
    names: frozenset[str] = frozenset(),
) -> LayoutGrid:
    """Read the rows of the grid whose header lines are ``header`` and body ``lines``;
    ``continued``: a page of the grid came before (its labels may cover this page's first
    rows); ``own_header``: the header is printed on this page, else ``reference`` holds the
    bands of the last page that printed it (layout_bands); ``order``: a headerless page
    is read by the order of its cells' blocks (layout_pages); ``unscored``: rows whose 分值
    and 得分 are placeholders are anchored (layout_unscored); ``names``: the level-3 names
    the form prints whole (layout_rowcut.whole_names), which may settle a joint cut."""
    result = LayoutGrid()
    columns = header_columns([h.text for h in header])
    if columns is None:
        result.notes.append(_note("the grid's header columns could not be told apart"))
        return result
    body = _grid_body(lines, result)
    toks = stacked_labels(
        without_group_rest(
            _header_heads(header), [t for k, text in enumerate(body) for t in tokens(text, k)]
        )
    )
    if _levels_unread(columns, toks):
        result.notes.append(_note(_LEVELS_UNREAD))
        return result
    by_col, unsure = _by_column(toks, columns, own_header)
    lead: list[Token] = []
    if own_header:
        result.bands = band_roles(by_col, unsure)
    else:
        by_col, unsure, lead = _headerless_columns(
            toks, columns, None if order else reference, by_col, unsure, result, order
        )
    if unscored:
        unsure = place_slashes(by_col, unsure)
    placeholders = _placeholder_rows(by_col, toks)
    result.wrap_widths = _join_wrapped_scores(by_col)
    # (the rest of a 得分 the page break cut anchors no row: layout_rest)
    score_piece = cut_score_piece(by_col) if continued else None
    anchor_lines = _score_anchor_lines(by_col, unsure, unscored)
    if not toks:
        # a page holding only the total line, or nothing: it prints no level label
        result.printed = {c.role: [] for c in columns if c.role in ("level1", "level2")}
        return result
    if len(set(anchor_lines)) != len(anchor_lines) or not anchor_lines:
        result.notes.append(_note("no row anchors (得分) found in the grid"))
        return result
    value_roles = [c.role for c in columns if c.role and c.role not in ("level1", "level2")]
    if unscored:
        placeholders += dots_below_unscored(by_col, unsure, anchor_lines)
    placeholders += _aligned_placeholders(by_col, toks, unsure, anchor_lines, value_roles)
    if own_header:
        unsure = _names_by_elimination(by_col, unsure, columns, anchor_lines)
    cut = _cut_rows(
        by_col, unsure, anchor_lines, value_roles, own_header, bool(lead), result, names
    )
    result.names, result.name_tie = whole_names(by_col, unsure), cut.tied
    if unscored and any(unscored_doubt(row) for row in cut.rows):
        # (an unscored row's name cut holding a placeholder row's: the page read without)
        return read_layout_grid(
            lines,
            header,
            continued=continued,
            own_header=own_header,
            reference=reference,
            order=order,
            unscored=False,
            names=names,
        )
    for k in score_going_on(by_col, cut.anchor_lines):
        cut.doubt[k] = cut.doubt[k] or "its 得分 may go on below it"
    result.score_piece = score_piece is not None
    result.lead_orphan = result.lead_orphan or result.score_piece
    if result.lead_orphan:
        result.rest = _rest_above(toks, by_col, cut, score_piece)
    result.foot = foot_lines(cut.rows[-1], by_col) | _cut_labels(by_col, cut)
    _emit_labelled_rows(result, by_col, unsure, columns, cut, value_roles, placeholders, continued)
    return result


def _header_heads(header: list[DumpLine]) -> list[Token]:
    """The lone Chinese characters that start the header's lines at one place (绩 / 效 of a
    group name printed a character a line beside the header's names)."""
    heads = [ts[0] for k, h in enumerate(header) if (ts := tokens(h.text, k))]
    heads = [t for t in heads if len(t.text) == 1 and "\u4e00" <= t.text <= "\u9fff"]
    return [t for t in heads if t.x0 == heads[0].x0] if heads else []


def _headerless_columns(
    toks: list[Token],
    columns: list[LayoutColumn],
    reference: BandRoles | None,
    by_col: dict[str, list[Token]],
    unsure: list[Token],
    result: LayoutGrid,
    order: bool = False,
) -> tuple[dict[str, list[Token]], list[Token], list[Token]]:
    """A headerless page's tokens by column, the unsure ones and the lines before the first
    slab: its header's columns are not printed above it, so the bands of the page that
    printed them, else its slabs, else (``order``) the order of its blocks, place its text
    more surely than those columns do."""
    lead: list[Token] = []
    toks = operators_apart(toks, [c.role for c in columns if c.role])
    mapped = by_reference(toks, reference) if reference is not None else None
    if mapped is None:
        roles = [c.role for c in columns if c.role]
        slabs = by_slabs(_letter_spaced(toks), roles, _label_piece)
        if slabs is not None:
            mapped, lead = slabs.by_role, slabs.lead
            placed = _lead_by_order(toks, roles, mapped, lead) if lead else None
            if placed is not None:
                for role, ts in placed.items():
                    mapped.setdefault(role, []).extend(ts)
                lead = []
    doubt: list[Token] = []
    if mapped is None and order:
        ordered = by_order(
            _letter_spaced(toks), [c.role for c in columns if c.role], _label_piece, _token_part
        )
        if ordered is not None:
            mapped, doubt = ordered.by_role, ordered.unsure
    if mapped is None:
        return by_col, unsure, lead
    result.by_bands = True
    mapped = cut_mapped_run_together(mapped, columns)
    doubt = _weights_glued_before_scores(mapped, doubt, [c.role for c in columns if c.role])
    if levels_apart(mapped):
        # (a level label's piece the reading left in doubt goes where its level's labels do)
        doubt = _stray_levels(doubt, mapped, columns)
    return mapped, doubt, lead


def _lead_by_order(
    toks: list[Token], roles: list[str], mapped: dict[str, list[Token]], lead: list[Token]
) -> dict[str, list[Token]] | None:
    """The lines before a headerless page's first slab by column, when the order of the
    page's blocks (``layout_pages.by_order``) places every one of them in a value column
    and places no token of the slabs elsewhere than they do: two readings agree."""
    ordered = by_order(_letter_spaced(toks), roles, _label_piece, _token_part)
    if ordered is None:
        return None

    def key(t: Token) -> tuple[int, int, str]:
        return t.line, t.x0, t.text

    role_of = {key(t): role for role, ts in ordered.by_role.items() for t in ts}
    if any(role_of.get(key(t), role) != role for role, ts in mapped.items() for t in ts):
        return None
    out: dict[str, list[Token]] = {}
    for t in lead:
        role = role_of.get(key(t))
        if role is None or role in _LEVELS:
            return None
        out.setdefault(role, []).append(t)
    return out


_LEVELS_UNREAD = (
    "text stands left of the level columns read from the header, which names no level-1 "
    "column: the rows' level labels cannot be told; rows left out"
)


def _levels_unread(columns: list[LayoutColumn], toks: list[Token]) -> bool:
    """The header gave no level-1 column (or no level column at all), yet the body prints
    text left of the leftmost level column read (label pieces stacked where the header's
    stack was taken for a group name, 一 / 级 / 指 / 标): a row read without its labels
    would be silently incomplete."""
    levels = [c for c in columns if c.role in ("level1", "level2", "level3")]
    if levels[0].role == "level1":
        return False
    return any(t.x1 <= levels[0].x0 for t in toks)


def _token_part(t: Token, text: str, x0: int) -> Token:
    """A part of a token: its text from place ``x0`` on its line."""
    return Token(text, t.line, x0, x0 + len(text))


def _score_anchor_lines(
    by_col: dict[str, list[Token]], unsure: list[Token], unscored: bool = True
) -> list[int]:
    """The lines of the 得分 numbers, which anchor the rows (and ``unscored``, of the
    placeholders of unscored rows); the column's other text goes to ``unsure``: a cell of
    some row overran its column."""
    anchors = [
        t
        for t in by_col.get("score", [])
        if is_number(t.text) or (unscored and unscored_anchor(t, by_col))
    ]
    unsure += [t for t in by_col.get("score", []) if all(t is not a for a in anchors)]
    return [a.line for a in anchors]


def _cut_rows(
    by_col: dict[str, list[Token]],
    unsure: list[Token],
    anchor_lines: list[int],
    value_roles: list[str],
    own_header: bool,
    lead: bool,
    result: LayoutGrid,
    names: frozenset[str] = frozenset(),
) -> RowCut:
    """The value columns' text cut among the rows' anchors, noting in ``result`` whether
    text above the first row may end a row the page break cut (``lead``: lines came before
    the first slab)."""
    align = _alignment(by_col, value_roles, anchor_lines, unsure, open_top=not own_header)
    cut = RowCut(anchor_lines, align, not own_header, names)
    result.lead_orphan = cut.place_all(by_col, value_roles, unsure)
    if not own_header and _text_above_first_row(cut, by_col, value_roles, unsure):
        result.lead_orphan = True
    if lead and not cut.first_row_whole(by_col, value_roles):
        # lines before the first slab: the end of a row the page break cut, or the top of
        # the first row's cells (unless the joint cut gives the first row one band, its
        # cells as cut)
        cut.doubt[0] = cut.doubt[0] or "lines above it may be its own or the page before's"
    return cut


def _rest_above(
    toks: list[Token], by_col: dict[str, list[Token]], cut: RowCut, score_piece: Token | None
) -> dict[str, str] | None:
    """The text above the page's first row by column, joined, when it is the rest of the
    page before's last row for certain (``layout_rest``)."""
    taken = {id(t) for row in cut.rows for ts in row.values() for t in ts}
    first = None if cut.doubt[0] else cut.rows[0]
    tails = {}
    for level in ("level1", "level2"):
        head_at = label_tail(by_col.get(level, []))
        if head_at is not None:
            tails[level] = [t for t in by_col[level] if t.line <= head_at]
    rest = rest_of_cut_row(toks, by_col, first, cut.anchor_lines[0], taken, score_piece, tails)
    return None if rest is None else {role: joined_text(ts) for role, ts in rest.items()}


def _cut_labels(by_col: dict[str, list[Token]], cut: RowCut) -> Foot:
    """By level column, the page's last label's first pieces when the page end cuts it (可持
    at the foot, as ``_labels`` reads it) and the page's last row stands under it (its
    lines reach the label's first line): the name's start for the next page's rest."""
    out: Foot = {}
    bottom = max([cut.anchor_lines[-1]] + [t.line for ts in cut.rows[-1].values() for t in ts])
    for level in ("level1", "level2"):
        runs, names, points = named_runs(line_runs(by_col.get(level, []), set()), level == "level1")
        last = names[-1] if len(names) > 1 else ""
        if last and not is_label(last, points=points) and label_start(last):
            if runs[-1][0].line <= bottom:
                out[level] = (last, None)
    return out


def _text_above_first_row(
    cut: RowCut, by_col: dict[str, list[Token]], value_roles: list[str], unsure: list[Token]
) -> bool:
    """A cell's text above a headerless page's first row that is not that row's for
    certain: the page break may have cut the row before there (a run bridged a line into
    the first row's cells)."""
    first = set() if cut.doubt[0] else {id(t) for ts in cut.rows[0].values() for t in ts}
    above = [t for role in value_roles for t in by_col.get(role, [])] + unsure
    return any(t.line < cut.anchor_lines[0] and id(t) not in first for t in above)


def _emit_labelled_rows(
    result: LayoutGrid,
    by_col: dict[str, list[Token]],
    unsure: list[Token],
    columns: list[LayoutColumn],
    cut: RowCut,
    value_roles: list[str],
    placeholders: list[Token],
    continued: bool,
) -> None:
    """The rows with their level labels into ``result``, or a note why none can be: a
    row's labels must be certain before the row is kept."""
    levels = [c.role for c in columns if c.role in ("level1", "level2")]
    result.printed = {level: None for level in levels}
    blank_rows = [t.line for t in placeholders]
    extras: list[tuple[list[int], str | None, str | None, bool]] = []
    seen: dict[str, set[tuple[str | None, ...]]] = {}
    # (a label on a row's first line that leaves a level column no reading stands there by
    # chance: a merged label centred on a block that crosses a page break, as a sheet
    # centres it on the whole block, may fall on any line of its part)
    at_tops = labels_at_row_tops(by_col, cut, [not d for d in cut.doubt])
    for tops in (True, False) if at_tops else (False,):
        extras.clear()
        seen.clear()
        result.centring = {level: Centring() for level in levels}
        labels = level_labels(
            by_col, cut, (continued, not result.closed), levels, blank_rows, extras,
            seen=seen, centring=result.centring, tops=tops,
        )  # fmt: skip
        if not isinstance(labels, str):
            break
    result.tops = tops
    stray = _stray_label(unsure, columns) if levels else None
    if stray is not None:
        result.notes.append(
            _note(f"a piece of a level label ({stray.text!r}) lies between two columns")
        )
        labels = levels[0]
    if isinstance(labels, str):
        result.notes.append(_note(f"the {labels} labels' rows cannot be told; rows left out"))
        return
    result.printed = {level: _printed_labels(by_col.get(level), level) for level in levels}
    names = {t.line: t.text for t in placeholders}
    # (an empty block's label stands alone on its lines: no row's text beside it)
    taken = {t.line for role in value_roles for t in by_col.get(role, [])} | {
        t.line for t in unsure
    }
    # (a row with no level-3 name is left out: no row read for certain beside a label)
    sure = [not d and bool(row.get("level3")) for d, row in zip(cut.doubt, cut.rows, strict=True)]
    around = RowsAround(row_spans(cut.rows, cut.anchor_lines), sure, labels, taken)
    unanchored = _unanchored_rows(extras, names, levels, taken, around)
    heads = _head_rows(by_col, cut, levels, labels, seen) if continued and result.tops else {}
    result.last_top = last_label_at_top(by_col, cut, seen)
    _emit_rows(result, cut, value_roles, labels, unanchored, heads, _tail_rows(by_col, cut, levels))

    def reread(bounds: dict[str, Bounds], held: dict[str, int]) -> Reading | None:
        seen: dict[str, set[tuple[str | None, ...]]] = {}
        extras: list[tuple[list[int], str | None, str | None, bool]] = []
        centring = {level: Centring(held=held.get(level)) for level in levels}
        got = level_labels(
            by_col, cut, (continued, not result.closed), levels, blank_rows, extras, bounds, seen,
            centring, result.tops,
        )  # fmt: skip
        if isinstance(got, str):
            return None
        lines = cut.anchor_lines
        heads = {
            level: {lines[k] for k in lead_rows(found)}
            for level, found in seen.items()
            if bounds.get(level, OPEN)[0] == "shut"
        }
        labels = {a: {level: got[level][k] for level in got} for k, a in enumerate(lines)}
        for (line, *_), l1, l2, empty in extras:
            if not empty:  # (a placeholder row's labels, by its line)
                labels[line] = {"level1": l1, "level2": l2}
        return Reading(labels, heads)

    result.reread = reread


def _head_rows(
    by_col: dict[str, list[Token]],
    cut: RowCut,
    levels: list[str],
    labels: dict[str, list[str | None]],
    seen: dict[str, set[tuple[str | None, ...]]],
) -> dict[str, set[int]]:
    """The anchor lines of the rows above each level column's first label, on a page that
    prints its labels where their rows begin (one stands at the top of its first row, not
    centred on it): those rows are under a label of a page before (``layout_levels``).
    ``seen``: the page's readings by level; a row some reading puts under the page's first
    label may be its (that label centred on a block the row begins): never a head row."""
    spans = row_spans(cut.rows, cut.anchor_lines)
    out: dict[str, set[int]] = {}
    for level in levels:
        toks = by_col.get(level, [])
        first = min((t.line for t in toks), default=None)
        if first is None:
            continue
        above = [k for k, span in enumerate(spans) if span[1] < first]
        if any(labels[level][k] is not None for k in above):
            continue  # (the page's reading puts a row above it under a label of its own)
        runs = line_runs(toks, set())
        # (where some reading puts a row above under the first label, that label may be
        # centred on a block the row begins: only a label on its own row alone tells)
        lead = not seen.get(level) or set(above) <= lead_rows(seen[level])
        if (lead and not _centred_over_rows_above(runs, spans, above)) or _on_its_row_alone(
            named_runs(runs, level == "level1")[0], spans, labels[level]
        ):
            out[level] = {cut.anchor_lines[k] for k in above}
    return out


def _on_its_row_alone(
    runs: list[list[Token]], spans: list[tuple[int, int]], known: list[str | None]
) -> bool:
    """Does the page's first label stand centred on its own row alone, the last before the
    next label, in a page whose certain blocks are all centred so (``STRICT``, one over
    more than one line at least)? A row's lines print as they are: a label standing
    exactly on one row's middle is that row's, not a taller block's that drifted there."""
    first = runs[0]
    own = [k for k, (a, b) in enumerate(spans) if a <= first[0].line and first[-1].line <= b]
    ends = [k for k, span in enumerate(spans) if len(runs) < 2 or span[1] < runs[1][0].line]
    if not own or not ends or own[0] != ends[-1]:
        return False
    (a, b), middle = spans[own[0]], (first[0].line + first[-1].line) / 2
    if abs((a + b) / 2 - middle) > STRICT:
        return False
    certain = _certain_offsets(runs[1:], spans, known)
    return any(tall for _, tall in certain) and all(off <= STRICT for off, _ in certain)


def _certain_offsets(
    runs: list[list[Token]], spans: list[tuple[int, int]], known: list[str | None]
) -> list[tuple[float, bool]]:
    """For each label whose block is certain (its rows known, a row of another known
    label just above and below it), how far it stands from its rows' middle and whether
    the block spans more than one line."""
    out: list[tuple[float, bool]] = []
    for run in runs:
        name = joined_text(run)
        rows = [k for k, got in enumerate(known) if got == name]
        if not rows or rows != list(range(rows[0], rows[-1] + 1)):
            continue
        top, bottom = rows[0] - 1, rows[-1] + 1
        if top < 0 or bottom >= len(known) or None in (known[top], known[bottom]):
            continue
        a, b = spans[rows[0]][0], spans[rows[-1]][1]
        middle = (run[0].line + run[-1].line) / 2
        out.append((abs((a + b) / 2 - middle), b > a))
    return out


def _tail_rows(
    by_col: dict[str, list[Token]], cut: RowCut, levels: list[str]
) -> dict[str, set[int]]:
    """By level, the anchor lines of the rows that begin at or below the line the column's
    last label begins on: in a grid that prints labels where their rows begin, they are
    that label's (``layout_levels``)."""
    spans = row_spans(cut.rows, cut.anchor_lines)
    out: dict[str, set[int]] = {}
    for level in levels:
        runs, _, _ = named_runs(line_runs(by_col.get(level, []), set()), level == "level1")
        if runs:
            last = runs[-1][0].line
            out[level] = {
                a for a, span in zip(cut.anchor_lines, spans, strict=True) if span[0] >= last
            }
    return out


def _centred_over_rows_above(
    runs: list[list[Token]], spans: list[tuple[int, int]], above: list[int]
) -> bool:
    """Could the page's first label (``runs[0]``) stand centred on a block that starts at a
    row above it and ends before the next label (or at the page's end)? A label printed
    where its rows begin elsewhere may be a whole merged cell centred here: lines printed at
    half a line's offset stretch a block's part, and it stands a line off its first row."""
    middle = (runs[0][0].line + runs[0][-1].line) / 2
    ends = [k for k, span in enumerate(spans) if len(runs) < 2 or span[1] < runs[1][0].line]
    if not ends or not above:
        return False
    j = ends[-1]
    return any(
        abs((spans[i][0] + spans[j][1]) / 2 - middle) <= centre_slack(spans[j][1] - spans[i][0])
        for i in above
    )


def _printed_labels(toks: list[Token] | None, level: str) -> list[str] | None:
    """The whole labels a level column prints, in order; None when some text of it is no
    label (a label's piece, cut by the page end)."""
    if not toks:
        return []
    _, names, points = named_runs(line_runs(toks, set()), level == "level1")
    return names if all(is_label(n, points=points) for n in names) else None


_SPACED = regex.compile(r"\p{Han}(?: \p{Han})*")


def _letter_spaced(toks: list[Token]) -> list[Token]:
    """A label printed letter-spaced on one line (满 意 度 指) as one token: single
    characters one space apart whose text joins into a level label's piece."""
    out: list[Token] = []
    for t in sorted(toks, key=lambda t: (t.line, t.x0)):
        last = out[-1] if out else None
        if (
            last is not None
            and last.line == t.line
            and last.x1 + 1 == t.x0
            and len(t.text) == 1
            and _SPACED.fullmatch(last.text)
            and _label_piece(last.text + t.text)
        ):
            out[-1] = Token(f"{last.text} {t.text}", t.line, last.x0, t.x1)
        else:
            out.append(t)
    return out


def _stray_label(unsure: list[Token], columns: list[LayoutColumn]) -> Token | None:
    """A piece of a level label no column takes, left of the level-3 column's middle (满意
    of 满意度指标 astray between the level columns): a label may be missing from its column,
    and the rows the labels there cover cannot be told without it."""
    name = next((c for c in columns if c.role == "level3"), None)
    middle = (name.x0 + name.x1) / 2 if name else 0
    return next((t for t in unsure if (t.x0 + t.x1) / 2 < middle and _label_piece(t.text)), None)


@functools.lru_cache(maxsize=8192)
def _label_piece(text: str) -> bool:
    """A piece of a known level name (满意, 度指, 标), of a label's points ((9, 0, 分)), or a
    name's last piece with its weight's start (标(10). Cached: the slab readings ask it of the
    same few texts hundreds of thousands of times a form."""
    key = label_key(text)
    head, bracket, tail = key.partition("(")  # (label_key folds （ to ()
    if bracket and head and set(tail) <= POINT_CHARS:
        # a name's last piece and the start of its weight: 标(10 of 满意度指标(10分)
        return any(str(name).endswith(head) for name in KNOWN_LEVELS)
    return bool(key) and (set(key) <= POINT_CHARS or any(key in str(name) for name in KNOWN_LEVELS))


_DECIMAL_HEAD = regex.compile(r"^\d+\.\d*$")
_DIGITS = regex.compile(r"^\d+$")


def _join_wrapped_scores(by_col: dict[str, list[Token]]) -> set[int]:
    """A 得分 too wide for its narrow column wraps around its row's line (2.9 / 2 printed
    above and below the line of its 分值 3, that line empty in the 得分 column): two pieces
    on the lines either side of a 分值 that has no 得分 of its own, neither piece's line
    holding a 分值, the first a decimal's head and the second digits, in one place. They
    are one number (2.92), at the 分值's line. The widths of the heads joined (the column
    holds no wider number on a line)."""
    scores = sorted(by_col.get("score", []), key=lambda t: t.line)
    weights = {t.line for t in by_col.get("weight", []) if is_number(t.text)}
    lines = {t.line for t in scores}
    out: list[Token] = []
    widths: set[int] = set()
    k = 0
    while k < len(scores):
        head = scores[k]
        tail = scores[k + 1] if k + 1 < len(scores) else None
        if (
            tail is not None
            and tail.line == head.line + 2
            and head.line + 1 in weights
            and head.line + 1 not in lines
            and not {head.line, tail.line} & weights
            and _DECIMAL_HEAD.match(head.text)
            and _DIGITS.match(tail.text)
            and head.x0 < tail.x1
            and tail.x0 < head.x1
        ):
            out.append(Token(head.text + tail.text, head.line + 1, head.x0, max(head.x1, tail.x1)))
            widths.add(len(head.text))
            k += 2
            continue
        out.append(head)
        k += 1
    if scores:
        by_col["score"] = out
    return widths


def _placeholder_rows(by_col: dict[str, list[Token]], toks: list[Token]) -> list[Token]:
    """The names of placeholder rows (……, 指标2:), taken out of the level-3 column.

    Such a row prints its name alone on its line, apart from the level-3 line above it (a
    wrapped name's lines follow one another, and a name may end in ……); 指标2: also apart
    from the line below (a name may wrap after its colon). It has no anchor, yet its merged
    level labels are centred on it too, so its line counts where labels are placed.
    """
    names = by_col.get("level3", [])
    name_lines = {t.line for t in names}
    per_line: dict[int, int] = {}
    for t in toks:
        per_line[t.line] = per_line.get(t.line, 0) + 1
    blank = [
        t
        for t in names
        if PLACEHOLDER.fullmatch(t.text)
        and per_line[t.line] == 1
        and t.line - 1 not in name_lines
        and (t.text[0] in "…." or t.line + 1 not in name_lines)
    ]
    if blank:
        by_col["level3"] = [t for t in names if t not in blank]
    return blank


def _names_by_elimination(
    by_col: dict[str, list[Token]],
    unsure: list[Token],
    columns: list[LayoutColumn],
    anchor_lines: list[int],
) -> list[Token]:
    """A row's level-3 name no column takes because it reaches over the level-2 column's
    name too (乡村教师队伍稳定性 under 二级指标 and 三级指标, by print): on its row's line,
    when no other name stands on that line, and it is no level label's piece, the columns
    whose printed names it reaches leave the level-3 column only, and every row has a
    name: it is the level-3 column's. The tokens left unsure."""
    names = {t.line for t in by_col.get("level3", [])}
    left = []
    for t in unsure:
        over = {c.role for c in columns if c.role and t.x0 < (c.printed_x1 or c.x1) and c.x0 < t.x1}
        if (
            t.line in anchor_lines
            and t.line not in names
            and not _label_piece(t.text)
            and "level3" in over
            and over <= {"level1", "level2", "level3"}
        ):
            by_col.setdefault("level3", []).append(t)
        else:
            left.append(t)
    return left


def _aligned_placeholders(
    by_col: dict[str, list[Token]],
    toks: list[Token],
    unsure: list[Token],
    anchor_lines: list[int],
    value_roles: list[str],
) -> list[Token]:
    """Placeholder rows' names right under a name's last line (综合水价改革项 / 目 / ……),
    which ``_placeholder_rows`` leaves (a name may end in ……): where the grid's cells are
    centred on their rows exactly, a …… alone on its line (level labels' pieces aside) in
    a run of names, or a placeholder ending it, is a row of its own when the run cuts among
    its rows one way without the run's placeholders and no way with any one put back; taken
    out of the level-3 column. Where the grid shows no alignment, only when no alignment at
    all cuts the run with it put back (layout_align.ALIGNMENTS)."""
    align = _alignment(by_col, value_roles, anchor_lines, unsure)
    if align not in ("centre", None):
        return []
    # (a level label's merged cell may print a piece on the placeholder's line)
    labels = {id(t) for level in ("level1", "level2") for t in by_col.get(level, [])}
    per_line: dict[int, int] = {}
    for t in toks:
        if id(t) not in labels:
            per_line[t.line] = per_line.get(t.line, 0) + 1
    names = by_col.get("level3", [])
    runs = line_runs(names, set(anchor_lines), bridge=text_lines(by_col, unsure))
    out: list[Token] = []
    modes = ("centre",) if align else ALIGNMENTS
    for run in runs:
        lines = sorted({t.line for t in run})
        inside = [a for a in anchor_lines if lines[0] <= a <= lines[-1]]
        blanks = [
            t
            for t in run[1:]
            if PLACEHOLDER.fullmatch(t.text)
            and (t is run[-1] or t.text[0] in "….")  # (指标2: may begin a name wrapped)
            and per_line[t.line] == 1
            and t.line not in anchor_lines
        ]
        if not inside or not blanks:
            continue
        rest = [x for x in lines if all(x != t.line for t in blanks)]
        if whole_column_cut(rest, inside, "centre", False) is None:
            continue
        # each one put back alone, no alignment cuts the run
        if all(
            not any(aligned_cuts(sorted([*rest, t.line]), inside, m, False) for m in modes)
            for t in blanks
        ):
            out += blanks
    if out:
        by_col["level3"] = [t for t in names if all(t is not u for u in out)]
    return out


def _emit_rows(
    result: LayoutGrid,
    cut: RowCut,
    value_roles: list[str],
    labels: dict[str, list[str | None]],
    unanchored: list[tuple[int, Indicator | str]] | None = None,
    heads: dict[str, set[int]] | None = None,
    tails: dict[str, set[int]] | None = None,
) -> None:
    """Each row as an indicator into ``result``, or a note saying why it is left out; the
    rows with no anchor (``unanchored``: by line) among them where their lines stand;
    ``heads``: by level, the anchor lines of rows under a label of a page before;
    ``tails``: of rows at or below the column's last label."""
    rows: list[tuple[int, Indicator | str]] = [
        (a, cut.doubt[k] or _indicator(row, value_roles, labels, k))
        for k, (a, row) in enumerate(zip(cut.anchor_lines, cut.rows, strict=True))
    ]
    # (a cell holding the next column's line: that column was cut among the rows beside it
    # without that line)
    wide = [k for k, (_, got) in enumerate(rows) if isinstance(got, str) and _WIDER_DOUBT in got]
    for k in {j for w in wide for j in (w - 1, w + 1) if 0 <= j < len(rows)} - set(wide):
        if not isinstance(rows[k][1], str):
            rows[k] = (rows[k][0], "a cell of the row beside it holds another cell's text")
    for k, (a, got_row) in enumerate(sorted(rows + (unanchored or []), key=lambda r: r[0])):
        if isinstance(got_row, str):
            result.notes.append(_note(f"row {k + 1}: {got_row}; left out"))
        else:
            result.anchors[id(got_row)] = a
            result.first_kept = result.first_kept or k == 0
            for level, lines in (heads or {}).items():
                if a in lines:
                    result.heads.setdefault(level, set()).add(id(got_row))
            for level, lines in (tails or {}).items():
                if a in lines:
                    result.tails.setdefault(level, set()).add(id(got_row))
            if any(level in labels and not getattr(got_row, level).text for level in LEVELS):
                # (settled over the grid's pages, else left out: layout_levels)
                result.open_rows[id(got_row)] = f"row {k + 1}: its level label is not known"
            result.indicators.append(got_row)
        result.last_kept = not isinstance(got_row, str)


def _unanchored_rows(
    extras: list[tuple[list[int], str | None, str | None, bool]],
    names: dict[int, str],
    levels: list[str],
    taken: set[int],
    around: RowsAround | None = None,
) -> list[tuple[int, Indicator | str]]:
    """Rows with no 分值 or 得分 as the form prints them: a template's placeholder row (……)
    with its name, an empty block (经济效益指标 with no indicator) with none; a level label
    the page leaves in doubt is open, for the grid's pages to settle (``_emit_rows``; a
    placeholder named 指标2: is left out: no form read so far shows how its row is kept).
    An empty block's label must stand alone on its lines and the lines around (``taken``: the
    lines holding a row's text): a label beside text may be a row's whose 得分 was not read."""
    out: list[tuple[int, Indicator | str]] = []
    for lines, l1, l2, empty in extras:
        line = lines[0]
        name = None if empty else names.get(line)
        if not empty and (name is None or name[0] not in "…."):
            continue
        if empty and set(range(lines[0] - 1, lines[-1] + 2)) & taken:
            # (beside a row's lines: kept only when certain, else named: layout_empty)
            got = (
                None
                if around is None or l2 is None
                else empty_block_row(lines, l1, l2, levels, around)
            )
            if got is not None:
                out.append((line, got))
            continue
        # (a label not known here is open: the grid's other pages may settle it, else the
        # row is left out with a note, layout_levels)
        out.append(
            (
                line,
                Indicator(
                    level1=Cell(l1 if "level1" in levels else None),
                    level2=Cell(l2 if "level2" in levels else None),
                    level3=Cell(name),
                ),
            )
        )
    return out


def _grid_body(lines: list[DumpLine], result: LayoutGrid) -> list[str]:
    """The grid's lines up to its total line (read into ``result``), footers blanked."""
    body: list[str] = []
    for k, line in enumerate(lines):
        text = line.text
        if _FOOTER.match(text) or REMARK_LABELS.match(
            label_key(text.split(maxsplit=1)[0] if text.strip() else "")
        ):
            text = ""  # a page footer, a remark line under the grid (其他需要说明事项 无)
        # a page footer at the end of a line that holds a label (数量指标  第 1 页，共 2 页)
        text = _FOOTER_AFTER.sub(lambda m: " " * len(m.group(0)), text)
        total = total_line(text)
        above_text = body[-1] if body else ""
        if total is not None:
            if total:
                result.total, result.grade = total, total_grade(text)
            elif body and k + 1 < len(lines):
                pieces = _wrapped_total(body[-1], lines[k + 1].text)
                if pieces is not None:
                    # the total's numbers printed above and below its label's line: no row
                    body[-1] = ""
                    result.total = _beside_lone(text, above_text, lines[k + 1].text, pieces)
            result.closed = True
            break
        body.append(text)
    return body


_NUMBER_PIECE = regex.compile(r"[\d.]+")


def _beside_lone(
    text: str, above: str, below: str, pieces: tuple[str, str | None] | tuple[()]
) -> tuple[str, str | None] | None:
    """The total when its 得分 wrapped around a label line that prints one number of its own
    (93.8 / 总分 100 / 3): that number is the 分值 and the joined pieces, right of it, the
    得分. A line with no number of its own keeps the pieces' reading (10 99. / 总分 / 0 55);
    a lone number with anything else is not placed (which column is it?)."""
    nums = [m for m in _NUMBER_PIECE.finditer(text) if is_number(m.group(0))]
    if not nums:
        return pieces or None
    if len(nums) != 1 or len(pieces) != 2 or pieces[1] is not None:
        return None
    starts = [m.start() for m in _NUMBER_PIECE.finditer(above)] + [
        m.start() for m in _NUMBER_PIECE.finditer(below)
    ]
    if min(starts) <= nums[0].end():
        return None
    return (nums[0].group(0), pieces[0])


def _wrapped_total(above: str, below: str) -> tuple[str, str | None] | tuple[()] | None:
    """The total's 分值 and 得分 wrapped around its label's line (10 99. / 总分 / 0 55): the
    lines above and below hold number pieces only. The numbers, when the pieces pair up one
    above the other and join into numbers (100, 99.55); () when they do not; None when the
    lines are not such pieces."""
    tops = list(_NUMBER_PIECE.finditer(above))
    bottoms = list(_NUMBER_PIECE.finditer(below))
    if not (
        1 <= len(tops) <= 2
        and 1 <= len(bottoms) <= 2
        and "".join(m.group(0) for m in tops) == "".join(above.split())
        and "".join(m.group(0) for m in bottoms) == "".join(below.split())
    ):
        return None
    if len(tops) != len(bottoms):
        return ()
    joined = []
    for a, b in zip(tops, bottoms, strict=True):
        if not (a.start() < b.end() and b.start() < a.end()) or not is_number(a[0] + b[0]):
            return ()
        joined.append(a.group(0) + b.group(0))
    return (joined[0], joined[1] if len(joined) > 1 else None)


def _heading_piece(text: str) -> bool:
    """Part of a group name or heading printed over the grid (指标 of 绩效指标, 效)."""
    key = label_key(text)
    return bool(key) and any(key in name for name in (*GRID_GROUP_NAMES, *GRID_HEADING_NAMES))


_LEVELS = ("level1", "level2")


def _by_column(
    toks: list[Token], columns: list[LayoutColumn], own_header: bool = True
) -> tuple[dict[str, list[Token]], list[Token]]:
    """The tokens of each column's role, and those no column takes with certainty; on a page
    that prints its header, a token no column takes by its centre goes by its band."""
    by_col: dict[str, list[Token]] = {}
    unsure: list[Token] = []
    bands = body_bands(toks) if own_header else []
    placed = cut_run_together(
        [pair for whole in toks for pair in placed_pieces(whole, columns)], columns
    )
    if own_header:
        placed = cut_glued_rows(placed, columns)
    for t, col in placed_by_alignment(placed):
        if col is None and bands:
            col = band_column(t, bands, columns)
            if col is not None and col.role not in _LEVELS and _label_piece(t.text):
                col = None  # a level label's piece beside the next column's text (数量指 / 标)
        if col is not None and col.role is None and _heading_piece(t.text):
            continue  # a piece of the group name stacked in its own column (效 / 指 / 标)
        if col is None or col.role is None or _spans_columns(t, col, columns):
            # (under a group name's place: no column's text, so some cell's gone astray)
            unsure.append(t)
        else:
            by_col.setdefault(col.role, []).append(t)
    _drop_group_heading(by_col)
    if own_header:
        # (a piece of a label or of the group name there may be the grid's: in doubt)
        unsure += [
            t
            for t in _left_of_grid(by_col, columns)
            if _label_piece(t.text) or _heading_piece(t.text)
        ]
    unsure = _stray_levels(without_group_points(unsure, columns), by_col, columns)
    _level1_names_in_level2(by_col)
    _level2_names_in_level1(by_col)
    _names_in_level2(by_col)
    _signs_in_level3(by_col, [c.role for c in columns if c.role])
    _targets_in_level3(by_col)
    _weights_in_score(by_col, [c.role for c in columns if c.role])
    unsure = _points_between(by_col, unsure, columns)
    if own_header:
        cut_level3_targets(by_col, columns)
        # texts a gutter apart in one column's line: two cells, told by the line's order
        split_by_line_order(by_col, [c.role for c in columns if c.role], unsure)
        # a cell's lines stacked at one edge around its row's line: told by that line
        place_stacks(by_col, [c.role for c in columns if c.role], unsure)
    return by_col, unsure


def _left_of_grid(by_col: dict[str, list[Token]], columns: list[LayoutColumn]) -> list[Token]:
    """Text a gap left of the grid's first column and of all that column's other text (a web
    page's menu, 自评结果公开, beside the grid): no cell's, though that column is the nearest;
    taken out of it, to go to no column. No row's cell stands left of the grid's first
    column, so such text puts no row in doubt."""
    first = min((c for c in columns if c.role), key=lambda c: c.x0, default=None)
    if first is None or first.role is None or not by_col.get(first.role):
        return []
    role, x0 = first.role, first.x0
    toks = by_col[role]
    inside = [t for t in toks if t.x1 + 2 > x0]
    start = min((t.x0 for t in inside), default=x0)
    out = [t for t in toks if t.x1 + 2 <= min(x0, start)]
    if out:
        by_col[role] = [t for t in toks if all(t is not u for u in out)]
    return out


def _spans_columns(t: Token, col: LayoutColumn, columns: list[LayoutColumn]) -> bool:
    """Does the token stand over the whole header names of two other columns? Then it is
    cells run together one blank apart (a Chromium print with a Type 3 CJK font:
    公共绿地养护 ≥156万平方米 156万平方米 8 8), not one column's cell."""
    over = [c for c in columns if c is not col and c.role and t.x0 <= c.x0 and c.x1 <= t.x1]
    return len(over) >= 2


def _signs_in_level3(by_col: dict[str, list[Token]], roles: list[str]) -> None:
    """A comparison sign alone (≥, =) taken by the names' column (the page's lines printed
    left of the header's places where nothing stands left of them): no name is a sign
    alone, so it is the 指标性质 column's, where the grid has one."""
    if "target.op" not in roles:
        return
    _move(by_col, [t for t in by_col.get("level3", []) if _SIGN.fullmatch(t.text)], "target.op")


def _targets_in_level3(by_col: dict[str, list[Token]]) -> None:
    """A signed value alone (≥90分) taken by the names' column, the row's actual value
    beside it on its line and the targets' column holding nothing on it or the lines
    next to it (the line printed left of the header's places where nothing stands left of
    it): no name's line holds a sign and its value alone beside the row's actual value, so
    it is the row's target. None moves where the targets' column holds text beside one of
    them: the page prints its values a column left of the header's places."""
    targets = {t.line for t in by_col.get("target", [])}
    actual = {t.line for t in by_col.get("actual", [])}
    names = _by_line(by_col.get("level3", []))
    signed = [
        t for t in by_col.get("level3", []) if _SIGNED.fullmatch(t.text) and len(names[t.line]) == 1
    ]
    if any(t.line in targets for t in signed):
        return
    moved = [t for t in signed if t.line in actual and not {t.line - 1, t.line + 1} & targets]
    _move(by_col, moved, "target")


def _weights_in_score(by_col: dict[str, list[Token]], roles: list[str]) -> None:
    """Two numbers on one line both taken by the 得分 column, the 分值 column beside it
    holding nothing there (a header crowded left of its body's places: 分值 得分 over 8 …
    8): a row prints its 分值 then its 得分, each one number, so the left one is the 分值."""
    k = roles.index("score") if "score" in roles else 0
    if k < 1 or roles[k - 1] != "weight":
        return
    weights = {t.line for t in by_col.get("weight", [])}
    moved = [
        min(ts, key=lambda t: t.x0)
        for line, ts in _by_line(by_col.get("score", [])).items()
        if len(ts) == 2 and line not in weights and all(_PLAIN_NUMBER.fullmatch(t.text) for t in ts)
    ]
    _move(by_col, moved, "weight")


def _points_between(
    by_col: dict[str, list[Token]], unsure: list[Token], columns: list[LayoutColumn]
) -> list[Token]:
    """A number between the 分值 and 得分 columns' places (a crowded header's 分值 centred
    left of its body's numbers), one of the two columns holding nothing on its line and the
    other one number on the far side of it: a row prints its 分值 then its 得分, each one
    number, so it is the empty column's. The other unsure tokens are returned."""
    roles = [c.role for c in columns]
    k = roles.index("score") if "score" in roles else 0
    if k < 1 or roles[k - 1] != "weight":
        return unsure
    weight, score = columns[k - 1], columns[k]
    kept = []
    for t in unsure:
        if not (weight.x0 <= t.x0 and t.x1 <= score.x1 and _PLAIN_NUMBER.fullmatch(t.text)):
            kept.append(t)
            continue
        # (looked up afresh for each: a number moved before may stand on the same line)
        weights = [u for u in by_col.get("weight", []) if u.line == t.line]
        scores = [u for u in by_col.get("score", []) if u.line == t.line]
        if not weights and len(scores) == 1 and scores[0].x0 > t.x0:
            other, role = scores[0], "weight"
        elif not scores and len(weights) == 1 and weights[0].x0 < t.x0:
            other, role = weights[0], "score"
        else:
            kept.append(t)
            continue
        if _PLAIN_NUMBER.fullmatch(other.text):
            _move(by_col, [t], role)
        else:
            kept.append(t)
    return kept


def _weights_glued_before_scores(
    by_col: dict[str, list[Token]], unsure: list[Token], roles: list[str]
) -> list[Token]:
    """A 得分 no column took, standing exactly where every certain 得分 of the page stands
    (the same start, or the same end), on a line where the 分值 and 得分 columns hold
    nothing and the column left of the 分值's holds one text ending in a number one space
    on (前沿技术发展系统 1   1: a value's line run into its row's 分值, pushing the 得分
    off its place): a row prints its 分值 then its 得分, each one number, on its anchor
    line, so the number is the 分值 and the lone number the 得分. The other unsure tokens
    are returned. Taken on pages placed by their blocks only: on a headed page it gave an
    anchor to a row whose target's last lines print left of their column (uming's
    科技政策辅导 at the page's sizes), and the cut then read that target short."""
    k = roles.index("weight") if "weight" in roles else 0
    if k < 1 or k + 1 >= len(roles) or roles[k + 1] != "score":
        return unsure
    scores = by_col.get("score", [])
    if len(scores) < 2:
        return unsure
    certain = list(scores)
    weights, left = _by_line(by_col.get("weight", [])), _by_line(by_col.get(roles[k - 1], []))
    kept, done = [], set()
    for t in unsure:
        glued = left.get(t.line, [])
        split = number_behind(glued[0].text) if len(glued) == 1 else None
        if (
            split is None
            or t.line in weights
            or t.line in done
            or not _PLAIN_NUMBER.fullmatch(t.text)
            or not at_one_place(certain, t.line, t.x0, t.x0 + len(t.text))
        ):
            kept.append(t)
            continue
        (rest, number), whole = split, glued[0]
        cell = by_col[roles[k - 1]]
        cell[cell.index(whole)] = Token(rest, whole.line, whole.x0, whole.x0 + len(rest))
        start = whole.x1 - len(number)
        by_col.setdefault("weight", []).append(Token(number, whole.line, start, whole.x1))
        by_col["weight"].sort(key=lambda u: (u.line, u.x0))
        scores.append(t)
        scores.sort(key=lambda u: (u.line, u.x0))
        done.add(t.line)
    return kept


def _by_line(toks: list[Token]) -> dict[int, list[Token]]:
    """Tokens by the line they stand on, each line's in their order."""
    out: dict[int, list[Token]] = {}
    for t in toks:
        out.setdefault(t.line, []).append(t)
    return out


def _move(by_col: dict[str, list[Token]], toks: list[Token], role: str) -> None:
    """Move ``toks`` from whatever columns hold them to ``role``'s, kept in line order."""
    if not toks:
        return
    for held in by_col:
        by_col[held] = [t for t in by_col[held] if all(t is not u for u in toks)]
    by_col[role] = sorted(by_col.get(role, []) + toks, key=lambda t: (t.line, t.x0))


#: A comparison sign alone: ``vocabulary.TARGET_SIGN`` but its words (定性 may be a name's
#: wrapped piece: 乡村教师队伍稳 / 定性).
_SIGN = regex.compile(COMPARISON_SIGN)
_SIGNED = regex.compile(SIGNED_VALUE)


def _names_in_level2(by_col: dict[str, list[Token]]) -> None:
    """Level-3 names whose centres fall nearer the level-2 column's name than their own (a
    wide level-3 column, its names printed at its left: 覆盖乡村学校数 beside 数量指标): the
    level-2 column's pieces starting at some place or further right are the level-3
    column's, when exactly one such place leaves the pieces left of it cutting into whole
    names the vocabulary knows, one way only, and takes right of it text that is no label's
    piece, no whole level name, and nothing left of a piece it leaves on that line."""
    toks = by_col.get("level2", [])
    found: list[int] = []
    for x in sorted({t.x0 for t in toks}):
        stay = [t for t in toks if t.x0 < x]
        moved = [t for t in toks if t.x0 >= x]
        if _names_split(stay, moved):
            found.append(x)
    if len(found) == 1:
        by_col.setdefault("level3", []).extend(t for t in toks if t.x0 >= found[0])
        by_col["level2"] = [t for t in toks if t.x0 < found[0]]
    elif not found:
        _name_blocks_in_level2(by_col)


def _name_blocks_in_level2(by_col: dict[str, list[Token]]) -> None:
    """Level-3 names among the level-2 labels at one place (安全生命防护工程 / 里程 beside
    数量指标, 每公里日常养护成 / 本): the text that is no label's piece, with the pieces a
    line or two from it over its places (本, the end of its name), is the level-3 column's
    when the labels left cut into whole names the vocabulary knows, one way only, and the
    text taken holds no whole level name and stands right of the labels on its lines."""
    toks = by_col.get("level2", [])
    moved = [t for t in toks if not _label_piece(t.text)]
    grew = True
    while grew:
        grew = False
        for t in toks:
            if any(t is m for m in moved):
                continue
            if any(0 < abs(t.line - m.line) <= 2 and t.x0 < m.x1 and m.x0 < t.x1 for m in moved):
                moved.append(t)
                grew = True
    stay = [t for t in toks if all(t is not m for m in moved)]
    if _names_split(stay, moved):
        by_col.setdefault("level3", []).extend(moved)
        by_col["level2"] = stay


def _names_split(stay: list[Token], moved: list[Token]) -> bool:
    """Are ``stay`` level-2 labels and ``moved`` level-3 names (see ``_names_in_level2``)?"""
    if not stay or not any(not _label_piece(t.text) for t in moved):
        return False
    if any(POINTS_RE.sub("", label_key(t.text)) in KNOWN_LEVELS for t in moved):
        return False
    if any(u.line == t.line and u.x0 > t.x0 for u in stay for t in moved):
        return False
    whole = segments(stay)
    return whole is not None and all(
        POINTS_RE.sub("", label_key(joined_text(w))) in KNOWN_LEVELS for w in whole
    )


def _level1_names_in_level2(by_col: dict[str, list[Token]]) -> None:
    """Level-1 labels printed so far right that their centres fall in the level-2 column
    (a narrow level-1 column: 效益 / 指标 at the level-2 column's left edge, its own labels
    further right). The pieces starting within two places of the column's leftmost are
    the ones that may be level-1's; of the ways to take some of them as level-1 labels, the
    rest staying level-2's, the one taken is the only way in which the level-1 pieces cut
    into whole names one way only, none a level-2 name and some a level-1 one (满意度指标
    may be either), the level-2 pieces (others standing right of them) into whole names
    none of which is a level-1 one, and no level-1 piece stands right of a level-2 piece on
    its line (a level-2 name's piece may stand as far left: 质量 / 指标)."""
    toks = by_col.get("level2", [])
    if not toks:
        return
    left = min(t.x0 for t in toks)
    maybe = [t for t in toks if t.x0 - left <= 2]
    if len(maybe) == len(toks) or len(maybe) > _MAX_MAYBE_LEVEL1:
        return
    found: list[list[Token]] = []
    for mask in range(1, 1 << len(maybe)):
        ones = [t for k, t in enumerate(maybe) if mask >> k & 1]
        if _level1_split(ones, [t for t in toks if all(t is not u for u in ones)]):
            found.append(ones)
            if len(found) > 1:
                return
    if found:
        moved = {id(t) for t in found[0]}
        by_col.setdefault("level1", []).extend(found[0])
        by_col["level2"] = [t for t in toks if id(t) not in moved]


def _level2_names_in_level1(by_col: dict[str, list[Token]]) -> None:
    """A row's level-2 label printed right after its level-1 label, one space on, both in
    the level-1 column (产出指标 数量指标: each row's labels on its own line, the header's
    names standing further right): where a line of the level-1 column holds exactly a
    whole level-1 label and a whole level-2 label the vocabulary lets stand under it, and
    the level-2 column holds nothing on it, the second is the level-2 column's."""
    twos = {t.line for t in by_col.get("level2", [])}
    moved = []
    for line, ts in _by_line(by_col.get("level1", [])).items():
        if len(ts) == 2 and line not in twos:
            left, right = sorted(ts, key=lambda t: t.x0)
            if label_key(left.text) in level1_parents(right.text):
                moved.append(right)
    _move(by_col, moved, "level2")


#: How many pieces at the level-2 column's left edge are weighed as level-1's at most.
_MAX_MAYBE_LEVEL1 = 10


def _level1_split(ones: list[Token], twos: list[Token]) -> bool:
    """Do ``ones`` read as level-1 labels and ``twos`` as level-2 ones (see
    ``_level1_names_in_level2``)?"""
    if not twos or any(u.line == t.line and u.x0 >= t.x0 for u in ones for t in twos):
        return False
    level1, level2 = segments(ones), segments(twos)
    if level1 is None or level2 is None:
        return False
    keys1 = [POINTS_RE.sub("", label_key(joined_text(w))) for w in level1]
    keys2 = [POINTS_RE.sub("", label_key(joined_text(w))) for w in level2]
    return (
        all(k in KNOWN_LEVELS and k not in LEVEL2_NAMES for k in keys1)
        and any(k in LEVEL1_NAMES for k in keys1)
        and all(k in KNOWN_LEVELS and k not in LEVEL1_NAMES for k in keys2)
    )


def _drop_group_heading(by_col: dict[str, list[Token]]) -> None:
    """The group name printed down the level-1 column's place (绩效指标 / (90分), a row
    header of its own where the header gives it no column) is no level label: dropped,
    with the points printed under it in its place."""
    toks = by_col.get("level1", [])
    # (指标 alone, a group name too, is also a label's piece: 产出 / 指标)
    heads = [
        t for t in toks if GRID_HEADINGS.fullmatch(label_key(t.text)) and len(label_key(t.text)) > 2
    ]
    if not heads:
        return
    drop = {id(t) for t in heads}
    for head in heads:
        drop |= {id(t) for t in stacked_points(toks, [head])}
        drop |= {
            id(t)
            for t in toks
            if 0 < t.line - head.line <= 2 and abs(t.x0 - head.x0) <= 1 and points_only(t.text)
        }
    by_col["level1"] = [t for t in toks if id(t) not in drop]


def _stray_levels(
    unsure: list[Token], by_col: dict[str, list[Token]], columns: list[LayoutColumn]
) -> list[Token]:
    """Level labels no column takes, left of the level-3 column's middle (数量指标 one space
    after 产出指标, between the two level columns' names), put into their level's column
    where that is certain: a whole name the vocabulary knows at one level only, or a label's
    piece starting where the labels of one level column start, or one ending within the
    level-1 name's reach (only the level-1 cell, or the group name's left of it, stands
    there, and the group's holds no level label); the tokens left unsure."""
    roles = {c.role for c in columns}
    first = next((c for c in columns if c.role == "level1"), None)
    name = next((c for c in columns if c.role == "level3"), None)
    middle = (name.x0 + name.x1) / 2 if name else 0
    left = []
    for t in unsure:
        role = None
        if (t.x0 + t.x1) / 2 < middle and _label_piece(t.text):
            key = POINTS_RE.sub("", label_key(t.text))
            role = "level1" if key in LEVEL1_NAMES else "level2" if key in LEVEL2_NAMES else None
            if role is None:
                starts = {r for r in _LEVELS for u in by_col.get(r, []) if u.x0 == t.x0}
                role = starts.pop() if len(starts) == 1 else None
            if role is None and first is not None and t.x1 <= first.x1:
                role = "level1"
            role = role or completed_label(t, by_col)
        if role is not None and role in roles:
            by_col.setdefault(role, []).append(t)
        else:
            left.append(t)
    return _stray_columns(left, by_col, roles, middle)


def _stray_columns(
    unsure: list[Token], by_col: dict[str, list[Token]], roles: set[str | None], middle: float
) -> list[Token]:
    """Label pieces no column takes, left of the level-3 column's middle, taken a column of
    them at a time (pieces starting within two places of each other): when they cut into
    whole names one way only and every name whose level the vocabulary knows is of one
    level, they are that level column's; the tokens left unsure."""
    pieces = sorted(
        (t for t in unsure if (t.x0 + t.x1) / 2 < middle and _label_piece(t.text)),
        key=lambda t: t.x0,
    )
    clusters = runs_of(pieces, lambda a, b: b.x0 - a.x0 <= 2)
    taken: set[int] = set()
    for cluster in clusters:
        whole = segments(cluster)
        if whole is None:
            continue
        keys = [POINTS_RE.sub("", label_key(joined_text(w))) for w in whole]
        levels = {"level1" for k in keys if k in LEVEL1_NAMES} | {
            "level2" for k in keys if k in LEVEL2_NAMES
        }
        if len(levels) == 1 and (role := levels.pop()) in roles:
            by_col.setdefault(role, []).extend(cluster)
            taken |= {id(t) for t in cluster}
    return [t for t in unsure if id(t) not in taken]


def _alignment(
    by_col: dict[str, list[Token]],
    roles: list[str],
    anchor_lines: list[int],
    unsure: list[Token] | None = None,
    *,
    open_top: bool = False,
) -> str | None:
    """The vertical alignment all of the grid's certain cells share (layout_align). Its runs
    are bridged over lines that hold text no column took (``unsure``), as the rows are cut:
    a cell's lines stand apart there too, and a run cut short would show an alignment its
    cell does not have. ``open_top``: the page prints no header (columns_alignment)."""
    bridge = text_lines(by_col, unsure)
    runs = [
        [
            sorted({t.line for t in run})
            for run in line_runs(by_col.get(role, []), set(anchor_lines), bridge=bridge)
        ]
        for role in roles
    ]
    found = columns_alignment(runs, anchor_lines, open_top)
    if found is not None:
        return found
    # (no run shows it: touching cells, as a grid set at its cells' tops prints them; the
    # lines its wrap width ends cut a column's runs into cells)
    ends = {
        role: cell_ends(toks, wrap_width(toks))
        for role in roles
        if role not in ("weight", "score") and (toks := by_col.get(role, []))
    }
    cut = [
        [piece for run in column for piece in _cut_at(run, ends.get(role, set()))]
        for role, column in zip(roles, runs, strict=True)
    ]
    return columns_alignment(cut, anchor_lines, open_top) if cut != runs else None


def _cut_at(run: list[int], ends: set[int]) -> list[list[int]]:
    """A run of a column's lines cut after each line that ends a cell (layout_wraps)."""
    out: list[list[int]] = [[]]
    for line in run:
        out[-1].append(line)
        if line in ends and line != run[-1]:
            out.append([])
    return out


def _indicator(
    row: dict[str, list[Token]],
    value_roles: list[str],
    labels: dict[str, list[str | None]],
    k: int,
) -> Indicator | str:
    """Row ``k`` as an indicator, or why it is left out."""
    cells = {role: joined_text(row.get(role, [])) for role in value_roles}
    target = _target_text(cells)
    doubt = (
        _cells_doubt(cells, target)
        or _wrapped_item(row, value_roles)
        or _line_wider_than_cell(row, value_roles)
    )
    if doubt is not None:
        return doubt
    lv = {level: labels[level][k] if level in labels else None for level in ("level1", "level2")}
    if any(name is not None and two_labels(name) for name in lv.values()):
        return "its level label holds two labels"
    if any(name is not None and _pieces_run_together(name) for name in lv.values()):
        return "its level label holds two pieces one space apart"
    return Indicator(
        level1=Cell(lv["level1"]),
        level2=Cell(lv["level2"]),
        level3=Cell(cells["level3"]),
        target=Cell(target or None),
        actual=Cell(cells.get("actual") or None),
        weight=Cell(cells.get("weight") or None),
        score=Cell(cells["score"]),
        deviation=Cell(cells.get("deviation") or None),
    )


def _pieces_run_together(label: str) -> bool:
    """Does a level label hold two of its pieces run together one space apart (服务对象满意度指
    标: pdftotext joined a line's last character to the piece before)? A label printed
    letter-spaced (满 意 度 指标) sets a space after each character but its last ones; any
    other space between Chinese characters is no print's own."""
    runs = CJK_GAP.split(label)
    return len(runs) > 1 and any(len(run) > 1 for run in runs[:-1])


def _wrapped_item(row: dict[str, list[Token]], value_roles: list[str]) -> str | None:
    """A cell line that starts a numbered item (1.氢能) whose first character would not
    have fitted on the line above (its print width, a Chinese character two, by the cell's
    widest line): the item may go on that line's text (a wrap) or begin a paragraph of its
    own, and the text joined cannot tell which."""
    for role in value_roles:
        texts = _cell_lines(row, role)
        widest = max((print_width(text) for text in texts), default=0)
        for above, text in zip(texts, texts[1:], strict=False):
            if starts_numbered_item(text) and print_width(above + text[0]) > widest:
                return f"a {role} cell's numbered item may go on the line above"
    return None


def _cell_lines(row: dict[str, list[Token]], role: str) -> list[str]:
    """A cell's lines, top to bottom, each line's tokens joined by a space."""
    lines = line_texts(row.get(role, []))
    return [lines[n] for n in sorted(lines)]


def _line_wider_than_cell(row: dict[str, list[Token]], value_roles: list[str]) -> str | None:
    """A cell of three lines or more, one of them but the last printing ``_WIDER`` places
    wider than each of the cell's other lines but the last, which are full (no narrower than
    the last): a cell wraps its lines at one width, so that line holds another cell's text
    run into it (第四届Nature 2021年下半年开始筹备，4, a name's first line with the target's
    one space on). A short line amid a cell's lines (a stray mark) tells nothing."""
    for role in value_roles:
        widths = [print_width(text) for text in _cell_lines(row, role)]
        if len(widths) < 3:
            continue
        widest = max(range(len(widths) - 1), key=widths.__getitem__)
        full = [w for k, w in enumerate(widths[:-1]) if k != widest]
        if min(full) >= widths[-1] and widths[widest] - max(full + widths[-1:]) >= _WIDER:
            return f"a {role} cell's {_WIDER_DOUBT}"
    return None


_WIDER_DOUBT = "line is wider than the cell's others"

#: How many places (a Chinese character two) wider than a cell's other full lines a line
#: must print to hold another cell's text: more than a wrap's one character of slack.
_WIDER = 4


def _target_text(cells: dict[str, str]) -> str | None:
    """The row's 目标值: a header that splits it into operator, value and unit columns
    prints one text in three cells."""
    if "target.value" in cells:
        return "".join(cells.get(p) or "" for p in ("target.op", "target.value", "target.unit"))
    return cells.get("target")


def _cells_doubt(cells: dict[str, str], target: str | None) -> str | None:
    """Why the row's cells cannot be kept as read, None when they can: a cell that must
    hold text is empty, one that must hold a number does not, or one holds what no such
    cell holds (a name of one character, a reason that is a bare number)."""
    if not cells.get("level3") or level_label(cells["level3"]) is not None:
        return "no level-3 name"
    if _SIGN_AFTER_SPACE.search(cells["level3"]):
        # a target run into the name one space on (无害化 ≥90% 92%): no name's own line
        # holds a comparison sign after a space
        return "its level-3 name holds a target's sign one space on"
    if _ONE_HAN.fullmatch("".join(cells["level3"].split())):
        # no indicator is named by one character: its name's other lines were read
        # elsewhere (服务对象满意 / 度, the first line given to the page before's row)
        return "its level-3 name is one character"
    if cells.get("weight") and not is_number(cells["weight"]):
        if not unscored_cells(cells.get("weight"), cells.get("score")):
            return "its 分值 is no number"
    if "weight" in cells and not cells["weight"]:
        # a scored row prints its 分值: its number may have run into a neighbour's text
        # (示范主体满意度 10)
        return "its 分值 is empty"
    if "actual" in cells and bool(target) != bool(cells["actual"]):
        # one of two neighbour cells empty: its text may have drifted into the other's place
        return "its target or its actual value is empty"
    if _PLAIN_NUMBER.fullmatch(cells.get("deviation") or ""):
        # a reason is words, never a bare number: the row's numbers stand a column right
        # of their header's names (a cramped header centred off its cells)
        return "its deviation is a bare number"
    return None


_PLAIN_NUMBER = regex.compile(PLAIN_NUMBER)
_ONE_HAN = regex.compile(r"\p{Han}")
_SIGN_AFTER_SPACE = regex.compile(rf"\s(?:{COMPARISON_SIGN})")


def total_line(text: str) -> tuple[str, str | None] | tuple[()] | None:
    """A total line (总分 100 97.9, letter-spaced 总   分 too, a grade after): (weight, score);
    () when it does not print two plain numbers (a lone number may be either column's, or
    both run together at a coarse pitch: 10099.81); None when the line is no total line."""
    words = text.split()
    k = 0
    while k < len(words) and not is_number(words[k]):
        k += 1
    if not k or not _TOTAL.match(label_key("".join(words[:k]))):
        return None
    nums = words[k:]
    if total_grade(text):
        nums = nums[:-1]
    if len(nums) == 2 and all(is_number(n) for n in nums):
        return (nums[0], nums[1])
    return ()


def total_grade(text: str) -> str | None:
    """The grade a total line prints after its two numbers (总分 100 96 优), else None."""
    words = text.split()
    if len(words) >= 4 and GRADE_WORDS.match(words[-1]) and all(map(is_number, words[-3:-1])):
        return words[-1]
    return None


def _note(message: str) -> Note:
    return Note("unplaced-cell", f"-layout grid: {message}", section="indicators")


def is_layout_header(text: str) -> bool:
    return "三级指标" in label_key(text) or "指标名称" in label_key(text)


_ALL_NAMES = [n for names in INDICATOR_NAMES.values() for n in names] + list(GRID_GROUP_NAMES)


def _header_fragment(text: str) -> bool:
    key = label_key(text)
    if not key:
        return False
    if any(key in name for name in _ALL_NAMES) or POINTS_RE.fullmatch(key):
        return True
    roles, rest = GRID_COLUMNS.consume(key)
    return bool(roles) and (not rest or any(rest in name for name in _ALL_NAMES))


def _glued(text: str) -> bool:
    """Two header fragments printed as one word (效标: a group's 效, a wrapped name's 标)."""
    return any(is_name_piece(text[:k]) and is_name_piece(text[k:]) for k in range(1, len(text)))


def header_block(lines: list[DumpLine], at: int, floor: int = 0) -> tuple[int, int]:
    """The header's lines around ``lines[at]`` (which names 三级指标): [start, end), on its
    page (a page may end with the header printed again, a page's top start with it), none
    before ``floor`` (the end of the header before) and none printing a name again."""

    names: set[str] = {label_key(t.text) for t in tokens(lines[at].text, at)}
    left = min((t.x0 for t in tokens(lines[at].text, at) if is_name_piece(t.text)), default=0)

    def fragment_line(k: int) -> bool:
        if lines[k].page != lines[at].page:
            return False
        toks = tokens(lines[k].text, k)
        if toks and is_menu_item(toks[0], left):
            toks = toks[1:]  # (a web page's menu beside the grid: 通知公告)
        if not toks or not all(_header_fragment(t.text) or _glued(t.text) for t in toks):
            return False
        # (a name printed again is the next header's: 一级指 / 偏差原因分析及改进措)
        keys = {label_key(t.text) for t in toks}
        if any(len(key) > 2 and key in names for key in keys):
            return False
        names.update(keys)
        return True

    start = at
    while start - 1 >= floor and at - start < 4 and fragment_line(start - 1):
        start -= 1

    def menu_only(k: int) -> bool:
        toks = tokens(lines[k].text, k)
        return len(toks) == 1 and is_menu_item(toks[0], left)

    end = at + 1
    while end < len(lines) and end - at < 4:
        if fragment_line(end):
            end += 1
        elif menu_only(end) and end + 1 < len(lines) and fragment_line(end + 1):
            end += 2  # (a line of the menu alone, the header going on below it)
        else:
            break
    return start, end


def read_layout_form_grid(lines: list[DumpLine]) -> LayoutGrid | None:
    """The grid of one form's -layout lines, or None when no grid header is found.

    A page may print the header again, at other positions: each header's columns hold for
    the lines after it, up to the next header. Where a page's joint cut of rows left a tie
    (layout_joint), the grid is read again knowing the level-3 names its pages print whole."""
    names: set[str] = set()
    got = _read_form_grid(lines, frozenset(), names)
    if got is None or not got.name_tie or not names:
        return got
    return _read_form_grid(lines, frozenset(names), set())


def _read_form_grid(
    lines: list[DumpLine], known: frozenset[str], names: set[str]
) -> LayoutGrid | None:
    """``read_layout_form_grid`` with the names ``known``, adding the names its pages print
    whole to ``names``."""
    sections = _header_sections(lines)
    if sections is None:
        return None
    result = LayoutGrid()
    wrap_widths: set[int] = set()  # of the heads of 得分 wrapped in their rows (layout_rest)
    foot: Foot = {}  # the last lines of the page before's last row (layout_rest)
    last_ok = False  # the previous page was read, and its last row kept
    reference: BandRoles | None = None
    pages: list[PageLevels] = []
    for n, (header, page_lines, own_header) in enumerate(_pages(sections)):
        got = read_layout_grid(
            page_lines,
            header,
            continued=n > 0,
            own_header=own_header,
            reference=reference,
            names=known,
        )
        if own_header and not got.indicators:
            # the header's names stand far from their columns' text (a header of Chinese
            # names crowded into fewer places than they print over): the order of the
            # page's blocks places its text (layout_pages), when it reads rows the header
            # did not (else the header's reading stands, with its notes why)
            again = read_layout_grid(
                page_lines, header, continued=n > 0, own_header=False, order=True, names=known
            )
            if again.by_bands and (bool(again.indicators) or _no_anchors(got)):
                got = again
        if own_header:
            reference = got.bands
        # -layout spaces each page on its own: a page that prints no header of its own is
        # read with the last header's columns only when all of it fits them without a doubt,
        # or by the header page's bands when its own follow one another alike
        ok = own_header or got.by_bands or (not got.notes and bool(got.indicators))
        if not ok:
            # else by the order of its own cells' blocks (layout_pages)
            got = read_layout_grid(
                page_lines, header, continued=n > 0, own_header=False, order=True, names=known
            )
            ok = got.by_bands
        if not ok:
            result.notes.append(
                _note(
                    "a page without the grid's header does not fit its columns; its rows are left out"
                )
            )
            got.indicators, got.lead_orphan = [], True
        wrap_widths |= got.wrap_widths
        names |= got.names
        result.name_tie = result.name_tie or got.name_tie
        if (got.lead_orphan or not ok) and last_ok and result.indicators:
            # the previous page's last row may go on here: its cells are not whole; joined
            # with its rest when that is certain (layout_rest), else left out
            rest = got.rest if ok else None
            if rest is None or not join_rest(result.indicators[-1], rest, wrap_widths, foot):
                cut_row = result.indicators.pop()
                pages[-1].rows.remove(cut_row)
                result.open_rows.pop(id(cut_row), None)
                result.notes.append(_note("a row cut by a page break; left out"))
            else:
                pages[-1].last_cut = True  # (its rest joined: its cells cross the break)
            if rest is not None and pages[-1].last_cut and {"level1", "level2"} & set(rest):
                # (its label joined over the break: open no more when every level is known)
                cut_row = result.indicators[-1]
                if all(getattr(cut_row, level).text for level in pages[-1].printed):
                    result.open_rows.pop(id(cut_row), None)
        pages.append(
            PageLevels(
                got.indicators,
                got.printed if ok else {},
                got.heads,
                got.tails,
                ok and got.tops,
                got.anchors,
                got.reread if ok else None,
                ok and got.first_kept,
                got.indicators[-1] if ok and got.last_kept and got.indicators else None,
            )
        )
        pages[-1].last_top = ok and got.last_top
        pages[-1].centring = got.centring if ok else {}
        result.open_rows.update(got.open_rows if ok else {})
        result.indicators += got.indicators
        result.notes += got.notes
        # (a last row already left out needs leaving out no more)
        last_ok = ok and got.last_kept
        foot = got.foot
        if got.closed:
            result.total, result.grade, result.closed = got.total, got.grade, True
            break
    _settle_open_rows(result, pages)
    if not result.closed:
        totals = (t for t in (total_line(line.text) for line in lines) if t is not None)
        total = next(totals, None)
        if total is not None:
            result.total, result.closed = total or None, True
    return result


def _no_anchors(got: LayoutGrid) -> bool:
    """Did the grid's reading find no 得分 to anchor its rows on?"""
    return any(n.message.endswith("no row anchors (得分) found in the grid") for n in got.notes)


def _settle_open_rows(result: LayoutGrid, pages: list[PageLevels]) -> None:
    """The rows whose level labels no page told alone, settled over the grid's pages
    (``layout_levels``); those still open are left out with their notes."""
    levels = sorted({level for page in pages for level in page.printed})
    still = set(result.open_rows)
    settle_levels(pages, still, levels)
    result.notes += [
        _note(f"{result.open_rows[k]}; left out") for k in result.open_rows if k in still
    ]
    result.indicators = [r for r in result.indicators if id(r) not in still]


_Section = tuple[list[DumpLine], list[DumpLine]]


def _header_sections(lines: list[DumpLine]) -> list[_Section] | None:
    """(header lines, body lines) for each grid header printed, None when there is none."""
    at = next((k for k, line in enumerate(lines) if is_layout_header(line.text)), None)
    if at is None:
        return None
    start, end = header_block(lines, at)
    sections: list[_Section] = [(lines[start:end], [])]
    k = end
    while k < len(lines):
        if is_layout_header(lines[k].text):
            s, e = header_block(lines, k, end)
            end = e
            body = sections[-1][1]
            if k - s:
                del body[len(body) - (k - s) :]
            sections.append((lines[s:e], []))
            k = e
            continue
        sections[-1][1].append(lines[k])
        k += 1
    return sections


#: A page's footer that names its page (第 1 页，共 4 页; - 2 -): the page ends there.
_PAGE_END = regex.compile(r"^\s*(?:第\s*\d+\s*页.*|-\s*\d+\s*-)\s*$")


def _pages(sections: list[_Section]) -> list[tuple[list[DumpLine], list[DumpLine], bool]]:
    """(header, a page's body lines, whether the header is printed on that page). Pages end
    at form feeds and at page footers (a dump made without form feeds still prints them),
    alone on their line or after a label a wide gap before them (数量指标  第 1 页，共 2 页:
    a label centred on a block that crosses the break stands on the footer's line)."""
    pages = []
    for header, body in sections:
        parts: list[list[DumpLine]] = []
        for k, line in enumerate(body):
            above = body[k - 1].text if k else ""
            footer = _PAGE_END.match(above) or _FOOTER_AFTER.search(above)
            if not parts or line.page != body[k - 1].page or footer:
                parts.append([])
            parts[-1].append(line)
        for n, page_lines in enumerate(parts):
            pages.append((header, page_lines, n == 0))
    return pages
