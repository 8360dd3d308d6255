"""The shortcuts of the web page reader give the exact results.

When html.parser reads a page (most pages are read by `html_tokens`, which
tests/test_html_tokens.py compares with html.parser), the reader counts source offsets itself
as html.parser consumes the page. The reader also copies text runs without white space (or
only white space) without a pattern search, searches for chrome phrases only on the lines
that can hold one, and looks only at the elements around the article container once it is
found. These tests check the facts the shortcuts rest on and
compare them with the plain computation, on hostile and on generated pages.
"""

from __future__ import annotations

import random
import re
import types
from html.parser import HTMLParser

import pytest

from conftest import FIXTURES

from linter import textmap
from linter.formats import html as reader
from linter.formats.html import read_html
from linter.formats.html_events import ParserEvents
from linter.formats.html_article import CHROME_COUNTER_LABEL, CHROME_COUNTER_WORDS, CHROME_LINE, CHROME_LINE_WORD
from linter.formats.html_article import CHROME_TEXT, CHROME_WORDS

try:  # the standard library's regular expression parser, to enumerate what a pattern matches
    from re import _parser as sre_parse
except ImportError:  # Python 3.10
    import sre_parse

HOSTILE_PAGES = [
    "<p>a&amp;b &lt;c&gt; &#20013;&#x6587; &nbsp;x &copy &notanentity; &amp &#; &#x; &#12 d</p>",
    "<body><p>one<!-- c --><![CDATA[ x < y ]]>two<!x>three<?pi?>four</p></body>",
    "<p>a<script>var s = '<p>x</p>'; if (a<b) {}</script>b<style>p{}</style>c<noscript><p>n</p></noscript>d",
    "<html>\r\n<body>\r\n<p>第一行\r\n第二行</p>\r<p>三\r四</p>\n<h2>标题</h2>\r\n</body></html>",
    "</div></p><p>a</span>b</td></tr>c<td>d</td></table>e</body></html>f",
    "<p>a < b and c > d <p <div class=x>e</di v><a href='x>f</a><p>g",
    "<P CLASS='a'  ID = 'b'>甲</P><p\nclass=c>乙</p><p/>丙<td nowrap>丁<br/>戊<div id=a/>己",
    "<!DOCTYPE html>\n<p>正文</p><!-- 未闭合的注释 <p>也读",
    "<p>abc</p><div class='x",
    "<p>abc &amp",
    "<p>a&b",
    "<p>a</p><script>var x = '</p>'; <!-- <script> </scr",
    "<p>&#0;&#x110000;&#xD800;&#128;&#65;&#X41;&#x41</p>",
    "<title>T &amp; t</title><textarea><p>raw</p></textarea><p>x</p>",
    "<p>甲</p><![CDATA[x]]><![if !IE]><p>乙</p><![endif]>",
    "\n\n<p>\n</p>\n" + "<div>" * 50 + "深\n处" + "</div>\n" * 50,
    "",
]


class _Checked(ParserEvents):
    """`ParserEvents` that also keeps html.parser's line and column, and checks the offset at each event."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
        self.checked = 0

    def updatepos(self, i, j):
        HTMLParser.updatepos(self, i, j)  # html.parser's own line and column bookkeeping
        return super().updatepos(i, j)

    def check(self) -> None:
        line, column = HTMLParser.getpos(self)
        assert self._at == self.line_starts[line - 1] + column
        assert self.getpos() == (line, column)
        self.checked += 1

    def handle_starttag(self, tag, attrs):
        self.check()
        super().handle_starttag(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self.check()
        super().handle_startendtag(tag, attrs)

    def handle_endtag(self, tag):
        self.check()
        super().handle_endtag(tag)

    def handle_data(self, data):
        self.check()
        super().handle_data(data)

    def handle_entityref(self, name):
        self.check()
        super().handle_entityref(name)

    def handle_charref(self, name):
        self.check()
        super().handle_charref(name)

    def handle_comment(self, data):
        self.check()

    def handle_decl(self, decl):
        self.check()

    def handle_pi(self, data):
        self.check()

    def unknown_decl(self, data):
        self.check()


def _mutations(pages: list[str], count: int, seed: int) -> list[str]:
    """Pages cut, spliced into each other, given other line breaks at random places, or upper-cased."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        page = rng.choice(pages)
        a, b = sorted(rng.randrange(len(page) + 1) for _ in range(2))
        other = rng.choice(pages)
        c = rng.randrange(len(other) + 1)
        out.append(rng.choice([page[:a] + page[b:], page[:a] + other[c:c + 300] + page[a:], page[:a],
                               page.replace("\n", "\r\n"), page.replace(">", ">\n", 20), page.upper()]))
    return out


