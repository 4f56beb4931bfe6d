"""A small fixed subset of the fuzz bench (bench/bench_fuzz.py) on every test run.

One corpus PDF and the seed text dump, damaged in every way the bench knows (truncation, bit
flips, xref and stream damage, a damaged ToUnicode map, encryption, a page turned into an
image, dropped or duplicated; deleted and shuffled lines, a changed number, other encodings),
plus the hostile names and special files. The batch must account for every input, crash on
none, and leave no row that differs from the clean reading without a flag.
"""

from __future__ import annotations

from collections import Counter

import pytest

from bench.bench_fuzz import PDF_DAMAGE, TEXT_DAMAGE, make_inputs, score
from selfeval.batch import BatchOptions, run_batch
from selfeval.pool import Limits
from tests.conftest import ROOT

PDF = ROOT / "samples/pdf/2021-beijing-keji-xiezuo-zhongxin-xlsx.pdf"
TEXT = ROOT / "samples/text/2021-beijing-keji-xiezuo-zhongxin.txt"


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("fuzz")
    damaged = make_inputs(base / "in", corpus=([PDF], [TEXT]), per_text=len(TEXT_DAMAGE))
    clean = base / "clean"
    clean.mkdir()
    for source in (PDF, TEXT):
        (clean / source.name).write_bytes(source.read_bytes())
    options = {"progress": "off", "xlsx": False, "limits": Limits(seconds=60, memory=1 << 30)}
    run_batch([clean], BatchOptions(out=base / "reference", **options))
    report = run_batch([base / "in"], BatchOptions(out=base / "out", **options))
    run = {"stderr": "", "hung": False}
    return damaged, report, score(damaged, base / "out", base / "reference", run, input_dir=base)


def test_the_subset_has_every_damage(fuzzed) -> None:
    damaged, report, _ = fuzzed
    kinds = Counter(d.kind for d in damaged)
    assert set(PDF_DAMAGE) | set(TEXT_DAMAGE) <= set(kinds)
    assert {"long-name", "gbk-name", "fifo", "symlink-loop", "device"} <= set(kinds)
    assert report.files == len(damaged)


def test_no_input_is_lost_or_crashes(fuzzed) -> None:
    damaged, report, tally = fuzzed
    assert tally.unaccounted == 0, tally.examples
    assert tally.crashed == 0 and "crashed" not in report.errors_by_code
    special = {"fifo", "symlink-loop", "device"}
    assert tally.named_errors["unreadable"] >= sum(d.kind in special for d in damaged)
    assert tally.rows_checked > 0  # damaged inputs were read, not only refused


def test_no_wrong_row_without_a_flag(fuzzed) -> None:
    _, _, tally = fuzzed
    assert tally.wrong_unflagged == 0, tally.examples
    assert tally.lost_unflagged == 0, tally.examples
