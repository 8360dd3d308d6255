"""Parse the date forms seen in published reports.

Forms (all after NFKC, so full-width digits are ASCII): 2013-01-16 [00:00],
2013/1/16, 2013.1.16, 2013年1月16日 (zero-padded or not), and Chinese numerals
二〇一三年一月十六日 with 〇, ○, O or 零 as zero.
"""

from __future__ import annotations

import datetime
from codecs import utf_16_le_encode
from collections.abc import Iterable

from linter import regexes
from linter.memo import per_document, per_short_text
from linter.records import NamedTuple

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see linter.records)
if TYPE_CHECKING:
    import regex  # annotations only: patterns come from linter.regexes

_ZERO = "〇○OoＯ零0"
_DIGITS = {c: 0 for c in _ZERO} | {c: i for i, c in enumerate("一二三四五六七八九", 1)}
_CN_NUMBER = "[一二三四五六七八九十〇○OoＯ零两]"

DATE_PATTERN = regexes.compile(
    r"(?<!\d)(?P<y>\d{4})\s*(?P<sep>[-/.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})(?!\d)"
    r"|(?<!\d)(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    rf"|(?P<cy>{_CN_NUMBER}{{4}})\s*年\s*(?P<cm>{_CN_NUMBER}{{1,3}}|\d{{1,2}})\s*月\s*(?P<cd>{_CN_NUMBER}{{1,3}}|\d{{1,2}})\s*日"
)

# a year run together with a plausible month and day, its 年/月 lost: 202211日, 20221231日
COLLAPSED_DATE = regexes.compile(r"(?<![\d年月./-])(?:19|20)\d{2}(?:0?[1-9]|1[0-2])(?:0?[1-9]|[12]\d|3[01])日")

# Fast path of date_forms (see _numeric_forms): where a numeric date (four digits, then -, /, . or
# 年 and a digit, spaces allowed) or a collapsed date (six to eight digits, then 日) can start,
# found in one scan (the collapsed dates had a scan of their own, as long again), and whether a
# Chinese-numeral date may be there at all. The digit after the separator is looked ahead for,
# not taken: 2022年度 and the like are passed by without a DATE_PATTERN.match.
_NUMERIC_START = regexes.compile(r"[0-9]{4}(?:\s*[-/.年](?=\s*[0-9])|[0-9]{2,4}日)")
_CHINESE_YEAR_END = regexes.compile(rf"(?<={_CN_NUMBER}{{4}}\s*)年")

# A character that may be a decimal digit (regex `\d`, Unicode Nd) other than 0-9: no such
# digit lies in ASCII and Latin up to U+065F (Arabic-Indic digits start at U+0660), in
# U+2000-U+A61F (punctuation, symbols, CJK; Vai digits start at U+A620) or in U+AC00-U+FFFF
# apart from the full-width digits U+FF10-U+FF19. tests/test_dates.py checks this against
# the installed regex module.
_MAYBE_OTHER_DIGIT_CLASS = "[\u0660-\u1fff\ua620-\uabff\uff10-\uff19\U00010000-\U0010ffff]"
_MAYBE_OTHER_DIGIT = regexes.compile(_MAYBE_OTHER_DIGIT_CLASS)
# Before that scan, a far cheaper one over the high bytes of the text's UTF-16 code units
# (`bytes.translate` runs in C, a few instructions a byte; the class costs a pattern engine
# dozens a character): a character of the class has 06-1F, A6-AB or FF as its high byte, or
# is a surrogate pair whose first unit has D8-DB. A text with none of these bytes has no such
# character (every text of the corpus); only a text with one is scanned for the class.
_OTHER_DIGIT_HIGH_BYTES = bytes([*range(0x06, 0x20), *range(0xA6, 0xAC), 0xFF, *range(0xD8, 0xDC)])
_NOT_OTHER_DIGIT_HIGH_BYTES = bytes(b for b in range(256) if b not in _OTHER_DIGIT_HIGH_BYTES)


class DateMatch(NamedTuple):
    """A date found in text: its span, the text matched and the date (None if no such day)."""

    start: int
    end: int
    text: str
    date: datetime.date | None




def looks_like_a_date(text: str) -> bool:
    """A date form, real day or not, or a collapsed date."""
    return bool(DATE_PATTERN.search(text) or COLLAPSED_DATE.search(text))


def find_dates(text: str, ascii_digits: bool | None = None) -> list[DateMatch]:
    """Every date form in `text`, in order (DATE_PATTERN.finditer).

    `ascii_digits` is `digits_are_ascii(text)` when the caller already knows it.
    """
    return [_to_match(m) for m in date_matches(text, ascii_digits)]


def date_matches(text: str, ascii_digits: bool | None = None,
                 chinese_year: bool | None = None) -> Iterable[regex.Match]:
    """The matches of DATE_PATTERN.finditer(text), found faster when that is safe.

    `ascii_digits` is `digits_are_ascii(text)` and `chinese_year` is `has_chinese_year(text)`
    when the caller already knows them.
    """
    if ascii_digits is None:
        ascii_digits = digits_are_ascii(text)
    if not ascii_digits:
        return DATE_PATTERN.finditer(text)
    if chinese_year is None:
        chinese_year = has_chinese_year(text)
    return DATE_PATTERN.finditer(text) if chinese_year else _numeric_dates(text)


def date_forms(text: str, ascii_digits: bool, chinese_year: bool) -> Iterable[regex.Match]:
    """The matches of DATE_PATTERN.finditer(text) and of COLLAPSED_DATE.finditer(text), in order
    (`match.re` tells them apart), found in one scan when that is safe.

    `ascii_digits` is `digits_are_ascii(text)` and `chinese_year` is `has_chinese_year(text)`.
    No match of either pattern starts inside a match of the other (see _numeric_forms).
    """
    if ascii_digits and not chinese_year:
        return _numeric_forms(text)
    return sorted([*DATE_PATTERN.finditer(text), *COLLAPSED_DATE.finditer(text)], key=_match_start)


