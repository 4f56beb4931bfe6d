"""-layout dumps of the office originals as LibreOffice prints them.

``python -m samples.lo_prints`` (needs LibreOffice and poppler-utils; run by
``samples.make``). Each office original of samples/originals (docx, xlsx, xls, ods: the
forms as offices keep them, in every variant the originals' reader takes) is printed by
LibreOffice headless, as ../shared/validation's real016_docx, real019_xlsx and seed_form
were, and dumped with ``-layout`` to ``samples/dumps_variants/libreoffice/<original>.layout.txt``
(the dots of a variant's suffix made dashes: ``x.numbers.xls`` -> ``x.numbers-xls``). Its
golden is the corpus golden of the form (``golden/<stem>.json``, the name before the first
dot). Calc prints a sheet's pages with their own column widths and centres a merged label on
its whole block, across page breaks: a level label whose block reaches several pages may
print on one of them only, at any line of its part there.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from samples.lo import to_pdf
from samples.poppler import dump_text
from samples.specs import ROOT

ORIGINALS = ROOT / "samples" / "originals"
OUT_DIR = ROOT / "samples" / "dumps_variants" / "libreoffice"

#: The originals' kinds LibreOffice prints (an HTML page saved as .xls among them).
SUFFIXES = (".docx", ".xlsx", ".xls", ".ods")


def print_name(original: Path) -> str:
    """The dump's name: the original's, the dots after its form's stem made dashes but the
    first (``x.numbers.xls`` -> ``x.numbers-xls``), so that no two prints share one."""
    stem, _, rest = original.name.partition(".")
    return f"{stem}.{rest.replace('.', '-')}" if "." in rest else original.name


def office_originals(originals: Path = ORIGINALS) -> list[Path]:
    """The originals LibreOffice prints, in name order."""
    return sorted(p for p in originals.iterdir() if p.name.endswith(SUFFIXES))


def print_all(originals: Path = ORIGINALS, out_dir: Path = OUT_DIR) -> list[Path]:
    """Print every office original with LibreOffice and dump it; the dumps written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="lo-prints-") as tmp:
        work = Path(tmp)
        sources = []
        for original in office_originals(originals):
            # (a copy named so that its PDF's name is the dump's: x.xls and x.xlsx apart)
            copy = work / "in" / f"{print_name(original)}{original.suffix}"
            copy.parent.mkdir(exist_ok=True)
            shutil.copyfile(original, copy)
            sources.append(copy)
        for pdf in to_pdf(sources, work / "pdf"):
            written.append(dump_text(pdf, out_dir / f"{pdf.stem}.layout.txt", "-layout"))
    return written


if __name__ == "__main__":
    for path in print_all():
        print(path.relative_to(ROOT))
