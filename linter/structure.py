"""Find the structure of a document in its analysis view and assemble the Document.

Headings: plain-text numbering (第一部分 / 一、 / （一） / 1. / 1、) and the headings
the markup gives (markdown `#`, HTML `h1`-`h6`). Sections: a heading and the body
up to the next heading of the same or a higher level, which the Document works out from
the headings when they are first asked for (`document.sections_of`). Header fields: 发布时间 /
发布日期 / 日期 … and 来源 / 信息来源 / 发布机构 … on the first lines, the report
title, and a closing date line (落款) among the last lines.
"""

from __future__ import annotations

import bisect
import functools
from itertools import compress, count, islice
from operator import itemgetter

from linter import regexes
from linter.memo import per_short_text
from linter.dates import DATE_PATTERN
from linter.document import Document, Field, Heading, Parsed, source_span
from linter.normalize import View, build_view
from linter.source import Source
from linter.textmap import Line, LineIndex, split_lines_and_starts

HEADER_LINES = 30   # non-empty lines searched for header fields (rules may look at fewer)
CLOSING_LINES = 6   # non-empty lines at the end searched for the closing date

_CN = "一二三四五六七八九十"
# The numbering forms of heading levels 1-4, one group each, tried in this order at the
# start of a line (an alternation takes the first alternative that matches).
_NUMBERED = regexes.compile(
    rf"(第[{_CN}百]+(?:部分|章|节))"
    rf"|([{_CN}]+\s*[、.])"
    rf"|(\(\s*[{_CN}]+\s*\))"
    r"|(\d{1,2}\s*(?:、|\.(?!\d)))"
)
_TITLE_END = regexes.compile(r"[。；;]")
_MAX_TITLE = 60

_DATE_LABELS = ("发布时间", "发布日期", "发文日期", "公开日期", "发表时间", "更新时间", "信息时间",
                "成文日期", "生成日期", "产生日期", "日期", "时间")
_SOURCE_LABELS = ("信息来源", "文章来源", "发布机构", "发布单位", "发文机关", "来源", "来自")
_LABELS = _DATE_LABELS + _SOURCE_LABELS
_FIELD = regexes.compile(
    r"(?P<label>" + "|".join(_LABELS) + r")\s*[:：]\s*"
)
_LABEL_GROUP = _FIELD.groupindex["label"]  # by number: the regex module looks a name up far slower
_SOURCE_VALUE = regexes.compile(r"[^\s|,，;；]+")
_VALUE_STOP = regexes.compile(r"\s{2,}|\s(?=\S+\s*[:：])|[|]|$")
_REPORT_TITLE = regexes.compile(r"(年度报告|年报|工作报告|报告)")


def build_document(source: Source, parsed: Parsed) -> Document:
    view = build_view(parsed.plain)
    origin = view.origin
    if parsed.origin is not None:
        plain_origin = parsed.origin
        origin = list(map(plain_origin.__getitem__, origin))
        annotations = tuple(_map_span(plain_origin, s, e) for s, e in view.annotations)
    else:
        annotations = view.annotations
    view_lines, view_starts = split_lines_and_starts(view.text)
    view_lines = tuple(view_lines)
    headings = tuple(_find_headings(view_lines, origin, parsed))
    fields = tuple(parsed.fields) + tuple(_find_fields(view_lines, origin))
    return Document(
        path=source.path, format=parsed.format, encoding=source.encoding, source=source.text,
        plain=parsed.plain, plain_origin=parsed.origin, view=view.text, view_origin=origin,
        lines=_line_index(source.text, view_starts, parsed, view), view_lines=view_lines, headings=headings,
        sections=None, fields=fields, annotations=annotations,
        locator=parsed.locator, notices=parsed.notices,
    )


def _line_index(text: str, view_starts: list[int], parsed: Parsed, view: View) -> LineIndex:
    """The LineIndex of the source `text`, over the view's line starts when they are the source's.

    They are when every view character comes from the source character at the same offset
    (the plain text is the source, nothing was removed from it or folded into several
    characters, and OpenCC did not convert it: a phrase conversion of equal length may move
    characters within it), neither holds a \\r, and the view has as many \\n as the source
    (as many as its line starts after the first): a \\n maps to itself (NFKC leaves it), so
    each source \\n stands at the same offset in the view, and with equal counts the view
    has no other. Most text files are such, and their lines are then not split a second
    time. (`in` looks for a character several times faster than `count` counts one.)
    """
    view_text = view.text
    if (parsed.plain is text and parsed.origin is None and not view.annotations and not view.converted
            and len(view_text) == len(text) and "\r" not in text and "\r" not in view_text
            and len(view_starts) - 1 == text.count("\n")):
        return LineIndex(text, view_starts)
    return LineIndex(text)


