"""The web page tokenizer (`linter.formats.html_tokens`) gives exactly html.parser's events.

Each page is read twice: by `html_tokens.read_events` and by html.parser
(`linter.formats.html_events.ParserEvents`). Where the tokenizer reads a page at all (it
leaves some markup to html.parser by raising `Unhandled`), the events (kind, element,
value and source offset) and the element trees built from them must be the same, on the
Python releases the tokenizer is used on (`SAME_AS_HTML_PARSER`). Pages:
the HTML fixtures, hostile pages, and generated tag soup (tags with every form of
attribute, references with and without `;`, comments, declarations, scripts and styles,
stray `<` and `&`), cut at random points and spliced into each other.
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES

from linter.formats import html as reader
from linter.formats import html_tokens, limits
from linter.formats.html_events import ParserEvents
from linter.formats.html_article import VOID, TreeBuilder
from test_html_speed_paths import HOSTILE_PAGES, _mutations

_FIXTURE_PAGES = sorted(FIXTURES.glob("**/*.htm*"))

# The tokenizer copies html.parser as the listed CPython releases have it; elsewhere the reader
# does not use it (tests/test_formats_html.py checks that reading), and there is nothing to compare.
pytestmark = pytest.mark.skipif(not html_tokens.SAME_AS_HTML_PARSER,
                                reason="this Python's html.parser reads pages otherwise than html_tokens copies")


def _parsed(page: str):
    """(tree, events) by html.parser."""
    parser = ParserEvents(page)
    parser.feed(page)
    parser.close()
    return parser.tree, parser.events


def _tokenized(page: str):
    """(tree, events) by the tokenizer, or None when it leaves the page to html.parser."""
    tree = TreeBuilder(limits.limit("html-depth"))
    try:
        return tree, html_tokens.read_events(page, tree)
    except html_tokens.Unhandled:
        return None


def _apart(events: list[tuple]) -> list[tuple]:
    """`events` with each whole cell ("cell", `<td>text</td>`) as the start, text and end events it stands for."""
    apart = []
    for kind, node, value, at in events:
        if kind == "cell":
            apart.append(("start", node, node.tag, at))
            if value:
                apart.append(("data", node, value, at + 4))
            apart.append(("end", node, node.tag, at + 4 + len(value)))
        else:
            apart.append((kind, node, value, at))
    return apart


def _shape(tree: TreeBuilder, events: list[tuple], length: int):
    """Everything the reader takes from the tree and the events, comparable with ==."""
    tree.finish(length)
    nodes = [(n.tag, n.attrs, n.start, n.end, n.parent.index if n.parent else None, n.texts, n.index,
              n.after, n.depth) for n in tree.nodes]
    return ([(kind, node.index, value, at) for kind, node, value, at in _apart(events)], nodes, tree.deepest,
            tree.flattened_at)


def _same(page: str) -> bool:
    """Whether the tokenizer read `page` (it must then agree with html.parser)."""
    fast = _tokenized(page)
    if fast is None:
        return False
    assert _shape(*fast, len(page)) == _shape(*_parsed(page), len(page)), page
    return True


# --- pieces of generated pages ---------------------------------------------------------------------

_TAGS = ["p", "P", "div", "td", "tr", "table", "span", "a", "li", "ul", "h1", "h2", "br", "hr", "meta",
         "img", "nav", "title", "textarea", "b", "script", "SCRIPT", "style", "Style", "x-y", "o:p", "h1.x"]
_ATTRIBUTES = [" class=\"x\"", " id='y'", " href=/a/b/", " nowrap", " a = \"1\"", "\nb=c", "\tc\t=\td",
               " data-x=\"a&amp;b\"", " x=\"1>2\"", " y='<'", " z=a/", " z=\"\"", " z=''", " q=\"open",
               "  ", "\t", "\r\n", " k==v", "\"glued\"", " \x0bv=1", " \xa0w=2", " u=a\"b", " v=`x`",
               " name=\"PubDate\" content=\"2020-01-02\"", " class=\"a\"class=\"b\"", " w=&lt;&#65;",
               " CLASS=Nav", " id=main", " /", " x/", "/", " _a:b.c-d=1", " 1x=2", " @click=f", " e=<",
               " f=a=b", " g= h", " t=\"\n\"", " class=\"x\" class=\"y\""]
_END_TAGS = ["</p>", "</P >", "</ div>", "</td\n>", "</a x>", "</>", "</ >", "</3>", "</b", "</x-y>",
             "</script>", "</style>", "</SCRIPT >", "</ script>", "</td/>", "</o:p>"]
_TEXTS = ["abc", "中文", " ", "\n", "\r\n", "\t", "a<b", "x > y", "<", "&", "& ", "a&b", "&&", "<<", "< p",
          "<3", "\x00", "\f", "\x0b", "\u3000", "\xa0", "发布时间：2020-01-02", "来源：本局", "字体：[大 中 小]",
          "您现在的位置：首页", "=", "\"", "'", "/", ">", "?", "!"]
_REFERENCES = ["&amp;", "&amp", "&nbsp;", "&#65;", "&#x41;", "&#65", "&#x;", "&#;", "&#12a", "&a-b",
               "&a.b;", "&copy2", "&#X4F;", "&unknown;", "&#x110000;", "&#0;", "&lt", "&gt;x", "&#", "&#x",
               "&a", "&a-", "&a."]
_MARKUP = ["<!-- c -->", "<!---->", "<!-- a -- >", "<!--", "<!-->", "<!--->", "<!-- x --!>",
           "<!DOCTYPE html>", "<!doctype>", "<!x>", "<!", "<![CDATA[x]]>", "<![if IE]>", "<![endif]>",
           "<?php x ?>", "<?", "<!-", "<!-x>", "<script>var a = '<p>' && b < c;</script>",
           "<style>p>a{}</style >", "<script/>",
           "<script><!-- </script>", "<script><a title='</script>'>x</script>", "<style></STYLE>",
           "<script>", "<style>a</style", "<script type=\"x\">&amp;</script>"]


_TAG_ENDS = ["", "", " ", "/", " /", "\n", "\n/", "\u3000", " \xa0", "\x0b", "\x00", " \x1c"]


def _start_tag(rng: random.Random) -> str:
    attributes = "".join(rng.choice(_ATTRIBUTES) for _ in range(rng.choice([0, 0, 1, 1, 2, 3])))
    return f"<{rng.choice(_TAGS)}{attributes}{rng.choice(_TAG_ENDS)}>"


def _piece(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.3:
        return _start_tag(rng)
    if kind < 0.5:
        return rng.choice(_END_TAGS) if rng.random() < 0.3 else f"</{rng.choice(_TAGS)}>"
    if kind < 0.8:
        return rng.choice(_TEXTS)
    if kind < 0.9:
        return rng.choice(_REFERENCES)
    return rng.choice(_MARKUP)


def _page(rng: random.Random) -> str:
    """A page of random pieces; in most pages, a piece the tokenizer leaves to html.parser is rare."""
    odd_share = rng.choice([0.0, 0.01, 0.05, 0.2, 1.0])
    pieces = []
    while len(pieces) < 60 and rng.random() > 1 / 40:
        piece = _piece(rng)
        if rng.random() < odd_share or _tokenized(f"<p>{piece}x</p>") is not None:
            pieces.append(piece)
    page = "".join(pieces)
    if rng.random() < 0.2:
        page = page[:rng.randrange(len(page) + 1)]
    return page


# --- the tests -------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", _FIXTURE_PAGES, ids=lambda path: str(path.relative_to(FIXTURES)))
def test_the_fixture_pages_are_read_by_the_tokenizer_as_html_parser_reads_them(path):
    assert _same(path.read_text(encoding="utf-8"))  # (read by the tokenizer: no markup left to html.parser)


def test_there_are_fixture_pages():
    assert len(_FIXTURE_PAGES) >= 3


@pytest.mark.parametrize("page", HOSTILE_PAGES)
def test_hostile_pages_give_html_parsers_events(page):
    _same(page)


@pytest.mark.parametrize("seed", range(8))
def test_generated_tag_soup_gives_html_parsers_events(seed):
    rng = random.Random(seed)
    pages = [_page(rng) for _ in range(400)]
    read = sum(_same(page) for page in pages)
    assert read >= len(pages) // 4  # the comparison is not vacuous: most pages are read by the tokenizer


@pytest.mark.parametrize("seed", range(4))
def test_cut_and_spliced_pages_give_html_parsers_events(seed):
    pages = [path.read_text(encoding="utf-8") for path in _FIXTURE_PAGES] + HOSTILE_PAGES
    mutated = _mutations(pages, 300, seed)
    read = sum(_same(page) for page in mutated)
    assert read >= len(mutated) // 4


def test_pieces_of_markup_are_read_alike_when_they_are_no_longer_remembered(monkeypatch):
    """The memory of pieces already read (`_KNOWN`) changes nothing, full or emptied."""
    monkeypatch.setattr(html_tokens, "_KNOWN_MAX", 3)
    monkeypatch.setattr(html_tokens, "_KNOWN", {})
    rng = random.Random(99)
    assert sum(_same(_page(rng)) for _ in range(200)) >= 50
    assert len(html_tokens._KNOWN) <= 3


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TAGS + _END_TAGS + _TEXTS + _REFERENCES + _MARKUP + _ATTRIBUTES
                                + ["<", ">", "=", "\"", "'", "/", " "]), max_size=40))
def test_any_sequence_of_pieces_gives_html_parsers_events(pieces):
    _same("".join(pieces))


@pytest.mark.parametrize(("page", "read"), [
    ("<p class=x id='y' data-a=\"b\">a&amp;b&#65;&nbsp c</p><br/><img src=a.png/>", True),
    ("<script>if (a < b && c) { s = '</p>'; }</script><p>x</p><style>p{}</STYLE >", True),
    ("<!DOCTYPE html><!-- c --><?pi?><p>a < b & c</p>", True),
    ("<p>x</p><script>var s = 1;", True),  # nothing after an unclosed script: html.parser stops there too
    ("<p>a</p><![CDATA[x]]>", False),  # a marked section
    ("<p>a</p><!-- open", False),  # an unterminated comment
    ("<p class=\"a\"class=\"b\">x</p>", False),  # an attribute glued to the one before
    ("<p>&#x;</p>", False),  # &# without digits
    ("<p>a &amp", False),  # a reference cut by the end of the page
    ("<script><a title='</script>'>x</script>", False),  # a tag holding the script's end tag
    ("<p>a</p><div", False),  # an unterminated tag
])
def test_what_the_tokenizer_reads_and_what_it_leaves_to_html_parser(page, read):
    assert _same(page) is read
    parsed = reader.read_html(page)  # either way, the reader gives html.parser's reading
    assert len(parsed.plain) == len(parsed.origin)


_TABLE = "<div class=\"nav\"><table><tr><td>导航</td></tr></table></div><div id=\"zoom\"><p>正文</p><table>{}</table></div>"
_CELL_PAGES = [_TABLE.format(rows) for rows in [
    "<tr><td>信息内容</td><td>0</td><th>本年</th><td></td><td> </td><td>\n a  b\t</td></tr>",
    "<tr><td>a&amp;b</td><td>&nbsp;</td><td>x&lt;</td><td>&#65;</td></tr>",  # references in cells
    "<tr><td class=x>a</td><td nowrap>b</td><th colspan=\"2\">c</th></tr>",  # attributes
    "<tr><td><b>a</b></td><td>a<br>b</td><td>a<p>b</p>c</td><td><td>d</td></td></tr>",  # nested tags
    "<tr><td>a<td>b</td><td>c<tr><td>d</td><th>e<td>f</th></tr>",  # unclosed cells, mismatched ends
    "<TR><TD>a</TD><Td>b</tD><td>c</TD><TD>d</td><th>e</TH></TR>",  # upper-case tags
    "<tr><td>a<!-- c --></td><td><!-- c -->b</td><td>c<!x></td><td><?pi?></td></tr>",  # comments
    "<tr><td >a</td><td>b</td ><td>c</ td><td>d</td\n><td>e</tdx></td><td>f</th></td></tr>",
    "<tr><td>a</td></tr></table>x<td>b</td>y<th>c</th><noscript><td>d</td></noscript><p><td>e</td>",
    "<tr><td>a\r\nb</td><td>\u3000中\xa0</td><td>>=\"'</td><td>a</td><td>a</td><td>a</td></tr>",
    "<tr><td>发布时间：2020-01-02</td><td>来源：本局</td></tr><tr><td>字体：[大 中 小]</td></tr>",
    "<tr><td>a</td><nav><td>导航</td></nav><td>b</td><span class=share><th>c</th></span></tr>",  # left out
]]


def test_a_cell_holding_only_text_is_one_event():
    """(The first cell is the first element nested that deep: `TreeBuilder.start` records it.)"""
    events = _tokenized("<table><tr><td>a</td><td>b</td><th></th><td>b<i>c</i></td></tr></table>")[1]
    assert [(kind, value, at) for kind, _, value, at in events if kind in ("cell", "start")] == [
        ("start", "table", 0), ("start", "tr", 7), ("start", "td", 11), ("cell", "b", 21), ("cell", "", 31),
        ("start", "td", 40), ("start", "i", 45)]


@pytest.mark.parametrize("page", _CELL_PAGES)
def test_cells_in_every_form_give_html_parsers_events_and_text(page, monkeypatch):
    """Whole cells (one "cell" event each) and the cells read apart give html.parser's events,
    and the same text as html.parser's reading."""
    assert _same(page)
    parsed = reader.read_html(page)
    monkeypatch.setattr(html_tokens, "SAME_AS_HTML_PARSER", False)
    assert reader.read_html(page) == parsed


