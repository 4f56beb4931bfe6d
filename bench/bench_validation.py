"""Accuracy on forms made outside the project: ``python -m bench validation``.

Every PDF of ``../shared/validation/pdf`` (beside the repository) against its golden, cells
compared without whitespace, with both table engines; also the reading doubts raised, since a
cell the reader could not place must be a doubt, never a silent wrong value.
"""

from __future__ import annotations

import time
from pathlib import Path

import selfeval.extract as extract
from golden.score import Score, score_file, validation_golden
from selfeval.extract.errors import ReadError
from selfeval.extract.pdf import ENGINES

FOLDER = Path(__file__).resolve().parent.parent.parent / "shared" / "validation" / "pdf"


def run() -> str:
    if not FOLDER.is_dir():
        raise FileNotFoundError(f"{FOLDER} is missing: the validation set lives beside the repo")
    lines = [
        f"{'file':16} {'engine':10} {'rows exact':>11} {'emitted':>8} {'wrong':>6} "
        f"{'cells exact':>12} {'doubts':>7} {'s':>6}"
    ]
    for engine in ENGINES:
        total, doubts_total, seconds_total = Score(), 0, 0.0
        for pdf in sorted(FOLDER.glob("*.pdf")):
            want = validation_golden(pdf.with_suffix(".golden.json"))
            started = time.perf_counter()
            try:
                forms = extract.read(pdf, engine=engine)
            except ReadError:
                forms = []
            seconds = time.perf_counter() - started
            doubts = sum(1 for f in forms for n in f.notes if n.code.startswith("reading."))
            s = score_file([f.to_dict() for f in forms], want, pdf.name, squash=True)
            total.add(s)
            doubts_total += doubts
            seconds_total += seconds
            lines.append(_line(pdf.stem, engine, s, doubts, seconds))
        lines.append(_line("all", engine, total, doubts_total, seconds_total))
    return "\n".join(lines)


def _line(name: str, engine: str, s: Score, doubts: int, seconds: float) -> str:
    return (
        f"{name:16} {engine:10} {s.exact_rows:>5}/{s.golden_rows:<5} {s.emitted_rows:>8} "
        f"{s.wrong_rows:>6} {s.exact_cells:>6}/{s.golden_cells:<5} {doubts:>7} {seconds:>6.2f}"
    )
