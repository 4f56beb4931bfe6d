"""How printed cells wrap, and how to undo it.

Spreadsheet and word-processor cells wrap at their column's width: a CJK character is one em, a
Latin letter or digit about half. Readers use these rules both to join a cell's lines back into
its text and, for text dumps, to decide whether two lines belong to the same cell at all.
"""

from __future__ import annotations

import unicodedata

import regex

from selfeval.extract.vocabulary import starts_numbered_item  # the one numbered-item rule

#: Characters that may not start a line (kinsoku): they stay with the character before them.
CLOSING = set("，。、；：？！）》」』】〕”’,.;:?!)]}%％·—…")
#: Characters that may not end a line: they go down with the character after them.
OPENING = set("（《「『【〔“‘([{")

_ASCII_WORD = regex.compile(r"[A-Za-z0-9][A-Za-z0-9.\-+/%]*")


def char_width(ch: str) -> int:
    """Display width in half-em units: 2 for CJK, full-width and ambiguous forms, 1 otherwise.

    Ambiguous-width characters (— “ ” ≥ …) are set full width by the CJK fonts these forms use.
    """
    return 2 if unicodedata.east_asian_width(ch) in "WFA" else 1


def text_width(text: str) -> int:
    return sum(char_width(ch) for ch in text)


def ambiguous_count(text: str) -> int:
    """Characters whose width depends on the font (“ ” — …): full in CJK fonts, half in others."""
    return sum(1 for ch in text if unicodedata.east_asian_width(ch) == "A")


def ascii_count(text: str) -> int:
    return sum(1 for ch in text if ord(ch) < 128 and not ch.isspace())


def lead_unit_width(text: str) -> int:
    """Width of what a line-wrapper must move as one piece from the start of ``text``.

    Opening brackets go with the next character, a Latin word or number stays whole, and
    closing punctuation stays with the character before it.
    """
    text = text.lstrip()
    i = 0
    while i < len(text) and text[i] in OPENING:
        i += 1
    if i < len(text):
        m = _ASCII_WORD.match(text, i)
        i = m.end() if m else i + 1
    while i < len(text) and text[i] in CLOSING:
        i += 1
    return text_width(text[:i])


def join_wrapped(lines: list[str], breaks: list[bool] | None = None) -> str:
    """Join a cell's printed lines back into its text.

    Nothing is inserted between CJK characters; two Latin words keep one space; a line that
    starts a numbered item (or that ``breaks`` marks as a paragraph start) begins a new
    paragraph, joined with a newline.
    """
    out = ""
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
        elif starts_numbered_item(line) or (breaks is not None and breaks[i]):
            out += "\n" + line
        elif out[-1].isascii() and out[-1].isalpha() and line[0].isascii() and line[0].isalpha():
            out += " " + line
        else:
            out += line
    return out
