"""The bands of a -layout grid's body, and a page without a header of its own read by them.

A band is a run of character places that some text of the page's body takes, between two
gutters (places no character of the body takes). pdftotext lays out each page on its own, so a
page that prints no header of its own does not keep the header page's places; but where its
bands follow one another as the header page's do (as many, numbers where numbers stand and
text where text stands) and each of the header page's bands holds one column's text only,
band k of the page is band k of the header page, column and all. Anything else: no reading.
"""

from __future__ import annotations

from typing import Protocol, TypeVar

from selfeval.extract.text.web import is_number


class Placed(Protocol):
    @property
    def text(self) -> str: ...

    @property
    def x0(self) -> int: ...

    @property
    def x1(self) -> int: ...


T = TypeVar("T", bound=Placed)

#: A page's bands, each with its kind ("N": numbers only, "T": text) and the column role
#: its text goes to.
BandRoles = list[tuple[str, str]]


def body_bands(toks: list[T]) -> list[tuple[int, int]]:
    """The runs of places some character of the tokens takes: [start, end) each."""
    width = max([t.x1 for t in toks] + [1])
    taken = [False] * width
    for t in toks:
        for x in range(t.x0, t.x1):
            if t.text[x - t.x0] != " ":
                taken[x] = True
    out, start = [], None
    for x, on in enumerate([*taken, False]):
        if on and start is None:
            start = x
        elif not on and start is not None:
            out.append((start, x))
            start = None
    return out


def _band_of(t: Placed, bands: list[tuple[int, int]]) -> int | None:
    inside = [k for k, (b0, b1) in enumerate(bands) if t.x0 < b1 and b0 < t.x1]
    return inside[0] if len(inside) == 1 else None


def _kinds(toks: list[T], bands: list[tuple[int, int]]) -> list[str] | None:
    """Each band's kind, or None when a token lies across two bands."""
    texts: list[list[str]] = [[] for _ in bands]
    for t in toks:
        k = _band_of(t, bands)
        if k is None:
            return None
        texts[k].append(t.text)
    return ["N" if all(is_number(x) for x in ts) else "T" for ts in texts]


def band_roles(by_col: dict[str, list[T]], unsure: list[T]) -> BandRoles | None:
    """A header page's bands (of the text its columns took) with their kinds and the one
    column each band's text went to; None when a band holds text of two columns or some
    text went to no column."""
    if unsure:
        return None
    toks = [t for ts in by_col.values() for t in ts]
    bands = body_bands(toks)
    kinds = _kinds(toks, bands)
    if kinds is None:
        return None
    found: list[set[str]] = [set() for _ in bands]
    for role, ts in by_col.items():
        for t in ts:
            k = _band_of(t, bands)
            if k is None:
                return None
            found[k].add(role)
    if any(len(f) != 1 for f in found):
        return None
    return [(kind, f.pop()) for kind, f in zip(kinds, found, strict=True)]


def by_reference(toks: list[T], reference: BandRoles) -> dict[str, list[T]] | None:
    """A headerless page's tokens by column, band k going where the header page's band k
    went; None unless the page's bands follow one another as the header page's do."""
    bands = body_bands(toks)
    kinds = _kinds(toks, bands)
    if kinds is None or kinds != [kind for kind, _ in reference]:
        return None
    out: dict[str, list[T]] = {}
    for t in toks:
        k = _band_of(t, bands)
        if k is None:
            return None
        out.setdefault(reference[k][1], []).append(t)
    return out
