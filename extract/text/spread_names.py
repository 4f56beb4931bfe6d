"""Names printed letter by letter (预   期   目   标, 得          分, 项   目   名   称): one word.

A form centres a short name in a wide cell by spreading its characters; -layout keeps the
spaces, so each character reads as a word of its own. Runs of single Chinese characters on one
line that join into a name the caller knows are one word again, the longest such run first.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from selfeval.extract.text.layout_tokens import Token

_ONE_HAN = regex.compile(r"^\p{Han}$")


def join_spread(toks: list[Token], is_name: Callable[[str], object]) -> list[Token]:
    """``toks`` (one line's, left to right) with each run of single characters that joins
    into a name (``is_name`` of the joined text is true) as one token spanning the run."""
    out: list[Token] = []
    i = 0
    while i < len(toks):
        j = i
        while j < len(toks) and _ONE_HAN.match(toks[j].text):
            j += 1
        for end in range(j, i + 1, -1):  # the longest run from i that is a name
            text = "".join(t.text for t in toks[i:end])
            if is_name(text):
                out.append(Token(text, toks[i].line, toks[i].x0, toks[end - 1].x1))
                i = end
                break
        else:
            out.append(toks[i])
            i += 1
    return out
