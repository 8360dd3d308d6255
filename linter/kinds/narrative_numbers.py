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

import functools
from collections.abc import Iterator

from linter import regexes
from linter.document import Document
from linter.finding import Hit
from linter.kinds.base import RuleKind, options_model
from linter.kinds.patterns import timeout_for
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
            pattern = _pattern_for(spec.pattern, doc.view)
            if pattern is None:
                continue
            for match in pattern.finditer(doc.view, timeout=timeout_for(pattern)):
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


# A pattern that starts with a group of words, (?:收到|接收)申请…, makes the regex module try the
# group at every character of the view, two to four times as long as its scan for a pattern with a
# literal prefix (收到申请…), which it finds with a string search. A report seldom holds more than
# one of the words, and where the others are absent the group matches what that word alone does:
# the pattern then runs as (?:收到)申请… (tests/test_narrative_numbers_prefix.py compares the findings).
_WORD = r"[^\\()\[\]{}|.*+?^$#\s]+"  # characters that stand for themselves in any pattern, (?x) too
_LEADING_GROUP = regexes.compile(rf"\(\?:((?:{_WORD}\|)+{_WORD})\)(?![?*+{{])(.*)", regexes.S)


@functools.lru_cache(maxsize=256)
def _leading_words(pattern: str) -> tuple[tuple[str, ...], str] | None:
    """(words, rest) of a pattern (?:word|word…)rest; None for any other pattern.

    Not for a pattern that ignores case, where an absent word may still match: ignoring case
    is the only flag that makes a word match something other than itself.
    """
    found = _LEADING_GROUP.fullmatch(pattern)
    if found is None or regexes.compile(pattern).flags & regexes.IGNORECASE:
        return None
    return tuple(found.group(1).split("|")), found.group(2)


def _pattern_for(pattern: str, text: str):
    """The compiled pattern, with its leading group reduced to the one word of it `text`
    holds; None when `text` holds none of its words (no match)."""
    leading = _leading_words(pattern)
    if leading is None:
        return regexes.compile(pattern)
    words, rest = leading
    present = [word for word in words if word in text]
    if not present:
        return None
    return regexes.compile(f"(?:{present[0]}){rest}" if len(present) == 1 else pattern)
