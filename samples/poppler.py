"""pdftotext, as every sample dump is made: one call, UTF-8, options as given."""

from __future__ import annotations

import subprocess
from pathlib import Path


def dump_text(pdf: Path, target: Path, *options: str) -> Path:
    """``pdf``'s text layer dumped by pdftotext with ``options`` (-layout, -raw, -fixed 3,
    -nopgbrk, or none for its default mode) to ``target``, its folder made if need be."""
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftotext", *options, "-enc", "UTF-8", str(pdf), str(target)], check=True)
    return target
