import datetime

import pytest

from linter.dates import DATE_PATTERN, digits_are_ascii, find_dates, parse_date


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


def test_digits_outside_the_guarded_ranges_are_only_ascii():
    """digits_are_ascii (the fast path's guard) relies on `\\d` taking only 0-9 in these ranges."""
    import regex

    ranges = [(0, 0x660), (0x2000, 0xA620), (0xAC00, 0xD800), (0xE000, 0xFF10), (0xFF1A, 0x10000)]
    text = "".join(chr(c) for start, end in ranges for c in range(start, end))
    assert set(regex.findall(r"\d", text)) == set("0123456789")
    assert digits_are_ascii(text)


def test_other_decimal_digits_are_noticed():
    assert digits_are_ascii("2023年二〇二三年，１") is False  # a full-width digit
    assert digits_are_ascii("发布于٢٠٢٣") is False             # Arabic-Indic digits
    assert digits_are_ascii("2023年二〇二三年") is True


@pytest.mark.parametrize("text", [
    "自2015年1月1日至2015年12月31日", "12023-01-05 与 20231-01-01 与 2023-01-01", "2023 - 1 - 5", "2023-1/5",
    "2023-01-05-06", "2023.1.1.2", "2023年\n1月1日", "2023年1月1日2023年2月30日", "二〇二三年一月十六日，2023-02-30",
    "发布于٢٠٢٣-01-16", "2023年13月1日", "2023/2023/2023-01-01", "20232023年1月1日", "2023年1月", "",
])
def test_find_dates_finds_what_the_pattern_finds(text):
    """The fast path (numeric dates only, 0-9 digits) and the full scan agree."""
    expected = [(m.start(), m.end(), m.group()) for m in DATE_PATTERN.finditer(text)]
    assert [(d.start, d.end, d.text) for d in find_dates(text)] == expected


_FORM_PIECES = ("2023", "20231231日", "202211日", "19990101日", "12345678日", "-", "/", ".", "年", "月", "日", " ", "\n",
                "1", "12", "0", "31", "度", "二〇二三", "٢", "2023-02-30", "2023年2月30日", "2023. 1 .5", "2020年 2月")


def _forms_found_by_both_scans(text):
    from linter.dates import COLLAPSED_DATE
    return sorted([(m.start(), m.end(), m.group(), "date") for m in DATE_PATTERN.finditer(text)]
                  + [(m.start(), m.end(), m.group(), "collapsed") for m in COLLAPSED_DATE.finditer(text)])


def test_date_forms_finds_what_both_patterns_find():
    """date_forms' one scan (0-9 digits, no Chinese year) finds the matches of DATE_PATTERN and
    COLLAPSED_DATE that their own scans find, in order, on texts made of date pieces."""
    import random

    from linter.dates import COLLAPSED_DATE, date_forms, has_chinese_year
    pick = random.Random(7)
    texts = ["2023年度报告，20221231日发布，2023-02-30、2023年1月1日", "2022年度 202211日", "1202211日 2023年 1日"]
    texts += ["".join(pick.choice(_FORM_PIECES) for _ in range(pick.randrange(1, 14))) for _ in range(20000)]
    fast = 0
    for text in texts:
        ascii_digits, chinese_year = digits_are_ascii(text), has_chinese_year(text)
        fast += ascii_digits and not chinese_year
        found = [(m.start(), m.end(), m.group(), "collapsed" if m.re is COLLAPSED_DATE else "date")
                 for m in date_forms(text, ascii_digits, chinese_year)]
        assert found == _forms_found_by_both_scans(text), text
    assert fast > 10000


def test_dates_with_other_digits_and_chinese_numerals_are_found():
    assert [d.date for d in find_dates("发布于٢٠٢٣-01-16")] == [datetime.date(2023, 1, 16)]
    assert [(d.text, d.date) for d in find_dates("二〇二三年一月十六日，2023-02-30")] == [
        ("二〇二三年一月十六日", datetime.date(2023, 1, 16)), ("2023-02-30", None)]
    assert [d.text for d in find_dates("12023-01-05 与 20231-01-01 与 2023-01-01")] == ["2023-01-01"]


def test_the_high_byte_scan_answers_as_the_class_scan():
    """digits_are_ascii skips the class scan for a text none of whose UTF-16 units has a high byte
    of _OTHER_DIGIT_HIGH_BYTES: every character of the class has one (an astral character in its
    first unit), so the answer is the class scan's for every code point, lone surrogates too."""
    from linter import dates, regexes

    everything = "".join(map(chr, range(0x110000)))
    in_class = regexes.compile(dates._MAYBE_OTHER_DIGIT_CLASS).findall(everything)
    assert in_class and all(c.encode("utf-16-le")[1] in dates._OTHER_DIGIT_HIGH_BYTES for c in in_class)
    for text in [everything[i:i + 61] for i in range(0, len(everything), 61)] + ["\ud835", "\udfd8", "\ud835\udfd8"]:
        assert digits_are_ascii(text) is (dates._MAYBE_OTHER_DIGIT.search(text) is None)
    assert digits_are_ascii("𝟘") is False and digits_are_ascii("2023年\udc80") is True


def test_invalid_date_and_date_zero_look_for_chinese_years_once(monkeypatch):
    """Both rules need to know whether the view has a 年 after four Chinese numerals: one scan answers both."""
    from linter import dates
    from linter.frozen import Frozen
    from linter.kinds.report_dates import ReportDates

    from test_view_mapping import doc_of

    calls = []
    scan = dates.has_chinese_year
    monkeypatch.setattr(dates, "has_chinese_year", lambda text: calls.append(text) or scan(text))
    kind = ReportDates()
    for text, expected in (("2023年2月30日发布。二○一三年一月五日", 2), ("2023年2月30日发布", 1)):
        doc = doc_of(text)
        hits = [hit.variant for check in ("invalid-date", "date-zero")
                for hit in kind.check(doc, Frozen(dict(check=check, exclude_fields=[], tolerance_days=0)))]
        assert len(hits) == expected and len(calls) == 1
        calls.clear()


def test_the_date_of_a_match_is_that_of_its_text():
    """date_of_text remembers a match's date by its text: within any context, it is match_date's."""
    import random

    from linter.dates import date_of_text, match_date
    pick = random.Random(11)
    pieces = _FORM_PIECES + ("二〇二三年一月三十日", "二○一三年十三月一日", "一", "十", "〇", "5", "9")
    texts = ["12023-01-05 与 2023-02-30 与 20231-01-01", "2023年2月29日1", "二〇二三年二月三十日，2023-2-29"]
    texts += ["".join(pick.choice(pieces) for _ in range(pick.randrange(1, 12))) for _ in range(20000)]
    seen = 0
    for text in texts:
        for match in DATE_PATTERN.finditer(text):
            seen += 1
            assert date_of_text(match) == match_date(match), (text, match.group())
    assert seen > 5000
