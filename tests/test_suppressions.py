"""Inline suppressions, unused-suppression, waivable: false, and configuration waivers."""

from __future__ import annotations

import textwrap

from conftest import lint_text

REPORT = "某局年报\n发布时间：2016-01-01　来源：某局\n"


def rules_and_lines(findings):
    return [(f.rule, f.line) for f in findings]


def test_disable_enable_range_in_markdown(tmp_path):
    text = REPORT + "正文</p>\n<!-- disclint-disable markup-debris -->\n甲</p>\n乙<br>\n<!-- disclint-enable markup-debris -->\n丙</p>\n"
    findings = lint_text(text, ["markup-debris"], ruleset="common", name="a.txt", tmp_path=tmp_path)
    assert rules_and_lines(findings) == [("markup-debris", 3), ("markup-debris", 8)]


def test_disable_next_line_and_plain_text_form(tmp_path):
    text = REPORT + "# disclint-disable-next-line markup-debris -- copied from the old site\n甲</p>\n乙</p>\n"
    findings = lint_text(text, ["markup-debris"], ruleset="common", tmp_path=tmp_path)
    assert rules_and_lines(findings) == [("markup-debris", 5)]


def test_file_level_and_blanket_directives(tmp_path):
    text = "disclint-disable-file\n" + REPORT + "甲</p>\nXX局\n"
    findings = lint_text(text, ["markup-debris", "template-leftover"], ruleset="common", tmp_path=tmp_path)
    assert findings == []


def test_unused_suppression_is_reported(tmp_path):
    text = REPORT + "<!-- disclint-disable-next-line markup-debris -->\n干净的一行\n"
    findings = lint_text(text, ["markup-debris", "unused-suppression"], ruleset="common", tmp_path=tmp_path)
    assert [(f.rule, f.line, f.column, f.severity.label, f.data["reason"]) for f in findings] == [
        ("unused-suppression", 3, 6, "warning", "unused")]


def test_directive_for_a_rule_that_did_not_run_is_not_judged(tmp_path):
    text = REPORT + "<!-- disclint-disable-next-line template-leftover -->\n干净的一行\n"
    assert lint_text(text, ["markup-debris", "unused-suppression"], ruleset="common", tmp_path=tmp_path) == []


def test_secrecy_markings_cannot_be_silenced_inline(tmp_path):
    text = REPORT + "<!-- disclint-disable-next-line confidential-marker -->\n机密★10年\n"
    rules = ["confidential-marker", "unused-suppression"]
    findings = lint_text(text, rules, ruleset="common", tmp_path=tmp_path)
    assert [(f.rule, f.line) for f in findings] == [("unused-suppression", 3), ("confidential-marker", 4)]
    assert findings[0].data["reason"] == "not-waivable"
    assert "cannot be suppressed inline" in lint_text(text, rules, ruleset="common",
                                                       tmp_path=tmp_path, lang="en")[0].message


def test_unused_suppression_can_be_ignored(cli, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text(REPORT + "<!-- disclint-disable-next-line markup-debris -->\n干净的一行\n", encoding="utf-8")
    assert "unused-suppression" in cli("check", "--ruleset", "common", doc).out
    assert "unused-suppression" not in cli("check", "--ruleset", "common", "--ignore", "unused-suppression", doc).out


def test_html_comment_directive(tmp_path):
    html = "<html><body><!-- disclint-disable-next-line markup-debris -->\n<p>正文&amp;nbsp;</p></body></html>\n"
    assert lint_text(html, ["markup-debris"], ruleset="common", name="p.html", tmp_path=tmp_path) == []


def _config(tmp_path, waivers: str):
    (tmp_path / ".disclint.yaml").write_text(textwrap.dedent(waivers), encoding="utf-8")
    doc = tmp_path / "legacy" / "a.txt"
    doc.parent.mkdir(exist_ok=True)
    doc.write_text("机密★10年\n正文。\n", encoding="utf-8")
    return doc


def test_config_waiver_with_reason_and_expiry(cli, tmp_path):
    doc = _config(tmp_path, """
        waivers:
          - rule: confidential-marker
            files: ["legacy/*"]
            reason: 解密审批已通过（2026-3号），待替换旧版
            expires: 2999-12-31
    """)
    run = cli("check", "--format", "json", "--ruleset", "common", doc)
    assert run.json()["files"][0]["findings"] == [] and run.code == 0


def test_expired_waiver_brings_the_findings_back(cli, tmp_path):
    doc = _config(tmp_path, """
        waivers:
          - rule: confidential-marker
            reason: 旧版待替换
            expires: 2001-01-31
    """)
    run = cli("check", "--format", "json", "--ruleset", "common", doc)
    findings = run.json()["files"][0]["findings"]
    assert [f["rule"] for f in findings] == ["confidential-marker", "expired-waiver"]
    assert findings[1]["data"]["expires"] == "2001-01-31" and run.code == 1


def test_waiver_needs_a_reason_and_a_date(cli, tmp_path):
    doc = _config(tmp_path, """
        waivers:
          - rule: confidential-marker
            expires: 2999-01-01
    """)
    run = cli("check", doc)
    assert run.code == 2 and ".disclint.yaml:3: waivers.0.reason: Field required" in run.err


def test_without_directives_every_finding_is_kept_as_the_directive_by_directive_test_keeps_it(tmp_path):
    """`apply` skips asking each finding when a document has no directive: the same findings, in order."""
    from linter import suppress
    from linter.engine import load_document

    path = tmp_path / "plain.txt"
    path.write_text(REPORT + "甲</p>\nXX局\n乙<br>\n", encoding="utf-8")
    doc = load_document(str(path))
    findings = lint_text(REPORT + "甲</p>\nXX局\n乙<br>\n", ["markup-debris", "template-leftover"],
                         ruleset="common", tmp_path=tmp_path)
    assert len(findings) == 3 and suppress.directives(doc) == []
    waivable = {"markup-debris": True, "template-leftover": False}
    kept = suppress.apply(doc, findings, waivable, set(waivable), "zh")
    assert kept == [f for f in findings if not suppress._suppressed(f, [], waivable)] == findings
    assert kept is not findings  # a list of its own, as the general path gives
