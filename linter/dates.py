"""Parse the date forms seen in published reports.

Forms (all after NFKC, so full-width digits are ASCII): 2013-01-16 [00:00],
2013/1/16, 2013.1.16, 2013年1月16日 (zero-padded or not), and Chinese numerals
二〇一三年一月十六日 with 〇, ○, O or 零 as zero.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import regex

from linter import regexes
_ZERO = "〇○OoＯ零0"
_DIGITS = {c: 0 for c in _ZERO} | {c: i for i, c in enumerate("一二三四五六七八九", 1)}
_CN_NUMBER = "[一二三四五六七八九十〇○OoＯ零两]"

DATE_PATTERN = regexes.compile(
    r"(?<!\d)(?P<y>\d{4})\s*(?P<sep>[-/.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})(?!\d)"
    r"|(?<!\d)(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    rf"|(?P<cy>{_CN_NUMBER}{{4}})\s*年\s*(?P<cm>{_CN_NUMBER}{{1,3}}|\d{{1,2}})\s*月\s*(?P<cd>{_CN_NUMBER}{{1,3}}|\d{{1,2}})\s*日"
)


@dataclass(frozen=True)
class DateMatch:
    """A date found in text: its span, the text matched and the date (None if no such day)."""

    start: int
    end: int
    text: str
    date: datetime.date | None


# a year run together with a plausible month and day, its 年/月 lost: 202211日, 20221231日
COLLAPSED_DATE = regexes.compile(r"(?<![\d年月./-])(?:19|20)\d{2}(?:0?[1-9]|1[0-2])(?:0?[1-9]|[12]\d|3[01])日")


def looks_like_a_date(text: str) -> bool:
    """A date form, real day or not, or a collapsed date."""
    return bool(DATE_PATTERN.search(text) or COLLAPSED_DATE.search(text))


def find_dates(text: str) -> list[DateMatch]:
    return [_to_match(m) for m in DATE_PATTERN.finditer(text)]


def parse_date(text: str) -> datetime.date | None:
    """The first date in `text`, or None if there is none or it names no real day."""
    match = DATE_PATTERN.search(text)
    return _to_match(match).date if match else None


def _to_match(match: regex.Match) -> DateMatch:
    if match.group("cy"):
        year = chinese_year(match.group("cy"))
        month = _cn_small(match.group("cm"))
        day = _cn_small(match.group("cd"))
    else:
        year, month, day = int(match.group("y")), int(match.group("m")), int(match.group("d"))
    try:
        value = datetime.date(year, month, day) if year and month and day else None
    except ValueError:
        value = None
    return DateMatch(match.start(), match.end(), match.group(), value)


def chinese_year(text: str) -> int | None:
    digits = [_DIGITS.get(c) for c in text]
    if any(d is None for d in digits):
        return None
    return int("".join(str(d) for d in digits))


def _cn_small(text: str) -> int | None:
    """一..三十一 (十, 十二, 二十, 二十三, 三十一), digit-by-digit forms like 一二, or Arabic."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        ten = _DIGITS.get(tens, None) if tens else 1
        unit = _DIGITS.get(units, None) if units else 0
        if ten is None or unit is None:
            return None
        return ten * 10 + unit
    digits = [_DIGITS.get(c) for c in text]
    if any(d is None for d in digits):
        return None
    return int("".join(str(d) for d in digits))