@pytest.mark.parametrize("limit", ["1", "3", "4", "5"])
def test_whole_cells_read_flat_give_html_parsers_events_and_text(limit, monkeypatch):
    """A whole cell nested beyond the depth limit is read flat (its events given apart)."""
    monkeypatch.setenv("DISCLINT_MAX_HTML_DEPTH", limit)
    for page in _CELL_PAGES:
        page = page.replace("<tr>", "<tr><td><table><tr>", 1)  # a table in a cell: deeper cells
        assert _same(page)
        parsed = reader.read_html(page)
        monkeypatch.setattr(html_tokens, "SAME_AS_HTML_PARSER", False)
        assert reader.read_html(page) == parsed
        monkeypatch.setattr(html_tokens, "SAME_AS_HTML_PARSER", True)


def test_a_page_left_to_html_parser_keeps_its_errors():
    with pytest.raises(AssertionError, match="unknown status keyword"):
        reader.read_html("<p>a</p><![foo]>")


def test_pages_nested_beyond_the_depth_limit_give_html_parsers_events_and_tree(monkeypatch):
    """Elements read flat past the depth limit (`TreeBuilder`) come out alike from either reading."""
    deep = "<div><p>a" * 700 + "&amp;b" + "</p></div>" * 300
    assert _same(deep)
    monkeypatch.setenv("DISCLINT_MAX_HTML_DEPTH", "2")
    rng = random.Random(5)
    flattened = 0
    for _ in range(400):
        page = _page(rng)
        if _same(page):
            flattened += _tokenized(page)[0].flattened_at is not None
    assert flattened >= 10


