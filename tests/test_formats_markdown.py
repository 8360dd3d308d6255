"""Markdown through markdown-it-py: prose in place, code and link targets never checked, tables as rows."""

from __future__ import annotations

import pytest

from conftest import FIXTURES, lint_text

from linter.formats.markdown import read_markdown

FORMATS = FIXTURES / "formats"


def blanked(text: str) -> list[str]:
    parsed = read_markdown(text)
    assert len(parsed.plain) == len(text)
    assert all(p == s or p == " " for p, s in zip(parsed.plain, text))  # only ever blanked, in place
    return [line.strip() for line in parsed.plain.split("\n")]


def test_front_matter_becomes_fields_and_is_not_read_as_text():
    text = "---\ntitle: 某局年度报告\ndate: 2016-02-26\nsource: '某局'\nauthor: 张三\n---\n# 某局年度报告\n"
    parsed = read_markdown(text)
    assert [(f.name, f.value, text[f.start:f.end]) for f in parsed.fields] == [
        ("title", "某局年度报告", "某局年度报告"), ("publish-date", "2016-02-26", "2016-02-26"),
        ("source", "某局", "'某局'")]
    assert "张三" not in parsed.plain and "date" not in parsed.plain


def test_code_and_link_targets_are_never_prose():
    text = ("正文`机密`内容 [链接文字](http://x.cn/内部资料 \"标题 (机密)\") 与 <http://x.cn/秘密>\n"
            "图片 ![示意图](img/机密.png) 和 [引用][内部] 及 ``a ` 机密``\n\n"
            "```\n机密★10年\n```\n\n    内部资料（缩进代码）\n\n"
            "[内部]: http://x.cn/不得外传\n")
    assert [" ".join(line.split()) for line in blanked(text)[:2]] == [
        "正文 内容 [链接文字] 与", "图片 ![示意图] 和 [引用] 及"]
    plain = read_markdown(text).plain
    for hidden in ("机密", "内部资料", "秘密", "不得外传", "http"):
        assert hidden not in plain, hidden
    for shown in ("正文", "内容", "链接文字", "示意图", "引用"):
        assert shown in plain
    assert lint_text(text, ["confidential-marker"], ruleset="common", name="a.md") == []


def test_headings_come_from_the_token_tree():
    text = "# 标题 #\n\n> ## 引用里的标题\n\nSetext 标题\n---\n\n- ### 列表里的标题\n\n正文\n"
    parsed = read_markdown(text)
    assert [(h.level, text[h.start:h.end]) for h in parsed.headings] == [
        (1, "标题"), (2, "引用里的标题"), (2, "Setext 标题"), (3, "列表里的标题")]
    assert "#" not in parsed.plain and "---" not in parsed.plain and ">" not in parsed.plain


def test_a_heading_that_is_not_one_is_not_reported():
    parsed = read_markdown("#不是标题\n\n    # 代码里的井号\n")
    assert parsed.headings == ()


def test_table_rows_stay_lines_with_their_pipes():
    text = "| 项目 | 数量 |\n| --- | ---: |\n| 本年新收 | `12` |\n| **合计** | 12 |\n"
    assert blanked(text) == ["| 项目 | 数量 |", "", "| 本年新收 |      |", "|   合计   | 12 |", ""]


def test_html_in_markdown_keeps_its_text_and_drops_its_tags():
    text = '<div align="right">\n江川市<!-- 机密 -->人社局\n<script>var secret = "机密";</script>\n</div>\n'
    assert [" ".join(line.split()) for line in blanked(text)] == ["", "江川市 人社局", "", "", ""]


def test_emphasis_markers_do_not_hide_a_numbered_heading():
    text = "**一、加强组织领导**\n\n正文。\n"
    assert blanked(text)[0] == "一、加强组织领导"


@pytest.mark.parametrize("name", ["good-report.md", "markings.md"])
def test_the_fixtures_keep_length_and_line_structure(name):
    text = (FORMATS / name).read_text(encoding="utf-8")
    parsed = read_markdown(text)
    assert len(parsed.plain) == len(text)
    assert parsed.plain.count("\n") == text.count("\n")
    assert len(parsed.headings) == 7  # the title and six sections


def test_crlf_line_endings_keep_offsets():
    text = "# 标题\r\n\r\n正文`代码`内容\r\n"
    parsed = read_markdown(text)
    assert parsed.plain == "  标题\r\n\r\n正文    内容\r\n"
    assert text[parsed.headings[0].start:parsed.headings[0].end] == "标题"
