"""What the test modules share: the repository's paths, the data beside it, common fixtures.

``../shared`` (validation PDFs, real web excerpts and the seed, all made outside the project)
sits beside the repository. Without it the run stops at once with an error: a test that reads
it must fail, never pass or skip because a folder is absent.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from selfeval.extract.record import Form

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "golden"
GOLDEN_FILES = sorted(GOLDEN.glob("*.json"))  # one per sample stem
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
#: PDFs rendered outside the project from real forms, each NAME.pdf with NAME.golden.json.
VALIDATION = SHARED / "validation" / "pdf"
VALIDATION_PDFS = sorted(VALIDATION.glob("*.pdf"))
#: Real web-flattened excerpts NNN.txt with hand-made goldens in golden/.
REAL = SHARED / "real"
#: The real text dump the project started from, and its copy among the samples with its golden.
SHARED_SEED = SHARED / "seed" / "2021-beijing-keji-xiezuo-zhongxin.txt"
SEED_SAMPLE = SAMPLES / "text" / "2021-beijing-keji-xiezuo-zhongxin.txt"
SEED_GOLDEN = GOLDEN / "2021-beijing-keji-xiezuo-zhongxin.json"
#: A clean A-family form: 9.55 + 90 = 99.55, every row full marks, weights 10/50/30/10.
CLEAN_GOLDEN = GOLDEN / "2022-beijing-chaoyang-falv-fuwu-xlsx.json"


def pytest_configure(config: pytest.Config) -> None:
    if not SHARED.is_dir():
        raise pytest.UsageError(
            f"{SHARED} is missing: the validation data (../shared beside the repository) "
            "is what the tests measure against; put it there and run again"
        )


#: A -layout grid header, its names at the places a made-up form puts each row's cells.
LAYOUT_HEAD = (
    "一级指标    二级指标     三级指标          年度指标值      实际完成值      分值     得分"
)
_LAYOUT_AT = [
    LAYOUT_HEAD.index(name)
    for name in ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")
]


def layout_form(*rows: tuple[str, ...]) -> str:
    """A one-page -layout form: each row's cells placed under the header's names."""
    lines = []
    for cells in rows:
        text = ""
        for x, cell in zip(_LAYOUT_AT, cells, strict=False):
            if cell:
                text = text.ljust(x) + cell
        lines.append(text)
    total = "总分".rjust(_LAYOUT_AT[5] - 2) + "    100    100"
    head = [
        "                 项目支出绩效自评表",
        "                   （2023年度）",
        "项目名称  甲项目",
    ]
    return "\n".join([*head, LAYOUT_HEAD, *lines, total, ""])


#: The cells of an indicator row the -layout tests compare with a golden's.
ROW_FIELDS = ("level1", "level2", "level3", "target", "actual", "weight", "score", "deviation")


def squashed_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row's cells without whitespace (the validation goldens were made outside)."""
    return {f: "".join(str(row[f]).split()) if row[f] is not None else None for f in ROW_FIELDS}


def layout_rows(path: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """A -layout dump's first form: its emitted rows (cells without whitespace), its notes."""
    from selfeval.extract.text import parse_text

    (form, *_) = parse_text(path.read_text("utf-8"))
    return [squashed_row(r.to_dict()) for r in form.indicators], [n.message for n in form.notes]


def golden_rows(path: Path) -> list[dict[str, Any]]:
    """The first golden form's rows (cells without whitespace), one form or a list of them."""
    data = json.loads(path.read_text("utf-8"))
    form = data[0] if isinstance(data, list) else data
    return [squashed_row(r) for r in form["indicators"]]


def first_golden(path: Path) -> dict[str, Any]:
    """The first form of a golden file."""
    forms: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return forms[0]


def variant_form(mode: str, stem: str) -> tuple[Form, dict[str, Any]]:
    """The first form the text reader reads from a -layout variant dump of the corpus
    (``samples/dumps_variants/MODE/STEM.layout.txt``) and the first form of its golden (the
    golden of the name before the first dot: a print of an original's variant, NAME.flat)."""
    from selfeval.extract.text import parse_text

    dump = SAMPLES / "dumps_variants" / mode / f"{stem}.layout.txt"
    (form, *_) = parse_text(dump.read_text("utf-8"))
    return form, first_golden(GOLDEN / f"{stem.split('.')[0]}.json")


def layout_forms_with_golden(folder: str) -> Iterator[tuple[str, Form, dict[str, Any]]]:
    """(dump name, form read, its golden form) for every -layout dump under ``samples/FOLDER``
    that has a golden, forms paired in order."""
    from selfeval.extract.text import parse_text

    for dump in sorted((SAMPLES / folder).glob("*.layout.txt")):
        path = GOLDEN / f"{dump.name.split('.')[0]}.json"
        if not path.exists():
            continue
        golden = json.loads(path.read_text("utf-8"))
        for form, want in zip(parse_text(dump.read_text("utf-8")), golden, strict=False):
            yield dump.name, form, want


@pytest.fixture
def clean() -> dict[str, Any]:
    """A fresh copy of the clean A-family form (``CLEAN_GOLDEN``), for a test to damage."""
    return copy.deepcopy(first_golden(CLEAN_GOLDEN))
