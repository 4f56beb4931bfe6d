"""Bad text input: a named error for the file, or the rows read so far with the form incomplete."""

from __future__ import annotations

import pytest

import selfeval.extract as extract
from golden import golden_for
from selfeval.extract.errors import ReadError
from tests.conftest import SEED_SAMPLE
from tests.goldens import diff_forms


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (bytes(range(256)) * 8, "not-a-form"),
        ("2021年部门预算公开说明\n一、部门职责\n本部门主要职责是……\n".encode(), "not-a-form"),
    ],
)
def test_bad_text_gets_named_error(tmp_path, content, code):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError) as err:
        extract.read(path)
    assert err.value.code == code
    assert str(path) in str(err.value)


def test_gb18030_dump_reads_like_utf8(tmp_path):
    path = tmp_path / "seed-gbk.txt"
    path.write_bytes(SEED_SAMPLE.read_text(encoding="utf-8").encode("gb18030"))
    (form,) = extract.read(path)
    assert len(form.indicators) == 42
    assert diff_forms([form.to_dict()], golden_for(SEED_SAMPLE)) == []


@pytest.mark.parametrize(
    "cut_before", ["科技政策辅导", "帮助解决在", "央企跨界协同创新\n交流活动", "系国际专家遇到困难"]
)
def test_cut_off_dump_keeps_rows_read_so_far(tmp_path, cut_before):
    """Every row emitted from a cut-off dump is exact; what follows the last one is unplaced."""
    text = SEED_SAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "cut.txt"
    path.write_text(text[: text.index(cut_before)], encoding="utf-8")
    (form,) = extract.read(path)
    assert not form.complete
    assert any(n.code == "incomplete" for n in form.notes)
    want = golden_for(SEED_SAMPLE)[0]["indicators"]
    got = [{k: v for k, v in i.to_dict().items() if k in want[0]} for i in form.indicators]
    assert got, "the rows before the cut are kept"
    last = len(got) - 1
    for n, (g, w) in enumerate(zip(got, want, strict=False)):
        if n == last and g["deviation"] is None:
            w = {**w, "deviation": None}  # the last row's deviation may be what was cut
        assert g == w, n


def test_two_forms_in_one_dump(tmp_path):
    text = SEED_SAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "two.txt"
    path.write_text("附件\n\n" + text + "\n\f" + text, encoding="utf-8")
    forms = extract.read(path)
    assert [len(f.indicators) for f in forms] == [42, 42]
    assert [f.source["index"] for f in forms] == [0, 1]
    assert diff_forms([f.to_dict() for f in forms], golden_for(SEED_SAMPLE) * 2) == []
