"""Reading a web page leaves no garbage for the cyclic collector.

A page's element tree (`html_article.Node`) is built for the one page and dropped when the
page is read: it must then be freed by reference counting alone. Reference cycles in it
(an element pointing at its children and each child back at it, say) would leave every
element and its lists to the cyclic collector, which a run over thousands of pages then
walks again and again. Each page is read with the collector off; `gc.collect()` then
says how many unreachable objects the reading left behind.
"""

from __future__ import annotations

import gc

import pytest

from conftest import FIXTURES

from linter.formats import html_tokens
from linter.formats.html import read_html

PAGES = sorted(FIXTURES.rglob("*.htm*"))

HOSTILE = [
    "<body>" + "<div class='content'>x" * 600,                       # never closed
    "<body>" + "<table><tr><td>" * 300 + "1",                        # nested tables, never closed
    "<body><article>" + "<footer>来源：x" * 200,
    "<p>a<!-- unterminated comment",                                 # left to html.parser
    "<html><body><nav>首页</nav><div id=zoom><p>正文<br>二<td>x</div></span></body>",
    "<body>" + "<div>" * 2000 + "深" + "</div>" * 2000,               # past the depth limit
]


def _garbage_left_by(read) -> int:
    """Unreachable objects only the cyclic collector would free, left by calling `read`."""
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        read()
        return gc.collect()
    finally:
        if enabled:
            gc.enable()


def test_there_are_fixture_pages():
    assert len(PAGES) >= 3


@pytest.mark.parametrize("page", PAGES, ids=lambda path: path.name)
def test_reading_a_fixture_page_leaves_no_cyclic_garbage(page):
    text = page.read_text(encoding="utf-8")
    read_html(text)  # (warms caches first: what they keep is not garbage)
    assert _garbage_left_by(lambda: read_html(text)) == 0


@pytest.mark.parametrize("page", HOSTILE, ids=range(len(HOSTILE)))
def test_reading_a_hostile_page_leaves_no_cyclic_garbage(page, monkeypatch):
    monkeypatch.setenv("DISCLINT_MAX_HTML_DEPTH", "8")  # deep pages are flattened: that path too
    read_html(page)
    assert _garbage_left_by(lambda: read_html(page)) == 0


def test_a_page_read_by_html_parser_leaves_no_cyclic_garbage(monkeypatch):
    """The fallback reading (`html_events`) builds the same tree: it is freed alike."""
    monkeypatch.setattr(html_tokens, "SAME_AS_HTML_PARSER", False)
    text = (FIXTURES / "formats" / "good-report.html").read_text(encoding="utf-8")
    read_html(text)
    assert _garbage_left_by(lambda: read_html(text)) == 0
