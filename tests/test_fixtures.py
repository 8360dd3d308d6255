"""Every fixture gives the findings its name says, at the right line and column of the original."""

from __future__ import annotations

import regex
import pytest

from conftest import FIXTURES

from linter.engine import lint, load_document
from linter.ruleset import load_ruleset

CLEAN = {
    "good-report.txt": "utf-8",
    "good-report.gb18030.txt": "gb18030",
    "good-report.utf8-bom.txt": "utf-8-sig",
    "good-report.utf16.txt": "utf-16",
    "traditional-report.big5.txt": "big5",
    "good-report.md": "utf-8",
    "good-report.html": "utf-8",
    "near-miss-prose.txt": "utf-8",
}

# fixture -> [(rule, line, column, data items that must be present)]
EXPECTED = {
    "missing-organisation.txt": [("missing-section", 1, 1, {"section": "organisation"})],
    "missing-rules.txt": [("missing-section", 1, 1, {"section": "rules"})],
    "missing-platforms.txt": [("missing-section", 1, 1, {"section": "platforms"})],
    "missing-content.txt": [("missing-section", 1, 1, {"section": "content"})],
    "missing-applications.txt": [("missing-section", 1, 1, {"section": "applications"})],
    "missing-problems-remedies.txt": [("missing-section", 1, 1, {"section": "problems-remedies"})],
    "no-publish-date.txt": [("missing-publish-date", 1, 1, {"reason": "absent"})],
    "no-source.txt": [("missing-source", 1, 1, {"reason": "absent"})],
    "markings.txt": [
        ("confidential-marker", 1, 1, {"marker": "机密★10年"}),
        ("confidential-marker", 2, 1, {"marker": "内部资料"}),
        ("confidential-marker", 6, 172, {"marker": "内部使用"}),
        ("confidential-marker", 6, 177, {"marker": "不得外传"}),
        ("confidential-marker", 8, 1, {"marker": "CONFIDENTIAL"}),
        ("confidential-marker", 31, 1, {"marker": "密级:秘密"}),
    ],
    "markup-debris.txt": [
        ("markup-debris", 2, 34, {"debris": "字体:[大 中 小]"}),
        ("markup-debris", 7, 145, {"debris": "&nbsp;"}),
        ("markup-debris", 7, 151, {"debris": "&nbsp;"}),
        ("markup-debris", 13, 256, {"debris": "?! ?/p>"}),
        ("markup-debris", 22, 173, {"debris": "</p>"}),
    ],
    "mojibake.txt": [
        ("mojibake", 13, 1, {"kind": "gbk-decoded-utf8"}),
        ("mojibake", 22, 67, {"kind": "replacement-character", "text": "\ufffd"}),
    ],
}


def _findings(name: str):
    doc = load_document(str(FIXTURES / name))
    return doc, lint(doc, load_ruleset("cn-ogi-2008"), "zh")


@pytest.mark.parametrize("name,encoding", sorted(CLEAN.items()))
def test_clean_fixture_has_no_findings(name, encoding):
    doc, findings = _findings(name)
    assert doc.encoding == encoding
    assert [(f.rule, f.line, f.column, f.message) for f in findings] == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_findings(name):
    _, findings = _findings(name)
    got = [(f.rule, f.line, f.column) for f in findings]
    assert got == [(rule, line, column) for rule, line, column, _ in EXPECTED[name]]
    for finding, (_, _, _, data) in zip(findings, EXPECTED[name]):
        assert {key: finding.data.get(key) for key in data} == data


def test_marking_positions_point_at_the_marking_in_the_original():
    lines = (FIXTURES / "markings.txt").read_text(encoding="utf-8").split("\n")
    _, findings = _findings("markings.txt")
    for finding in findings:
        original = lines[finding.line - 1][finding.column - 1:finding.end_column - 1]
        assert original.replace("：", ":") == finding.data["marker"]


def test_pinyin_fixture_reports_every_annotation_where_it_stands():
    text = (FIXTURES / "pinyin-corrupted.txt").read_text(encoding="utf-8")
    expected = []
    for number, line in enumerate(text.split("\n"), 1):
        for match in regex.finditer(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", line):
            expected.append((number, match.start() + 1, match.group()))
    _, findings = _findings("pinyin-corrupted.txt")
    assert {f.rule for f in findings} == {"pinyin-annotation", "traditional-conversion"}
    pinyin = [f for f in findings if f.rule == "pinyin-annotation"]
    assert [(f.line, f.column, f.data["annotation"]) for f in pinyin] == expected
    assert len(expected) == 134
    converted = [f for f in findings if f.rule == "traditional-conversion"]
    assert len(converted) == 1 and converted[0].data["characters"] > 100


def test_traditional_and_annotated_copies_have_the_view_of_the_good_report():
    good = load_document(str(FIXTURES / "good-report.txt"))
    for name in ("pinyin-corrupted.txt", "traditional-report.big5.txt", "good-report.gb18030.txt"):
        assert load_document(str(FIXTURES / name)).view == good.view, name


def test_html_and_markdown_find_the_same_headings_as_text():
    headings = load_document(str(FIXTURES / "good-report.txt")).headings
    assert [h.title for h in headings if h.level == 2] == [
        "一、加强组织领导", "二、健全规章制度", "三、拓宽公开平台", "四、主动公开政府信息情况",
        "五、依申请公开情况", "六、存在的主要问题和改进措施"]
    titles = [h.title for h in headings]
    for name in ("good-report.md", "good-report.html"):
        found = [h.title for h in load_document(str(FIXTURES / name)).headings]
        assert [t for t in found if t in titles] == titles, name
