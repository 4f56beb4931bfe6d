"""-layout dumps made with pdftotext options the corpus variants do not use (a probe of
hidden dumps): what the text reader reads there is exact or declined, never wrong."""

from __future__ import annotations

import pytest

from golden.score import validation_golden
from selfeval.extract.text import parse_text
from tests.conftest import ROOT, VALIDATION
from tests.test_layout_funds import _CUT_SHORT

DATA = ROOT / "tests" / "data" / "layout_probe"
REAL016 = "real016_docx"


def _funds_items(text: str) -> tuple[list[str | None], list[str]]:
    (form, *_) = parse_text(text)
    items = [r.item.text if r.item is not None else None for r in form.funds]
    return items, [n.message for n in form.notes if n.section == "funds"]


def test_a_name_wrapped_past_the_line_that_ends_the_funds_block_is_not_cut():
    """`-layout -fixed 6` prints two amounts together (387664.62387664.62—), a line the
    funds block cannot hold, between an item and its name's wrap (其中：当年财政拨 / … / 款):
    the item before it may go on below, so its name is not read (it read 其中：当年财政拨)."""
    items, notes = _funds_items((DATA / f"{REAL016}-fixed6-head.layout.txt").read_text("utf-8"))
    assert items == ["年度资金总额", None]
    assert any("its name may go on past a line the block cannot hold" in n for n in notes)
    assert "-layout funds: funds items after a line the block cannot hold were not read" in notes


@pytest.mark.parametrize(
    ("dump", "stem", "cut"),
    [
        # -fixed 7: one amount of the row's on the line below the item, then two together
        # (387664.62 / 387664.62— …), then the name's wrap (款)
        ("real016_docx-fixed7-head", REAL016, 1),
        # -fixed 8: the wrap (拨款) three lines below, its row's values between: no item's
        # wrap within reach, it ended 其中:当年财政 (read so); its item's name is not read
        ("seed_word-fixed8-head", "seed_word", 1),
        # -fixed 8: the first row's rate and score together (76.33%7.63) end the block
        # right under 年度资金总额's values: its name too might go on below
        ("seed_html_noto-fixed8-head", "seed_html_noto", 0),
    ],
)
def test_funds_items_of_coarse_pitches_are_read_whole_or_not_at_all(
    dump: str, stem: str, cut: int
) -> None:
    """Coarse pitches (-fixed 7, 8) print an item's values on the lines between its name's
    pieces, some together: each item read is its golden's, the one whose name's wrap
    the reading cannot reach is not read."""
    items, _ = _funds_items((DATA / f"{dump}.layout.txt").read_text("utf-8"))
    want = [r["item"] for r in validation_golden(VALIDATION / f"{stem}.golden.json")[0]["funds"]]
    assert items[cut] is None
    assert all(got in (None, want[k]) for k, got in enumerate(items))


def test_the_same_block_printed_apart_reads_the_wrapped_name_whole():
    """The default pitch prints the amounts apart: the block holds the wrap and the name is
    read whole, as its golden has it."""
    items, notes = _funds_items((VALIDATION / f"{REAL016}.layout.txt").read_text("utf-8"))
    assert items == ["年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"]
    assert notes == []


def test_a_line_ending_the_block_in_the_items_place_leaves_the_name_before_it():
    """Text in the items' place on the line that ends the block (合计说明见附件) stands where
    a wrap would: the item before it is whole."""
    items, _ = _funds_items(_CUT_SHORT)
    assert items == ["年度资金总额", "其中:当年财政拨款"]
    # the same block with that line's text moved right of the items' place: the item's
    # wrap could stand below it
    moved = _CUT_SHORT.replace("  合计说明见附件", " " * 20 + "合计说明见附件")
    items, _ = _funds_items(moved)
    assert items == ["年度资金总额", None]