def _match_start(match: regex.Match) -> int:
    return match.start()


def has_chinese_year(text: str) -> bool:
    """Whether a 年 follows four Chinese numerals in `text`: without one it holds no Chinese-numeral date."""
    return _CHINESE_YEAR_END.search(text) is not None


@per_document
def view_has_chinese_year(doc) -> bool:
    """has_chinese_year(doc.view), once per document (invalid-date and date-zero both ask)."""
    return has_chinese_year(doc.view)


def digits_are_ascii(text: str) -> bool:
    r"""True when the only decimal digits (regex `\d`) in `text` are 0-9."""
    # (the codec's function itself: `str.encode` would import its module and look it up each time)
    high_bytes = utf_16_le_encode(text, "surrogatepass")[0][1::2]  # a lone surrogate is one unit
    if not high_bytes.translate(None, _NOT_OTHER_DIGIT_HIGH_BYTES):
        return True
    return _MAYBE_OTHER_DIGIT.search(text) is None


@per_document
def view_digits_are_ascii(doc) -> bool:
    """digits_are_ascii(doc.view), once per document."""
    return digits_are_ascii(doc.view)


def _numeric_dates(text: str) -> Iterable[regex.Match]:
    """DATE_PATTERN.finditer(text) for a text whose digits are 0-9 and that has no
    Chinese-numeral date (see _numeric_forms)."""
    return (match for match in _numeric_forms(text) if match.re is DATE_PATTERN)


def _numeric_forms(text: str) -> Iterable[regex.Match]:
    """The matches of DATE_PATTERN.finditer(text) and COLLAPSED_DATE.finditer(text), in order,
    for a text whose digits are 0-9 and that has no Chinese-numeral date (no 年 after four
    Chinese numerals, the only way DATE_PATTERN's third alternative can match).

    Why this finds the same matches: a numeric date starts with four digits (no digit
    before them), then optional spaces, then -, /, . or 年, optional spaces and a digit;
    a collapsed date is six to eight digits (no digit before them) and 日. Either starts
    where a match of _NUMERIC_START starts (its first alternative for a date, its second,
    ending in 日, for a collapsed date), and no such start can lie inside another
    _NUMERIC_START match: its characters after the first are spaces or separators or have
    a digit before them. Nor can one start inside a date or a collapsed date: their runs
    of digits after the first are one or two long, or have a digit before them. A pattern's
    `match` at a position sees the characters before it for its lookbehind, and a
    candidate inside the previous match is skipped, as finditer skips it.
    """
    end = 0
    for candidate in _NUMERIC_START.finditer(text):
        start = candidate.start()
        if start < end:
            continue
        pattern = COLLAPSED_DATE if text[candidate.end() - 1] == "日" else DATE_PATTERN
        match = pattern.match(text, start)
        if match:
            end = match.end()
            yield match


def parse_date(text: str) -> datetime.date | None:
    """The first date in `text`, or None if there is none or it names no real day.

    Remembered for short texts: a document's dates are parsed by several rules, and reports
    of a year carry much the same dates.
    """
    return _remembered_date(text)


def _first_date(text: str) -> datetime.date | None:
    """`parse_date(text)`, worked out."""
    match = DATE_PATTERN.search(text)
    return match_date(match) if match else None


# (4096: ten years of dates, as a long run's reports carry; with 1024 the answers were forgotten
# every thousand files or so: 2,000 files 11,569 M -> 11,542 M instructions)
_remembered_date = per_short_text(_first_date, maxsize=4096)


def date_of_text(match: regex.Match) -> datetime.date | None:
    r"""match_date(match) for a DATE_PATTERN match, remembered by the text matched (as parse_date):
    a report's dates recur in the next one, and a remembered answer costs a twentieth of working it out.

    Why the text alone decides: parse_date runs DATE_PATTERN over the matched text on its own,
    and the pattern tries its ways of matching in a fixed order, reading the same characters as
    in the whole text; the first to succeed is the same, with the same groups, unless an edge of
    the text answers differently, and none does. The lookbehind (?<!\d) opening the first two
    alternatives passes at a text's start; where it refused in the whole text, the match is of
    the third alternative, whose Chinese numeral the first two cannot start with. A way that
    reads past the end fails, as it did in the whole text when tried before the match. The end
    passes the (?!\d) closing the first alternative, where the whole text may have refused it;
    but a way ending there ends with a digit, so the match, ending there too, is of that
    alternative (the others end with 日) and passed the same test.
    """
    return _remembered_date(match.group())


def _to_match(match: regex.Match) -> DateMatch:
    return DateMatch(match.start(), match.end(), match.group(), match_date(match))


_DATE_GROUP_NAMES = ("cy", "cm", "cd", "y", "m", "d")
# The same groups by number (a name shared by two alternatives is one group): the regex module
# looks a group up by name several times slower than by number.
_DATE_GROUP_NUMBERS = tuple(DATE_PATTERN.groupindex[name] for name in _DATE_GROUP_NAMES)


def match_date(match: regex.Match) -> datetime.date | None:
    """The day a DATE_PATTERN match names, or None if there is no such day."""
    groups = _DATE_GROUP_NUMBERS if match.re is DATE_PATTERN else _DATE_GROUP_NAMES
    cy, cm, cd, y, m, d = match.group(*groups)
    if cy:
        year, month, day = chinese_year(cy), _cn_small(cm), _cn_small(cd)
    else:
        year, month, day = int(y), int(m), int(d)
    try:
        return datetime.date(year, month, day) if year and month and day else None
    except ValueError:
        return None


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