_FIXTURE_PAGES = [(FIXTURES / "formats" / name).read_text(encoding="utf-8")
                  for name in ("good-report.html", "markings.html")]


@pytest.mark.parametrize("page", HOSTILE_PAGES + _FIXTURE_PAGES + _mutations(HOSTILE_PAGES + _FIXTURE_PAGES, 150, 7))
def test_the_offset_counted_from_the_consumed_pieces_is_html_parsers_position(page):
    """Every handler sees the offset html.parser's line and column point at, and nothing is lost."""
    parser = _Checked(page)
    parser.feed(page)
    parser.close()
    assert parser.checked >= len(parser.events)
    assert parser._at + len(parser.rawdata) == len(page)  # what is not consumed is left over, unread


@pytest.mark.parametrize("page", HOSTILE_PAGES + _FIXTURE_PAGES)
def test_copied_characters_point_at_themselves_and_references_at_their_ampersand(page):
    parsed = read_html(page)
    assert len(parsed.origin) == len(parsed.plain)
    for char, at in zip(parsed.plain, parsed.origin):
        if page[at] != char:  # not copied: a line break or space a tag stands for, or a decoded reference
            assert char in "\n\t " or page[at] in "&<\r\n\t\f ", (char, at, page[at:at + 10])


def test_text_after_references_keeps_its_offsets():
    page = "<p>a&amp;b&#20013;c&nbsp d&#x1;e&#0;f</p>"
    parsed = read_html(page)
    assert parsed.plain == "a&b中c\xa0 de\ufffdf\n"
    assert parsed.origin == [page.index("a&"), page.index("&amp;"), page.index("b&"), page.index("&#20013;"),
                             page.index("c&"), page.index("&nbsp"), page.index(" d"), page.index("d&"),
                             page.index("e&"), page.index("&#0;"), page.index("f<"), page.index("</p>")]


def test_a_reference_repeated_many_times_is_decoded_each_time_in_place():
    page = "<p>" + "&nbsp;&nbsp;段" * 300 + "</p>"
    parsed = read_html(page)
    assert parsed.plain == "\xa0\xa0段" * 300 + "\n"
    assert [page[at] for at in parsed.origin[:-1]] == ["&", "&", "段"] * 300


# --- white space: runs without white space, or only white space, skip the pattern ----------------

def _collapse_model(data: str, start: int, last: str) -> tuple[str, list[int], str]:
    """The plain computation: each white-space run is one space, none after "", line break, space, tab."""
    text, origin, position = [], [], 0
    for match in re.finditer(r"[ \t\r\n\f]+", data):
        piece = data[position:match.start()]
        text.append(piece)
        origin.extend(range(start + position, start + match.start()))
        last = piece[-1:] or last
        if last not in ("", "\n", " ", "\t"):
            text.append(" ")
            origin.append(start + match.start())
            last = " "
        position = match.end()
    text.append(data[position:])
    origin.extend(range(start + position, start + len(data)))
    return "".join(text), origin, data[position:][-1:] or last


