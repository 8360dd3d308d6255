"""statistics-tables: the three statistics tables of the 2021 format are complete and add up.

What it checks:
    With `check: structure`: each table in `tables` is present where its section
    (二 / 三 / 四) is (a missing section is `missing-section`'s); table 三 has all
    its rows (25 in the 2021 format; 23 in the 2019 trial format, where （六）其他处理
    has no sub-rows) with 7 numbers each (six applicant columns and 总计); table 四
    has one row of 15 numbers; table 二 has its six rows; every count is a
    non-negative integer (收费金额 may be decimal) and a blank cell is not zero.
    With `check: arithmetic`: in table 三, per column 一 本年新收 + 二 上年结转 =
    （七）总计 + 四 结转下年度 (the identity printed in the table itself); per row
    总计 = the sum of the six applicant columns; per column （七）总计 = the sum of the
    outcome rows; in table 四 each 总计 = 维持 + 纠正 + 其他 + 尚未审结. Each finding
    names the table, row, column, expected and found values (`data`), at the cell.

Why:
    The State Council's format (国办公开办函〔2021〕30号, under Art. 50 of the 2019
    Regulations) fixes these tables so that reports can be compared and summed; a
    table that does not add up is the most common defect reviewers find, and the
    format's own note (“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”)
    makes the first identity a stated requirement.

Fails:
    自然人 column: 一 40, 二 2, （七）总计 38, 四 3 (40 + 2 ≠ 38 + 3): `table-arithmetic`
    at the 四 cell, expected 4, found 3.

Passes:
    The same column with 四 = 4.

Options:
    check: "structure" or "arithmetic".
    tables: which tables to check (default ["table-2", "table-3", "table-4"]).
    variant: "standard-2021" (default) or "trial-2019".
"""

from __future__ import annotations

from collections.abc import Iterator
from operator import attrgetter, countOf, itemgetter

from linter.document import Document
from linter.finding import Hit
from linter.kinds.base import RuleKind, options_model
from linter.memo import per_value
from linter.tables import (T2_ROWS, T3_COLUMN_NAMES, T3_COLUMNS, T3_LEAVES, T3_ROWS, T3_TRIAL_LEAVES,
                           T4_COLUMN_NAMES, T4_COLUMNS, Cell, Row, Table, all_counts, count_of, row_names,
                           section_heading, statistics_tables)

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see linter.records)
if TYPE_CHECKING:
    from linter.kinds.options import StatisticsTablesOptions

_TABLE_NAMES = {"table-2": ("表二（主动公开政府信息情况）", "table 2 (proactive disclosure)"),
                "table-3": ("表三（收到和处理政府信息公开申请情况）", "table 3 (applications)"),
                "table-4": ("表四（行政复议、行政诉讼情况）", "table 4 (review and litigation)")}
_IDENTITIES = {
    "balance": ("第一项加第二项之和应等于第三项加第四项之和", "new + carried over must equal total handled + carried forward"),
    "row-total": ("总计应等于各类申请人之和", "the total must equal the sum of the applicant columns"),
    "outcome-sum": ("（七）总计应等于各项办理结果之和", "(7) total must equal the sum of the outcome rows"),
    "appeal-total": ("总计应等于维持、纠正、其他、尚未审结之和", "the total must equal upheld + corrected + other + pending"),
}


def _local(pair: tuple[str, str]) -> dict:
    return {"zh": pair[0], "en": pair[1]}


