"""A -layout cell's lines stacked at one left edge around a row's line, given the column its
row's line leaves them.

A long text cell is printed left-aligned, all its lines from one left edge, and pdftotext may
draw the whole cell left, under the names' header (调解成功率不低于95%, / 有效预防和减少民间纠
/ 纷激化,… / 定 over and under 矛盾纠纷化解成效's line), where no column takes it for certain.
Such a stack of lines, a line or two apart, is one cell's; when it stands around exactly one
row's line (its 分值 and 得分), prints nothing on that line, and the row's name there and every
name's line around it end before the stack's edge (so the stack is neither left-aligned nor
centred with the name: none of the name's lines), its cell is that of the one column the row's
line leaves between the name and the first text right of the stack. A stack around no row's
line or around two, or any other column left there, or text in the names' column around it
off the name's places (a cell's lines overlap one another: the text is no line of the name's
and tells some other cell astray), stays in doubt (the row keeps its note).
"""

from __future__ import annotations

from typing import TypeVar

from selfeval.extract.text.layout_slabs import Lined
from selfeval.extract.text.web import is_number

T = TypeVar("T", bound=Lined)

#: How many lines apart two lines of one stacked cell may stand (every other line where
#: another column's lines print between them).
_STACK_GAP = 2


def place_stacks(by_col: dict[str, list[T]], roles: list[str], unsure: list[T]) -> None:
    """Give each stack of lines the column its row's line leaves it (see the module's doc),
    in place; what is placed leaves ``unsure``."""
    rank = {role: k for k, role in enumerate(roles)}
    if "level3" not in rank:
        return
    lines: dict[int, list[tuple[T, str]]] = {}
    for role, toks in by_col.items():
        for t in toks:
            lines.setdefault(t.line, []).append((t, role))
    for t in unsure:
        lines.setdefault(t.line, []).append((t, ""))
    anchors = [no for no, placed in lines.items() if _numbers_line(placed)]
    moves: list[tuple[T, str, str]] = []
    for stack in _stacks(lines):
        column = _stack_column(stack, lines, anchors, roles, rank)
        if column is not None:
            moves += [(t, role, column) for t, role in stack]
    for t, old, new in moves:
        if old:
            by_col[old] = [u for u in by_col[old] if u is not t]
        else:
            unsure[:] = [u for u in unsure if u is not t]
        by_col.setdefault(new, []).append(t)


def _numbers_line(placed: list[tuple[T, str]]) -> bool:
    """Does the line print a row's 分值 and 得分 in their columns?"""
    return all(
        any(role == want and is_number(t.text) for t, role in placed)
        for want in ("weight", "score")
    )


def _stacks(lines: dict[int, list[tuple[T, str]]]) -> list[list[tuple[T, str]]]:
    """Runs of two or more lines' texts no column took or the names' column took, starting
    at one place, a line or two apart, holding some text no column took."""
    by_edge: dict[int, list[tuple[T, str]]] = {}
    for placed in lines.values():
        for t, role in placed:
            if role in ("", "level3"):
                by_edge.setdefault(t.x0, []).append((t, role))
    out = []
    for run in by_edge.values():
        run.sort(key=lambda tr: tr[0].line)
        stack = [run[0]]
        for tr in run[1:]:
            if tr[0].line - stack[-1][0].line <= _STACK_GAP:
                stack.append(tr)
                continue
            out.append(stack)
            stack = [tr]
        out.append(stack)
    return [s for s in out if len(s) > 1 and any(not role for _, role in s)]


def _stack_column(
    stack: list[tuple[T, str]],
    lines: dict[int, list[tuple[T, str]]],
    anchors: list[int],
    roles: list[str],
    rank: dict[str, int],
) -> str | None:
    """The one column the row's line leaves the stack, else None."""
    top, bottom = stack[0][0].line, stack[-1][0].line
    edge = stack[0][0].x0
    inside = [no for no in anchors if top <= no <= bottom]
    if len(inside) != 1 or any(t.line == inside[0] for t, _ in stack):
        return None
    own = {id(t) for t, _ in stack}
    for no in range(top, bottom + 1):
        for t, role in lines.get(no, []):
            if id(t) in own:
                continue
            if t.x0 < edge and (t.x1 >= edge or role not in ("level1", "level2", "level3")):
                return None  # text reaching the stack, or text of no column beside it
            if t.x0 >= edge and (not role or t.x0 <= max(u.x1 for u, _ in stack)):
                return None  # text of no column, or text overlapping the stack's places
    row_line = sorted(lines[inside[0]], key=lambda tr: tr[0].x0)
    names = [t for t, role in row_line if role == "level3" and t.x1 < edge]
    if len(names) != 1:
        return None  # no name on the row's line left of the stack, or more text there
    name = names[0]
    for no in range(top, bottom + 1):
        for t, role in lines.get(no, []):
            if role == "level3" and id(t) not in own and not (t.x0 < name.x1 and name.x0 < t.x1):
                return None  # the names' column's text apart from the name's places
    right = [(t, role) for t, role in row_line if t.x0 >= edge]
    if not right or right[0][1] not in rank:
        return None
    between = roles[rank["level3"] + 1 : rank[right[0][1]]]
    return between[0] if len(between) == 1 else None
