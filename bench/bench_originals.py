"""Originals: time per file next to time per PDF page of the same form, and rows exact.

For every file in samples/originals/ (workbooks, documents, web pages, archives), the best of
three warm reads; beside it the PDF made from the same sample (samples/pdf/<stem>.pdf, the
stem being the file name up to the first dot), read the same way, per page. Rows exact counts
indicator rows equal to the golden in every contract field. Then one line per input kind.
"""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path

import pdfplumber

import selfeval.extract as extract
from golden import golden_for
from golden.score import score_file
from selfeval.extract import Form

ROOT = Path(__file__).resolve().parent.parent
ORIGINALS = ROOT / "samples" / "originals"
PDFS = ROOT / "samples" / "pdf"
REPEAT = 3


def _best(path: Path) -> tuple[float, list[Form]]:
    best, forms = float("inf"), list[Form]()
    for _ in range(REPEAT):
        started = time.perf_counter()
        forms = extract.read(path)
        best = min(best, time.perf_counter() - started)
    return best, forms


def _exact_rows(forms: list[Form], golden: list[dict]) -> tuple[int, int]:
    s = score_file([f.to_dict() for f in forms], golden)
    return s.exact_rows, s.golden_rows


def _kind(path: Path) -> str:
    name = path.name
    if name.endswith(".html.xls"):
        return "html in .xls"
    if name.endswith(".gbk.html"):
        return "html gbk + chrome"
    return path.suffix.lstrip(".")


def run() -> str:
    files = sorted(p for p in ORIGINALS.iterdir() if p.is_file())
    if not files:
        raise SystemExit(f"no originals in {ORIGINALS}")
    extract.read(files[0])  # imports and first-use costs out of the figures
    lines = [
        f"{'original':62} {'ms/file':>8} {'rows':>9}   {'pdf ms/page':>11} {'pages':>5} {'ratio':>6}"
    ]
    kinds: dict[str, list[float]] = defaultdict(list)
    kind_rows: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    pdf_cache: dict[str, tuple[float, int]] = {}
    for path in files:
        took, forms = _best(path)
        exact, total = _exact_rows(forms, golden_for(path))
        stem = path.name.split(".", 1)[0]
        kind = _kind(path)
        kinds[kind].append(took)
        kind_rows[kind][0] += exact
        kind_rows[kind][1] += total
        pdf = PDFS / f"{stem}.pdf"
        pdf_part = ""
        if pdf.exists():
            if stem not in pdf_cache:
                with pdfplumber.open(pdf) as doc:
                    pages = len(doc.pages)
                pdf_took, _ = _best(pdf)
                pdf_cache[stem] = (pdf_took, pages)
            pdf_took, pages = pdf_cache[stem]
            per_page = pdf_took / pages
            pdf_part = f"{per_page * 1000:11.1f} {pages:5d} {per_page / took:6.1f}"
        lines.append(f"{path.name:62} {took * 1000:8.1f} {exact:>4}/{total:<4}   {pdf_part}")
    lines.append("")
    lines.append(f"{'kind':20} {'files':>5} {'rows exact':>11} {'ms/file mean':>13} {'max':>7}")
    for kind, times in sorted(kinds.items()):
        exact, total = kind_rows[kind]
        lines.append(
            f"{kind:20} {len(times):5d} {exact:>5}/{total:<5} {sum(times) / len(times) * 1000:13.1f}"
            f" {max(times) * 1000:7.1f}"
        )
    if pdf_cache:
        per_page = [t / p for t, p in pdf_cache.values()]
        lines.append(
            f"{'pdf (same samples)':20} {len(per_page):5d} {'':>11} "
            f"{sum(per_page) / len(per_page) * 1000:13.1f} ms/page"
        )
    return "\n".join(lines)
