"""Radical folding: both radical blocks fold as Unicode's EquivalentUnifiedIdeograph.txt says.

extract/pdf/radicals.json is written by tools/make_radicals.py from that file. A copy of the
file (Unicode's terms allow it) is kept in tests/data/unicode/, so the tests parse it themselves
and compare every code point on any machine; they also check spot values read off the file by
hand, that the map covers every assigned code point of both blocks, and that every radical
folds to a unified ideograph.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from importlib import resources

import pytest

from selfeval.extract.pdf.glyphs import clean_string, fold_char, fold_glyphs
from selfeval.extract.vocabulary import label_key
from tests.conftest import ROOT

UNICODE_FILE = ROOT / "tests" / "data" / "unicode" / "EquivalentUnifiedIdeograph.txt"
SUPPLEMENT = range(0x2E80, 0x2EFF + 1)
KANGXI = range(0x2F00, 0x2FDF + 1)
# CJK Unified Ideographs, Extension A, and Extensions B-H (planes 2 and 3)
UNIFIED = (range(0x4E00, 0x9FFF + 1), range(0x3400, 0x4DBF + 1), range(0x20000, 0x323AF + 1))

DOC = json.loads(
    resources.files("selfeval.extract.pdf").joinpath("radicals.json").read_text("utf-8")
)
MAP = {int(k.removeprefix("U+"), 16): v for k, v in DOC["map"].items()}
UNLISTED = {int(k.removeprefix("U+"), 16) for k in DOC["unlisted"]}


def _assigned(block: range) -> list[int]:
    return [cp for cp in block if unicodedata.category(chr(cp)) != "Cn"]


def _unified(ch: str) -> bool:
    return len(ch) == 1 and any(ord(ch) in block for block in UNIFIED)


# -- spot values, checked by hand against EquivalentUnifiedIdeograph-15.0.0.txt -------------
@pytest.mark.parametrize(
    ("radical", "ideograph"),
    [
        ("\u2ee2", "马"),  # ⻢ C-SIMPLIFIED HORSE -> 9A6C (was 讠)
        ("\u2ee9", "黄"),  # ⻩ SIMPLIFIED YELLOW -> 9EC4 (was 门)
        ("\u2ee3", "骨"),  # ⻣ BONE -> 9AA8 (was 贝)
        ("\u2ee4", "鬼"),  # ⻤ GHOST -> 9B3C (was 车)
        ("\u2eea", "黾"),  # ⻪ C-SIMPLIFIED FROG -> 9EFE (was 门)
        ("\u2ecf", "邑"),  # ⻏ CITY -> 9091 (was 阝)
        ("\u2ed6", "阝"),  # ⻖ MOUND TWO -> 961D
        ("\u2ed4", "门"),  # ⻔ C-SIMPLIFIED GATE -> 95E8
        ("\u2ed8", "青"),  # ⻘ BLUE -> 9752
        ("\u2ee5", "鱼"),  # ⻥ C-SIMPLIFIED FISH -> 9C7C
        ("\u2ed3", "长"),  # ⻓ C-SIMPLIFIED LONG -> 957F
        ("\u2eda", "页"),  # ⻚ C-SIMPLIFIED LEAF -> 9875
        ("\u2e8b", "\u353e"),  # ⺋ SEAL -> 353E 㔾, CJK Extension A
        ("\u2eae", "\U00025ad7"),  # ⺮ BAMBOO -> 25AD7 𥫗, outside the BMP
        ("\u2e8c", "小"),  # ⺌ SMALL ONE, from the range 2E8C..2E8D ; 5C0F
        ("\u2e8d", "小"),  # ⺍ SMALL TWO
        ("\u2f6c", "目"),  # ⽬ KANGXI EYE -> 76EE
        ("\u2f00", "一"),  # ⼀ KANGXI ONE -> 4E00
        ("\u2fd5", "龠"),  # ⿕ KANGXI FLUTE -> 9FA0, the last Kangxi radical
    ],
)
def test_radical_spot_values(radical: str, ideograph: str) -> None:
    assert MAP[ord(radical)] == ideograph
    assert fold_char(radical) == ideograph


def test_map_header_names_its_source() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", DOC["unicode_version"])
    assert DOC["source"].startswith(f"EquivalentUnifiedIdeograph-{DOC['unicode_version']}.txt")
    assert list(DOC["map"]) == sorted(DOC["map"], key=lambda k: int(k[2:], 16))


def test_map_covers_every_assigned_radical() -> None:
    """Each assigned code point of both blocks is mapped or listed as having no equivalent."""
    assigned = _assigned(SUPPLEMENT) + _assigned(KANGXI)
    assert len(assigned) == 329  # 115 supplement (2E9A unassigned) + 214 Kangxi
    assert [cp for cp in assigned if cp not in MAP and cp not in UNLISTED] == []
    assert set(MAP) | UNLISTED <= set(assigned)
    assert not set(MAP) & UNLISTED
    assert UNLISTED == {0x2E80}  # CJK RADICAL REPEAT


def test_every_radical_folds_to_a_unified_ideograph() -> None:
    for cp in _assigned(KANGXI):
        assert _unified(fold_char(chr(cp))), f"U+{cp:04X}"
    for cp, target in MAP.items():
        assert _unified(target), f"U+{cp:04X} -> {target!r}"


def test_kangxi_radicals_agree_with_nfkc() -> None:
    """NFKC already folds the Kangxi block; the file gives the same ideograph for all 214."""
    for cp in _assigned(KANGXI):
        assert fold_char(chr(cp)) == unicodedata.normalize("NFKC", chr(cp)), f"U+{cp:04X}"


def test_unlisted_and_unassigned_radicals_stay_as_printed() -> None:
    assert fold_char("\u2e80") == "\u2e80"  # REPEAT: no equivalent ideograph, so no guess
    assert fold_char("\u2e9a") == "\u2e9a"  # unassigned
    assert fold_char("\u2fd6") == "\u2fd6"  # unassigned


def test_other_folds_unchanged() -> None:
    assert fold_glyphs("\ufb01le") == "file"  # ligature
    assert fold_glyphs("\uf900\U0002f800") == "\u8c48\u4e3d"  # compatibility ideographs
    assert fold_glyphs("a\u00a0b\u3000c") == "a b c"
    assert (
        fold_glyphs("项目，（万元）") == "项目，（万元）"
    )  # full-width punctuation is printed text
    assert fold_char("⼀⼈") == "一人"


def test_labels_with_radicals_are_recognised() -> None:
    assert label_key("主管部⻔") == "主管部门"
    assert label_key("项⽬名称") == "项目名称"
    assert label_key("项 ⽬ 名 称：") == "项目名称"
    assert clean_string("⻢ 小 ⻘") == "马小青"


# -- against the Unicode file itself ---------------------------------------------------------
def _unicode_file() -> tuple[str, dict[int, str]]:
    text = UNICODE_FILE.read_text(encoding="utf-8")
    version = re.search(r"EquivalentUnifiedIdeograph-(\d+\.\d+\.\d+)\.txt", text)
    assert version and version.group(1) == DOC["unicode_version"], "regenerate the map"
    expected: dict[int, str] = {}
    for line in text.splitlines():
        fields = line.split("#", 1)[0].split(";")
        if len(fields) != 2:
            continue
        first, _, last = fields[0].strip().partition("..")
        for cp in range(int(first, 16), int(last or first, 16) + 1):
            expected[cp] = chr(int(fields[1], 16))
    return text, expected


def test_every_radical_folds_as_the_unicode_file_says() -> None:
    text, expected = _unicode_file()
    for cp in _assigned(SUPPLEMENT) + _assigned(KANGXI):
        ch = chr(cp)
        if cp in expected:
            assert fold_char(ch) == expected[cp], f"U+{cp:04X}"
        else:
            assert f"# {cp:04X}; " in text, f"U+{cp:04X} is neither mapped nor listed as unmapped"
            assert cp in UNLISTED
            if cp in SUPPLEMENT:
                assert fold_char(ch) == ch


def test_committed_map_is_what_the_generator_writes() -> None:
    _unicode_file()
    script = ROOT / "tools" / "make_radicals.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check", "--source", str(UNICODE_FILE)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
