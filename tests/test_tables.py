"""Statistics tables: the 2019 trial format, and rows recognised whatever the layout."""

from __future__ import annotations

from conftest import FIXTURES

from linter.kinds.statistics_tables import StatisticsTables
from linter.tables import statistics_tables
from test_view_mapping import doc_of

GOOD = (FIXTURES / "ogi2021" / "good-2021.txt").read_text(encoding="utf-8")


def trial_format(text: str) -> str:
    """Table 三 as the 2019 trial format had it: （六）其他处理 a single row with no sub-rows."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if "（六）其他处理" in line)
    rows = [lines[start], lines[start + 1], lines[start + 2]]
    sums = [sum(int(row.split("\t")[-7:][i]) for row in rows) for i in range(7)]
    lines[start:start + 3] = ["\t（六）其他处理\t" + "\t".join(map(str, sums))]
    return "\n".join(lines)


def check(text: str, check_name: str, variant: str):
    kind = StatisticsTables()
    options = kind.Options.model_validate({"check": check_name, "variant": variant})
    return list(kind.check(doc_of(text), options))


def test_trial_format_table_is_complete_and_adds_up_under_its_variant():
    text = trial_format(GOOD)
    tables = statistics_tables(doc_of(text))
    assert "other" in tables.table3.rows and "other-overdue" not in tables.table3.rows
    assert check(text, "structure", "trial-2019") == []
    assert check(text, "arithmetic", "trial-2019") == []


def test_trial_format_table_lacks_the_2021_sub_rows():
    missing = {hit.data["row"] for hit in check(trial_format(GOOD), "structure", "standard-2021")
               if hit.data.get("reason") == "missing-row"}
    assert missing == {"other-overdue", "other-fee", "other-other"}


def test_good_report_tables_are_read_completely():
    tables = statistics_tables(doc_of(GOOD))
    assert len(tables.table3.rows) == 25
    assert len(tables.table2.rows) == 6
    assert [c.count for c in tables.table4.rows["data"].values] == [1, 0, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]


# ---- reading rows from cell texts (cells built only when asked for) --------------------------

from linter.reportinfo import report_info  # noqa: E402
from linter.tables import cell_texts, parse_row, split_row  # noqa: E402

LINES = [
    "\t（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0",     # Word/HTML row: tabs only
    " 规章 \t 0\t0 \t\u30003\u3000",                         # tabs and white space to strip
    "行政许可\t\xa0\t0",                                      # a no-break space is blank
    "行政强制\x1c\t1",                                        # \x1c: white space to str.strip
    "| 一、本年新收 | 40 | 3 |  | 1 |",                        # markdown, outer pipes
    "一、本年新收 | 40 | 3",                                   # pipes without outer ones
    "一、本年新收政府信息公开申请数量   40   3   0",              # runs of spaces
    "一、本年新收政府信息公开申请数量 40 3 0 -1 / 1.5",           # single spaces before numbers
    "", "\t", "|", "||", "  |  ",
    "标签\t/\t—\t无\tX\t×\t?\t？\t12\t\t7",                   # placeholders before the digits
    "abc12\t3\t4",                                            # digits ending a label cell
    "1\t2\t3",                                                # numbers only
    "合计１２\t٣\t12a\t1.5\t-2",                               # non-ASCII digits, a decimal, a negative
]


def test_cell_texts_are_the_texts_of_split_row():
    for line in LINES:
        assert cell_texts(line) == [cell.text for cell in split_row(line, 0)], line


def test_row_cells_built_later_are_those_of_split_row():
    for line in LINES:
        row = parse_row(line, 3, 100)
        cells = split_row(line, 100)
        assert row.label_cells + row.values == tuple(cells), line
        assert row.label_texts == tuple(c.text for c in row.label_cells)
        assert row.value_texts == tuple(c.text for c in row.values)


def test_trailing_values_include_placeholders_blanks_and_numbers_but_not_a_label_ending_in_digits():
    row = parse_row("标签\t/\t—\t无\tX\t×\t?\t？\t12\t\t7", 0, 0)
    assert row.label_texts == ("标签",) and len(row.value_texts) == 10
    assert parse_row("abc12\t3\t4", 0, 0).label_texts == ("abc12",)
    assert parse_row("1\t2\t3", 0, 0).label_texts == ()
    row = parse_row("合计１２\t٣\t12a\t1.5\t-2", 0, 0)
    assert row.label_texts == ("合计１２", "٣", "12a") and row.value_texts == ("1.5", "-2")
    row = parse_row(" 规章 \t 0\t0 \t\u30003\u3000", 0, 10)
    assert [(c.text, c.start, c.end) for c in row.values] == [("0", 16, 17), ("0", 18, 19), ("3", 22, 23)]


def test_table_starts_at_its_first_row():
    text = "前言\n\t规章\t1\t0\t2\n行政许可\t5\n"
    tables = statistics_tables(doc_of(text))
    assert tables.table2.start == text.index("\t规章")  # its first (empty) cell, at the line start
    assert statistics_tables(doc_of("前言\n")).table2.start is None


def test_other_row_counts_only_under_other_handling_whatever_was_seen_before():
    outside = "（五）不予处理\t3.其他\t1\t0\t0\t0\t0\t0\t1\n"
    inside = "（六）其他处理\t3.其他\t1\t0\t0\t0\t0\t0\t1\n"
    assert "other-other" not in statistics_tables(doc_of(outside)).table3.rows
    assert "other-other" in statistics_tables(doc_of(inside)).table3.rows
    assert "other-other" not in statistics_tables(doc_of(outside)).table3.rows


def test_table_rows_need_a_tab_or_a_value_at_the_line_end():
    text = "一、本年新收政府信息公开申请数量 40 3 0 1 2 0 46。\n二、上年结转政府信息公开申请数量 2 0 0 0 0 0 2\u3000\n"
    rows = statistics_tables(doc_of(text)).table3.rows
    assert list(rows) == ["carried-over"]


def test_statistics_period_with_spaces_or_absent():
    period = "本报告统计期限自2022年1月1日至2022年 12 月 31 日止。\n"
    info = report_info(doc_of("某局年度报告\n" + period))
    assert info.period_year == 2022
    assert report_info(doc_of("某局年度报告\n自2022年1月1日至2022年12月30日止。\n")).period_year is None


def test_standard_headings_are_counted_once_each_across_headings():
    text = ("某局2022年政府信息公开工作年度报告\n一、总体情况\n二、总体情况\n三、收到和处理政府信息公开申请情况\n"
            "四、政府信息公开行政复议、行政诉讼情况\n")
    assert report_info(doc_of(text)).standard_headings == 3


def test_tables_are_read_only_where_they_can_change_the_format(monkeypatch):
    """With fewer than 2 standard headings the tables cannot make a report standard-format: not read."""
    import linter.reportinfo as reportinfo

    rows = ("本年新收政府信息公开申请数量\t40\t3\t0\t1\t2\t0\t46\n"
            "上年结转政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2\n"
            "予以公开\t20\t1\t0\t0\t1\t0\t22\n")
    two = "某局2022年政府信息公开工作年度报告\n一、总体情况\n二、收到和处理政府信息公开申请情况\n" + rows
    one = "某局2022年政府信息公开工作年度报告\n一、总体情况\n二、其他情况\n" + rows
    assert report_info(doc_of(two)).has_tables is True and report_info(doc_of(two)).standard_format
    read = []
    monkeypatch.setattr(reportinfo, "statistics_tables", lambda doc: read.append(doc) or statistics_tables(doc))
    info = report_info(doc_of(one))
    assert info.standard_headings == 1 and info.has_tables is None and not info.standard_format
    assert read == []
    assert report_info(doc_of(two + "\n")).has_tables is True and len(read) == 1


def test_white_space_other_than_the_space_is_unprintable():
    """cell_texts relies on it: a tab row with no space and nothing unprintable needs no strip."""
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    assert " " in spaces and "\u3000" in spaces
    assert [c for c in spaces if c != " " and c.isprintable()] == []
