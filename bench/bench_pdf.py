"""PDF extraction on the sample corpus: accuracy, speed per page and peak memory of each engine.

One run measures, on the same PDFs (samples/pdf/*.pdf that have a golden):
- accuracy against golden (indicator rows with all eight fields exact; header, funds, goals and
  total cells exact) for each engine (pdfplumber, pdfium, camelot);
- seconds per page of each engine (``extract.read``: everything, forms assembled), of
  pdfplumber's ``extract_tables()`` alone, of camelot lattice alone (``camelot.read_pdf``) and of
  the floor: pypdfium2's plain text of the same pages. Each PDF is opened afresh every time; the
  fast methods run interleaved per PDF, each repeat in a rotated order (so each method runs once
  after each other one: a light method run right after pdfplumber's runs colder), median of
  ``BENCH_PDF_REPEAT`` (default 4) runs; camelot once (it is slow);
- peak memory (max RSS) of each method over the whole corpus, each in a fresh process;
- scaling: PDFs of 1, 10, 50, 200 and 1,000 pages made by concatenating corpus PDFs (pypdfium2
  ``import_pages``, in a temporary folder), each engine in a fresh process: seconds per page and
  peak memory (``BENCH_PDF_SCALE``, default "1,10,50,200,1000").

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
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAST = ("pdfium", "pdfplumber", "extract_tables", "floor")  # timed interleaved, REPEAT times
REPEAT = int(os.environ.get("BENCH_PDF_REPEAT", "4"))  # one per place in the rotation
TARGET_SPEEDUP, TARGET_FLOOR = 5, 3  # issue 17: the default engine against extract_tables, floor
TARGET_SCALE, TARGET_MB = 0.10, 100  # 1,000 pages: ms/page within 10% of 50 pages, peak in MB
SCALE = tuple(int(n) for n in os.environ.get("BENCH_PDF_SCALE", "1,10,50,200,1000").split(","))
ENGINE_METHODS = {"pdfplumber": "pdfplumber", "pdfium": "pdfium", "camelot_engine": "camelot"}


def corpus() -> list[Path]:
    return sorted(
        p
        for p in (ROOT / "samples/pdf").glob("*.pdf")
        if (ROOT / "golden" / f"{p.stem}.json").exists()
    )


def run_method(method: str, pdf: Path) -> list[dict] | None:
    """Run one method on one PDF; engines return their forms' dicts."""
    if method == "default":
        import selfeval.extract as extract

        return [f.to_dict() for f in extract.read(pdf)]
    if method in ENGINE_METHODS:
        import selfeval.extract as extract

        return [f.to_dict() for f in extract.read(pdf, engine=ENGINE_METHODS[method])]
    if method == "floor":
        import pypdfium2

        doc = pypdfium2.PdfDocument(str(pdf))
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        doc.close()
        return None
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
    from golden.score import CELL_PARTS, score_file

    s = score_file(got, want)
    parts = {p: [s.part_exact[p], s.part_golden[p]] for p in CELL_PARTS}
    return {"rows": [s.exact_rows, s.golden_rows], **parts}


def _add(total: dict[str, list[int]], part: dict[str, list[int]]) -> None:
    for k, (a, b) in part.items():
        total.setdefault(k, [0, 0])
        total[k][0] += a
        total[k][1] += b


# -- child process: one method over the corpus (or one big PDF), for its peak memory ---------
def _child(method: str, pdf: str | None = None) -> None:
    import selfeval.extract as extract
    import selfeval.extract.pdf.pdfium_engine
    import selfeval.extract.pdf.reader  # noqa: F401 - imports are not the engines' time

    started = time.perf_counter()
    forms = 0
    for path in [Path(pdf)] if pdf else corpus():
        if method in ENGINE_METHODS:  # the forms only, as extract.read returns them
            forms += len(extract.read(path, engine=ENGINE_METHODS[method]))
        else:
            run_method(method, path)
    seconds = time.perf_counter() - started
    print(json.dumps({"maxrss_kb": _high_water_kb(), "seconds": seconds, "forms": forms}))


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


def child_run(method: str, pdf: Path | None = None) -> dict:
    args = [sys.executable, "-m", "bench.bench_pdf", "--child", method]
    if pdf is not None:
        args.append(str(pdf))
    out = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def peak_rss_mb(method: str) -> float:
    return child_run(method)["maxrss_kb"] / 1024


