"""Configuration files and rulesets: discovery, overrides, and `file:line: message` errors."""

from __future__ import annotations

import textwrap

import pytest

from conftest import FIXTURES

MARKED = "机密★10年\n某局2015年政府信息公开工作年度报告\n"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_config_found_upward_from_the_checked_file(cli, tmp_path):
    write(tmp_path / ".disclint.yaml", "ruleset: common\nignore: [markup-debris]\n")
    doc = write(tmp_path / "reports" / "2015" / "a.txt", MARKED)
    data = cli("check", "--format", "json", doc).json()
    report = data["files"][0]
    assert report["ruleset"] == "common"
    assert [f["rule"] for f in report["findings"]] == ["confidential-marker"]


def test_pyproject_table(cli, tmp_path):
    write(tmp_path / "pyproject.toml", """
        [project]
        name = "content"

        [tool.disclint]
        ruleset = "common"
        fail_on = "warning"
    """)
    doc = write(tmp_path / "a.txt", "正文</p>\n")
    run = cli("check", "--format", "json", doc)
    assert run.json()["files"][0]["ruleset"] == "common"
    assert run.code == 1  # markup-debris is a warning and fail_on is warning


def test_closest_config_wins(cli, tmp_path):
    write(tmp_path / ".disclint.yaml", "ruleset: cn-ogi-2008\n")
    write(tmp_path / "drafts" / ".disclint.yaml", "ruleset: common\n")
    doc = write(tmp_path / "drafts" / "a.txt", MARKED)
    assert cli("check", "--format", "json", doc).json()["files"][0]["ruleset"] == "common"


def test_overrides_by_glob(cli, tmp_path):
    write(tmp_path / ".disclint.yaml", """
        ruleset: cn-ogi-2008
        overrides:
          - files: ["notices/**"]
            ruleset: common
          - files: ["legacy/*.txt"]
            ignore: [confidential-marker]
    """)
    notice = write(tmp_path / "notices" / "n1.txt", MARKED)
    legacy = write(tmp_path / "legacy" / "old.txt", MARKED)
    files = cli("check", "--format", "json", notice, legacy).json()["files"]
    assert files[0]["ruleset"] == "common"
    assert "confidential-marker" in {f["rule"] for f in files[0]["findings"]}
    assert "confidential-marker" not in {f["rule"] for f in files[1]["findings"]}
    assert "missing-section" in {f["rule"] for f in files[1]["findings"]}


def test_config_exclude_applies_to_named_files(cli, tmp_path):
    write(tmp_path / ".disclint.yaml", "exclude: [archive]\n")
    doc = write(tmp_path / "archive" / "a.txt", MARKED)
    run = cli("check", "--format", "json", doc)
    assert run.json()["files"] == [] and run.code == 0


def test_cli_ruleset_and_select_override_config(cli, tmp_path):
    write(tmp_path / ".disclint.yaml", "ruleset: common\nselect: [markup-debris]\n")
    doc = write(tmp_path / "a.txt", MARKED)
    report = cli("check", "--format", "json", "--ruleset", "cn-ogi-2008", "--select",
                 "confidential-marker", doc).json()["files"][0]
    assert report["ruleset"] == "cn-ogi-2008"
    assert [f["rule"] for f in report["findings"]] == ["confidential-marker"]


def test_user_ruleset_extends_and_changes_a_rule(cli, tmp_path):
    ruleset = write(tmp_path / "team.yaml", """
        name: team
        extends: cn-ogi-2008
        rules:
          - id: missing-source
            severity: error
          - id: markup-debris
            enabled: false
          - id: draft-label
            kind: forbidden-terms
            severity: warning
            message: {zh: "草稿标记“{term}”", en: "draft label '{term}'"}
            options: {terms: [征求意见稿, 送审稿]}
    """)
    doc = write(tmp_path / "a.txt", "某局年报（征求意见稿）\n发布时间：2016-01-01\n正文</p>\n")
    run = cli("check", "--format", "json", "--ruleset", ruleset, "--select", "missing-source,draft-label", doc)
    findings = run.json()["files"][0]["findings"]
    assert [(f["rule"], f["severity"]) for f in findings] == [("missing-source", "error"), ("draft-label", "warning")]
    assert findings[1]["message"] == "草稿标记“征求意见稿”"
    assert run.json()["files"][0]["ruleset"] == "team"
    run = cli("check", "--ruleset", ruleset, "--select", "markup-debris", doc)
    assert run.code == 2 and "unknown rule 'markup-debris'" in run.err


