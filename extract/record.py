"""The raw record of one self-evaluation form: every cell exactly as printed, plus where it was.

These types are the contract between readers (which fill them) and every later stage (which
only read them and attach their own results under other keys). ``Form.to_dict`` produces the
public JSON contract of DEVELOPERS.md; provenance, status and attachments from later stages sit
beside the contract keys and never replace them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar, Self, TypeVar

HEADER_FIELDS = ("title", "year", "project_name", "department", "implementer", "managers", "phone")
FUND_FIELDS = ("item", "budget_initial", "budget_full", "executed", "weight", "rate", "score")
GOAL_FIELDS = ("expected", "actual")
INDICATOR_FIELDS = (
    "level1",
    "level2",
    "level3",
    "target",
    "actual",
    "weight",
    "score",
    "deviation",
)
TOTAL_FIELDS = ("weight", "score")
_T = TypeVar("_T")

BBox = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class Cell:
    """One printed cell: its text (None when empty) and, where known, its page and bbox.

    ``page`` is 1-based; ``bbox`` is (x0, top, x1, bottom) in PDF points from the page's
    top-left, as pdfplumber reports it. ``ref`` names the cell in an original's own terms
    (``Sheet1!C12``, ``table 1 row 3 col 2``) where the reader read one.

    Frozen: a merged level cell carried down is the same object in every row it covers, so a
    change is made by ``Form.map_cells``, which gives each row the changed cell.
    """

    text: str | None = None
    page: int | None = None
    bbox: BBox | None = None
    ref: str | None = None

    def __post_init__(self) -> None:
        if self.text is not None and self.text.strip() == "":
            object.__setattr__(self, "text", None)  # frozen: the one normalisation at birth

    @property
    def empty(self) -> bool:
        return self.text is None

    def where(self) -> dict[str, Any] | None:
        """Provenance as plain data, or None when the reader could not tell."""
        bbox = self.bbox
        if bbox is None:
            if self.page is None and self.ref is None:
                return None
            out: dict[str, Any] = {"page": self.page}
        else:  # unrolled: a record's every cell asks this
            x0, top, x1, bottom = bbox
            out = {
                "page": self.page,
                "bbox": [round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2)],
            }
        if self.ref is not None:
            out["ref"] = self.ref
        return out

    @classmethod
    def from_where(cls, text: str | None, where: dict[str, Any] | None) -> Cell:
        if not where:
            return cls(text)
        bbox = where.get("bbox")
        return cls(text, where.get("page"), tuple(bbox) if bbox else None, where.get("ref"))


def _cells_to_dict(
    obj: object, fields: tuple[str, ...], prefix: str = ""
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Texts by field, and provenance keyed ``prefix + field`` (a form keys goals.*, total.*)."""
    values = {f: getattr(obj, f).text for f in fields}
    where = {prefix + f: w for f in fields if (w := getattr(obj, f).where())}
    return values, where


def _cells_from_dict(
    cls: type[_T],
    fields: tuple[str, ...],
    data: dict[str, Any],
    where: dict[str, Any],
    prefix: str = "",
) -> _T:
    return cls(**{f: Cell.from_where(data.get(f), where.get(prefix + f)) for f in fields})


def _cell_field() -> Any:
    return field(default_factory=Cell)


class _Row:
    """Shared by the row types: the contract values, their provenance, the normalized fields."""

    FIELDS: ClassVar[tuple[str, ...]] = ()
    normalized: dict[str, Any] | None

    def to_dict(self) -> dict[str, Any]:
        values, where = _cells_to_dict(self, self.FIELDS)
        if where:
            values["provenance"] = where
        if self.normalized is not None:
            values["normalized"] = self.normalized
        return values

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        row = _cells_from_dict(cls, cls.FIELDS, data, data.get("provenance") or {})
        row.normalized = data.get("normalized")
        return row


@dataclass
class FundRow(_Row):
    """One row of the 项目资金 block (年度资金总额, 其中:当年财政拨款, 上年结转资金, 其他资金...)."""

    FIELDS: ClassVar[tuple[str, ...]] = FUND_FIELDS
    item: Cell = _cell_field()
    budget_initial: Cell = _cell_field()
    budget_full: Cell = _cell_field()
    executed: Cell = _cell_field()
    weight: Cell = _cell_field()
    rate: Cell = _cell_field()
    score: Cell = _cell_field()
    normalized: dict[str, Any] | None = None


@dataclass
class Indicator(_Row):
    """One row of the indicator grid, level-1/level-2 carried down from their merged cells."""

    FIELDS: ClassVar[tuple[str, ...]] = INDICATOR_FIELDS
    level1: Cell = _cell_field()
    level2: Cell = _cell_field()
    level3: Cell = _cell_field()
    target: Cell = _cell_field()
    actual: Cell = _cell_field()
    weight: Cell = _cell_field()
    score: Cell = _cell_field()
    deviation: Cell = _cell_field()
    normalized: dict[str, Any] | None = None


@dataclass
class Goals:
    expected: Cell = _cell_field()
    actual: Cell = _cell_field()


@dataclass
class Total:
    weight: Cell = _cell_field()
    score: Cell = _cell_field()


@dataclass
class Note:
    """Something a reader wants the user to know about a form: an unplaced cell, a cut-off grid.

    ``code`` is stable (e.g. ``unplaced-cell``, ``incomplete``, ``reading.missing-cell``);
    ``text`` is the printed text concerned, if any; ``section``/``row``/``field`` name the
    cell a doubt is about (``row`` indexes form.indicators or form.funds, by ``section``).
    """

    code: str
    message: str
    page: int | None = None
    text: str | None = None
    section: str | None = None
    row: int | None = None
    field: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


