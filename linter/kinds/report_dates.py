"""report-dates: the dates of a report exist, agree with each other and with its year.

What it checks:
    One of four things, chosen by `check`:
    - "invalid-date": every date in the text names a real day: no 2023-02-30, no
      二〇二三年二月三十日, and no collapsed dates whose 年/月 were lost (202211日,
      20221231日). Dates inside the header fields named in `exclude_fields` are left
      to the header rule.
    - "date-mismatch": the closing date (落款) is not after the header publication
      date (plus `tolerance_days`), is not before 1 December of the report year
      (a report signed before the year could be summed up), and is not later than
      the year after the report year.
    - "report-year": the year in the title agrees with the statistics period
      ("自Y年1月1日起至Y年12月31日止"), and no sentence opens with the previous
      year ("2021年，我局…" in a 2022 report, a copy-paste from last year's report)
      unless it compares years (同比, 较, 比, 相比, 增长, 下降).
    - "date-zero": a Chinese-numeral year writes zero as ○ (U+25CB), a Latin O or 零
      instead of 〇 (二○一三年, 二O一一年). Fix (safe): write 〇.

Why:
    国办公开办函〔2021〕30号 names 内容雷同 (content copied from earlier reports)
    among the failures that are sanctioned under Art. 47 of the 2019 Regulations;
    wrong or impossible dates make the publication date, and so the statutory
    deadline of Art. 49, impossible to establish.

Fails:
    发布时间：2023-02-30 (invalid-date); header 2023-01-20 but 落款 2023年2月10日
    (date-mismatch); title 2022年 but 统计期限自2021年1月1日起至2021年12月31日止
    (report-year).

Passes:
    发布时间：2023-01-20 … 落款 2023年1月20日, title and period both 2022.

Options:
    check: "invalid-date", "date-mismatch", "report-year" or "date-zero".
    exclude_fields: header fields whose dates "invalid-date" leaves alone (default []).
    tolerance_days: days the closing date may follow the publication date (default 0).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from linter import regexes
from linter.dates import COLLAPSED_DATE, date_forms, date_of_text, view_digits_are_ascii, view_has_chinese_year
from linter.document import Document
from linter.finding import Edit, Fix, Hit
from linter.kinds.base import RuleKind, options_model
from linter.reportinfo import report_info

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see linter.records)
if TYPE_CHECKING:
    from linter.kinds.options import ReportDatesOptions

_WRONG_ZEROS = "○OoＯ零"
_CN_YEAR = regexes.compile(r"(?<![一二三四五六七八九十〇○OoＯ零A-Za-z])[一二三四五六七八九〇○OoＯ零]{4}(?=\s*年)")
# the 年 after every _CN_YEAR match: a cheap test that there is none (a literal 年 is found fast)
_CN_YEAR_END = regexes.compile(r"(?<=[一二三四五六七八九〇○OoＯ零]{4}\s*)年")
_PREVIOUS_YEAR = regexes.compile(r"(?:^|(?<=[。；！？\n]))[ \t]*(?P<year>\d{4})\s*年度?\s*[,，]")
_COMPARISON = regexes.compile(r"同比|相比|较|比上年|增长|下降|增加|减少")
_SENTENCE_END = regexes.compile(r"[。；！？\n]")
_SENTENCE_START = "。；！？\n"


class ReportDates(RuleKind):
    __doc__ = __doc__
    name = "report-dates"
    Options = options_model("linter.kinds.options:ReportDatesOptions")
    plain_options = True
    messages = {
        "invalid-date": {"zh": "日期“{text}”不存在（{reason_text}）", "en": "the date '{text}' does not exist ({reason_text})"},
        "closing-after-publication": {"zh": "落款日期 {closing} 晚于发布日期 {published}",
                                      "en": "closing date {closing} is after the publication date {published}"},
        "closing-before-year-end": {"zh": "落款日期 {closing} 早于 {year} 年 12 月，报告年度尚未结束",
                                    "en": "closing date {closing} is before December {year}: the report year had not ended"},
        "implausible-year": {"zh": "落款日期 {closing} 的年份与 {year} 年度报告不符",
                             "en": "closing date {closing} is implausible for a report on {year}"},
        "period": {"zh": "标题年度 {title_year} 与统计期限年度 {period_year} 不一致",
                   "en": "the title says {title_year} but the statistics period covers {period_year}"},
        "date-zero": {"zh": "日期“{text}”中的零应写作“〇”：{fixed}", "en": "write zero as 〇 in the date '{text}': {fixed}"},
        "previous-year": {"zh": "{year} 年度报告中出现以“{found}年”开头的句子，疑似沿用上年报告内容",
                          "en": "a sentence opens with '{found}' in the {year} report: copied from last year's report?"},
    }

    def check(self, doc: Document, options: ReportDatesOptions) -> Iterator[Hit]:
        if options.check == "invalid-date":
            yield from self._invalid(doc, options)
        elif options.check == "date-mismatch":
            yield from self._mismatch(doc, options)
        elif options.check == "date-zero":
            yield from self._zero(doc)
        else:
            yield from self._year(doc)

    def _invalid(self, doc: Document, options: ReportDatesOptions) -> Iterator[Hit]:
        excluded = [(f.start, f.end) for f in doc.fields if f.name in options.exclude_fields]
        forms = date_forms(doc.view, view_digits_are_ascii(doc), view_has_chinese_year(doc))  # in order
        found = [(m.start(), m.end(), m.group(), "collapsed" if m.re is COLLAPSED_DATE else "no-such-day")
                 for m in forms if m.re is COLLAPSED_DATE or date_of_text(m) is None]
        reasons = {"no-such-day": {"zh": "无此日", "en": "no such day"},
                   "collapsed": {"zh": "年、月缺失，数字粘连", "en": "年/月 lost, digits run together"}}
        for start, end, text, reason in found:
            src_start, src_end = doc.source_span(start, end)
            if any(s <= src_start < e for s, e in excluded):
                continue
            yield Hit(src_start, src_end, variant="invalid-date", data={"date": text, "reason": reason},
                      args={"text": text, "reason_text": reasons[reason]})

    def _zero(self, doc: Document) -> Iterator[Hit]:
        # every _CN_YEAR match is followed by a _CN_YEAR_END 年: a 年 after four Chinese numerals,
        # which invalid-date looks for too (with 十 and 两 among them)
        if not view_has_chinese_year(doc) or not _CN_YEAR_END.search(doc.view):
            return
        for match in _CN_YEAR.finditer(doc.view):
            wrong = [i for i in range(match.start(), match.end()) if doc.view[i] in _WRONG_ZEROS]
            if not wrong:
                continue
            edits = tuple(Edit(doc.source_offset(i), doc.source_offset(i) + 1, "〇") for i in wrong)
            start, end = doc.source_span(match.start(), match.end())
            text = doc.source[start:end]
            yield Hit(start, end, variant="date-zero", data={"date": match.group(), "fixed": _fixed(match.group())},
                      args={"text": text, "fixed": _fixed(match.group())}, fix=Fix(edits))

    def _mismatch(self, doc: Document, options: ReportDatesOptions) -> Iterator[Hit]:
        info = report_info(doc)
        closing, field = info.closing, info.closing_field
        if closing is None or field is None:
            return
        data = {"closing": closing.isoformat()}
        args = {"closing": closing.isoformat(), "year": info.year}
        if info.published and closing > info.published + datetime.timedelta(days=options.tolerance_days):
            yield Hit(field.start, field.end, variant="closing-after-publication",
                      data={**data, "published": info.published.isoformat(), "reason": "closing-after-publication"},
                      args={**args, "published": info.published.isoformat()})
            return
        if info.year is None:
            return
        if closing < datetime.date(info.year, 12, 1):
            yield Hit(field.start, field.end, variant="closing-before-year-end",
                      data={**data, "year": info.year, "reason": "closing-before-year-end"}, args=args)
        elif closing.year > info.year + 1:
            yield Hit(field.start, field.end, variant="implausible-year",
                      data={**data, "year": info.year, "reason": "implausible-year"}, args=args)

    def _year(self, doc: Document) -> Iterator[Hit]:
        info = report_info(doc)
        if info.year is None:
            return
        if info.period_year is not None and info.period_span is not None and info.period_year != info.year \
                and info.year_span is not None:
            start, end = doc.source_span(*info.period_span)
            yield Hit(start, end, variant="period",
                      data={"title_year": info.year, "period_year": info.period_year, "reason": "period"},
                      args={"title_year": info.year, "period_year": info.period_year})
        previous = str(info.year - 1)
        for match in _previous_year_openings(doc.view, previous):
            end = _SENTENCE_END.search(doc.view, match.end())
            sentence = doc.view[match.end(): end.start() if end else len(doc.view)]
            if _COMPARISON.search(sentence):
                continue
            start, stop = doc.source_span(match.start("year"), match.end("year"))
            yield Hit(start, stop, variant="previous-year",
                      data={"year": info.year, "found": int(previous), "reason": "previous-year"},
                      args={"year": info.year, "found": previous})


def _previous_year_openings(view: str, previous: str) -> Iterator:
    """The matches of _PREVIOUS_YEAR.finditer(view) whose year is `previous`.

    Instead of running the pattern at every position, look only where `previous` occurs:
    a match starts at the text start or after 。；！？ or a newline, then spaces or tabs,
    then its year. `match` at that start sees the characters before it (the lookbehind),
    and no match can hide another (a match has no digit after its year that could start
    one), so these are exactly the matches finditer finds with this year.
    """
    at = view.find(previous)
    while at >= 0:
        start = at
        while start > 0 and view[start - 1] in " \t":
            start -= 1
        if start == 0 or view[start - 1] in _SENTENCE_START:
            match = _PREVIOUS_YEAR.match(view, start)
            if match and match.start("year") == at and match.group("year") == previous:
                yield match
        at = view.find(previous, at + 1)


def _fixed(year: str) -> str:
    return "".join("〇" if ch in _WRONG_ZEROS else ch for ch in year)
