"""Map printed level-1/level-2 names to taxonomy codes, and level-3 names to themes.

Order of trust: exact canonical name, then a listed synonym, then jieba-token similarity. The
level-2 name decides when the two levels disagree (a 数量指标 block printed under 项目决策 is
still output); a missing level 1 (lost merged cell, only "(50分)" left) is inferred from
level 2. Every result says how it was reached and how sure it is.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, get_args

from selfeval.normalize import taxonomy as tx
from selfeval.normalize.text import name_key, squeeze
from selfeval.normalize.tokens import add_words, tokenize

#: How a printed name was matched, most to least trusted.
Method = Literal["exact", "synonym", "inferred", "fuzzy", "unknown"]
#: One level's match: a method, or "missing" when nothing was printed at that level.
LevelMethod = Method | Literal["missing"]
METHODS: tuple[Method, ...] = get_args(Method)
CONFIDENCE = {"exact": 1.0, "synonym": 0.95}
INFERRED_FACTOR = 0.9
FUZZY_THRESHOLD = 0.6
FUZZY_FACTOR = 0.85

_extra_paths: tuple[str, ...] | None = None


def use_taxonomy(paths: Sequence[str] | None) -> None:
    """Merge these user files over the built-in taxonomy (None: back to $SELFEVAL_TAXONOMY)."""
    global _extra_paths
    _extra_paths = tuple(paths) if paths is not None else None


def current() -> tx.Taxonomy:
    """The taxonomy in use: built-in + $SELFEVAL_TAXONOMY files, or those set by use_taxonomy."""
    return tx.load(_extra_paths if _extra_paths is not None else tx.env_paths())


@dataclass(frozen=True)
class LevelMatch:
    """How one printed name matched at one level."""

    text: str | None
    key: str
    code: str | None
    method: LevelMethod
    confidence: float


@dataclass(frozen=True)
class NameMatch:
    level1_code: str | None
    level2_code: str | None
    method: Method
    confidence: float
    level1: LevelMatch | None = None
    level2: LevelMatch | None = None
    conflict: bool = False  # printed level 1 disagreed with level 2's parent; level 2 won


def match_name(text: str | None, level: int, taxonomy: tx.Taxonomy | None = None) -> LevelMatch:
    """Match one printed name at level 1 or 2; method 'missing' when nothing was printed."""
    taxonomy = taxonomy or current()
    key = name_key(text)
    if not key:
        return LevelMatch(text, key, None, "missing", 0.0)
    if code := taxonomy.names[level].get(key):
        return LevelMatch(text, key, code, "exact", CONFIDENCE["exact"])
    if code := taxonomy.synonyms[level].get(key):
        return LevelMatch(text, key, code, "synonym", CONFIDENCE["synonym"])
    code, score = _fuzzy(key, level, taxonomy)
    if code is not None:
        return LevelMatch(text, key, code, "fuzzy", round(FUZZY_FACTOR * score, 3))
    return LevelMatch(text, key, None, "unknown", 0.0)


def _candidates(level: int, taxonomy: tx.Taxonomy) -> list[tuple[str, str]]:
    pairs = list(taxonomy.names[level].items()) + list(taxonomy.synonyms[level].items())
    return [(key, code) for key, code in pairs if key]


@lru_cache(maxsize=8)
def _add_vocabulary(taxonomy: tx.Taxonomy) -> None:
    """Names, synonyms and keywords join jieba's words, so domain terms stay whole tokens."""
    listed = [k for level in (1, 2) for k, _ in _candidates(level, taxonomy)]
    listed += [kw for theme in taxonomy.themes.values() for kw in theme.keywords]
    add_words(dict.fromkeys(listed))


def _tokens(text: str, taxonomy: tx.Taxonomy) -> set[str]:
    _add_vocabulary(taxonomy)
    return set(tokenize(text))


def _similarity(a_tokens: set[str], a: str, b_tokens: set[str], b: str) -> float:
    """Token Dice coefficient, or character similarity when that is higher."""
    common = len(a_tokens & b_tokens)
    dice = 2 * common / (len(a_tokens) + len(b_tokens)) if a_tokens and b_tokens else 0.0
    return max(dice, difflib.SequenceMatcher(None, a, b).ratio())


@lru_cache(maxsize=16)
def _tokenized_candidates(level: int, taxonomy: tx.Taxonomy) -> list[tuple[str, str, set[str]]]:
    return [(key, code, _tokens(key, taxonomy)) for key, code in _candidates(level, taxonomy)]


