"""Accuracy of the text-dump reader on the corpus's pdftotext dumps, per producer and mode.

Recall is exact rows / golden rows; precision is exact rows / emitted rows; "wrong" counts
emitted rows with a filled cell that differs from the golden (the reader must keep it at 0:
what it cannot place it reports as unplaced).
"""

from __future__ import annotations

import time
from pathlib import Path

from selfeval.accuracy import score_table, text_dump_scores

ROOT = Path(__file__).resolve().parent.parent


def run() -> str:
    started = time.perf_counter()
    scores = text_dump_scores(ROOT / "samples", ROOT / "golden")
    files = sum(s.forms_golden for s in scores.values())
    took = time.perf_counter() - started
    return score_table(scores) + f"\n{files} forms read in {took:.1f} s"


if __name__ == "__main__":
    print(run())
