"""Fuzz the batch: a thousand damaged inputs made from the corpus, and what the batch made of them.

Inputs: every PDF and text dump of the corpus (samples/pdf, samples/dumps, samples/text) and of
../shared/validation, each damaged in fixed, seeded ways (``SEED``):

- PDFs: truncated; bytes flipped; the xref table damaged; a content stream damaged; a font's
  ToUnicode map damaged (entries dropped or sent to private-use code points); made encrypted;
  one page turned into an image, dropped or duplicated (with pypdfium2).
- Text dumps: truncated (also inside a character); bytes flipped; lines deleted; lines
  shuffled; a number changed; written in another encoding (GB18030, UTF-16, a BOM, mojibake).
- Hostile names and files: a 240-byte name, a GBK-encoded name, a FIFO, a symlink loop, a link
  to /dev/zero.

The batch (``python -m selfeval extract``, as a user runs it) converts them all, and the clean
sources too (the reference). Counted:

- tracebacks on stderr; hangs (the batch not done within ``HANG_SECONDS``); inputs neither
  converted nor listed in errors.csv (unaccounted); files ``crashed``;
- wrong rows without a flag: an indicator or funds row of a damaged input that is not exactly
  (whitespace aside) a row of the clean reading of its source (or, for a changed number, that
  row with the number changed), and that nothing flags: no ``reading.*``/``unplaced-cell`` note
  on the row or on its whole column or form, no error finding of the audit on the row, and the
  form not marked incomplete;
- lost rows without a flag: rows of the clean reading that a damaged input's output lacks,
  while its forms are all complete, doubt-free and add up (no total.* or funds.rate finding);
- removed whole: rows of a clean form printed wholly on a page dropped from the PDF. The damaged
  input is then a well-formed, shorter document that holds no trace of that form (nothing of
  it is left to be wrong or to flag); these rows are counted apart, not as lost.

A changed number may occur more than once in a row (``≥10个`` and ``10个``): the row is exact
when any one occurrence, or all, carry the new number.

The reference is the tool's own reading of the undamaged source (the hand goldens measure
accuracy, see bench_validation): the question here is what damage does to a reading.

``FUZZ_CODE=DIR`` runs the batch with the code of another checkout (e.g. ``git archive`` of an
earlier commit) for a before/after table, ``FUZZ_LABEL`` names the run; ``FUZZ_LIMIT=N`` keeps
the first N damaged inputs; ``FUZZ_SEED=N`` damages with another seed (the table's figures are
for the fixed one); ``FUZZ_HOSTILE=0`` leaves out the hostile names and special files
(an older batch stops at the first of them).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
WORK = ROOT / "bench/results/fuzz"
SEED = 18
HANG_SECONDS = 3600
LIMITS = ["--timeout", "60", "--max-memory", "1536"]
ROW_FIELDS = ("level1", "level2", "level3", "target", "actual", "weight", "score", "deviation")
FUND_FIELDS = ("item", "budget_initial", "budget_full", "executed", "weight", "rate", "score")


# -- the sources ---------------------------------------------------------------------------


def sources() -> tuple[list[Path], list[Path]]:
    """(PDFs, text dumps) the damaged inputs are made from, in a fixed order."""
    validation = SHARED / "validation/pdf"
    if not validation.is_dir():
        raise FileNotFoundError(f"{validation}: the validation corpus is missing")
    pdfs = sorted((ROOT / "samples/pdf").glob("*.pdf")) + sorted(validation.glob("*.pdf"))
    texts = (
        sorted((ROOT / "samples/dumps").glob("*.txt"))
        + sorted((ROOT / "samples/text").glob("*.txt"))
        + sorted(validation.glob("*.txt"))
    )
    return pdfs, texts


# -- PDF damage ------------------------------------------------------------------------------


def _truncate(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    share = rng.uniform(0.3, 0.97)
    return data[: int(len(data) * share)], f"truncated at {share:.0%}"


def _flip(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    out = bytearray(data)
    n = rng.randint(1, 12)
    for _ in range(n):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out), f"{n} bits flipped"


def _xref(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    start = data.rfind(b"startxref")
    if rng.random() < 0.5 and start > 0:  # point startxref at nothing
        return data[:start] + b"startxref\n12\n%%EOF\n", "startxref wrong"
    out = bytearray(data)
    offsets = list(re.finditer(rb"(\d{10}) (\d{5}) n", data))
    if not offsets:
        return _flip(data, rng)[0], "xref stream flipped"
    for m in rng.sample(offsets, max(1, len(offsets) // 3)):
        value = int(m.group(1)) + rng.randint(-40, 40)
        out[m.start(1) : m.end(1)] = b"%010d" % max(0, value)
    return bytes(out), "xref offsets shifted"


_STREAM = re.compile(rb"stream\r?\n")


def _stream(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    starts = [m.end() for m in _STREAM.finditer(data)]
    if not starts:
        return _flip(data, rng)[0], "no stream: bits flipped"
    at = rng.choice(starts) + rng.randint(2, 60)
    junk = bytes(rng.randrange(256) for _ in range(rng.randint(4, 64)))
    return data[:at] + junk + data[at + len(junk) :], "stream bytes overwritten"


_OBJ = re.compile(rb"(\d+) 0 obj\s*<<(.*?)>>\s*stream\r?\n", re.S)


def _tounicode(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """Damage one ToUnicode CMap: drop some mappings, send others to private-use code points.
    The xref is dropped (both PDF libraries rebuild it), so the stream may change length."""
    edits = []
    for m in _OBJ.finditer(data):
        end = data.find(b"endstream", m.end())
        if end < 0:
            continue
        raw = data[m.end() : end].rstrip(b"\r\n")
        flate = b"FlateDecode" in m.group(2)
        try:
            body = zlib.decompress(raw) if flate else raw
        except zlib.error:
            continue
        if b"beginbfchar" in body or b"beginbfrange" in body:
            edits.append((m, end, body, flate))
    if not edits:
        return _flip(data, rng)[0], "no ToUnicode: bits flipped"
    m, end, body, flate = rng.choice(edits)
    lines = body.split(b"\n")
    pairs = [
        i
        for i, line in enumerate(lines)
        if re.match(rb"\s*<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\s*$", line)
    ]
    if not pairs:
        return _flip(data, rng)[0], "ToUnicode without bfchar: bits flipped"
    chosen = rng.sample(pairs, max(1, len(pairs) // rng.choice((4, 10, 40))))
    for n, i in enumerate(chosen):
        src = lines[i].split(b">")[0] + b">"
        lines[i] = src + b" <E%03X>" % (n % 0xFFF) if n % 2 else b""
    body = b"\n".join(lines)
    packed = zlib.compress(body) if flate else body
    head = re.sub(rb"/Length \d+( 0 R)?", b"/Length %d" % len(packed), m.group(0))
    out = data[: m.start()] + head + packed + b"\nendstream" + data[end + len(b"endstream") :]
    start = out.rfind(b"startxref")
    out = out[:start] + b"startxref\n0\n%%EOF\n"
    return out, f"ToUnicode damaged ({len(chosen)} of {len(pairs)} mappings)"


def _encrypt(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """A Standard security handler no empty password opens, added to the trailer."""
    at = data.rfind(b"trailer")
    if at < 0:
        return (ROOT / "tests/data/pdf/encrypted.pdf").read_bytes(), "encrypted (fixture)"
    dict_at = data.find(b"<<", at)
    key = bytes(rng.randrange(256) for _ in range(32)).hex().encode()
    handler = b"/Encrypt << /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >> " % (key, key)
    ids = b"" if b"/ID" in data[at:] else b"/ID [<%s> <%s>] " % (key[:32], key[:32])
    return data[: dict_at + 2] + b" " + handler + ids + data[dict_at + 2 :], "encrypted"


def _pdfium_edit(data: bytes, rng: random.Random, how: str) -> tuple[bytes, str]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        n = len(doc)
        i = rng.randrange(n)
        if how == "drop" and n > 1:
            doc.del_page(i)
        elif how == "duplicate":
            doc.import_pages(doc, [i], index=i + 1)
        else:
            how = "image"
            page = doc[i]
            width, height = page.get_size()
            bitmap = page.render(scale=0.6)
            image = pdfium.PdfImage.new(doc)
            image.set_bitmap(bitmap)
            image.set_matrix(pdfium.PdfMatrix().scale(width, height))
            new = doc.new_page(width, height, index=i)
            new.insert_obj(image)
            new.gen_content()
            doc.del_page(i + 1)
        buffer = io.BytesIO()
        doc.save(buffer)
        return buffer.getvalue(), f"page {i + 1} of {n}: {how}"
    finally:
        doc.close()


PDF_DAMAGE: dict[str, Callable[[bytes, random.Random], tuple[bytes, str]]] = {
    "truncate": _truncate,
    "flip": _flip,
    "xref": _xref,
    "stream": _stream,
    "tounicode": _tounicode,
    "encrypt": _encrypt,
    "image-page": lambda d, r: _pdfium_edit(d, r, "image"),
    "drop-page": lambda d, r: _pdfium_edit(d, r, "drop"),
    "dup-page": lambda d, r: _pdfium_edit(d, r, "duplicate"),
}


# -- text damage -----------------------------------------------------------------------------


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _delete_lines(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines = _lines(data)
    n = rng.randint(1, 3)
    for _ in range(n):
        if len(lines) > 1:
            del lines[rng.randrange(len(lines))]
    return b"\n".join(lines), f"{n} lines deleted"


def _shuffle_lines(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines = _lines(data)
    at = rng.randrange(max(1, len(lines) - 4))
    block = lines[at : at + rng.randint(2, 4)]
    rng.shuffle(block)
    lines[at : at + len(block)] = block
    return b"\n".join(lines), f"lines {at + 1}-{at + len(block)} shuffled"


_NUMBER = re.compile(rb"\d+(?:\.\d+)?")


def _change_number(data: bytes, rng: random.Random) -> tuple[bytes, str, tuple[str, str]]:
    found = list(_NUMBER.finditer(data))
    if not found:
        return data, "no number", ("", "")
    m = rng.choice(found[len(found) // 4 :])  # past the header
    old = m.group(0)
    digits = [i for i, c in enumerate(old) if chr(c).isdigit()]
    i = rng.choice(digits)
    new = old[:i] + str((int(chr(old[i])) + rng.randint(1, 8)) % 10).encode() + old[i + 1 :]
    change = (old.decode(), new.decode())
    return data[: m.start()] + new + data[m.end() :], f"number {change[0]} -> {change[1]}", change


def _encoding(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    text = data.decode("utf-8", "replace")
    how = rng.choice(("gb18030", "utf-16", "utf-8-sig", "mojibake"))
    if how == "mojibake":
        return text.encode("utf-8").decode("latin-1").encode("utf-8"), "mojibake (latin-1)"
    return text.encode(how, "replace"), f"encoded as {how}"


def _truncate_text(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    at = int(len(data) * rng.uniform(0.2, 0.99))
    return data[:at], f"truncated at byte {at}"


TEXT_DAMAGE: dict[str, Callable] = {
    "truncate": _truncate_text,
    "flip": _flip,
    "delete-lines": _delete_lines,
    "shuffle-lines": _shuffle_lines,
    "change-number": _change_number,
    "encoding": _encoding,
}
TEXT_PER_SOURCE = 4


@dataclass
class Damaged:
    name: str  # file name in the input folder
    source: Path
    kind: str
    what: str
    change: tuple[str, str] | None = None


def make_inputs(
    folder: Path,
    limit: int | None = None,
    *,
    seed: int = SEED,
    hostile: bool = True,
    corpus: tuple[list[Path], list[Path]] | None = None,
    per_text: int = TEXT_PER_SOURCE,
) -> list[Damaged]:
    """Write the damaged inputs into ``folder``; the same seed gives the same bytes.
    ``corpus`` (PDFs, text dumps) replaces the full corpus (a test's small subset)."""
    rng = random.Random(seed)
    pdfs, texts = corpus or sources()
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    made: list[Damaged] = []

    def put(name: str, data: bytes, item: Damaged) -> None:
        (folder / name).write_bytes(data)
        made.append(item)

    for n, pdf in enumerate(pdfs):
        data = pdf.read_bytes()
        for kind, damage in PDF_DAMAGE.items():
            name = f"p{n:03d}-{kind}-{pdf.stem[:40]}.pdf"
            try:
                bad, what = damage(data, rng)
            except Exception as exc:  # a damage pypdfium2 could not apply: skip it, say so
                what, bad = f"not made ({type(exc).__name__})", None
            if bad is not None:
                put(name, bad, Damaged(name, pdf, kind, what))
    kinds = list(TEXT_DAMAGE)
    for n, text in enumerate(texts):
        data = text.read_bytes()
        for k in range(per_text):
            if per_text >= len(kinds):  # every kind once (and then random ones)
                kind = kinds[k] if k < len(kinds) else rng.choice(kinds)
            else:
                kind = kinds[(n + k * 2) % len(kinds)] if k < 3 else rng.choice(kinds)
            out = TEXT_DAMAGE[kind](data, rng)
            change = out[2] if len(out) == 3 else None
            name = f"t{n:03d}-{k}-{kind}-{text.name.split('.')[0][:40]}.txt"
            put(name, out[0], Damaged(name, text, kind, out[1], change))
    if limit is not None:
        keep = {d.name for d in made[:limit]}
        for d in made[limit:]:
            (folder / d.name).unlink()
        made = [d for d in made if d.name in keep]
    if hostile:
        made += _hostile(folder, texts[0] if texts else pdfs[0])
    return made


def _hostile(folder: Path, source: Path) -> list[Damaged]:
    """Names and files that once stopped a batch."""
    data = source.read_bytes()
    made = []
    long_name = "项目支出绩效自评表" * 9 + ".txt"  # 243 bytes in UTF-8
    (folder / long_name).write_bytes(data)
    made.append(Damaged(long_name, source, "long-name", "243-byte name"))
    gbk = os.fsdecode("北京项目绩效自评".encode("gbk") + b".txt")
    (folder / gbk).write_bytes(data)
    made.append(Damaged(gbk, source, "gbk-name", "GBK-encoded name"))
    special = [("fifo.txt", "fifo"), ("loop-a.pdf", "symlink-loop"), ("zero.pdf", "device")]
    with contextlib.suppress(OSError, AttributeError):
        os.mkfifo(folder / "fifo.txt")
        os.symlink("loop-b.pdf", folder / "loop-a.pdf")
        os.symlink("loop-a.pdf", folder / "loop-b.pdf")
        os.symlink("/dev/zero", folder / "zero.pdf")
        special.append(("loop-b.pdf", "symlink-loop"))
    for name, kind in special:
        if os.path.lexists(folder / name):
            made.append(Damaged(name, source, kind, kind))
    return made


# -- running and scoring ---------------------------------------------------------------------


def run_extract(inputs: Path, out: Path, code: Path, jobs: int = 2) -> dict:
    """``selfeval extract`` with ``code``'s sources, as a user runs it."""
    if out.exists():
        shutil.rmtree(out)
    env = {**os.environ, "PYTHONPATH": str(code)}
    command = [sys.executable, "-m", "selfeval", "extract", str(inputs), "--out", str(out)]
    command += ["-j", str(jobs), "--progress", "off", "-q", "--no-xlsx", *LIMITS]
    started = time.monotonic()
    try:
        done = subprocess.run(
            command, cwd=code, env=env, capture_output=True, timeout=HANG_SECONDS, check=False
        )
        stderr, rc, hung = done.stderr.decode("utf-8", "replace"), done.returncode, False
    except subprocess.TimeoutExpired as exc:
        stderr, rc, hung = (exc.stderr or b"").decode("utf-8", "replace"), None, True
    return {
        "returncode": rc,
        "hung": hung,
        "stderr": stderr,
        "seconds": time.monotonic() - started,
    }


def _display(path: str) -> str:
    raw = os.fsencode(path)
    for codec in ("utf-8", "gb18030"):
        with contextlib.suppress(UnicodeDecodeError):
            return raw.decode(codec)
    return raw.decode("utf-8", "backslashreplace")


def read_outputs(out: Path) -> tuple[dict[str, list[dict]], dict[str, str]]:
    """Forms by input file name (as the tables print it), and error codes by file name."""
    forms: dict[str, list[dict]] = {}
    for path in out.glob("*.json"):
        if path.name == "run.json":
            continue
        with contextlib.suppress(ValueError, OSError):
            for form in json.loads(path.read_text(encoding="utf-8")):
                name = Path(str((form.get("source") or {}).get("file", ""))).name
                forms.setdefault(name, []).append(form)
    errors: dict[str, str] = {}
    with contextlib.suppress(OSError), open(out / "errors.csv", encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            name = Path(row["file"]).name
            if row["code"] != "incomplete" or name not in errors:
                errors[name] = row["code"]
    return forms, errors


def _squash(value: object) -> str:
    return re.sub(r"\s+", "", str(value)) if value is not None else ""


def _rows(form: dict) -> list[tuple[str, int, tuple[str, ...]]]:
    out = []
    for section, fields in (("indicator", ROW_FIELDS), ("funds", FUND_FIELDS)):
        key = "indicators" if section == "indicator" else "funds"
        for i, row in enumerate(form.get(key) or []):
            out.append((section, i, tuple(_squash(row.get(f)) for f in fields)))
    return out


# The audit names a funds row's section "fund" (validate/findings.py), the reader's notes "funds".
_AUDIT_SECTION = {"indicator": "indicator", "funds": "fund"}


def _flagged(form: dict, section: str, row: int) -> bool:
    if not form.get("complete", True):
        return True
    for note in form.get("notes") or []:
        code = note.get("code", "")
        if not (code.startswith("reading.") or code == "unplaced-cell"):
            continue
        if note.get("section") in (None, "form"):
            return True
        if note.get("section") == section and note.get("row") in (None, row):
            return True
    for finding in (form.get("audit") or {}).get("findings") or []:
        if (
            finding.get("severity") == "error"
            and finding.get("section") == _AUDIT_SECTION[section]
            and finding.get("row") == row
        ):
            return True
    return False


def _form_doubted(form: dict) -> bool:
    if not form.get("complete", True):
        return True
    if any(
        (n.get("code", "").startswith("reading.") or n.get("code") == "unplaced-cell")
        for n in form.get("notes") or []
    ):
        return True
    return any(
        f.get("code", "").startswith(
            ("total.", "structure.partial", "funds.breakdown", "funds.rate")
        )
        for f in (form.get("audit") or {}).get("findings") or []
    )


@dataclass
class Tally:
    inputs: int = 0
    tracebacks: int = 0
    hangs: int = 0
    unaccounted: int = 0
    crashed: int = 0
    wrong_unflagged: int = 0
    lost_unflagged: int = 0
    rows_checked: int = 0
    removed_whole: int = 0  # rows of clean forms printed wholly on a dropped page
    named_errors: Counter = field(default_factory=Counter)
    by_kind: Counter = field(default_factory=Counter)  # unflagged wrong+lost rows by damage
    examples: list[str] = field(default_factory=list)


def score(
    damaged: list[Damaged], out: Path, reference: Path, run: dict, *, input_dir: Path
) -> Tally:
    tally = Tally(inputs=len(damaged))
    tally.tracebacks = run["stderr"].count("Traceback (most recent call last)")
    tally.hangs = int(run["hung"])
    forms, errors = read_outputs(out)
    clean, _ = read_outputs(reference)
    for item in damaged:
        name = _display(item.name)
        if name in errors and name not in forms:
            tally.named_errors[errors[name]] += 1
            tally.crashed += errors[name] == "crashed"
            continue
        if name not in forms:
            tally.unaccounted += 1
            tally.examples.append(f"unaccounted: {name}")
            continue
        if errors.get(name) == "crashed":
            tally.crashed += 1
        want_forms = clean.get(item.source.name, [])
        gone = _dropped_page(item)
        kept = [f for f in want_forms if gone is None or _form_pages(f) != {gone}]
        tally.removed_whole += sum(len(_rows(f)) for f in want_forms if f not in kept)
        want = Counter(r for f in kept for _, _, r in _rows(f))
        old, new = item.change if item.change and item.change[0] else ("", "")
        variants = {r: _changed(r, old, new) for r in want}
        expected = set(want) | {v for vs in variants.values() for v in vs}
        got: Counter = Counter()
        for form in forms[name]:
            for section, i, row in _rows(form):
                tally.rows_checked += 1
                got[row] += 1
                if row in expected or _flagged(form, section, i):
                    continue
                tally.wrong_unflagged += 1
                tally.by_kind[item.kind] += 1
                if len(tally.examples) < 40:
                    tally.examples.append(f"wrong: {name} ({item.what}) {section}[{i}] {row[:4]}")
        lost = 0
        for r, n in want.items():
            have = got[r] + sum(got[v] for v in variants[r])
            lost += max(0, n - have)
        if lost and not any(_form_doubted(f) for f in forms[name]):
            tally.lost_unflagged += lost
            tally.by_kind[item.kind] += lost
            if len(tally.examples) < 40:
                tally.examples.append(f"lost {lost}: {name} ({item.what})")
    return tally


def _changed(row: tuple[str, ...], old: str, new: str) -> set[tuple[str, ...]]:
    """The row with ``old`` turned into ``new`` at any one place, or everywhere."""
    if not old:
        return set()
    out = {tuple(c.replace(old, new) for c in row)}
    for i, cell in enumerate(row):
        for m in re.finditer(re.escape(old), cell):
            one = cell[: m.start()] + new + cell[m.end() :]
            out.add(row[:i] + (one,) + row[i + 1 :])
    return out - {row}


_DROPPED = re.compile(r"page (\d+) of \d+: drop")


def _dropped_page(item: Damaged) -> int | None:
    m = _DROPPED.fullmatch(item.what) if item.kind == "drop-page" else None
    return int(m.group(1)) if m else None


def _form_pages(form: dict) -> set[int]:
    where = form.get("provenance") or {}
    return {w["page"] for w in where.values() if isinstance(w, dict) and w.get("page")}


def table(rows: list[tuple[str, Tally]]) -> str:
    lines = [
        "| run | inputs | tracebacks | hangs | unaccounted | crashed | wrong rows unflagged "
        "| lost rows unflagged | rows checked | rows removed whole |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, t in rows:
        lines.append(
            f"| {label} | {t.inputs} | {t.tracebacks} | {t.hangs} | {t.unaccounted} | "
            f"{t.crashed} | {t.wrong_unflagged} | {t.lost_unflagged} | {t.rows_checked} | "
            f"{t.removed_whole} |"
        )
    return "\n".join(lines)


def fuzz(
    code: Path, label: str, limit: int | None = None, hostile: bool = True, seed: int = SEED
) -> Tally:
    inputs = WORK / "inputs"
    damaged = make_inputs(inputs, limit, hostile=hostile, seed=seed)
    clean_dir = WORK / "clean"
    if clean_dir.exists():
        shutil.rmtree(clean_dir)
    clean_dir.mkdir(parents=True)
    for src in {d.source for d in damaged}:
        shutil.copyfile(src, clean_dir / src.name)
    reference = WORK / f"reference-{label}"
    out = WORK / f"out-{label}"
    run_extract(clean_dir, reference, code)
    run = run_extract(inputs, out, code)
    tally = score(damaged, out, reference, run, input_dir=inputs)
    (WORK / f"{label}.json").write_text(
        json.dumps(
            {
                "tally": {k: v for k, v in tally.__dict__.items() if k != "examples"},
                "examples": tally.examples,
                "seconds": run["seconds"],
                "returncode": run["returncode"],
                "stderr_tail": run["stderr"][-3000:],
            },
            ensure_ascii=False,
            indent=1,
            default=dict,
        ),
        encoding="utf-8",
    )
    return tally


def run() -> str:
    limit = int(os.environ["FUZZ_LIMIT"]) if os.environ.get("FUZZ_LIMIT") else None
    code = Path(os.environ.get("FUZZ_CODE") or ROOT).resolve()
    label = os.environ.get("FUZZ_LABEL") or ("this" if code == ROOT else code.name)
    hostile = os.environ.get("FUZZ_HOSTILE", "1") != "0"  # 0: leave out the hostile names
    seed = int(os.environ.get("FUZZ_SEED") or SEED)
    tally = fuzz(code, label, limit, hostile, seed)
    lines = [
        f"seed {seed}; code {code}; limits {' '.join(LIMITS)}",
        "",
        table([(label, tally)]),
        "",
        "named errors: " + ", ".join(f"{c} {n}" for c, n in sorted(tally.named_errors.items())),
        "unflagged rows by damage: "
        + (", ".join(f"{k} {n}" for k, n in tally.by_kind.most_common()) or "none"),
        *tally.examples[:15],
    ]
    return "\n".join(lines)
