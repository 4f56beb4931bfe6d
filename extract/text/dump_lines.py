"""The lines of a dump as the reader sees them: page numbers, stacked vertical labels, forms.

pdftotext separates pages with a form feed; a label printed one character per line (年度总体目标,
绩效指标) comes out as a run of one-character lines. Both are structure, not cell text.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from selfeval.extract.vocabulary import (
    FUND_NAMES,
    FUNDS_BLOCK_NAMES,
    HEADER_NAMES,
    INDICATOR_NAMES,
    label_key,
    title_of,
)

#: Words only a form's own text holds (header labels, grid column names), not a headline.
FORM_WORDS = tuple(
    name
    for group in (*HEADER_NAMES.values(), INDICATOR_NAMES["level3"], INDICATOR_NAMES["score"])
    for name in group
    if len(name) >= 4 or name in ("得分",)
)
_SINGLE = regex.compile(r"^\s*\p{Han}\s*$")


@dataclass
class DumpLine:
    text: str
    no: int
    page: int | None  # 1-based page when the dump kept form feeds, else None
    vertical: str | None = None  # the whole stacked label this line is one character of


def dump_lines(text: str) -> list[DumpLine]:
    """Split a dump into lines, with pages from form feeds and stacked labels marked."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    has_pages = "\f" in text
    out: list[DumpLine] = []
    page = 1
    for no, raw in enumerate(text.split("\n")):
        while "\f" in raw:
            before, raw = raw.split("\f", 1)
            if before.strip():
                out.append(DumpLine(before, no, page if has_pages else None))
            page += 1
        out.append(DumpLine(raw, no, page if has_pages else None))
    _mark_vertical(out)
    return out


#: A page's number printed alone on a line at its foot or head: - 2 -, 第 1 页，共 4 页.
_PAGE_MARK = regex.compile(
    r"^\f?[ \t]*(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*[,，、]?\s*共\s*\d{1,3}\s*页)?"
    r"|共\s*\d{1,3}\s*页\s*[,，、]?\s*第\s*\d{1,3}\s*页)[ \t]*$"
)


_INDENT = regex.compile(r"^(\f?)([ \t]*)(?=\S)", regex.M)


def without_common_indent(text: str) -> str:
    """The text with the indent all its lines share taken off: a page that indents every
    line alike prints the same cells (a line's own indent is measured from the others')."""
    indents = [m.group(2) for m in _INDENT.finditer(text)]
    common = min(indents, key=len, default="")
    if not common or not all(i.startswith(common) for i in indents):
        return text
    return _INDENT.sub(lambda m: m.group(1) + m.group(2)[len(common) :], text)


def drop_page_marks(text: str) -> str:
    """The text without its page numbers: a page's foot is no cell of the form.

    A form feed on the mark's line stays (the page break is structure). A mark standing
    between two blank lines fills one gap between two paragraphs: one blank line goes with it.
    """
    lines = text.split("\n")
    out: list[str] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        if not _PAGE_MARK.match(line):
            out.append(line)
            k += 1
            continue
        if line.startswith("\f"):
            out.append("\f")
        blank_before = bool(out) and not out[-1].strip()
        k += 1
        if blank_before and k < len(lines) and not lines[k].strip() and "\f" not in lines[k]:
            k += 1
    return "\n".join(out)


def _mark_vertical(lines: list[DumpLine]) -> None:
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _SINGLE.match(lines[j].text):
            j += 1
        if j - i >= 3:
            label = "".join(line.text.strip() for line in lines[i:j])
            for line in lines[i:j]:
                line.vertical = label
            i = j
        else:
            i += 1


#: A site's prefix before a title on the same line (文档介绍:项目支出绩效自评表, 附件3:).
_PREFIX = regex.compile(r"^[^:：|]{1,12}[:：]\s*")
#: A site's navigation path before a title on the same line (当前位置：首页 > 信息公开 > ).
_BREADCRUMB = regex.compile(r"^(?:[^:：|>＞»]{1,12}[:：]\s*)?(?:[^|>＞»]{1,20}?\s*[>＞»]\s*)+")
#: The space a word processor puts between a number and Chinese text (2022 年度).
_AUTOSPACE = regex.compile(r"(?<=\d) (?=\p{Han})|(?<=\p{Han}) (?=\d)")
#: The year printed after a title: (2023年度), （2022年）.
_TITLE_YEAR = regex.compile(r"\s*[（(]\s*(?:19|20)\d\d\s*(?:年度?)?\s*[)）]\s*$")


