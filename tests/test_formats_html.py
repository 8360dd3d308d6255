"""Web pages: the article is read, the site's chrome is not, and every offset still points into the markup."""

from __future__ import annotations

import re

import pytest

from conftest import FIXTURES, lint_text

from linter.document import Document
from linter.engine import load_document
from linter.errors import InputError
from linter.formats import parse_text
from linter.formats.html import read_html
from linter.source import Source
from linter.structure import build_document

FORMATS = FIXTURES / "formats"
CHROME = ["您现在的位置", "首页", "字体", "大 中 小", "打印本页", "关闭窗口", "分享到", "扫一扫",
          "主办单位", "Copyright", "内部资料（需登录）", "相关链接", "浏览次数", "1024", "搜索", "登录",
          "保密工作常识", "来源：市政府办公室"]


def doc_of(html: str) -> Document:
    return build_document(Source("t.html", html, "utf-8"), parse_text("html", html))


def lines(html: str) -> list[str]:
    return doc_of(html).plain.rstrip("\n").split("\n")


def test_site_chrome_is_not_read_but_title_info_line_and_body_are():
    page = (FORMATS / "good-report.html").read_text(encoding="utf-8")
    doc = doc_of(page)
    for chrome in CHROME:
        assert chrome not in doc.plain, chrome
    lines = [line.strip() for line in doc.plain.split("\n") if line.strip()]
    assert lines[1] == "江川市人力资源和社会保障局2015年政府信息公开工作年度报告"  # the h1
    assert lines[2] == "发布时间：2016-02-26　来源：江川市人力资源和社会保障局"  # 浏览次数 and 字体 gone
    assert lines[-1] == "2016年2月26日"
    assert {(f.name, f.label) for f in doc.fields} >= {
        ("publish-date", "meta:PubDate"), ("source", "meta:ContentSource"),
        ("publish-date", "发布时间"), ("source", "来源")}


def test_every_kept_character_still_points_at_itself_in_the_markup():
    page = (FORMATS / "markings.html").read_text(encoding="utf-8")
    doc = doc_of(page)
    for index, char in enumerate(doc.plain):
        if char.strip() and char not in "“”":  # entities are decoded, so they point at the '&'
            assert page[doc.plain_origin[index]] == char, (index, char)


def test_chrome_neither_satisfies_a_rule_nor_breaks_one():
    page = """<html><head><meta charset="utf-8"><title>报告</title></head><body>
<div class="nav">首页 内部资料</div>
<div class="position">您现在的位置：首页 &gt; 年度报告</div>
<div class="content">
<h1>某局2015年政府信息公开工作年度报告</h1>
<div class="info">发布时间：2016-02-26 字体：[大 中 小]</div>
<div class="TRS_Editor"><p>正文内容，本年度信息公开工作情况如下，我局全年主动公开政府信息二百条。</p>
<p>这里还有更多正文内容，用来使正文成为页面的主体部分。</p></div>
<div class="tools">【打印本页】【关闭窗口】</div>
</div>
<div class="footer">来源：某市人民政府网 版权所有</div>
</body></html>"""
    found = lint_text(page, ["missing-source", "confidential-marker", "markup-debris"], name="p.html")
    assert [(f.rule, f.data.get("reason")) for f in found] == [("missing-source", "absent")]


def test_an_article_header_holding_the_info_line_is_kept():
    page = """<body><nav>首页 | 政务公开</nav>
<article><header><h1>年度报告</h1><p>发布时间：2016-02-26 来源：某局</p></header>
<p>正文第一段内容。</p><footer>责任编辑：张三</footer></article>
<footer>网站标识码 0000</footer></body>"""
    assert lines(page) == ["年度报告", "发布时间：2016-02-26 来源：某局", "正文第一段内容。",
                                     "责任编辑：张三"]


def test_without_a_container_only_the_chrome_goes():
    page = """<body><header class="site-header"><h1>某市人民政府</h1></header>
<ul id="mainNav"><li>首页</li><li>政务公开</li></ul>
<div class="crumbs">首页 &gt; 年度报告</div>
<h2>一、概述</h2><p>正文。</p><div class="bdsharebuttonbox">微博</div>
<p><a href="javascript:print()">打印本页</a> 扫一扫在手机打开当前页</p>
<div id="footer">关于我们</div></body>"""
    assert lines(page) == ["一、概述", "正文。"]


