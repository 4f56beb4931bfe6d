"""PDF extraction on the sample corpus: accuracy of both engines, speed per page, peak memory.

One run measures, on the same PDFs (samples/pdf/*.pdf that have a golden):
- accuracy against golden (indicator rows with all eight fields exact; header, funds, goals and
  total cells exact) for the default engine and for ``engine="camelot"``;
- seconds per page of the default engine (``extract.read``: everything, forms assembled),
  pdfplumber's ``extract_tables()`` alone, and camelot lattice alone (``camelot.read_pdf``),
  each PDF opened afresh every time; default and extract_tables interleaved per PDF, median of
  ``BENCH_PDF_REPEAT`` (default 3) runs; camelot once (it is slow);
- peak memory (max RSS) of each method over the whole corpus, each in a fresh process.

Run alone with ``python -m bench.bench_pdf`` or with the others by ``python -m bench``.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
METHODS = ("default", "extract_tables", "camelot")
REPEAT = int(os.environ.get("BENCH_PDF_REPEAT", "3"))


def corpus() -> list[Path]:
    return sorted(
        p
        for p in (ROOT / "samples/pdf").glob("*.pdf")
        if (ROOT / "golden" / f"{p.stem}.json").exists()
    )


def run_method(method: str, pdf: Path) -> list[dict] | None:
    """Run one method on one PDF; engines return their forms' dicts."""
    if method == "default":
        import extract

        return [f.to_dict() for f in extract.read(pdf)]
    if method == "camelot_engine":
        import extract

        return [f.to_dict() for f in extract.read(pdf, engine="camelot")]
    if method == "extract_tables":
        import pdfplumber

        with pdfplumber.open(pdf) as doc:
            for page in doc.pages:
                page.extract_tables()
                page.close()
        return None
    if method == "camelot":
        import camelot

        camelot.read_pdf(str(pdf), flavor="lattice", pages="all")
        return None
    raise ValueError(method)


def pages(pdf: Path) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


# -- accuracy -------------------------------------------------------------------------------
def score(got: list[dict], want: list[dict]) -> dict[str, list[int]]:
    """[exact, total] per part: indicator rows, header cells, funds cells, goals, total."""
    from extract.record import FUND_FIELDS, HEADER_FIELDS, contract_view

    out = {k: [0, 0] for k in ("rows", "header", "funds", "goals", "total")}
    for n, w in enumerate(want):
        g = contract_view(got[n]) if n < len(got) else contract_view({})
        w = contract_view(w)
        for i, row in enumerate(w["indicators"]):
            out["rows"][1] += 1
            out["rows"][0] += i < len(g["indicators"]) and g["indicators"][i] == row
        for f in HEADER_FIELDS:
            out["header"][1] += 1
            out["header"][0] += g[f] == w[f]
        for i, row in enumerate(w["funds"]):
            for f in FUND_FIELDS:
                out["funds"][1] += 1
                out["funds"][0] += i < len(g["funds"]) and g["funds"][i][f] == row[f]
        for part in ("goals", "total"):
            for f, value in w[part].items():
                out[part][1] += 1
                out[part][0] += g[part][f] == value
    return out


def _add(total: dict[str, list[int]], part: dict[str, list[int]]) -> None:
    for k, (a, b) in part.items():
        total.setdefault(k, [0, 0])
        total[k][0] += a
        total[k][1] += b


# -- child process: one method over the corpus, for its peak memory -------------------------
def _child(method: str) -> None:
    for pdf in corpus():
        run_method(method, pdf)
    print(json.dumps({"maxrss_kb": _high_water_kb()}))


def _high_water_kb() -> int:
    """Peak RSS of this process image: VmHWM (ru_maxrss survives exec on Linux, so a child
    started from a big parent would report the parent's peak)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def peak_rss_mb(method: str) -> float:
    out = subprocess.run(
        [sys.executable, "-m", "bench.bench_pdf", "--child", method],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])["maxrss_kb"] / 1024


# -- the run --------------------------------------------------------------------------------
def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    libs = ", ".join(
        f"{n} {version(n)}" for n in ("pdfplumber", "pdfminer.six", "camelot-py", "pypdfium2")
    )
    return f"{platform.platform()}, {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}; {libs}"


def run() -> str:
    pdfs = corpus()
    if not pdfs:
        return "no sample PDFs with golden files under samples/pdf"
    want = {
        p: json.loads((ROOT / "golden" / f"{p.stem}.json").read_text(encoding="utf-8"))
        for p in pdfs
    }
    n_pages = {p: pages(p) for p in pdfs}
    run_method("default", pdfs[0])  # warm imports and font caches for both
    run_method("extract_tables", pdfs[0])

    times: dict[str, dict[Path, float]] = {m: {} for m in (*METHODS, "camelot_engine")}
    acc: dict[str, dict[str, list[int]]] = {"default": {}, "camelot_engine": {}}
    for pdf in pdfs:
        runs: dict[str, list[float]] = {"default": [], "extract_tables": []}
        for _ in range(REPEAT):
            for method in ("default", "extract_tables"):
                started = time.perf_counter()
                forms = run_method(method, pdf)
                runs[method].append(time.perf_counter() - started)
                if forms is not None and len(runs[method]) == 1:
                    _add(acc["default"], score(forms, want[pdf]))
        for method, values in runs.items():
            times[method][pdf] = statistics.median(values)
    for pdf in pdfs:
        for method in ("camelot", "camelot_engine"):
            started = time.perf_counter()
            forms = run_method(method, pdf)
            times[method][pdf] = time.perf_counter() - started
            if forms is not None:
                _add(acc["camelot_engine"], score(forms, want[pdf]))
    memory = {m: peak_rss_mb(m) for m in ("default", "extract_tables", "camelot")}

    total_pages = sum(n_pages.values())
    per_page = {m: sum(t.values()) / total_pages for m, t in times.items()}
    base = per_page["extract_tables"]
    lines = [
        f"Corpus: {len(pdfs)} PDFs, {total_pages} pages (samples/pdf with golden). Machine: {machine()}.",
        "",
        "| engine | indicator rows exact | header cells | funds cells | goals cells | total cells |",
        "|---|---|---|---|---|---|",
    ]
    for name, label in (("default", "default (pdfplumber)"), ("camelot_engine", "camelot")):
        a = acc[name]
        cells = " | ".join(
            f"{a[k][0]}/{a[k][1]} ({100 * a[k][0] / max(a[k][1], 1):.1f}%)"
            for k in ("rows", "header", "funds", "goals", "total")
        )
        lines.append(f"| {label} | {cells} |")
    lines += [
        "",
        "| method | s/page | ratio to extract_tables() | peak RSS (MB) |",
        "|---|---|---|---|",
    ]
    labels = {
        "default": "default engine: extract.read() (forms assembled)",
        "extract_tables": "pdfplumber extract_tables() alone",
        "camelot": "camelot lattice alone (read_pdf)",
        "camelot_engine": 'extract.read(engine="camelot")',
    }
    for m in ("default", "extract_tables", "camelot", "camelot_engine"):
        mem = f"{memory[m]:.0f}" if m in memory else "—"
        lines.append(f"| {labels[m]} | {per_page[m]:.3f} | {per_page[m] / base:.2f} | {mem} |")
    slower = [p.stem for p in pdfs if times["default"][p] > times["extract_tables"][p]]
    lines += [
        "",
        f"Per PDF, the default engine was slower than extract_tables() on {len(slower)} of {len(pdfs)}"
        + (f" ({', '.join(slower[:5])}{', …' if len(slower) > 5 else ''})." if slower else "."),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        _child(sys.argv[2])
    else:
        print(run())
