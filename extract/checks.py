"""Structural cross-checks of a reading: what a reader lost shows up as a doubt, never as data.

Every reader (PDF, text dump, the originals to come) runs these on each form it assembled. A
grid whose column most rows fill but one row leaves blank, or whose label column leaves a row
without a label, was probably misread there (a lost column, a label the page did not show):
the form gets a ``reading.*`` note naming the page, row and field, so the audit checks no sum
over it and blames no row for it. The checks never change a cell.

Damage is caught cell by cell too: a cell holding a glyph without a Unicode mapping (``(cid:N)``,
U+FFFD, private-use code points, control characters, a mathematical sign no form prints) is
``reading.garbled``; a run of rows
printed twice (a duplicated page) is ``reading.repeated-rows``; a page inside a form that holds
no text (an image-only or blank page) is ``reading.page-missing`` and the form incomplete.
So is a PDF form whose rows' 分值 fall short of its 总分 row's by more than any one row weighs
(a page dropped without a trace), and the forms on a page whose streams do not decode or that
the document's structure still names (``note_damaged_pages``, found by ``extract.pdf.damage``).
A page without text outside every form (a scanned page of a bundle) is named on the nearest
form, which stays complete. Rows repeat by their own cells, not the labels carried onto them.
A funds breakdown (其中…) that never reaches its closing 其他资金 line lost a line
(``reading.missing-row``): every template prints it, even empty. A level-3 name holding an
item's opening mark (★, 指标N:) past its start was put together out of order
(``reading.out-of-order``, the form incomplete).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal

from selfeval.extract.record import (
    FUND_FIELDS,
    GOAL_FIELDS,
    HEADER_FIELDS,
    INDICATOR_FIELDS,
    TOTAL_FIELDS,
    Cell,
    Form,
    Indicator,
    Note,
)
from selfeval.extract.vocabulary import (
    FUND_BREAKDOWN_LAST,
    FUND_BREAKDOWN_START,
    LEVEL2_ALSO_UNDER,
    LEVEL2_PARENT,
    POINTS,
    label_key,
)

#: The cells every scored row prints; a row leaving one blank while most rows fill it is a doubt.
SCORED_CELLS = ("target", "actual", "weight", "score")
LABEL_CELLS = ("level1", "level2")
_PLACEHOLDER = "….·。—-－ "


def check_reading(form: Form) -> None:
    """Add a ``reading.*`` note for every cell a reader probably lost or garbled."""
    _garbled_cells(form)
    _repeated_rows(form)
    _open_breakdown(form)
    _heads_inside_names(form)
    rows = [(i, r) for i, r in enumerate(form.indicators) if _scored(r)]
    if not rows:
        form.complete = False
        form.notes.append(Note("reading.no-rows", "未读到任何绩效指标行", section="indicator"))
        return
    for name in SCORED_CELLS:
        _column_gaps(form, rows, name, "reading.missing-cell", "此行此列为空，而该列多数行有值")
    for name in LABEL_CELLS:
        _column_gaps(form, rows, name, "reading.missing-label", "此行没有读到指标名称")
    _lost_level1(form, rows)
    _nameless_rows(form)
    _level_pairs(form, rows)


_POINTS = re.compile(POINTS + "$")
#: Older templates put satisfaction under 效益指标; that pairing is printed, not misread.
_SATISFACTION_UNDER_BENEFIT = ("满意度指标", "效益指标")


def _open_breakdown(form: Form) -> None:
    """A funds breakdown (其中：…) that never reaches its closing 其他资金 line lost a line: every
    template prints that line, even empty, so that the parts add up to the total. In a text dump
    an empty line is just its label, and a label lost leaves no other trace. So did one that
    closes with 其他资金 but never opened (其中：当年财政拨款 lost): every template opens it."""
    items = [label_key(f.item.text or "") for f in form.funds]
    opened = any(FUND_BREAKDOWN_START.match(i) for i in items)
    closed = [k for k, i in enumerate(items) if FUND_BREAKDOWN_LAST.match(i)]
    if opened == bool(closed):
        return
    form.complete = False
    if opened:
        message, row = (
            "资金明细（其中…）没有读到结尾的“其他资金”行，各模板都印有此行：可能漏读了一行",
            -1,
        )
    else:  # the breakdown's first line (其中：当年财政拨款) lost: 其他资金 closes nothing
        message, row = (
            "资金明细有“其他资金”行，却没有读到开头的“其中…”行：可能漏读了一行",
            closed[0],
        )
    row %= len(form.funds)
    form.notes.append(
        Note(
            "reading.missing-row",
            message,
            page=form.funds[row].item.page,
            section="funds",
            row=row,
            field="item",
        )
    )


#: The marks a level-3 name opens with: ★ (a core indicator) and its number (指标3:).
_ITEM_HEAD = re.compile(r"★|指标\s*\d+\s*[:：]")


def _heads_inside_names(form: Form) -> None:
    """A level-3 name holding an item's opening mark after Chinese text (``殖数量★补助家畜家禽养``,
    ``指标4:新建省级中心指标1:美丽宜居自然``): pieces of names put together out of order (lines
    of a dump shuffled). The rows around it may hold the other pieces, so the form is
    incomplete. A stray sign before the mark (``!指标5:``) is ``reading.garbled``'s."""
    for i, row in enumerate(form.indicators):
        name = (row.level3.text or "").strip()
        inside = [
            m.group() for m in _ITEM_HEAD.finditer(name) if _HAS_CJK.search(name, 0, m.start())
        ]
        if not inside:
            continue
        form.complete = False
        form.notes.append(
            Note(
                "reading.out-of-order",
                f"第 {i + 1} 行三级指标「{name}」中间出现指标开头的标记（{inside[0]}）："
                "名称可能由错序的片段拼成，相邻行也可能读错",
                page=row.level3.page,
                text=row.level3.text,
                section="indicator",
                row=i,
                field="level3",
            )
        )


