"""Legacy office files (.doc, .wps, .et, old .xls calamine cannot open) through LibreOffice.

``soffice --headless --convert-to docx|xlsx`` writes a modern copy in a private temporary
folder, with a private profile, under a time limit; the copy is read as any .docx/.xlsx and the
forms keep the original's name. Without LibreOffice the file gets the named error
``needs-libreoffice``, which says how to get it.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from selfeval.extract.errors import ReadError
from selfeval.extract.record import Form

#: seconds a conversion may take (a batch's per-file limit applies around it as well)
CONVERT_TIMEOUT = 120


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(path: Path, target: str, out_dir: Path) -> Path:
    """The file converted to ``target`` ('docx' or 'xlsx') in ``out_dir``."""
    exe = soffice()
    if exe is None:
        raise ReadError(path, "needs-libreoffice")
    profile = out_dir / "profile"
    cmd = [
        exe,
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--norestore",
        "--convert-to",
        target,
        "--outdir",
        str(out_dir),
        str(path),
    ]
    try:
        subprocess.run(
            cmd,
            check=True,
            timeout=CONVERT_TIMEOUT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        raise ReadError(path, "timeout", "LibreOffice took too long to convert it") from None
    except (subprocess.CalledProcessError, OSError) as exc:
        raise ReadError(path, "damaged", f"LibreOffice could not convert it: {exc}") from None
    made = out_dir / f"{path.stem}.{target}"
    if not made.exists():
        raise ReadError(path, "damaged", "LibreOffice could not convert it")
    return made


def read_legacy(path: Path, target: str = "docx") -> list[Form]:
    from selfeval.extract.office.read import read_original

    with tempfile.TemporaryDirectory(prefix="selfeval-lo-") as tmp:
        made = convert(path, target, Path(tmp))
        forms = read_original(made, target)
    for form in forms:
        form.source["converted"] = f"LibreOffice -> {target}"
    return forms
