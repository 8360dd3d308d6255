"""End-to-end: `main(argv)`, exit codes, text and JSON output, one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT

from linter import __version__


def test_text_output_like_ruff(cli):
    run = cli("check", FIXTURES / "markings.txt")
    assert run.code == 1
    lines = run.out.splitlines()
    assert lines[0] == f"{os.path.relpath(FIXTURES / 'markings.txt')}:1:1: error confidential-marker 出现密级或内部标志“机密★10年”，此类文本不得公开发布"
    assert lines[1] == "1 | 机密★10年"
    assert lines[2] == "  | ^^^^^^^^^"  # CJK characters take two cells
    assert lines[-1] == "发现 6 个问题（错误 6，警告 0，提示 0），共检查 1 个文件。"
    assert run.err == ""


def test_english_messages(cli):
    run = cli("check", "--lang", "en", "--no-source", FIXTURES / "no-source.txt")
    assert run.code == 0  # missing-source is a warning; the default --fail-on is error
    assert "warning missing-source missing source (issuing organ): no such field" in run.out
    assert run.out.splitlines()[-1] == "Found 1 problem (0 errors, 1 warning, 0 info) in 1 file."


def test_fail_on_warning(cli):
    assert cli("check", "--fail-on", "warning", FIXTURES / "no-source.txt").code == 1
    assert cli("check", "--fail-on", "error", FIXTURES / "no-source.txt").code == 0


def test_clean_file_exit_zero(cli):
    run = cli("check", FIXTURES / "good-report.txt")
    assert run.code == 0
    assert run.out.strip() == "未发现问题，共检查 1 个文件。"


def test_json_contract(cli):
    run = cli("check", "--format", "json", FIXTURES / "markings.txt", FIXTURES / "good-report.gb18030.txt")
    data = run.json()
    assert data["version"] == 1
    assert data["tool"] == {"name": "disclint", "version": __version__}
    first, second = data["files"]
    assert set(first) == {"path", "format", "ruleset", "ruleset_reason", "encoding", "findings"}
    assert first["ruleset"] == "cn-ogi-2008" and first["encoding"] == "utf-8" and first["format"] == "text"
    assert first["ruleset_reason"] == "自由格式年度报告（2015年度）"
    assert second["encoding"] == "gb18030" and second["findings"] == []
    finding = first["findings"][0]
    assert set(finding) == {"rule", "severity", "message", "line", "column", "end_line", "end_column", "data",
                            "fingerprint"}
    assert len(finding["fingerprint"]) == 20
    assert (finding["rule"], finding["line"], finding["column"], finding["end_line"], finding["end_column"]) == (
        "confidential-marker", 1, 1, 1, 7)
    assert data["summary"] == {"files": 2, "checked": 2, "unchecked": 0, "findings": 6,
                               "error": 6, "warning": 0, "info": 0}


def test_folders_are_walked_recursively_with_include_and_exclude(cli, tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.txt").write_text("机密★\n", encoding="utf-8")
    (tmp_path / "a" / "page.html").write_text("<p>机密★</p>", encoding="utf-8")
    (tmp_path / "a" / "image.png").write_bytes(b"\x89PNG\x00\x00")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("机密★\n", encoding="utf-8")
    run = cli("check", "--no-config", "--select", "confidential-marker", "--format", "json", tmp_path)
    paths = sorted(f["path"] for f in run.json()["files"])
    assert [p.replace("\\", "/").split("/a/")[-1] for p in paths] == ["b/deep.txt", "page.html"]
    run = cli("check", "--no-config", "--select", "confidential-marker", "--format", "json",
              "--exclude", "b", tmp_path)
    assert [f["path"].rsplit("/", 1)[-1] for f in run.json()["files"]] == ["page.html"]
    run = cli("check", "--no-config", "--select", "confidential-marker", "--format", "json",
              "--include", "*.html", tmp_path)
    assert [f["path"].rsplit("/", 1)[-1] for f in run.json()["files"]] == ["page.html"]


def test_select_and_ignore(cli):
    run = cli("check", "--format", "json", "--select", "missing-section", FIXTURES / "markings.txt")
    assert run.json()["files"][0]["findings"] == []
    run = cli("check", "--format", "json", "--ignore", "confidential-marker,missing-source",
              FIXTURES / "markings.txt")
    assert run.json()["files"][0]["findings"] == [] and run.code == 0


@pytest.mark.parametrize("argv,message", [
    (["check", "--select", "no-such-rule", "x.txt"], "unknown rule 'no-such-rule'"),
    (["check", "--format", "xml", "fixtures/good-report.txt"], "unknown output format 'xml'"),
    (["check", "--ruleset", "nope", "fixtures/good-report.txt"], "unknown ruleset 'nope'"),
    (["check", "--fail-on", "fatal", "x.txt"], "invalid choice"),
    (["explain", "no-such-rule"], "unknown rule or kind 'no-such-rule'"),
    (["frobnicate"], "invalid choice"),
])
def test_usage_errors_are_one_line_exit_2(cli, monkeypatch, argv, message):
    monkeypatch.chdir(ROOT)
    run = cli(*argv)
    assert run.code == 2
    assert message in run.err
    assert len(run.err.strip().splitlines()) == 1
    assert "Traceback" not in run.err


def test_input_errors_are_one_line_each_and_the_run_goes_on(cli, tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00" + bytes(range(256)) * 8)
    undecodable = tmp_path / "bad.txt"
    undecodable.write_bytes(bytes([0x81, 0xFF, 0x80, 0xFE, 0x30, 0xFF]) * 300)
    word = tmp_path / "report.doc"
    word.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    run = cli("check", "--no-config", binary, tmp_path / "missing.txt", undecodable, word,
              FIXTURES / "markings.txt")
    assert run.code == 2
    errors = run.err.strip().splitlines()
    assert errors == [
        f"disclint: {binary}: binary file (contains NUL bytes), not a text document",
        f"disclint: {tmp_path / 'missing.txt'}: no such file or directory",
        f"disclint: {undecodable}: cannot decode: not valid UTF-8, GB18030, Big5 or UTF-16",
        f"disclint: {word}: unsupported format: old Word .doc files are not read: open the file in Word "
        "or WPS and save it as .docx, or run `libreoffice --headless --convert-to docx FILE`",
    ]
    assert "confidential-marker" in run.out  # the good file was still checked


def test_json_records_the_error(cli, tmp_path):
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    data = cli("check", "--no-config", "--format", "json", binary).json()
    assert data["files"][0]["error"].startswith("binary file")
    assert data["summary"]["unchecked"] == 1


def test_rules_and_explain(cli):
    run = cli("rules")
    assert run.code == 0
    for rule in ("missing-section", "missing-publish-date", "missing-source", "confidential-marker",
                 "pinyin-annotation", "mojibake", "markup-debris"):
        assert rule in run.out
    run = cli("explain", "confidential-marker", "--lang", "en")
    assert run.code == 0
    assert "severity: error" in run.out and "What it checks:" in run.out and "GB/T 9704" in run.out
    run = cli("explain", "required-sections")
    assert run.code == 0 and "body_fallback" in run.out
    assert cli("rules", "--ruleset", "common", "--format", "json").json()["ruleset"] == "common"


def test_version_text():
    out = subprocess.run([sys.executable, "-m", "linter", "--version"], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == f"disclint {__version__}"


def test_python_dash_m_runs_the_same_cli():
    proc = subprocess.run([sys.executable, "-m", "linter", "check", "--format", "json",
                           str(FIXTURES / "markings.txt")], capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 1
    assert '"confidential-marker"' in proc.stdout


def test_default_language_follows_the_locale(monkeypatch):
    from linter.i18n import default_lang

    assert default_lang({"LANG": "en_US.UTF-8"}) == "en"
    assert default_lang({"LANG": "zh_CN.UTF-8"}) == "zh"
    assert default_lang({"LANG": "C.UTF-8"}) == "zh"
    assert default_lang({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert default_lang({}) == "zh"


@pytest.mark.parametrize("argv", [
    ["check", "a.txt", "--jobs", "2", "-q", "--format", "json", "--fail-on", "warning"],
    ["check"],
    ["fix", "docs", "--diff", "--unsafe-fixes"],
    ["baseline", "create", "--baseline", "b.json", "docs"],
    ["baseline", "update", "--accept-new"],
    ["rules", "--format", "json", "--ruleset", "common"],
    ["explain", "confidential-marker", "--lang", "en"],
])
def test_the_parser_built_for_one_command_reads_it_as_the_whole_parser_does(argv):
    from linter.cli import build_parser

    assert vars(build_parser(argv[0]).parse_args(argv)) == vars(build_parser().parse_args(argv))
