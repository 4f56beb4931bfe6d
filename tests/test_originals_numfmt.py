"""The displayed text of a stored value under its number format, as Excel and WPS print it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from selfeval.extract.office.numfmt import display, general


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (0.7633, "0.00%", "76.33%"),
        (0.96, "0%", "96%"),
        (492, "0.000000", "492.000000"),
        (375.5442, "0.000000", "375.544200"),
        (7.63, "0.00", "7.63"),
        (2.675, "0.00", "2.68"),  # half up on the decimal value, as Excel shows it
        (0.125, "0.00", "0.13"),
        (1234567.891, "#,##0.00", "1,234,567.89"),
        (1234.5, "#,##0.00_);[Red]\\(#,##0.00\\)", "1,234.50"),
        (-1234.5, "#,##0.00_);[Red]\\(#,##0.00\\)", "(1,234.50)"),
        (-5, "0.00", "-5.00"),
        (-5, "0.00;[Red]-0.00", "-5.00"),
        (0, '0.00;-0.00;"-"', "-"),
        (10, "0_ ", "10"),
        (0.5, "#.00", ".50"),
        (3, "0.##", "3."),
        (3.14159, "0.0#", "3.14"),
        (12.5, '0.0"万元"', "12.5万元"),
        (1234, "[$¥-804]#,##0.00", "¥1,234.00"),
        (95, "0", "95"),
        (95, "General", "95"),
        (375.5442, "General", "375.5442"),
        (0.1 + 0.2, "General", "0.3"),
        (492.0, "General", "492"),
        (1e-7, "General", "1E-07"),
        (12345, "#,##0,", "12"),  # a trailing comma scales by a thousand
        (0.5, "# ?/?", "0.5"),  # fractions: General
        ("3次", "General", "3次"),
        ("=8个", "@", "=8个"),
        (None, "0.00", None),
        (True, "General", "TRUE"),
        (Decimal("1.005"), "0.00", "1.01"),
    ],
)
def test_number_formats(value, fmt, shown):
    assert display(value, fmt) == shown


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (dt.datetime(2022, 5, 20), 'yyyy"年"m"月"d"日"', "2022年5月20日"),
        (dt.datetime(2022, 5, 20), "yyyy年m月d日", "2022年5月20日"),
        (dt.datetime(2022, 5, 20, 9, 5), "yyyy-mm-dd hh:mm", "2022-05-20 09:05"),
        (dt.datetime(2022, 5, 20), "yyyy/m/d", "2022/5/20"),
        (dt.datetime(2022, 5, 20), None, "2022/5/20"),
        (dt.datetime(2022, 5, 20, 14, 30), "h:mm AM/PM", "2:30 PM"),
        (dt.datetime(2022, 5, 20, 9, 5), '上午/下午h"时"mm"分"', "上午9时05分"),
        (dt.date(2021, 12, 31), "[$-804]yyyy年m月", "2021年12月"),
        (dt.time(8, 30, 15), "hh:mm:ss", "08:30:15"),
    ],
)
def test_date_formats(value, fmt, shown):
    assert display(value, fmt) == shown


def test_general_keeps_up_to_ten_significant_digits():
    assert general(1 / 3) == "0.3333333333"
    assert general(123456789012.0) == "123456789012"
