"""Text rules shared by the PDF engines: glyph folding, letter-spacing, joining wrapped lines.

A PDF holds positioned glyphs, not strings. These rules rebuild the string the office typed:
CJK runs joined without spaces, Latin words keeping theirs, decorative letter-spacing
("项 目 名 称") removed, look-alike glyphs from bad ToUnicode maps folded, and hard paragraph
breaks kept only where a numbered item begins.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Iterable
from importlib import import_module, resources
from typing import Any

from selfeval.extract.vocabulary import starts_numbered_item  # the one numbered-item rule

# Fonts whose ToUnicode maps point at radicals print "⼀⼈" for "一人" and "主管部⻔" for "主管部门".
# Both radical blocks (CJK Radicals Supplement U+2E80–U+2EFF, Kangxi Radicals U+2F00–U+2FDF)
# fold to the ideograph Unicode's EquivalentUnifiedIdeograph.txt gives, read from radicals.json
# (written by tools/make_radicals.py; NFKC covers only the Kangxi block). A Kangxi radical the
# file does not list falls back to NFKC; a supplement one (U+2E80 REPEAT) is left as printed.


def _load_radicals() -> dict[str, str]:
    doc = json.loads(
        resources.files("selfeval.extract.pdf").joinpath("radicals.json").read_text("utf-8")
    )
    return {chr(int(key.removeprefix("U+"), 16)): target for key, target in doc["map"].items()}


_RADICALS = _load_radicals()
# NFKC folds Kangxi radicals, compatibility ideographs and ligatures such as "ﬁ" to the unified
# characters. Full-width punctuation is printed text and is left alone.
_NFKC_RANGES = (
    (0x2F00, 0x2FDF),
    (0xF900, 0xFAFF),
    (0xFB00, 0xFB06),
    (0x2F800, 0x2FA1F),
)


def _fold_table() -> dict[int, str]:
    """Every folded code point and its fold, for ``str.translate``: radicals by radicals.json,
    the other NFKC ranges by NFKC, no-break and ideographic spaces to a space."""
    table: dict[int, str] = {}
    for lo, hi in _NFKC_RANGES:
        for cp in range(lo, hi + 1):
            folded = unicodedata.normalize("NFKC", chr(cp))
            if folded != chr(cp):
                table[cp] = folded
    table.update((ord(radical), target) for radical, target in _RADICALS.items())
    table[0xA0] = table[0x3000] = " "
    return table


_FOLD = _fold_table()


def fold_table() -> dict[int, str]:
    """The table ``fold_glyphs`` translates by (the layout's C extension folds by it too)."""
    return _FOLD


def fold_char(ch: str) -> str:
    """One glyph's text with look-alike code points folded to the ordinary character."""
    return ch.translate(_FOLD)


def fold_glyphs(text: str) -> str:
    """``fold_char`` over a string."""
    return text.translate(_FOLD)


def is_cjk(ch: str) -> bool:
    """True for ideographs and CJK punctuation/full-width forms: text joined without spaces."""
    cp = ord(ch)
    return (
        0x2E80 <= cp <= 0x9FFF
        or 0xF900 <= cp <= 0xFAFF
        or 0xFE30 <= cp <= 0xFE4F
        or 0xFF00 <= cp <= 0xFFEF
        or 0x20000 <= cp <= 0x3FFFF
    )


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def join_groups(groups: list[str]) -> str:
    """Join the space-separated groups of one printed line.

    When every group is a single CJK character the spacing is decoration ("项 目 名 称") and is
    dropped; otherwise the gaps are real spaces ("张永锋 王兰平", "ISO 9001") and become one space.
    """
    groups = [g for g in groups if g]
    if len(groups) > 1 and all(len(g) == 1 and is_cjk(g) for g in groups):
        return "".join(groups)
    return " ".join(groups)


def join_lines(lines: Iterable[str]) -> str | None:
    """Join a cell's printed lines into its string.

    A line opening a numbered item starts a new paragraph ("\\n"); other line breaks are soft
    wraps and vanish, except between two Latin words, which keep their space.
    """
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
        elif starts_numbered_item(line):
            out += "\n" + line
        elif _is_latin(out[-1]) and _is_latin(line[0]) and not out[-1].isdigit():
            out += " " + line
        else:
            out += line
    return out or None


def clean_string(text: str | None) -> str | None:
    """Normalise a string an engine already assembled (camelot): fold, de-letter-space, re-join."""
    if text is None:
        return None
    lines = []
    for raw in fold_glyphs(text).split("\n"):
        lines.append(join_groups(raw.split()))
    return join_lines(lines)


#: ASCII characters a font may draw a full em wide; any other is at most about 0.85 em.
_WIDE_ASCII = frozenset("%@&MWmw")
_LAYOUT = "selfeval.extract.pdf.layout"


def misdrawn(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The ASCII characters of a page drawn by glyphs a full em wide, on a page that draws ASCII
    proportionally elsewhere: CJK glyphs under the wrong code, their ToUnicode entry missing or
    damaged so that the reader fell back to the glyph's number (资金拨"及时率, 12345指标). No
    clean form prints one. A page whose every ASCII glyph is a full em (a CJK font without
    widths, STSong-Light) is left alone."""
    # the C extension's switch; layout imports this module, so it is looked up when called
    layout: Any = sys.modules.get(_LAYOUT) or import_module(_LAYOUT)
    if layout.NATIVE is not None:
        native: list[dict[str, Any]] = layout.NATIVE.misdrawn(chars, _WIDE_ASCII)
        return native
    ascii_chars = [
        ch
        for ch in chars
        if "!" <= ch["text"] <= "~"  # first: rejects a CJK glyph at once
        and len(ch["text"]) == 1
        and ch["text"] not in _WIDE_ASCII
        and ch.get("upright", True)
        and ch["size"] > 0
    ]
    if not any(ch["x1"] - ch["x0"] < 0.75 * ch["size"] for ch in ascii_chars):
        return []
    return [ch for ch in ascii_chars if ch["x1"] - ch["x0"] >= 0.9 * ch["size"]]


def is_garbled(text: str) -> bool:
    """True when text comes from a font without a usable ToUnicode map ((cid:N), U+FFFD)."""
    return "(cid:" in text or "\ufffd" in text