def _level_pairs(form: Form, rows: list[tuple[int, Indicator]]) -> None:
    """A level-2 name under a level-1 it never belongs to (社会效益指标 under 产出指标):
    a label carried to rows it does not cover, the usual trace of a label the page lost."""
    parents = set(LEVEL2_PARENT.values())
    for i, row in rows:
        level1 = _POINTS.sub("", label_key(row.level1.text))
        level2 = _POINTS.sub("", label_key(row.level2.text))
        parent = LEVEL2_PARENT.get(level2)
        if parent is None or level1 not in parents or level1 == parent:
            continue
        if level1 in LEVEL2_ALSO_UNDER.get(level2, ()) or (parent, level1) == (
            _SATISFACTION_UNDER_BENEFIT
        ):
            continue
        form.notes.append(
            Note(
                "reading.level-pair",
                f"第 {i + 1} 行：二级指标「{row.level2.text}」不属于一级指标「{row.level1.text}」"
                f"（应在「{parent}」下），一级指标可能读错",
                page=row.level1.page or row.level2.page,
                section="indicator",
                row=i,
                field="level1",
            )
        )


def _lost_level1(form: Form, rows: list[tuple[int, Indicator]]) -> None:
    """No 一级指标 on any row while most rows name their 二级指标: the level-1 column was lost
    (a damaged glyph map or stream), not a flat grid, which prints neither."""
    level1 = sum(1 for _, r in rows if r.level1.text is not None)
    level2 = sum(1 for _, r in rows if r.level2.text is not None)
    if level1 == 0 and level2 * 2 >= len(rows):
        form.notes.append(
            Note(
                "reading.missing-label",
                f"{len(rows)} 行都没有读到一级指标，而二级指标在：一级指标列可能漏读",
                page=rows[0][1].level3.page,
                section="indicator",
                field="level1",
            )
        )


