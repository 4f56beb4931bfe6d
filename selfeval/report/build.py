"""Write ``OUT/report/``: a static review site that opens from disk (no server, no network).

- ``index.html``: one line per input, totals on top, sortable and filterable, paged.
- ``forms/<name>.<k>.html``: one page per form: its page images with every read cell outlined
  and coloured by status, beside the form as tables (reported and recomputed scores side by
  side), its findings and reading doubts, each linked to its cell and back.
- ``img/<hash>/``: page images, rendered once per file content.
- ``marks.js``: the review marks of ``OUT/review.sqlite`` (rewritten by ``selfeval serve``).
- ``assets/``: the one stylesheet and script, local.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selfeval.files import atomic_open
from selfeval.report import images, review
from selfeval.report.collect import STATUSES, Entry, is_doubt, load_entries

if TYPE_CHECKING:
    from selfeval.settings import Limits

REPORT_DIR = "report"
ASSETS = ("report.css", "report.js")
MAX_SOURCE_CHARS = 400_000

FIELD_LABELS = {
    "title": "表名",
    "year": "年度",
    "project_name": "项目名称",
    "department": "主管部门",
    "implementer": "实施单位",
    "managers": "项目负责人",
    "phone": "联系电话",
    "grade": "自评等级",
    "remarks": "其他说明",
    "goals.expected": "预期目标",
    "goals.actual": "实际完成情况",
}
FUND_COLUMNS = (
    ("item", "资金"),
    ("budget_initial", "年初预算数"),
    ("budget_full", "全年预算数"),
    ("executed", "全年执行数"),
    ("weight", "分值"),
    ("rate", "执行率"),
    ("score", "得分"),
)
INDICATOR_COLUMNS = (
    ("level1", "一级指标"),
    ("level2", "二级指标"),
    ("level3", "三级指标"),
    ("target", "年度指标值"),
    ("actual", "实际完成值"),
    ("weight", "分值"),
    ("score", "得分"),
)


@dataclass
class ReportStats:
    inputs: int = 0
    forms: int = 0
    pages_rendered: int = 0
    seconds: float = 0.0
    path: Path | None = None
    stopped: list[tuple[str, str]] = field(default_factory=list)  # (PDF, error) at a limit


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def dom_id(prefix: str, key: str) -> str:
    """An element id for a cell key (``indicator:3:score`` -> ``o-indicator_3_score``)."""
    return f"{prefix}-{key.replace(':', '_')}"


def script_json(data: Any) -> str:
    """JSON safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, unless the file holds it already (a rebuild
    rewrites only what changed)."""
    try:
        if path.stat().st_size == len(text.encode("utf-8")) and path.read_text("utf-8") == text:
            return
    except (OSError, UnicodeDecodeError):
        pass
    with atomic_open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def _page(title: str, body: str, depth: int, extra_head: str = "") -> str:
    up = "../" * depth
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title>"
        f'<link rel="stylesheet" href="{up}assets/report.css">{extra_head}</head>\n'
        f'<body>{body}\n<script src="{up}marks.js"></script>'
        f'<script src="{up}assets/report.js"></script></body></html>\n'
    )


def form_href(entry: Entry, index: int) -> str:
    return f"forms/{entry.slug}.{index + 1}.html"


# -- marks ----------------------------------------------------------------------------------


def write_marks(out: Path, current: dict[str, str | None] | None = None) -> list[dict[str, Any]]:
    """``report/marks.js`` and ``OUT/review.csv`` from ``review.sqlite``; the marks, with
    ``stale`` set from ``current`` (each input's content hash; default: read from ``out``)."""
    out = Path(out)
    if current is None:
        current = {e.input: e.sha256 for e in load_entries(out)}
    marks = review.with_staleness(review.load_marks(out), current)
    target = out / REPORT_DIR / "marks.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    _write(target, f"window.SELFEVAL_MARKS = {script_json(marks)};\n")
    if marks or (out / review.CSV_NAME).exists():
        review.export_csv(out, marks)
    return marks


# -- index ----------------------------------------------------------------------------------


def _index_row(entry: Entry) -> dict[str, Any]:
    errors: Counter[str] = Counter()
    warnings: Counter[str] = Counter()
    codes: set[str] = set()
    doubts = 0
    for form in entry.forms:
        for finding in form["findings"]:
            code = str(finding["code"])
            codes.add(code)
            if finding["severity"] == "error":
                errors[code] += 1
            elif finding["severity"] == "warning":
                warnings[code] += 1
        codes.update(str(d["code"]) for d in form["doubts"])
        if form["unplaced"]:
            codes.add("unplaced-cell")
        doubts += form["n_doubts"]
    read_errors = [entry.error["code"]] if entry.error else []
    read_errors += ["incomplete"] * len(entry.incomplete)
    codes.update(read_errors)

    def distinct(key: str) -> str:
        return " / ".join(dict.fromkeys(str(f[key]) for f in entry.forms if f.get(key)))

    return {
        "name": entry.name,
        "input": entry.input,
        "sha256": entry.sha256,
        "links": [form_href(entry, f["index"]) for f in entry.forms],
        "statuses": [f["status"] for f in entry.forms],
        "reader": distinct_reader(entry),
        "department": distinct("department"),
        "year": distinct("year"),
        "project": distinct("project_name"),
        "forms": len(entry.forms),
        "rows": sum(f["rows"] for f in entry.forms),
        "errors": sum(errors.values()),
        "errors_by_code": dict(sorted(errors.items())),
        "warnings": sum(warnings.values()),
        "warnings_by_code": dict(sorted(warnings.items())),
        "doubts": doubts,
        "read_errors": read_errors,
        "read_error_message": (entry.error or {}).get("message") or "; ".join(entry.incomplete),
        "codes": sorted(codes),
        "status": entry.status,
    }


def distinct_reader(entry: Entry) -> str:
    return " / ".join(dict.fromkeys(str(f["source"].get("reader") or "") for f in entry.forms))


def _totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    by_status = Counter(r["status"] for r in rows)
    return {
        "inputs": len(rows),
        "forms": sum(r["forms"] for r in rows),
        "rows": sum(r["rows"] for r in rows),
        "errors": sum(r["errors"] for r in rows),
        "warnings": sum(r["warnings"] for r in rows),
        "doubts": sum(r["doubts"] for r in rows),
        "status": {s: by_status.get(s, 0) for s in STATUSES},
    }


def write_index(report: Path, entries: list[Entry], run: dict[str, Any] | None) -> None:
    rows = [_index_row(e) for e in entries]
    totals = _totals(rows)
    meta = {
        "generated": time.strftime("%Y-%m-%d %H:%M:%S"),
        "inputs": (run or {}).get("inputs"),
        "statuses": list(STATUSES),
    }
    status_counts = " ".join(
        f'<span class="badge st-{esc(s.replace(" ", "-"))}">{esc(s)} '
        f'<b data-total="status-{esc(s)}">{totals["status"][s]}</b></span>'
        for s in STATUSES
    )
    body = f"""
<header class="top"><h1>selfeval review report</h1>
<p class="sub">{esc(", ".join(meta["inputs"] or []))} · generated {esc(meta["generated"])}</p>
<div id="totals" class="totals">
<span><b data-total="inputs">{totals["inputs"]}</b> inputs</span>
<span><b data-total="forms">{totals["forms"]}</b> forms</span>
<span><b data-total="rows">{totals["rows"]}</b> indicator rows</span>
<span><b data-total="errors">{totals["errors"]}</b> errors</span>
<span><b data-total="warnings">{totals["warnings"]}</b> warnings</span>
<span><b data-total="doubts">{totals["doubts"]}</b> reading doubts</span>
{status_counts}</div></header>
<section class="filters">
<label>status <select id="f-status"><option value="">all</option></select></label>
<label>department <select id="f-department"><option value="">all</option></select></label>
<label>year <select id="f-year"><option value="">all</option></select></label>
<label>finding code <select id="f-code"><option value="">all</option></select></label>
<label>search <input id="f-search" type="search" placeholder="file, project, department"></label>
<span id="shown" class="shown"></span>
</section>
<table id="files" class="files"><thead><tr>
<th data-sort="name">input</th><th data-sort="status">status</th>
<th data-sort="department">department</th><th data-sort="year">year</th>
<th data-sort="project">project</th><th data-sort="forms">forms</th>
<th data-sort="rows">rows</th><th data-sort="errors">errors</th>
<th data-sort="warnings">warnings</th><th data-sort="doubts">doubts</th>
<th data-sort="read_errors">read errors</th><th data-sort="review">review</th>
</tr></thead><tbody></tbody></table>
<nav id="pager" class="pager"></nav>
<script id="index-data" type="application/json">{script_json({"rows": rows, "meta": meta})}</script>
"""
    _write(report / "index.html", _page("selfeval review report", body, 0))


# -- one form -------------------------------------------------------------------------------


def _outline(cell: dict[str, Any], size: list[float]) -> str:
    x0, top, x1, bottom = cell["bbox"]
    width, height = size
    style = (
        f"left:{100 * x0 / width:.3f}%;top:{100 * top / height:.3f}%;"
        f"width:{100 * (x1 - x0) / width:.3f}%;height:{100 * (bottom - top) / height:.3f}%"
    )
    target = f"#f-{cell['findings'][0]}" if cell["findings"] else f"#{dom_id('c', cell['key'])}"
    title = f"{cell['key']} [{cell['status']}]: {cell['text'] or '(empty)'}"
    return (
        f'<a class="ol st-{cell["status"]}" id="{esc(dom_id("o", cell["key"]))}" '
        f'href="{esc(target)}" style="{style}" title="{esc(title)}" data-key="{esc(cell["key"])}" '
        f'data-bbox="{esc(json.dumps(cell["bbox"]))}" data-page-size="{esc(json.dumps(size))}">'
        "</a>"
    )


def _unplaced_outline(item: dict[str, Any], bbox: list[float], size: list[float]) -> str:
    x0, top, x1, bottom = bbox
    width, height = size
    style = (
        f"left:{100 * x0 / width:.3f}%;top:{100 * top / height:.3f}%;"
        f"width:{100 * (x1 - x0) / width:.3f}%;height:{100 * (bottom - top) / height:.3f}%"
    )
    return (
        f'<a class="ol st-unplaced" id="u-{item["n"]}" href="#n-{item["n"]}" style="{style}" '
        f'title="{esc("unplaced text: " + (item["text"] or ""))}" '
        f'data-bbox="{esc(json.dumps(bbox))}" data-page-size="{esc(json.dumps(size))}"></a>'
    )


def _page_images(form: dict[str, Any], entry: Entry, meta: dict[str, Any], pdf_found: bool) -> str:
    if not pdf_found:
        return f'<p class="missing">The PDF is no longer at {esc(form["source"].get("file"))}.</p>'
    if meta.get("error"):
        return f'<p class="missing">The PDF could not be rendered: {esc(meta["error"])}</p>'
    folder = images.folder_name(entry.sha256 or "")
    sizes, found = meta.get("sizes") or {}, meta.get("found") or {}
    parts = []
    for number in form["pages"]:
        size = sizes.get(str(number))
        if not size:
            continue
        outlines = [_outline(c, size) for c in form["cells"] if c["page"] == number and c["bbox"]]
        for item in form["unplaced"]:
            if item["page"] == number and item["text"]:
                bbox = found.get(f"{number}|{item['text']}")
                if bbox:
                    outlines.append(_unplaced_outline(item, bbox, size))
        parts.append(
            f'<figure class="page" data-page="{number}" id="page-{number}">'
            f'<div class="sheet" style="aspect-ratio:{size[0]}/{size[1]}">'
            f'<img class="page-img" src="../img/{folder}/p{number}.png" alt="page {number}" '
            f'loading="lazy">{"".join(outlines)}</div>'
            f"<figcaption>page {number}</figcaption></figure>"
        )
    return "".join(parts) or '<p class="missing">No page of this form could be rendered.</p>'


_REF = re.compile(r"^(?:'?(.*?)'?!)?\$?([A-Z]{1,3})\$?(\d{1,7})$")
_TABLE_REF = re.compile(r"^table (\d+) row (\d+) col (\d+)$")
MAX_SHEET_ROWS = 400
MAX_SHEET_COLUMNS = 40


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _sheet_view(form: dict[str, Any]) -> str:
    """An office original: the cells the reader took at their places (``Sheet1!C12``, or
    ``table 1 row 5 col 4`` in a document or web page; paragraphs and lines listed), each
    outlined like a cell on a page (``o-<key>``)."""
    sheets: dict[str, dict[tuple[int, int], dict[str, Any]]] = {}
    loose = []  # paragraphs and lines outside any table
    for cell in form["cells"]:
        if not cell["ref"]:
            continue
        if m := _REF.match(cell["ref"]):
            place = (int(m.group(3)), _column_number(m.group(2)))
            sheets.setdefault(f"sheet {m.group(1) or ''}", {}).setdefault(place, cell)
        elif m := _TABLE_REF.match(cell["ref"]):
            place = (int(m.group(2)), int(m.group(3)))
            sheets.setdefault(f"table {m.group(1)}", {}).setdefault(place, cell)
        else:
            loose.append(cell)
    parts = []
    if loose:
        items = "".join(
            f'<li><span class="ref">{esc(c["ref"])}</span> '
            f'<a class="sc st-{c["status"]}" id="{esc(dom_id("o", c["key"]))}" '
            f'data-key="{esc(c["key"])}" href="#{esc(dom_id("c", c["key"]))}">'
            f"{esc(c['text'])}</a></li>"
            for c in loose
        )
        parts.append(f'<h3>outside the tables</h3><ul class="loose">{items}</ul>')
    for sheet, cells in sheets.items():
        rows = [r for r, _ in cells]
        cols = [c for _, c in cells]
        top, bottom = min(rows), min(max(rows), min(rows) + MAX_SHEET_ROWS - 1)
        left, right = min(cols), min(max(cols), min(cols) + MAX_SHEET_COLUMNS - 1)
        letters = sheet.startswith("sheet ")
        head = "".join(
            f"<th>{_column_letters(c) if letters else c}</th>" for c in range(left, right + 1)
        )
        body = []
        for r in range(top, bottom + 1):
            tds = []
            for c in range(left, right + 1):
                cell = cells.get((r, c))
                if cell is None:
                    tds.append("<td></td>")
                    continue
                target = (
                    f"#f-{cell['findings'][0]}"
                    if cell["findings"]
                    else f"#{dom_id('c', cell['key'])}"
                )
                tds.append(
                    f'<td class="sc st-{cell["status"]}" id="{esc(dom_id("o", cell["key"]))}" '
                    f'data-key="{esc(cell["key"])}" title="{esc(cell["ref"])}">'
                    f'<a href="{esc(target)}">{esc(cell["text"])}</a></td>'
                )
            body.append(f"<tr><th>{r}</th>{''.join(tds)}</tr>")
        parts.append(
            f'<h3>{esc(sheet)}</h3><table class="sheet-grid"><tr><th></th>{head}</tr>'
            + "".join(body)
            + "</table>"
        )
    return "".join(parts)


#: A cell's text is marked in a source text only when it is this long and printed once there:
#: a short or repeated text could be another cell's.
MIN_SOURCE_NEEDLE = 4


#: Where a cell's text is printed on a source line: (start, end, class, id, href, title).
_Mark = tuple[int, int, str, str, str, str]


def _source_marks(form: dict[str, Any], lines: list[str]) -> dict[int, list[_Mark]]:
    """Where the text of each cell in a finding or doubt, and of each unplaced cell, is
    printed in ``lines``: (start, end, class, id, href, title) by line index. Only texts
    printed exactly once are marked; ``form["in_source"]`` gets the keys and notes marked."""
    whole = "\n".join(lines)
    spans: dict[int, list[_Mark]] = {}
    form["in_source"] = set()

    def place(needle: str | None, cls: str, ident: str, href: str, title: str) -> bool:
        first = (needle or "").strip().split("\n")[0].strip()
        # a long cell wraps in a dump: its head is what is printed on one line
        for needle in (first, first[:16], first[:8]):
            if len(needle) >= MIN_SOURCE_NEEDLE and whole.count(needle) == 1:
                break
        else:
            return False
        for number, line in enumerate(lines):
            start = line.find(needle)
            if start < 0:
                continue
            end = start + len(needle)
            taken = spans.setdefault(number, [])
            if any(start < e and s < end for s, e, *_ in taken):
                return False
            taken.append((start, end, cls, ident, href, title))
            return True
        return False

    cells = sorted(
        (c for c in form["cells"] if c["status"] in ("finding", "doubt")),
        key=lambda c: c["status"] != "finding",
    )
    for cell in cells:
        href = f"#f-{cell['findings'][0]}" if cell["findings"] else f"#{dom_id('c', cell['key'])}"
        title = f"{cell['key']} [{cell['status']}]"
        if place(cell["text"], f"st-{cell['status']}", dom_id("o", cell["key"]), href, title):
            form["in_source"].add(cell["key"])
    for item in form["unplaced"]:
        if place(item["text"], "st-unplaced", f"u-{item['n']}", f"#n-{item['n']}", "unplaced"):
            form["in_source"].add(f"u-{item['n']}")
    return spans


def _marked_line(line: str, spans: list[_Mark]) -> str:
    out, at = [], 0
    for start, end, cls, ident, href, title in sorted(spans):
        out.append(esc(line[at:start]))
        out.append(
            f'<a class="src {cls}" id="{esc(ident)}" href="{esc(href)}" title="{esc(title)}">'
            f"{esc(line[start:end])}</a>"
        )
        at = end
    out.append(esc(line[at:]))
    return "".join(out)


def _source_text(form: dict[str, Any], entry: Entry) -> str:
    if any(c["ref"] for c in form["cells"]):
        return _sheet_view(form) or '<p class="missing">No cell of this form has a place.</p>'
    path = Path(str(form["source"].get("file") or entry.input))
    try:
        data = path.read_bytes()
    except OSError:
        return f'<p class="missing">The source file is no longer at {esc(path)}.</p>'
    text = data.decode("utf-8", errors="replace")
    if "\x00" in text[:2000]:
        return f'<p class="missing">{esc(path)} is a binary original; open it to compare.</p>'
    cut = len(text) > MAX_SOURCE_CHARS
    lines = text[:MAX_SOURCE_CHARS].splitlines()
    spans = _source_marks(form, lines)
    body = "".join(
        f'<span class="ln" id="line-{i}">{_marked_line(line, spans.get(i - 1, []))}</span>\n'
        for i, line in enumerate(lines, 1)
    )
    more = '<p class="missing">(cut off here)</p>' if cut else ""
    return f'<h3>source text: {esc(path.name)}</h3><pre class="source">{body}</pre>{more}'


def _cell_td(cell: dict[str, Any] | None, extra: str = "") -> str:
    if cell is None:
        return "<td></td>"
    links = ""
    if cell["bbox"] or cell["ref"]:
        links = f' <a class="to-page" href="#{esc(dom_id("o", cell["key"]))}">»</a>'
    return (
        f'<td id="{esc(dom_id("c", cell["key"]))}" class="st-{cell["status"]}{extra}" '
        f'data-key="{esc(cell["key"])}">{esc(cell["text"])}{links}</td>'
    )


def _header_html(cells: dict[str, dict[str, Any]]) -> list[str]:
    parts = ['<h3>header</h3><table class="grid header">']
    for cell in cells.values():
        if cell["section"] == "form":
            label = FIELD_LABELS.get(cell["field"], cell["field"])
            parts.append(f"<tr><th>{esc(label)}</th>{_cell_td(cell)}</tr>")
    parts.append("</table>")
    return parts


def _funds_html(form: dict[str, Any], cells: dict[str, dict[str, Any]]) -> list[str]:
    funds = form["raw"].get("funds") or []
    if not funds:
        return []
    parts = ['<h3>funds (项目资金)</h3><table class="grid funds"><tr>']
    parts += [f"<th>{esc(label)}</th>" for _, label in FUND_COLUMNS]
    parts.append("</tr>")
    for i in range(len(funds)):
        parts.append("<tr>")
        parts += [_cell_td(cells.get(f"fund:{i}:{name}")) for name, _ in FUND_COLUMNS]
        parts.append("</tr>")
    parts.append("</table>")
    return parts


def _indicator_row_html(
    i: int, again: dict[str, Any], cells: dict[str, dict[str, Any]]
) -> list[str]:
    """One indicator row: its printed cells, the recomputed score and its delta."""
    delta = again.get("score_delta")
    differs = delta is not None and _nonzero(delta)
    extra = " differs" if differs else ""
    parts = [f'<tr class="{extra.strip()}">']
    for name, _ in INDICATOR_COLUMNS:
        parts.append(_cell_td(cells.get(f"indicator:{i}:{name}"), extra if name == "score" else ""))
    value = again.get("score_recomputed")
    why = again.get("not_recomputable")
    parts.append(
        f'<td class="recomputed{extra}" title="{esc(again.get("formula") or why or "")}">'
        f"{esc(value if value is not None else ('—' if why else ''))}</td>"
        f'<td class="delta{extra}">{esc(delta)}</td>'
    )
    parts.append(_cell_td(cells.get(f"indicator:{i}:deviation")))
    parts.append("</tr>")
    return parts


def _indicators_html(form: dict[str, Any], cells: dict[str, dict[str, Any]]) -> list[str]:
    recomputed = {
        r.get("row"): r for r in ((form["raw"].get("audit") or {}).get("indicators") or [])
    }
    parts = ['<h3>indicators</h3><table class="grid indicators"><tr>']
    parts += [f"<th>{esc(label)}</th>" for _, label in INDICATOR_COLUMNS]
    parts.append("<th>recomputed</th><th>Δ</th><th>偏差原因</th></tr>")
    for i in range(form["rows"]):
        parts += _indicator_row_html(i, recomputed.get(i) or {}, cells)
    parts.append("</table>")
    return parts


def _tables(form: dict[str, Any]) -> str:
    cells = {c["key"]: c for c in form["cells"]}
    parts = _header_html(cells) + _funds_html(form, cells) + _indicators_html(form, cells)
    total = [cells.get("total::weight"), cells.get("total::score")]
    parts.append('<h3>total</h3><table class="grid total"><tr><th>分值</th><th>得分</th></tr><tr>')
    parts += [_cell_td(c) for c in total]
    parts.append("</tr></table>")
    return "".join(parts)


def _nonzero(value: Any) -> bool:
    from decimal import Decimal, InvalidOperation

    try:
        return Decimal(str(value)) != 0
    except (InvalidOperation, ValueError):
        return False


def _scores(form: dict[str, Any]) -> str:
    if not form["scores"]:
        return ""
    rows = []
    for line in form["scores"]:
        cls = ' class="differs"' if line["differs"] else ""
        label = esc(line["label"])
        if line["key"] and any(c["key"] == line["key"] for c in form["cells"]):
            label = f'<a href="#{esc(dom_id("c", line["key"]))}">{label}</a>'
        rows.append(
            f"<tr{cls}><th>{label}</th><td>{esc(line['reported'])}</td>"
            f"<td>{esc(line['recomputed'])}</td></tr>"
        )
    return (
        '<h3>scores: reported and recomputed</h3><table class="grid scores">'
        "<tr><th></th><th>reported</th><th>recomputed</th></tr>" + "".join(rows) + "</table>"
    )


def _mark_ui(target: str) -> str:
    buttons = "".join(
        f'<button type="button" data-verdict="{v}">{v}</button>' for v in review.VERDICTS
    )
    return (
        f'<div class="mark" data-target="{esc(target)}"><span class="marks"></span>'
        f'<span class="mark-ui">{buttons}<input class="note" placeholder="note" maxlength="4000">'
        "</span></div>"
    )


def _findings(form: dict[str, Any]) -> str:
    items = []
    for f in form["findings"]:
        on_page = [k for k in f["cells"] if _has_box(form, k)]
        if on_page:
            where = (
                "on the page"
                if form["pages"] and form["source"].get("reader") == "pdf"
                else ("in the original")
            )
            href = f"#{dom_id('o', on_page[0])}"
        elif in_source := [k for k in f["cells"] if k in form.get("in_source", ())]:
            href, where = f"#{dom_id('o', in_source[0])}", "in the source"
        elif f["cells"]:
            href, where = f"#{dom_id('c', f['cells'][0])}", "in the table"
        else:
            href, where = "", "the whole form"
        link = f'<a class="to-cell" href="{esc(href)}">{esc(where)}</a>' if href else esc(where)
        kind = "doubt" if is_doubt(str(f["code"])) else f["severity"]
        items.append(
            f'<li id="f-{f["n"]}" class="finding sev-{esc(kind)}" data-code="{esc(f["code"])}">'
            f'<code>{esc(f["code"])}</code> <span class="sev">{esc(f["severity"])}</span> '
            f'{esc(f["message"])} <span class="where">→ {link}</span>'
            f"{_mark_ui(f['target'])}</li>"
        )
    if not items:
        return '<h3>findings</h3><p class="none">No finding.</p>'
    return '<h3>findings</h3><ol class="findings">' + "".join(items) + "</ol>"


def _has_box(form: dict[str, Any], key: str) -> bool:
    return any(c["key"] == key and (c["bbox"] or c["ref"]) for c in form["cells"])


def _doubts(form: dict[str, Any], meta: dict[str, Any]) -> str:
    items = []
    found = meta.get("found") or {}
    for d in form["doubts"]:
        href = f"#{dom_id('c', d['cells'][0])}" if d["cells"] else ""
        link = f' <a class="to-cell" href="{esc(href)}">→ cell</a>' if href else ""
        items.append(
            f'<li id="n-{d["n"]}" class="doubt"><code>{esc(d["code"])}</code> '
            f"{esc(d['message'])}{link}</li>"
        )
    for u in form["unplaced"]:
        boxed = u["page"] and u["text"] and found.get(f"{u['page']}|{u['text']}")
        link = f' <a class="to-cell" href="#u-{u["n"]}">→ on the page</a>' if boxed else ""
        if f"u-{u['n']}" in form.get("in_source", ()):
            link = f' <a class="to-cell" href="#u-{u["n"]}">→ in the source</a>'
        page = f" (page {u['page']})" if u["page"] else ""
        items.append(
            f'<li id="n-{u["n"]}" class="doubt unplaced"><code>{esc(u["code"])}</code>{page} '
            f"「{esc(u['text'])}」 {esc(u['message'])}{link}</li>"
        )
    if not items:
        return ""
    return '<h3>reading doubts</h3><ul class="doubts">' + "".join(items) + "</ul>"


def write_form(
    report: Path, entry: Entry, form: dict[str, Any], meta: dict[str, Any] | None
) -> None:
    n_forms = len(entry.forms)
    if form["pages"] and meta is not None:
        left = _page_images(form, entry, meta, not meta.get("missing"))
    else:
        left = _source_text(form, entry)
    info = {"input": entry.input, "sha256": entry.sha256, "form": form["index"], "name": entry.name}
    nav = [f'<a href="../index.html">index</a> / {esc(entry.name)}']
    if n_forms > 1:
        nav.append(
            " · forms: "
            + " ".join(
                f'<a href="../{form_href(entry, i)}">{i + 1}</a>'
                if i != form["index"]
                else f"<b>{i + 1}</b>"
                for i in range(n_forms)
            )
        )
    legend = "".join(
        f'<span class="key st-{s}">{label}</span>'
        for s, label in (
            ("read", "read"),
            ("doubt", "read with doubt"),
            ("finding", "part of a finding"),
            ("unplaced", "unplaced text"),
        )
    )
    status = form["status"]
    incomplete = "" if form["complete"] else ' <span class="badge st-has-doubts">incomplete</span>'
    body = f"""
<header class="top form-top"><nav>{"".join(nav)}</nav>
<h1>{esc(form["project_name"] or form["title"] or entry.name)}</h1>
<p class="sub">{esc(form["department"])} · {esc(form["year"])} · {esc(entry.input)} ·
reader {esc(form["source"].get("reader"))} ·
<span class="badge st-{esc(status.replace(" ", "-"))}" id="form-status">{esc(status)}</span>
{incomplete}</p>
{_mark_ui("form")}
<p class="legend">{legend}</p></header>
<main class="layout"><section class="pages" id="pages">{left}</section>
<section class="side">{_findings(form)}{_doubts(form, meta or {})}{_scores(form)}
{_tables(form)}</section></main>
<script id="form-data" type="application/json">{script_json(info)}</script>
"""
    title = f"{entry.name} · form {form['index'] + 1}"
    _write(report / form_href(entry, form["index"]), _page(title, body, 1))


# -- the whole report -----------------------------------------------------------------------


def _copy_assets(report: Path) -> None:
    target = report / "assets"
    target.mkdir(parents=True, exist_ok=True)
    package = resources.files("selfeval.report") / "assets"
    for name in ASSETS:
        _write(target / name, (package / name).read_text(encoding="utf-8"))


def _render_jobs(report: Path, entries: list[Entry]) -> dict[str, images.RenderJob]:
    """One render job per distinct PDF content (two inputs with one content share images)."""
    pages: dict[str, set[int]] = {}
    searches: dict[str, set[tuple[int, str]]] = {}
    pdfs: dict[str, str] = {}
    for entry in entries:
        if not entry.sha256:
            continue
        for form in entry.forms:
            if form["source"].get("reader") != "pdf" or not form["pages"]:
                continue
            folder = str(report / "img" / images.folder_name(entry.sha256))
            pdfs.setdefault(folder, str(form["source"].get("file") or entry.input))
            pages.setdefault(folder, set()).update(form["pages"])
            searches.setdefault(folder, set()).update(
                (u["page"], u["text"]) for u in form["unplaced"] if u["page"] and u["text"]
            )
    return {
        folder: images.RenderJob(
            pdfs[folder], folder, tuple(sorted(pages[folder])), tuple(sorted(searches[folder]))
        )
        for folder in pdfs
    }


def _read_run(out: Path) -> Any:
    try:
        return json.loads((out / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _render_images(
    report: Path, entries: list[Entry], workers: int, limits: Limits | None
) -> tuple[dict[str, dict[str, Any]], list[tuple[str, str]]]:
    """Render the page images, drop those of contents no longer in the output:
    (meta by image folder, (PDF, error) of renders stopped at a limit)."""
    jobs = _render_jobs(report, entries)
    missing = {f for f, job in jobs.items() if not Path(job.pdf).is_file()}
    todo = [j for f, j in jobs.items() if f not in missing]
    metas = images.render_all(todo, workers=workers, limits=limits)
    for folder in missing:
        metas[folder] = {"missing": True}
    for stale in (report / "img").glob("*") if (report / "img").is_dir() else ():
        if str(stale) not in jobs:  # images of file contents no longer in the output
            shutil.rmtree(stale, ignore_errors=True)
    stopped = [(j.pdf, metas[j.folder]["error"]) for j in todo if metas[j.folder].get("stopped")]
    return metas, stopped


def _write_forms(report: Path, entries: list[Entry], metas: dict[str, dict[str, Any]]) -> int:
    """Write every form's page, remove those of inputs no longer there; the forms written."""
    n_forms = 0
    written = set()
    for entry in entries:
        for form in entry.forms:
            folder = str(report / "img" / images.folder_name(entry.sha256 or ""))
            meta = metas.get(folder) if form["source"].get("reader") == "pdf" else None
            write_form(report, entry, form, meta)
            written.add(form_href(entry, form["index"]).removeprefix("forms/"))
            n_forms += 1
    for page in (report / "forms").glob("*.html"):  # forms of inputs no longer there
        if page.name not in written:
            page.unlink(missing_ok=True)
    return n_forms


def build_report(out: str | Path, *, workers: int = 0, limits: Limits | None = None) -> ReportStats:
    """Write ``OUT/report/`` from the extract outputs in ``out``."""
    started = time.monotonic()
    out = Path(out)
    if not out.is_dir():
        raise FileNotFoundError(str(out))
    report = out / REPORT_DIR
    (report / "forms").mkdir(parents=True, exist_ok=True)
    _copy_assets(report)
    entries = load_entries(out)
    run = _read_run(out)
    metas, stopped = _render_images(report, entries, workers, limits)
    stats = ReportStats(inputs=len(entries), path=report)
    stats.stopped = stopped
    stats.forms += _write_forms(report, entries, metas)
    write_index(report, entries, run)
    write_marks(out, {e.input: e.sha256 for e in entries})
    stats.pages_rendered = sum(meta.get("rendered", 0) for meta in metas.values())
    stats.seconds = round(time.monotonic() - started, 3)
    return stats


def remove_report(out: Path) -> None:
    """Remove ``OUT/report/`` (images included)."""
    shutil.rmtree(Path(out) / REPORT_DIR, ignore_errors=True)
