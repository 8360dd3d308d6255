"""Markdown reader: CommonMark parsed with markdown-it-py; prose stays in place, the rest is blanked.

The plain text has the length of the source: everything that is not prose is
replaced by spaces (line breaks kept), so offsets map one to one and rules never
see it:

- YAML front matter (its `title`, `date` and `source` keys become header fields);
- fenced and indented code blocks, inline code, HTML comments and tags (the text
  between tags stays), link and image targets, reference definitions;
- heading markers (`#`, setext underlines), blockquote markers, emphasis markers,
  thematic breaks, the delimiter row of a table.

Headings come from the token tree (ATX and setext, at any nesting) as markup
headings. A table row stays one line with its `|` separators in place, which is
how the table parser reads markdown tables.
"""

from __future__ import annotations

import regex

from linter.document import Field, MarkupHeading, Parsed
from linter.formats import limits

_FRONT_MATTER = regex.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", regex.S)
_NEWLINE = regex.compile(r"\r\n?|\n")
_COMMENT = regex.compile(r"<!--.*?(?:-->|\Z)", regex.S)
_SCRIPT = regex.compile(r"<(script|style)\b.*?(?:</\1\s*>|\Z)", regex.S | regex.I)
_TAG = regex.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<![A-Z][^>]*>|<\?.*?\?>", regex.S)
_QUOTE_MARKERS = regex.compile(r"(?:[ \t]*>[ \t]?)+")
_EMPHASIS = {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}
_FRONT_KEYS = {"title": "title", "date": "publish-date", "source": "source",
               "来源": "source", "发布时间": "publish-date", "发布日期": "publish-date"}
_PARSER = None


class MarkdownReader:
    """Reads Markdown (.md, .markdown) as CommonMark with tables; see the module docstring."""

    name = "markdown"
    extensions = (".md", ".markdown")
    binary = False

    def read_text(self, text: str) -> Parsed:
        return read_markdown(text)


def _parser():
    global _PARSER
    if _PARSER is None:
        from markdown_it import MarkdownIt  # lazy: only markdown files pay for the parser

        _PARSER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return _PARSER


def read_markdown(text: str) -> Parsed:
    return _Blanker(text).run()