def test_with_a_container_unmarked_site_text_goes_too():
    page = """<body><div class="top">欢迎访问本网站 今天是星期五</div>
<div class="left"><p>友情链接：某某网</p></div>
<div class="title">某局2015年政府信息公开工作年度报告</div>
<div class="xx">发布日期：2016-02-26　信息来源：某局</div>
<div id="zoom"><p>一、概述</p><p>这是年度报告的正文，篇幅远远超过页面上其他部分的文字。</p>
<p>二、主动公开</p><p>全年主动公开政府信息268条，其中门户网站公开215条，其他方式公开53条。</p></div>
<div class="bottom">地址：某市某路1号</div></body>"""
    assert lines(page) == [
        "某局2015年政府信息公开工作年度报告", "发布日期：2016-02-26　信息来源：某局", "一、概述",
        "这是年度报告的正文，篇幅远远超过页面上其他部分的文字。", "二、主动公开",
        "全年主动公开政府信息268条，其中门户网站公开215条，其他方式公开53条。"]


def test_a_small_content_box_is_not_taken_for_the_article():
    page = """<body><div class="content">最新动态</div>
<p>一、概述</p><p>这是年度报告的正文，它不在任何带有标记的容器里，但它是页面的主体。</p></body>"""
    assert lines(page) == [
        "最新动态", "一、概述", "这是年度报告的正文，它不在任何带有标记的容器里，但它是页面的主体。"]


@pytest.mark.parametrize("chrome", [
    "字体：[大 中 小]", "【字体：大 中 小】", "字号：大 中 小", "【打印本页】", "[关闭窗口]", "返回顶部",
    "扫一扫在手机打开当前页", "分享到：", "浏览次数：1024", "【打印】【关闭】",
])
def test_chrome_phrases_left_in_kept_text_are_removed(chrome):
    assert [line.strip() for line in lines(f"<p>发布时间：2016-02-26　{chrome}</p><p>正文</p>")] == [
        "发布时间：2016-02-26", "正文"]


def test_a_breadcrumb_line_goes_with_its_line_break():
    doc = doc_of("<p>您现在的位置：首页 &gt; 信息公开</p><p>正文</p><p>当前位置: 首页</p>")
    assert doc.plain == "正文\n"


def test_unclosed_tags_and_stray_end_tags_do_not_break_the_page():
    page = "<body><div class=nav><p>首页<p>导航</div><div class=content><p>正文一<p>正文二</span></td>"
    assert lines(page) == ["正文一", "正文二"]


def test_markup_debris_is_still_found_in_the_article():
    page = "<body><div class='content'><p>正文内容&amp;nbsp;其余部分</p><p>第二段文字</p></div></body>"
    found = lint_text(page, ["markup-debris"], name="p.html")
    assert [f.data["debris"] for f in found] == ["&nbsp;"]


# -- the tokeniser reads pages as html.parser (CPython 3.11) does, quirks included ------------------