def _nameless_rows(form: Form) -> None:
    """A row that prints its numbers but whose 三级指标 was not read: the name was lost."""
    for i, row in enumerate(form.indicators):
        if _scored(row) or row.level3.text is not None:
            continue
        if sum(getattr(row, name).text is not None for name in SCORED_CELLS) >= 3:
            page = next((getattr(row, n).page for n in SCORED_CELLS if getattr(row, n).page), None)
            form.notes.append(
                Note(
                    "reading.missing-label",
                    f"第 {i + 1} 行有指标值和分值，却没有读到三级指标名称，可能漏读",
                    page=page,
                    section="indicator",
                    row=i,
                    field="level3",
                )
            )


def _scored(row: Indicator) -> bool:
    """A row that names an indicator (not a blank or …… placeholder row)."""
    name = row.level3.text
    return name is not None and name.strip(_PLACEHOLDER) != ""


def _column_gaps(
    form: Form, rows: list[tuple[int, Indicator]], name: str, code: str, why: str
) -> None:
    filled = sum(1 for _, r in rows if getattr(r, name).text is not None)
    if filled == len(rows) or (name in LABEL_CELLS and filled == 0):
        return  # read whole, or a grid without that label column (flat 部门整体 grids)
    if filled * 2 < len(rows) and name in SCORED_CELLS:
        # every form fills these: a column read (nearly) blank was lost, or must be looked at
        form.notes.append(
            Note(
                code,
                f"{len(rows)} 行中只有 {filled} 行读到{_FIELD_NAMES[name]}：整列可能漏读",
                page=rows[0][1].level3.page,
                section="indicator",
                field=name,
            )
        )
        return
    for i, row in rows:
        if getattr(row, name).text is not None:
            continue
        page = next((c.page for c in (row.level3, row.target) if c.page is not None), None)
        form.notes.append(
            Note(
                code,
                f"第 {i + 1} 行「{row.level3.text}」{_FIELD_NAMES[name]}：{why}，可能漏读",
                page=page,
                section="indicator",
                row=i,
                field=name,
            )
        )


_FIELD_NAMES = {
    "level1": "一级指标",
    "level2": "二级指标",
    "target": "年度指标值",
    "actual": "实际完成值",
    "weight": "分值",
    "score": "得分",
}


#: A glyph the text layer could not map to Unicode: pdfminer's ``(cid:N)``, U+FFFD, private-use
#: code points (BMP and planes 15-16), C0/C1 controls other than tab and line breaks.
GARBLED = re.compile(
    r"\(cid:\d+\)|[\ufffd\ue000-\uf8ff\U000f0000-\U0010ffff"
    r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)


#: Glyphs a damaged map puts in the place of a Chinese character: Latin-1 and Latin Extended
#: letters and odd signs (© ® ™ € ˜ « ») next to a CJK character (``服务对#满意度``, ``}会效益``,
#: ``7ç访视``, ``©效指标``).
#: Signs forms print (× ÷ ° ± · ² ³ µ ‰ ¥ §) are not among them; ``#``, ``'`` and ``&`` count only
#: between two CJK characters (``1#楼`` is a building number).
_CJK = r"[\u3400-\u9fff\uf900-\ufaff]"
_ODD = r"[{}|\\^$@`¢¤¦¨©ª«¬®¯´¸º»¿À-ÖØ-öø-ɏ˜™€]"
STRAY = re.compile(rf"(?<={_CJK}){_ODD}|{_ODD}(?={_CJK})|(?<={_CJK})[#'&](?={_CJK})")


#: A Latin letter among a percentage's digits (``q00%``: a digit's byte with a bit flipped in a
#: text dump): no form prints one, and each character is clean on its own.
LETTER_IN_PERCENT = re.compile(r"(?<![A-Za-z])(?:\d[\d.]*[A-Za-z][\d.]*|[A-Za-z]\d[\d.]*)%")


