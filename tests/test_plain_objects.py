"""PlainDocument reads every object to the very values pdfminer's own document gives: on the
corpus and validation PDFs, and on copies with bytes flipped and font dictionaries spoiled."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFObjRef, PDFStream
from pdfminer.psparser import PSLiteral

from selfeval.extract.pdf.plain_objects import PlainDocument
from tests.conftest import ROOT, VALIDATION

CLEAN = sorted((ROOT / "samples/pdf").glob("*.pdf")) + sorted(VALIDATION.glob("*.pdf"))


def _shape(value: Any, depth: int = 0) -> Any:
    """A value comparable with ``==``: references by object id, streams by dictionary and bytes."""
    if depth > 40:
        return "deep"
    if isinstance(value, PDFObjRef):
        return ("ref", value.objid)
    if isinstance(value, PDFStream):
        return ("stream", _shape(value.attrs, depth + 1), value.rawdata, value.objid)
    if isinstance(value, dict):
        return ("dict", [(k, _shape(v, depth + 1)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_shape(v, depth + 1) for v in value])
    if isinstance(value, PSLiteral):
        return ("name", value.name)
    return (type(value).__name__, value)


def _objects(path: Path, plain: bool) -> Any:
    """Every object of the file's cross-reference tables, or the error reading it gives."""
    with open(path, "rb") as fh:
        try:
            doc = PlainDocument(PDFParser(fh), fh.fileno()) if plain else PDFDocument(PDFParser(fh))
        except Exception as exc:
            return ("error", type(exc).__name__)
        ids = sorted({i for xref in doc.xrefs for i in xref.get_objids()})
        out = []
        for objid in ids:
            try:
                out.append((objid, _shape(doc.getobj(objid))))
            except Exception as exc:
                out.append((objid, ("error", type(exc).__name__)))
        return out


def _spoiled(data: bytes, seed: int) -> bytes:
    """The file with a few bytes flipped and a font dictionary's tokens spoiled."""
    rng = random.Random(seed)
    out = bytearray(data)
    for _ in range(8):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    at = out.find(b"/Font")
    if at >= 0:
        cut = at + rng.randrange(5, 200)
        out[cut : cut + 3] = rng.choice([b"(x)", b"1 R", b"<<[", b"%% ", b"-.-", b"0 0"])
    return bytes(out)


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.stem)
def test_clean_objects_read_as_pdfminer_reads_them(path: Path) -> None:
    objects = _objects(path, plain=True)
    assert objects == _objects(path, plain=False)
    assert len(objects) > 5


@pytest.mark.parametrize("seed", range(3))
def test_spoiled_objects_read_as_pdfminer_reads_them(seed: int, tmp_path: Path) -> None:
    for source in sorted(VALIDATION.glob("*.pdf")):
        path = tmp_path / source.name
        path.write_bytes(_spoiled(source.read_bytes(), seed))
        assert _objects(path, plain=True) == _objects(path, plain=False), source.name


def _xrefs(path: Path, plain: bool) -> Any:
    """The file's cross-reference tables as the document read them (kind, offsets, trailer),
    its info and catalog, or the error opening it gives."""
    with open(path, "rb") as fh:
        try:
            doc = PlainDocument(PDFParser(fh), fh.fileno()) if plain else PDFDocument(PDFParser(fh))
        except Exception as exc:
            return ("error", type(exc).__name__)
        tables = [
            (type(x).__name__, getattr(x, "offsets", None), _shape(x.get_trailer()))
            for x in doc.xrefs
        ]
        return tables, _shape(doc.info), _shape(doc.catalog)


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.stem)
def test_clean_xref_tables_read_as_pdfminer_reads_them(path: Path) -> None:
    read = _xrefs(path, plain=True)
    assert read == _xrefs(path, plain=False)
    assert read[0] and read[0][0][1], "a table with offsets"


def _xref_spoiled(data: bytes, seed: int) -> bytes:
    """The file with its last cross-reference table's bytes spoiled: digits, spaces and line
    ends flipped, lines doubled, the trailer keyword or dictionary cut."""
    rng = random.Random(seed)
    start = data.rfind(b"xref")
    end = data.find(b"startxref", start + 4)
    if start < 0 or end < 0:
        return data
    table = bytearray(data[start:end])
    for _ in range(rng.randrange(1, 4)):
        at = rng.randrange(len(table))
        table[at : at + 1] = rng.choice(
            [b" ", b"  ", b"\r", b"\n", b"\r\n", b"", b"x", b"9", b"f", b"n", b"%", b"<", b"1 R"]
        )
    return data[:start] + bytes(table) + data[end:]


@pytest.mark.parametrize("seed", range(40))
def test_spoiled_xref_tables_read_as_pdfminer_reads_them(seed: int, tmp_path: Path) -> None:
    sources = sorted(VALIDATION.glob("*.pdf")) + sorted((ROOT / "samples/pdf").glob("*.pdf"))[:6]
    for source in sources:
        path = tmp_path / source.name
        path.write_bytes(_xref_spoiled(source.read_bytes(), seed * 1000 + len(source.name)))
        assert _xrefs(path, plain=True) == _xrefs(path, plain=False), source.name
        assert _objects(path, plain=True) == _objects(path, plain=False), source.name
