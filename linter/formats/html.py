"""HTML reader: the article text of a web page, with every character mapped to its place in the file.

The page is read once into events (tags and text runs with the source offset where each
starts, which is what the offset map needs), exactly as the standard library's HTML
parser reads it: `html_tokens` splits the page at its markup with one pattern, and a page
holding markup whose reading it leaves to html.parser (an unterminated comment or tag, a
marked section …) is read by html.parser itself (`html_events`). `html_article` builds an
element tree from the events and marks site chrome (navigation, breadcrumb, 字体:[大 中 小],
打印本页, share buttons, footer …) to leave out, keeping the article, its title and its info
line (发布时间/来源). The kept events are then turned into text: block elements become
line breaks, a table row is one line with its cells separated by tabs, whitespace
runs collapse as a browser would, entities are decoded, `<script>`/`<style>` are
skipped, `h1`-`h6` become markup headings, and the `<meta>` tags of the
government-site page specification (PubDate, ContentSource, ArticleTitle) become
header fields. Chrome phrases left inside kept text are removed last; removing
characters keeps the map exact, since each remaining character keeps its origin.
"""

from __future__ import annotations

from linter import regexes
from linter.document import Field, MarkupHeading, Notice, Parsed
from linter.formats import html_tokens, limits
from linter.formats.html_article import CHROME_COUNTER_LABEL, CHROME_COUNTER_WORDS, CHROME_LINE, CHROME_LINE_WORD
from linter.formats.html_article import CHROME_TEXT, CHROME_WORDS
from linter.formats.html_article import TreeBuilder, mark_excluded
from linter.textmap import shared_offsets

_BLOCK = {"address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "div",
          "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
          "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody",
          "thead", "tfoot", "title", "tr", "ul"}
_CELL = {"td", "th"}
_SKIP = {"script", "style", "noscript", "template"}
_HEADING = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_META_FIELDS = {"pubdate": "publish-date", "contentsource": "source", "articletitle": "title"}
_SPACE_CHARS = " \t\r\n\f"  # the white space a browser collapses
_SPACE = regexes.compile(r"[ \t\r\n\f]+")
CHARSET = regexes.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", regexes.I)


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
    tree, events = read_events(text)
    root = tree.finish(len(text))
    mark_excluded(root, tree.nodes)
    writer = _Writer(len(text))
    writer.write(events)
    plain, origin = _remove_chrome_text("".join(writer.parts), writer.origin)
    notices = [limits.long_line(plain, origin), _depth_notice(tree)]
    return Parsed(format="html", plain=plain, origin=origin, headings=tuple(writer.headings),
                  fields=tuple(writer.fields), notices=tuple(n for n in notices if n is not None))


def read_events(text: str) -> tuple[TreeBuilder, list[tuple]]:
    """The element tree and the events of `text` (see `html_events`).

    Read by `html_tokens`, or by html.parser (`html_events`, imported only then) when the page
    holds markup that `html_tokens` leaves to it, or on a Python whose html.parser reads pages
    otherwise than `html_tokens` (see `SAME_AS_HTML_PARSER` there); the two give the same events.
    """
    if html_tokens.SAME_AS_HTML_PARSER:
        tree = TreeBuilder(limits.limit("html-depth"))
        try:
            return tree, html_tokens.read_events(text, tree)
        except html_tokens.Unhandled:
            pass
    from linter.formats.html_events import ParserEvents

    parser = ParserEvents(text)
    parser.feed(text)
    parser.close()
    return parser.tree, parser.events


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


# What a tag event does to the text (`_Writer.write`), looked up once per event by its kind and tag:
# a block (h1-h6 among them, and a start tag of a row or table) or br/hr ends the line (`_BREAK`);
# tags missing from the tables do nothing. <br/> and <hr/> end the line; no other self-closing tag
# but <meta/> does anything.
_BREAK, _HEADING_OPEN, _HEADING_CLOSE, _CELL_OPEN, _CELL_CLOSE, _ROW_CLOSE, _SKIP_OPEN, _SKIP_CLOSE, _META = (
    "break", "heading open", "heading close", "cell open", "cell close", "row close", "skip open",
    "skip close", "meta")
_ACTIONS = {
    "start": {**dict.fromkeys(_BLOCK, _BREAK), **dict.fromkeys(_HEADING, _HEADING_OPEN),
              **dict.fromkeys(_CELL, _CELL_OPEN), **dict.fromkeys(_SKIP, _SKIP_OPEN), "meta": _META},
    "end": {**dict.fromkeys(_BLOCK, _BREAK), **dict.fromkeys(_HEADING, _HEADING_CLOSE),
            **dict.fromkeys(_CELL, _CELL_CLOSE), **dict.fromkeys(_SKIP, _SKIP_CLOSE),
            "tr": _ROW_CLOSE, "table": _ROW_CLOSE},
    "startend": {"br": _BREAK, "hr": _BREAK, "meta": _META},
}
_NO_SPACE_AFTER = frozenset(("", "\n", " ", "\t"))  # a collapsed white-space run adds no space after these
_NO_TAB_AFTER = frozenset(("", "\n", "\t"))
_NO_BREAK_AFTER = frozenset(("", "\n"))