def _flipped_spaces(text: str) -> list[str]:
    """An ASCII ! anywhere, or an ASCII " a cell never closes: a space of a text dump with a bit
    flipped (0x20 to 0x21 / 0x22: ``! 8例``, ``准"确率``). Forms print ！ and “ ” in Chinese text."""
    quote = ['"'] if text.count('"') % 2 else []
    return ["!"] * text.count("!") + quote + _flipped_breaks(text)


#: An ASCII * between two Chinese characters: a text dump's line break (0x0A) with a bit flipped
#: (0x2A) inside a wrapped cell (``协同创新交*流服务平台``). Forms print * only as a product in a
#: written-out formula, bracketed or with its = (``得分(20分*执行率)``, ``得分=分值*执行率``).
_STAR_IN_WORD = re.compile(rf"(?<={_CJK})\*(?={_CJK})")
_FORMULA = re.compile(r"[=＝]")


def _flipped_breaks(text: str) -> list[str]:
    """Each * inside a Chinese word of ``text`` that no formula explains."""
    if "*" not in text or _FORMULA.search(text):
        return []
    return [
        m.group() for m in _STAR_IN_WORD.finditer(text) if not _inside_brackets(text, m.start())
    ]


def _inside_brackets(text: str, at: int) -> bool:
    """True when an opening bracket before ``at`` is still open there."""
    depth = 0
    for ch in text[:at]:
        depth += ch in "(（"
        depth -= ch in ")）" and depth > 0
    return depth > 0


#: Signs no form prints in Chinese text: anywhere in a cell with CJK characters, a damaged map.
NEVER = re.compile(r"[˜™€©®Þþ¤¦¨¯´¸¿]")
_HAS_CJK = re.compile(_CJK)


#: The mathematical signs (Unicode category Sm) forms print: comparisons (≥ ≤ ≧ ≦ > < =, full
#: width too), ranges and sums (~ ± + × ÷ ≈ ≠), arrows, a tick (√), a ratio colon (∶) and the
#: table bar. Any other one among Chinese text is a damaged character (≥ with a bit flipped
#: reads ≅), never what the page shows.
FORM_MATH = frozenset("≥≤≧≦><=＞＜＝~～+＋±×÷≈≠→√∶|−")


def garbled(text: str | None) -> list[str]:
    """The unmapped or stray glyphs in ``text`` (empty when it is clean)."""
    if not text:
        return []
    found = LETTER_IN_PERCENT.findall(text) + _flipped_spaces(text)
    if _CLEAN.fullmatch(text):
        return found
    found += GARBLED.findall(text) + STRAY.findall(text) + _lone_brackets(text)
    if _HAS_CJK.search(text):
        found += [m.group() for m in NEVER.finditer(text) if not STRAY.match(text, m.start())]
        found += [
            m.group()
            for m in _MAYBE_MATH.finditer(text)
            if m.group() not in FORM_MATH
            and unicodedata.category(m.group()) == "Sm"
            and not STRAY.match(text, m.start())
            and not NEVER.match(text, m.start())
        ]
    return found


def _lone_brackets(text: str) -> list[str]:
    """Opening brackets the cell never closes, and closing ones it never opened that do not
    end an item's number (1）, 二) ...): a flipped byte in a text dump ("松材线虫病(普查面积"),
    or a piece of another cell. A form closes its brackets."""
    if not _BRACKET.search(text):
        return []
    opened: list[str] = []
    lone: list[str] = []
    for m in _BRACKET.finditer(text):
        if m.group() in "(（":
            opened.append(m.group())
        elif opened:
            opened.pop()
        elif not _ITEM_NUMBER.match(text, 0, m.end()) and not _ITEM_NUMBER_AFTER.search(
            text, 0, m.end()
        ):
            lone.append(m.group())
    return opened + lone


