"""The tags and text of a web page, read as the standard library's HTML parser reads them, faster.

`html.parser` finds each piece of the page with several pattern searches and
Python calls, which cost more than everything else done to a page. Here the page
is split at its markup with one compiled pattern (`_MARKUP`, one C call for the
whole page), whose alternatives are what the pages met in practice are made of:
start tags with quoted or unquoted attributes, end tags, entity and numeric
references, comments, declarations and processing instructions; what lies between
two pieces of markup is text. A page repeats its pieces of markup (`<td>`, `</p>`,
`&nbsp;`), so what a piece reads as (tag, attributes …) is worked out once and
remembered (`_KNOWN`). The contents of `<script>` and `<style>` are found as
html.parser finds them.

The result must be what `html.parser` gives (as in CPython 3.10.0-3.10.17, 3.11.0-3.11.12,
3.12.0-3.12.10 and 3.13.0-3.13.3, `SAME_AS_HTML_PARSER`; later releases changed its reading
of some comments, scripts and tags, and there html.parser reads every page), down to every event's
offset (a whole table cell holding only text is one event standing for html.parser's three, see
`read_events`), so only the forms whose reading by html.parser is simple are matched: each
of them gives the same events by construction (the comments at `_MARKUP` say,
alternative by alternative, which of html.parser's steps it stands for). Whatever
else a `<` or `&` starts (a start tag with an attribute glued to the previous one or
a `\\v` in it, an unterminated comment or tag, `<![CDATA[`, `&#` without digits, a
reference cut by the end of the page …) raises `Unhandled`, and the caller reads the
whole page with html.parser instead: those are the cases where html.parser's reading
depends on its buffering, its error recovery or its exceptions.
tests/test_html_tokens.py compares the events with html.parser's on the fixtures and
on generated and mutated pages.

The standard library's `re` is used, as html.parser does, so that `\\s` and the
character classes mean exactly what they mean there.
"""

from __future__ import annotations

import html
import re
import sys

# The CPython releases whose html.parser reads pages as this module copies it: the last patch
# release of each line before the security releases of 2025 (3.10.18, 3.11.13, 3.12.11, 3.13.4
# and later, 3.14) changed how it reads some comments, scripts, CDATA and tags. On any other
# Python, `linter.formats.html` reads every page with html.parser itself.
_LAST_SAME = {(3, 10): 17, (3, 11): 12, (3, 12): 10, (3, 13): 3}
SAME_AS_HTML_PARSER = (sys.implementation.name == "cpython"
                       and sys.version_info.micro <= _LAST_SAME.get(sys.version_info[:2], -1))

_S = r"[\t\n\r\f ]"  # the white space the patterns below allow: ASCII, which every \s of html.parser matches


def _start_tag(group: str) -> str:
    """The pattern of a start tag after its `<`; `group` opens its three groups (name, attributes, `/`)."""
    return (rf"{group}[a-zA-Z][-.a-zA-Z0-9:_]*){group}(?:{_S}+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:{_S}*={_S}*"
            r"""(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+(?=[\t\n\r\f >])))?)*)"""
            rf"{_S}*{group}/?)>")


# The page is split at its markup: what lies between two pieces of markup is text (it holds no <
# or &). One alternative per kind of markup, each standing for a step of html.parser's `goahead`
# (CPython 3.10-3.13.0 Lib/html/parser.py). The alternatives are grouped by their first character,
# written once before each group (`<(?:…)|&(?:…)`): a pattern whose every alternative starts with a
# literal character lets `re` skip through the text to the next `<` or `&` in one C loop, where
# alternatives starting with a group of their own would each be tried at every character of text.
_AFTER_LT = (
    # a whole table cell holding only text, `<td>text</td>` or `<th>text</th>` (see `_CELL_OPENINGS`):
    # the start tag, text and end tag alternatives below read it as three pieces. Tried first, as a
    # table page is mostly cells; `re` rules it out at its first characters for other markup
    r"td>[^<&]*</td>|th>[^<&]*</th>",
    # an end tag as `endtagfind` reads it (its first `>` is the one `endendtag` finds). Tried before
    # the start tags: no other alternative but the last can match where it does (none other starts
    # with `/`), and `re` rules it out at its first character for other markup, where the start tag
    # alternatives tried before it cost an attempt at every end tag
    r"/\s*[a-zA-Z][-.a-zA-Z0-9:_]*\s*>",
    # a start tag without attributes, as the next alternative reads it (the commonest piece of markup,
    # <td> <p> <tr>: matched by a simpler pattern, which `re` tries faster)
    r"[a-zA-Z][-.a-zA-Z0-9:_]*>",
    # a start tag: name, attributes each after white space (`attrfind_tolerant` reads the same name
    # and value; an unquoted value ends at white space or >, as `[^>\s]*` does), then `>` or `/>`
    # (`locatestarttagend_tolerant` stops at the same place; `check_for_whole_start_tag` returns
    # just past the `>`)
    _start_tag("(?:"),
    # a comment: to the first `--\s*>` after `<!--` (`parse_comment`)
    r"!--.*?--\s*>",
    # `<!doctype …>` and other `<!…>` but a marked section (`<![`): to the first `>`
    # (`parse_html_declaration`, `parse_bogus_comment`); a processing instruction (`parse_pi`)
    r"!(?!--|\[)[^>]*>",
    r"\?[^>]*>",
    # any other <: text by itself when it starts no markup (see `_LITERAL`), else left to html.parser
    "")
