"""The fast paths of the analysis (view, structure, tables, report facts, dates) give the plain results.

Each fast path skips or remembers work; these tests compare it with the straightforward
computation (written out here as the code first had it) on many generated report-like
texts, and check the facts about characters the proofs in the comments rest on.
"""

from __future__ import annotations

import sys
import unicodedata

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter import dates, document, normalize, reportinfo, structure, tables, textmap
from linter.document import Document, MarkupHeading
from linter.formats import parse_text
from linter.source import Source

SETTINGS = dict(derandomize=True, database=None, deadline=None, max_examples=400,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

_CODE_POINTS = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, sys.maxunicode + 1)))

# --- generated report-like texts ------------------------------------------------------------------

_PIECES = [
    # numbering and headings
    "第一部分", "第二章", "第三节", "一、", "二．", "十二.", "（一）", "(二)", "( 三 )", "1.", "2、", "12.", "3.5",
    "١、", "㈠", "①", "总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "行政复议、行政诉讼",
    "存在的主要问题及改进情况", "其他需要报告的事项", "组织领导", "制度建设", "公开平台", "依申请公开", "收费",
    # header fields
    "发布时间", "发布日期", "成文日期", "日期", "时间", "来源", "信息来源", "发布单位", "发文机关", "单位", "来自",
    ":", "：", " ", "  ", "\u3000", "\t", "|", "字体:[ ]",
    # dates and years
    "2016-01-16", "2016/1/16", "2016.1.16", "2016-01-16 00:00", "2016年1月16日", "2016 年 1 月 16 日",
    "二〇一六年一月十六日", "2016年2月30日", "12月31日", "自2021年1月1日起至2021年12月31日止", "٢٠٢٣-01-16",
    "2015年", "二〇二一年度", "2021年度",
    # titles and issuers
    "某局2015年政府信息公开工作年度报告", "政府信息公开", "年报", "报告", "工作报告", "政务公开", "人民政府", "办公室",
    # pinyin annotations, real and not
    "現(xiàn)", "公(gōng)", "綠(lǜ)", "綠(lv)", "(a)", "（PDF）", "開(kāi)(kai)", "信(xìn)", "在(zai)", "中(abc)",
    # table labels and values
    "本年新收", "上年结转", "予以公开", "部分公开", "国家秘密", "第三方", "其他处理", "3.其他", "其他", "总计",
    "结转下年度", "规章", "行政规范性文件", "行政许可", "行政事业性收费", "0", "12", "-1", "1.5", "/", "—", "无", "X", "？",
    # prose, Traditional characters, odd white space and line ends
    "。", "；", ";", "，", "正文", "發布時間", "資訊來源", "\n", "\r\n", "\r", "\x1c", "\xa0", "\u2028",
]
_CHARACTERS = list("甲乙丙政府a Z9\t") + ["\u0301", "\uff21", "ﬁ", "開（kāi）"]
_LINE_PIECES = st.lists(st.sampled_from(_PIECES) | st.sampled_from(_CHARACTERS), max_size=14).map("".join)
_LABELS = ["一、本年新收政府信息公开申请数量", "（三）不予公开", "1.属于国家秘密", "（六）其他处理", "3.其他", "（七）总计",
           "规章", "行政许可", "四、结转下年度继续办理", "信息内容", "", " 规章 ", "abc12", "行政事业性收费"]
_VALUES = ["0", "12", "", " 3 ", "/", "—", "无", "-1", "1.5", "\u30003", "x"]


@st.composite
def _table_row(draw) -> str:
    labels = draw(st.lists(st.sampled_from(_LABELS), max_size=3))
    values = draw(st.lists(st.sampled_from(_VALUES), max_size=17))
    separator = draw(st.sampled_from(["\t", "\t", " | ", "   ", " "]))
    row = separator.join(labels + values)
    return "| " + row + " |" if separator == " | " and draw(st.booleans()) else row


_NUMBERS = ["第一部分", "第二章", "一、", "二．", "（一）", "(二)", "1.", "2、", "١、", "㈠", "", "  ", "\u3000"]
_HEADING_WORDS = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "行政复议、行政诉讼情况",
                  "存在的主要问题及改进情况", "其他需要报告的事项", "组织领导", "制度", "网站", "依申请公开", "收费减免",
                  "某局2021年政府信息公开工作年度报告", "政府信息公开年报"]
_HEADING = st.tuples(st.sampled_from(_NUMBERS), st.sampled_from(_HEADING_WORDS),
                     st.sampled_from(["", "。正文", "；", "x" * 70, "\t1"])).map("".join)
