"""Make generated PDFs byte-stable: fixed creation/modification dates and document IDs.

LibreOffice stamps the current time, a checksum of it and a random /ID into every export. The patch keeps every
byte length unchanged, so the cross-reference table stays valid.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

FIXED = b"20240101000000"
DATE = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)(\d{14})")
XMP_DATE = re.compile(
    rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)"
)
CHECKSUM = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]+)")
ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")


def stabilise(path: Path) -> None:
    data = path.read_bytes()
    data = DATE.sub(lambda m: m.group(1) + FIXED, data)
    data = CHECKSUM.sub(lambda m: m.group(1) + b"0" * len(m.group(2)), data)
    data = XMP_DATE.sub(lambda m: m.group(1) + b"2024-01-01T00:00:00", data)
    blank = ID.sub(
        lambda m: b"/ID [<" + b"0" * len(m.group(1)) + b"><" + b"0" * len(m.group(2)) + b">]", data
    )
    digest = hashlib.md5(blank).hexdigest().upper().encode()

    def fill(m: re.Match) -> bytes:
        a = (digest * 4)[: len(m.group(1))]
        b = (digest * 4)[: len(m.group(2))]
        return m.group(0).replace(m.group(1), a, 1).replace(m.group(2), b, 1)

    path.write_bytes(ID.sub(fill, data))