@pytest.mark.parametrize("before", ["", "x", "\n", "\t", " "])
def test_text_runs_are_collapsed_as_the_plain_computation_does(before):
    rng = random.Random(before)
    alphabet = [" ", "\t", "\r", "\n", "\f", "a", "中", "\u3000", "\xa0", "\x0b", "  \n "]
    runs = ["", " ", "\n", "\r\n", "中文", "a b", " a", "a ", "\u3000", "\xa0 "]
    runs += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 12))) for _ in range(500)]
    kept = types.SimpleNamespace(excluded=False, own_text_excluded=False)  # an element whose text counts
    for data in runs:
        writer = reader._Writer(200)
        if before:
            writer._insert(before, 0)
        writer.write([("data", kept, data, 100)])
        text, origin, last = _collapse_model(data, 100, before)
        assert ("".join(writer.parts)[len(before):], writer.origin[len(before):], writer.last) == (
            text, origin, last), repr(data)


@pytest.mark.parametrize(("page", "plain"), [
    ("<p>甲　乙 \xa0 丙</p>", "甲\u3000乙 \xa0 丙\n"),  # only ASCII white space collapses
    ("<p>\n\n</p><p> a\r\n\tb \f</p>", "a b\n"),
    ("<table><tr><td>a<span>b<td>c</table>", "ab\tc\n"),  # a cell ends the open cell across a <span>
    ("<table><tr><td>甲<p>乙</p>丙</td><td>丁<br>戊</td></tr><tr><td>x</td></tr></table>", "甲 乙 丙\t丁 戊\nx\n"),
    ("<ul><li>一<b>二<li>三</ul><p>四<div>五</div>", "一二\n三\n四\n五\n"),
    ("<p>选<select><option>1<option>2</select>择</p><dl><dt>x<dd>y</dl>", "选择\nx\ny\n"),  # a select is chrome
])
def test_blocks_cells_and_implied_ends(page, plain):
    assert read_html(page).plain == plain


# --- chrome phrases: searched for only on the lines holding a chrome word -------------------------

def _samples(pattern: str, rng: random.Random, count: int) -> list[list[str]]:
    """For each top-level alternative of `pattern`, `count` random strings it matches."""
    items = sre_parse.parse(pattern).data
    if len(items) == 1 and items[0][0] is sre_parse.BRANCH:
        alternatives = items[0][1][1]
    else:
        alternatives = [items]
    return [[_expand(alternative, rng) for _ in range(count)] for alternative in alternatives]


def _expand(items, rng: random.Random) -> str:
    """A random string matched by the parsed `items` (the constructs the chrome patterns use)."""
    out = []
    for op, value in items:
        if op is sre_parse.LITERAL:
            out.append(chr(value))
        elif op is sre_parse.IN:
            out.append(_member(value, rng))
        elif op is sre_parse.SUBPATTERN:
            out.append(_expand(value[-1], rng))
        elif op is sre_parse.BRANCH:
            out.append(_expand(rng.choice(value[1]), rng))
        elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT):
            low, high, inner = value
            out.append("".join(_expand(inner, rng) for _ in range(rng.randint(low, min(high, low + 2)))))
        elif op is sre_parse.ANY:
            out.append(rng.choice("x中 "))
        elif op is sre_parse.AT:
            pass
        else:
            raise AssertionError(f"unexpected construct in a chrome pattern: {op}")
    return "".join(out)


def _member(items, rng: random.Random) -> str:
    if items[0][0] is sre_parse.NEGATE:  # [^\S\n]: white space other than a line break
        assert [op for op, _ in items[1:]] == [sre_parse.CATEGORY, sre_parse.LITERAL]
        return rng.choice(" \t\u3000\xa0\r")
    op, value = rng.choice(items)
    if op is sre_parse.LITERAL:
        return chr(value)
    if op is sre_parse.RANGE:
        return chr(rng.randint(*value))
    if op is sre_parse.CATEGORY and value is sre_parse.CATEGORY_DIGIT:
        return rng.choice("0123456789")
    raise AssertionError(f"unexpected class member in a chrome pattern: {op} {value}")