BAD_RULESETS = [
    ("bad key", """
        extends: common
        rules:
          - id: x
            kind: forbidden-terms
            severty: error
            options: {terms: [a]}
    """, 6, "severty: Extra inputs are not permitted"),
    ("unknown kind", """
        rules:
          - id: x
            kind: no-such-kind
            options: {}
    """, 4, "unknown kind 'no-such-kind'"),
    ("broken regex", """
        rules:
          - id: x
            kind: forbidden-terms
            options:
              patterns:
                - 'fine'
                - '(unclosed'
    """, 8, "invalid regular expression '(unclosed'"),
    ("bad option", """
        rules:
          - id: x
            kind: forbidden-terms
            options:
              terms: [a]
              colour: red
    """, 7, "colour: Extra inputs are not permitted"),
    ("broken yaml", """
        rules:
          - id: x
            kind: [unclosed
    """, 5, "invalid YAML"),
    ("unknown parent", """
        extends: [common, nope]
        rules: []
    """, 2, "unknown ruleset 'nope'"),
    ("bad id", """
        rules:
          - id: Bad_Id
            kind: forbidden-terms
            options: {terms: [a]}
    """, 3, "String should match pattern"),
    ("not a mapping", """
        - just
        - a list
    """, 1, "a ruleset must be a mapping"),
]


@pytest.mark.parametrize("label,text,line,message", BAD_RULESETS, ids=[b[0] for b in BAD_RULESETS])
def test_bad_ruleset_is_file_line_message_exit_2(cli, tmp_path, label, text, line, message):
    ruleset = write(tmp_path / "bad.yaml", text)
    run = cli("check", "--ruleset", ruleset, FIXTURES / "good-report.txt")
    assert run.code == 2
    assert run.out == ""
    err = run.err.strip()
    assert len(err.splitlines()) == 1, err
    assert err.startswith(f"disclint: {ruleset}:{line}: ") or err.startswith(
        f"disclint: {ruleset.relative_to(tmp_path)}:{line}: ") or f"bad.yaml:{line}: " in err, err
    assert message in err


def test_ruleset_that_extends_itself(cli, tmp_path):
    write(tmp_path / "a.yaml", "extends: ./b.yaml\n")
    write(tmp_path / "b.yaml", "extends: ./a.yaml\n")
    run = cli("check", "--ruleset", tmp_path / "a.yaml", FIXTURES / "good-report.txt")
    assert run.code == 2 and "extends itself" in run.err


@pytest.mark.parametrize("text,line,message", [
    ("ruleset: common\nfail_on: sometimes\n", 2, "fail_on: Input should be 'error', 'warning' or 'info'"),
    ("rulset: common\n", 1, "rulset: Extra inputs are not permitted"),
    ("overrides:\n  - files: []\n", 2, "files: List should have at least 1 item"),
    ("ruleset: [\n", 2, "invalid YAML"),
    ("ruleset: missing-ruleset\n", None, "unknown ruleset 'missing-ruleset'"),
])
def test_bad_config_is_one_line_exit_2(cli, tmp_path, text, line, message):
    write(tmp_path / ".disclint.yaml", text)
    doc = write(tmp_path / "a.txt", MARKED)
    run = cli("check", doc)
    assert run.code == 2
    err = run.err.strip()
    assert len(err.splitlines()) == 1 and message in err, err
    if line:
        assert f".disclint.yaml:{line}: " in err, err


def test_bad_pyproject_table_names_the_key_line(cli, tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.disclint]\nruleset = "common"\nlang = "fr"\n')
    doc = write(tmp_path / "a.txt", MARKED)
    run = cli("check", doc)
    assert run.code == 2
    assert "pyproject.toml:3: lang: Input should be 'zh' or 'en'" in run.err


def test_explicit_config_and_no_config(cli, tmp_path):
    write(tmp_path / ".disclint.yaml", "ruleset: common\n")
    other = write(tmp_path / "elsewhere" / "cfg.yaml", "ruleset: cn-ogi-2008\n")
    doc = write(tmp_path / "a.txt", MARKED)
    assert cli("check", "--format", "json", "--config", other, doc).json()["files"][0]["ruleset"] == "cn-ogi-2008"
    assert cli("check", "--format", "json", "--no-config", doc).json()["files"][0]["ruleset"] == "cn-ogi-2008"
    run = cli("check", "--config", tmp_path / "none.yaml", doc)
    assert run.code == 2 and "configuration file not found" in run.err


def test_a_pattern_that_may_backtrack_is_a_warning_with_its_line(cli, tmp_path):
    ruleset = write(tmp_path / "risky.yaml", """
        extends: common
        rules:
          - id: runaway
            kind: forbidden-terms
            options:
              patterns:
                - 'fine'
                - '(a+)+$'
    """)
    doc = write(tmp_path / "a.txt", "正文。\n")
    for _ in range(2):  # from the ruleset file, then from the cache: the same warning
        run = cli("check", "--ruleset", ruleset, doc)
        assert run.code == 0
        assert run.err.splitlines() == [
            f"disclint: {ruleset}:9: warning: rule 'runaway': pattern '(a+)+$' may backtrack catastrophically "
            "(nested quantifiers (a repeated group that is itself a repetition, like (a+)+)); it runs with a "
            "5 s timeout"]
