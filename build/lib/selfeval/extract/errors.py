"""Named, per-file read errors: a batch reports them and goes on; a user never sees a traceback."""

from __future__ import annotations

from pathlib import Path

#: Stable error codes and what they mean. Readers raise ReadError with one of these.
ERROR_CODES = {
    "empty": "the file is empty",
    "not-a-form": "no self-evaluation form (绩效自评表) in this file",
    "damaged": "the file is corrupt or truncated and cannot be parsed",
    "encrypted": "the file is encrypted (a password-protected PDF, workbook or document)",
    "no-text-layer": "scanned pages: the PDF has no text layer",
    "unmapped-font": "the text layer is garbled: fonts without a usable ToUnicode map",
    "unsupported": "this kind of file is not read (yet)",
    "unreadable": "the file cannot be opened",
    "timeout": "reading the file took longer than the time limit",
    "memory": "reading the file took more memory than the limit",
    "crashed": "the reader stopped unexpectedly on this file",
    "needs-libreoffice": (
        "a legacy office file (.doc/.wps/.et) is read by converting it with LibreOffice, which"
        " is not installed: install it (apt-get install libreoffice-writer libreoffice-calc,"
        " or https://www.libreoffice.org) or save the file as .docx/.xlsx"
    ),
}


class ReadError(Exception):
    """A file that yielded no form, with a stable ``code`` from ERROR_CODES and a reason."""

    def __init__(self, path: str | Path, code: str, message: str | None = None) -> None:
        if code not in ERROR_CODES:
            raise ValueError(f"unknown read error code {code!r}")
        self.path = str(path)
        self.code = code
        self.message = message or ERROR_CODES[code]
        super().__init__(f"{self.path}: {code}: {self.message}")