class _NestingRecorded(TreeBuilder):
    """A TreeBuilder that notes, at every start tag that opens an element, how deep the page asks
    it to nest: its depth, plus the elements read flat (past the limit) still open around it."""

    def __init__(self, max_depth: int) -> None:
        super().__init__(max_depth)
        self.asked: list[int] = [0]

    def start(self, tag, attrs, at, self_closing=False):
        node = super().start(tag, attrs, at, self_closing)
        if not (self_closing or tag in VOID):
            read_flat = bool(self.max_depth) and node.depth > self.max_depth  # (counted in _flat_open now)
            self.asked.append(node.depth + self._flat_open - read_flat)
        return node


@pytest.mark.parametrize("limit", [0, 2, 3, 5])
def test_deepest_is_the_deepest_nesting_asked_for_at_any_start_tag(limit):
    """`TreeBuilder.deepest` looks at depth only when an element goes deeper than any so far
    (`_deeper`): it must still be the greatest nesting any start tag asked for."""
    rng = random.Random(limit)
    for _ in range(300):
        page = _page(rng)
        tree = _NestingRecorded(limit)
        try:
            html_tokens.read_events(page, tree)
        except html_tokens.Unhandled:
            continue
        assert tree.deepest == max(tree.asked), page



def test_an_end_tag_is_the_only_markup_after_a_lt_to_start_with_a_slash():
    """`_MARKUP` tries the end tag before the start tags: as no other alternative (but the last, a
    lone `<`) can match where it does, that changes nothing but how soon `re` finds the one that matches."""
    characters = [chr(code) for code in range(128)] + ["中", "\xa0"]
    rests = ["a>", "a x=1>", ">", "----->", "d>x</td>"]  # what may follow the first character, for every kind
    firsts = [{c for c in characters if any(re.fullmatch(alternative, c + rest) for rest in rests)}
              for alternative in html_tokens._AFTER_LT[:-1]]
    assert all(firsts)  # (the rests let every kind match)
    assert firsts[1] == {"/"} and not any("/" in other for other in firsts[:1] + firsts[2:])
