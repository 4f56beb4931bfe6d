"""pdfplumber's layout tree with /ActualText honoured, as PDFium and poppler honour it.

Chromium (Skia) wraps a glyph whose ToUnicode entry does not give the text it printed in a
``/Span <</ActualText (…)>> BDC … EMC`` span: with Noto Sans CJK a glyph shared by an
ideograph and a radical maps to the radical (户 -> ⼾), and a ligature to one code point
("——" -> ⸺). pdfminer ignores the span; this aggregator gives the span's first glyph the
span's text and drops the span's other glyphs, so both engines read the same characters.
"""

from __future__ import annotations

from typing import Any

from pdfminer.layout import LTChar, LTComponent, LTLayoutContainer, LTPage
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.utils import decode_text
from pdfplumber.page import PDFPageAggregatorWithMarkedContent

#: An open marked-content span: its ActualText (None: none given), the container it began in,
#: and how many objects that container held then.
_Span = tuple[str | None, LTLayoutContainer, int]


class _ActualTextAggregator(PDFPageAggregatorWithMarkedContent):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.spans: list[_Span] = []

    def begin_tag(self, tag: Any, props: Any = None) -> None:
        super().begin_tag(tag, props)
        text = props.get("ActualText") if isinstance(props, dict) else None
        if isinstance(text, bytes):
            text = decode_text(text)
        actual = text if isinstance(text, str) else None
        self.spans.append((actual, self.cur_item, len(self.cur_item._objs)))

    def end_tag(self) -> None:
        super().end_tag()
        if not self.spans:
            return
        actual, container, start = self.spans.pop()
        if actual is None or container is not self.cur_item:
            return
        objs: list[LTComponent] = container._objs
        glyphs = [o for o in objs[start:] if isinstance(o, LTChar)]
        if not glyphs:
            return
        glyphs[0]._text = actual
        drop = {id(o) for o in glyphs[1:]}
        if not actual:
            drop.add(id(glyphs[0]))
        if drop:
            objs[start:] = [o for o in objs[start:] if id(o) not in drop]


def layout_tree(page: Any) -> LTPage:
    """The page's pdfminer layout tree (``page.layout``, cached on the page as pdfplumber
    caches it), read with /ActualText spans applied."""
    cached: LTPage | None = getattr(page, "_layout", None)
    if cached is not None:
        return cached
    device = _ActualTextAggregator(
        page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams
    )
    PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    result: LTPage = device.get_result()
    page._layout = result
    return result