class StatisticsTables(RuleKind):
    __doc__ = __doc__
    name = "statistics-tables"
    Options = options_model("linter.kinds.options:StatisticsTablesOptions")
    plain_options = True
    messages = {
        "missing-table": {"zh": "未找到{table_name}", "en": "{table_name} not found"},
        "missing-row": {"zh": "{table_name}缺少“{row_name}”行", "en": "{table_name} lacks the row '{row_name}'"},
        "cell-count": {"zh": "{table_name}“{row_name}”行应有 {expected} 个数据，实有 {found} 个",
                       "en": "{table_name}, row '{row_name}': expected {expected} numbers, found {found}"},
        "blank-cell": {"zh": "{table_name}“{row_name}”行“{column_name}”列为空（空白不等于 0，应填写数字）",
                       "en": "{table_name}, row '{row_name}', column '{column_name}' is blank (blank is not zero)"},
        "not-a-count": {"zh": "{table_name}“{row_name}”行“{column_name}”列“{value}”不是非负整数",
                        "en": "{table_name}, row '{row_name}', column '{column_name}': '{value}' is not a non-negative integer"},
        "arithmetic": {"zh": "{table_name}“{row_name}”行“{column_name}”列应为 {expected}，实为 {found}（{identity_text}）",
                       "en": "{table_name}, row '{row_name}', column '{column_name}': expected {expected}, found {found} ({identity_text})"},
    }

    def check(self, doc: Document, options: StatisticsTablesOptions) -> Iterator[Hit]:
        tables = statistics_tables(doc)
        by_name = {"table-2": tables.table2, "table-3": tables.table3, "table-4": tables.table4}
        for name in options.tables:
            table = by_name[name]
            if options.check == "structure":
                yield from self._structure(doc, name, table, options.variant)
            elif name == "table-3":
                yield from self._arithmetic3(doc, table, options.variant)
            elif name == "table-4":
                yield from self._arithmetic4(doc, table)

    # -- structure ---------------------------------------------------------------------------

    def _structure(self, doc: Document, name: str, table: Table, variant: str) -> Iterator[Hit]:
        args = {"table_name": _local(_TABLE_NAMES[name])}
        if not table.rows:
            heading = section_heading(doc, name)
            if heading is None:  # no section either: `missing-section` reports that, once
                return
            start, end = doc.source_span(heading.start, heading.end)
            yield Hit(start, end, variant="missing-table", data={"table": name, "reason": "missing"}, args=args)
            return
        expected = _EXPECTED_CELLS[name, variant if name == "table-3" else None]
        missing = [key for key in expected if key not in table.rows]
        if missing:
            start, end = doc.source_span(table.start, table.start + 1)
        for key in missing:
            yield Hit(start, end, variant="missing-row",
                      data={"table": name, "row": key, "reason": "missing-row"},
                      args={**args, "row_name": _row_name(name, key)})
        for key, row in table.rows.items():
            want = expected.get(key)
            if want is None:
                continue
            found = len(row.value_texts)
            if found < want or (name != "table-4" and found > want):
                values = row.values
                yield self._cell_hit(doc, values[0] if values else row.label_cells[-1], "cell-count",
                                     {"table": name, "row": key, "reason": "cell-count", "expected": want,
                                      "found": found}, {**args, "row_name": _row_name(name, key)})
                continue
            if all_counts(row.value_texts[-want:]):  # the common row: all counts, nothing to say
                continue
            columns = _columns(name, key, found)
            for column, cell in zip(columns, row.values[-want:]):
                yield from self._cell_value(doc, name, key, column, cell, args)

    def _cell_value(self, doc, name, key, column, cell: Cell, args) -> Iterator[Hit]:
        if cell.count is not None:  # the common case: a count, nothing to say
            return
        names = {**args, "row_name": _row_name(name, key), "column_name": _column_name(name, column)}
        data = {"table": name, "row": key, "column": column}
        if cell.is_blank:
            start = doc.source_offset(cell.start)
            yield Hit(start, start, variant="blank-cell", data={**data, "reason": "blank-cell"}, args=names)
            return
        number = cell.number
        if name == "table-2" and key == "fees" and number is not None and number >= 0:
            return  # 收费金额 may be decimal
        yield self._cell_hit(doc, cell, "not-a-count", {**data, "reason": "not-a-count", "value": cell.text},
                             {**names, "value": cell.text})

    @staticmethod
    def _cell_hit(doc: Document, cell: Cell, variant: str, data: dict, args: dict) -> Hit:
        start, end = doc.source_span(cell.start, max(cell.end, cell.start + 1))
        return Hit(start, end, variant=variant, data=data, args=args)

    # -- arithmetic --------------------------------------------------------------------------

    def _arithmetic3(self, doc: Document, table: Table, variant: str) -> Iterator[Hit]:
        rows = table.rows
        # each row's entry (_read_row3: its counts and row-total answer), looked up in C: a map over the rows
        grid = dict(zip(rows, map(_remembered_row3, map(_VALUE_TEXTS, rows.values()))))
        if countOf(map(_EXPECTED, grid.values()), None) < len(grid):  # a row's total differs from its sum
            for key, (values, _, expected) in grid.items():  # total column = sum of the six applicant columns
                if expected is not None:
                    yield self._mismatch(doc, "table-3", key, "total", _cell(rows[key], 7, 6), expected, values[6],
                                         "row-total")
        leaves = T3_TRIAL_LEAVES if variant == "trial-2019" else T3_LEAVES
        # An identity that holds in every column (most tables add up) has nothing to report, and is
        # found so with whole rows added in C (_agree); the others are checked column by column.
        # The rows of each identity, cut into columns at once (zip): the same for every column.
        outcomes = None if "total" not in grid or _agree(grid, leaves, ("total",)) else _columns_of(grid, leaves)
        balance = None if _agree(grid, ("new", "carried-over"), ("total", "carried-forward")) else (
            _columns_of(grid, ("new", "carried-over", "total", "carried-forward")))
        if outcomes is None and balance is None:
            return
        for index, column in enumerate(T3_COLUMNS):
            if outcomes is not None:
                parts = outcomes[index]
                found = grid["total"][0][index]
                if found is not None and None not in parts and sum(parts) != found:
                    yield self._mismatch(doc, "table-3", "total", column, _cell(rows["total"], 7, index), sum(parts),
                                         found, "outcome-sum")
            if balance is not None:
                new, carried, total, forward = balance[index]
                if None not in (new, carried, total, forward) and new + carried != total + forward:
                    yield self._mismatch(doc, "table-3", "carried-forward", column,
                                         _cell(rows["carried-forward"], 7, index), new + carried - total, forward,
                                         "balance")

    def _arithmetic4(self, doc: Document, table: Table) -> Iterator[Hit]:
        row = table.rows.get("data")
        if row is None or len(row.value_texts) < 15:
            return
        values = _counts(row, 15)
        for group in range(3):
            parts, total = values[group * 5:group * 5 + 4], values[group * 5 + 4]
            if total is not None and None not in parts and sum(parts) != total:
                yield self._mismatch(doc, "table-4", "data", T4_COLUMNS[group * 5 + 4], _cell(row, 15, group * 5 + 4),
                                     sum(parts), total, "appeal-total")

    def _mismatch(self, doc, table, row, column, cell, expected, found, identity) -> Hit:
        return self._cell_hit(
            doc, cell, "arithmetic",
            {"table": table, "row": row, "column": column, "expected": expected, "found": found,
             "identity": identity},
            {"table_name": _local(_TABLE_NAMES[table]), "row_name": _row_name(table, row),
             "column_name": _column_name(table, column), "identity_text": _local(_IDENTITIES[identity])})


