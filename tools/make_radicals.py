"""Write extract/pdf/radicals.json, the radical fold map, from EquivalentUnifiedIdeograph.txt.

Fonts whose ToUnicode maps point at radical code points print "主管部⻔" for "主管部门". The
map sends every code point of the CJK Radicals Supplement (U+2E80–U+2EFF) and Kangxi Radicals
(U+2F00–U+2FDF) blocks that the file lists to its Equivalent_Unified_Ideograph, exactly as the
file says (some targets are in CJK Extension A or outside the BMP). Code points of the blocks
the file names as having no equivalent are kept under "unlisted".

The runtime reads only the committed JSON; this script needs the file itself, which Debian's
unicode-data package ships:

    apt-get install -y unicode-data
    .venv/bin/python tools/make_radicals.py            # rewrite the JSON
    .venv/bin/python tools/make_radicals.py --check    # exit 1 if the JSON is out of date
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

SOURCE = Path("/usr/share/unicode/EquivalentUnifiedIdeograph.txt")
OUT = Path(__file__).resolve().parent.parent / "extract" / "pdf" / "radicals.json"
BLOCKS = {
    "CJK Radicals Supplement": (0x2E80, 0x2EFF),
    "Kangxi Radicals": (0x2F00, 0x2FDF),
}

_VERSION = re.compile(r"^#\s*EquivalentUnifiedIdeograph-(\d+\.\d+\.\d+)\.txt")
_DATE = re.compile(r"^#\s*Date:\s*(.+?)\s*(?:\[.*\])?$")
_MAPPING = re.compile(r"^([0-9A-F]{4,6})(?:\.\.([0-9A-F]{4,6}))?\s*;\s*([0-9A-F]{4,6})\s*(?:#.*)?$")
_NO_EQUIVALENT = re.compile(r"^#\s*([0-9A-F]{4,6})\s*;\s*(.+?)\s*$")


def _in_blocks(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in BLOCKS.values())


def build(text: str) -> dict:
    """The JSON document for one EquivalentUnifiedIdeograph.txt."""
    version = date = None
    mapping: dict[int, int] = {}
    unlisted: dict[int, str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if version is None and (m := _VERSION.match(line)):
            version = m.group(1)
        elif date is None and (m := _DATE.match(line)):
            date = m.group(1)
        elif m := _MAPPING.match(line):
            lo = int(m.group(1), 16)
            hi = int(m.group(2) or m.group(1), 16)
            for cp in range(lo, hi + 1):
                if _in_blocks(cp):
                    mapping[cp] = int(m.group(3), 16)
        elif m := _NO_EQUIVALENT.match(line):
            cp = int(m.group(1), 16)
            if _in_blocks(cp):
                unlisted[cp] = m.group(2)
    if version is None or not mapping:
        raise ValueError("not an EquivalentUnifiedIdeograph.txt (no version line or no mappings)")
    return {
        "source": f"EquivalentUnifiedIdeograph-{version}.txt (Unicode Character Database)",
        "unicode_version": version,
        "source_date": date,
        "generator": "tools/make_radicals.py",
        "blocks": {name: f"U+{lo:04X}..U+{hi:04X}" for name, (lo, hi) in BLOCKS.items()},
        "unlisted": {f"U+{cp:04X}": name for cp, name in sorted(unlisted.items())},
        "map": {f"U+{cp:04X}": chr(target) for cp, target in sorted(mapping.items())},
    }


def render(doc: dict) -> str:
    # one entry a line so a diff shows exactly which code point changed
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    text = render(build(args.source.read_text(encoding="utf-8")))
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is out of date with {args.source}", file=sys.stderr)
            return 1
        return 0
    args.out.write_text(text, encoding="utf-8")
    doc = json.loads(text)
    print(f"{args.out}: {len(doc['map'])} code points, {len(doc['unlisted'])} unlisted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
