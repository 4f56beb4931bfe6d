"""jieba word segmentation, loaded on first use and kept quiet.

A private ``jieba.Tokenizer`` (not the global one) holds the taxonomy's names and keywords as
extra words, so domain terms like 满意度 or 预算控制数 come out as single tokens without
changing jieba for anyone else in the process. ``import normalize`` stays fast: jieba's
dictionary (about a second to build) is only loaded when a fuzzy match or a theme needs it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from typing import Any

_lock = threading.Lock()
_tokenizers: dict[frozenset[str], Any] = {}


def _tokenizer(words: frozenset[str]) -> Any:
    with _lock:
        tokenizer = _tokenizers.get(words)
        if tokenizer is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)  # silences "Building prefix dict..." on stderr
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            for word in sorted(words):
                tokenizer.add_word(word)
            _tokenizers[words] = tokenizer
        return tokenizer


def tokenize(text: str, extra_words: Iterable[str] = ()) -> list[str]:
    """Words of ``text`` (punctuation and spaces dropped)."""
    if not text:
        return []
    tokenizer = _tokenizer(frozenset(w for w in extra_words if w))
    return [t for t in tokenizer.lcut(text) if t.strip() and not _is_punct(t)]


def _is_punct(token: str) -> bool:
    return all(not ch.isalnum() for ch in token)