@pytest.mark.parametrize(("page", "plain"), [
    # references, with and without the `;`; a bad `&#` and a `<` or `&` that starts nothing are text
    ("<p>甲&nbsp乙&amp;丙&#20013;&#x6587;</p><p>a&#;b</p><p>c &lt d</p>", "甲\xa0乙&丙中文\na&#;b\nc < d\n"),
    ("<p>a < b</p><p>c <<d></p><p>尾 &", "a < b\nc <\n尾 &"),
    ("<p>a&b", "ab"),  # html.parser drops the "&" of a page ending in "&" and one letter
    ("<p>a&bc", "a&bc"),
    # comments, processing instructions, declarations and marked sections are read past
    ("<p>一<!-- 注释 <p>不读 --> 二</p><p>三<? pi ?>四</p><p>五<!DOCTYPE x>六", "一 二\n三四\n五六"),
    ("<p>甲</p><![CDATA[x]]><![if !IE]><p>乙</p><![endif]>", "甲\n乙\n"),
    ("<p>正文</p><!-- 未闭合的注释 <p>也读", "正文\n<!-- 未闭合的注释 <p>也读"),  # unclosed: all text
    # script content is not markup: only its own end tag (any case, spaces) ends it
    ('<p>前<script>var s = "</div><p>机密";</SCRIPT >后</p><style>p{}</style><p>尾</p>', "前后\n尾\n"),
    # tags: upper case, spaces and line breaks, unquoted values, self-closing forms
    ('<P CLASS="a"  ID = "b">甲</P><p\nclass=c>乙</p><p/>丙<td nowrap>丁', "甲\n乙\n丙\t丁"),
    ("<p>x<a href=/a/b/>链接</a><br/>y<br />z</p>", "x链接\ny\nz\n"),
    ("前<div id=a/>后", "前\n后"),  # the value is "a/": a start tag, not a self-closing one
    ('前<div id="a"/>后', "前后"),
])
def test_pages_are_tokenised_as_html_parser_does(page, plain):
    parsed = read_html(page)
    assert parsed.plain == plain
    for index, char in enumerate(parsed.plain):  # every character copied from the page points at itself
        if char not in "\n\t\xa0&<中文" and not char.isspace():
            assert page[parsed.origin[index]] == char, (index, char)


def test_meta_fields_read_unquoted_quoted_and_escaped_values():
    page = ('<meta name=PubDate content=2016-02-26><META NAME="ContentSource" CONTENT=" 某局&amp;办 ">'
            "<meta name=\"ArticleTitle\" content='标题'/>")
    assert [(f.name, f.label, f.value, f.start) for f in read_html(page).fields] == [
        ("publish-date", "meta:PubDate", "2016-02-26", 0),
        ("source", "meta:ContentSource", "某局&办", page.index("<META")),
        ("title", "meta:ArticleTitle", "标题", page.index('<meta name="'))]


@pytest.mark.parametrize(("page", "message"), [
    ("<p>a</p><![foo]>", "unknown status keyword 'foo' in marked section"),
    ("<![ 1", "expected name token at '<![ 1'"),
])
def test_an_unknown_marked_section_makes_the_page_unreadable(page, message):
    with pytest.raises(InputError, match=f"cannot read as html: AssertionError: {re.escape(message)}"):
        load_document("p.html", data=page.encode())


@pytest.mark.parametrize(("page", "plain"), [
    ("<p><b>公开</b> <b>方式</b></p>", "公开 方式\n"),  # the space between two inline elements stays
    ("<p>a < b</p>", "a < b\n"),
    ("<p>一、总体情况 </p><p>正文。</p>", "一、总体情况\n正文。\n"),  # a space ending a paragraph does not join it to the next
    ("<p>x&nbsp;</p><p>y</p>", "x\xa0\ny\n"),  # a non-breaking space is text: it stays
])
def test_white_space_between_and_after_inline_text(page, plain):
    assert read_html(page).plain == plain


def test_a_heading_paragraph_ending_in_a_space_is_still_a_heading():
    page = "<div id='zoom'><p>一、总体情况 </p><p>本年度全面推进政务公开。</p><p>二、主动公开政府信息情况</p><p>正文。</p></div>"
    doc = doc_of(page)
    assert [h.title for h in doc.headings] == ["一、总体情况", "二、主动公开政府信息情况"]


def test_on_a_python_the_tokenizer_does_not_copy_every_page_is_read_by_html_parser(monkeypatch):
    """Where html_tokens does not copy this Python's html.parser, html.parser reads every page,
    and on the Pythons where it does the two readings are the same."""
    from linter.formats import html as reader
    from linter.formats import html_tokens

    pages = [path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("**/*.htm*"))]
    assert pages
    used = []
    real = html_tokens.read_events
    monkeypatch.setattr(html_tokens, "read_events", lambda *args: used.append(1) or real(*args))
    before = [read_html(page) for page in pages]
    assert bool(used) == html_tokens.SAME_AS_HTML_PARSER
    monkeypatch.setattr(html_tokens, "SAME_AS_HTML_PARSER", False)
    used.clear()
    assert [read_html(page) for page in pages] == before
    assert not used
    tree, events = reader.read_events(pages[0])
    assert events and tree.nodes
