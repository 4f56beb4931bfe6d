"""jieba word segmentation, loaded on first use and kept quiet.

A private ``jieba.Tokenizer`` (not the global one) holds the taxonomy's names and keywords as
extra words, so domain terms like 满意度 or 预算控制数 come out as single tokens without
changing jieba for anyone else in the process. It starts from a copy of the dictionary that
``extract.words`` loads once per process (``derived_tokenizer``): jieba's dictionary is read
once, whichever stage needs it first. ``import normalize`` stays fast: jieba's
dictionary (about a second to build) is only loaded when a fuzzy match or a theme needs it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

_lock = threading.Lock()
_tokenizer: Any = None
_words: set[str] = set()


def _get() -> Any:
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            from selfeval.extract.words import derived_tokenizer

            _tokenizer = derived_tokenizer()
        return _tokenizer


def add_words(words: Iterable[str]) -> None:
    """Make ``words`` whole tokens from now on (words already added are skipped)."""
    tokenizer = _get()
    with _lock:
        for word in words:
            if word and word not in _words:
                tokenizer.add_word(word)
                _words.add(word)


def tokenize(text: str) -> list[str]:
    """Words of ``text``, punctuation and spaces dropped."""
    if not text:
        return []
    return [t for t in _get().lcut(text) if t.strip() and not _is_punct(t)]


def _is_punct(token: str) -> bool:
    return all(not ch.isalnum() for ch in token)