#: The keys ``Form.to_dict`` writes itself; any other key is a later stage's attachment.
_FORM_KEYS = frozenset(HEADER_FIELDS) | {
    "funds",
    "goals",
    "indicators",
    "total",
    "grade",
    "remarks",
    "amount_unit",
    "provenance",
    "source",
    "complete",
    "notes",
}


@dataclass
class Form:
    """One self-evaluation form as printed. ``source`` says which file and which form in it."""

    title: Cell = _cell_field()
    year: Cell = _cell_field()
    project_name: Cell = _cell_field()
    department: Cell = _cell_field()
    implementer: Cell = _cell_field()
    managers: Cell = _cell_field()
    phone: Cell = _cell_field()
    funds: list[FundRow] = field(default_factory=list)
    goals: Goals = field(default_factory=Goals)
    indicators: list[Indicator] = field(default_factory=list)
    total: Total = field(default_factory=Total)
    grade: Cell = _cell_field()  # 自评等级, where the form prints one (not in every template)
    remarks: Cell = _cell_field()  # 其他需要说明事项 under the grid, where the form prints one
    # the money unit the funds block prints (项目资金（万元）, 单位：元): 元/万元/千元, else None
    amount_unit: Cell = _cell_field()
    source: dict[str, Any] = field(default_factory=dict)  # file, index, reader, engine, pages
    complete: bool = True
    notes: list[Note] = field(default_factory=list)
    attachments: dict[str, Any] = field(default_factory=dict)  # later stages' results

    def to_dict(self) -> dict[str, Any]:
        """The public JSON contract, then provenance, status and attachments beside it."""
        out, where = _cells_to_dict(self, HEADER_FIELDS)
        out["funds"] = [r.to_dict() for r in self.funds]
        out["goals"], goals_where = _cells_to_dict(self.goals, GOAL_FIELDS, "goals.")
        out["indicators"] = [r.to_dict() for r in self.indicators]
        out["total"], total_where = _cells_to_dict(self.total, TOTAL_FIELDS, "total.")
        where |= goals_where | total_where
        for name in ("grade", "remarks", "amount_unit"):
            cell = getattr(self, name)
            if cell.text is not None:
                out[name] = cell.text
                if w := cell.where():
                    where[name] = w
        if where:
            out["provenance"] = where
        out["source"] = dict(self.source)
        out["complete"] = self.complete
        out["notes"] = [n.to_dict() for n in self.notes]
        out.update(self.attachments)
        return out

    def map_cells(
        self, change: Callable[[Cell], Cell], done: dict[int, Cell] | None = None
    ) -> None:
        """Replace every cell by ``change(cell)``, called once per distinct cell (a carried-down
        cell is changed once and stays shared by the rows it covers). ``done`` (changed cells
        by ``id`` of the old) is shared by the calls for forms that may share cells."""
        done = {} if done is None else done

        def changed(cell: Cell) -> Cell:
            key = id(cell)
            if key not in done:
                done[key] = change(cell)
            return done[key]

        holders: list[tuple[Any, tuple[str, ...]]] = [
            (self, (*HEADER_FIELDS, "grade", "remarks", "amount_unit")),
            (self.goals, GOAL_FIELDS),
            (self.total, TOTAL_FIELDS),
            *((row, row.FIELDS) for row in [*self.funds, *self.indicators]),
        ]
        for holder, names in holders:
            for name in names:
                setattr(holder, name, changed(getattr(holder, name)))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Form:
        where = data.get("provenance") or {}
        form = _cells_from_dict(cls, HEADER_FIELDS, data, where)
        form.funds = [FundRow.from_dict(r) for r in data.get("funds") or []]
        form.goals = _cells_from_dict(Goals, GOAL_FIELDS, data.get("goals") or {}, where, "goals.")
        form.indicators = [Indicator.from_dict(r) for r in data.get("indicators") or []]
        form.total = _cells_from_dict(Total, TOTAL_FIELDS, data.get("total") or {}, where, "total.")
        form.grade = Cell.from_where(data.get("grade"), where.get("grade"))
        form.remarks = Cell.from_where(data.get("remarks"), where.get("remarks"))
        form.amount_unit = Cell.from_where(data.get("amount_unit"), where.get("amount_unit"))
        form.source = dict(data.get("source") or {})
        form.complete = bool(data.get("complete", True))
        form.notes = [Note(**n) for n in data.get("notes") or []]
        form.attachments = {k: v for k, v in data.items() if k not in _FORM_KEYS}
        return form


def contract_view(form: dict[str, Any]) -> dict[str, Any]:
    """Only the public contract keys of a form dict: what golden files hold and compare on."""
    out = {f: form.get(f) for f in HEADER_FIELDS}
    out["funds"] = [{f: r.get(f) for f in FUND_FIELDS} for r in form.get("funds") or []]
    goals = form.get("goals") or {}
    out["goals"] = {f: goals.get(f) for f in GOAL_FIELDS}
    out["indicators"] = [
        {f: r.get(f) for f in INDICATOR_FIELDS} for r in form.get("indicators") or []
    ]
    total = form.get("total") or {}
    out["total"] = {f: total.get(f) for f in TOTAL_FIELDS}
    if form.get("grade") is not None:
        out["grade"] = form["grade"]
    return out
