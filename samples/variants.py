"""Variants of the validation forms: the same cells printed in harmlessly different ways.

Each validation PDF stands for a class of real files (see ../shared/validation/README.md). This
module reprints the cells of its single-form goldens as an HTML table with rowspan/colspan and
has headless Chromium print it, varying what real web systems vary: font face and size, column
widths, cell padding, page orientation (so rows break across pages at other places), the spaced
labels of some provinces, a 绩效指标 column or none. The golden of every variant is its source
golden, unchanged: the printed cell strings are the same by construction.

    python -m samples.variants OUT_DIR [--count N] [--seed S]

writes ``OUT_DIR/<name>.pdf`` and ``OUT_DIR/manifest.json`` (variant name -> source golden and
the options drawn), and scores every variant with both engines (``--score``: score only).
``--small`` respells long free text from a small alphabet (``compact``) so that the PDFs embed
few glyphs, and repacks them with qpdf; their goldens are written beside them. Needs
/usr/bin/chromium (and qpdf for ``--small``); the tests
(tests/test_pdf_variants.py) read the committed PDFs under tests/data/variants only.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import shutil
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
VALIDATION = ROOT.parent / "shared" / "validation" / "pdf"
#: The single-form goldens the variants are made from.
SOURCES = ("seed_form", "real016_docx", "real001_html", "real019_xlsx")
FONTS = (
    "WenQuanYi Zen Hei",
    "WenQuanYi Zen Hei Sharp",
    "WenQuanYi Zen Hei Mono",
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "AR PL UMing CN",
)

Record = dict[str, Any]


@dataclass(frozen=True)
class Style:
    """The harmless differences one variant is printed with."""

    font: str
    size_pt: float
    padding_px: int
    landscape: bool
    spaced_labels: bool  # "项 目 名 称" as some province templates type them
    block_column: bool  # a 绩效指标 column spanning all indicator rows
    widths: tuple[int, ...]  # relative widths of the indicator grid's columns
    rule_px: float
    split_tables: bool = False  # one table per block, as web reporting systems print them
    repeat_head: bool = False  # the grid header in <thead>: Chromium repeats it on every page
    spacing_px: int = 0  # border-spacing of separate borders (old systems' cellspacing=1)
    valign_top: bool = False
    flat_labels: bool = False  # 一级/二级 printed on every row instead of merged cells
    margin_mm: int = 15


def _e(text: object) -> str:
    """Escaped cell text; a line break in the golden is a line break in the cell."""
    if text is None:
        return ""
    return html.escape(str(text)).replace("\n", "<br>")


def _label(text: str, style: Style) -> str:
    return " ".join(text) if style.spaced_labels else text


def _split_target(form: Record) -> bool:
    return any("target_parts" in r for r in form["indicators"])


def _family_c(form: Record) -> bool:
    """Sichuan family C: rate before weight, 权重 and 完成值 as headings."""
    return str(form["funds"][0]["item"]) == "总额"


def _spans(values: list[object]) -> list[int]:
    """Rowspan of each run of equal consecutive values (0 inside a run)."""
    out = [0] * len(values)
    i = 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and values[j + 1] == values[i]:
            j += 1
        out[i] = j - i + 1
        i = j + 1
    return out


def _title(form: Record) -> str:
    title, year = str(form["title"]), str(form["year"])
    if year in title:
        return f"<h1>{_e(title)}</h1>"
    return f"<h1>{_e(title)}</h1><h2>（{year}年度）</h2>"


def _header(form: Record, style: Style, ncols: int) -> str:
    span = ncols - 1
    half = (ncols - 2) // 2
    rest = ncols - 2 - half
    rows = [
        f"<tr><td colspan=1>{_label('项目名称', style)}</td>"
        f"<td colspan={span} class=l>{_e(form['project_name'])}</td></tr>",
        f"<tr><td>{_label('主管部门', style)}</td><td colspan={half} class=l>"
        f"{_e(form['department'])}</td><td>{_label('实施单位', style)}</td>"
        f"<td colspan={rest} class=l>{_e(form['implementer'])}</td></tr>",
    ]
    if form.get("managers") or form.get("phone"):
        rows.append(
            f"<tr><td>{_label('项目负责人', style)}</td><td colspan={half} class=l>"
            f"{_e(form['managers'])}</td><td>{_label('联系电话', style)}</td>"
            f"<td colspan={rest} class=l>{_e(form['phone'])}</td></tr>"
        )
    return "".join(rows)


def _funds(form: Record, style: Style, ncols: int) -> str:
    unit = (form.get("extra") or {}).get("资金单位", "万元")
    if _family_c(form):
        heads = ("年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分")
        keys = ("budget_initial", "budget_full", "executed", "rate", "weight", "score")
        label = f"预算执行情况（{form['funds'][0]['weight']}分）"
    else:
        heads = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
        keys = ("budget_initial", "budget_full", "executed", "weight", "rate", "score")
        label = f"项目资金（{unit}）"
    funds = form["funds"]
    item_span = ncols - 1 - len(heads)
    rows = [
        f"<tr><td rowspan={len(funds) + 1}>{_label(label, style)}</td>"
        f"<td colspan={item_span}></td>" + "".join(f"<td>{h}</td>" for h in heads) + "</tr>"
    ]
    for fund in funds:
        rows.append(
            f"<tr><td colspan={item_span} class=l>{_e(fund['item'])}</td>"
            + "".join(f"<td>{_e(fund[k])}</td>" for k in keys)
            + "</tr>"
        )
    return "".join(rows)


def _goals(form: Record, style: Style, ncols: int) -> str:
    half = (ncols - 1) // 2
    rest = ncols - 1 - half
    goals = form["goals"]
    return (
        f"<tr><td rowspan=2>{_label('年度总体目标', style)}</td><td colspan={half}>预期目标</td>"
        f"<td colspan={rest}>实际完成情况</td></tr>"
        f"<tr><td colspan={half} class=l>{_e(goals['expected'])}</td>"
        f"<td colspan={rest} class=l>{_e(goals['actual'])}</td></tr>"
    )


def _grid_heads(form: Record, style: Style) -> list[str]:
    c = _family_c(form)
    done, weight = ("完成值", "权重") if c else ("实际完成值", "分值")
    why = "未完成原因分析" if c else "偏差原因分析及改进措施"
    lead = [_label("一级指标", style), _label("二级指标", style), _label("三级指标", style)]
    if _split_target(form):
        return [*lead, "指标性质", "指标值", "度量单位", done, weight, "得分", why]
    return [*lead, "年度指标值", done, weight, "得分", why]


def _indicators(form: Record, style: Style) -> str:
    rows_in = form["indicators"]
    split = _split_target(form)
    heads = _grid_heads(form, style)
    block = style.block_column and not style.repeat_head
    lead = f"<td rowspan={len(rows_in) + 1}>{_label('绩效指标', style)}</td>"
    out = ["<tr>" + (lead if block else "")]
    out[0] += "".join(f"<td>{h}</td>" for h in heads) + "</tr>"
    if style.repeat_head:
        out[0] = f"<thead>{out[0]}</thead><tbody>"
    span1 = _spans([r["level1"] for r in rows_in])
    span2 = _spans([(r["level1"], r["level2"]) for r in rows_in])
    if style.flat_labels:
        span1 = span2 = [1] * len(rows_in)
    for n, row in enumerate(rows_in):
        cells = []
        if span1[n]:
            cells.append(f"<td rowspan={span1[n]}>{_e(row['level1'])}</td>")
        if span2[n]:
            cells.append(f"<td rowspan={span2[n]}>{_e(row['level2'])}</td>")
        cells.append(f"<td class=l>{_e(row['level3'])}</td>")
        if split:
            parts = row.get("target_parts") or [None, row["target"], None]
            cells += [f"<td>{_e(p)}</td>" for p in parts]
        else:
            cells.append(f"<td>{_e(row['target'])}</td>")
        for key in ("actual", "weight", "score"):
            cells.append(f"<td>{_e(row[key])}</td>")
        cells.append(f"<td class=l>{_e(row['deviation'])}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "".join(out) + ("</tbody>" if style.repeat_head else "")


def _total(form: Record, style: Style, ncols: int) -> str:
    grade = (form.get("extra") or {}).get("自评等级")
    span = ncols - 3
    return (
        f"<tr><td colspan={span}>{_label('总分', style)}</td><td>{_e(form['total']['weight'])}"
        f"</td><td>{_e(form['total']['score'])}</td><td>{_e(grade)}</td></tr>"
    )


def page(form: Record, style: Style) -> str:
    """The whole form as one HTML page: one table, as web reporting systems print it."""
    block = style.block_column and not style.repeat_head
    ncols = len(_grid_heads(form, style)) + (1 if block else 0)
    widths = style.widths[-ncols:] if len(style.widths) >= ncols else (1,) * ncols
    cols = "".join(f"<col style='width:{w}%'>" for w in _percent(widths))
    orientation = "landscape" if style.landscape else "portrait"
    collapse = "separate" if style.spacing_px else "collapse"
    valign = "top" if style.valign_top else "middle"
    css = (
        f"@page{{size:A4 {orientation};margin:{style.margin_mm}mm}}"
        f"body{{font-family:'{style.font}';font-size:{style.size_pt}pt}}"
        "h1{font-size:1.6em;text-align:center;margin:0}"
        "h2{font-size:1.1em;text-align:center;font-weight:normal;margin:0 0 0.6em}"
        f"table{{border-collapse:{collapse};border-spacing:{style.spacing_px}px;width:100%;"
        "table-layout:fixed;margin:0}"
        f"td{{border:{style.rule_px}px solid #000;padding:{style.padding_px}px;"
        f"text-align:center;vertical-align:{valign};word-wrap:break-word}}"
        "td.l{text-align:left}"
    )
    blocks = [
        _header(form, style, ncols),
        _funds(form, style, ncols),
        _goals(form, style, ncols),
        _indicators(form, style) + _total(form, style, ncols),
    ]
    if style.repeat_head or style.split_tables:  # the grid in a table of its own
        blocks = ["".join(blocks[:3]), blocks[3]] if not style.split_tables else blocks
    else:
        blocks = ["".join(blocks)]
    tables = "".join(f"<table><colgroup>{cols}</colgroup>{b}</table>" for b in blocks)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>{css}</style></head><body>"
        f"{_title(form)}{tables}</body></html>"
    )


def _percent(widths: tuple[int, ...]) -> list[float]:
    total = sum(widths)
    return [round(100 * w / total, 2) for w in widths]


def draw_style(rng: random.Random) -> Style:
    """One variant's options, drawn from ``rng``."""
    widths = tuple(rng.randint(6, 14) for _ in range(12))
    return Style(
        font=rng.choice(FONTS),
        size_pt=rng.choice((9.0, 9.5, 10.0, 10.5, 11.0, 12.0)),
        padding_px=rng.randint(1, 6),
        landscape=rng.random() < 0.4,
        spaced_labels=rng.random() < 0.3,
        block_column=rng.random() < 0.5,
        widths=widths,
        rule_px=rng.choice((0.5, 1.0, 1.5)),
        split_tables=rng.random() < 0.3,
        repeat_head=rng.random() < 0.4,
        spacing_px=rng.choice((0, 0, 0, 1, 2)),
        valign_top=rng.random() < 0.3,
        flat_labels=rng.random() < 0.25,
        margin_mm=rng.choice((10, 15, 20, 25)),
    )


