"""The Python API: ``read`` a file into forms, ``to_frames`` for pandas."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selfeval import pipeline
from selfeval.convert import read_limited
from selfeval.extract import Form
from selfeval.extract.pdf import DEFAULT_ENGINE
from selfeval.pool import Limits
from selfeval.tables import TABLES

if TYPE_CHECKING:
    import pandas as pd


def read(
    path: str | Path, *, engine: str = DEFAULT_ENGINE, limits: Limits | None = None
) -> list[Form]:
    """Every self-evaluation form in ``path`` (PDF or text dump), in order, normalized and
    audited (``form.to_dict()`` carries the results). Raises ``ReadError`` for bad input.

    ``limits`` (opt-in, e.g. ``Limits(seconds=60, memory=1 << 30)``) reads the file in a worker
    process under the batch's time limit and memory cap (``ReadError`` ``timeout``/``memory``)."""
    if limits is not None:
        dicts = read_limited(path, engine=engine, limits=limits)
        return [Form.from_dict(d) for d in dicts]
    return pipeline.read(path, engine=engine)


def to_frames(forms: Iterable[Form | dict[str, Any]]) -> dict[str, pd.DataFrame]:
    """The forms as DataFrames ``forms``, ``indicators``, ``funds`` and ``findings``.

    Built by the same code as the CSV/XLSX exporters, so the columns are the documented ones.
    Printed cells are strings; derived numbers are exact ``Decimal`` (object columns).
    Accepts ``Form`` objects or their dicts (e.g. the per-file JSON of ``selfeval extract``).
    """
    import pandas as pd

    dicts = [f.to_dict() if isinstance(f, Form) else f for f in forms]
    frames = {}
    for table in TABLES:
        frame = pd.DataFrame(list(table.rows(dicts)), columns=table.header, dtype=object)
        for column in table.columns:
            if column.kind == "int" and frame[column.name].notna().all():
                frame[column.name] = frame[column.name].astype("int64")
            elif column.kind == "bool" and frame[column.name].notna().all():
                frame[column.name] = frame[column.name].astype(bool)
        frames[table.name] = frame
    return frames
