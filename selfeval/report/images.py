"""Page images for the report: each PDF page a form sits on, rendered once per file content.

Images go to ``report/img/<hash>/p<N>.png`` (``<hash>`` = the first 16 hex digits of the file's
SHA-256), with ``meta.json`` beside them: page sizes in PDF points and where the text of
unplaced cells was found on its page. A rerun with the same file content reuses all of it.
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from selfeval.settings import Limits

#: 1.5 px per PDF point (108 dpi): legible print, about 150 KB per A4 page in grey PNG.
SCALE = 1.5
META = "meta.json"
#: Bumped when images would come out differently (scale, frame): older ones are redone.
RENDER_VERSION = 2


@dataclass(frozen=True)
class RenderJob:
    pdf: str
    folder: str
    pages: tuple[int, ...]
    searches: tuple[tuple[int, str], ...]  # (page, text) of unplaced cells


def folder_name(sha256: str) -> str:
    return sha256[:16]


def _search_key(page: int, text: str) -> str:
    return f"{page}|{text}"


def _load_meta(folder: Path) -> dict[str, Any]:
    try:
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"sizes": {}, "found": {}}
    return meta if isinstance(meta, dict) else {"sizes": {}, "found": {}}


def _is_done(job: RenderJob, meta: dict[str, Any]) -> bool:
    folder = Path(job.folder)
    sizes, found = meta.get("sizes") or {}, meta.get("found") or {}
    if meta.get("version") != RENDER_VERSION:
        return False
    return all(str(p) in sizes and (folder / f"p{p}.png").exists() for p in job.pages) and all(
        _search_key(p, t) in found for p, t in job.searches
    )


def render(job: RenderJob) -> dict[str, Any]:
    """Render the pages of ``job`` not rendered yet; return the folder's meta (never raises:
    a PDF that cannot be opened gives ``{"error": ...}``)."""
    folder = Path(job.folder)
    meta = _load_meta(folder)
    if _is_done(job, meta):
        return meta
    try:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(job.pdf)
    except Exception as exc:  # unreadable, encrypted, vanished: the page shows the reason
        return {"error": f"{type(exc).__name__}: {exc}", "sizes": {}, "found": {}}
    folder.mkdir(parents=True, exist_ok=True)
    if meta.get("version") != RENDER_VERSION:  # rendered by an older version: redo all
        meta = {"sizes": {}, "found": {}}
        for old in folder.glob("p*.png"):
            old.unlink()
    sizes, found = dict(meta.get("sizes") or {}), dict(meta.get("found") or {})
    rendered = 0
    try:
        for number in job.pages:
            if not 1 <= number <= len(pdf):
                continue
            page = _stored(pdf[number - 1])
            width, height = page.get_size()
            sizes[str(number)] = [round(width, 2), round(height, 2)]
            target = folder / f"p{number}.png"
            if not target.exists():
                rendered += 1
                image = page.render(scale=SCALE, grayscale=True).to_pil()
                tmp = folder / f".p{number}.png.part"
                image.save(tmp, format="PNG")
                os.replace(tmp, target)
        for number, text in job.searches:
            found[_search_key(number, text)] = _find(pdf, number, text)
    finally:
        pdf.close()
    meta = {"version": RENDER_VERSION, "sizes": sizes, "found": found}
    tmp = folder / f".{META}.part"
    tmp.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, folder / META)
    return {**meta, "rendered": rendered}


def _stored(page: Any) -> Any:
    """``page`` as it is stored, without its /Rotate: the frame the readers' boxes are in (a
    page turned by /Rotate 180 over upright content is shown upright, boxes on their cells)."""
    if page.get_rotation():
        page.set_rotation(0)  # in memory only: the file is never written
    return page


def _find(pdf: Any, number: int, text: str) -> list[float] | None:
    """The box (x0, top, x1, bottom, in points from the top-left) of the first place ``text``
    is printed on page ``number``, or None."""
    if not 1 <= number <= len(pdf) or not text.strip():
        return None
    page = _stored(pdf[number - 1])
    height = page.get_size()[1]
    textpage = page.get_textpage()
    try:
        # the first line of the text: a cell's text wraps, the page's text flow may not
        needle = text.strip().splitlines()[0].strip()[:40]
        searcher = textpage.search(needle, match_case=True)
        hit = searcher.get_next()
        if not hit:
            return None
        start, count = hit
        boxes = [textpage.get_charbox(i) for i in range(start, start + count)]
    finally:
        textpage.close()
    left = min(b[0] for b in boxes)
    right = max(b[2] for b in boxes)
    bottom = min(b[1] for b in boxes)
    top = max(b[3] for b in boxes)
    return [round(left, 2), round(height - top, 2), round(right, 2), round(height - bottom, 2)]


def _stopped(job: RenderJob, code: str, message: str) -> dict[str, Any]:
    """The meta of a render stopped at a limit (or whose worker died): not stored, so a rerun
    tries it again. A worker can finish writing just as its time runs out: what it wrote is
    removed with its meta, so the folder never holds images of a render reported as stopped."""
    folder = Path(job.folder)
    for written in (*folder.glob("p*.png"), folder / META):
        written.unlink(missing_ok=True)
    return {"error": f"{code}: {message}", "stopped": code, "sizes": {}, "found": {}}


def _warm() -> None:
    """A render worker's start: PDFium loaded before the memory cap's in-worker backstop
    applies (a failed import would read as an unreadable PDF, not as ``memory``)."""
    import pypdfium2  # noqa: F401


def render_all(
    jobs: list[RenderJob], workers: int = 0, limits: Limits | None = None
) -> dict[str, dict[str, Any]]:
    """Run ``jobs`` (in worker processes when there is more than one to do, or each under
    ``limits``, stopped with a ``timeout``/``memory`` error); meta by folder."""
    results: dict[str, dict[str, Any]] = {}
    todo = []
    for job in jobs:
        meta = _load_meta(Path(job.folder))
        if _is_done(job, meta):
            results[job.folder] = meta
        else:
            todo.append(job)
    workers = min(workers or os.cpu_count() or 1, len(todo))
    if limits is not None and todo:
        from selfeval.pool import WorkerPool

        limited = WorkerPool(render, _stopped, jobs=workers, limits=limits, initializer=_warm)
        for job, meta in limited.run(todo):
            results[job.folder] = meta
    elif workers <= 1:
        for job in todo:
            results[job.folder] = render(job)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for job, meta in zip(todo, pool.map(render, todo), strict=True):
                results[job.folder] = meta
    return results