def pack(pdf: Path) -> None:
    """Repack a PDF with qpdf into object streams: the same objects, a third of the bytes
    (Chromium writes its tagged structure tree uncompressed). For the committed variants."""
    packed = pdf.with_suffix(".packed.pdf")
    cmd = ["qpdf", "--object-streams=generate", "--compression-level=9", "--recompress-flate"]
    subprocess.run([*cmd, str(pdf), str(packed)], check=True)
    packed.replace(pdf)


def print_pdf(page_html: str, out: Path) -> None:
    """Print one HTML page to PDF with headless Chromium, no header or footer."""
    exe = shutil.which("chromium") or "/usr/bin/chromium"
    with tempfile.TemporaryDirectory(prefix="variants-") as tmp:
        src = Path(tmp) / "form.html"
        src.write_text(page_html, encoding="utf-8")
        cmd = [
            exe,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={tmp}/profile",
            "--no-pdf-header-footer",
            f"--print-to-pdf={out}",
            src.as_uri(),
        ]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


#: Free text of a compact variant is spelled with these (no label or keyword of a form).
PLAIN = "春夏秋冬东南西北山川日月风云花草木石江河湖海松竹梅兰红黄蓝绿晴雨雪霜"
FREE_TEXT = ("target", "actual", "deviation")