def _counts(row: Row, last: int) -> tuple[int | None, ...]:
    """The counts (Cell.count) of the row's last `last` values, from their texts: no cells built."""
    return _remembered_counts(row.value_texts[-last:])


def _read_counts(texts: tuple[str, ...]) -> tuple[int | None, ...]:
    """The counts of value texts. Texts that are all digits, with nothing to strip, are counts
    as they are (`int`)."""
    return tuple(map(int if all_counts(texts) else count_of, texts))


# the same rows (of zeros, above all) recur from report to report, and a lookup by the tuple of
# texts costs a fraction of reading them
_remembered_counts = per_value(_read_counts, maxsize=4096)


# the fields of a grid entry (counts, complete, expected), read in C
_COUNTS, _COMPLETE, _EXPECTED = itemgetter(0), itemgetter(1), itemgetter(2)
_NO_COUNTS = ((None,) * 7, False, None)  # the entry of a row with fewer than 7 values
_VALUE_TEXTS = attrgetter("value_texts")


def _read_row3(texts: tuple[str, ...]) -> tuple[tuple[int | None, ...], bool, int | None]:
    """A table 三 row's entry in the grid, from its value texts: the counts of its last 7 values (`_counts`),
    whether they are all counts, and the 总计 they should have when the row's own 总计 differs from
    the sum of its six applicant columns (None when it agrees or a count is missing): the row-total
    identity depends on the row's texts alone. A row with fewer than 7 values has no counts
    (_NO_COUNTS), and so takes part in no identity, as an absent row."""
    if len(texts) < 7:
        return _NO_COUNTS
    values = _read_counts(texts[-7:])  # not _remembered_counts: this entry is remembered already
    if None in values:
        return values, False, None
    expected = sum(values[:6])
    return values, True, (expected if values[6] != expected else None)


