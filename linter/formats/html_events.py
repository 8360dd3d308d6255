"""The events of a web page as the standard library's HTML parser reads them, with their offsets.

An event is (kind, node, value, offset): "start", "startend" and "end" with the tag,
"data" with text as it stands in the page, "text" with a decoded character reference; `node`
is the element (`html_article.Node`) the event belongs to, and `offset` where it starts in the
page. `linter.formats.html_tokens` gives the same events faster for the markup pages are
usually made of (and a "cell" event for a whole table cell holding only text, standing for its
three events); the reader comes here for a page holding anything else, so that every page
is read exactly as html.parser reads it (its quirks, and its exceptions, included). This
module is imported only then: html.parser is not imported for the other pages.
"""

from __future__ import annotations

import functools
import html
from html.parser import HTMLParser

from linter.formats import limits
from linter.formats.html_article import TreeBuilder


class ParserEvents(HTMLParser):
    """Parses once: records (kind, node, value, offset) events and builds the element tree.

    `value` is the tag of a tag event, the text of a text event ("data": text as it stands in
    the page, "text": a decoded reference). The source offset of each event is counted as the
    parser goes: html.parser calls `updatepos` for every piece of the page it consumes, in
    order, so the pieces' lengths add up to where the next piece starts, which is where its
    handlers are called. This replaces the parser's own line and column bookkeeping, which,
    with turning line and column back into an offset, cost more than all our handlers; `getpos`
    still gives line and column. The parser is fed `text` once.
    """

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.tree = TreeBuilder(limits.limit("html-depth"))
        self.events: list[tuple] = []
        self._text = text
        self._at = 0  # source offset of the piece the parser handles next

    def updatepos(self, i: int, j: int) -> int:
        """The parser consumed `rawdata[i:j]`: move the offset past it."""
        if i < j:
            self._at += j - i
        return j

    def getpos(self) -> tuple[int, int]:
        """(line, column) of the parser's position, as `HTMLParser.getpos` gives them."""
        at = self._at
        return self._text.count("\n", 0, at) + 1, at - (self._text.rfind("\n", 0, at) + 1)

    def handle_starttag(self, tag, attrs):
        at = self._at
        attrs = dict(attrs) if attrs else {}  # (most tags have none: `{}` is much cheaper than dict([]))
        self.events.append(("start", self.tree.start(tag, attrs, at), tag, at))

    def handle_startendtag(self, tag, attrs):
        at = self._at
        attrs = dict(attrs) if attrs else {}
        self.events.append(("startend", self.tree.start(tag, attrs, at, self_closing=True), tag, at))

    def handle_endtag(self, tag):
        at = self._at
        node = self.tree.end(tag, at) or self.tree.current  # a stray end tag counts where it stands
        self.events.append(("end", node, tag, at))

    def handle_data(self, data):
        self.events.append(("data", self.tree.data(data), data, self._at))

    def handle_entityref(self, name):
        self.events.append(("text", self.tree.data(name), _unescape(f"&{name};"), self._at))

    def handle_charref(self, name):
        self.events.append(("text", self.tree.data(name), _unescape(f"&#{name};"), self._at))


@functools.lru_cache(maxsize=1024)
def _unescape(reference: str) -> str:
    """A character reference decoded (a page repeats the few it uses: decoded once each)."""
    return html.unescape(reference)
