"""The Python API: ``read`` a file into forms, ``to_frames`` for pandas."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selfeval import pipeline
from selfeval.export.tables import TABLES
from selfeval.extract import Form
from selfeval.settings import Limits, Settings

if TYPE_CHECKING:
    import pandas as pd


def read(
    path: str | Path,
    *,
    settings: Settings | None = None,
    engine: str | None = None,
    limits: Limits | None = None,
) -> list[Form]:
    """Every self-evaluation form in ``path`` (PDF, text dump or office file), in order,
    normalized and audited (``form.to_dict()`` carries the results). Raises ``ReadError`` for
    bad input.

    ``settings`` (default ``Settings.from_env()``) carries the engine, the audit config, the
    taxonomy and the limits: ``Settings(limits=Limits(seconds=60, memory=1 << 30))`` reads the
    file in a worker process stopped at them (``ReadError`` ``timeout``/``memory``).
    ``engine=`` and ``limits=`` are shorthands that replace the settings' own."""
    settings = settings or Settings.from_env()
    if engine is not None:
        settings = settings.replace(engine=engine)
    if limits is not None:
        settings = settings.replace(limits=limits)
    return pipeline.read(path, settings)


def to_frames(forms: Iterable[Form | dict[str, Any]]) -> dict[str, pd.DataFrame]:
    """The forms as DataFrames ``forms``, ``indicators``, ``funds`` and ``findings``.

    Built by the same code as the CSV/XLSX exporters, so the columns are the documented ones.
    Printed cells are strings; derived numbers are exact ``Decimal`` (object columns).
    Accepts ``Form`` objects or their dicts (e.g. the per-file JSON of ``selfeval extract``).
    """
    import pandas as pd

    dicts = [f.to_dict() if isinstance(f, Form) else f for f in forms]
    frames: dict[str, pd.DataFrame] = {}
    for table in TABLES:
        frame = pd.DataFrame(list(table.rows(dicts)), columns=table.header, dtype=object)
        for column in table.columns:
            if column.kind == "int" and frame[column.name].notna().all():
                frame[column.name] = frame[column.name].astype("int64")
            elif column.kind == "bool" and frame[column.name].notna().all():
                frame[column.name] = frame[column.name].astype(bool)
        frames[table.name] = frame
    return frames