_BRACKET = re.compile(r"[()（）]")
#: A closing bracket that ends an item's number: 1）, 2), 一）, a), at the text's start or
#: after a line break, a space or a sentence's punctuation.
_ITEM_NUMBER = re.compile(r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3}|[A-Za-z])[)）]$")
_ITEM_NUMBER_AFTER = re.compile(
    r"[\s。；;，,：:](?:\d{1,2}|[一二三四五六七八九十]{1,3}|[A-Za-z])[)）]$"
)


#: Every character but those that are never a mathematical sign outside ``FORM_MATH`` (CJK
#: ideographs and punctuation, ASCII letters and digits, whitespace, full-width letters, digits
#: and punctuation up to ／): the few left are looked up one by one (a test checks the ranges).
NOT_MATH_RANGES = r"\u3400-\u9fff\uf900-\ufaff\u3000-\u303f0-9A-Za-z\s\uff01-\uff0f\uff10-\uff5a"
_MAYBE_MATH = re.compile(f"[^{NOT_MATH_RANGES}]")
#: Characters none of the checks above can find: most cells hold nothing else and are passed
#: at once (a test checks every character of the class against the patterns).
CLEAN_CHARS = (
    r"\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff07\uff0a-\uff5a0-9A-Za-z \t\n\r"
    r"!\"*+,\-./:;<=>?\[\]_~%“”‘’…—·"
)
_CLEAN = re.compile(f"[{CLEAN_CHARS}]*")


def form_cells(form: Form) -> Iterator[tuple[str, int | None, str, Cell]]:
    """Every cell of the form as ``(section, row, field, cell)``."""
    for name in (*HEADER_FIELDS, "grade", "remarks", "amount_unit"):
        yield "header", None, name, getattr(form, name)
    for i, fund in enumerate(form.funds):
        for name in FUND_FIELDS:
            yield "funds", i, name, getattr(fund, name)
    for name in GOAL_FIELDS:
        yield "goals", None, name, getattr(form.goals, name)
    for i, row in enumerate(form.indicators):
        for name in INDICATOR_FIELDS:
            yield "indicator", i, name, getattr(row, name)
    for name in TOTAL_FIELDS:
        yield "total", None, name, getattr(form.total, name)


def _garbled_cells(form: Form) -> None:
    """A note on each cell holding unmapped glyphs: its text is not what the page shows."""
    for section, row, name, cell in form_cells(form):
        bad = garbled(cell.text)
        if not bad:
            continue
        where = f"第 {row + 1} 行" if row is not None else ""
        sample = "".join(dict.fromkeys(repr(g)[1:-1] if len(g) == 1 else g for g in bad))
        form.notes.append(
            Note(
                "reading.garbled",
                f"{where}「{name}」含 {len(bad)} 个无法映射或多余的字形（{sample[:40]}）：该格文字不可信",
                page=cell.page,
                text=cell.text,
                section=section,
                row=row,
                field=name,
            )
        )


#: Rows printed twice in a row: a duplicated page. Fewer may repeat on a real form.
REPEAT_RUN = 3


#: A row's own cells: a page read twice repeats these, while the level labels carried down onto
#: the copy can differ (the copy's first rows take the labels of the page before it).
_OWN_CELLS = tuple(name for name in INDICATOR_FIELDS if name not in LABEL_CELLS)


def _row_key(row: Indicator) -> tuple[str | None, ...]:
    """What a repeated row repeats; empty for a row with nothing of its own to repeat (a
    template's blank 指标1： rows recur under every 二级指标)."""
    key = tuple(getattr(row, name).text for name in _OWN_CELLS)
    values = (row.target.text, row.actual.text, row.weight.text, row.score.text)
    return key if _scored(row) and any(values) else ()


