"""Find the structure of a document in its analysis view and assemble the Document.

Headings: plain-text numbering (第一部分 / 一、 / （一） / 1. / 1、) and the headings
the markup gives (markdown `#`, HTML `h1`-`h6`). Sections: a heading and the body
up to the next heading of the same or a higher level. Header fields: 发布时间 /
发布日期 / 日期 … and 来源 / 信息来源 / 发布机构 … on the first lines, the report
title, and a closing date line (落款) among the last lines.
"""

from __future__ import annotations

import bisect

from linter import regexes
from linter.dates import DATE_PATTERN
from linter.document import Document, Field, Heading, Parsed, Section
from linter.normalize import build_view
from linter.source import Source
from linter.textmap import Line, LineIndex, split_lines

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
_FIELD = regexes.compile(
    r"(?P<label>" + "|".join(_DATE_LABELS + _SOURCE_LABELS) + r")\s*[:：]\s*"
)
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
    view_lines = tuple(split_lines(view.text))
    headings = tuple(_find_headings(view_lines, origin, parsed))
    doc = Document(
        path=source.path, format=parsed.format, encoding=source.encoding, source=source.text,
        plain=parsed.plain, plain_origin=parsed.origin, view=view.text, view_origin=origin,
        lines=LineIndex(source.text), view_lines=view_lines, headings=headings,
        sections=tuple(_sections(headings, len(view.text))), annotations=annotations,
        locator=parsed.locator, notices=parsed.notices,
    )
    fields = list(parsed.fields) + _find_fields(doc)
    return doc.replace(fields=tuple(fields))


def _map_span(plain_origin: list[int], start: int, end: int) -> tuple[int, int]:
    return plain_origin[start], plain_origin[end - 1] + 1


def _find_headings(lines: tuple[Line, ...], origin: list[int], parsed: Parsed) -> list[Heading]:
    markup = sorted(parsed.headings, key=lambda h: h.start)
    starts = [h.start for h in markup]
    headings = []
    for line in lines:
        stripped = line.text.strip()
        if not stripped or (not markup and not _may_be_numbered(stripped[0])):
            continue  # without markup headings only a numbered line can be one: most lines stop here
        if "\t" in stripped or stripped.count("|") >= 2:  # table rows are not headings
            continue
        lead = line.start + (len(line.text) - len(line.text.lstrip()))
        level = _markup_level(markup, starts, origin[lead]) if markup and lead < len(origin) else None
        if level is None:
            level = _numbered_level(stripped)
            if level is None:
                continue
            match = _TITLE_END.search(stripped)
            title = stripped[: match.start()] if match else stripped
            if len(title) > _MAX_TITLE:
                continue
        else:
            title = stripped
        headings.append(Heading(level, title, line.number, lead, lead + len(title)))
    return headings


def _markup_level(markup, starts, source_offset: int) -> int | None:
    index = bisect.bisect_right(starts, source_offset) - 1
    if index >= 0 and markup[index].start <= source_offset < markup[index].end:
        return markup[index].level
    return None


_NUMBER_STARTS = frozenset("第(" + _CN)


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


def _numbered_level(text: str) -> int | None:
    match = _NUMBERED.match(text)
    return match.lastindex if match else None


def _sections(headings: tuple[Heading, ...], length: int) -> list[Section]:
    """Each heading's body ends where the first later heading of its level or higher starts.

    One pass with a stack of the headings still open (their levels rise from bottom to
    top): a heading closes every open one of its level or deeper.
    """
    ends = [length] * len(headings)
    open_: list[int] = []
    for index, heading in enumerate(headings):
        while open_ and headings[open_[-1]].level >= heading.level:
            ends[open_.pop()] = heading.start
        open_.append(index)
    return [Section(heading, heading.end, end) for heading, end in zip(headings, ends)]


def _find_fields(doc: Document) -> list[Field]:
    found: list[Field] = []
    lines = doc.view_lines
    head = _first_non_empty(lines, HEADER_LINES)
    for index in head:
        text = lines[index].text
        if ":" in text or "：" in text:  # _FIELD ends with a colon: no colon, no field
            found.extend(_line_fields(doc, lines[index]))
    for title in (lines[index] for index in head[:5]):  # candidate titles: the rules pick one with a year
        if _REPORT_TITLE.search(title.text) and "。" not in title.text and len(title.text.strip()) <= 80:
            found.append(_field(doc, "title", "title", title.text.strip(), title.start, title.end,
                                title.number))
    for line in _closing_candidates(lines, head):  # never the title or the header line
        if _FIELD.search(line.text):
            continue
        match = DATE_PATTERN.search(line.text)
        if match and len(line.text.strip()) <= len(match.group()) + 30:
            found.append(_field(doc, "closing-date", "closing", match.group(),
                                line.start + match.start(), line.start + match.end(), line.number))
            break
    return found


def _first_non_empty(lines: tuple[Line, ...], count: int) -> list[int]:
    """Indexes of the first `count` lines that are not blank."""
    found = []
    for index, line in enumerate(lines):
        if line.text.strip():
            found.append(index)
            if len(found) == count:
                break
    return found


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


def _line_fields(doc: Document, line: Line) -> list[Field]:
    fields = []
    for match in _FIELD.finditer(line.text):
        label = match.group("label")
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
        fields.append(_field(doc, name, label, value, start, start + max(len(value), 1), line.number))
    return fields


def _field(doc: Document, name: str, label: str, value: str, start: int, end: int, line: int) -> Field:
    src_start, src_end = doc.source_span(start, end)
    return Field(name, label, value, src_start, src_end, line)
