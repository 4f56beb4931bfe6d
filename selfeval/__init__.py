"""selfeval: read Chinese performance self-evaluation forms (绩效自评表) into exact data.

Python API in the pandas spirit::

    import selfeval
    forms = selfeval.read("form.pdf")          # list[extract.Form]
    forms[0].to_dict()                          # the JSON contract
    frames = selfeval.to_frames(forms)          # {"forms": df, "indicators": df, "funds": df, ...}
"""

from __future__ import annotations

from extract import Form, ReadError
from selfeval.api import read, to_frames

__version__ = "0.1.0"

__all__ = ["Form", "ReadError", "__version__", "read", "to_frames"]
