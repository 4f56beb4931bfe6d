"""The indicator grid's header in a dump: which columns, in which order, and where it ends.

Templates name the same column many ways (年度指标值 / 指标值 / 年初目标值(A); 分值 / 权重 ...); the
header is read name by name (extract.text.column_names), with the names and roles of
extract.vocabulary's INDICATOR_NAMES: target.op (指标性质), target / target.value (指标值) and
target.unit (度量单位) are the parts of the one target a row prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from selfeval.extract.text.column_names import ColumnNames
from selfeval.extract.vocabulary import INDICATOR_NAMES

#: The grid's column names by role, as the vocabulary lists them.
GRID_COLUMNS = ColumnNames(INDICATOR_NAMES)
#: Read grid header names off a text: (roles, leftover); is a text the start of a name?
consume = GRID_COLUMNS.consume
is_partial_name = GRID_COLUMNS.is_partial


@dataclass(frozen=True)
class GridHeader:
    roles: tuple[str, ...]

    @property
    def text_roles(self) -> tuple[str, ...]:
        """The columns between the level-3 name and the weight (target, actual, ...)."""
        roles = list(self.roles)
        start = roles.index("level3") + 1
        return tuple(r for r in roles[start:] if r not in ("weight", "score", "deviation"))

    @property
    def weight_first(self) -> bool:
        """Family B: 分值 right after the level-3 name, before the values; 得分 after them."""
        roles = list(self.roles)
        return (
            "weight" in roles
            and "level3" in roles
            and (roles.index("weight") == roles.index("level3") + 1)
        )

    @property
    def supported(self) -> bool:
        """Weight and score side by side after every text column (families A and C), or the
        weight first and the score after the values (family B).

        The deviation column must have been seen too: without it, its text would be taken
        for something else.
        """
        roles = list(self.roles)
        if not {"level3", "weight", "score", "deviation"} <= set(roles):
            return False
        w, s = roles.index("weight"), roles.index("score")
        text = [roles.index(r) for r in self.text_roles]
        if self.weight_first:
            return bool(text) and max(text) < s and roles.index("deviation") > s
        return s == w + 1 and all(k < w for k in text)
