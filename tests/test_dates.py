import datetime

import pytest

from linter.dates import find_dates, parse_date


@pytest.mark.parametrize("text,expected", [
    ("2013-01-16 00:00", (2013, 1, 16)),
    ("2013/1/16", (2013, 1, 16)),
    ("2013.1.16", (2013, 1, 16)),
    ("2013年1月16日", (2013, 1, 16)),
    ("2017年05月15日", (2017, 5, 15)),
    ("二〇一三年一月十六日", (2013, 1, 16)),
    ("二○一一年十二月二日", (2011, 12, 2)),
    ("二O一一年5月16日", (2011, 5, 16)),
    ("二OO五年十二月十日", (2005, 12, 10)),
    ("二〇二〇年十月三十一日", (2020, 10, 31)),
])
def test_forms_seen_in_practice(text, expected):
    assert parse_date(text) == datetime.date(*expected)


@pytest.mark.parametrize("text", ["2016-02-30", "201511日", "2015年13月1日", "二〇一三年二月三十日", "无"])
def test_no_such_day_or_no_date(text):
    assert parse_date(text) is None


def test_find_dates_spans():
    found = find_dates("自2015年1月1日至2015年12月31日")
    assert [(d.start, d.end, d.date) for d in found] == [
        (1, 10, datetime.date(2015, 1, 1)), (11, 22, datetime.date(2015, 12, 31))]
