"""The lines of a dump as the reader sees them: page numbers, stacked vertical labels, forms.

pdftotext separates pages with a form feed; a label printed one character per line (年度总体目标,
绩效指标) comes out as a run of one-character lines. Both are structure, not cell text.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extract.vocabulary import label_key, title_of

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


def is_title(text: str) -> bool:
    """A line that is a form's title: one cell (no gap inside) that the vocabulary's title
    rule reads as one and that ends with the title (项目支出绩效自评表; not a web page's
    caption "2022年度项目支出绩效自评表(昌龙鸿运)" above the form)."""
    if len(text.split()) != 1:
        return False
    title = title_of(text)
    return title is not None and label_key(text).endswith(title)


def split_forms(lines: list[DumpLine]) -> list[list[DumpLine]]:
    """One list of lines per form, each starting at its title line."""
    starts = [k for k, line in enumerate(lines) if is_title(line.text)]
    return [lines[s:e] for s, e in zip(starts, starts[1:] + [len(lines)], strict=False)]
