"""Batch conversion with LibreOffice headless, one soffice call per batch, private profile."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise SystemExit("LibreOffice is needed to generate samples: run `make samples`.")
    return exe


def to_pdf(sources: list[Path], out_dir: Path) -> list[Path]:
    """Convert office files to PDF in ``out_dir``; returns the PDFs in the order given."""
    if not sources:
        return []
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-samples-") as profile:
        cmd = [
            soffice(),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            *map(str, sources),
        ]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    pdfs = [out_dir / f"{s.stem}.pdf" for s in sources]
    missing = [p for p in pdfs if not p.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not produce {missing}")
    return pdfs