def compact(form: Record) -> Record:
    """The form with its long free text respelled from a small alphabet: the same lengths,
    punctuation, digits and line breaks (so the same page breaks and row heights), but few
    distinct glyphs, so that a printed variant embeds small fonts. Labels are kept."""

    def respell(text: object) -> object:
        if not isinstance(text, str) or len(text) <= 8:
            return text
        return "".join(
            PLAIN[ord(ch) % len(PLAIN)] if "\u4e00" <= ch <= "\u9fff" else ch for ch in text
        )

    out: Record = json.loads(json.dumps(form))
    out["goals"] = {k: respell(v) for k, v in form["goals"].items()}
    for row in out["indicators"]:
        for key in FREE_TEXT:
            if "target_parts" not in row or key != "target":
                row[key] = respell(row[key])
    out.pop("extra", None)
    out["extra"] = {
        k: v for k, v in (form.get("extra") or {}).items() if k in ("资金单位", "自评等级")
    }
    return out


def make(out_dir: Path, count: int, seed: int, small: bool = False) -> dict[str, Record]:
    """Write ``count`` variants (sources in turn) and return the manifest. ``small``: the
    forms respelled by ``compact``, their goldens (``compact-SOURCE.golden.json``) beside."""
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Record] = {}
    for n in range(count):
        source = SOURCES[n % len(SOURCES)]
        form = json.loads((VALIDATION / f"{source}.golden.json").read_text(encoding="utf-8"))
        style = draw_style(rng)
        name = f"html-{source}-{n:02d}"
        entry: Record = {"source": f"{source}.golden.json", "family": "html"}
        if small:
            form = compact(form)
            golden = out_dir / f"compact-{source}.golden.json"
            golden.write_text(json.dumps(form, ensure_ascii=False, indent=1) + "\n", "utf-8")
            entry["golden"] = golden.name
        print_pdf(page(form, style), out_dir / f"{name}.pdf")
        if small:
            pack(out_dir / f"{name}.pdf")
        manifest[name] = {**entry, **asdict(style)}
    (out_dir / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return manifest


def score(folder: Path, engine: str) -> dict[str, Any]:
    """Score every variant of ``folder`` read with ``engine`` against its source golden."""
    from golden.score import score_file  # development material, like this module
    from selfeval import extract
    from selfeval.extract.errors import ReadError

    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    scores: dict[str, Any] = {}
    for name, entry in manifest.items():
        golden = folder / entry["golden"] if "golden" in entry else VALIDATION / entry["source"]
        want = json.loads(golden.read_text(encoding="utf-8"))
        try:
            got = [f.to_dict() for f in extract.read(folder / f"{name}.pdf", engine=engine)]
        except ReadError:
            got = []
        notes = [n for f in got for n in f.get("notes") or []]
        doubts = sum(1 for n in notes if str(n.get("code", "")).startswith("reading."))
        scores[name] = (score_file(got, [want], name, squash=True), doubts)
    return scores


def report(folder: Path, engines: tuple[str, ...] = ("pdfium", "pdfplumber")) -> str:
    """A table per engine and source: rows exact/golden, emitted, wrong, cells, doubts."""
    lines = []
    for engine in engines:
        by_source: dict[str, list[int]] = {}
        for name, (s, doubts) in score(folder, engine).items():
            key = name.rsplit("-", 1)[0]
            acc = by_source.setdefault(key, [0] * 8)
            vals = (
                s.exact_rows,
                s.golden_rows,
                s.emitted_rows,
                s.wrong_rows,
                s.exact_cells,
                s.golden_cells,
                s.wrong_cells,
                doubts,
            )
            by_source[key] = [a + v for a, v in zip(acc, vals, strict=True)]
            if s.wrong_rows or s.wrong_cells or s.exact_rows < s.golden_rows:
                lines.append(f"  {engine} {name}: " + "; ".join(s.problems[:6]))
        lines.append(
            f"{engine:10} {'family':24} rows exact/golden emitted wrong cells exact/golden wrong doubts"
        )
        for key, v in sorted(by_source.items()):
            lines.append(
                f"{'':10} {key:24} {v[0]:4}/{v[1]:<4} {v[2]:5} {v[3]:5}  {v[4]:4}/{v[5]:<4} {v[6]:5} {v[7]:5}"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--score", action="store_true", help="only score the PDFs in OUT")
    parser.add_argument("--small", action="store_true", help="compact forms, goldens beside")
    args = parser.parse_args()
    if not args.score:
        make(args.out, args.count, args.seed, args.small)
    print(report(args.out))


if __name__ == "__main__":
    main()
