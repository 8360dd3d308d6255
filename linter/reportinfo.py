"""What a document says about itself as an annual report: year, dates, issuer, format.

Shared by the date and deadline rules and by the automatic choice of ruleset:
- the report year Y, from the title ("江川市统计局2022年政府信息公开工作年度报告"),
  else from the statistics period ("自2022年1月1日起至2022年12月31日止");
- the header publication date and the closing date (落款), parsed;
- the issuer and whether it is a government (人民政府, deadline 31 March) or a
  department (31 January, Art. 49 of the 2019 Regulations);
- whether the document is an annual report at all, and whether it follows the
  2021 standard format (its fixed headings or its statistics tables).
"""

from __future__ import annotations

import datetime

from linter import regexes
from linter.dates import chinese_year, parse_date
from linter.document import Document, Field
from linter.memo import per_document, per_short_text
from linter.records import NamedTuple
from linter.tables import statistics_tables

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see linter.records)
if TYPE_CHECKING:
    import regex  # annotations only: patterns come from linter.regexes

_TITLE = regexes.compile(r"(?:政府信息公开|政务公开|信息公开|政务信息公开)[^\n。]{0,16}?(?:年度报告|年报|工作报告|报告)")
_YEAR = regexes.compile(r"(?<!\d)(\d{4})\s*年度?|([一二三四五六七八九〇○O零]{4})\s*年度?")
_PERIOD = regexes.compile(
    r"(?:自|从)?\s*(?P<y1>\d{4})\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*(?:至|到|—|-|~)\s*(?P<y2>\d{4})\s*年\s*12\s*月\s*31\s*日")
_PERIOD_YEAR = _PERIOD.groupindex["y2"]  # by number: the regex module looks a name up far slower
# A match of _PERIOD is its lead (自/从, the year y1 and white space), its first day (年1月1日, which
# occurs nowhere else in it) and the rest. _PERIOD.search tries a match at every position of the view
# that could start its lead (a digit, white space, 自 or 从: most of them); the first days are found
# far faster (they start with a literal, 年), and from each the lead, matched backwards.
_FIRST_DAY = regexes.compile(r"年\s*1\s*月\s*1\s*日")
_LEAD = regexes.compile(r"(?r)(?:自|从)?\s*\d{4}\s*")
# how every match of _PERIOD ends: a view without it (half of them) has no period, found faster
# still (its literal, 12, is rarer than 年)
_PERIOD_END = regexes.compile(r"12\s*月\s*31\s*日")
_GOVERNMENT = regexes.compile(r"(?:人民政府|人民政府办公[厅室]|政府办公[厅室]|区公所|行政公署)$")
STANDARD_HEADINGS = (
    ("overview", regexes.compile(r"总体情况")),
    ("proactive", regexes.compile(r"主动公开政府信息情况")),
    ("applications", regexes.compile(r"收到和处理政府信息公开申请")),
    ("appeals", regexes.compile(r"行政复议.{0,6}行政诉讼|复议.{0,4}诉讼")),
    ("problems-remedies", regexes.compile(r"存在的主要问题.{0,4}改进")),
    ("other", regexes.compile(r"其他需要报告的事项")),
)
FREE_FORM_HEADINGS = (
    regexes.compile(r"组织领导|领导小组|机构建设"), regexes.compile(r"制度"), regexes.compile(r"公开平台|公开渠道|网站"),
    regexes.compile(r"主动公开"), regexes.compile(r"依申请|申请公开"), regexes.compile(r"问题|改进|打算"),
    regexes.compile(r"概述|基本情况|总体情况"), regexes.compile(r"收费|减免"), regexes.compile(r"复议|诉讼"),
)


class ReportInfo(NamedTuple):
    title: Field | None
    is_report: bool
    year: int | None
    year_span: tuple[int, int] | None          # source span of the year in the title
    period_year: int | None
    period_span: tuple[int, int] | None        # view span of the statistics-period phrase
    published: datetime.date | None
    published_field: Field | None
    closing: datetime.date | None
    closing_field: Field | None
    issuer: str | None
    government: bool
    standard_headings: int
    has_tables: bool | None  # None: not looked for (with fewer than 2 standard headings they change nothing)

    @property
    def standard_format(self) -> bool:
        return self.standard_headings >= 4 or (self.has_tables and self.standard_headings >= 2)


