"""Accuracy and time of the text reader, one line per input kind, then the corpus table.

Input kinds: the corpus's pdftotext dumps in each mode (default, -raw, -layout), the validation
PDFs' dumps in each mode (../shared/validation/pdf), the -layout dumps made another way
(samples/dumps_variants: other pdftotext options; Chromium prints with CJK fonts, one line per
style), the real web-text excerpts
(../shared/real, scored by their golden's conventions) and the seed's real dump. Recall is
exact rows / golden rows; precision is exact rows / emitted rows; "wrong" counts emitted rows
with a filled cell that differs from the golden (the reader must keep it at 0: what it cannot
place it reports as unplaced).
"""

from __future__ import annotations

import time
from pathlib import Path

from golden.score import (
    Score,
    real_text_scores,
    score_table,
    text_dump_scores,
    validation_dump_scores,
    variant_dump_scores,
)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def kind_line(kind: str, s: Score, took: float) -> str:
    return (
        f"{kind:36} rows {s.golden_rows:>5} emitted {s.emitted_rows:>5} exact {s.exact_rows:>5} "
        f"wrong {s.wrong_rows:>3}  recall {s.recall:>6.1%}  precision {s.precision:>6.1%}  "
        f"cells {s.exact_cells:>4}/{s.golden_cells:<4} wrong {s.wrong_cells:>3}  {took:5.1f} s"
    )


def _by_mode(scores: dict[tuple[str, str], Score]) -> dict[str, Score]:
    out: dict[str, Score] = {}
    for (_, mode), s in sorted(scores.items()):
        out.setdefault(mode, Score()).add(s)
    return out


def run() -> str:
    lines = []
    started = time.perf_counter()
    corpus = text_dump_scores(ROOT / "samples", ROOT / "golden")
    took = time.perf_counter() - started
    for mode, s in _by_mode(corpus).items():
        kind = "seed dump" if mode == "real" else f"corpus {mode}"
        lines.append(kind_line(kind, s, took))
    folder = folder_validation = SHARED / "validation" / "pdf"
    validation: dict[tuple[str, str], Score] = {}
    if folder.is_dir():
        started = time.perf_counter()
        validation = validation_dump_scores(folder)
        took = time.perf_counter() - started
        for mode, s in _by_mode(validation).items():
            lines.append(kind_line(f"validation {mode}", s, took))
    variants = ROOT / "samples" / "dumps_variants"
    for folder in sorted({p.parent for p in variants.rglob("*.layout.txt")}):
        started = time.perf_counter()
        s = variant_dump_scores(folder, ROOT / "golden", folder_validation)
        kind = f"{folder.relative_to(variants).as_posix()} layout"
        lines.append(kind_line(kind, s, time.perf_counter() - started))
    real = SHARED / "real"
    if real.is_dir():
        started = time.perf_counter()
        total = Score()
        for s, _ in real_text_scores(real).values():
            total.add(s)
        lines.append(kind_line("real web text", total, time.perf_counter() - started))
    lines.append("(time: the whole kind's files, read and scored; modes of one kind share it)")
    out = "\n".join(lines) + "\n\ncorpus by producer (route) and mode:\n" + score_table(corpus)
    if validation:
        out += "\n\nvalidation PDFs by producer (file) and mode:\n" + score_table(validation)
    return out


if __name__ == "__main__":
    print(run())
