"""The expected records: one JSON per sample stem (``golden_for``), and ``golden.score``, the
scorer that compares what a reader produced with them.

Development material beside the package, not shipped with it: the tests and the benchmarks
score readings with the same code, so the accuracy figures the docs quote are the ones the
tests assert.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

GOLDEN = Path(__file__).resolve().parent


def golden_for(sample: Path) -> list[dict[str, Any]]:
    """The golden forms of a sample file: golden/<stem>.json, stem = name up to the first dot."""
    stem = sample.name.split(".", 1)[0]
    forms: list[dict[str, Any]] = json.loads((GOLDEN / f"{stem}.json").read_text(encoding="utf-8"))
    return forms
