"""The 2021-format fixtures (fixtures/ogi2021/) with the default `auto` ruleset.

Each gives exactly the findings its name says (rule, line, column, data); the
correct reports give none; documents that are not reports get `common` only.
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES

from linter.autoselect import automatic
from linter.engine import check_file

DIR = FIXTURES / "ogi2021"

EXPECTED = {
    "good-2021.txt": ("cn-ogi-2021", []),
    "t3-balance-error.txt": ("cn-ogi-2021", [
        ("table-arithmetic", 62, 13, {"row": "carried-forward", "column": "natural-person", "expected": 2,
                                      "found": 3, "identity": "balance"}),
        ("table-arithmetic", 62, 25, {"row": "carried-forward", "column": "total", "expected": 3, "found": 4}),
    ]),
    "t3-row-total-error.txt": ("cn-ogi-2021", [
        ("table-arithmetic", 41, 43, {"row": "partly-granted", "column": "total", "expected": 5, "found": 6,
                                      "identity": "row-total"}),
        ("table-arithmetic", 61, 21, {"row": "total", "column": "total", "expected": 46, "found": 45,
                                      "identity": "outcome-sum"}),
    ]),
    "t3-outcome-sum-error.txt": ("cn-ogi-2021", [
        ("table-arithmetic", 61, 11, {"row": "total", "column": "business", "expected": 4, "found": 5}),
        ("table-arithmetic", 61, 21, {"row": "total", "column": "total", "expected": 45, "found": 46}),
    ]),
    "t4-total-error.txt": ("cn-ogi-2021", [
        ("table-arithmetic", 68, 9, {"table": "table-4", "column": "review-total", "expected": 2, "found": 3}),
    ]),
    "t3-blank-cell.txt": ("cn-ogi-2021", [
        ("table-structure", 46, 16, {"row": "refused-internal", "column": "natural-person", "reason": "blank-cell"}),
    ]),
    "missing-table-row.txt": ("cn-ogi-2021", [
        ("table-structure", 38, 1, {"row": "refused-security", "reason": "missing-row"}),
    ]),
    "narrative-mismatch.txt": ("cn-ogi-2021", [
        ("narrative-mismatch", 10, 20, {"row": "new", "expected": 46, "found": 52}),
    ]),
    "missing-heading-appeals.txt": ("cn-ogi-2021", [("missing-section", 1, 1, {"section": "appeals"})]),
    "section-order.txt": ("cn-ogi-2021", [
        ("section-order", 18, 1, {"section": "applications", "expected": 3, "found": 2}),
        ("section-order", 48, 1, {"section": "proactive", "expected": 2, "found": 3}),
    ]),
    "invalid-date.txt": ("cn-ogi-2021", [("invalid-date", 2, 6, {"date": "2023-02-30", "reason": "no-such-day"})]),
    "collapsed-date.txt": ("cn-ogi-2021", [
        ("invalid-date", 4, 163, {"date": "202211日", "reason": "collapsed"}),
        ("invalid-date", 4, 172, {"date": "20221231日", "reason": "collapsed"}),
    ]),
    "closing-after-header.txt": ("cn-ogi-2021", [
        ("date-mismatch", 78, 1, {"reason": "closing-after-publication", "closing": "2023-02-10"}),
    ]),
    "closing-implausible-year.txt": ("cn-ogi-2021", [
        ("date-mismatch", 78, 1, {"reason": "closing-before-year-end", "closing": "2021-01-20"}),
    ]),
    "title-year-mismatch.txt": ("cn-ogi-2021", [
        ("report-year-mismatch", 4, 162, {"reason": "period", "title_year": 2022, "period_year": 2021}),
    ]),
    "stray-previous-year.txt": ("cn-ogi-2021", [
        ("report-year-mismatch", 71, 1, {"reason": "previous-year", "found": 2021}),
    ]),
    "late-department.txt": ("cn-ogi-2021", [
        ("late-publication", 2, 6, {"profile": "department", "deadline": "2023-01-31", "days_late": 43}),
    ]),
    "late-government.txt": ("cn-ogi-2021", [
        ("late-publication", 2, 6, {"profile": "government", "deadline": "2023-03-31", "days_late": 10}),
    ]),
    "free-form-2021.txt": ("cn-ogi-2008", [("outdated-format", 1, 1, {"year": 2021})]),
    "personal-data.txt": ("cn-ogi-2021", [
        ("personal-data", 76, 126, {"kind": "resident-id", "masked": "320*************34"}),
        ("personal-data", 76, 152, {"kind": "bank-card", "masked": "622***********65"}),
        ("personal-data", 76, 185, {"kind": "mobile", "masked": "139******78"}),
    ]),
    "template-leftovers.txt": ("cn-ogi-2021", [
        ("template-leftover", 4, 232, {"placeholder": "XX"}),
        ("template-leftover", 16, 23, {"placeholder": "某某"}),
        ("template-leftover", 75, 25, {"placeholder": "【待补充】"}),
        ("template-leftover", 75, 74, {"placeholder": "××"}),
        ("template-leftover", 77, 1, {"placeholder": "(单位名称)"}),
    ]),
    "draft-label.txt": ("cn-ogi-2021", [("draft-label", 1, 25, {"label": "征求意见稿"})]),
    "notice.txt": ("common", []),
    "guide.txt": ("common", []),
    "news.txt": ("common", []),
}


def test_every_fixture_is_listed():
    assert sorted(p.name for p in DIR.glob("*.txt")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture(name):
    ruleset, expected = EXPECTED[name]
    result = check_file(str(DIR / name), name, automatic(None, None, "test"), "zh")
    assert result.ruleset == ruleset, result.ruleset_reason
    got = [(f.rule, f.line, f.column) for f in result.findings]
    assert got == [(rule, line, column) for rule, line, column, _ in expected], \
        [(f.rule, f.line, f.column, dict(f.data)) for f in result.findings]
    for finding, (_, _, _, data) in zip(result.findings, expected):
        assert {key: finding.data.get(key) for key in data} == data


def test_arithmetic_messages_name_table_row_column_and_values_in_both_languages():
    for lang, expected in (
        ("zh", "表三（收到和处理政府信息公开申请情况）“四、结转下年度继续办理”行“自然人”列应为 2，实为 3"),
        ("en", "table 3 (applications), row '4. carried forward', column 'natural persons': expected 2, found 3"),
    ):
        result = check_file(str(DIR / "t3-balance-error.txt"), "x", automatic(None, None, "test"), lang)
        assert result.findings[0].message.startswith(expected), result.findings[0].message


def test_correct_reports_have_nothing_at_error_level():
    for path in (DIR / "good-2021.txt", FIXTURES / "good-report.txt"):
        result = check_file(str(path), path.name, automatic(None, None, "test"), "zh")
        assert [f for f in result.findings if f.severity.label == "error"] == []


@pytest.mark.parametrize("name", ["notice.txt", "guide.txt", "news.txt"])
def test_not_a_report_gets_common_only(name):
    result = check_file(str(DIR / name), name, automatic(None, None, "test"), "en")
    assert result.ruleset == "common"
    assert result.ruleset_reason.startswith("not an OGI annual report")
