"""Diff forms field by field (the goldens themselves: ``golden.golden_for``)."""

from __future__ import annotations

from typing import Any

from selfeval.extract.record import Form, contract_view


def engine_neutral(forms: list[Form]) -> tuple[dict[str, Any], ...]:
    """The forms' records as two engines must agree on them: without the field naming the
    engine that read them."""
    out = []
    for form in forms:
        record = form.to_dict()
        record.get("source", {}).pop("engine", None)
        out.append(record)
    return tuple(out)


def diff_forms(got: list[dict], want: list[dict]) -> list[str]:
    """Every contract field that differs, as readable lines (empty when all are equal)."""
    out: list[str] = []
    if len(got) != len(want):
        out.append(f"{len(got)} forms, golden has {len(want)}")
    for n, (g, w) in enumerate(zip(got, want, strict=False)):
        g, w = contract_view(g), contract_view(w)
        for key in [*w, *(k for k in g if k not in w)]:  # a grade only one side has differs too
            if key in ("funds", "indicators"):
                if len(g[key]) != len(w[key]):
                    out.append(f"form {n} {key}: {len(g[key])} rows, golden has {len(w[key])}")
                for i, (gr, wr) in enumerate(zip(g[key], w[key], strict=False)):
                    out += [
                        f"form {n} {key}[{i}].{f}: {gr[f]!r} != golden {wr[f]!r}"
                        for f in wr
                        if gr[f] != wr[f]
                    ]
            elif isinstance(w.get(key), dict):
                out += [
                    f"form {n} {key}.{f}: {g[key][f]!r} != golden {w[key][f]!r}"
                    for f in w[key]
                    if g[key][f] != w[key][f]
                ]
            elif g.get(key) != w.get(key):
                out.append(f"form {n} {key}: {g.get(key)!r} != golden {w.get(key)!r}")
    return out