def test_every_chrome_phrase_holds_a_chrome_word_and_no_line_break():
    """The facts the search rests on, for every alternative of CHROME_TEXT (and CHROME_LINE)."""
    rng = random.Random(1)
    alternatives = _samples(CHROME_TEXT.pattern, rng, 300)
    assert len(alternatives) >= 6
    for samples in alternatives:
        for phrase in samples:
            assert CHROME_TEXT.fullmatch(phrase), repr(phrase)  # (the samples are right)
            assert "\n" not in phrase, repr(phrase)
            assert any(word in phrase for word in CHROME_WORDS) or any(
                CHROME_COUNTER_LABEL.match(phrase, at + len(word))
                for word in CHROME_COUNTER_WORDS for at in _occurrences(phrase, word)), repr(phrase)
    for samples in _samples(CHROME_LINE.pattern, rng, 300):
        for line in samples:
            assert CHROME_LINE.fullmatch(line), repr(line)
            assert CHROME_LINE_WORD in line, repr(line)


def _occurrences(text: str, word: str) -> list[int]:
    return [match.start() for match in re.finditer(re.escape(word), text)]


def _chrome_text(rng: random.Random) -> str:
    """Text made of pieces of chrome phrases, chrome words, blanks and line breaks."""
    pieces = ["字体", "字号", "：", ":", "[", "【", "】", "]", "大", "中", "小", " ", "\u3000", "\xa0", "|", "\n",
              "打印本页", "打印", "关闭窗口", "返回顶部", "收藏", "加入收藏", "分享到", "扫一扫在手机打开当前页",
              "浏览次数", "阅读量", "访问", "点击数", "12", "次", "正文", "您现在的位置", "当前位置", "首页 > 公开"]
    return "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 60)))


def test_chrome_phrases_are_found_as_a_search_of_the_whole_text_finds_them():
    rng = random.Random(2)
    texts = [_chrome_text(rng) for _ in range(3000)]
    texts += ["", "字体：[大 中 小]", "\n字体：大中小\n", "【打印】\n\n【关闭】", "打印" * 50 + "\n分享到：" * 3]
    for text in texts:
        whole = [(m.start(), min(len(text), m.end() + 1)) for m in CHROME_LINE.finditer(text)]
        whole += [m.span() for m in CHROME_TEXT.finditer(text) if m.end() > m.start()]
        assert sorted(reader._chrome_spans(text)) == sorted(whole), repr(text)


def test_lines_holding_a_word():
    text = "打印在首\n正文\n中间打印和关闭\n关闭"
    assert sorted(reader._lines_holding(text, ("打印", "关闭"))) == [(0, 4), (8, 15), (16, 18)]
    assert reader._lines_holding("", ("打印",)) == set()
    assert reader._lines_holding("\n\n", ("打印",)) == set()


def test_lines_holding_a_counter_with_its_label():
    text = "阅读量累计83万次，阅读量：12\n浏览量大\n访问 次数：3\n点击数 ：9\n阅读量：1"
    assert sorted(reader._lines_holding(text, CHROME_COUNTER_WORDS, CHROME_COUNTER_LABEL)) == [
        (0, 16), (30, 36), (37, 42)]


def _remove_model(plain: str, origin: list[int], spans) -> tuple[str, list[int]]:
    """The plain computation, character by character."""
    keep = [True] * len(plain)
    for start, end in spans:
        for i in range(start, end):
            keep[i] = False
    chars = [ch for ch, k in zip(plain, keep) if k]
    mapped = [o for o, k in zip(origin, keep) if k]
    text, text_origin, line_start = [], [], 0
    for index, ch in enumerate(chars + ["\n"]):
        if ch == "\n":
            if "".join(chars[line_start:index]).strip(" \t\u3000\xa0"):
                text.extend(chars[line_start:index])
                text_origin.extend(mapped[line_start:index])
                if index < len(chars):
                    text.append("\n")
                    text_origin.append(mapped[index])
            line_start = index + 1
    return "".join(text), text_origin