class _Writer:
    """Turns the kept events of a page of `length` characters into text with a source offset for
    every character.

    The text is kept as its pieces (`parts`) and the offsets as one list (`origin`), as
    `linter.textmap.TextBuilder` does, but appended to here: a page adds a piece for nearly
    every event, and a method call per piece cost more than the appending. `last` is the last
    character written ("" before any); an empty piece is never added.
    """

    def __init__(self, length: int) -> None:
        self.parts: list[str] = []
        self.origin: list[int] = []
        # a text run's source offsets are sliced from these: made from a `range`, every offset would
        # be a new int object, which cost a third of writing a page
        self.offsets = shared_offsets(length)
        self.last = ""
        self.headings: list[MarkupHeading] = []
        self.fields: list[Field] = []
        self._skip = 0
        self._cells = 0
        self._heading: tuple[str, int] | None = None  # the open h1-h6 and its offset

    def write(self, events: list[tuple]) -> None:
        """Handle the events in order (see `html_events`).

        One loop, with the writer's state in local variables: a page has hundreds of events,
        and a method call and attribute reads per event cost more than the work itself. A tag
        event's action is one table lookup by kind and tag (`_ACTIONS`), so the tag path tests
        no kind. A whole cell ("cell") is what its start tag does, then its text. The commonest
        text runs (no white space, or only white space) are handled here; other runs (`_collapse`),
        references and meta tags go through the methods (the state written back to them first).

        A block, a row or br/hr ends the line: within a table cell it becomes a space (a row
        stays one line), and a space that ended the block is dropped ("a </p>" reads "a").
        """
        parts, origin, offsets = self.parts, self.origin, self.offsets
        add, at_origin, extend_origin = parts.append, origin.append, origin.extend
        actions = _ACTIONS
        # (the actions as local names: a comparison with a local costs less than with a global)
        skip_open, skip_close, cell_open, cell_close, row_close, heading_open, heading_close, meta = (
            _SKIP_OPEN, _SKIP_CLOSE, _CELL_OPEN, _CELL_CLOSE, _ROW_CLOSE, _HEADING_OPEN, _HEADING_CLOSE, _META)
        no_space_after, no_tab_after, no_break_after = _NO_SPACE_AFTER, _NO_TAB_AFTER, _NO_BREAK_AFTER
        last, skip, cells = self.last, self._skip, self._cells
        for kind, node, value, at in events:
            if kind == "cell":  # a whole cell: what its start tag does (see below), then its text
                if node.excluded:
                    continue
                if last not in no_tab_after:
                    add("\t")
                    at_origin(at)
                    last = "\t"
                kind, at = "data", at + 4  # (its end tag undoes what its start tag does to `cells`)
            if kind == "data":
                if skip or node.excluded or node.own_text_excluded:
                    continue
                # (the `in` tests are much faster than a pattern search; most runs hold no white
                # space, or are only white space, such as the line break between two tags)
                if not (" " in value or "\n" in value or "\t" in value or "\r" in value or "\f" in value):
                    if value:
                        add(value)
                        extend_origin(offsets[at:at + len(value)])
                        last = value[-1]
                elif not value.strip(_SPACE_CHARS):
                    if last not in no_space_after:
                        add(" ")
                        at_origin(at)
                        last = " "
                else:
                    self.last = last
                    self._collapse(value, at)
                    last = self.last
                continue
            if kind == "text":
                if value and not (skip or node.excluded or node.own_text_excluded):
                    self.last = last
                    self._insert(value, at)
                    last = self.last
                continue
            action = actions[kind].get(value)
            if action is None:
                continue
            if node.excluded:
                if action is skip_open:  # keep the script nesting right across left-out elements
                    skip += 1
                elif action is skip_close:
                    if skip:
                        skip -= 1
                elif action is meta:
                    self._meta(node.attrs, at)  # metadata counts wherever the tag stands
                continue
            if action is cell_close:
                if cells:
                    cells -= 1
                continue
            if action is cell_open:
                if last not in no_tab_after:
                    add("\t")
                    at_origin(at)
                    last = "\t"
                cells += 1
                continue
            if action is skip_open:
                skip += 1
                continue
            if action is skip_close:
                if skip:
                    skip -= 1
                continue
            if action is meta:
                self._meta(node.attrs, at)
                continue
            if action is row_close:
                cells = 0
            # a block, a row, a heading, br/hr: a line break
            if cells:
                if last not in no_space_after:
                    add(" ")
                    at_origin(at)
                    last = " "
            else:
                if last == " " and parts[-1] == " ":  # a space that ended the block is not text
                    parts.pop()
                    origin.pop()
                    last = parts[-1][-1] if parts else ""
                if last not in no_break_after:
                    add("\n")
                    at_origin(at)
                    last = "\n"
            if action is heading_open:
                self._heading = (value, at)
            elif action is heading_close and self._heading and self._heading[0] == value:
                self.headings.append(MarkupHeading(self._heading[1], at, _HEADING[value]))
                self._heading = None
        self.last, self._skip, self._cells = last, skip, cells

    def _insert(self, text: str, at: int) -> None:
        """Add synthesized, non-empty `text` (a line break, a decoded reference) standing for `at`."""
        self.parts.append(text)
        if len(text) == 1:
            self.origin.append(at)
        else:
            self.origin.extend([at] * len(text))
        self.last = text[-1]

    def _collapse(self, data: str, start: int) -> None:
        """Copy a text run that holds white space and other characters, each white-space run in
        it read as one space (or none, after a space, a tab or a line break)."""
        parts, origin, offsets = self.parts, self.origin, self.offsets
        position = 0
        for match in _SPACE.finditer(data):
            space = match.start()
            if space > position:
                parts.append(data[position:space])
                origin.extend(offsets[start + position:start + space])
                self.last = data[space - 1]
            if self.last not in _NO_SPACE_AFTER:
                parts.append(" ")
                origin.append(start + space)
                self.last = " "
            position = match.end()
        if position < len(data):
            parts.append(data[position:])
            origin.extend(offsets[start + position:start + len(data)])
            self.last = data[-1]

    def _meta(self, attrs: dict, at: int) -> None:
        name = (attrs.get("name") or "").strip().lower()
        content = (attrs.get("content") or "").strip()
        if name in _META_FIELDS and content:
            self.fields.append(Field(_META_FIELDS[name], f"meta:{attrs.get('name')}", content, at, at + 1))