# remembered as `_remembered_counts` is: a row's texts recur, and so does its row-total answer
_remembered_row3 = per_value(_read_row3, maxsize=4096)


def _agree(grid: dict, parts: tuple[str, ...], wholes: tuple[str, ...]) -> bool:
    """Whether the rows `parts` of a table 三 grid add up to the rows `wholes` in every column, all
    of them there with 7 counts each: then the identity has no finding in any column. (False
    when a row or a count is missing: that identity is then checked column by column.)"""
    entries = list(map(grid.get, parts + wholes))
    if None in entries or not all(map(_COMPLETE, entries)):
        return False
    return _column_sums(entries[:len(parts)]) == _column_sums(entries[len(parts):])


def _column_sums(entries: list) -> tuple[int, ...]:
    return tuple(map(sum, zip(*map(_COUNTS, entries))))


def _columns_of(grid: dict, keys) -> list[tuple[int | None, ...]] | None:
    """The counts of the rows `keys` of a table 三 grid, column by column (None unless every
    row is in the grid)."""
    if not all(key in grid for key in keys):
        return None
    return list(zip(*(grid[key][0] for key in keys)))


def _cell(row: Row, last: int, index: int) -> Cell:
    """Cell `index` of the row's last `last` values (built only for a finding)."""
    return row.values[-last:][index]


def _expected_cells() -> dict[tuple[str, str | None], dict[str, int]]:
    """Values per row, by table (and, for table 三, variant): fixed, so worked out once."""
    heads = [k for k, *_ in T3_ROWS if k not in T3_LEAVES]
    return {("table-3", "standard-2021"): {k: 7 for k in heads + list(T3_LEAVES)},
            ("table-3", "trial-2019"): {k: 7 for k in heads + list(T3_TRIAL_LEAVES)},
            ("table-4", None): {"data": 15},
            ("table-2", None): {key: count for key, _, _, _, count in T2_ROWS}}


def _row_name(table: str, key: str) -> dict:
    if table == "table-4":
        return {"zh": "数据", "en": "data"}
    return _local(row_names(key))


def _column_name(table: str, column: str) -> dict:
    if table == "table-3":
        return _local(T3_COLUMN_NAMES[column])
    if table == "table-4":
        return _local(T4_COLUMN_NAMES[column])
    return _local(_T2_COLUMN_NAMES.get(column, (column, column)))


_T2_COLUMN_NAMES = {"issued": ("本年制发件数", "issued this year"), "repealed": ("本年废止件数", "repealed this year"),
                    "in-force": ("现行有效件数", "in force"), "decisions": ("本年处理决定数量", "decisions this year"),
                    "amount": ("本年收费金额（万元）", "amount collected (10,000 yuan)")}


def _columns(table: str, key: str, count: int) -> list[str]:
    if table == "table-3":
        return list(T3_COLUMNS)
    if table == "table-4":
        return list(T4_COLUMNS)
    if key in ("regulations", "normative-documents"):
        return ["issued", "repealed", "in-force"]
    return ["amount" if key == "fees" else "decisions"]


_EXPECTED_CELLS = _expected_cells()
