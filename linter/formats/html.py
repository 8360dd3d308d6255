"""HTML reader: the text of the page, with every character mapped to its place in the file.

Uses the standard library's incremental parser because it reports the source
position of every tag and text run, which is what the offset map needs. Block
elements become line breaks, a table row is one line with its cells separated by tabs, whitespace runs
collapse as a browser would, entities are decoded, `<script>`/`<style>` are
skipped, `h1`-`h6` become markup headings, and the `<meta>` tags of the
government-site page specification (PubDate, ContentSource, ArticleTitle) become
header fields.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

import regex

from linter.document import Field, MarkupHeading, Parsed
from linter.textmap import TextBuilder

_BLOCK = {"address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "div", "dl",
          "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
          "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody",
          "thead", "tfoot", "title", "tr", "ul"}
_CELL = {"td", "th"}
_SKIP = {"script", "style", "noscript", "template"}
_HEADING = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_META_FIELDS = {"pubdate": "publish-date", "contentsource": "source", "articletitle": "title"}
_SPACE = regex.compile(r"[ \t\r\n\f]+")
CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", regex.I)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a `<meta>` tag within its first 4 KiB."""
    match = CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


class HtmlReader:
    name = "html"
    extensions = (".html", ".htm", ".xhtml", ".shtml")
    binary = False

    @staticmethod
    def declared_charset(head: bytes) -> str | None:
        return declared_charset(head)

    def read_text(self, text: str) -> Parsed:
        return read_html(text)


def read_html(text: str) -> Parsed:
    reader = _Reader(text)
    reader.feed(text)
    reader.close()
    plain, origin = reader.builder.build()
    return Parsed(format="html", plain=plain, origin=origin, headings=tuple(reader.headings),
                  fields=tuple(reader.fields))


class _Reader(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.builder = TextBuilder()
        self.headings: list[MarkupHeading] = []
        self.fields: list[Field] = []
        self._line_starts = [0] + [m.end() for m in regex.finditer(r"\n", text)]
        self._skip = 0
        self._cells = 0
        self._open_heading: tuple[str, int] | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _newline(self, at: int) -> None:
        if self._cells:  # a table row stays on one line: blocks inside a cell become spaces
            if self.builder.last_char() not in ("", "\n", " ", "\t"):
                self.builder.insert(" ", at)
        elif self.builder.last_char() not in ("", "\n"):
            self.builder.insert("\n", at)

    def handle_starttag(self, tag, attrs):
        at = self._offset()
        if tag in _SKIP:
            self._skip += 1
        elif tag in _BLOCK:
            self._newline(at)
        elif tag in _CELL:
            if self.builder.last_char() not in ("", "\n", "\t"):
                self.builder.insert("\t", at)
            self._cells += 1
        if tag in _HEADING:
            self._open_heading = (tag, at)
        if tag == "meta":
            self._meta(dict(attrs), at)

    def handle_startendtag(self, tag, attrs):
        at = self._offset()
        if tag == "meta":
            self._meta(dict(attrs), at)
        elif tag in ("br", "hr"):
            self._newline(at)

    def handle_endtag(self, tag):
        at = self._offset()
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in _CELL:
            self._cells = max(0, self._cells - 1)
        elif tag in ("tr", "table"):
            self._cells = 0
            self._newline(at)
        elif tag in _BLOCK:
            self._newline(at)
        if tag in _HEADING and self._open_heading and self._open_heading[0] == tag:
            self.headings.append(MarkupHeading(self._open_heading[1], at, _HEADING[tag]))
            self._open_heading = None

    def handle_data(self, data):
        if self._skip:
            return
        start = self._offset()
        position = 0
        for match in _SPACE.finditer(data):
            self.builder.copy(data[position:match.start()], start + position)
            if self.builder.last_char() not in ("", "\n", " ", "\t"):
                self.builder.insert(" ", start + match.start())
            position = match.end()
        self.builder.copy(data[position:], start + position)

    def handle_entityref(self, name):
        if not self._skip:
            self.builder.insert(html.unescape(f"&{name};"), self._offset())

    def handle_charref(self, name):
        if not self._skip:
            self.builder.insert(html.unescape(f"&#{name};"), self._offset())

    def _meta(self, attrs: dict, at: int) -> None:
        name = (attrs.get("name") or "").strip().lower()
        content = (attrs.get("content") or "").strip()
        if name in _META_FIELDS and content:
            self.fields.append(Field(_META_FIELDS[name], f"meta:{attrs.get('name')}", content, at, at + 1))
