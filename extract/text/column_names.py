"""Reading a table's column header off a dump: the names of its columns, in order.

Templates name a column many ways (年度指标值 / 年初目标值(A); 分值 / 权重; 全年预算数(A) ...) and a
dump may print a header cell wrapped over lines or one character a line, so a header's text is
read as one string, name by name, longest name first, with marks ((A), (B/A), (%)) dropped.
The names are the vocabulary's (extract.vocabulary): this module only gives them this shape.
"""

from __future__ import annotations

import regex

from selfeval.extract.vocabulary import MARK, longest_first

_MARK = regex.compile("^" + MARK)
_SPACE = regex.compile(r"\s+")


class ColumnNames:
    """The names of one kind of header, by the role (record field) each stands for."""

    def __init__(self, names: dict[str, tuple[str, ...]]) -> None:
        role_of = {name: role for role, group in names.items() for name in group}
        self._names = [(name, role_of[name]) for name in longest_first(role_of)]

    def consume(self, text: str) -> tuple[list[str], str]:
        """Read column names off the front of ``text``: (roles, what is left over).

        A leftover that only starts a longer name is a header cell cut by its wrap: it is left
        for the next line to complete.
        """
        rest = _SPACE.sub("", text)
        roles: list[str] = []
        while rest:
            if self.is_partial(rest) and not any(rest == name for name, _ in self._names):
                break
            for name, role in self._names:
                if rest.startswith(name):
                    roles.append(role)
                    rest = _MARK.sub("", rest[len(name) :])
                    break
            else:
                break
        return roles, rest

    def is_partial(self, text: str) -> bool:
        """Is ``text`` the start of some column name?"""
        return any(name.startswith(text) for name, _ in self._names)

    def is_piece(self, text: str) -> bool:
        """Is ``text`` some part of a column name (a wrapped name's line)?"""
        return any(text in name for name, _ in self._names)

    def role(self, text: str) -> str | None:
        """The role ``text`` names when it is exactly one column name (marks allowed)."""
        roles, rest = self.consume(text)
        return roles[0] if len(roles) == 1 and not rest else None


#: Letter-spacing a dump keeps between a label's characters (项 目 名 称), never a line break.
SPACED = r"[ \t\u3000]*"
_WIDTHS = {"(": "[（(]", ")": "[)）]", ":": "[:：]"}


def spaced(*names: str) -> str:
    """A pattern for any of the vocabulary's ``names`` as a dump prints it: perhaps
    letter-spaced, brackets of either width; the longest name is tried first."""
    return (
        "(?:"
        + "|".join(
            SPACED.join(_WIDTHS.get(ch) or regex.escape(ch) for ch in name)
            for name in longest_first(names)
        )
        + ")"
    )