def concatenated(pdfs: list[Path], n_pages: int, folder: Path) -> Path:
    """A PDF of the first ``n_pages`` pages of the corpus PDFs, appended in turn (repeated)."""
    import pypdfium2

    out = pypdfium2.PdfDocument.new()
    k = 0
    while len(out) < n_pages:
        src = pypdfium2.PdfDocument(str(pdfs[k % len(pdfs)]))
        take = min(len(src), n_pages - len(out))
        out.import_pages(src, list(range(take)))
        src.close()
        k += 1
    path = folder / f"scale-{n_pages}.pdf"
    out.save(str(path))
    out.close()
    return path


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
    from selfeval.extract.pdf import DEFAULT_ENGINE
    from selfeval.extract.pdf.pdfium_engine import NATIVE

    pdfs = corpus()
    if not pdfs:
        return "no sample PDFs with golden files under samples/pdf"
    want = {
        p: json.loads((ROOT / "golden" / f"{p.stem}.json").read_text(encoding="utf-8"))
        for p in pdfs
    }
    n_pages = {p: pages(p) for p in pdfs}
    for method in FAST:  # warm imports and font caches
        run_method(method, pdfs[0])

    times: dict[str, dict[Path, float]] = {m: {} for m in (*FAST, "camelot", "camelot_engine")}
    acc: dict[str, dict[str, list[int]]] = {m: {} for m in ENGINE_METHODS}
    for pdf in pdfs:
        runs: dict[str, list[float]] = {m: [] for m in FAST}
        for k in range(REPEAT):  # each repeat in a rotated order: no method always runs
            # right after the same other one (a light method after pdfplumber runs colder)
            for method in FAST[k % len(FAST) :] + FAST[: k % len(FAST)]:
                started = time.perf_counter()
                forms = run_method(method, pdf)
                runs[method].append(time.perf_counter() - started)
                if forms is not None and len(runs[method]) == 1:
                    _add(acc[method], score(forms, want[pdf]))
        for method, values in runs.items():
            times[method][pdf] = statistics.median(values)
    for pdf in pdfs:
        for method in ("camelot", "camelot_engine"):
            started = time.perf_counter()
            forms = run_method(method, pdf)
            times[method][pdf] = time.perf_counter() - started
            if forms is not None:
                _add(acc["camelot_engine"], score(forms, want[pdf]))
    memory = {m: peak_rss_mb(m) for m in (*FAST, "camelot")}

    total_pages = sum(n_pages.values())
    per_page = {m: sum(t.values()) / total_pages for m, t in times.items()}
    base, floor = per_page["extract_tables"], per_page["floor"]
    lines = [
        f"Corpus: {len(pdfs)} PDFs, {total_pages} pages (samples/pdf with golden). "
        f"Machine: {machine()}. Default engine: {DEFAULT_ENGINE}; pdfium reads glyphs and "
        f"paths with {'its C extension' if NATIVE is not None else 'ctypes (no C extension)'}.",
        "",
        "| engine | indicator rows exact | header cells | funds cells | goals cells | total cells |",
        "|---|---|---|---|---|---|",
    ]
    for name in ENGINE_METHODS:
        a = acc[name]
        cells = " | ".join(
            f"{a[k][0]}/{a[k][1]} ({100 * a[k][0] / max(a[k][1], 1):.1f}%)"
            for k in ("rows", "header", "funds", "goals", "total")
        )
        lines.append(f"| {ENGINE_METHODS[name]} | {cells} |")
    lines += [
        "",
        "| method | ms/page | x faster than extract_tables() | x the text floor | peak RSS (MB) |",
        "|---|---|---|---|---|",
    ]
    labels = {
        "pdfium": 'selfeval.extract.read(engine="pdfium") (forms assembled)',
        "pdfplumber": 'selfeval.extract.read(engine="pdfplumber") (forms assembled)',
        "extract_tables": "pdfplumber extract_tables() alone",
        "camelot": "camelot lattice alone (read_pdf)",
        "camelot_engine": 'selfeval.extract.read(engine="camelot")',
        "floor": "floor: pypdfium2 plain text of the pages",
    }
    for m in ("pdfium", "pdfplumber", "extract_tables", "camelot", "camelot_engine", "floor"):
        mem = f"{memory[m]:.0f}" if m in memory else "—"
        lines.append(
            f"| {labels[m]} | {1000 * per_page[m]:.1f} | {base / per_page[m]:.2f} | "
            f"{per_page[m] / floor:.2f} | {mem} |"
        )
    slower = [p.stem for p in pdfs if times["pdfium"][p] > times["extract_tables"][p] / 5]
    default = per_page[DEFAULT_ENGINE]
    lines += [
        "",
        f"Default engine ({DEFAULT_ENGINE}): {base / default:.2f}x faster per page than "
        f"extract_tables() (target: at least {TARGET_SPEEDUP}x), {default / floor:.2f}x the text "
        f"floor (target: at most {TARGET_FLOOR}x).",
        "",
        f"Per PDF, the pdfium engine was less than 5x faster than extract_tables() on "
        f"{len(slower)} of {len(pdfs)}"
        + (f" ({', '.join(slower[:5])}{', …' if len(slower) > 5 else ''})." if slower else "."),
        "",
        *scaling(pdfs),
    ]
    return "\n".join(lines)


def scaling(pdfs: list[Path]) -> list[str]:
    """Seconds per page and peak memory of each engine on concatenated PDFs of growing size."""
    lines = [
        "Scaling (corpus PDFs concatenated; each run a fresh process, imports included in "
        "peak memory, not in time):",
        "",
        "| pages | engine | forms | ms/page | peak RSS (MB) |",
        "|---|---|---|---|---|",
    ]
    runs: dict[tuple[int, str], dict] = {}
    with tempfile.TemporaryDirectory() as folder:
        for n in SCALE:
            path = concatenated(pdfs, n, Path(folder))
            for engine in ("pdfium", "pdfplumber"):
                got = runs[n, engine] = child_run(engine, path)
                lines.append(
                    f"| {n} | {engine} | {got['forms']} | {1000 * got['seconds'] / n:.1f} | "
                    f"{got['maxrss_kb'] / 1024:.0f} |"
                )
            path.unlink()
    if (50, "pdfium") in runs and (1000, "pdfium") in runs:
        lines.append("")
        for engine in ("pdfium", "pdfplumber"):
            small, big = runs[50, engine], runs[1000, engine]
            change = (big["seconds"] / 1000) / (small["seconds"] / 50) - 1
            lines.append(
                f"1,000 pages against 50, {engine}: {100 * change:+.0f}% per page, peak "
                f"{big['maxrss_kb'] / 1024:.0f} MB (targets: within {100 * TARGET_SCALE:.0f}%, "
                f"under {TARGET_MB} MB)."
            )
    return lines


if __name__ == "__main__":
    if len(sys.argv) in (3, 4) and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3] if len(sys.argv) == 4 else None)
    else:
        print(run())
