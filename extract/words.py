"""Does a line break fall inside a word? jieba tells, so a cell boundary there is unlikely.

Wrapping breaks words freely, but two different cells rarely join into one word; the reader
uses this as a weak hint when the wrap rules alone allow two splits.
"""

from __future__ import annotations

import functools
import logging
import threading
from typing import Any

import regex

_HAN = regex.compile(r"^\p{Han}+$")
#: Measure words and units: a number is never printed apart from the unit that follows it.
UNIT_CHARS = frozenset(
    "次场家个项人份期批万元亿年月日天户台套亩件篇条所校名组座处辆张本届轮倍种类株吨例分只头棵%％"
)


# a year or month just ended, and the next text goes on with the month or day
_DATE_HEAD = regex.compile(r"\d[年月]$")
_DATE_TAIL = regex.compile(r"^\d{1,2}[月日号]")


_lock = threading.Lock()
_shared: Any = None


def _tokenizer() -> Any:
    global _shared
    with _lock:
        if _shared is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)  # silences "Building prefix dict..." on stderr
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            _shared = tokenizer
        return _shared


def shared_tokenizer() -> Any:
    """The process's one jieba tokenizer with jieba's own dictionary, loaded on first use
    (about 0.7 s and 50 MB): every stage segments with it or with a ``derived_tokenizer``.
    Do not add words to it; the text reader's word hints must not depend on what ran before."""
    return _tokenizer()


def derived_tokenizer() -> Any:
    """A new tokenizer that starts with the shared one's dictionary (copied: a few tens of
    milliseconds, no second load), for a stage that adds its own words."""
    import jieba

    base = _tokenizer()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ = dict(base.FREQ)
    tokenizer.total = base.total
    tokenizer.initialized = True
    return tokenizer


@functools.lru_cache(maxsize=65536)
def word_spans_break(before: str, after: str) -> int:
    """The length of the word (number and unit, or date) that runs across ``before|after``, else 0.

    Longer words are rarer by chance, so the caller can weigh a long one more.
    """
    left, right = before[-4:], after[:4]
    if left and right and left[-1].isdigit() and right[0] in UNIT_CHARS:
        return 2
    if _DATE_HEAD.search(left) and _DATE_TAIL.match(after):
        return 3  # a date goes on: "2021年 | 12月底前", "10月 | 15日"
    if not left or not right or not (_HAN.match(left[-1]) and _HAN.match(right[0])):
        return 0
    cut = len(left)
    pos = 0
    for token in _tokenizer().cut(left + right, HMM=False):
        end = pos + len(token)
        if pos < cut < end and len(token) >= 2 and _HAN.match(token):
            return len(token)
        pos = end
    return 0
