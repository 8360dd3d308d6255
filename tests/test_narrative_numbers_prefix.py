"""narrative-mismatch runs a pattern that starts with a group of words as the one word the text holds.

`_pattern_for` turns (?:收到|接收)申请… into (?:收到)申请… in a view that holds 收到 and not
接收 (the regex module finds a literal prefix with a string search instead of trying the group
at every character), and skips it in a view that holds none of the words. These tests compare
the findings with the patterns as written, run over the whole view, on the built-in rule over
generated reports and fixtures, and on texts made of the patterns' pieces.
"""

from __future__ import annotations

import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from linter import regexes
from linter.kinds.narrative_numbers import NarrativeNumbers, _leading_words, _pattern_for
from linter.ruleset import load_ruleset
from linter.tables import count_of, statistics_tables

from test_forbidden_terms_windows import ROOT, _decoded, _generated_reports
from test_view_mapping import doc_of

BUILTIN = next(rule for rule in load_ruleset("cn-ogi-2021").rules if rule.id == "narrative-mismatch")


def findings_as_written(doc, options) -> list:
    """The rule's findings (start, end, data) as first worked out: each pattern as written."""
    table = statistics_tables(doc).table3
    totals = {key: count_of(row.value_texts[-1]) for key, row in table.rows.items() if len(row.value_texts) >= 7}
    found = []
    for spec in options.patterns if table.rows else ():
        if totals.get(spec.row) is None:
            continue
        accepted = {totals[spec.row]}
        if spec.with_carried_over and spec.row == "new" and totals.get("carried-over") is not None:
            accepted.add(totals[spec.row] + totals["carried-over"])
        for match in regex.finditer(spec.pattern, doc.view):
            if int(match.group("count")) not in accepted:
                start, end = doc.source_span(*match.span("count"))
                found.append((start, end, {"table": "table-3", "row": spec.row, "column": "total",
                                           "expected": totals[spec.row], "found": int(match.group("count"))}))
    return found


def _hits(doc, options) -> list:
    return [(hit.start, hit.end, hit.data) for hit in NarrativeNumbers().check(doc, options)]


def _mutated(text: str):
    """The text, and copies whose counts no longer agree with the table and that use the other words."""
    yield text
    wrong = regex.sub(r"(\d+)(\s*件)", lambda m: f"{int(m.group(1)) + 1}{m.group(2)}", text)
    yield wrong
    yield wrong.replace("收到", "接收").replace("办理", "受理")  # only the other word of each group
    yield wrong.replace("收到", "接收", 1).replace("办理", "受理", 1)  # both words of a group, mostly
    yield wrong.replace("收到", "").replace("接收", "")  # none of the words


def test_builtin_rule_finds_the_same_on_generated_reports_and_fixtures():
    texts = list(_generated_reports(300))
    texts += [_decoded(p.read_bytes()) for p in sorted((ROOT / "fixtures").rglob("*.txt"))]
    reduced = found = 0
    for text in (mutated for text in texts for mutated in _mutated(text)):
        doc = doc_of(text)
        expected = findings_as_written(doc, BUILTIN.options)
        assert _hits(doc, BUILTIN.options) == expected
        found += bool(expected)
        reduced += any(_pattern_for(spec.pattern, doc.view) is not regexes.compile(spec.pattern)
                       for spec in BUILTIN.options.patterns)
    assert found > 200 and reduced > 500  # mismatches were found, and most views ran a reduced pattern


def test_the_leading_group_of_words_is_read():
    rest = r"(?:各类)?申请(?P<count>\d+)件"
    assert _leading_words("(?:收到|接收)" + rest) == (("收到", "接收"), rest)
    assert _leading_words("(?:共|共计)申请") == (("共", "共计"), "申请")
    assert _leading_words("(?:收到|接收)a|b") == (("收到", "接收"), "a|b")
    # a scoped flag leaves the words alone
    assert _leading_words("(?:收到|接收)(?i:a)") == (("收到", "接收"), "(?i:a)")
    for pattern in ["上年(?:度)?结转", "(收到|接收)x", "(?:收到|接收)?x", "(?:收到|接收)*x", "(?:收到|接收)+x",
                    "(?:收到|接收){1,2}x", "(?:收到|)x", "(?:a b|c)d", "(?:a#|c)d", r"(?:\d|c)d", "(?:a.|c)d",
                    "(?:[ab]|c)d", "(?:(?:a|b)|c)d", "(?i)(?:收到|接收)x", "(?:收到|接收)x(?i)",
                    "x(?:收到|接收)"]:
        assert _leading_words(pattern) is None, pattern


def test_the_group_is_reduced_to_the_word_the_text_holds():
    pattern = BUILTIN.options.patterns[0].pattern
    assert pattern.startswith("(?:收到|接收)")
    assert _pattern_for(pattern, "共收到申请3件").pattern == "(?:收到)" + pattern[len("(?:收到|接收)"):]
    assert _pattern_for(pattern, "共接收申请3件").pattern == "(?:接收)" + pattern[len("(?:收到|接收)"):]
    assert _pattern_for(pattern, "收到申请3件，接收申请2件").pattern == pattern
    assert _pattern_for(pattern, "申请3件") is None


# -- patterns with a leading group of words, on texts made of their pieces -----------------

PATTERNS = [
    r"(?:收到|接收)(?:各类|群众)?申请(?:共计?)?\s*(?P<count>\d+)\s*件",
    r"(?:共|共计)(?P<count>\d+)件",
    r"(?:受理|办理)申请(?P<count>\d+)件|上年结转(?P<count>\d+)件",
    r"(?:收到|收)(?<=收到)(?P<count>\d+)件",
    r"(?:收到|到申)(?P<count>\d+)(?=件)",
]
PIECES = ["收到", "接收", "受理", "办理", "收", "到", "申请", "各类", "共", "共计", "上年结转", "件", "3", "12", "46",
          " ", "\n", "，", "。"]
TABLE = "\n".join(["三、收到和处理政府信息公开申请情况",
                   "一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3",
                   "二、上年结转政府信息公开申请数量\t12\t0\t0\t0\t0\t0\t12"])


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.sampled_from(PATTERNS),
       st.sampled_from(["new", "carried-over"]), st.booleans())
@example(["收到", "3", "件", "接收", "申请", "46", "件"], PATTERNS[0], "new", False)
@example(["共计", "12", "件"], PATTERNS[1], "carried-over", False)
def test_findings_are_those_of_the_pattern_as_written(pieces, pattern, row, with_carried_over):
    options = NarrativeNumbers().Options(patterns=[{"row": row, "pattern": pattern,
                                                    "with_carried_over": with_carried_over}])
    doc = doc_of("".join(pieces) + "\n" + TABLE + "\n")
    assert _hits(doc, options) == findings_as_written(doc, options)