def _repeated_rows(form: Form) -> None:
    """A run of at least REPEAT_RUN rows (their own cells equal) that repeats an earlier run:
    the same page read twice. Each repeated row gets a note."""
    rows = [_row_key(r) for r in form.indicators]
    n = len(rows)
    flagged: set[int] = set()
    for start in range(n):
        for earlier in range(start):
            length = 0
            while (
                start + length < n
                and earlier + length < start
                and rows[earlier + length] == rows[start + length]
                and any(rows[start + length])
            ):
                length += 1
            if length >= REPEAT_RUN:
                flagged.update(range(start, start + length))
                flagged.update(_page_neighbours(form.indicators, start, start + length))
                break
    for i in sorted(flagged):
        row = form.indicators[i]
        form.notes.append(
            Note(
                "reading.repeated-rows",
                f"第 {i + 1} 行「{row.level3.text}」与前面连续数行完全相同：页面可能重复",
                page=row.level3.page,
                section="indicator",
                row=i,
                field="level3",
            )
        )


def _page_neighbours(rows: list[Indicator], start: int, end: int) -> set[int]:
    """Rows a repeated page also spoils: the others on the repeated run's pages, and the row
    before them (a row cut by the page break is joined with the copy's first row)."""
    pages = {rows[i].level3.page for i in range(start, end)} - {None}
    near = {i for i, row in enumerate(rows) if row.level3.page in pages}
    first = min(near | {start})
    return near | ({first - 1} if first > 0 else set())


def form_pages(form: Form) -> set[int]:
    """The pages any cell of the form was read from."""
    return {cell.page for *_, cell in form_cells(form) if cell.page is not None}


def note_blank_pages(forms: list[Form], blank: list[int]) -> None:
    """For a PDF's forms, given its pages (1-based) that hold no text: inside a form's pages,
    or right after a form that ends without its total row, such a page (an image, or emptied)
    lost that form's rows. And a PDF form that ends without its total row (总分/合计) at all
    lost its last page (every form in a PDF prints one). A form whose rows' 分值 fall short of
    its 总分 row's by more than a row weighs, across pages, lost a page without a trace.
    Each way the form gets ``reading.page-missing`` and is marked incomplete."""
    for form in forms:
        if form.complete and form.indicators and _no_total(form):
            form.complete = False
            form.notes.append(
                Note(
                    "reading.page-missing",
                    "表格没有读到总分行：其后的页面可能缺失或损坏",
                    page=max(form_pages(form), default=None),
                    section="form",
                )
            )
    _note_blank(forms, blank)
    _note_weight_lost(forms)  # a form not doubted yet whose rows fall short of its total


def _note_blank(forms: list[Form], blank: list[int]) -> None:
    spans = [(form, form_pages(form)) for form in forms]
    starts = sorted(min(pages) for _, pages in spans if pages)
    for form, pages in spans:
        if not pages:
            continue
        first, last = min(pages), max(pages)
        following = next((s for s in starts if s > last), None)
        cut = _no_total(form)
        for page in blank:
            inside = first < page < last
            after = cut and page > last and (following is None or page < following)
            if inside or after:
                form.complete = False
                form.notes.append(
                    Note(
                        "reading.page-missing",
                        f"第 {page} 页没有文字（只有图片或为空）：此页上的行未读到",
                        page=page,
                        section="form",
                    )
                )
    _note_blank_between(spans, blank)


def _note_blank_between(spans: list[tuple[Form, set[int]]], blank: list[int]) -> None:
    """A page without text between or after whole forms may hold a whole form of its own (a
    scanned page in a bundle): nothing on it was read. The nearest form before it (else after
    it) says so; that form itself was read whole, so it stays complete."""
    placed = [(min(pages), max(pages), form) for form, pages in spans if pages]
    noted = {n.page for form, _ in spans for n in form.notes if n.code == "reading.page-missing"}
    for page in blank:
        if page in noted:
            continue
        before = [p for p in placed if p[1] < page]
        near = max(before, key=lambda p: p[1]) if before else None
        if near is None:
            near = min((p for p in placed if p[0] > page), key=lambda p: p[0], default=None)
        if near is None:
            continue
        near[2].notes.append(
            Note(
                "reading.page-missing",
                f"第 {page} 页没有文字（只有图片或为空）：此页若印有表格，未能读到",
                page=page,
                section="form",
            )
        )


