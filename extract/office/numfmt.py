"""The text a spreadsheet shows for a stored value under its number format.

A workbook stores 0.7633 and prints ``76.33%`` under ``0.00%``; it stores 492 and prints
``492.000000`` under ``0.000000``. The record keeps what is printed, so a reader of originals
formats each value the way the spreadsheet displays it. Covered: General, fixed decimals,
thousands separators, percent, literal text and currency marks around the number, sections for
negative and zero values, colours and locale tags, and the date/time codes offices use
(yyyy"年"m"月"d"日", yyyy-mm-dd, hh:mm). Anything else falls back to General.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_BRACKET = re.compile(r"\[[^\]]*\]")
_DATE_CODE = re.compile(r"(?i)[ymdhs]")
_PLACEHOLDERS = "0#?"


def display(value: object, fmt: str | None) -> str | None:
    """The displayed text of ``value`` under number format ``fmt`` (None for an empty cell)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return _date(value, fmt)
    if isinstance(value, dt.timedelta):
        return str(value)
    if not isinstance(value, int | float | Decimal):
        return str(value)
    fmt = fmt or "General"
    if fmt.strip().lower() in ("general", "@", ""):
        return general(value)
    sections = _split_sections(fmt)
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    section = sections[0]
    negative = number < 0
    if len(sections) >= 3 and number == 0:
        section = sections[2]
    elif negative and len(sections) >= 2:
        section, number, negative = sections[1], -number, False
    try:
        text = _number(abs(number), section)
    except (InvalidOperation, ValueError):
        return general(value)
    if text is None:
        return general(value)
    if negative and text.strip("0.,% ") != "":
        text = "-" + text
    return text


def general(value: int | float | Decimal) -> str:
    """Excel's General format: an integral value without decimals, else up to 11 digits."""
    if isinstance(value, int):
        return str(value)
    number = Decimal(repr(value)) if isinstance(value, float) else value
    if number == number.to_integral_value() and abs(number) < Decimal("1e15"):
        return str(int(number))
    text = f"{float(number):.10g}"
    if "e" in text:
        mantissa, exp = text.split("e")
        return f"{mantissa}E{int(exp):+03d}"
    return text


def _split_sections(fmt: str) -> list[str]:
    out, cur, quoted, escaped = [], "", False, False
    for ch in fmt:
        if escaped:
            cur += ch
            escaped = False
        elif ch == "\\":
            cur += ch
            escaped = True
        elif ch == '"':
            quoted = not quoted
            cur += ch
        elif ch == ";" and not quoted:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return out


def _tokens(section: str) -> list[tuple[str, str]]:
    """(kind, text): 'lit' for literal text, 'code' for format characters."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(section):
        ch = section[i]
        if ch == '"':
            end = section.find('"', i + 1)
            end = len(section) if end < 0 else end
            out.append(("lit", section[i + 1 : end]))
            i = end + 1
        elif ch == "\\" and i + 1 < len(section):
            out.append(("lit", section[i + 1]))
            i += 2
        elif ch == "_":
            i += 2  # padding the width of the next character: blank on the page, no text
        elif ch == "*" and i + 1 < len(section):
            i += 2  # fill: repeats to the column width, nothing in the text
        elif ch == "[":
            end = section.find("]", i)
            end = len(section) if end < 0 else end
            tag = section[i + 1 : end]
            if tag.startswith("$"):  # [$¥-804]: a currency mark, or only a locale
                mark = tag[1:].split("-", 1)[0]
                if mark:
                    out.append(("lit", mark))
            i = end + 1
        else:
            out.append(("code", ch))
            i += 1
    return out


def _number(number: Decimal, section: str) -> str | None:
    tokens = _tokens(section)
    codes = "".join(t for k, t in tokens if k == "code")
    if any(c in codes for c in "Ee/") or _DATE_CODE.search(codes.replace("E", "")):
        return None  # scientific, fractions, a date format on a number: General
    first = next((i for i, (k, t) in enumerate(tokens) if k == "code" and t in _PLACEHOLDERS), None)
    if first is None:  # only literal text ("-", "免"): shown as written
        return "".join(t for _, t in tokens)
    last = max(i for i, (k, t) in enumerate(tokens) if k == "code" and t in _PLACEHOLDERS + ".,")
    prefix = "".join(t for _, t in tokens[:first])
    suffix = "".join(t for _, t in tokens[last + 1 :])
    body = "".join(t for k, t in tokens[first : last + 1] if k == "code")
    percent = (prefix + suffix + body).count("%")
    number = number * (Decimal(100) ** percent)
    while body.endswith(","):  # trailing commas scale by thousands
        body = body[:-1]
        number = number / 1000
    return prefix + _digits(number, body) + suffix


def _digits(number: Decimal, body: str) -> str:
    """A number written by the placeholders of a format's body ("#,##0.00")."""
    int_part, _, dec_part = body.partition(".")
    grouping = "," in int_part
    int_codes = int_part.replace(",", "")
    min_int = int_codes.count("0")
    min_dec = dec_part.count("0")
    max_dec = sum(dec_part.count(c) for c in _PLACEHOLDERS)
    rounded = number.quantize(Decimal(1).scaleb(-max_dec), rounding=ROUND_HALF_UP)
    whole, _, frac = f"{rounded:f}".partition(".")
    frac = frac.ljust(max_dec, "0")[:max_dec]
    while len(frac) > min_dec and frac.endswith("0"):
        frac = frac[:-1]
    whole = whole.lstrip("0")
    whole = whole.rjust(min_int, "0")
    if grouping and whole:
        whole = f"{int(whole):,}".rjust(min_int, "0")
    return whole + ("." + frac if "." in body else "")  # "0.##" shows 3 as "3."


