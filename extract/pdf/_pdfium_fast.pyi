"""Types of the C extension ``_pdfium_fast.c`` (see pdfium_engine._native_objects)."""

from collections.abc import Callable
from typing import Any

_Frame = tuple[float, float, float, float, float, float, float, float]

def init(addresses: tuple[int | None, ...], /) -> None: ...
def chars(
    textpage: int | None,
    count: int,
    units: bytes | None,
    frame: _Frame,
    plain_page: bool,
    descent_of: Callable[[int], float],
    out: list[dict[str, Any]],
    /,
) -> set[int | None]: ...
def paths(
    page: int | None,
    frame: _Frame,
    seen: set[int | None],
    lines: list[dict[str, Any]],
    rects: list[dict[str, Any]],
    curves: list[dict[str, Any]],
    /,
) -> list[tuple[int, tuple[float, float, float, float, float, float]]]: ...
