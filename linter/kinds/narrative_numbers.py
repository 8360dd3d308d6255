"""narrative-numbers: counts quoted in the text agree with the statistics table.

What it checks:
    Sentences such as “共收到政府信息公开申请46件” or “上年结转2件” (the configured
    `patterns`, each with a named group `count` and tied to a row of table 三) are
    compared with the 总计 column of that table; a pattern with `with_carried_over`
    (“受理/办理…申请N件”) may also equal 一 + 二. One finding per mismatch, at the number, naming the table, row,
    expected and found values. No finding when the table is absent or incomplete.

Why:
    The overview repeats the key figures of table 三; a figure edited in one place
    and not the other is a frequent error (the practitioners' checks compare
    narrative and table totals), and readers quote the narrative.

Fails:
    “全年共收到政府信息公开申请48件” when table 三 row 一 总计 is 46.

Passes:
    “全年共收到政府信息公开申请46件”.

Options:
    patterns: list of {row: "new" or "carried-over", pattern: regex with (?P<count>…),
        with_carried_over: also accept 一 + 二 (default false)}.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter import regexes
from linter.document import Document
from linter.finding import Hit
from linter.kinds.base import RuleKind, options_model
from linter.kinds.patterns import MATCH_TIMEOUT
from linter.tables import Table, count_of, statistics_tables

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see linter.records)
if TYPE_CHECKING:
    from linter.kinds.options import NarrativeNumbersOptions


class NarrativeNumbers(RuleKind):
    __doc__ = __doc__
    name = "narrative-numbers"
    Options = options_model("linter.kinds.options:NarrativeNumbersOptions")
    plain_options = True
    messages = {
        "default": {"zh": "正文所述 {found} 件与表三“{row_name}”总计 {expected} 件不一致",
                    "en": "the text says {found}, but table 3 '{row_name}' totals {expected}"},
    }

    def check(self, doc: Document, options: NarrativeNumbersOptions) -> Iterator[Hit]:
        table = statistics_tables(doc).table3
        if not table.rows:  # nothing to compare with: no pattern is searched for
            return
        for spec in options.patterns:
            expected = _total(table, spec.row)
            if expected is None:
                continue
            accepted = {expected}
            carried_over = _total(table, "carried-over") if spec.with_carried_over and spec.row == "new" else None
            if carried_over is not None:
                accepted.add(expected + carried_over)
            for match in regexes.compile(spec.pattern).finditer(doc.view, timeout=MATCH_TIMEOUT):
                found = int(match.group("count"))
                if found in accepted:
                    continue
                start, end = doc.source_span(match.start("count"), match.end("count"))
                yield Hit(start, end,
                          data={"table": "table-3", "row": spec.row, "column": "total", "expected": expected,
                                "found": found},
                          args={"row_name": {"zh": "本年新收" if spec.row == "new" else "上年结转",
                                             "en": "new applications" if spec.row == "new" else "carried over"}})


def _total(table: Table, key: str) -> int | None:
    """The 总计 (last) count of a row of table 三 with its 7 numbers, or None.

    Only the rows the patterns name are read (two of the table's 25), each when asked for.
    """
    row = table.rows.get(key)
    if row is None or len(row.value_texts) < 7:
        return None
    return count_of(row.value_texts[-1])
