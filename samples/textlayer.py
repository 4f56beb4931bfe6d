"""Read a PDF's text layer per grid cell column, so golden strings can be found whole.

Side-by-side cells share baselines, so a plain page text interleaves their wrapped lines. Here
each character is filed under the pair of vertical rulings that enclose it at its height (the
cell's own left and right borders, merged cells included); each such column is read top to
bottom and page after page, so a row split over a page break reads as one string.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from pathlib import Path

import pdfplumber

WS = re.compile(r"\s+")


def squash(text: str) -> str:
    return WS.sub("", text)


def _lines(chars: list[dict]) -> list[list[dict]]:
    chars = sorted(chars, key=lambda c: (c["top"], c["x0"]))
    out: list[list[dict]] = []
    for c in chars:
        if out and abs(c["top"] - out[-1][0]["top"]) < 2.0:
            out[-1].append(c)
        else:
            out.append([c])
    return [sorted(line, key=lambda c: c["x0"]) for line in out]


def streams(path: Path, pages: list[int] | None = None) -> list[str]:
    """Whitespace-free texts: one per page (line by line) and one per ruled column band.

    ``pages`` (0-based) restricts the reading to those pages.
    """
    texts: list[str] = []
    bands: dict[tuple, list[str]] = defaultdict(list)
    with pdfplumber.open(path, pages=[i + 1 for i in pages] if pages is not None else None) as pdf:
        for page in pdf.pages:
            verticals = [e for e in page.edges if e["orientation"] == "v"]
            lines = _lines([c for c in page.chars if c["text"].strip()])
            texts.append("".join(c["text"] for line in lines for c in line))
            for line in lines:
                mid = (line[0]["top"] + line[0]["bottom"]) / 2
                xs = sorted(e["x0"] for e in verticals if e["top"] <= mid <= e["bottom"])
                for c in line:
                    cx = (c["x0"] + c["x1"]) / 2
                    i = bisect.bisect_left(xs, cx)
                    key = (round(xs[i - 1]) if i else None, round(xs[i]) if i < len(xs) else None)
                    bands[key].append(c["text"])
    return texts + ["".join(v) for v in bands.values()]


def golden_strings(form: dict) -> list[str]:
    """Every non-empty printed string a golden form holds (contract keys only)."""
    out = [form.get(k) for k in ("title", "year", "project_name", "department", "implementer")]
    out += [form.get("managers"), form.get("phone"), form.get("grade")]
    for row in form.get("funds") or []:
        out += list(row.values())
    out += list((form.get("goals") or {}).values())
    for row in form.get("indicators") or []:
        out += list(row.values())
    out += list((form.get("total") or {}).values())
    return [s for s in out if isinstance(s, str) and s.strip()]


def missing(path: Path, forms: list[dict]) -> list[str]:
    """Golden strings not found whole in any page or column stream of the PDF."""
    pool = streams(path)
    lost = []
    for form in forms:
        for s in golden_strings(form):
            if not any(squash(s) in text for text in pool):
                lost.append(s)
    return lost