_BLANK = " \t\u3000\xa0"  # a line holding only these is empty


def _remove_chrome_text(plain: str, origin: list[int]) -> tuple[str, list[int]]:
    """Drop breadcrumb lines and chrome phrases (字体:[大 中 小], 【打印本页】…) left in the kept text.

    When anything is dropped, every line left empty (or holding only spaces) goes too, with
    its line break.
    """
    spans = _chrome_spans(plain)
    if not spans:
        return plain, origin
    text, mapped = _cut(plain, origin, spans)
    cleaned: list[str] = []
    cleaned_origin: list[int] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip(_BLANK):
            cleaned.append(line)
            cleaned_origin.extend(mapped[start:end + 1])  # with its line break, if it has one
            if end < len(text):
                cleaned.append("\n")
        start = end + 1
    return "".join(cleaned), cleaned_origin


def _chrome_spans(plain: str) -> list[tuple[int, int]]:
    """Where the breadcrumb lines (with their line break) and the chrome phrases are in `plain`."""
    spans = []
    if CHROME_LINE_WORD in plain:
        spans += [(m.start(), min(len(plain), m.end() + 1)) for m in CHROME_LINE.finditer(plain)]
    lines = _lines_holding(plain, CHROME_WORDS) | _lines_holding(plain, CHROME_COUNTER_WORDS, CHROME_COUNTER_LABEL)
    for start, end in sorted(lines):  # a phrase is within a line
        spans += [m.span() for m in CHROME_TEXT.finditer(plain, start, end) if m.end() > m.start()]
    return spans


def _lines_holding(text: str, words: tuple[str, ...], label=None) -> set[tuple[int, int]]:
    """(start, end) of every line of `text` holding one of `words` (followed by a match of the pattern
    `label`, if given), without line breaks."""
    lines = set()
    for word in words:
        at = text.find(word)
        while at >= 0:
            if label is not None and label.match(text, at + len(word)) is None:
                at = text.find(word, at + len(word))
                continue
            end = text.find("\n", at)
            if end < 0:
                end = len(text)
            lines.add((text.rfind("\n", 0, at) + 1, end))
            at = text.find(word, end)  # the next line holding it: each line is read once per word
    return lines


def _cut(plain: str, origin: list[int], spans: list[tuple[int, int]]) -> tuple[str, list[int]]:
    """`plain` and `origin` without the characters in `spans` (which may overlap)."""
    pieces: list[str] = []
    mapped: list[int] = []
    kept_from = 0
    for start, end in sorted(spans):
        if start > kept_from:
            pieces.append(plain[kept_from:start])
            mapped.extend(origin[kept_from:start])
        kept_from = max(kept_from, end)
    pieces.append(plain[kept_from:])
    mapped.extend(origin[kept_from:])
    return "".join(pieces), mapped
