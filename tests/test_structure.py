"""Headings, sections and header fields found in the analysis view."""

from __future__ import annotations

from test_view_mapping import doc_of


def test_heading_forms_and_levels():
    doc = doc_of(
        "第一部分 总体情况\n一、加强组织领导\n（一）成立领导小组。正文从这里开始，不属于标题。\n"
        "(二)明确专人\n1.政策法规类\n2、业务工作类\n正文一段。\n二．健全制度\n"
    )
    assert [(h.level, h.title) for h in doc.headings] == [
        (1, "第一部分 总体情况"), (2, "一、加强组织领导"), (3, "(一)成立领导小组"), (3, "(二)明确专人"),
        (4, "1.政策法规类"), (4, "2、业务工作类"), (2, "二.健全制度"),
    ]


def test_numbers_and_dates_are_not_headings():
    doc = doc_of("2015年全年公开信息\n2013.1.16\n12345条\n")
    assert doc.headings == ()


def test_sections_span_to_the_next_heading_of_the_same_level():
    doc = doc_of("一、甲\n（一）子\n内容一\n二、乙\n内容二\n")
    spans = [(s.heading.title, doc.view[s.body_start:s.body_end]) for s in doc.sections]
    assert spans == [("一、甲", "\n(一)子\n内容一\n"), ("(一)子", "\n内容一\n"), ("二、乙", "\n内容二\n")]


def test_markdown_and_html_headings_take_the_markup_level():
    md = doc_of("# 标题\n\n## 组织领导\n正文\n### 细节\n", "markdown")
    assert [(h.level, h.title) for h in md.headings] == [(1, "标题"), (2, "组织领导"), (3, "细节")]
    html = doc_of("<h1>标题</h1><p>正文</p><h3>细节</h3>", "html")
    assert [(h.level, h.title) for h in html.headings] == [(1, "标题"), (3, "细节")]


def test_header_fields_and_closing_date():
    text = ("某局2015年政府信息公开工作年度报告\n发布时间:2016-01-16 00:00 来源:某局办公室 字体:[ ]\n\n"
            "一、概述\n正文。\n\n某局\n二〇一六年一月十六日\n")
    doc = doc_of(text)
    fields = {(f.name, f.label, f.value) for f in doc.fields}
    assert fields == {
        ("publish-date", "发布时间", "2016-01-16"),
        ("source", "来源", "某局办公室"),
        ("title", "title", "某局2015年政府信息公开工作年度报告"),
        ("closing-date", "closing", "二〇一六年一月十六日"),
    }
    closing = doc.fields_named("closing-date")[0]
    assert text[closing.start:closing.end] == "二〇一六年一月十六日"


def test_traditional_field_labels_are_found_through_the_view():
    doc = doc_of("年報\n發布日期：2016年1月16日　信息來源：某局\n")
    assert {(f.name, f.value) for f in doc.fields if f.name != "title"} == {
        ("publish-date", "2016年1月16日"), ("source", "某局")}


def test_indented_lines_and_other_digits_can_be_headings():
    doc = doc_of("\u3000\u3000一、总体情况\n  (二)子项\n١、概述\n正文一、不是标题\n甲 1、乙\n")
    assert [(h.level, h.title) for h in doc.headings] == [(2, "一、总体情况"), (3, "(二)子项"), (4, "١、概述")]


def test_sections_end_at_the_next_heading_of_their_level_or_higher():
    doc = doc_of("第一部分 甲\n一、乙\n（一）丙\n内容\n二、丁\n第二部分 戊\n尾\n")
    spans = [(s.heading.title, doc.view[s.body_start:s.body_end]) for s in doc.sections]
    assert spans == [("第一部分 甲", "\n一、乙\n(一)丙\n内容\n二、丁\n"), ("一、乙", "\n(一)丙\n内容\n"),
                     ("(一)丙", "\n内容\n"), ("二、丁", "\n"), ("第二部分 戊", "\n尾\n")]


def test_header_fields_need_a_colon_and_stand_in_the_first_30_non_blank_lines():
    assert not doc_of("年报\n发布时间 2016-01-16\n").fields_named("publish-date")
    filler = "正文。\n\n" * 28  # blank lines do not count
    found = doc_of("年报\n" + filler + "来源：某局\n").fields_named("source")
    assert [(f.value, f.line) for f in found] == [("某局", 57)]
    assert not doc_of("年报\n" + filler + "正文。\n来源：某局\n").fields_named("source")


