"""Normalization: printed names and values -> taxonomy codes, value kinds, exact Decimals.

``normalize_form(form)`` returns typed results (NormalizedForm); ``apply(form)`` also attaches
their JSON view as ``normalized`` to every row. The printed cells are never changed.
Imports only ``extract``; jieba loads lazily on first fuzzy use.
"""

from __future__ import annotations

from selfeval.normalize.apply import (
    NormalizedForm,
    NormalizedFund,
    NormalizedIndicator,
    apply,
    normalize_form,
    normalize_fund,
    normalize_indicator,
)
from selfeval.normalize.names import NameMatch, match_levels, theme_of, use_taxonomy
from selfeval.normalize.numbers import parse_decimal, parse_rate
from selfeval.normalize.taxonomy import Taxonomy, TaxonomyError
from selfeval.normalize.values import Value, parse_value

__all__ = [
    "NameMatch",
    "NormalizedForm",
    "NormalizedFund",
    "NormalizedIndicator",
    "Taxonomy",
    "TaxonomyError",
    "Value",
    "apply",
    "match_levels",
    "normalize_form",
    "normalize_fund",
    "normalize_indicator",
    "parse_decimal",
    "parse_rate",
    "parse_value",
    "theme_of",
    "use_taxonomy",
]