_LINE = st.one_of(_LINE_PIECES, _table_row(), _HEADING, st.just(""))
_TEXT = st.lists(_LINE, max_size=45).map("\n".join)


def _doc(text: str, fmt: str = "text") -> Document:
    return structure.build_document(Source("t", text, "utf-8"), parse_text(fmt, text))


# --- the view ---------------------------------------------------------------------------------

def _plain_annotations(plain: str) -> list[tuple[int, int]]:
    spans = []
    for match in normalize._ANNOTATION.finditer(plain):
        han = plain[match.start() - 1]
        syllables = normalize._SYLLABLE.findall(match.group())
        if syllables and all(normalize._is_reading(han, syllable) for syllable in syllables):
            spans.append(match.span())
    return spans


def _plain_view(plain: str) -> tuple[str, list[int], tuple]:
    """Character by character: drop the annotations, fold each character with NFKC on its own."""
    annotations = _plain_annotations(plain)
    dropped = {offset for start, end in annotations for offset in range(start, end)}
    chars, origin = [], []
    for offset, ch in enumerate(plain):
        if offset not in dropped:
            folded = unicodedata.normalize("NFKC", ch)
            chars.append(folded)
            origin.extend([offset] * len(folded))
    return normalize._to_simplified("".join(chars)), origin, tuple(annotations)


@settings(**SETTINGS)
@given(_TEXT)
def test_the_view_is_the_character_by_character_view(text):
    assert tuple(normalize.build_view(text))[:3] == _plain_view(text)  # (and `converted`: test_structure)
    assert normalize.find_pinyin_annotations(text) == _plain_annotations(text)
    if normalize._ANNOTATION.search(text):
        assert normalize._may_hold_annotation(text)


def test_the_annotation_prefilter_knows_every_syllable_start():
    for ch in _CODE_POINTS[:0x3000]:
        if normalize._ANNOTATION.search("中(" + ch + ")"):
            assert ch in normalize._SYLLABLE_STARTS, hex(ord(ch))
    assert normalize._may_hold_annotation("現(xiàn)") and normalize._may_hold_annotation("綠（ǜ）")
    assert not normalize._may_hold_annotation("（一）总体情况(2021)") and not normalize._may_hold_annotation("(")


def test_no_character_folds_to_nothing():
    """So a fold that keeps the length folds one character for one (`_fold_nfkc`)."""
    assert all(unicodedata.normalize("NFKC", ch) for ch in _CODE_POINTS)


def test_shared_offset_runs_are_fresh_lists_of_the_offsets():
    for start, end in [(0, 0), (0, 5), (3, 9), (0, 70), (10, 5000), (65530, 65536), (65530, 65540), (70000, 70003)]:
        run = normalize._offset_run(start, end)
        assert run == list(range(start, end))
        run.append(-1)  # a caller's list: changing it changes no other
        assert normalize._offset_run(start, end) == list(range(start, end))
    assert len(textmap._offsets) <= textmap.SHARED_OFFSETS


# --- headings -----------------------------------------------------------------------------------

def _plain_headings(lines, origin, parsed) -> list:
    """Every non-blank line tried against the numbering pattern (no prefilter, nothing remembered)."""
    markup = sorted(parsed.headings, key=lambda h: h.start)
    headings = []
    for line in lines:
        stripped = line.text.strip()
        if not stripped or "\t" in stripped or stripped.count("|") >= 2:
            continue
        lead = line.start + (len(line.text) - len(line.text.lstrip()))
        level = None
        if markup and lead < len(origin):  # the last heading starting at or before the line, if it holds it
            before = [h for h in markup if h.start <= origin[lead]]
            level = before[-1].level if before and origin[lead] < before[-1].end else None
        if level is None:
            match = structure._NUMBERED.match(stripped)
            if not match:
                continue
            level = match.lastindex
            end = structure._TITLE_END.search(stripped)
            title = stripped[: end.start()] if end else stripped
            if len(title) > structure._MAX_TITLE:
                continue
        else:
            title = stripped
        headings.append(structure.Heading(level, title, line.number, lead, lead + len(title)))
    return headings


@settings(**SETTINGS)
@given(_TEXT, st.lists(st.tuples(st.integers(0, 300), st.integers(1, 40), st.integers(1, 6)), max_size=4))
def test_headings_are_the_numbered_or_marked_lines(text, marks):
    doc = _doc(text)
    parsed = parse_text("text", text)
    assert list(doc.headings) == _plain_headings(doc.view_lines, doc.view_origin, parsed)
    marked = parsed._replace(headings=tuple(MarkupHeading(start, start + length, level)
                                            for start, length, level in marks))
    assert (structure._find_headings(doc.view_lines, doc.view_origin, marked)
            == _plain_headings(doc.view_lines, doc.view_origin, marked))