def test_closing_date_is_among_the_last_six_lines_after_the_second():
    assert not doc_of("报告\n2016年1月16日\n").fields_named("closing-date")
    assert [f.value for f in doc_of("报告\n说明\n\n2016年1月16日\n").fields_named("closing-date")] == ["2016年1月16日"]
    tail = "正文。\n" * 5
    assert doc_of("报告\n说明\n正文。\n2016年1月16日\n" + tail).fields_named("closing-date")
    assert not doc_of("报告\n说明\n正文。\n2016年1月16日\n" + tail + "正文。\n").fields_named("closing-date")


def test_the_line_index_of_a_document_is_that_of_its_source():
    """Where the view's line starts are reused, they are the source's: texts whose view keeps
    the source's offsets (full-width folds, Traditional characters), and texts whose view
    does not (annotations removed, a character folded into several, \\r terminators, markup)."""
    import random
    import re

    from linter.textmap import LineIndex

    texts = ["", "\n", "甲", "甲\n", "一、总体情况\n正文，（一）。\n\n", "發佈時間：2016年\n來源：某局\n",
             "現(xiàn)在\n公(gōng)開\n", "㈠概述\n㈡正文\n", "甲\r\n乙\r丙\n", "\u3000\u3000段落\n"]
    rng = random.Random(5)
    pieces = ["甲", "，", "（", "）", "\n", "\r", "\r\n", "發", "現(xiàn)", "㈠", "a", " ", "\u3000", "ﬁ"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 20))) for _ in range(500)]
    for text in texts:
        expected = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
        for fmt in ("text", "markdown"):
            doc = doc_of(text, fmt)
            assert doc.lines.starts == LineIndex(doc.source).starts == expected, (text, fmt)
            assert doc.lines.text is doc.source


def test_a_converted_view_does_not_lend_its_line_starts(monkeypatch):
    """OpenCC's conversion of a whole text is kept when its length is the text's: a phrase that
    shortens and a later one that lengthens would move the line breaks between them while
    their count stays, so a converted view's line starts are never taken for the source's."""
    from linter import normalize

    def moving(text: str) -> str:  # a conversion of equal length that moves the first line break
        at = text.find("\n")
        return text if at < 1 else text[: at - 1] + "\n" + text[at - 1] + text[at + 1:]

    monkeypatch.setattr(normalize, "_to_simplified", moving)
    doc = doc_of("一二三\n四五\n六\n")
    assert doc.view == "一二\n三四五\n六\n"  # the view's first break moved
    assert doc.lines.starts == [0, 4, 7, 9]  # the source's breaks, where they are


def test_headings_sections_and_fields_are_their_records():
    """They are built from tuples without their classes' __new__: each is still an instance of
    its record class, equal to the one the class builds from the same values."""
    from linter.document import Field, Heading, Section

    doc = doc_of("某局2015年政府信息公开工作年度报告\n发布时间:2016-01-16 来源:某局\n一、概述\n正文。\n"
                 "(一)子\n二、其他\n某局\n二〇一六年一月十六日\n")
    for records, kind in ((doc.headings, Heading), (doc.sections, Section), (doc.fields, Field)):
        assert records and all(type(record) is kind for record in records)
        assert [kind(*record) for record in records] == list(records)
    assert doc.sections[0].heading is doc.headings[0] and doc.sections[0].body_start == doc.headings[0].end


def test_sections_are_worked_out_when_first_asked_for_and_kept():
    """structure leaves them to the Document (sections=None): they are the headings' sections,
    the same tuple every time; sections given to a Document are kept as they are."""
    from linter.document import sections_of

    doc = doc_of("一、甲\n（一）子\n内容一\n二、乙\n内容二\n")
    assert doc._sections is None  # not worked out yet
    sections = doc.sections
    assert sections == sections_of(doc.headings, len(doc.view)) and type(sections) is tuple
    assert doc.sections is sections and doc._sections is sections
    assert doc.replace(path="other").sections is sections
    given = sections[:1]
    assert doc.replace(sections=given).sections is given
    assert doc.replace(sections=()).sections == ()


def test_a_document_holds_every_field_it_was_given():
    from linter.document import _DOCUMENT_FIELDS

    doc = doc_of("一、甲\n内容\n")
    values = {name: object() for name in _DOCUMENT_FIELDS}
    built = doc.replace(**values)
    assert all(getattr(built, name) is value for name, value in values.items())
