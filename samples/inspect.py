"""What a generated PDF looks like inside: rulings as lines or rectangles, fonts, split rows.

``python -m samples.inspect [stem ...]`` prints one line per PDF; INDEX.md uses ``facts``.
A row counts as split when one of its cells is not found whole on any single page but is found
once the pages are read as one stream (see samples.textlayer).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from samples.textlayer import squash, streams

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Facts:
    pages: int
    lines: int
    rects: int
    fonts: list[str]
    split_rows: int


def facts(path: Path) -> Facts:
    golden = json.loads((ROOT / "golden" / f"{path.stem}.json").read_text(encoding="utf-8"))
    with pdfplumber.open(path) as pdf:
        lines = sum(len(p.lines) for p in pdf.pages)
        rects = sum(len(p.rects) for p in pdf.pages)
        fonts = sorted({c["fontname"].split("+")[-1] for p in pdf.pages for c in p.chars})
        n = len(pdf.pages)
    split = 0
    if n > 1:
        # the streams of each page read on its own, so no cell can run on into the next page
        texts = [t for i in range(n) for t in streams(path, pages=[i])]
        for form in golden:
            for row in form["indicators"]:
                cells = [squash(v) for v in row.values() if isinstance(v, str)]
                if any(len(c) >= 4 and not any(c in t for t in texts) for c in cells):
                    split += 1
    return Facts(n, lines, rects, fonts, split)


def main(argv: list[str]) -> int:
    pdfs = sorted((ROOT / "samples" / "pdf").glob("*.pdf"))
    if argv:
        pdfs = [p for p in pdfs if any(a in p.stem for a in argv)]
    total = 0
    for p in pdfs:
        f = facts(p)
        total += f.split_rows
        print(
            f"{p.stem}: pages={f.pages} lines={f.lines} rects={f.rects} split_rows={f.split_rows} fonts={f.fonts}"
        )
    print(f"rows split over a page break: {total}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