_DATE_DEFAULT = "yyyy/m/d"
_DATETIME_DEFAULT = "yyyy/m/d h:mm"


def _date(value: dt.date | dt.time, fmt: str | None) -> str:
    section = _split_sections(_date_format(value, fmt))[0]
    ampm = "AM/PM" in section.upper() or "上午/下午" in section
    section = re.sub("(?i)AM/PM", '"\x02"', section).replace("上午/下午", '"\x03"')
    runs = _date_runs(_tokens(section))
    out = []
    for i, (kind, text) in enumerate(runs):
        if kind != "code" or text[0].lower() not in "ymdhs":
            out.append(text)
            continue
        code = text.lower()
        ch = code[0]
        if ch == "m" and _is_minute(runs, i):
            ch = "n"
        out.append(_date_part(value, ch, len(code), ampm))
    morning = (getattr(value, "hour", 0) or 0) < 12
    text = "".join(out)
    return text.replace("\x02", "AM" if morning else "PM").replace(
        "\x03", "上午" if morning else "下午"
    )


def _date_format(value: dt.date | dt.time, fmt: str | None) -> str:
    """The format a date or time is shown by: its own, or Excel's default for its kind."""
    fmt = (fmt or "").strip()
    if not fmt or fmt.lower() == "general" or not _DATE_CODE.search(_BRACKET.sub("", fmt)):
        if isinstance(value, dt.datetime):
            fmt = _DATE_DEFAULT if value.time() == dt.time() else _DATETIME_DEFAULT
        elif isinstance(value, dt.date):
            fmt = _DATE_DEFAULT
        else:
            fmt = "h:mm:ss"
    return fmt


def _date_runs(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The tokens with each run of the same code letter ("yyyy", "mm") grouped as one."""
    runs: list[tuple[str, str]] = []
    for kind, text in tokens:
        if kind == "code" and text.lower() in "ymdhs" and runs and runs[-1][0] == "code":
            if runs[-1][1][-1].lower() == text.lower():
                runs[-1] = ("code", runs[-1][1] + text)
                continue
        runs.append((kind, text))
    return runs


def _is_minute(runs: list[tuple[str, str]], i: int) -> bool:
    for j in range(i - 1, -1, -1):
        kind, text = runs[j]
        if kind == "code" and text[0].lower() in "ymdhs":
            if text[0].lower() == "h":
                return True
            break
    for j in range(i + 1, len(runs)):
        kind, text = runs[j]
        if kind == "code" and text[0].lower() in "ymdhs":
            return text[0].lower() == "s"
    return False


def _date_part(value: dt.date | dt.time, ch: str, n: int, ampm: bool) -> str:
    def get(name: str) -> int:
        return getattr(value, name, 0) or 0

    if ch == "y":
        return f"{get('year') % 100:02d}" if n <= 2 else f"{get('year'):04d}"
    if ch == "m":
        month = get("month")
        if n >= 4:
            return dt.date(2000, month, 1).strftime("%B")
        if n == 3:
            return dt.date(2000, month, 1).strftime("%b")
        return f"{month:0{n}d}"
    if ch == "d":
        if n >= 3 and isinstance(value, dt.date):
            return value.strftime("%A" if n >= 4 else "%a")
        return f"{get('day'):0{n}d}"
    if ch == "h":
        hour = get("hour")
        if ampm:
            hour = hour % 12 or 12
        return f"{hour:0{min(n, 2)}d}"
    if ch == "n":
        return f"{get('minute'):0{min(n, 2)}d}"
    return f"{get('second'):0{min(n, 2)}d}"
