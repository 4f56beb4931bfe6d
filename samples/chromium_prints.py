"""-layout dumps of the HTML originals printed by headless Chromium with CJK fonts.

``python -m samples.chromium_prints`` (needs chromium, fonts-noto-cjk, fonts-wqy-zenhei,
fonts-arphic-uming and poppler-utils; run by ``samples.make``). Chromium embeds a CFF CJK font (Noto Sans/Serif CJK, Source Han) as Type 3
fonts, which pdftotext gives an inflated font size: its line grouping then merges a cell
centred half a line off into the line above or below, and it joins cells a blank apart into
one line (the class of ../shared/validation's seed_html_noto). Each HTML original of
samples/originals is printed in every style of ``STYLES`` and dumped with ``-layout`` to
``samples/dumps_variants/chromium-noto/<style>/<original>.layout.txt``; its golden is the
corpus golden of the form (``golden/<stem>.json``, the name before the first dot).

The styles of ``TRUETYPE_STYLES`` print with TrueType CJK fonts (WenQuanYi Zen Hei, AR PL
UMing), which Chromium embeds as CID fonts, as in ../shared/validation's seed_html: their
dumps go to ``samples/dumps_variants/chromium-truetype/<style>/``.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from samples.poppler import dump_text
from samples.specs import ROOT

ORIGINALS = ROOT / "samples" / "originals"
OUT_DIR = ROOT / "samples" / "dumps_variants" / "chromium-noto"

#: Style name: the CSS added to the page (font, size, how cells sit).
STYLES = {
    "notosans9": '*{font-family:"Noto Sans CJK SC" !important;font-size:9pt !important}'
    " td{vertical-align:middle;text-align:center}",
    "notosans11": '*{font-family:"Noto Sans CJK SC" !important;font-size:11pt !important}'
    " td{vertical-align:middle}",
    "notoserif10": '*{font-family:"Noto Serif CJK SC" !important;font-size:10pt !important}'
    " td{vertical-align:middle;text-align:center}",
    "notosans8narrow": '*{font-family:"Noto Sans CJK SC" !important;font-size:8pt !important}'
    " table{width:100%} td{vertical-align:middle;text-align:center;padding:1px}",
    # (the page's own sizes: a page printed as it is, on a machine whose CJK font is Noto)
    "notosans-pagesize": '*{font-family:"Noto Sans CJK SC" !important}',
}

TRUETYPE_DIR = ROOT / "samples" / "dumps_variants" / "chromium-truetype"

#: As ``STYLES``, with TrueType CJK fonts.
TRUETYPE_STYLES = {
    "wqy9": '*{font-family:"WenQuanYi Zen Hei" !important;font-size:9pt !important}'
    " td{vertical-align:middle}",
    "wqy10mid": '*{font-family:"WenQuanYi Zen Hei" !important;font-size:10pt !important}'
    " td{vertical-align:middle;text-align:center}",
    "wqy12top": '*{font-family:"WenQuanYi Zen Hei" !important;font-size:12pt !important}'
    " td{vertical-align:top}",
    "uming11": '*{font-family:"AR PL UMing CN" !important;font-size:11pt !important}'
    " td{vertical-align:middle}",
    "wqy14": '*{font-family:"WenQuanYi Zen Hei" !important;font-size:14pt !important}'
    " td{vertical-align:middle}",
    # (the page's own sizes, as seed_html prints)
    "wqy-pagesize": '*{font-family:"WenQuanYi Zen Hei" !important}',
    "uming-pagesize": '*{font-family:"AR PL UMing CN" !important}',
    # (nothing added: the page as it is, its own fonts as the machine's fontconfig resolves
    # them, WenQuanYi Zen Hei and AR PL UMing here, as a browser's "print" gives it)
    "plain": "",
}

#: Each folder of dumps with its styles.
PRINTS = {OUT_DIR: STYLES, TRUETYPE_DIR: TRUETYPE_STYLES}

#: Headless Chromium on a closed network: no background connections, a fresh profile.
CHROMIUM = [
    "chromium",
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
]


def styled(html: bytes, css: str) -> str:
    """The page as UTF-8 text with ``css`` added to its head (GBK pages decoded first)."""
    head = html[:400].lower()
    text = html.decode("gbk" if b"gbk" in head or b"gb2312" in head else "utf-8", "replace")
    for declared in ("charset=gbk", "charset=GBK", "charset=gb2312", "charset=GB2312"):
        text = text.replace(declared, "charset=utf-8")
    style = f"<style>{css}</style>"
    return text.replace("</head>", style + "</head>", 1) if "</head>" in text else style + text


def print_all(originals: Path = ORIGINALS) -> list[Path]:
    """Print every HTML original in every style of ``PRINTS``; the dumps written."""
    written = []
    with tempfile.TemporaryDirectory(prefix="chromium-prints-") as tmp:
        work = Path(tmp)
        for out_dir, css_by_style in PRINTS.items():
            written += _print_styles(originals, out_dir, css_by_style, work)
    return written


def _print_styles(
    originals: Path, out_dir: Path, css_by_style: dict[str, str], work: Path
) -> list[Path]:
    """Print every HTML original in each style, dumped to ``out_dir/<style>``."""
    written = []
    for style, css in css_by_style.items():
        (out_dir / style).mkdir(parents=True, exist_ok=True)
        for original in sorted(originals.glob("*.html")):
            name = original.name.removesuffix(".html")
            page = work / f"{style}-{name}.html"
            page.write_text(styled(original.read_bytes(), css), encoding="utf-8")
            pdf = work / f"{style}-{name}.pdf"
            profile = f"--user-data-dir={work / 'profile'}"
            subprocess.run(
                [*CHROMIUM, profile, f"--print-to-pdf={pdf}", str(page)],
                check=True,
                capture_output=True,
                timeout=120,
            )
            written.append(dump_text(pdf, out_dir / style / f"{name}.layout.txt", "-layout"))
    return written


if __name__ == "__main__":
    for path in print_all():
        print(path.relative_to(ROOT))
