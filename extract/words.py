"""Does a line break fall inside a word? jieba tells, so a cell boundary there is unlikely.

Wrapping breaks words freely, but two different cells rarely join into one word; the reader
uses this as a weak hint when the wrap rules alone allow two splits.

This module also holds the process's one copy of jieba's dictionary (``shared_tokenizer``),
which normalize reuses (``derived_tokenizer``): it is loaded once, from a fast cache file.
"""

from __future__ import annotations

import array
import bisect
import contextlib
import functools
import json
import logging
import os
import tempfile
import threading
from pathlib import Path
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
#: Version of the on-disk form of jieba's dictionary below (bump when the format changes).
_CACHE_FORMAT = 1


class WordFreq:
    """jieba's word-frequency dictionary (``Tokenizer.FREQ``) as two sorted arrays, with the
    few words a stage adds kept in a small dict on top.

    jieba's own cache is a marshalled dict of half a million words that takes about 0.7 s to
    load; this form loads from its own cache file in about 0.05 s and answers the lookups
    jieba makes (``in``, ``[]``, ``get``, and ``[]=`` from ``add_word``) with the same values,
    so segmentation is unchanged."""

    __slots__ = ("_extra", "_freqs", "_words")

    def __init__(
        self, words: list[str], freqs: array.array[int], extra: dict[str, int] | None = None
    ):
        self._words = words  # sorted
        self._freqs = freqs  # array('q'), parallel to words
        self._extra = extra if extra is not None else {}

    def _index(self, key: str) -> int:
        i = bisect.bisect_left(self._words, key)
        return i if i < len(self._words) and self._words[i] == key else -1

    def get(self, key: str, default: Any = None) -> Any:
        if key in self._extra:
            return self._extra[key]
        i = self._index(key)
        return self._freqs[i] if i >= 0 else default

    def __contains__(self, key: object) -> bool:
        return key in self._extra or (isinstance(key, str) and self._index(key) >= 0)

    def __getitem__(self, key: str) -> int:
        if key in self._extra:
            return self._extra[key]
        i = self._index(key)
        if i < 0:
            raise KeyError(key)
        return self._freqs[i]

    def __setitem__(self, key: str, value: int) -> None:
        self._extra[key] = value

    def __len__(self) -> int:
        return len(self._words) + sum(1 for k in self._extra if self._index(k) < 0)

    def copy(self) -> WordFreq:
        """A copy sharing the (read-only) arrays: words added to it stay its own."""
        return WordFreq(self._words, self._freqs, dict(self._extra))

    @classmethod
    def from_dict(cls, freq: dict[str, int]) -> WordFreq:
        words = sorted(freq)
        return cls(words, array.array("q", (freq[w] for w in words)))

    def dump(self, path: Path, total: int) -> None:
        """Write the arrays to ``path`` (atomically: a reader never sees half a file)."""
        header = json.dumps({"format": _CACHE_FORMAT, "total": total, "words": len(self._words)})
        body = "\n".join(self._words).encode("utf-8")
        tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
        with open(tmp, "wb") as fh:
            fh.write(header.encode() + b"\n")
            fh.write(len(body).to_bytes(8, "little"))
            fh.write(body)
            fh.write(self._freqs.tobytes())
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path) -> tuple[WordFreq, int] | None:
        """The dictionary and total written by ``dump``, or None for a missing or bad file."""
        try:
            data = path.read_bytes()
            end = data.index(b"\n")
            header = json.loads(data[:end])
            size = int.from_bytes(data[end + 1 : end + 9], "little")
            words = data[end + 9 : end + 9 + size].decode("utf-8").split("\n")
            freqs = array.array("q")
            freqs.frombytes(data[end + 9 + size :])
        except (OSError, ValueError, UnicodeDecodeError):
            return None
        if header.get("format") != _CACHE_FORMAT or not len(words) == len(freqs) == header["words"]:
            return None
        return cls(words, freqs), int(header["total"])


def _cache_path(jieba: Any) -> Path:
    """Where the fast form of jieba's default dictionary is kept: beside jieba's own cache,
    named after jieba's version and its dictionary file's size and time."""
    dictionary = Path(jieba.__file__).resolve().parent / "dict.txt"
    stat = dictionary.stat()
    key = f"{jieba.__version__}-{stat.st_size}-{int(stat.st_mtime)}"
    folder = Path(jieba.dt.tmp_dir or tempfile.gettempdir())
    return folder / f"selfeval-jieba-{key}.freq"


def _tokenizer() -> Any:
    global _shared
    with _lock:
        if _shared is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)  # silences "Building prefix dict..." on stderr
            tokenizer = jieba.Tokenizer()
            try:
                path = _cache_path(jieba)
            except OSError:
                path = None
            loaded = WordFreq.load(path) if path is not None else None
            if loaded is None:
                tokenizer.initialize()  # jieba's own load (and cache), once per machine
                freq = WordFreq.from_dict(tokenizer.FREQ)
                if path is not None:
                    with contextlib.suppress(OSError):
                        freq.dump(path, tokenizer.total)
                loaded = freq, tokenizer.total
            tokenizer.FREQ, tokenizer.total = loaded
            tokenizer.initialized = True
            _shared = tokenizer
        return _shared


def shared_tokenizer() -> Any:
    """The process's one jieba tokenizer with jieba's own dictionary, loaded on first use
    (as a ``WordFreq``: about 0.05 s): every stage segments with it or with a
    ``derived_tokenizer``. Do not add words to it; the text reader's word hints must not
    depend on what ran before."""
    return _tokenizer()


def derived_tokenizer() -> Any:
    """A new tokenizer that starts with the shared one's dictionary (shared arrays, no second
    load), for a stage that adds its own words."""
    import jieba

    base = _tokenizer()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ = base.FREQ.copy()
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