class _Blanker:
    def __init__(self, text: str) -> None:
        self.text = text
        self.chars = list(text)
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        self.headings: list[MarkupHeading] = []
        self.fields: list[Field] = []
        self.cursors: dict[int, int] = {}

    def run(self) -> Parsed:
        front = _FRONT_MATTER.match(self.text)
        if front:
            self.fields = _front_matter_fields(front.group(1) or "", front.start(1) if front.group(1) else 0)
            self.blank(front.start(), front.end())
        tokens = _parser().parse("".join(self.chars))
        covered: set[int] = set()
        for index, token in enumerate(tokens):
            if token.map and token.level == 0:
                covered.update(range(*token.map))
            self.block(token, tokens, index)
        for line in range(len(self.starts)):  # reference definitions belong to no block
            if line not in covered:
                self.blank(*self.line_span(line))
        plain = "".join(self.chars)
        long_line = limits.long_line(plain)
        return Parsed(format="markdown", plain=plain, headings=tuple(self.headings),
                      fields=tuple(self.fields), notices=(long_line,) if long_line else ())

    # -- positions -------------------------------------------------------------------

    def line_span(self, line: int) -> tuple[int, int]:
        """Start and end (before the line break) of a 0-based line."""
        start = self.starts[line] if line < len(self.starts) else len(self.text)
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return start, end

    def lines_span(self, first: int, last: int) -> tuple[int, int]:
        """From the start of line `first` to the end of line `last - 1`."""
        return self.line_span(first)[0], self.line_span(max(first, last - 1))[1]

    def blank(self, start: int, end: int) -> None:
        for i in range(max(0, start), min(end, len(self.chars))):
            if self.chars[i] not in "\r\n":
                self.chars[i] = " "

    # -- blocks ----------------------------------------------------------------------

    def block(self, token, tokens, index: int) -> None:
        kind = token.type
        if kind in ("fence", "code_block", "hr") and token.map:
            self.blank(*self.lines_span(*token.map))
        elif kind == "html_block" and token.map:
            self.html(*self.lines_span(*token.map))
        elif kind == "blockquote_open" and token.map:
            for line in range(*token.map):
                start, end = self.line_span(line)
                match = _QUOTE_MARKERS.match(self.text, start, end)
                if match:
                    self.blank(match.start(), match.end())
        elif kind == "table_open" and token.map and token.map[1] - token.map[0] >= 2:
            self.blank(*self.line_span(token.map[0] + 1))  # the |---|---| delimiter row
        elif kind == "heading_open" and token.map and index + 1 < len(tokens):
            self.heading(token, tokens[index + 1])
        elif kind == "inline" and token.map:
            self.inline(token)

    def html(self, start: int, end: int) -> None:
        """An HTML block: tags, comments, scripts and styles go; the text between tags stays."""
        region = self.text[start:end]
        for pattern in (_SCRIPT, _COMMENT, _TAG):
            for match in pattern.finditer(region):
                self.blank(start + match.start(), start + match.end())

    def heading(self, token, inline) -> None:
        first, last = token.map
        content = inline.content.split("\n")[0].strip() if inline.content else ""
        if token.markup in ("=", "-"):  # setext: text lines, then the underline
            self.blank(*self.line_span(last - 1))
            last -= 1
        line_start, line_end = self.line_span(first)
        start = self.text.find(content, line_start, line_end) if content else -1
        if start < 0:
            return
        if token.markup not in ("=", "-"):
            for i in range(line_start, start):
                if self.text[i] == "#":
                    self.chars[i] = " "
            end = start + len(inline.content.strip())
            for i in range(end, line_end):
                if self.text[i] == "#":
                    self.chars[i] = " "
        else:
            end = self.line_span(max(first, last - 1))[1]
            end = len(self.text[:end].rstrip())
        self.headings.append(MarkupHeading(start, max(end, start + 1), int(token.tag[1:])))

    # -- inline content ---------------------------------------------------------------

    def inline(self, token) -> None:
        """Blank inline code, HTML, link targets and emphasis markers, found left to right."""
        region_start, region_end = self.lines_span(*token.map)
        cursor = max(region_start, self.cursors.get(token.map[0], region_start))
        skip_until_close = False
        links = 0
        for child in token.children or []:
            kind = child.type
            if skip_until_close:
                skip_until_close = kind != "link_close"
                continue
            if kind == "text" and child.content:
                found = self.text.find(child.content, cursor, region_end)
                if found >= 0:
                    cursor = found + len(child.content)
            elif kind == "code_inline":
                cursor = self._code(child.markup, cursor, region_end)
            elif kind == "html_inline":
                found = self.text.find(child.content, cursor, region_end)
                if found >= 0:
                    self.blank(found, found + len(child.content))
                    cursor = found + len(child.content)
            elif kind == "link_open" and child.markup == "autolink":
                open_at = self.text.find("<", cursor, region_end)
                close_at = self.text.find(">", open_at, region_end) if open_at >= 0 else -1
                if close_at >= 0:
                    self.blank(open_at, close_at + 1)
                    cursor = close_at + 1
                skip_until_close = True
            elif kind == "link_open":
                links += 1
            elif kind == "link_close" and links:
                links -= 1
                cursor = self._target(cursor, region_end)
            elif kind == "image":
                start = self.text.find("![", cursor, region_end)
                if start >= 0:
                    cursor = self._target(self._bracket_end(start + 2, region_end), region_end)
            elif kind in _EMPHASIS and child.markup:
                found = self.text.find(child.markup, cursor, region_end)
                if found >= 0:
                    self.blank(found, found + len(child.markup))
                    cursor = found + len(child.markup)
        self.cursors[token.map[0]] = cursor

    def _code(self, markup: str, cursor: int, end: int) -> int:
        fence = regex.compile(rf"(?<!`){regex.escape(markup)}(?!`)")
        opening = fence.search(self.text, cursor, end)
        if not opening:
            return cursor
        closing = fence.search(self.text, opening.end(), end)
        if not closing:
            return cursor
        self.blank(opening.start(), closing.end())
        return closing.end()

    def _bracket_end(self, start: int, end: int) -> int:
        """The position of the `]` closing a bracket opened just before `start`."""
        depth, i = 1, start
        while i < end:
            ch = self.text[i]
            if ch == "\\":
                i += 2
                continue
            if ch == "[":
                depth += 1
            elif ch == "]":
                depth -= 1
                if depth == 0:
                    return i
            i += 1
        return max(start - 1, 0)

    def _target(self, cursor: int, end: int) -> int:
        """After a link's text: blank its `(target "title")` or `[reference]`; return the new cursor."""
        close = self.text.find("]", cursor, end)
        if close < 0 or close + 1 >= end:
            return cursor
        after = self.text[close + 1]
        if after == "(":
            depth, quote, i = 0, "", close + 1
            while i < end:
                ch = self.text[i]
                if ch == "\\":
                    i += 2
                    continue
                if quote:
                    quote = "" if ch == quote else quote
                elif ch in "\"'" and depth == 1 and self.text[i - 1] in " \t\n":
                    quote = ch
                elif ch == "(":
                    depth += 1
                elif ch == ")":
                    depth -= 1
                    if depth == 0:
                        self.blank(close + 1, i + 1)
                        return i + 1
                i += 1
        elif after == "[":
            ref_end = self.text.find("]", close + 2, end)
            if ref_end >= 0:
                self.blank(close + 1, ref_end + 1)
                return ref_end + 1
        return close + 1


def _front_matter_fields(block: str, offset: int) -> list[Field]:
    fields = []
    for match in regex.finditer(r"^([^\s:#][^:]*):[ \t]*(.*?)[ \t]*$", block, regex.M):
        name = _FRONT_KEYS.get(match.group(1).strip().lower())
        value = match.group(2).strip().strip("'\"")
        if name and value:
            fields.append(Field(name, f"front-matter:{match.group(1).strip()}", value,
                                offset + match.start(2), offset + match.end(2)))
    return fields