def _map_span(plain_origin: list[int], start: int, end: int) -> tuple[int, int]:
    return plain_origin[start], plain_origin[end - 1] + 1


def _find_headings(lines: tuple[Line, ...], origin: list[int], parsed: Parsed) -> list[Heading]:
    markup = sorted(parsed.headings, key=lambda h: h.start)
    starts = [h.start for h in markup]
    may_be_numbered = _MAY_BE_NUMBERED
    headings = []
    for line in lines:
        stripped = line.text.strip()
        if not stripped or (not markup and not may_be_numbered[stripped[0]]):
            continue  # without markup headings only a numbered line can be one: most lines stop here
        if "\t" in stripped or stripped.count("|") >= 2:  # table rows are not headings
            continue
        lead = line.start + (len(line.text) - len(line.text.lstrip()))
        level = _markup_level(markup, starts, origin[lead]) if markup and lead < len(origin) else None
        if level is None:
            numbered = _numbered_heading(stripped)
            if numbered is None:
                continue
            level, title = numbered
        else:
            title = stripped
        headings.append(_new_heading((level, title, line.number, lead, lead + len(title))))
    return headings


def _numbered_heading(stripped: str) -> tuple[int, str] | None:
    """The level and title of a numbered heading line (stripped), or None if it is not one.

    The same headings recur from report to report (一、总体情况 ...), so the answer for a
    short line is remembered.
    """
    return _remembered_numbered_heading(stripped)


def _match_numbered_heading(stripped: str) -> tuple[int, str] | None:
    """The numbering form's level, and the title: the line up to 。；; if it is at most _MAX_TITLE long."""
    level = _numbered_level(stripped)
    if level is None:
        return None
    match = _TITLE_END.search(stripped)
    title = stripped[: match.start()] if match else stripped
    return None if len(title) > _MAX_TITLE else (level, title)


_remembered_numbered_heading = per_short_text(_match_numbered_heading, maxsize=4096)


def _markup_level(markup, starts, source_offset: int) -> int | None:
    index = bisect.bisect_right(starts, source_offset) - 1
    if index >= 0 and markup[index].start <= source_offset < markup[index].end:
        return markup[index].level
    return None


# build a record from a tuple of all its fields in C, without the Python-level __new__ that a
# call of the class runs (as textmap's lines are built): a document has a heading for every
# heading line, and a few fields
_new_heading = functools.partial(tuple.__new__, Heading)
_new_field = functools.partial(tuple.__new__, Field)

_NUMBER_STARTS = frozenset("第(" + _CN)
_TEXT = itemgetter(3)  # Line.text, read in C


def _may_be_numbered(first: str) -> bool:
    r"""Whether a line whose first character is `first` can match _NUMBERED.

    Its forms all start with 第, (, a Chinese numeral or a digit (`\d`: any Unicode decimal
    digit). Most lines start with another CJK ideograph or ASCII character, and none of
    those is a digit except 0-9, so they are ruled out without running the pattern;
    any other character is left to the pattern.
    """
    if first in _NUMBER_STARTS:
        return True
    if first < "\x80":
        return "0" <= first <= "9"
    return not "\u4e00" <= first <= "\u9fff"


class _FirstCharacterTable(dict):
    """{character: _may_be_numbered(character)}, each answer worked out the first time it is asked.

    A subscript of a dict costs a fraction of a function call, and a line's first character is
    nearly always one of a few hundred common ones; at most 4096 answers are kept.
    (tests/test_analysis_speed_paths.py checks _may_be_numbered against every code point.)
    """

    def __missing__(self, first: str) -> bool:
        answer = _may_be_numbered(first)
        if len(self) < 4096:
            self[first] = answer
        return answer


_MAY_BE_NUMBERED = _FirstCharacterTable()