_WEIGHT = re.compile(r"(\d+(?:\.\d+)?)分?")


def _weight(cell: Cell) -> Decimal | None:
    m = _WEIGHT.fullmatch(re.sub(r"\s+", "", cell.text or ""))
    return Decimal(m.group(1)) if m else None


def _note_weight_lost(forms: list[Form]) -> None:
    for form in forms:
        if form.complete and _weight_lost(form):
            form.complete = False
            pages = [r.level3.page for r in form.indicators if r.level3.page is not None]
            form.notes.append(
                Note(
                    "reading.page-missing",
                    "各行分值之和比总分行的分值少了不止一行的分值，而表格跨页：可能缺了一页",
                    page=max(pages, default=None),
                    section="form",
                )
            )


def _weight_lost(form: Form) -> bool:
    """The rows' 分值 (with the budget's) fall short of the 总分 row's by more than any one row
    weighs, and the rows cross a page: a page of rows is gone, not one number mistyped."""
    total = _weight(form.total.weight)
    weights = [w for r in form.indicators if (w := _weight(r.weight)) is not None]
    if total is None or not weights:
        return False
    budget = sum((w for f in form.funds if (w := _weight(f.weight)) is not None), Decimal(0))
    pages = {r.level3.page for r in form.indicators} - {None}
    return len(pages) > 1 and total - budget - sum(weights) > max(weights)


def _no_total(form: Form) -> bool:
    return form.total.score.text is None and form.total.weight.text is None


def note_damaged_pages(forms: list[Form], broken: list[int], dropped_after: list[int]) -> None:
    """Doubt the forms a damaged PDF page touches: ``broken`` pages (1-based) hold a stream that
    does not decode (their text may be cut or wrong: ``reading.garbled``); after each page of
    ``dropped_after`` (0: before the first) the document once had a page it no longer lists
    (``reading.page-missing``). A page no form was read from doubts the forms around it, whose
    rows or a whole form may have been on it. Either way the form is marked incomplete."""
    for page in broken:
        inside = _forms_touching(forms, page, page)
        for form in inside or _forms_around(forms, page):
            form.complete = False
            code, why = (
                ("reading.garbled", "文字可能不全或有误")
                if form in inside
                else ("reading.page-missing", "此页上的行或表格未读到")
            )
            form.notes.append(
                Note(
                    code,
                    f"第 {page} 页的内容或字体映射无法完整解码：{why}",
                    page=page,
                    section="form",
                )
            )
    for page in dropped_after:
        for form in _forms_touching(forms, page, page + 1) or _forms_around(forms, page + 1):
            form.complete = False
            form.notes.append(
                Note(
                    "reading.page-missing",
                    f"文档结构记录的一页已不在页面中（第 {page} 页之后）：该页上的行未读到",
                    page=page or None,
                    section="form",
                )
            )


def _forms_touching(forms: list[Form], first: int, last: int) -> list[Form]:
    out = []
    for form in forms:
        pages = form_pages(form)
        if pages and min(pages) <= last and max(pages) >= first:
            out.append(form)
    return out


def _forms_around(forms: list[Form], page: int) -> list[Form]:
    """The last form before ``page`` and the first after it."""
    spans = [(min(p), max(p), form) for form in forms if (p := form_pages(form))]
    before = [s for s in spans if s[1] < page]
    after = [s for s in spans if s[0] > page]
    out = [max(before, key=lambda s: s[1])[2]] if before else []
    return out + ([min(after, key=lambda s: s[0])[2]] if after else [])
