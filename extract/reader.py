"""``read(path)``: one call, the right reader by content, sensible defaults (pandas' read_* spirit)."""

from __future__ import annotations

from pathlib import Path

from selfeval.extract.checks import check_reading
from selfeval.extract.errors import ReadError
from selfeval.extract.gc_threshold import fewer_collections
from selfeval.extract.pdf import DEFAULT_ENGINE, ENGINES
from selfeval.extract.record import Form
from selfeval.extract.sniff import sniff


def read(path: str | Path, *, engine: str = DEFAULT_ENGINE) -> list[Form]:
    """Read every self-evaluation form in ``path``.

    Returns the forms in the order they appear. Raises ``ReadError`` (with a stable code) when
    the file holds no readable form. ``engine`` picks the PDF table engine.
    """
    with fewer_collections():
        return _read(Path(path), engine)


def _read(path: Path, engine: str) -> list[Form]:
    try:
        kind = sniff(path)
    except OSError as exc:
        raise ReadError(path, "unreadable", str(exc.strerror or exc)) from None
    if kind == "empty":
        raise ReadError(path, "empty")
    if kind == "text":
        from selfeval.extract.text import read_text

        forms = read_text(path)
    elif kind == "pdf":
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}; choose one of {ENGINES}")
        try:  # the module that imports pdfplumber and pdfminer, not the package's lazy facade
            from selfeval.extract.pdf.reader import read_pdf
        except ImportError:
            raise ReadError(path, "unsupported", "the PDF reader is not available") from None
        forms = read_pdf(path, engine=engine)
    elif kind in OFFICE_KINDS:
        from selfeval.extract.office import read_office

        forms = read_office(path, kind)
    elif kind == "encrypted":
        raise ReadError(path, "encrypted", "the office file needs a password to open")
    elif kind == "zip":
        raise ReadError(path, "unsupported", "a zip archive, not a workbook or document: unpack it")
    elif kind == "damaged":
        raise ReadError(path, "damaged", "a broken zip package (truncated or corrupt)")
    elif kind == "binary":
        image = _image_kind(path)
        if image:
            raise ReadError(
                path,
                "unsupported",
                f"a {image} image: scanned forms need OCR, which selfeval does not do; "
                f"it reads {READ_KINDS}",
            )
        raise ReadError(path, "not-a-form", f"binary data, none of {READ_KINDS}")
    else:
        raise ReadError(path, "unsupported", f"{kind} files are not read")
    for index, form in enumerate(forms):
        form.source.setdefault("file", str(path))
        form.source["index"] = index
        check_reading(form)
    return forms


#: What ``read`` reads, as a message names it.
READ_KINDS = "PDF (with a text layer), text, web pages (.html), .xlsx, .xls, .docx, .doc"
_IMAGE_MAGIC = {
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
    b"GIF8": "GIF",
    b"BM": "BMP",
}


def _image_kind(path: Path) -> str | None:
    """The image format of ``path`` by its first bytes, else None."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError:
        return None
    return next((name for magic, name in _IMAGE_MAGIC.items() if head.startswith(magic)), None)


#: Kinds read by ``extract.office``: workbooks, documents, web pages, legacy files.
OFFICE_KINDS = ("xlsx", "xls", "ods", "docx", "html", "mhtml", "doc")
