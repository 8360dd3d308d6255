"""The fast paths of the table rules give the findings of the straightforward computation.

`table-arithmetic` remembers each row's counts and row-total answer, finds an identity that
holds in every column by adding whole rows, and cuts table 三 into columns at once for the
others; `narrative-mismatch` reads only the rows its patterns name. These tests compare their
findings with the checks written out as the code first had them, on many
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


# the label cells of table 三's rows, in order, as an HTML report's table gives them (tab-separated)
_T3_LABEL_CELLS = {
    "new": "一、本年新收政府信息公开申请数量", "carried-over": "二、上年结转政府信息公开申请数量",
    "granted": "三、本年度办理结果\t（一）予以公开", "partly-granted": "\t（二）部分公开",
    "refused-secret": "\t（三）不予公开\t1.属于国家秘密", "refused-prohibited": "\t\t2.其他法律行政法规禁止公开",
    "refused-security": "\t\t3.危及“三安全一稳定”", "refused-third-party": "\t\t4.保护第三方合法权益",
    "refused-internal": "\t\t5.属于三类内部事务信息", "refused-process": "\t\t6.属于四类过程性信息",
    "refused-enforcement": "\t\t7.属于行政执法案卷", "refused-inquiry": "\t\t8.属于行政查询事项",
    "unavailable-none": "\t（四）无法提供\t1.本机关不掌握相关政府信息", "unavailable-create": "\t\t2.没有现成信息需要另行制作",
    "unavailable-unclear": "\t\t3.补正后申请内容仍不明确", "ignored-petition": "\t（五）不予处理\t1.信访举报投诉类申请",
    "ignored-repeat": "\t\t2.重复申请", "ignored-publication": "\t\t3.要求提供公开出版物",
    "ignored-mass": "\t\t4.无正当理由大量反复申请", "ignored-confirm": "\t\t5.要求行政机关确认或重新出具已获取信息",
    "other-overdue": "\t（六）其他处理\t1.申请人无正当理由逾期不补正", "other-fee": "\t\t2.申请人逾期未按收费通知要求缴纳费用",
    "other-other": "\t\t3.其他", "total": "\t（七）总计", "carried-forward": "四、结转下年度继续办理",
}
assert list(_T3_LABEL_CELLS) == [key for key, *_ in T3_ROWS]


@st.composite
def _table3_adding_up(draw) -> str:
    """A complete table 三 of the 2021 format that adds up (row totals, outcome sums, balance), as
    most do, then perhaps a few of its cells changed (to another count, a blank, a non-count) or
    a row's values cut short."""
    def row(counts: list[int]) -> list[str]:
        return [str(n) for n in counts] + [str(sum(counts))]

    leaves = {key: draw(st.lists(st.integers(0, 4), min_size=6, max_size=6)) for key in T3_LEAVES}
    total = [sum(column) for column in zip(*leaves.values())]
    forward = draw(st.lists(st.integers(0, 4), min_size=6, max_size=6))
    carried = [draw(st.integers(0, t + f)) for t, f in zip(total, forward)]
    new = [t + f - c for t, f, c in zip(total, forward, carried)]
    values = {**{key: row(counts) for key, counts in leaves.items()}, "total": row(total), "new": row(new),
              "carried-over": row(carried), "carried-forward": row(forward)}
    for _ in range(draw(st.integers(0, 2))):
        key, column = draw(st.sampled_from(list(values))), draw(st.integers(0, 6))
        values[key][column] = draw(st.sampled_from(_VALUES))
    if draw(st.integers(0, 9)) == 0:
        key = draw(st.sampled_from(list(values)))
        values[key] = values[key][:draw(st.integers(1, 6))]
    return "\n".join("\t".join([labels] + values[key]) for key, labels in _T3_LABEL_CELLS.items())


@settings(**SETTINGS)
@given(_table3_adding_up())
def test_table3_arithmetic_of_tables_that_add_up_is_the_cell_by_cell_arithmetic(text):
    """Most tables add up: `table-arithmetic` finds that with whole rows added at once, and checks
    column by column only an identity that does not hold (or that lacks a count)."""
    kind = StatisticsTables()
    options = kind.Options(check="arithmetic", tables=["table-3"], variant="standard-2021")
    for _ in range(2):  # the second time from memory
        doc = _doc(text)
        assert _hits(kind, doc, options) == _plain_arithmetic3(doc, "standard-2021")


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
