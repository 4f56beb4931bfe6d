"""Silent faults the fuzz bench found at seeds 21-23 (bench/bench_fuzz.py), each now a doubt.

Each case is a real corpus file with the bench's damage applied by hand at the place the seed hit:
the lines of a -layout dump shuffled so that a name's pieces join around another item's ★ or
指标N: head; a ToUnicode map that lost the mapping of 权, so the funds grid's 权重 heading no longer
reads and its 分值 values lie under no column; a line break of a text dump flipped to an ASCII *.
The clean file gives none of these doubts."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import selfeval.extract as extract
from selfeval.extract.checks import garbled
from selfeval.extract.record import Form, Note
from selfeval.validate import audit
from tests.conftest import SAMPLES, SEED_SAMPLE, VALIDATION


def _notes(form: Form, code: str) -> list[Note]:
    return [n for n in form.notes if n.code == code]


def _swap_lines(path: Path, first: str, second: str, tmp_path: Path) -> Path:
    """``path`` with the line holding ``first`` and the next one holding ``second`` swapped."""
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if first in line)
    below = next(i for i in range(at + 1, len(lines)) if second in lines[i])
    lines[at], lines[below] = lines[below], lines[at]
    out = tmp_path / path.name
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def test_a_core_mark_inside_a_name_is_a_doubt_and_the_form_incomplete(tmp_path: Path) -> None:
    """Seed 23: ★补助家畜家禽养 / 殖数量 printed on two lines of a -layout dump, the second moved
    above the first, read as the name 殖数量★补助家畜家禽养."""
    clean_path = SAMPLES / "dumps/2023-anhui-xiaoxian-tezhong-zhongyang-xlsx.layout.txt"
    clean = extract.read(clean_path)[0]
    assert not _notes(clean, "reading.out-of-order") and clean.complete
    assert "★补助家畜家禽养殖数量" in [r.level3.text for r in clean.indicators]
    damaged = extract.read(_swap_lines(clean_path, "★补助家畜家禽养", "殖数量", tmp_path))[0]
    names = [r.level3.text or "" for r in damaged.indicators]
    row = next(i for i, n in enumerate(names) if "★" in n and not n.startswith("★"))
    notes = _notes(damaged, "reading.out-of-order")
    assert [(n.section, n.row, n.field) for n in notes] == [("indicator", row, "level3")]
    assert not damaged.complete
    result = audit(damaged)
    assert any(f.code == "reading.out-of-order" and f.row == row for f in result.findings)


def test_an_item_number_inside_a_name_is_a_doubt(tmp_path: Path) -> None:
    """Seed 23: 指标1:美丽宜居自然 / 村数量 swapped: the row above reads 指标4:…指标1:…."""
    clean_path = (
        SAMPLES / "dumps/err-budget-overspent-2023-anhui-jinzhai-meili-xiangcun-html.layout.txt"
    )
    clean = extract.read(clean_path)[0]
    assert not _notes(clean, "reading.out-of-order") and clean.complete
    damaged = extract.read(_swap_lines(clean_path, "村数量", "指标1:美丽宜居自然", tmp_path))[0]
    heads = re.compile(r".+指标\d+[:：]")
    rows = [i for i, r in enumerate(damaged.indicators) if heads.match(r.level3.text or "")]
    assert rows and [n.row for n in _notes(damaged, "reading.out-of-order")] == rows
    assert not damaged.complete


def test_a_stray_sign_before_an_item_number_is_garbled_not_out_of_order(tmp_path: Path) -> None:
    """Seed 22: the space before 指标5: in a -layout dump flipped to ! (0x20 to 0x21): the
    name reads !指标5:…, damaged (``reading.garbled``) but not put together out of order."""
    source = VALIDATION / "bundle.layout.txt"
    data = source.read_bytes()
    at = data.index(" 指标5:举办健康教育知识讲座".encode())
    damaged_path = tmp_path / source.name
    damaged_path.write_bytes(data[:at] + b"!" + data[at + 1 :])
    forms = extract.read(damaged_path)
    rows = [
        (form, i)
        for form in forms
        for i, r in enumerate(form.indicators)
        if (r.level3.text or "").startswith("!指标5:")
    ]
    assert len(rows) == 1
    form, row = rows[0]
    assert [(n.row, n.field) for n in _notes(form, "reading.garbled")] == [(row, "level3")]
    assert not any(_notes(f, "reading.out-of-order") for f in forms)


_OBJ = re.compile(rb"(\d+) 0 obj\s*<<(.*?)>>\s*stream\r?\n", re.S)


def _drop_mapping(data: bytes, unicode: str) -> bytes:
    """``data`` with the ToUnicode line mapping a glyph to ``unicode`` emptied, as the bench's
    ``tounicode`` damage does (its xref dropped: both PDF libraries rebuild it)."""
    target = b"<%04X>" % ord(unicode)
    for m in _OBJ.finditer(data):
        end = data.find(b"endstream", m.end())
        try:
            body = zlib.decompress(data[m.end() : end].rstrip(b"\r\n"))
        except zlib.error:  # an image or font program, not a map
            continue
        lines = body.split(b"\n")
        hit = [i for i, line in enumerate(lines) if line.endswith(b"> " + target)]
        if b"beginbfchar" not in body or not hit:
            continue
        lines[hit[0]] = b""
        packed = zlib.compress(b"\n".join(lines))
        head = re.sub(rb"/Length \d+( 0 R)?", b"/Length %d" % len(packed), m.group(0))
        out = data[: m.start()] + head + packed + b"\nendstream" + data[end + len(b"endstream") :]
        return out[: out.rfind(b"startxref")] + b"startxref\n0\n%%EOF\n"
    raise AssertionError(f"no ToUnicode map holds {unicode}")


def test_funds_values_under_a_heading_not_read_are_a_doubt(tmp_path: Path) -> None:
    """Seed 22: the map of 权 lost, 权重 reads ²重: the funds 分值 (10, /, /) went unread while
    the 得分 beside them stayed. Each value left under no column is a doubt on the funds, as in
    the indicator grid; the prose of the block's 原因 column is not."""
    source = VALIDATION / "real001_html.pdf"
    clean = extract.read(source)[0]
    assert [f.weight.text for f in clean.funds][:2] == ["10", "/"]
    assert not [n for n in clean.notes if n.section == "funds"]
    damaged_path = tmp_path / source.name
    damaged_path.write_bytes(_drop_mapping(source.read_bytes(), "权"))
    damaged = extract.read(damaged_path)[0]
    assert [f.score.text for f in damaged.funds][:2] == ["10", "/"]
    assert all(f.weight.text is None for f in damaged.funds)
    unplaced = [n.text for n in _notes(damaged, "reading.columns") if n.section == "funds"]
    assert unplaced[:1] == ["10"] and unplaced.count("/") == 4
    result = audit(damaged)
    assert any(f.code == "reading.columns" and f.section == "fund" for f in result.findings)


def test_an_ascii_star_inside_a_chinese_word_is_garbled(tmp_path: Path) -> None:
    """Seed 22: the line break after 协同创新交 flipped to * (0x0A to 0x2A) in the seed dump:
    the cell reads 交*流. A * in a written-out formula is printed, not damage."""
    data = SEED_SAMPLE.read_bytes()
    at = data.index("协同创新交\n".encode()) + len("协同创新交".encode())
    damaged_path = tmp_path / SEED_SAMPLE.name
    damaged_path.write_bytes(data[:at] + bytes([data[at] ^ 0x20]) + data[at + 1 :])
    damaged = extract.read(damaged_path)[0]
    row = next(i for i, r in enumerate(damaged.indicators) if "交*流" in (r.target.text or ""))
    notes = _notes(damaged, "reading.garbled")
    assert [(n.row, n.field) for n in notes] == [(row, "target")]
    assert not _notes(extract.read(SEED_SAMPLE)[0], "reading.garbled")
    assert garbled("协同创新交*流服务平台") == ["*"]
    for printed in ("得分(20分*执行率)", "得分=分值*执行率", "3*5个", "a*b"):
        assert garbled(printed) == [], printed