def test_a_line_the_first_character_rules_out_is_never_numbered():
    starts = regex.compile(r"[\d第(一二三四五六七八九十]")  # how each form of _NUMBERED starts
    for ch in _CODE_POINTS:
        if not structure._may_be_numbered(ch):
            assert not starts.match(ch), hex(ord(ch))
    for ch in "甲第(1١a一、":
        assert structure._MAY_BE_NUMBERED[ch] == structure._may_be_numbered(ch)


# --- header fields -------------------------------------------------------------------------------

def _plain_line_fields(doc: Document, line) -> list:
    fields = []
    for match in structure._FIELD.finditer(line.text):
        label = match.group("label")
        rest = line.text[match.end():]
        if label in structure._SOURCE_LABELS:
            value_match = structure._SOURCE_VALUE.match(rest)
            value, name = (value_match.group() if value_match else ""), "source"
        else:
            date_match = dates.DATE_PATTERN.match(rest)
            if date_match:
                value = date_match.group()
            else:
                stop = structure._VALUE_STOP.search(rest)
                value = rest[: stop.start()].strip() if stop else rest.strip()
            name = "publish-date"
        start = line.start + (match.end() if value else match.start())
        fields.append(_plain_field(doc, name, label, value, start, start + max(len(value), 1), line.number))
    return fields


def _plain_field(doc, name, label, value, start, end, line):
    return structure.Field(name, label, value, *doc.source_span(start, end), line)


def _plain_fields(doc: Document) -> list:
    """Every pattern run on every line it may match, spans mapped by the Document."""
    lines = doc.view_lines
    non_blank = [line for line in lines if line.text.strip()]
    head = non_blank[: structure.HEADER_LINES]
    found = [field for line in head for field in _plain_line_fields(doc, line)]
    for title in head[:5]:
        if structure._REPORT_TITLE.search(title.text) and "。" not in title.text and len(title.text.strip()) <= 80:
            found.append(_plain_field(doc, "title", "title", title.text.strip(), title.start, title.end, title.number))
    for line in reversed(non_blank[2:][-structure.CLOSING_LINES:]):
        if structure._FIELD.search(line.text):
            continue
        match = dates.DATE_PATTERN.search(line.text)
        if match and len(line.text.strip()) <= len(match.group()) + 30:
            found.append(_plain_field(doc, "closing-date", "closing", match.group(), line.start + match.start(),
                                      line.start + match.end(), line.number))
            break
    return found


@settings(**SETTINGS)
@given(_TEXT)
def test_fields_are_those_the_patterns_find_on_every_line(text):
    doc = _doc(text)
    assert list(doc.fields) == _plain_fields(doc)
    for line in doc.view_lines:
        if structure._FIELD.search(line.text):
            assert structure._may_hold_field(line.text), line.text


def test_the_field_prefilter_sees_labels_before_spaced_colons():
    assert structure._may_hold_field("发布时间\u3000 :2016") and structure._may_hold_field("x 来源：某局")
    assert not structure._may_hold_field("信息内容\t本年收费金额(单位:万元)")
    assert not structure._may_hold_field("发布时间 2016-01-16") and not structure._may_hold_field("时间x:1")


def test_white_space_regex_skips_is_white_space_rstrip_removes():
    """`_may_hold_field` relies on it: `\\s` between a label and its colon is stripped by rstrip."""
    spaces = regex.findall(r"\s", _CODE_POINTS)
    assert spaces and all(ch.isspace() for ch in spaces)
    assert not any(label[-1].isspace() for label in structure._LABELS)


@settings(**SETTINGS)
@given(st.lists(st.integers(0, 50), max_size=12), st.integers(0, 15), st.integers(0, 15))
def test_source_spans_are_the_document_s(origin, start, end):
    doc = _doc("x").replace(view_origin=origin)
    first = doc.source_offset(start)  # the span from the start's source offset to the last character's
    last = origin[min(end, len(origin)) - 1] + 1 if origin and end > start else first
    expected = (first, max(first, last)) if origin else (0, 0)
    assert document.source_span(origin, start, end) == doc.source_span(start, end) == expected


# --- statistics tables ---------------------------------------------------------------------------

