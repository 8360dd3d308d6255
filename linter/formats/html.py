"""HTML reader: the article text of a web page, with every character mapped to its place in the file.

Uses the standard library's incremental parser because it reports the source
position of every tag and text run, which is what the offset map needs. The page
is parsed once into events; `html_article` builds an element tree from them and
marks site chrome (navigation, breadcrumb, 字体:[大 中 小], 打印本页, share buttons,
footer …) to leave out, keeping the article, its title and its info line
(发布时间/来源). The kept events are then turned into text: block elements become
line breaks, a table row is one line with its cells separated by tabs, whitespace
runs collapse as a browser would, entities are decoded, `<script>`/`<style>` are
skipped, `h1`-`h6` become markup headings, and the `<meta>` tags of the
government-site page specification (PubDate, ContentSource, ArticleTitle) become
header fields. Chrome phrases left inside kept text are removed last; removing
characters keeps the map exact, since each remaining character keeps its origin.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

import regex

from linter.document import Field, MarkupHeading, Notice, Parsed
from linter.formats import limits
from linter.formats.html_article import CHROME_LINE, CHROME_TEXT, TreeBuilder, mark_excluded
from linter.textmap import TextBuilder

_BLOCK = {"address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "div",
          "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
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
    """Reads web pages (.html, .htm): the article without the site's chrome; see the module docstring."""

    name = "html"
    extensions = (".html", ".htm", ".xhtml", ".shtml")
    binary = False

    @staticmethod
    def declared_charset(head: bytes) -> str | None:
        return declared_charset(head)

    def read_text(self, text: str) -> Parsed:
        return read_html(text)


def read_html(text: str) -> Parsed:
    events = _Events(text)
    events.feed(text)
    events.close()
    root = events.tree.finish(len(text))
    mark_excluded(root)
    writer = _Writer()
    for event in events.events:
        writer.handle(event)
    plain, origin = _remove_chrome_text(*writer.builder.build())
    notices = [limits.long_line(plain, origin), _depth_notice(events.tree)]
    return Parsed(format="html", plain=plain, origin=origin, headings=tuple(writer.headings),
                  fields=tuple(writer.fields), notices=tuple(n for n in notices if n is not None))


def _depth_notice(tree: TreeBuilder) -> Notice | None:
    if tree.flattened_at is None:
        return None
    maximum, depth = tree.max_depth, tree.deepest
    return limits.notice(
        "html-depth",
        f"网页元素嵌套达 {depth:,} 层，超过 {maximum:,} 层的上限：更深的元素按第 {maximum:,} 层读取"
        "（文字仍全部检查，但其中的导航、页脚等可能未被识别而一并检查）",
        f"HTML elements are nested {depth:,} levels deep, over the limit of {maximum:,}: deeper "
        f"elements were read as if at level {maximum:,} (all their text is still checked, but "
        "navigation or footers among them may not be recognised as such)",
        tree.flattened_at, max=maximum, depth=depth)


