"""The Python API: ``selfeval.read`` and ``selfeval.to_frames`` agree with the exporters."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pandas as pd
import pytest

import selfeval
from selfeval.export import Exporter
from selfeval.export.tables import TABLES
from selfeval.extract import Form, ReadError
from selfeval.extract.record import INDICATOR_FIELDS, contract_view
from tests.conftest import ROOT, SEED_GOLDEN, SEED_SAMPLE

GOLDEN = json.loads(SEED_GOLDEN.read_text("utf-8"))


@pytest.fixture(scope="module")
def seed_forms() -> list[Form]:
    return selfeval.read(SEED_SAMPLE)


def test_read_returns_the_golden_forms(seed_forms: list[Form]) -> None:
    assert [contract_view(f.to_dict()) for f in seed_forms] == GOLDEN
    assert seed_forms[0].source["file"] == str(SEED_SAMPLE)


def test_read_bad_file_raises_read_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(ReadError) as info:
        selfeval.read(empty)
    assert info.value.code == "empty"


def test_to_frames_tables_and_columns(seed_forms: list[Form]) -> None:
    frames = selfeval.to_frames(seed_forms)
    assert list(frames) == ["forms", "indicators", "funds", "findings"]
    for table in TABLES:
        assert list(frames[table.name].columns) == table.header
    assert len(frames["forms"]) == 1
    assert len(frames["indicators"]) == len(GOLDEN[0]["indicators"])
    assert len(frames["funds"]) == len(GOLDEN[0]["funds"])
    indicators = frames["indicators"]
    assert indicators["row"].tolist() == list(range(1, 43))
    assert indicators["level3"].tolist() == [r["level3"] for r in GOLDEN[0]["indicators"]]
    assert frames["forms"]["total_score"].tolist() == ["93.83"]
    assert frames["forms"]["complete"].tolist() == [True]


def test_to_frames_accepts_form_dicts(seed_forms: list[Form]) -> None:
    from_forms = selfeval.to_frames(seed_forms)
    from_dicts = selfeval.to_frames(
        json.loads(json.dumps([f.to_dict() for f in seed_forms], default=str))
    )
    for name, frame in from_forms.items():
        pd.testing.assert_frame_equal(frame, from_dicts[name])


def test_to_frames_matches_the_csv(tmp_path: Path) -> None:
    data = copy.deepcopy(GOLDEN)
    data[0]["source"] = {"file": "golden.txt", "index": 0}
    forms = [Form.from_dict(d) for d in data]
    with Exporter(tmp_path, xlsx=False) as exporter:
        exporter.add_forms(f.to_dict() for f in forms)
    frame = selfeval.to_frames(forms)["indicators"]
    from_csv = pd.read_csv(tmp_path / "indicators.csv", dtype=str, keep_default_na=False)
    as_text = frame.astype(object).where(frame.notna(), "").astype(str)
    pd.testing.assert_frame_equal(as_text, from_csv, check_dtype=False)
    assert list(from_csv[list(INDICATOR_FIELDS)].iloc[0]) == [
        GOLDEN[0]["indicators"][0][f] or "" for f in INDICATOR_FIELDS
    ]


def test_import_selfeval_is_cheap_and_the_names_load_on_use() -> None:
    import subprocess
    import sys

    code = (
        "import sys, selfeval\n"
        "print(sorted(m for m in ('selfeval.extract', 'selfeval.normalize', 'selfeval.validate',"
        " 'pandas', 'openpyxl') if m in sys.modules))\n"
        "import selfeval.extract as extract\n"
        "print(selfeval.Form is extract.Form, selfeval.ReadError is extract.ReadError)\n"
        "print(callable(selfeval.read), callable(selfeval.to_frames), selfeval.__version__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.splitlines() == ["[]", "True True", f"True True {selfeval.__version__}"]
    with pytest.raises(AttributeError):
        selfeval.no_such_name  # noqa: B018


def test_version_has_one_source() -> None:
    from importlib import metadata

    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert 'dynamic = ["version"]' in pyproject
    assert 'version = { attr = "selfeval.__version__" }' in pyproject
    assert metadata.version("selfeval") == selfeval.__version__
