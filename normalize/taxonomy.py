"""The indicator taxonomy: level-1/level-2 codes, their names and synonyms, level-3 themes.

The data lives in ``taxonomy.toml`` beside this module so users can read and extend it; a
user file (``$SELFEVAL_TAXONOMY``, several joined with ``os.pathsep``, or an explicit path)
is merged on top: its synonyms/keywords are added to existing codes, new codes are created.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from selfeval.normalize.text import name_key

DEFAULT_PATH = Path(__file__).with_name("taxonomy.toml")
ENV_VAR = "SELFEVAL_TAXONOMY"


class TaxonomyError(ValueError):
    """A taxonomy file that cannot be used (bad TOML, missing name/parent, ambiguous synonym)."""


@dataclass(frozen=True)
class Entry:
    """One level-1 or level-2 code."""

    code: str
    level: int
    name: str
    synonyms: tuple[str, ...] = ()
    parent: str | None = None
    also_under: tuple[str, ...] = ()
    theme: str | None = None
    legacy: bool = False
    legacy_parent: str | None = None
    legacy_keys: frozenset[str] = frozenset()  # cleaned names that imply legacy_parent

    def allowed_parents(self) -> tuple[str, ...]:
        return ((self.parent,) if self.parent else ()) + self.also_under

    def parent_for(self, key: str) -> str | None:
        """The level 1 to infer for this entry printed as ``key`` (older names: legacy)."""
        if self.legacy_parent and key in self.legacy_keys:
            return self.legacy_parent
        return self.parent


@dataclass(frozen=True)
class Theme:
    code: str
    name: str
    keywords: tuple[str, ...]


@dataclass(eq=False)
class Taxonomy:
    """Entries by code, and the cleaned-name indexes the matcher looks names up in.

    Hashed by identity (``eq=False``), so caches can key on the taxonomy in use.
    """

    level1: dict[str, Entry]
    level2: dict[str, Entry]
    themes: dict[str, Theme]
    sources: tuple[str, ...] = ()
    names: dict[int, dict[str, str]] = field(default_factory=dict)  # key -> code (canonical)
    synonyms: dict[int, dict[str, str]] = field(default_factory=dict)  # key -> code

    def entry(self, code: str) -> Entry | None:
        return self.level1.get(code) or self.level2.get(code)


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise TaxonomyError(f"{path}: cannot read taxonomy file ({exc.strerror})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise TaxonomyError(f"{path}: not valid TOML ({exc})") from exc


def _merge(raw: dict[str, dict[str, dict[str, Any]]], extra: dict[str, Any], path: Path) -> None:
    for section in ("level1", "level2", "theme"):
        for code, body in (extra.get(section) or {}).items():
            if not isinstance(body, dict):
                raise TaxonomyError(f"{path}: [{section}.{code}] must be a table")
            target = raw[section].setdefault(code, {})
            for key, value in body.items():
                if key in ("synonyms", "keywords", "also_under", "legacy_synonyms"):
                    target[key] = list(target.get(key, [])) + list(value)
                else:
                    target[key] = value


def _entry(code: str, level: int, body: dict[str, Any], where: str) -> Entry:
    if not body.get("name"):
        raise TaxonomyError(f"{where}: [level{level}.{code}] has no name")
    if level == 2 and not body.get("parent"):
        raise TaxonomyError(f"{where}: [level2.{code}] has no parent")
    return Entry(
        code=code,
        level=level,
        name=body["name"],
        synonyms=tuple(body.get("synonyms", ())),
        parent=body.get("parent"),
        also_under=tuple(body.get("also_under", ())),
        theme=body.get("theme"),
        legacy=bool(body.get("legacy", False)),
        legacy_parent=body.get("legacy_parent"),
        legacy_keys=frozenset(name_key(s) for s in body.get("legacy_synonyms", ())),
    )


def _index(entries: Iterable[Entry], where: str) -> tuple[dict[str, str], dict[str, str]]:
    names: dict[str, str] = {}
    synonyms: dict[str, str] = {}
    for entry in entries:
        names[name_key(entry.name)] = entry.code
    for entry in entries:
        for synonym in entry.synonyms:
            key = name_key(synonym)
            owner = names.get(key) or synonyms.get(key)
            if owner and owner != entry.code:
                raise TaxonomyError(
                    f"{where}: synonym {synonym!r} of {entry.code} already names {owner}"
                )
            if key not in names:
                synonyms[key] = entry.code
    return names, synonyms


def build(raw: dict[str, Any], sources: Sequence[str] = ()) -> Taxonomy:
    """A Taxonomy from already-merged TOML data (checked: names, parents, unique synonyms)."""
    where = " + ".join(sources) or "taxonomy"
    level1 = {c: _entry(c, 1, b, where) for c, b in (raw.get("level1") or {}).items()}
    level2 = {c: _entry(c, 2, b, where) for c, b in (raw.get("level2") or {}).items()}
    themes = {
        c: Theme(c, b.get("name", c), tuple(b.get("keywords", ())))
        for c, b in (raw.get("theme") or {}).items()
    }
    for entry in level2.values():
        for parent in (*entry.allowed_parents(), *filter(None, [entry.legacy_parent])):
            if parent not in level1:
                raise TaxonomyError(f"{where}: {entry.code} names unknown level-1 {parent}")
        if entry.theme and entry.theme not in themes:
            raise TaxonomyError(f"{where}: {entry.code} names unknown theme {entry.theme}")
    taxonomy = Taxonomy(level1, level2, themes, tuple(sources))
    for level, entries in ((1, level1), (2, level2)):
        taxonomy.names[level], taxonomy.synonyms[level] = _index(entries.values(), where)
    return taxonomy


def env_paths() -> tuple[str, ...]:
    """User taxonomy files named in $SELFEVAL_TAXONOMY (os.pathsep-separated)."""
    value = os.environ.get(ENV_VAR, "")
    return tuple(p for p in value.split(os.pathsep) if p.strip())


@lru_cache(maxsize=8)
def load(extra: tuple[str, ...] = ()) -> Taxonomy:
    """The built-in taxonomy with ``extra`` files merged on top, in order (cached)."""
    raw: dict[str, Any] = {"level1": {}, "level2": {}, "theme": {}}
    paths = (DEFAULT_PATH, *(Path(p) for p in extra))
    for path in paths:
        _merge(raw, _read(path), path)
    return build(raw, [str(p) for p in paths])
