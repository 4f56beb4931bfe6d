"""Goals of `pdftotext -layout` dumps beside a label over more than the goals: the Sichuan
template's 项目基本情况 (项目基本 / 情况 left of the goal columns, one blank before the
expected column's line) stands over 1.项目年度目标完成情况 and 2.项目实施内容及过程概述, so
its goals are read only where that next section's heading ends their block
(``extract.text.layout_goals``); else declined with a note, never a text holding the next
section's."""

from __future__ import annotations

import json
from typing import Any

import pytest

from selfeval.extract.text import parse_text
from tests.conftest import ROOT, VALIDATION

#: The dump of the validation PDF and the corpus's two variant dumps of it.
DUMPS = {
    "validation": VALIDATION / "real001_html.layout.txt",
    "fixed3": ROOT / "samples" / "dumps_variants" / "fixed3" / "real001_html.layout.txt",
    "fixed3-nopgbrk": ROOT
    / "samples"
    / "dumps_variants"
    / "fixed3-nopgbrk"
    / "real001_html.layout.txt",
}
HEADING = "2.项目实施内容及过程概述"


def _golden_goals() -> dict[str, Any]:
    golden = json.loads((VALIDATION / "real001_html.golden.json").read_text("utf-8"))
    form = golden[0] if isinstance(golden, list) else golden
    goals: dict[str, Any] = form["goals"]
    return goals


def _goals(text: str) -> tuple[dict[str, Any], list[str]]:
    (form, *_) = parse_text(text)
    return form.to_dict()["goals"], [n.message for n in form.notes if n.section == "goals"]


@pytest.mark.parametrize("dump", sorted(DUMPS))
def test_goals_beside_the_basic_situation_label_are_read(dump: str) -> None:
    text = DUMPS[dump].read_text("utf-8")
    assert HEADING in text
    goals, notes = _goals(text)
    assert goals == _golden_goals()
    assert notes == []


@pytest.mark.parametrize("dump", sorted(DUMPS))
@pytest.mark.parametrize("heading", ["", "2.项目实施情况概述"])
def test_goals_not_ended_by_the_next_sections_heading_are_declined(dump: str, heading: str) -> None:
    """Without that heading (another wording, or none) what ends the label's goals is not
    known: the paragraph under them would be read into the expected goal."""
    text = DUMPS[dump].read_text("utf-8").replace(HEADING, heading)
    goals, notes = _goals(text)
    assert goals == {"expected": None, "actual": None}
    assert notes == ["-layout goals: the two columns cannot be told apart"]
