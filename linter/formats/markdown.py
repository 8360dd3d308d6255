"""Markdown reader: prose stays in place, everything that is not prose is blanked.

Fenced and indented code, inline code, HTML comments and tags and link targets
are replaced by spaces (newlines kept), so offsets still map one to one and rules
never see them. ATX headings (`#`) are reported as markup headings. YAML front
matter is blanked and its `title`, `date` and `source` keys become header fields.
"""

from __future__ import annotations

import regex

from linter.document import Field, MarkupHeading, Parsed

_FRONT_MATTER = regex.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", regex.S)
_FENCE = regex.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", regex.S | regex.M)
_INLINE_CODE = regex.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", regex.S)
_COMMENT = regex.compile(r"<!--.*?-->", regex.S)
_TAG = regex.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_LINK_TARGET = regex.compile(r"(?<=\])\([^()\s]*(?:\s+\"[^\"]*\")?\)")
_ATX = regex.compile(r"^[ \t]{0,3}(#{1,6})(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$", regex.M)
_FRONT_KEYS = {"title": "title", "date": "publish-date", "source": "source",
               "来源": "source", "发布时间": "publish-date", "发布日期": "publish-date"}


class MarkdownReader:
    name = "markdown"
    extensions = (".md", ".markdown")
    binary = False

    def read_text(self, text: str) -> Parsed:
        return read_markdown(text)


def read_markdown(text: str) -> Parsed:
    chars = list(text)
    fields: list[Field] = []
    front = _FRONT_MATTER.match(text)
    if front:
        fields = _front_matter_fields(front.group(1) or "", front.start(1) if front.group(1) else 0)
        _blank(chars, front.start(), front.end())
    for pattern in (_FENCE, _COMMENT, _INLINE_CODE, _TAG, _LINK_TARGET):
        for match in pattern.finditer("".join(chars)):
            _blank(chars, match.start(), match.end())
    masked = "".join(chars)
    headings = []
    for match in _ATX.finditer(masked):
        _blank(chars, match.start(1), match.end(1))
        headings.append(MarkupHeading(match.start(2), max(match.end(2), match.start(2) + 1),
                                      len(match.group(1))))
    return Parsed(format="markdown", plain="".join(chars), headings=tuple(headings),
                  fields=tuple(fields))


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


def _front_matter_fields(block: str, offset: int) -> list[Field]:
    fields = []
    for match in regex.finditer(r"^([^\s:#][^:]*):[ \t]*(.*?)[ \t]*$", block, regex.M):
        name = _FRONT_KEYS.get(match.group(1).strip().lower())
        value = match.group(2).strip().strip("'\"")
        if name and value:
            fields.append(Field(name, f"front-matter:{match.group(1).strip()}", value,
                                offset + match.start(2), offset + match.end(2)))
    return fields
