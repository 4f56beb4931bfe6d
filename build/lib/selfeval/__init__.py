"""selfeval: read Chinese performance self-evaluation forms (绩效自评表) into exact data.

Python API in the pandas spirit::

    import selfeval
    forms = selfeval.read("form.pdf")          # list[extract.Form]
    forms[0].to_dict()                          # the JSON contract
    frames = selfeval.to_frames(forms)          # {"forms": df, "indicators": df, "funds": df, ...}

``import selfeval`` is cheap: the readers load on first use of ``read``, ``Form`` or
``ReadError``, so ``selfeval --help`` starts at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

#: The one place the version is written; pyproject.toml reads it (setuptools dynamic version).
__version__ = "0.1.0"

__all__ = ["Form", "ReadError", "__version__", "read", "to_frames"]

if TYPE_CHECKING:
    from selfeval.api import read, to_frames
    from selfeval.extract import Form, ReadError

_LAZY = {
    "Form": "extract",
    "ReadError": "extract",
    "read": "selfeval.api",
    "to_frames": "selfeval.api",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'selfeval' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
