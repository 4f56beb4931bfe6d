"""Start-up: how long a user waits for the first answer (issue 20).

``python -m bench startup``. Each figure is the median of ``BENCH_STARTUP_RUNS`` (default 5)
runs of the installed command in a fresh process, as a user starts it:

- ``selfeval --help`` (goal: under 0.3 s) and a bare ``python -c pass`` for the floor;
- ``selfeval extract`` on the seed text dump (15 KB), one worker (goal: under 1.5 s all told);
- ``selfeval show`` on a one-page PDF, against reading the same file in one process
  (``pipeline.read``: the work itself, imports and jieba's dictionary included);
- the import time of the modules ``selfeval --help`` must not load (``python -X importtime``).

The machine's load average is printed with the figures: on a busy machine every figure grows.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples/text/2021-beijing-keji-xiezuo-zhongxin.txt"
ONE_PAGE_PDF = ROOT / "samples/pdf/2023-zhejiang-yuhang-lvhua-yanghu-docx.pdf"
RUNS = int(os.environ.get("BENCH_STARTUP_RUNS", "5"))
HEAVY = (
    "selfeval.extract",
    "selfeval.normalize",
    "selfeval.validate",
    "jieba",
    "pdfplumber",
    "openpyxl",
    "pandas",
    "rich",
)


def _selfeval() -> list[str]:
    script = Path(sys.executable).parent / "selfeval"
    return [str(script)] if script.exists() else [sys.executable, "-m", "selfeval"]


def _median_seconds(argv: list[str], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as scratch:
            argv_run = [a.replace("{tmp}", scratch) for a in argv]
            started = time.perf_counter()
            subprocess.run(argv_run, capture_output=True, check=False, cwd=ROOT)
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def _in_process_read() -> float:
    code = (
        "import time; t = time.perf_counter(); from selfeval import pipeline; "
        f"pipeline.read({str(ONE_PAGE_PDF)!r}); print(time.perf_counter() - t)"
    )
    times = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout)
        for _ in range(RUNS)
    ]
    return statistics.median(times)


def _help_imports() -> dict[str, int]:
    """Cumulative import time (µs) of each heavy top-level module that --help loads."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "selfeval", "--help"],
        capture_output=True,
        text=True,
    )
    found = {}
    for line in result.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \|\s?(\S+)$", line)
        if match and match.group(2) in HEAVY:
            found[match.group(2)] = int(match.group(1))
    return found


def run() -> str:
    cli = _selfeval()
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    floor = _median_seconds([sys.executable, "-c", "pass"])
    help_s = _median_seconds([*cli, "--help"])
    extract_s = _median_seconds([*cli, "extract", str(SEED), "--out", "{tmp}/out", "-j", "1", "-q"])
    show_s = _median_seconds([*cli, "show", str(ONE_PAGE_PDF)])
    read_s = _in_process_read()
    heavy = _help_imports()
    lines = [
        f"machine: {os.cpu_count()} cores, load average "
        + (" ".join(f"{x:.1f}" for x in load) if load else "n/a")
        + f"; median of {RUNS} runs",
        "",
        "| what | seconds | goal |",
        "|---|---|---|",
        f"| python -c pass (the floor) | {floor:.2f} | |",
        f"| selfeval --help | {help_s:.2f} | < 0.3 |",
        f"| selfeval extract seed dump (-j 1) | {extract_s:.2f} | < 1.5 |",
        f"| selfeval show one-page PDF | {show_s:.2f} | about the read below |",
        f"| pipeline.read of that PDF in one process | {read_s:.2f} | |",
        "",
        "heavy modules imported by --help: "
        + (", ".join(f"{m} {us / 1000:.0f} ms" for m, us in heavy.items()) or "none"),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())
