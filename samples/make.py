"""Regenerate the PDF sample corpus: ``python -m samples.make [--only SUBSTRING]``.

specs -> route sources (xlsx/docx via LibreOffice in one batch; drawn and HTML-table PDFs
directly) -> samples/pdf/<stem>.pdf with fixed dates -> pdftotext dumps (default, -raw, -layout, and
-layout variants of these and of ../shared/validation) -> golden/<stem>.json -> previews and
samples/INDEX.md; then the HTML originals printed by Chromium with CJK fonts
(samples.chromium_prints) and the office originals printed by LibreOffice
(samples.lo_prints).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from samples import chromium_prints, lo, lo_prints
from samples.index import write_index
from samples.model import Sample
from samples.pdfmeta import stabilise
from samples.poppler import dump_text
from samples.specs import ROOT, samples

PDF_DIR = ROOT / "samples" / "pdf"
DUMP_DIR = ROOT / "samples" / "dumps"
PREVIEW_DIR = ROOT / "samples" / "preview"
#: -layout dumps made with other pdftotext options, as hidden files may be: a fixed pitch of 3
#: points a character (other column offsets), and that without form feeds between pages.
VARIANT_DIR = ROOT / "samples" / "dumps_variants"
LAYOUT_VARIANTS = {
    "fixed3": ["-layout", "-fixed", "3"],
    "fixed3-nopgbrk": ["-layout", "-fixed", "3", "-nopgbrk"],
    "nopgbrk": ["-layout", "-nopgbrk"],
}
VALIDATION_PDFS = ROOT.parent / "shared" / "validation" / "pdf"
GOLDEN_DIR = ROOT / "golden"
PREVIEWS = {  # stem: page to show in the README
    "2021-beijing-keji-xiezuo-zhongxin-xlsx": 1,
    "2021-beijing-keji-xiezuo-zhongxin-docx": 3,
    "2024-sichuan-meishan-nongcun-gonglu-draw": 1,
}


def golden_text(sample: Sample) -> str:
    """The text of ``golden/<stem>.json`` for ``sample``: its forms' contract as JSON."""
    return json.dumps(sample.golden(), ensure_ascii=False, indent=2) + "\n"


def render(batch: list[Sample], work: Path) -> dict[str, Path]:
    """PDFs for ``batch``; office routes are converted together in one LibreOffice call."""
    from samples.routes import docx, draw, html, xlsx

    office: list[Path] = []
    out: dict[str, Path] = {}
    for s in batch:
        route = s.layout.route
        if route == "xlsx":
            office.append(xlsx.write(s, work))
        elif route == "docx":
            office.append(docx.write(s, work))
        elif route == "draw":
            out[s.stem] = draw.write(s, work)
        elif route == "html":
            out[s.stem] = html.write(s, work)
        else:
            raise ValueError(f"{s.stem}: unknown route {route}")
    for pdf in lo.to_pdf(office, work / "lo"):
        out[pdf.stem] = pdf
    return out


def dumps(pdf: Path, stem: str) -> None:
    for variant, args in (("default", []), ("raw", ["-raw"]), ("layout", ["-layout"])):
        dump_text(pdf, DUMP_DIR / f"{stem}.{variant}.txt", *args)


def layout_variants(pdf: Path, stem: str) -> None:
    """The -layout variants of one PDF: ``samples/dumps_variants/<variant>/<stem>.layout.txt``."""
    for variant, args in LAYOUT_VARIANTS.items():
        dump_text(pdf, VARIANT_DIR / variant / f"{stem}.layout.txt", *args)


def preview(pdf: Path, stem: str, page: int) -> None:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        page = min(page, len(doc.pages))
    base = PREVIEW_DIR / stem
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "50",
            "-gray",
            "-png",
            "-singlefile",
            "-f",
            str(page),
            "-l",
            str(page),
            str(pdf),
            str(base),
        ],
        check=True,
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--only", help="render only samples whose stem contains this")
    args = ap.parse_args(argv)
    every = samples()
    batch = [s for s in every if not args.only or args.only in s.stem]
    for d in (PDF_DIR, DUMP_DIR, PREVIEW_DIR):
        d.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="samples-") as tmp:
        pdfs = render(batch, Path(tmp))
        for s in batch:
            final = PDF_DIR / f"{s.stem}.pdf"
            shutil.copyfile(pdfs[s.stem], final)
            stabilise(final)
            dumps(final, s.stem)
            layout_variants(final, s.stem)
            (GOLDEN_DIR / f"{s.stem}.json").write_text(golden_text(s), encoding="utf-8")
            if s.stem in PREVIEWS:
                preview(final, s.stem, PREVIEWS[s.stem])
            print(f"{s.stem}: {final.stat().st_size // 1024} KB")
    for pdf in sorted(VALIDATION_PDFS.glob("*.pdf")):  # made outside: their variants too
        layout_variants(pdf, pdf.stem)
    chromium_prints.print_all()  # the HTML originals printed as Chromium prints with CJK fonts
    lo_prints.print_all()  # the office originals as LibreOffice prints them
    write_index(every, PDF_DIR, ROOT / "samples" / "INDEX.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
