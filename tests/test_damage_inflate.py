"""The damage check's inflate (``extract.pdf.damage._inflates``): python-isal's and the standard
library's zlib give the same verdict on whole, cut and corrupted FlateDecode streams."""

from __future__ import annotations

import zlib
from typing import Any

import pytest
from isal import isal_zlib
from pdfminer.pdftypes import PDFStream
from pdfminer.psparser import LIT

from selfeval.extract.pdf import damage

_DATA = zlib.compress("年度资金总额 492.000000 ".encode() * 500)


def _stream(raw: bytes) -> PDFStream:
    return PDFStream({"Filter": LIT("FlateDecode"), "Length": len(raw)}, raw)


@pytest.mark.parametrize("module", [isal_zlib, zlib], ids=["isal", "zlib"])
@pytest.mark.parametrize(
    ("raw", "whole"),
    [
        (_DATA, True),
        (_DATA[: len(_DATA) // 2], False),  # cut: no end
        (_DATA[:-1] + bytes([_DATA[-1] ^ 1]), False),  # its checksum fails
        (_DATA[:20] + b"\xff\xff" + _DATA[22:], False),  # a flipped stretch
        (_DATA + b"junk", True),  # bytes after the end: the stream itself ended
    ],
    ids=["whole", "cut", "checksum", "flipped", "trailing"],
)
def test_both_inflaters_judge_alike(
    monkeypatch: pytest.MonkeyPatch, module: Any, raw: bytes, whole: bool
) -> None:
    monkeypatch.setattr(damage, "_FLATE", module)
    assert damage._inflates(_stream(raw)) is whole


def test_the_faster_inflater_is_the_one_used() -> None:
    assert damage._FLATE is isal_zlib