def without_navigation(text: str) -> str:
    """A title line without the site's navigation path before it (its years are no form's)."""
    return _BREADCRUMB.sub("", text.strip(), count=1) or text


def title_text(text: str) -> str | None:
    """The printed title in a title line, or None when the line is no title.

    The line is one cell (no gap inside, once the web's ``|`` separators are taken off); it
    may start with a site's or an attachment's prefix (文档介绍:, 附件3:) and end with the
    year in brackets, both left out of the title. The vocabulary's title rule must read it
    as one that ends with the title (项目支出绩效自评表; not a web page's caption
    "2022年度项目支出绩效自评表(昌龙鸿运)" above the form)."""
    text = _AUTOSPACE.sub("", text.replace("|", " ").strip())
    text = without_navigation(text)
    if not text or len(text.split()) != 1 and not _TITLE_YEAR.search(text):
        return None
    for candidate in (_PREFIX.sub("", text, count=1), text):
        printed = _TITLE_YEAR.sub("", candidate)
        if len(printed.split()) != 1:
            continue
        title = title_of(printed)
        if title is not None and label_key(printed).endswith(title):
            return printed
    return None


def is_title(text: str) -> bool:
    """A line that is a form's title (see ``title_text``)."""
    return title_text(text) is not None


def _holds_form_text(lines: list[DumpLine]) -> bool:
    """Do a title's lines, up to the next title, hold a header label or a grid name? A page
    headline repeating the title holds none: it starts no form."""
    text = "".join(label_key(line.text) for line in lines[1:])
    return any(name in text for name in FORM_WORDS)


#: Labels only a form's head holds (项目名称, 主管部门, 预算资金, 年初预算数 ...): a new form
#: prints them.
_HEAD_WORDS = (
    *(name for group in HEADER_NAMES.values() for name in group if len(name) >= 4),
    *FUNDS_BLOCK_NAMES,
    *(name for group in FUND_NAMES.values() for name in group if len(name) >= 4),
)
#: A grid's total line (总分 100 93.5): the form's grid is closed.
_TOTAL_LINE = regex.compile(r"^\s*\|?\s*(?:总\s*分|合\s*计|总\s*计)(?=\s|$|\d|\|)")


def _running_title(lines: list[DumpLine], start: int, end: int, form_start: int) -> bool:
    """Is the title at ``start`` a running header of the form begun at ``form_start``: the
    first line of a page, the form's grid not closed yet by a total line, and no form head
    (header labels) after it before the next total line (a new form prints its head before
    its grid's total)?"""
    before = next((line for line in reversed(lines[:start]) if line.text.strip()), None)
    if lines[start].page is None or before is None or before.page == lines[start].page:
        return False
    if any(_TOTAL_LINE.match(line.text) for line in lines[form_start:start]):
        return False
    total = next((k for k in range(start, end) if _TOTAL_LINE.match(lines[k].text)), end)
    text = "".join(label_key(line.text) for line in lines[start + 1 : total])
    return not any(name in text for name in _HEAD_WORDS)


def split_forms(lines: list[DumpLine]) -> list[list[DumpLine]]:
    """One list of lines per form, each starting at its title line; a title followed by no
    form text before the next title (a page headline, a caption) starts none, nor does a
    title repeated at a page's head inside a form's grid (it is left out of the lines)."""
    starts = [k for k, line in enumerate(lines) if is_title(line.text)]
    running: set[int] = set()
    form_start = starts[0] if starts else 0
    for n in range(1, len(starts)):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        if _running_title(lines, starts[n], end, form_start):
            running.add(starts[n])
        else:
            form_start = starts[n]
    if running:
        lines = [line for k, line in enumerate(lines) if k not in running]
        starts = [k for k, line in enumerate(lines) if is_title(line.text)]
    bounds = list(zip(starts, starts[1:] + [len(lines)], strict=False))
    kept = [
        (s, e)
        for n, (s, e) in enumerate(bounds)
        if n == len(bounds) - 1 or _holds_form_text(lines[s:e])
    ]
    out = []
    for n, (s, _) in enumerate(kept):
        out.append(lines[s : kept[n + 1][0] if n + 1 < len(kept) else len(lines)])
    return out