def _heading_kinds(title: str) -> tuple[frozenset[int], frozenset[int]]:
    """Which STANDARD_HEADINGS and which FREE_FORM_HEADINGS patterns a heading matches.

    A document has as many standard (or free-form) headings as patterns matched by
    any of its headings: the size of the union of these sets. Headings are much
    alike from report to report, so the answer for a short title is remembered.
    """
    return _remembered_heading_kinds(title)


def _match_heading(title: str) -> tuple[frozenset[int], frozenset[int]]:
    return (frozenset(i for i, (_, pattern) in enumerate(STANDARD_HEADINGS) if pattern.search(title)),
            frozenset(i for i, pattern in enumerate(FREE_FORM_HEADINGS) if pattern.search(title)))


_remembered_heading_kinds = per_short_text(_match_heading, maxsize=2048)


def _pick_title(titles: list[Field]) -> tuple[Field | None, bool, regex.Match | None]:
    """The report's title among the candidates, whether it names a report (_TITLE), and its year
    match (_YEAR): the first that names a report and has a year, else the first that names a
    report, else the first candidate (None if there is none). Each is searched once."""
    read = [(title, _TITLE.search(title.value) is not None, _YEAR.search(title.value)) for title in titles]
    return next((t for t in read if t[1] and t[2]),
                next((t for t in read if t[1]), read[0] if read else (None, False, None)))


def _heading_counts(headings) -> tuple[int, int]:
    """How many STANDARD_HEADINGS patterns the headings of levels 1-2 match, and how many
    FREE_FORM_HEADINGS patterns any heading matches (each pattern counted once)."""
    standard: set[int] = set()
    free_form: set[int] = set()
    for heading in headings:
        kinds = _heading_kinds(heading.title)
        if heading.level <= 2:
            standard |= kinds[0]
        free_form |= kinds[1]
    return len(standard), len(free_form)


def _first_dated(fields: list[Field]) -> tuple[Field | None, datetime.date | None]:
    """The first field whose value holds a real day, and that day (each value parsed once)."""
    for field in fields:
        day = parse_date(field.value)
        if day is not None:
            return field, day
    return None, None


def _period(view: str) -> regex.Match | None:
    """`_PERIOD.search(view)`, found from the first days (_FIRST_DAY) in the view.

    The match that starts at the longest lead before a first day (_LEAD, greedy, matched back
    from it) is the only one that has this first day: it starts there if any does. Leads hold
    no 年, so the matches are in the order of their first days, and the first found is the
    first in the view.
    """
    if not _PERIOD_END.search(view):
        return None
    for day in _FIRST_DAY.finditer(view):
        lead = _LEAD.match(view, 0, day.start())
        period = _PERIOD.match(view, lead.start()) if lead is not None else None
        if period is not None:
            return period
    return None


def _has_tables(doc: Document) -> bool:
    tables = statistics_tables(doc)
    return len(tables.table3.rows) >= 3 or "data" in tables.table4.rows


@per_document
def report_info(doc: Document) -> ReportInfo:
    title, names_report, match = _pick_title(doc.fields_named("title"))
    year = year_span = issuer = None
    if title is not None:
        if match:
            year = int(match.group(1)) if match.group(1) else chinese_year(match.group(2))
            year_span = (title.start, title.end)
            issuer = title.value[: match.start()].strip() or None
    period = _period(doc.view)
    period_year = int(period.group(_PERIOD_YEAR)) if period else None
    if year is None and period_year is not None:
        year = period_year
    published_field, published = _first_dated(doc.fields_named("publish-date"))
    closing_field = next(iter(doc.fields_named("closing-date")), None)
    source = next((f.value for f in doc.fields_named("source") if f.value), None)
    government = bool((issuer and _GOVERNMENT.search(issuer)) or
                      (source and _GOVERNMENT.search(source) and not issuer))
    standard, free_form = _heading_counts(doc.headings)
    # The tables are read only where they can make the format standard (2 or 3 standard headings)
    # or describe it (4 or more): the other reports and documents (half of them) are not checked
    # by the table rules either, so nothing else reads them.
    has_tables = _has_tables(doc) if standard >= 2 else None
    is_report = names_report or standard >= 4 or free_form >= 5
    return ReportInfo(
        title=title, is_report=is_report, year=year, year_span=year_span, period_year=period_year,
        period_span=period.span() if period else None,
        published=published, published_field=published_field,
        closing=parse_date(closing_field.value) if closing_field else None, closing_field=closing_field,
        issuer=issuer, government=government, standard_headings=standard, has_tables=has_tables,
    )
