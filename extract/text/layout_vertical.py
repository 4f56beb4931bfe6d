"""Labels printed down the page in a -layout dump: a character (or two) a line.

A merged level cell too narrow for its label prints it a character a line (绩/效/指/标), and
pdftotext gives each character a line of its own; a group name so printed (绩效指标 with its
(90分) under it) names no column and is no level label. Read here, before the grid's columns
take the tokens (extract.text.columns), so that a stacked label is one token at its middle
line and a group name's pieces are not read as a level's labels.
"""

from __future__ import annotations

import regex

from selfeval.extract.text.layout_labels import points_only
from selfeval.extract.text.layout_rowcut import close_runs
from selfeval.extract.text.layout_tokens import LayoutColumn, Token, runs_of
from selfeval.extract.vocabulary import (
    GRID_GROUP_NAMES,
    GRID_HEADINGS,
    KNOWN_LEVEL_NAMES,
    label_key,
)

_HAN_CHAR = regex.compile(r"^\p{Han}$")


def stacked_labels(toks: list[Token]) -> list[Token]:
    """A label printed a character a line (绩/效/指/标) becomes one token at its middle line;
    a group name (绩效指标) that way names no column and is dropped."""
    toks = _unglued(toks)
    out, dropped = _fold_runs(toks, _char_runs(toks))
    dropped += _stacked_pairs(out)
    for run in dropped:
        tail = stacked_points(out, run) + run
        out = [t for t in out if not any(t is u for u in tail)]
    return sorted(out, key=lambda t: (t.line, t.x0))


def without_group_rest(heads: list[Token], toks: list[Token]) -> list[Token]:
    """The body's tokens without the rest of a group name stacked a character a line whose
    first characters stand on the header's lines (绩 beside 一级指标, then 效 / 指 / 标 at its
    place on the body's first lines): read alone, 效指标 would join a level's labels. The
    name's points stacked under it at its place ((90 / 分) under 绩 / 效 / 指 / 标, the whole
    name on the header's lines) go with it: read alone, they would be a level-1 label.
    ``heads``: the lone characters starting the header's lines."""
    if not heads:
        return toks
    place = heads[0].x0
    head = "".join(t.text for t in sorted(heads, key=lambda t: t.line))
    singles = sorted(
        (t for t in toks if _HAN_CHAR.match(t.text) and abs(t.x0 - place) <= 1),
        key=lambda t: t.line,
    )
    # (the body's lines count from 0: the header's last stands at -1)
    run = [Token("", -1, place, place + 1)]
    while label_key(head + "".join(u.text for u in run)) not in _GROUP_NAME_KEYS:
        if len(run) > len(singles) or singles[len(run) - 1].line - run[-1].line > 2:
            return toks
        run.append(singles[len(run) - 1])
    rest = run[1:] + stacked_points(toks, run[-1:])
    return [t for t in toks if not any(t is u for u in rest)]


_GROUP_NAME_KEYS = frozenset(label_key(name) for name in GRID_GROUP_NAMES)


def _unglued(toks: list[Token]) -> list[Token]:
    """Two stacks' characters glued at a line's start (产数 of 产 / 出 / 指 / 标 beside 数 /
    量 / 指 / 标: pdftotext prints characters closer than a word gap as one word): cut
    apart, each at its stack's place, when a line at most three away shows both stacks'
    single characters there (出 量, the second two places right of the first)."""
    singles = {(t.line, t.x0) for t in toks if _HAN_CHAR.match(t.text)}
    first = {t.line: t for t in sorted(toks, key=lambda t: -t.x0)}
    out: list[Token] = []
    pushed: dict[int, tuple[int, int]] = {}  # line -> (the last token's end, its shift)
    for t in sorted(toks, key=lambda t: (t.line, t.x0)):
        shown = any(
            (t.line + d, t.x0) in singles and (t.line + d, t.x0 + 2) in singles
            for d in (-3, -2, -1, 1, 2, 3)
        )
        if first[t.line] is t and _HAN_PAIR.match(t.text) and shown:
            out += [Token(t.text[0], t.line, t.x0, t.x0 + 1)]
            out += [Token(t.text[1], t.line, t.x0 + 2, t.x0 + 3)]
            pushed[t.line] = (t.x1, 1)
            continue
        end, shift = pushed.get(t.line, (0, 0))
        if shift and t.x0 == end + 1:
            # (a word a space after the glued pair stood where the pair's end set it: a
            # place further right now, and so the words a space after it)
            t = Token(t.text, t.line, t.x0 + shift, t.x1 + shift)
            pushed[t.line] = (t.x1 - shift, shift)
        else:
            pushed.pop(t.line, None)
        out.append(t)
    return out


def _char_runs(toks: list[Token]) -> list[list[Token]]:
    """The single characters stacked at one position on close lines, a run per label."""
    singles = sorted((t for t in toks if _HAN_CHAR.match(t.text)), key=lambda t: (t.x0, t.line))
    runs = runs_of(singles, lambda a, b: a.x0 == b.x0 and b.line - a.line <= 2)
    # a line between two characters is blank in a stacked group name only (绩/效/指/ /标)
    return [
        piece
        for run in runs
        for piece in (
            [run]
            if GRID_HEADINGS.match(label_key("".join(t.text for t in run)))
            else close_runs(run)
        )
    ]