def _plain_rows(doc: Document) -> dict:
    """Each line split into cells with offsets and read from them: the rows each table keeps."""
    kept = {"table-2": {}, "table-3": {}, "table-4": {}}
    duplicates = {"table-2": [], "table-3": [], "table-4": []}
    group = None

    def keep(table, key, line, cells, labels):
        row = (line.number, tuple(c.text for c in cells[:labels]), tuple(c.text for c in cells[labels:]),
               tuple(cells[:labels]), tuple(cells[labels:]))
        if key in kept[table]:
            duplicates[table].append(row)
        else:
            kept[table][key] = row

    for line in doc.view_lines:
        if not tables.could_be_row(line.text):
            continue
        cells = tables.split_row(line.text, line.start)
        labels = len(cells)
        while labels and (tables.number_of(cells[labels - 1].text) is not None
                          or tables._PLACEHOLDER.match(cells[labels - 1].text)):
            labels -= 1
        values = len(cells) - labels
        if not values:
            continue
        if not labels:
            if values >= 15 and all(tables.number_of(c.text) is not None or not c.text.strip() for c in cells):
                keep("table-4", "data", line, cells[values - 15:], 0)
            continue
        label_texts = [c.text for c in cells[:labels]]
        last = next((label for label in reversed(label_texts) if label), "")
        if "其他处理" in "".join(label_texts):
            group = "other"
        key = tables._match_t3(last, group)
        if key is not None and values >= 2:
            group = tables._T3_GROUPS.get(key, group)
            keep("table-3", key, line, cells, labels)
            continue
        t2_key = next((k for k, pattern in tables._T2_PATTERNS if pattern.search(last)), None)
        if t2_key is not None and values <= 3:
            keep("table-2", t2_key, line, cells, labels)
    return {"kept": kept, "duplicates": duplicates}


def _row(row) -> tuple:
    return row.line, row.label_texts, row.value_texts, row.label_cells, row.values


@settings(**SETTINGS)
@given(st.one_of(_TEXT, st.lists(_table_row(), max_size=30).map("\n".join)))
def test_tables_keep_the_rows_read_from_the_cells(text):
    doc = _doc(text)
    expected = _plain_rows(doc)
    found = tables.statistics_tables(doc)
    assert {t.name: {key: _row(r) for key, r in t.rows.items()} for t in found} == expected["kept"]
    assert {t.name: [_row(r) for r in t.duplicates] for t in found} == expected["duplicates"]
    for t in found:  # the order of the rows kept, too
        assert [_row(r) for r in t.rows.values()] == list(expected["kept"][t.name].values())


# --- report facts and dates ----------------------------------------------------------------------

def _plain_report_facts(doc: Document) -> dict:
    """The title, dates and heading counts as report_info first worked them out."""
    R = reportinfo
    titles = doc.fields_named("title")
    title = next((t for t in titles if R._TITLE.search(t.value) and R._YEAR.search(t.value)),
                 next((t for t in titles if R._TITLE.search(t.value)), titles[0] if titles else None))
    year_match = R._YEAR.search(title.value) if title is not None else None
    published_field = next((f for f in doc.fields_named("publish-date") if _plain_parse_date(f.value)), None)
    period = R._PERIOD.search(doc.view)
    return {
        "title": title, "year_match": year_match and (year_match.span(), year_match.groups()),
        "names_report": bool(title is not None and R._TITLE.search(title.value)),
        "published_field": published_field,
        "published": _plain_parse_date(published_field.value) if published_field else None,
        "period_year": int(period.group("y2")) if period else None,
        "period_span": period.span() if period else None,
        "standard": len(set().union(*(R._match_heading(h.title)[0] for h in doc.headings if h.level <= 2))),
        "free_form": len(set().union(*(R._match_heading(h.title)[1] for h in doc.headings))),
    }


def _plain_parse_date(text: str):
    match = dates.DATE_PATTERN.search(text)
    return _date_by_name(match) if match else None


@settings(**SETTINGS)
@given(_TEXT)
def test_report_facts_are_those_first_worked_out(text):
    doc = _doc(text)
    info = reportinfo.report_info.__wrapped__(doc)
    expected = _plain_report_facts(doc)
    title, names_report, year_match = reportinfo._pick_title(doc.fields_named("title"))
    assert title == expected["title"] == info.title
    assert names_report == expected["names_report"]
    assert (year_match and (year_match.span(), year_match.groups())) == expected["year_match"]
    assert (info.published_field, info.published) == (expected["published_field"], expected["published"])
    assert (info.period_year, info.period_span) == (expected["period_year"], expected["period_span"])
    assert (info.standard_headings, reportinfo._heading_counts(doc.headings)[1]) == (
        expected["standard"], expected["free_form"])


