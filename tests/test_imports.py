"""The stage packages are top-level imports; configobj ships a `validate` module too."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_stage_packages_are_ours():
    import extract
    import normalize
    import validate

    for module in (extract, normalize, validate):
        assert Path(module.__file__).resolve().parent.parent == ROOT, module.__file__
