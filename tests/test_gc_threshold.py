"""A read raises the collector's youngest threshold while it runs and puts it back after."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest

import selfeval.extract as extract
import selfeval.extract.reader as reader
from selfeval.extract.errors import ReadError
from selfeval.extract.gc_threshold import READ_THRESHOLD, fewer_collections
from tests.conftest import ROOT

PDF = ROOT / "samples/pdf/2021-beijing-keji-xiezuo-zhongxin-xlsx.pdf"


def test_a_read_runs_with_the_raised_threshold_and_restores_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[int, int, int]] = []
    real = reader.check_reading

    def spy(form: extract.Form) -> None:
        seen.append(gc.get_threshold())
        real(form)

    monkeypatch.setattr(reader, "check_reading", spy)
    before = gc.get_threshold()
    forms = extract.read(PDF)
    assert forms and seen and all(t[0] == READ_THRESHOLD for t in seen)
    assert gc.get_threshold() == before


def test_an_error_restores_the_threshold_and_a_higher_one_is_kept(tmp_path: Path) -> None:
    before = gc.get_threshold()
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(ReadError):
        extract.read(empty)
    assert gc.get_threshold() == before
    try:
        gc.set_threshold(50_000, before[1], before[2])
        with fewer_collections():
            assert gc.get_threshold()[0] == 50_000
        assert gc.get_threshold()[0] == 50_000
    finally:
        gc.set_threshold(*before)


def test_threads_share_one_raise_and_the_last_to_end_restores() -> None:
    before = gc.get_threshold()
    inside = threading.Barrier(3)
    leave = threading.Event()
    during: list[int] = []

    def work() -> None:
        with fewer_collections():
            inside.wait()
            leave.wait(10)
            during.append(gc.get_threshold()[0])

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    inside.wait()
    assert gc.get_threshold()[0] == READ_THRESHOLD
    leave.set()
    for t in threads:
        t.join(10)
    assert during == [READ_THRESHOLD, READ_THRESHOLD]
    assert gc.get_threshold() == before
