"""The fast paths of the table rules give the findings of the straightforward computation.

`table-arithmetic` cuts table 三 into columns at once and remembers each row's counts and
row-total answer; `narrative-mismatch` reads only the rows its patterns name. These tests
compare their findings with the checks written out as the code first had them, on many
generated tables (the same rows twice, so the second time from memory).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter import structure
from linter.formats import parse_text
from linter.kinds.narrative_numbers import NarrativeNumbers
from linter.kinds.statistics_tables import StatisticsTables
from linter.source import Source
from linter.tables import T3_COLUMNS, T3_LEAVES, T3_ROWS, T3_TRIAL_LEAVES, count_of, statistics_tables

from test_narrative_numbers_prefix import findings_as_written

SETTINGS = dict(derandomize=True, database=None, deadline=None, max_examples=300,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

_VALUES = [str(n) for n in range(13)] * 3 + ["40", "", " 3 ", "/", "x", "-1", "1.5"]
_LABELS = [zh for _, zh, *_ in T3_ROWS] + ["（六）其他处理"]


@st.composite
def _table3(draw) -> str:
    """A table 三 as tab-separated lines: most rows of the format (some missing, some twice), 6-8 values
    each, mostly counts, and a sentence quoting figures before it."""
    counts = draw(st.lists(st.integers(0, 25), min_size=3, max_size=3))
    lines = ["共收到政府信息公开申请{}件，上年结转{}件。受理申请{}件。".format(*counts)]
    extra = draw(st.lists(st.sampled_from(_LABELS), max_size=3))
    for label in [label for label in _LABELS if draw(st.integers(0, 9))] + extra:
        values = draw(st.lists(st.sampled_from(_VALUES), min_size=6, max_size=8))
        lines.append("\t".join([label] + values))
    return "\n".join(lines)


def _doc(text: str):
    return structure.build_document(Source("t", text, "utf-8"), parse_text("text", text))


def _hits(kind, doc, options) -> list:
    return [(hit.start, hit.end, hit.variant, hit.data) for hit in kind.check(doc, options)]


def _plain_arithmetic3(doc, variant: str) -> list:
    """Table 三's arithmetic findings (start, end, data) as first worked out: cell by cell."""
    table = statistics_tables(doc).table3
    rows = {key: row for key, row in table.rows.items() if len(row.value_texts) >= 7}
    grid = {key: tuple(count_of(text) for text in row.value_texts[-7:]) for key, row in rows.items()}
    leaves = T3_TRIAL_LEAVES if variant == "trial-2019" else T3_LEAVES
    found = []

    def add(key, column, index, expected, value, identity):
        cell = rows[key].values[-7:][index]
        start, end = doc.source_span(cell.start, max(cell.end, cell.start + 1))
        found.append((start, end, "arithmetic", {"table": "table-3", "row": key, "column": column,
                                                 "expected": expected, "found": value, "identity": identity}))

    for key, values in grid.items():
        if None not in values and values[6] != sum(values[:6]):
            add(key, "total", 6, sum(values[:6]), values[6], "row-total")
    outcomes = "total" in grid and all(k in grid for k in leaves)
    balance = all(k in grid for k in ("new", "carried-over", "total", "carried-forward"))
    for index, column in enumerate(T3_COLUMNS):
        if outcomes:
            parts = [grid[k][index] for k in leaves]
            total = grid["total"][index]
            if total is not None and None not in parts and sum(parts) != total:
                add("total", column, index, sum(parts), total, "outcome-sum")
        if balance:
            new, carried, total, forward = (grid[k][index] for k in ("new", "carried-over", "total", "carried-forward"))
            if None not in (new, carried, total, forward) and new + carried != total + forward:
                add("carried-forward", column, index, new + carried - total, forward, "balance")
    return found


@settings(**SETTINGS)
@given(_table3(), st.sampled_from(["standard-2021", "trial-2019"]))
def test_table3_arithmetic_is_the_cell_by_cell_arithmetic(text, variant):
    kind = StatisticsTables()
    options = kind.Options(check="arithmetic", tables=["table-3"], variant=variant)
    for _ in range(2):  # the second time from memory
        doc = _doc(text)
        assert _hits(kind, doc, options) == _plain_arithmetic3(doc, variant)


@settings(**SETTINGS)
@given(_table3())
def test_narrative_numbers_compare_with_the_totals_of_all_rows(text):
    kind = NarrativeNumbers()
    options = kind.Options(patterns=[
        {"row": "new", "pattern": r"收到政府信息公开申请(?P<count>\d+)件"},
        {"row": "new", "pattern": r"受理申请(?P<count>\d+)件", "with_carried_over": True},
        {"row": "carried-over", "pattern": r"上年结转(?P<count>\d+)件"}])
    doc = _doc(text)
    expected = [(data["row"], data["found"]) for _, _, data in findings_as_written(doc, options)]
    assert [(hit[3]["row"], hit[3]["found"]) for hit in _hits(kind, doc, options)] == expected


@settings(**SETTINGS)
@given(_table3())
def test_table3_cell_findings_are_those_of_each_cell(text):
    kind = StatisticsTables()
    options = kind.Options(check="structure", tables=["table-3"])
    for _ in range(2):  # the second time from memory
        doc = _doc(text)
        expected = []
        for key, row in statistics_tables(doc).table3.rows.items():
            if key == "other" or len(row.value_texts) != 7:
                continue  # not a row of the 2021 format, or a cell-count finding instead
            for column, value in zip(T3_COLUMNS, row.value_texts):
                if count_of(value) is None:
                    expected.append((key, column, "blank-cell" if not value.strip() else "not-a-count"))
        found = [(hit[3]["row"], hit[3]["column"], hit[2]) for hit in _hits(kind, doc, options)
                 if hit[2] in ("blank-cell", "not-a-count")]
        assert found == expected


_CELLS = ["一、本年新收", "（三）不予公开", "1.属于国家秘密", "（六）其他处理", "3.其他", "总计", "规章", "abc12", "12a",
          "/", "—", "无", "1.5", "-1", "", "0", "7", "12", "٣", "x\u3000", " 3"]


@settings(**SETTINGS)
@given(st.lists(st.lists(st.sampled_from(_CELLS), min_size=1, max_size=5).map("\t".join), min_size=1, max_size=4),
       st.lists(st.sampled_from(["0", "1", "12", "305", ""]), max_size=9))
def test_a_row_read_by_its_head_reads_as_its_cells(heads, digits):
    from linter.tables import _read_shape, _row_shape, cell_texts

    for head in heads * 2:  # the second time from memory
        for text in (head, head + "\t" + "\t".join(digits), head + "".join(digits)):
            assert _row_shape(text) == _read_shape(tuple(cell_texts(text)))
