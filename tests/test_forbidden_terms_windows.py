"""forbidden-terms runs a part only in the runs of its characters around its marker strings.

`_windows` cuts the view into the spans that can hold a part's matches (runs of the
characters `_reach` says the part is made of, around an occurrence of a string of one
of its clauses); `_alternation` searches those alone. These tests compare the findings
with the whole alternation run over the whole text, on the built-in rules over real and
generated reports and on patterns that use every construct `_reach` follows.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from linter import markers
from linter.frozen import Frozen
from linter.kinds.forbidden_terms import ForbiddenTerms, _alternation, _plan, _reach, _windows
from linter.kinds.patterns import compile_any
from linter.ruleset import load_ruleset

from test_view_mapping import doc_of

ROOT = Path(__file__).resolve().parent.parent


def _hits(doc, options, scanned: bool):
    kind = ForbiddenTerms()
    if scanned:
        markers.record(doc, markers.MarkerScan(kind.markers(options)))
    return [(h.start, h.end, h.data) for h in kind.check(doc, options)]


def _builtin_rules():
    rules = {}
    for name in ("common", "cn-ogi-2021", "cn-ogi-2008"):
        for rule in load_ruleset(name).rules:
            if rule.kind_name == "forbidden-terms":
                rules[rule.id] = rule
    return list(rules.values())


def _generated_reports(count: int):
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    for index in range(count):
        name, data, _ = corpus.document(6, index)
        if name.endswith(".txt"):
            yield _decoded(data)


def _decoded(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("big5", "replace")


def test_builtin_rules_find_the_same_on_generated_reports_and_fixtures():
    texts = list(_generated_reports(300))
    texts += [_decoded(p.read_bytes()) for p in sorted((ROOT / "fixtures").rglob("*.txt"))]
    texts.append("000123\n  机密 \n【秘密】 秘密★10年 国家秘密\t0\t1\n份号：000001\nCONFIDENTIAL\n")
    rules = _builtin_rules()
    assert {"confidential-marker", "template-leftover"} <= {rule.id for rule in rules}
    used = 0
    for text in texts:
        for rule in rules:
            doc = doc_of(text)
            assert _hits(doc, rule.options, True) == _hits(doc_of(text), rule.options, False), rule.id
        used += "秘密" in text
    assert used > 50  # the reports hold 秘密 (属于国家秘密): the windows were searched


def test_a_standard_report_is_searched_in_short_windows():
    rule = next(rule for rule in _builtin_rules() if rule.id == "confidential-marker")
    text = "（三）不予公开\t1.属于国家秘密\t0\t0\t0\n" + "本机关严格执行保守国家秘密法。\n" * 3 + "正文" * 500
    doc = doc_of(text)
    scan = markers.record(doc, markers.MarkerScan(ForbiddenTerms().markers(rule.options)))
    plan = _plan(tuple(rule.options.terms), tuple(rule.options.patterns), False)
    lines = [part for part in plan.parts if part[0].startswith("^[ \\t]*(?:绝密")]
    assert len(lines) == 1
    windows = _windows(doc.view, scan, *lines[0])
    assert windows is not None and len(windows) == 4
    assert sum(end - start for start, end in windows) < 60


# -- patterns with every construct _reach follows, on texts made of their pieces -----------

PATTERNS = [
    r"^[ \t]*\d{6}[ \t]*(?=\n[ \t]*(?:绝密|机密|秘密))",
    r"[【\[]\s*(?:绝密|机密|秘密)\s*[】\]]",
    r"^[ \t]*(?:绝密|机密|秘密)[ \t]*$",
    r"(?<![A-Za-z])(?:TOP SECRET|SECRET//[A-Z/]*)(?![A-Za-z])",
    r"\b机密\b",
    r"\B秘密\B",
    r"(?<=份\s*号)\s*\d+",
    r"(?<!国家)秘密.",
    r"内部[^\n。]{0,3}资料",
    r"(秘|机)密\1",
    r"(?:机密)(?=[^★]*★)",
    r"(?>密\s*级)\s*[:：]",
    r"绝密$",
    r"(?P<a>机)?密(?(a)X|Y)",
]
PIECES = ["机密", "绝密", "秘密", "国家", "★", "【", "】", "[", "]", "份号", "：", ":", "000001", "12", "\n", " ",
          "\t", "TOP SECRET", "SECRET//NF", "A", "x", "。", "内部", "资料", "密级", "X", "Y", "机", "密", "秘"]


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.sets(st.sampled_from(PATTERNS), min_size=1, max_size=4),
       st.integers(0, 200))
@example(["000001", "\n", "机密"], {PATTERNS[0]}, 200)
@example(["国家", "秘密", "\t", "12", "\n", " ", "秘密", " "], {PATTERNS[2], PATTERNS[7]}, 200)
@example(["机密", "\n"], {PATTERNS[12]}, 2)  # the limit cuts a window: $ at the limit, as in the whole search
def test_windowed_alternation_is_the_whole_alternation(pieces, patterns, limit):
    text = "".join(pieces)
    limit = min(limit, len(text))
    parts = tuple(sorted(patterns))
    plan = _plan((), parts, False)
    scan = markers.MarkerScan(s for _, clauses in plan.parts for clause in clauses or () for s in clause)
    found = markers.Found(scan.known, scan.find(text))
    kept = [part for part in plan.parts if found.satisfied(part[1])]
    windows = [_windows(text, found, pattern, clauses) for pattern, clauses in kept]
    windowed = [m.span() for m in _alternation(tuple(p for p, _ in kept), False, windows)(text, limit)]
    whole = [m.span() for m in compile_any(parts).finditer(text, 0, limit)]
    assert windowed == whole


@pytest.mark.parametrize("pattern", [
    r"机密{e<=1}",          # fuzzy matching in regex: any character may stand in
    r"\p{Han}机密",          # regex-only syntax
    r"a(?s:.)机密",          # scoped flags
    r"[[:alpha:]]机密",
    r"\A机密",               # \A and \Z see the ends of the search, not of the text
    r"机密\Z",
])
def test_patterns_reach_does_not_follow_are_searched_whole(pattern):
    assert _reach(pattern) is None


def test_reach_is_the_characters_of_the_pattern():
    import regex

    reach = regex.compile(_reach(r"[【\[]\s*(?:绝密|机密)\s*[】\]]"))
    assert all(reach.fullmatch(c) for c in "【[ \t\n\u3000绝机密】]")
    assert not any(reach.fullmatch(c) for c in "秘国a1。")


def test_long_or_broad_runs_give_the_whole_text():
    """A run longer than MAX_RUN, or a reach taking nearly any character, is not worth finding:
    `runs` answers None and the whole text is searched (the findings are the same: above)."""
    from linter.kinds.patterns import MAX_RUN, runs

    tight = _reach(r"机密\d*")
    assert runs("正文。机密123。", ["机密"], tight) == [(3, 8)]
    assert runs("正文。机密123。", ["正文", "机密"], tight) == [(3, 8)]  # 正文 is no run of reach characters
    assert runs("正文。机密" + "1" * MAX_RUN + "。", ["机密"], tight) is None  # forward
    assert runs("正文。" + "1" * (MAX_RUN + 1) + "机密。", ["机密"], _reach(r"\d*机密")) is None  # backward
    assert runs("正文。机密" + "1" * (MAX_RUN - 2) + "。", ["机密"], tight) == [(3, 3 + MAX_RUN)]
    broad = _reach(r"机密[^\s，。；]{0,20}")
    assert broad is not None and runs("正文。机密123。", ["机密"], broad) is None


def test_kept_parts_are_the_satisfied_parts_remembered_or_not():
    """`_Plan.kept` remembers its answer per set of present strings: it is always the parts
    that `Found.satisfied` keeps, whatever was scanned for and found, asked once or again."""
    import random

    rng = random.Random(7)
    for rule in _builtin_rules():
        plan = _plan(tuple(rule.options.terms), tuple(rule.options.patterns), rule.options.ignore_case)
        strings = sorted(plan.strings) + ["其他"]
        for _ in range(200):
            scanned = frozenset(s for s in strings if rng.random() < 0.9)
            present = frozenset(s for s in scanned if rng.random() < 0.2)
            found = markers.Found(scanned, present)
            expected = [part for part in plan.parts if found.satisfied(part[1])]
            assert plan.kept(found) == expected and plan.kept(found) == expected, rule.id