class _Events(HTMLParser):
    """Parses once: records (kind, node, value, attrs, offset) events and builds the element tree."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.tree = TreeBuilder(limits.limit("html-depth"))
        self.events: list[tuple] = []
        self._line_starts = [0] + [m.end() for m in regex.finditer(r"\n", text)]

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        at = self._offset()
        node = self.tree.start(tag, dict(attrs), at)
        self.events.append(("start", node, tag, dict(attrs), at))

    def handle_startendtag(self, tag, attrs):
        at = self._offset()
        node = self.tree.start(tag, dict(attrs), at, self_closing=True)
        self.events.append(("startend", node, tag, dict(attrs), at))

    def handle_endtag(self, tag):
        at = self._offset()
        node = self.tree.end(tag, at) or self.tree.current  # a stray end tag counts where it stands
        self.events.append(("end", node, tag, None, at))

    def handle_data(self, data):
        self.events.append(("data", self.tree.data(data), data, None, self._offset()))

    def handle_entityref(self, name):
        self.events.append(("text", self.tree.data(name), html.unescape(f"&{name};"), None, self._offset()))

    def handle_charref(self, name):
        self.events.append(("text", self.tree.data(name), html.unescape(f"&#{name};"), None, self._offset()))


class _Writer:
    """Turns the kept events into text with a source offset for every character."""

    def __init__(self) -> None:
        self.builder = TextBuilder()
        self.headings: list[MarkupHeading] = []
        self.fields: list[Field] = []
        self._skip = 0
        self._cells = 0
        self._open_heading: tuple[str, int] | None = None

    def handle(self, event: tuple) -> None:
        kind, node, value, attrs, at = event
        if kind in ("start", "startend") and value == "meta":
            self._meta(attrs, at)  # metadata counts wherever the tag stands
        if kind in ("data", "text"):
            if not self._skip and not node.excluded and not node.own_text_excluded:
                if kind == "data":
                    self._data(value, at)
                else:
                    self.builder.insert(value, at)
            return
        if node.excluded:
            self._counters(kind, value)
            return
        if kind == "start":
            self._start(value, at)
        elif kind == "startend":
            if value in ("br", "hr"):
                self._newline(at)
        else:
            self._end(value, at)

    def _counters(self, kind: str, tag: str) -> None:
        """Keep script/cell nesting right across left-out elements."""
        if kind == "start" and tag in _SKIP:
            self._skip += 1
        elif kind == "end" and tag in _SKIP:
            self._skip = max(0, self._skip - 1)

    def _newline(self, at: int) -> None:
        if self._cells:  # a table row stays on one line: blocks inside a cell become spaces
            if self.builder.last_char() not in ("", "\n", " ", "\t"):
                self.builder.insert(" ", at)
        else:
            self.builder.drop_inserted(" ")  # a space that ended the block is not text: "a </p>" reads "a"
            if self.builder.last_char() not in ("", "\n"):
                self.builder.insert("\n", at)

    def _start(self, tag: str, at: int) -> None:
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

    def _end(self, tag: str, at: int) -> None:
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

    def _data(self, data: str, start: int) -> None:
        position = 0
        for match in _SPACE.finditer(data):
            self.builder.copy(data[position:match.start()], start + position)
            if self.builder.last_char() not in ("", "\n", " ", "\t"):
                self.builder.insert(" ", start + match.start())
            position = match.end()
        self.builder.copy(data[position:], start + position)

    def _meta(self, attrs: dict, at: int) -> None:
        name = (attrs.get("name") or "").strip().lower()
        content = (attrs.get("content") or "").strip()
        if name in _META_FIELDS and content:
            self.fields.append(Field(_META_FIELDS[name], f"meta:{attrs.get('name')}", content, at, at + 1))


def _remove_chrome_text(plain: str, origin: list[int]) -> tuple[str, list[int]]:
    """Drop breadcrumb lines and chrome phrases (字体:[大 中 小], 【打印本页】…) left in the kept text."""
    spans = [(m.start(), min(len(plain), m.end() + 1)) for m in CHROME_LINE.finditer(plain)]
    spans += [m.span() for m in CHROME_TEXT.finditer(plain) if m.end() > m.start()]
    if not spans:
        return plain, origin
    keep = [True] * len(plain)
    for start, end in spans:
        for i in range(start, end):
            keep[i] = False
    chars = [ch for ch, k in zip(plain, keep) if k]
    mapped = [o for o, k in zip(origin, keep) if k]
    # a line the removal left empty, or holding only spaces, goes with its line break
    cleaned: list[str] = []
    cleaned_origin: list[int] = []
    line_start = 0
    for index, ch in enumerate(chars + ["\n"]):
        if ch != "\n":
            continue
        line = chars[line_start:index]
        if "".join(line).strip(" \t\u3000\xa0"):
            cleaned.extend(line)
            cleaned_origin.extend(mapped[line_start:index])
            if index < len(chars):
                cleaned.append("\n")
                cleaned_origin.append(mapped[index])
        line_start = index + 1
    return "".join(cleaned), cleaned_origin
