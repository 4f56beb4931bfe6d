"""The numbers an audit works on, read once from the printed cells through normalize.

Rules never parse text themselves: they look at these facts (exact Decimals, parsed values,
taxonomy codes) and at the cells only to say where a finding is (page, row, field).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from selfeval.extract.record import Cell, Form, FundRow, Indicator, Note
from selfeval.normalize.apply import (
    NormalizedForm,
    NormalizedFund,
    NormalizedIndicator,
    normalize_form,
)
from selfeval.normalize.names import LevelMatch, NameMatch
from selfeval.normalize.numbers import is_placeholder, parse_decimal
from selfeval.normalize.text import squeeze
from selfeval.normalize.values import Value

TOTAL_ITEM = re.compile(r"总额|合计|总计|资金总|预算总")
SPLIT_HEADING = re.compile(r"^按.*分$")  # 按收入性质分 / 按支出性质分: a second breakdown follows
POINTS = re.compile(r"[(（]\s*([0-9０-９]+(?:\.[0-9]+)?)\s*分\s*[)）]")
DEPARTMENT_FORM = re.compile(r"部门整体|整体支出")


def blank(cell: Cell) -> bool:
    """Empty or a printed 'not applicable' mark: no content to speak of."""
    return is_placeholder(cell.text)


def text_key(text: str | None) -> str:
    """Text without whitespace and end punctuation, for comparing wordings."""
    return squeeze(text or "").strip("。.;；,，!！ ")


@dataclass
class RowFacts:
    """One indicator row: parsed weight/score/values and its level codes."""

    index: int
    row: Indicator
    weight: Decimal | None
    score: Decimal | None
    target: Value
    actual: Value
    names: NameMatch  # level 2 wins on disagreement (normalize.match_levels)
    printed1: LevelMatch  # the level-1 label alone, as printed
    reverse_hint: bool

    @property
    def scored(self) -> bool:
        """A row that carries points (weight or score printed); placeholders are not."""
        return self.weight is not None or self.score is not None

    @property
    def has_reason(self) -> bool:
        return not blank(self.row.deviation)

    def page(self, name: str) -> int | None:
        return page_of(self.row, name)


@dataclass
class FundFacts:
    index: int
    row: FundRow
    item: str
    budget_initial: Decimal | None
    budget_full: Decimal | None
    executed: Decimal | None
    weight: Decimal | None
    rate: Decimal | None
    score: Decimal | None

    def page(self, name: str) -> int | None:
        return page_of(self.row, name)

    @property
    def empty(self) -> bool:
        """No number at all: the block was not filled in, or not read."""
        return all(
            v is None
            for v in (self.budget_initial, self.budget_full, self.executed, self.weight, self.score)
        )

    def money(self, name: str) -> Decimal | None:
        """The amount in column ``name`` (budget_initial, budget_full, executed)."""
        amount: Decimal | None = getattr(self, name)
        return amount


@dataclass
class FormFacts:
    form: Form
    rows: list[RowFacts]
    funds: list[FundFacts]
    total_fund: FundFacts | None  # 年度资金总额 row
    budget_fund: FundFacts | None  # the row that carries 分值/得分 of 预算执行率
    sub_funds: list[FundFacts] = field(default_factory=list)  # 其中 rows under the total
    total_score: Decimal | None = None
    total_weight: Decimal | None = None

    @property
    def unplaced(self) -> int:
        """How many cells the reader could not place with certainty (see the form's notes)."""
        return sum(1 for note in self.form.notes if note.code == "unplaced-cell")

    @property
    def doubts(self) -> list[Note]:
        """The reader's doubts about its reading: reading.* notes and unplaced cells."""
        return [n for n in self.form.notes if n.code.startswith("reading.")]

    @property
    def doubted_rows(self) -> set[int]:
        """Indicator rows with a cell the reader doubts: no per-row rule may judge them (a
        doubt about a whole column, with no row, covers every row)."""
        about = [n for n in self.doubts if n.section == "indicator"]
        if any(n.row is None for n in about):
            return {r.index for r in self.rows}
        return {n.row for n in about if n.row is not None}

    @property
    def partial(self) -> bool:
        """Cut off, cells left unplaced or doubted: sums and "missing" checks would accuse the
        reader."""
        return not self.form.complete or self.unplaced > 0 or bool(self.doubts)

    @property
    def budget_unknown(self) -> bool:
        """A funds block whose total row holds no number: totals cannot be checked."""
        return self.total_fund is not None and self.total_fund.empty and self.budget_fund is None

    @property
    def scored_rows(self) -> list[RowFacts]:
        return [r for r in self.rows if r.scored]

    @property
    def file(self) -> str | None:
        value = self.form.source.get("file")
        return str(value) if value is not None else None

    @property
    def form_index(self) -> int | None:
        value = self.form.source.get("index")
        return int(value) if isinstance(value, int) else None

    @property
    def department_form(self) -> bool:
        return bool(DEPARTMENT_FORM.search(squeeze(self.form.title.text or "")))

    def form_page(self) -> int | None:
        """The page of the form's total row, else of its first printed cell."""
        for cell in (self.form.total.score, self.form.total.weight, self.form.title):
            if cell.page is not None:
                return cell.page
        pages = self.form.source.get("pages")
        if isinstance(pages, list) and pages and isinstance(pages[0], int):
            return pages[0]
        return None


def page_of(row: Indicator | FundRow, name: str) -> int | None:
    """The page of one cell of a row, else of any cell of it."""
    cell = getattr(row, name, None)
    if isinstance(cell, Cell) and cell.page is not None:
        return cell.page
    for value in vars(row).values():
        if isinstance(value, Cell) and value.page is not None:
            return value.page
    return None


def printed_points(level1_text: str | None) -> Decimal | None:
    """The points a level-1 label prints, '产出指标(50分)' -> 50, else None."""
    if not level1_text:
        return None
    m = POINTS.search(level1_text)
    return parse_decimal(m.group(1)) if m else None


def _row_facts(index: int, row: Indicator, typed: NormalizedIndicator) -> RowFacts:
    return RowFacts(
        index=index,
        row=row,
        weight=typed.weight,
        score=typed.score,
        target=typed.target,
        actual=typed.actual,
        names=typed.names,
        printed1=typed.printed1,
        reverse_hint=typed.reverse_hint,
    )


def _fund_facts(index: int, row: FundRow, typed: NormalizedFund) -> FundFacts:
    return FundFacts(
        index=index,
        row=row,
        item=squeeze(row.item.text or ""),
        budget_initial=typed.budget_initial,
        budget_full=typed.budget_full,
        executed=typed.executed,
        weight=typed.weight,
        rate=typed.rate,
        score=typed.score,
    )


def gather(form: Form, normalized: NormalizedForm | None = None) -> FormFacts:
    """The facts of ``form`` from normalize's typed result (computed here when not given)."""
    if normalized is None or len(normalized.indicators) != len(form.indicators):
        normalized = normalize_form(form)
    elif len(normalized.funds) != len(form.funds):
        normalized = normalize_form(form)
    pairs = zip(form.indicators, normalized.indicators, strict=True)
    rows = [_row_facts(i, r, t) for i, (r, t) in enumerate(pairs)]
    fund_pairs = zip(form.funds, normalized.funds, strict=True)
    funds = [_fund_facts(i, r, t) for i, (r, t) in enumerate(fund_pairs)]
    total_fund = next((f for f in funds if TOTAL_ITEM.search(f.item)), funds[0] if funds else None)
    weighted = [f for f in funds if f.weight is not None]
    budget_fund = total_fund if total_fund is not None and total_fund.weight is not None else None
    if budget_fund is None and weighted:
        budget_fund = weighted[0]
    subs = [f for f in funds if total_fund is not None and f.index > total_fund.index]
    return FormFacts(
        form=form,
        rows=rows,
        funds=funds,
        total_fund=total_fund,
        budget_fund=budget_fund,
        sub_funds=subs,
        total_score=normalized.total_score,
        total_weight=normalized.total_weight,
    )