def test_removing_chrome_text_gives_the_character_by_character_result():
    rng = random.Random(3)
    for _ in range(3000):
        plain = _chrome_text(rng)
        origin = [rng.randrange(10_000) for _ in plain]
        spans = reader._chrome_spans(plain)
        expected = _remove_model(plain, origin, spans) if spans else (plain, origin)
        assert reader._remove_chrome_text(plain, origin) == expected, repr(plain)


def test_lines_left_blank_go_only_when_chrome_was_removed():
    assert read_html("<p>正文</p><p>&nbsp;</p><p>\u3000\u3000</p><p>尾</p>").plain == "正文\n\xa0\n\u3000\u3000\n尾\n"
    assert read_html("<p>正文</p><p>&nbsp;</p><p>\u3000</p><p>尾【打印本页】</p>").plain == "正文\n尾\n"


# --- the article container: only the elements around it are looked at ----------------------------

ARTICLE = "本年度政府信息公开工作报告的正文，篇幅远远超过页面上其他部分的文字。" * 4


def test_titles_and_info_lines_around_the_container_are_kept_and_the_rest_goes():
    page = f"""<body><div class="nav">首页 政务公开</div>
<div class="title">某局2015年政府信息公开工作年度报告</div>
<div class="wrap">站点文字<div class="info">发布时间：2016-02-26</div>
<div id="zoom"><h1>一、概述</h1><p>{ARTICLE}</p><div class="share">分享到：微博</div>
<p>来源：文内的来源不算信息行</p></div>尾巴</div>
<div class="xx">信息来源：某局</div><p>未标记的站点文字</p><div class="footer">版权所有</div></body>"""
    assert read_html(page).plain.split("\n") == [
        "某局2015年政府信息公开工作年度报告", "发布时间：2016-02-26", "一、概述", ARTICLE,
        "来源：文内的来源不算信息行", "信息来源：某局", ""]


@pytest.mark.parametrize(("depth", "limit"), [(200, "512"), (3000, "0")])
def test_a_deeply_nested_article_with_its_title_and_info_line_beside_it(monkeypatch, depth, limit):
    monkeypatch.setenv("DISCLINT_MAX_HTML_DEPTH", limit)  # (0: no limit, nothing is read flat)
    page = ("<body>" + "<div>" * depth + "<h1>标题</h1><div><p>发布时间：2016-02-26</p></div>"
            + "<div>" * depth + f"<div class='content'><p>{ARTICLE}</p></div>" + "</div>" * (2 * depth)
            + "<p>页面底部文字</p></body>")
    parsed = read_html(page)
    assert parsed.plain.split() == ["标题", "发布时间：2016-02-26", ARTICLE]
    assert parsed.notices == ()


def test_the_shared_offsets_give_the_origins_offsets_made_for_each_page_give(monkeypatch):
    """The writer slices the offsets of its text runs from a list kept for all texts
    (`linter.textmap.shared_offsets`), grown as longer pages come: the origins are those of
    offsets made for the page alone."""
    pages = HOSTILE_PAGES + _FIXTURE_PAGES + HOSTILE_PAGES  # long and short pages, in turns
    monkeypatch.setattr(textmap, "_offsets", [])
    shared = [read_html(page) for page in pages]
    longest = max(map(len, pages))
    assert textmap._offsets[:longest] == list(range(longest))
    monkeypatch.setattr(textmap, "SHARED_OFFSETS", 0)  # every page makes its own (`range`)
    assert [read_html(page) for page in pages] == shared


def test_text_left_out_or_in_a_script_counts_nothing_towards_the_container():
    """The sizes the container is chosen by (`html_article._size`) count no text of chrome, of a
    noscript or of what these hold, however much there is."""
    page = (f"<body><div class='nav'><div>{ARTICLE * 3}</div></div><div class='content'><noscript><p>{ARTICLE * 3}"
            f"</p></noscript><p>短</p></div><div class='article'><p>{ARTICLE}</p></div><p>尾</p></body>")
    assert read_html(page).plain == ARTICLE + "\n"