def _fold_runs(toks: list[Token], runs: list[list[Token]]) -> tuple[list[Token], list[list[Token]]]:
    """The tokens with each run of three or more characters as one token at its middle
    line, and the runs that read as a group name (left out of the tokens)."""
    out = [t for t in toks if not _HAN_CHAR.match(t.text)]
    dropped: list[list[Token]] = []
    pieces: list[list[Token]] = []
    for run in runs:
        text = "".join(t.text for t in run)
        if len(run) >= 3 and GRID_HEADINGS.match(label_key(text)):
            dropped.append(run)
            continue
        cut = _labels_in(run) if len(run) >= 3 else [run]
        if pieces and len(cut[0]) < 3 and _completes(pieces[-1], cut[0]):
            pieces[-1] = pieces[-1] + cut[0]
            cut = cut[1:]
        pieces += cut
    for piece in pieces:
        if len(piece) < 3 and any(piece == run for run in runs):
            out += piece  # (a run too short to be a label's stack)
            continue
        if piece[-1].line - piece[0].line >= len(piece):
            middle = (piece[0].line + piece[-1].line + 1) // 2  # (a line or more apart)
        else:
            middle = piece[len(piece) // 2].line
        out.append(Token("".join(t.text for t in piece), middle, piece[0].x0, piece[0].x1))
    return out, dropped


def _completes(above: list[Token], below: list[Token]) -> bool:
    """Is ``below`` the end of the label ``above`` begins, its characters a few lines
    further down at the same place (a flat table's row label 产/出/指 / ... / 标, the row's
    cell between printing lines of its own): together a known level name, ``above`` a
    run's last piece and none alone?"""
    a = label_key("".join(t.text for t in above))
    b = label_key("".join(t.text for t in below))
    return (
        above[-1].x0 == below[0].x0
        and 0 < below[0].line - above[-1].line <= 4
        and a not in KNOWN_LEVEL_NAMES
        and b not in KNOWN_LEVEL_NAMES
        and len(above) >= 2
        and a + b in KNOWN_LEVEL_NAMES
    )


def _labels_in(run: list[Token]) -> list[list[Token]]:
    """A run's labels: the run itself, or, when it reads as several known level names one
    under the other (a flat table's rows each label their own: 产/出/指/标/产/出/指/标),
    those names, the first perhaps the end of one and the last the start of one (a page
    break cut them); taken only when the run is cut so in one way alone."""
    key = label_key("".join(t.text for t in run))
    if key in KNOWN_LEVEL_NAMES or len(run) < 4:
        return [run]
    texts = [t.text for t in run]
    cuts = _name_cuts(texts, 0, first=True)
    if len(cuts) != 1:
        return [run]
    pieces, start = [], 0
    for end in cuts[0]:
        pieces.append(run[start:end])
        start = end
    return pieces


def _name_cuts(texts: list[str], start: int, *, first: bool) -> list[list[int]]:
    """The ways to cut ``texts[start:]`` into known level names (the first piece perhaps a
    name's end, the last a name's start): each way the pieces' ends."""
    if start == len(texts):
        return [[]]
    out: list[list[int]] = []
    for end in range(start + 1, len(texts) + 1):
        key = "".join(texts[start:end])
        whole = key in KNOWN_LEVEL_NAMES
        tail = first and any(n.endswith(key) and n != key for n in KNOWN_LEVEL_NAMES)
        head = end == len(texts) and any(n.startswith(key) and n != key for n in KNOWN_LEVEL_NAMES)
        if whole or tail or head:
            out += [[end, *rest] for rest in _name_cuts(texts, end, first=False)]
        if len(out) > 1:
            break
    return out


def _stacked_pairs(toks: list[Token]) -> list[list[Token]]:
    """A group name printed two characters a line (绩效 / 指标), each piece starting its line
    at one position: runs of such pieces on consecutive lines that read as a grid heading."""
    pairs = sorted(
        (t for t in toks if len(t.text) == 2 and _HAN_PAIR.match(t.text)),
        key=lambda t: (t.x0, t.line),
    )
    runs = runs_of(pairs, lambda a, b: a.x0 == b.x0 and b.line - a.line == 1)
    return [
        run
        for run in runs
        if len(run) > 1 and GRID_HEADINGS.fullmatch(label_key("".join(t.text for t in run)))
    ]


_HAN_PAIR = regex.compile(r"^\p{Han}{2}$")


POINT_CHARS = frozenset("()（）0123456789.分")


def without_group_points(toks: list[Token], columns: list[LayoutColumn]) -> list[Token]:
    """``toks`` without the group name's points stacked in its column's place ((9 / 0 /
    分) under 绩/效/指/标, the name begun in the header): pieces of a weight at most a line
    apart there, reading as a whole (90分), no level label's."""
    drop: set[int] = set()
    for group in (c for c in columns if c.role is None):
        near = sorted(
            (
                t
                for t in toks
                if group.x0 - 1 <= t.x0
                and t.x1 <= group.x1 + 1
                and len(t.text) <= 3
                and set(t.text) <= POINT_CHARS
            ),
            key=lambda t: t.line,
        )
        runs = runs_of(near, lambda a, b: b.line - a.line <= 2)
        for run in runs:
            if len(run) > 1 and points_only("".join(t.text for t in run)):
                drop |= {id(t) for t in run}
    return [t for t in toks if id(t) not in drop]


def stacked_points(toks: list[Token], heading: list[Token]) -> list[Token]:
    """The group name's points stacked under it ((9 / 0 / 分 / ) under 绩/效/指/标): short
    pieces of a weight in the name's narrow column, reading as a whole (90分); else []."""
    below = sorted(
        (
            t
            for t in toks
            if abs(t.x0 - heading[0].x0) <= 1
            and t.line > heading[-1].line
            and len(t.text) <= 3
            and set(t.text) <= POINT_CHARS
        ),
        key=lambda t: t.line,
    )
    tail: list[Token] = []
    last = heading[-1].line
    for t in below:
        if t.line - last > 2:
            break
        tail.append(t)
        last = t.line
    return tail if tail and points_only("".join(t.text for t in tail)) else []