_AFTER_AMPERSAND = (
    # an entity reference as `entityref` reads it (a `;` ending it is part of it, any other character
    # after the name is not), a numeric reference as `charref` reads it
    r"[a-zA-Z][-.a-zA-Z0-9]*(?:;|(?=[^a-zA-Z0-9]))",
    r"#(?:[0-9]+|[xX][0-9a-fA-F]+)(?:;|(?=[^0-9a-fA-F]))",
    # any other &: text by itself when it starts no markup (see `_LITERAL`), else left to html.parser
    "")
_MARKUP = re.compile(f"(<(?:{'|'.join(_AFTER_LT)})|&(?:{'|'.join(_AFTER_AMPERSAND)}))", re.S)
_LITERAL = {"<": re.compile(r"[^a-zA-Z/!?]|\Z"), "&": re.compile(r"[^a-zA-Z#]|\Z")}
_START = re.compile("<" + _start_tag("("))
_END = re.compile(r"</\s*([^\s>]+)")
_ATTRIBUTES = re.compile(rf"{_S}+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:{_S}*={_S}*"
                         r"""(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_CDATA_END = {tag: re.compile(r"</\s*%s\s*>" % tag, re.I) for tag in ("script", "style")}


class Unhandled(Exception):
    """The page holds markup whose reading is left to html.parser (see the module docstring)."""


# what a whole cell (the first alternative after `<`) starts with; its end tag is `</td>` or `</th>`
_CELL_OPENINGS = ("<td>", "<th>")
_START_EVENT, _CDATA_START_EVENT, _STARTEND_EVENT, _END_EVENT, _REFERENCE, _NO_EVENT = range(6)
_KNOWN: dict[str, tuple] = {}  # a piece of markup -> what it reads as (see `_read`); pages repeat theirs
_KNOWN_MAX = 4096  # pieces remembered at most (then forgotten all at once)
_KNOWN_LONGEST = 300  # longer pieces (comments, say) are read each time and not remembered


def _read(markup: str) -> tuple:
    """What a piece of markup (not a lone < or &) reads as: (kind, tag or name, attributes or text, length).

    A start tag of `script` or `style` is a kind of its own (`_CDATA_START_EVENT`): what follows it
    is read up to its end tag. The length of the piece comes with it, as the loop needs it for each.
    """
    first, second = markup[0], markup[1]
    if first == "&":
        if second == "#":
            name = markup[2:-1] if markup[-1] == ";" else markup[2:]
            return _REFERENCE, name, html.unescape(f"&#{name};"), len(markup)
        name = markup[1:-1] if markup[-1] == ";" else markup[1:]
        return _REFERENCE, name, html.unescape(f"&{name};"), len(markup)
    if second == "/":
        return _END_EVENT, _END.match(markup).group(1).lower(), None, len(markup)
    if second == "!" or second == "?":
        return _NO_EVENT, None, None, len(markup)
    name, attributes, slash = _START.match(markup).groups()
    tag = name.lower()
    kind = _STARTEND_EVENT if slash else _CDATA_START_EVENT if tag in _CDATA_END else _START_EVENT
    return kind, tag, _attributes(attributes), len(markup)


def _attributes(text: str) -> dict | None:
    """The attributes of a start tag as html.parser gives them (names lower-cased, values unescaped)."""
    if not text:
        return None
    attrs = {}
    for match in _ATTRIBUTES.finditer(text):
        name, double, single, bare = match.groups()
        value = double if double is not None else single if single is not None else bare
        if value:
            value = html.unescape(value)
        attrs[name.lower()] = value
    return attrs


def _cell_events(cell: str, at: int, tree, append) -> None:
    """The events of a whole cell that `TreeBuilder.cell` leaves to its caller (read flat, outside a
    row …): its start tag, text and end tag, each as `read_events` reads them apart."""
    name, value = cell[1:3], cell[4:-5]
    append(("start", tree.start(name, {}, at), name, at))
    if value:
        append(("data", tree.data(value), value, at + 4))
    end_at = at + len(cell) - 5
    append(("end", tree.end(name, end_at) or tree.current, name, end_at))


def read_events(text: str, tree) -> list[tuple]:
    """The events of `text` as html.parser gives them (see `html_events`), building `tree` on the way.

    Each event is (kind, node, value, offset): "start", "startend" and "end" with the tag,
    "data" with text as it stands, "text" with a decoded reference, and "cell" with the text of a
    whole cell holding only text (`<td>text</td>`, `<th>text</th>`) standing for its start tag,
    its text (if any: at offset + 4) and its end tag: a table page is mostly such cells, and one
    event for each costs less than three, here and in the writer. Raises `Unhandled` when
    the page holds markup left to html.parser; `tree` is then half built and must be dropped.
    """
    events: list[tuple] = []
    append = events.append
    start, end, data, cell = tree.start, tree.end, tree.data, tree.cell
    # a text run and the usual end tag are handled here as `tree.data` and `tree.end` handle them
    # (see TreeBuilder): the text goes to the innermost open element; an end tag naming it closes
    # it, unless it is the document or an element read flat is open
    stack, nodes, flat = tree.stack, tree.nodes, tree.flat
    known, cell_openings = _KNOWN, _CELL_OPENINGS
    # (the kinds as local names: a comparison with a local costs less than with a global)
    start_event, end_event, reference, startend_event, cdata_start_event = (
        _START_EVENT, _END_EVENT, _REFERENCE, _STARTEND_EVENT, _CDATA_START_EVENT)
    pieces = _MARKUP.split(text)  # text, markup, text, …, text
    at = 0
    pairs = zip(*[iter(pieces)] * 2)
    for piece, markup in pairs:
        if piece:
            node = stack[-1]
            node.texts.append(piece)
            append(("data", node, piece, at))
            at += len(piece)
        read = known.get(markup)
        if read is None:
            if len(markup) > 4 and markup[:4] in cell_openings:  # a whole cell (not remembered: few repeat)
                value = markup[4:-5]
                node = cell(markup[1:3], value, at, at + len(markup) - 5)
                if node is not None:
                    append(("cell", node, value, at))
                else:
                    _cell_events(markup, at, tree, append)
                at += len(markup)
                continue
            if len(markup) == 1:  # a lone < or &: text, unless it starts markup the pattern leaves alone
                if _LITERAL[markup].match(text, at + 1) is None:
                    raise Unhandled(at)
                append(("data", data(markup), markup, at))
                at += 1
                continue
            read = _read(markup)
            if len(markup) <= _KNOWN_LONGEST:
                if len(known) >= _KNOWN_MAX:
                    known.clear()
                known[markup] = read
        kind, name, value, length = read
        if kind == start_event:
            append(("start", start(name, value.copy() if value else {}, at), name, at))
        elif kind == end_event:
            node = stack[-1]
            if node.tag == name and not flat and len(stack) > 1:
                node.end = at
                node.after = len(nodes)
                stack.pop()
                append(("end", node, name, at))
            else:  # (a stray end tag counts where it stands)
                append(("end", end(name, at) or tree.current, name, at))
        elif kind == reference:
            append(("text", data(name), value, at))
        elif kind == startend_event:
            append(("startend", start(name, value.copy() if value else {}, at, self_closing=True), name, at))
        elif kind == cdata_start_event:
            append(("start", start(name, value.copy() if value else {}, at), name, at))
            at += length
            # html.parser's CDATA mode: text up to the end tag
            close = _CDATA_END[name].search(text, at)
            if close is None:  # html.parser reads nothing more of the page
                return events
            close_start = close.start()
            if close_start > at:
                value = text[at:close_start]
                append(("data", data(value), value, at))
            append(("end", end(name, close_start) or tree.current, name, close_start))
            # go on after the end tag, where a piece of markup starts unless one holds the end tag
            while True:
                pair = next(pairs, None)
                if pair is None:
                    raise Unhandled(close_start)
                at += len(pair[0])
                if at >= close_start:
                    break
                at += len(pair[1])
                if at > close_start:
                    raise Unhandled(close_start)
            length = len(pair[1])
        at += length
    last = pieces[-1]
    if last:
        append(("data", data(last), last, at))
    return events