def _numbered_level(text: str) -> int | None:
    match = _NUMBERED.match(text)
    return match.lastindex if match else None


def _find_fields(lines: tuple[Line, ...], origin: list[int]) -> list[Field]:
    """The header fields, the title candidates and the closing date of a view with these lines,
    whose characters come from the source offsets `origin` (the document's view_origin)."""
    found: list[Field] = []
    head = _first_non_empty(lines, HEADER_LINES)
    for index in head:
        text = lines[index].text
        if (":" in text or "：" in text) and _may_hold_field(text):  # no colon, no field: most lines
            found.extend(_line_fields(origin, lines[index]))
    for title in (lines[index] for index in head[:5]):  # candidate titles: the rules pick one with a year
        text = title.text
        if _names_report(text) and "。" not in text and len(text.strip()) <= 80:
            found.append(_field(origin, "title", "title", text.strip(), title.start, title.end, title.number))
    for line in _closing_candidates(lines, head):  # never the title or the header line
        if _may_hold_field(line.text) and _FIELD.search(line.text):
            continue
        match = DATE_PATTERN.search(line.text)
        if match and len(line.text.strip()) <= len(match.group()) + 30:
            found.append(_field(origin, "closing-date", "closing", match.group(),
                                line.start + match.start(), line.start + match.end(), line.number))
            break
    return found


def _names_report(text: str) -> bool:
    """Whether _REPORT_TITLE finds anything in `text`, without running it: 年度报告 and
    工作报告 hold 报告, so a match is 报告 or 年报 (two substring tests in C)."""
    return "报告" in text or "年报" in text


def _may_hold_field(text: str) -> bool:
    r"""False when _FIELD certainly finds nothing in `text`, found without running it.

    A match of _FIELD is a label, white space (`\s`) and a colon (: or ：). Every character
    `\s` matches is one `str.rstrip` removes (tests/test_analysis_speed_paths.py checks
    this against the installed regex module) and no label ends with one, so the text before
    the colon of a match, right-stripped, ends with a label. Checking that at each colon is
    far faster than running the pattern over a long paragraph, and most lines at the head
    of a report have no colon, or none after a label.
    """
    for colon in ":：":
        end = text.find(colon)
        while end != -1:
            if text[:end].rstrip().endswith(_LABELS):
                return True
            end = text.find(colon, end + 1)
    return False


def _first_non_empty(lines: tuple[Line, ...], wanted: int) -> list[int]:
    """Indexes of the first `wanted` lines that are not blank (picked in C: a stripped text is
    true when the line is not blank)."""
    return list(islice(compress(count(), map(str.strip, map(_TEXT, lines))), wanted))


def _closing_candidates(lines: tuple[Line, ...], head: list[int]) -> list[Line]:
    """The last CLOSING_LINES non-blank lines after the second non-blank one, last first.

    (That is reversed(non_empty[2:][-CLOSING_LINES:]), found from the end of the text
    without looking at every line; `head` starts with the first non-blank lines.)
    """
    if len(head) < 3:  # head holds every non-blank line when it has fewer than asked for
        return []
    tail = []
    for index in range(len(lines) - 1, head[1], -1):
        if lines[index].text.strip():
            tail.append(lines[index])
            if len(tail) == CLOSING_LINES:
                break
    return tail


def _line_fields(origin: list[int], line: Line) -> list[Field]:
    fields = []
    for match in _FIELD.finditer(line.text):
        label = match.group(_LABEL_GROUP)
        rest = line.text[match.end():]
        if label in _SOURCE_LABELS:
            value_match = _SOURCE_VALUE.match(rest)
            value = value_match.group() if value_match else ""
            name = "source"
        else:
            date_match = DATE_PATTERN.match(rest)
            if date_match:
                value = date_match.group()
            else:
                stop = _VALUE_STOP.search(rest)
                value = rest[: stop.start()].strip() if stop else rest.strip()
            name = "publish-date"
        start = line.start + match.end()
        if not value:
            start = line.start + match.start()
        fields.append(_field(origin, name, label, value, start, start + max(len(value), 1), line.number))
    return fields


def _field(origin: list[int], name: str, label: str, value: str, start: int, end: int, line: int) -> Field:
    src_start, src_end = source_span(origin, start, end)
    return _new_field((name, label, value, src_start, src_end, line))
