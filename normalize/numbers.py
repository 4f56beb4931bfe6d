"""Exact numbers from printed cells: money, scores, weights and rates as Decimal, never float.

A form prints ``492.000000``, ``7.63``, ``10分``, ``76.33%``, ``１００`` or a dash for "not
applicable". These helpers keep every printed digit (``Decimal("492.000000")``) and turn the
dashes into None, never into 0, so a missing score cannot pass for a zero score.
"""

from __future__ import annotations

import re
from decimal import Decimal

from selfeval.normalize.text import squeeze

PLACEHOLDERS = frozenset(
    {
        "",
        "-",
        "--",
        "---",
        "/",
        "//",
        "*",
        "**",
        "无",
        "空",
        "…",
        "……",
        "...",
        "......",
        "n/a",
        "na",
    }
)

_NUMBER = r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+"
_PLAIN = re.compile(rf"({_NUMBER})\s*(?:分|万元|元|万)?")
_RATE = re.compile(rf"({_NUMBER})\s*(%)?")

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "两": 2,
    "贰": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_LARGE = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = "".join(_CN_DIGITS) + "".join(_CN_SMALL) + "".join(_CN_LARGE)


def is_placeholder(text: str | None) -> bool:
    """True for an empty cell or a printed 'not applicable' mark ('-', '—', '/', '无', '……')."""
    if text is None:
        return True
    return squeeze(text).strip("-/").lower() in PLACEHOLDERS  # all dashes/slashes strip to ""


def to_decimal(digits: str) -> Decimal:
    """Decimal of an ASCII number as printed, thousands separators removed ('1,000.50')."""
    return Decimal(digits.replace(",", ""))


def parse_decimal(text: str | None) -> Decimal | None:
    """Money, score or weight as printed: '492.000000' -> Decimal('492.000000'); dashes -> None.

    Accepts full-width digits, thousands separators, a trailing 分/元/万元 and Chinese numerals
    ('十' -> 10). Anything else (prose, a percent sign) gives None: use :func:`parse_rate` for
    rates.
    """
    if text is None or is_placeholder(text):
        return None
    key = squeeze(text)
    if m := _PLAIN.fullmatch(key):
        return to_decimal(m.group(1))
    stripped = re.sub(r"(?:分|万元|元)$", "", key)
    number = parse_chinese_number(stripped)
    return Decimal(number) if number is not None else None


_PERCENT_WORDS = re.compile(r"^百分之(.+)$")


def percent_words(key: str) -> str:
    """'百分之九十五' -> '95%', '百分之76.33' -> '76.33%'; any other text unchanged."""
    m = _PERCENT_WORDS.match(key)
    if not m:
        return key
    number = m.group(1)
    if re.fullmatch(_NUMBER, number):
        return f"{number}%"
    integer = parse_chinese_number(number)
    return f"{integer}%" if integer is not None else key


def parse_rate(text: str | None) -> Decimal | None:
    """A rate as a FRACTION: '76.33%' -> Decimal('0.7633'), '76.33％', '百分之九十' -> 0.9,
    '100' -> 1, '0.95' -> 0.95.

    A bare number above 1.5 is read as a percentage (forms print '100' for 100%); exact,
    because moving the decimal point (scaleb) never rounds.
    """
    if text is None or is_placeholder(text):
        return None
    m = _RATE.fullmatch(percent_words(squeeze(text)))
    if not m:
        return None
    number = to_decimal(m.group(1))
    if m.group(2) or abs(number) > Decimal("1.5"):
        return number.scaleb(-2)
    return number


def parse_chinese_number(text: str) -> int | None:
    """Integer value of a Chinese numeral ('十五' -> 15, '两' -> 2, '一百零五' -> 105), else None."""
    if not text or any(ch not in CN_NUMERAL_CHARS for ch in text):
        return None
    total = 0
    section = 0
    digit: int | None = None
    for ch in text:
        if ch in _CN_DIGITS:
            if digit is not None and digit != 0:
                return None  # two digits in a row ('二三') is not a numeral
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            section += (1 if digit is None else digit) * _CN_SMALL[ch]
            digit = None
        else:
            section += digit or 0
            if section == 0 and total == 0:
                return None
            total = (total + section) * _CN_LARGE[ch]
            section = 0
            digit = None
    return total + section + (digit or 0)
