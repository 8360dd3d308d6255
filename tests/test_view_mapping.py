"""The analysis view is normalised while every offset maps back to the original file."""

from __future__ import annotations

from linter.document import Document
from linter.engine import load_document
from linter.normalize import build_view, find_pinyin_annotations
from linter.source import Source
from linter.formats import parse_text
from linter.structure import build_document


def doc_of(text: str, fmt: str = "text") -> Document:
    return build_document(Source("t", text, "utf-8"), parse_text(fmt, text))


def test_pinyin_annotations_are_removed_from_the_view():
    view = build_view("您現(xiàn)在的位置")
    assert view.text == "您现在的位置"
    assert view.annotations == ((2, 8),)
    # each view character points at the original character it came from
    assert [view.origin[i] for i in range(len(view.text))] == [0, 1, 8, 9, 10, 11]


def test_nfkc_and_traditional_to_simplified_keep_the_map():
    doc = doc_of("發布時間：２０１３－０１－１６\n")
    assert doc.view.startswith("发布时间:2013-01-16")
    start = doc.view.index("2013")
    assert doc.source_span(start, start + 4) == (5, 9)
    assert doc.source[5:9] == "２０１３"


def test_nfkc_expansion_maps_every_produced_character_to_its_source():
    doc = doc_of("㈠组织领导\n")  # U+3220 expands to "(一)"
    assert doc.view.startswith("(一)组织领导")
    assert [doc.source_offset(i) for i in range(3)] == [0, 0, 0]
    assert doc.source_offset(3) == 1
    assert doc.headings[0].title == "(一)组织领导"


def test_finding_columns_point_into_the_original_after_annotations():
    doc = load_document_text("網(wǎng)站內(nèi)部資(zī)料\n")
    start = doc.view.index("内部资料")
    src_start, src_end = doc.source_span(start, start + 4)
    assert doc.source[src_start:src_end] == "內(nèi)部資(zī)料"
    assert doc.lines.position(src_start) == (1, 9)


def load_document_text(text: str) -> Document:
    return doc_of(text)


def test_html_offsets_point_into_the_markup():
    html = '<html><body>\n<p>正文&ldquo;内部资料&rdquo;</p>\n</body></html>'
    doc = doc_of(html, "html")
    start = doc.view.index("内部资料")
    src_start, src_end = doc.source_span(start, start + 4)
    assert html[src_start:src_end] == "内部资料"
    assert doc.lines.position(src_start) == (2, 13)
    quote = doc.view.index("“")
    assert html[doc.source_offset(quote):].startswith("&ldquo;")


def test_markdown_keeps_offsets_one_to_one():
    text = "---\ntitle: x\n---\n# 标题\n\n正文`代码`内容\n"
    doc = doc_of(text, "markdown")
    assert len(doc.plain) == len(text)
    assert "代码" not in doc.plain and "title" not in doc.plain
    assert doc.headings[0].title == "标题"
    assert doc.lines.position(doc.source_offset(doc.view.index("内容"))) == (6, 7)


def test_crlf_line_endings():
    doc = doc_of("标题\r\n发布时间：2016-01-01\r\n机密★\r\n")
    start = doc.view.index("机密")
    assert doc.lines.position(doc.source_offset(start)) == (3, 1)
    assert doc.lines.line_text(3) == "机密★"


def test_annotation_detector_needs_a_real_reading():
    assert find_pinyin_annotations("附件(a)") == []
    assert find_pinyin_annotations("綠(lǜ)色") == [(1, 5)]
    assert find_pinyin_annotations("綠(lv)色") == [(1, 5)]


def test_real_file_view_matches_the_clean_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("公開(kāi)目錄\n", encoding="utf-8")
    assert load_document(str(path)).view == "公开目录\n"


def test_html_table_rows_are_lines_with_tab_separated_cells():
    html = ("<table><tr><td><p>项目</p></td><td>数量</td></tr>\n"
            "<tr><td>本年新收<br>申请</td><td><p>12</p></td></tr></table><p>后文</p>")
    doc = doc_of(html, "html")
    rows = [[cell.strip() for cell in line.split("\t")] for line in doc.view.split("\n")[:3]]
    assert rows == [["项目", "数量"], ["本年新收 申请", "12"], ["后文"]]