def _fuzzy(key: str, level: int, taxonomy: tx.Taxonomy) -> tuple[str | None, float]:
    key_tokens = _tokens(key, taxonomy)
    best: dict[str, float] = {}
    for candidate, code, tokens in _tokenized_candidates(level, taxonomy):
        score = _similarity(key_tokens, key, tokens, candidate)
        if candidate in key and len(candidate) >= 2:
            score = max(score, 0.6 + 0.4 * len(candidate) / len(key))
        best[code] = max(best.get(code, 0.0), score)
    if not best:
        return None, 0.0
    ranked = sorted(best.items(), key=lambda item: -item[1])
    code, score = ranked[0]
    if score < FUZZY_THRESHOLD:
        return None, score
    if len(ranked) > 1 and ranked[1][1] == score:
        return None, score  # a tie between two codes is no match
    return code, score


def _weakest(*matches: LevelMatch) -> tuple[Method, float]:
    """The least trusted method of the printed levels, with the lowest confidence."""
    printed = [(m.method, m.confidence) for m in matches if m.method != "missing"]
    if not printed:
        return "unknown", 0.0
    method = max((method for method, _ in printed), key=METHODS.index)
    if method == "unknown":
        return "unknown", 0.0
    return method, min(confidence for _, confidence in printed)


def match_levels(
    level1: str | None, level2: str | None, taxonomy: tx.Taxonomy | None = None
) -> NameMatch:
    """Codes for one row's level-1 and level-2 names; level 2 wins on disagreement."""
    taxonomy = taxonomy or current()
    m1 = match_name(level1, 1, taxonomy)
    m2 = match_name(level2, 2, taxonomy)
    if m1.method == "unknown" and m2.method in ("missing", "unknown"):
        # a level-2 name printed in the level-1 column (lost merged cell)
        as_level2 = match_name(level1, 2, taxonomy)
        if as_level2.method in ("exact", "synonym") and as_level2.code is not None:
            parent = taxonomy.level2[as_level2.code].parent_for(as_level2.key)
            m1 = LevelMatch(level1, m1.key, parent, "inferred", INFERRED_FACTOR)
    if m2.method in ("missing", "unknown") and m1.method == "missing":
        # a level-1 name printed in the level-2 column: take its level 1, keep level 2 unknown
        as_level1 = match_name(level2, 1, taxonomy)
        if as_level1.method in ("exact", "synonym"):
            m1 = LevelMatch(None, "", as_level1.code, "inferred", INFERRED_FACTOR)
            m2 = LevelMatch(level2, m2.key, None, "missing", 0.0)
    conflict = False
    if m2.code is not None:
        entry = taxonomy.level2[m2.code]
        if m1.code is None:
            parent = entry.parent_for(m2.key)
            m1 = LevelMatch(
                level1, m1.key, parent, "inferred", round(INFERRED_FACTOR * m2.confidence, 3)
            )
        elif m1.code not in entry.allowed_parents():
            conflict = True
            m1 = LevelMatch(
                level1, m1.key, entry.parent, "inferred", round(INFERRED_FACTOR * m2.confidence, 3)
            )
    method, confidence = _weakest(m1, m2)
    return NameMatch(m1.code, m2.code, method, confidence, m1, m2, conflict)


_PARENS = re.compile(r"[(（《][^)）》]*[)）》]")


def theme_of(
    level3: str | None, level2_code: str | None = None, taxonomy: tx.Taxonomy | None = None
) -> str | None:
    """Theme code of a level-3 name by its keywords; else the level-2 code's usual theme.

    Keywords of 1-2 characters must be whole jieba tokens ('数' is not in '数控'); longer ones
    may sit anywhere. The keyword ending last wins (the head noun of a Chinese phrase is at
    its end: 服务企业数量 is a count), then the longest.
    """
    taxonomy = taxonomy or current()
    if level3:
        text = _PARENS.sub("", squeeze(level3))
        tokens = _tokens(text, taxonomy)
        best: tuple[int, int, int] | None = None
        best_code = None
        for order, theme in enumerate(taxonomy.themes.values()):
            for keyword in theme.keywords:
                if len(keyword) <= 2 and keyword not in tokens:
                    continue
                end = text.rfind(keyword)
                if end < 0:
                    continue
                rank = (end + len(keyword), len(keyword), -order)
                if best is None or rank > best:
                    best, best_code = rank, theme.code
        if best_code:
            return best_code
    if level2_code and (entry := taxonomy.level2.get(level2_code)):
        return entry.theme
    return None
