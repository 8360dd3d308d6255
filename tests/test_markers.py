"""The one-pass marker scan: what a pattern needs, and that skipping patterns changes nothing.

linter.literals reads the strings a pattern's matches cannot do without;
linter.markers finds all of them in one pass; forbidden-terms then runs only the
patterns whose strings are present, part by part. The property tests check that
the findings are exactly those of the whole alternation run on the whole text.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from linter import markers
from linter.frozen import Frozen
from linter.kinds.forbidden_terms import ForbiddenTerms
from linter.literals import analyse, required_literals

from test_view_mapping import doc_of


@pytest.mark.parametrize("pattern, clauses", [
    ("内部资料", [{"内部资料"}]),
    (r"(?:绝密|机密|秘密)\s*★", [{"绝密", "机密", "秘密"}, {"★"}]),
    (r"份\s*号\s*[:：]\s*\d{1,6}", [{"份"}, {"号"}]),  # the colon and digits are in every document
    (r"(?<![A-Za-z])[X×]{2,}(?![A-Za-z])", [{"XX", "X×", "×X", "××"}]),
    (r"(?<=[\p{Han}\d])x{2,}", [{"xx"}]),
    (r"^[ \t]*\d{6}[ \t]*(?=\n[ \t]*(?:绝密|机密))", [{"绝密", "机密"}]),  # a lookahead's text is there too
    (r"(?<![A-Za-z])DRAFT(?![A-Za-z])", [{"DRAFT"}]),
    (r"TODO|x+|FIXME", [{"TODO", "x", "FIXME"}]),
    (r"TODO|\d+|FIXME", []),  # one alternative needs nothing rare: nothing is known
    (r"\d{6}", []),
    # a table cell holding a placeholder: the tab or | is in every table, but ?, *, _ and their
    # full-width forms seldom are in a report, so they still make a marker
    (r"(?<=\t|\|)[ \t]*(?:[X×*＊?？]{1,3}|_{2,})[ \t]*(?=\t|\||$)", [{"X", "×", "*", "＊", "?", "？", "__"}]),
    (r"[,，。]\s*(?:TODO|待定)", [{"TODO", "待定"}]),  # everyday punctuation still makes none
])
def test_required_literals(pattern, clauses):
    assert [set(c) for c in required_literals(pattern)] == clauses


@pytest.mark.parametrize("pattern", [
    r"(?i)secret",           # an inline flag changes the other alternatives too
    r"a(?i:b)c",
    r"[[:alpha:]]+机密",      # POSIX class: re would read it as a set of characters
    r"(?V1)[[a-z]--[aeiou]]",  # regex-only syntax
    r"abc\K机密",
    r"(?|a(b)|c(d))",
])
def test_patterns_the_analysis_does_not_follow_are_unknown(pattern):
    assert analyse(pattern) is None


def test_shortest_match_length_is_known():
    assert analyse("x*")[1] == 0
    assert analyse(r"机密\s*★")[1] == 3


def test_scan_finds_every_present_literal_and_only_those():
    scan = markers.MarkerScan(["机密", "★", "内部资料", "DRAFT", "号"])
    assert scan.find("本件机密★，文号：1") == {"机密", "★", "号"}
    assert scan.find("") == frozenset()
    assert scan.find("a\udc80b 机密") == {"机密"}  # a lone surrogate from a bad decode does not break it


def _every_start(text: str, string: str) -> list[int]:
    starts, at = [], text.find(string)
    while at != -1:
        starts.append(at)
        at = text.find(string, at + 1)
    return starts


LITERALS = ["机密", "★", "XX", "X", "密", "\u5bc6\u6a5f", "\U00020000", "\ud840", "a\udc00"]
PIECES = LITERALS + ["国家", "秘", "a", " ", "\n", "\u6a5f", "\u5bc6", "\udc00", "\u0058\u5bc6"]


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
@example(["\u6a5f\u5bc6"])  # 機密: its UTF-16 units 5F 6A C6 5B hold 6A C6, the second half of nothing here
@example(["\ud840", "\udc00"])  # a pair of lone surrogates has the units of U+20000
def test_the_scan_tells_which_strings_occur_and_where(pieces):
    """The UTF-16 scan finds exactly the strings `in` finds, at the starts `str.find` finds;
    no match straddling two characters counts."""
    text = "".join(pieces)
    found = markers.MarkerScan(LITERALS).scan(text)
    assert found.present == {s for s in LITERALS if s in text}
    for string in LITERALS:
        where = found.where(string)
        if where is not None:
            assert where == _every_start(text, string)
    assert (found.where("机密") is None) == any(ch > "\uffff" for ch in text)


@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_where_asked_again_answers_as_a_fresh_scan(pieces):
    """`Found.where` remembers its answers: asked again, or for other strings, it gives what a
    fresh scan of the text gives."""
    text = "".join(pieces)
    scan = markers.MarkerScan(LITERALS)
    found = scan.scan(text)
    questions = [(s,) for s in LITERALS] + [tuple(LITERALS[:3]), tuple(LITERALS[1:])]
    first = [found.where(*strings) for strings in questions]
    assert [found.where(*strings) for strings in reversed(questions)] == first[::-1]
    assert first == [scan.scan(text).where(*strings) for strings in questions]


def test_a_match_between_two_characters_is_no_occurrence():
    # 宫密 (U+5BAB U+5BC6) is AB 5B C6 5B in UTF-16-LE: the units of U+C65B (5B C6) are there,
    # across the two characters, and U+C65B is not
    scan = markers.MarkerScan(["\uc65b", "\u5bc6"])
    straddling = (scan._automaton.index["\uc65b"], 1, 3)
    assert straddling in scan._automaton.search("\u5bab\u5bc6".encode("utf-16-le"))  # the automaton sees it
    found = scan.scan("\u5bab\u5bc6")
    assert found.present == {"\u5bc6"} and found.where("\u5bc6") == [1] and found.where("\uc65b") == []


def test_strings_with_surrogates_are_checked_in_the_text():
    scan = markers.MarkerScan(["\U00020000", "\ud840"])
    assert scan.find("\ud840\udc00") == {"\ud840"}  # two lone surrogates are not U+20000
    assert scan.find("\U00020000") == {"\U00020000"}  # its first unit is no lone \ud840
    assert scan.scan("\U00020000").where("\U00020000") is None


def test_an_unscanned_string_counts_as_present():
    found = markers.Found(frozenset({"机密"}), frozenset())
    assert not found.satisfied((frozenset({"机密"}),))
    assert found.satisfied((frozenset({"TODO"}),))
    assert found.satisfied(None)


# -- the prefiltered rule gives exactly the findings of the whole alternation --------------

OPTIONS = dict(
    terms=["内部资料", "不得外传", "INTERNAL USE ONLY", "某某", "XXX局"],  # XXX局 and [X×]{2,} tie
    patterns=[r"(?:绝密|机密|秘密)\s*★\s*(?:\d+\s*(?:年|个月)|长期)?",
              r"密\s*级\s*[:：]\s*(?:绝密|机密|秘密|内部|[^\s，。；]{1,6})",
              r"^[ \t]*(?:绝密|机密|秘密)[ \t]*$",
              r"(?<![A-Za-z])[X×]{2,}(?![A-Za-z])",
              r"【[^】\n]{0,20}(?:待补充|填写)[^】\n]{0,20}】",
              r"(?<=\t|\|)[ \t]*(?:[X×*＊?？]{1,3}|_{2,})[ \t]*(?=\t|\||$)",
              r"(?<![A-Za-z])(?:TODO|FIXME)(?![A-Za-z])"],
    exclude=["此件公开发布"], ignore_case=False, header_lines=None, data_key="term")

FRAGMENTS = ["机密", "绝密", "秘密", "★", "10年", "长期", "密级：", "内部", "内部资料", "不得外传", "INTERNAL USE ONLY",
             "XX", "××", "X", "【", "】", "待补充", "填写", "\t", "|", "？", "__", "TODO", "FIXME", "某某",
             "此件公开发布", "\n", " ", "。", "工作", "保守国家秘密", "号", "年度报告", "局"]


def _hits(doc, options, scanned: bool):
    kind = ForbiddenTerms()
    frozen = Frozen(options)
    if scanned:
        markers.record(doc, markers.MarkerScan(kind.markers(frozen)))
    return [(h.start, h.end, h.data) for h in kind.check(doc, frozen)]


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
@example(["XX", "X", "局", "\t", "XX", "\t"])  # two parts match at one place: the first part wins
@example(["密级：", "秘密", "★", "10年", "\n", "机密", "\n"])
def test_prefiltered_findings_equal_the_whole_alternation(pieces):
    text = "".join(pieces)
    assert _hits(doc_of(text), OPTIONS, scanned=True) == _hits(doc_of(text), OPTIONS, scanned=False)


def test_a_rule_with_an_inline_flag_runs_whole():
    options = dict(OPTIONS, patterns=OPTIONS["patterns"] + [r"(?i)internal"])
    text = "本材料 Internal 使用。机密★"
    assert _hits(doc_of(text), options, scanned=True) == _hits(doc_of(text), options, scanned=False)
    assert {h[2]["term"] for h in _hits(doc_of(text), options, scanned=True)} == {"Internal", "机密★"}


def test_the_scan_finds_the_same_strings_with_either_automaton(monkeypatch):
    """The first documents are scanned by an automaton that is quick to build, the rest by one
    quick to search: every answer is the strings that occur, before and after the switch."""
    import random

    from linter.markers import QUICK_BUILD_SCANS, MarkerScan

    monkeypatch.setattr(markers, "_automata", {})  # no scan of these strings before
    literals = ["绝密", "机密", "秘密", "★", "内部资料", "XX", "X×", "?", "__", "TODO", "密"]
    rng = random.Random(3)
    pieces = literals + ["国家", "公开", "a", " ", "\n", "X", "_", "×"]
    scan = MarkerScan(literals)
    for _ in range(QUICK_BUILD_SCANS * 3):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert scan.find(text) == {s for s in literals if s in text}, text
    assert scan._automaton.scans == QUICK_BUILD_SCANS * 3


def test_scans_of_the_same_strings_share_one_automaton(monkeypatch):
    """The rulesets of a run mostly need the same strings: their scans build one automaton."""
    from linter.markers import QUICK_BUILD_SCANS, MarkerScan

    monkeypatch.setattr(markers, "_automata", {})
    first, second, other = MarkerScan(["机密", "★"]), MarkerScan(["★", "机密", ""]), MarkerScan(["机密"])
    assert first._automaton is second._automaton and other._automaton is not first._automaton
    for index in range(QUICK_BUILD_SCANS + 2):
        assert (first if index % 2 else second).find("本件机密★") == {"机密", "★"}
    assert first._automaton.scans == QUICK_BUILD_SCANS + 2 and other._automaton.scans == 0
    monkeypatch.setattr(markers, "_MAX_AUTOMATA", 2)
    assert MarkerScan(["秘密"])._automaton is not first._automaton  # past the bound: start again
    assert MarkerScan(["机密", "★"])._automaton is not first._automaton


def test_a_recorded_scan_is_found_for_its_document_alone_and_dropped_with_it():
    import gc

    scan = markers.MarkerScan(["机密"])
    doc, other = doc_of("机密★"), doc_of("机密★")
    outcome = markers.record(doc, scan)
    assert markers.found(doc) is outcome and outcome.present == {"机密"}
    assert markers.found(other) is None
    kept = len(markers._found)
    del doc
    gc.collect()
    assert len(markers._found) == kept - 1


def test_the_plan_of_a_rules_options_is_remembered_for_those_options():
    from linter.kinds import forbidden_terms

    first, same = Frozen(OPTIONS), Frozen(dict(OPTIONS))
    plan = forbidden_terms._plan_of(first)
    assert forbidden_terms._plan_of(first) is plan
    assert plan is forbidden_terms._plan(tuple(OPTIONS["terms"]), tuple(OPTIONS["patterns"]), False)
    assert forbidden_terms._plan_of(same) is plan  # (the same terms and patterns: `_plan`'s cache)
    other = Frozen(dict(OPTIONS, terms=["另一个词"]))
    assert forbidden_terms._plan_of(other).strings != plan.strings