_PERIOD_PIECES = ["自", "从", "本年度自", "2021", "12021", "202", "年", "年度", "1", "01", "12", "31", "月", "日", "起", "至", "到",
                  "—", "-", "~", "止", " ", "  ", "\u3000", "\n", "\x1c", "\xa0", "。", "截至", "2021年1月1日",
                  "2021年12月31日", "自2021年1月1日起至2021年12月31日止", "从 2020 年 1 月 1 日到 2020 年 12 月 31 日"]


@settings(**SETTINGS)
@given(st.lists(st.sampled_from(_PERIOD_PIECES), max_size=40).map("".join))
def test_the_period_found_from_its_first_day_is_the_first_period(view):
    """reportinfo._period finds the first match of _PERIOD (its span and years) from the first days."""
    expected = reportinfo._PERIOD.search(view)
    found = reportinfo._period(view)
    assert (found and (found.span(), found.groups())) == (expected and (expected.span(), expected.groups()))


_TITLE_VALUES = ["某局2015年政府信息公开工作年度报告", "某局政府信息公开工作年度报告", "政务公开年报", "2015年度工作报告",
                 "二〇一五年度信息公开报告", "年报", "工作总结", ""]


@settings(**SETTINGS)
@given(st.lists(st.sampled_from(_TITLE_VALUES), max_size=4))
def test_the_title_picked_is_the_one_first_picked(values):
    titles = [structure.Field("title", "title", value, index, index + 1, index) for index, value in enumerate(values)]
    doc = _doc("x").replace(fields=tuple(titles))
    expected = _plain_report_facts(doc)
    title, names_report, year_match = reportinfo._pick_title(titles)
    assert (title, names_report) == (expected["title"], expected["names_report"])
    assert (year_match and (year_match.span(), year_match.groups())) == expected["year_match"]


_DATE_TEXTS = st.lists(st.sampled_from(["2016", "二〇一六", "两〇一六", "年", "月", "日", "-", "/", ".", " ", "1", "12",
                                        "31", "02", "十", "三十一", "二十", "一", "零", "O", "٢", "x"]),
                       max_size=12).map("".join)


@settings(**SETTINGS)
@given(_DATE_TEXTS)
def test_dates_read_by_group_number_are_those_read_by_name(text):
    match = dates.DATE_PATTERN.search(text)
    if match:
        assert match.group(*dates._DATE_GROUP_NUMBERS) == match.group(*dates._DATE_GROUP_NAMES)
        by_name = _date_by_name(match)
        assert dates.match_date(match) == by_name
        assert dates.parse_date(text) == dates._first_date(text) == by_name
    else:
        assert dates.parse_date(text) is None


def _date_by_name(match):
    cy, cm, cd, y, m, d = match.group("cy", "cm", "cd", "y", "m", "d")
    if cy:
        year, month, day = dates.chinese_year(cy), dates._cn_small(cm), dates._cn_small(cd)
    else:
        year, month, day = int(y), int(m), int(d)
    try:
        return dates.datetime.date(year, month, day) if year and month and day else None
    except ValueError:
        return None


def test_long_texts_are_worked_out_and_not_remembered():
    assert dates.parse_date("甲" * 120 + "2016-01-16") == dates.datetime.date(2016, 1, 16)
    long_group = "中" + "(zhong)" * 20  # a match longer than 100 characters
    assert normalize.find_pinyin_annotations(long_group) == _plain_annotations(long_group) == [(1, 141)]
    assert normalize.find_pinyin_annotations("中" + "(zhong)" * 19 + "(xx)") == []


def test_a_match_of_another_pattern_is_read_by_name():
    other = regex.compile(r"(?P<x>z)?" + dates.DATE_PATTERN.pattern)
    assert dates.match_date(other.search("2016-01-16")) == dates.datetime.date(2016, 1, 16)


@settings(**SETTINGS)
@given(st.lists(st.sampled_from(["报", "告", "年", "度", "工作", "报告", "年报", "年度报告", "x", "。"]), max_size=12).map("".join))
def test_a_title_names_a_report_when_the_pattern_finds_it(text):
    assert structure._names_report(text) == bool(structure._REPORT_TITLE.search(text))


@settings(**SETTINGS)
@given(_TEXT, st.integers(0, 40))
def test_the_first_non_blank_lines_are_those_counted_one_by_one(text, wanted):
    lines = _doc(text).view_lines
    expected = [index for index, line in enumerate(lines) if line.text.strip()][:wanted]
    assert structure._first_non_empty(lines, wanted) == expected
