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
