"""``selfeval taxonomy``: print the indicator taxonomy (codes, names, synonyms, themes)."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from selfeval.commands import Subparsers, settings_of
from selfeval.settings import add_options

if TYPE_CHECKING:  # the normalizer loads when a command runs, not for --help
    from selfeval.normalize.taxonomy import Entry, Taxonomy


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "taxonomy",
        help="show the indicator taxonomy (level-1/level-2 codes, synonyms, level-3 themes)",
        description=(
            "Print the taxonomy the normalizer maps indicator names with: level-1 and level-2 "
            "codes with their canonical names and synonyms, and the level-3 theme keywords. "
            "Extend it with a TOML file of the same shape via --taxonomy or $SELFEVAL_TAXONOMY."
        ),
    )
    add_options(parser, "taxonomy")
    parser.add_argument("--json", action="store_true", help="print it as JSON")
    parser.set_defaults(func=run)


def as_dict(taxonomy: Taxonomy) -> dict[str, Any]:
    def entry(e: Entry) -> dict[str, Any]:
        out: dict[str, Any] = {"name": e.name, "synonyms": list(e.synonyms)}
        if e.parent:
            out["parent"] = e.parent
        if e.also_under:
            out["also_under"] = list(e.also_under)
        if e.theme:
            out["theme"] = e.theme
        if e.legacy:
            out["legacy"] = True
        return out

    return {
        "sources": list(taxonomy.sources),
        "level1": {c: entry(e) for c, e in taxonomy.level1.items()},
        "level2": {c: entry(e) for c, e in taxonomy.level2.items()},
        "theme": {
            c: {"name": t.name, "keywords": list(t.keywords)} for c, t in taxonomy.themes.items()
        },
    }


def run(args: argparse.Namespace) -> int:
    settings = settings_of(args, "taxonomy")
    if settings is None:
        return 2
    taxonomy = settings.taxonomy
    if args.json:
        print(json.dumps(as_dict(taxonomy), ensure_ascii=False, indent=1))
        return 0
    print("Level 1")
    for code, e in taxonomy.level1.items():
        legacy = "  (evaluation framework)" if e.legacy else ""
        print(f"  {code:<9} {e.name}{legacy}")
        print(f"  {'':<9} = {'、'.join(e.synonyms) or '-'}")
    print("\nLevel 2")
    for code, e in taxonomy.level2.items():
        parents = "/".join(e.allowed_parents())
        print(f"  {code:<9} {e.name}  [under {parents}; theme {e.theme or '-'}]")
        print(f"  {'':<9} = {'、'.join(e.synonyms) or '-'}")
    print("\nLevel-3 themes")
    for code, t in taxonomy.themes.items():
        print(f"  {code:<11} {t.name}: {'、'.join(t.keywords)}")
    print(f"\nfrom {', '.join(taxonomy.sources)}")
    return 0
