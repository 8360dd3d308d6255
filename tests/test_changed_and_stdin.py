"""Editors and pipes (`--stdin`) and large repositories (`--changed-since REV`)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import FIXTURES


def test_stdin_with_a_filename_picks_reader_and_reports_under_that_name():
    html = "<html><body><p>机密★10年</p></body></html>".encode("gbk")
    proc = subprocess.run([sys.executable, "-m", "linter", "check", "--no-config", "--format", "json",
                           "--stdin", "--stdin-filename", "drafts/page.html"],
                          input=b'<meta charset="gbk">' + html, capture_output=True)
    report = __import__("json").loads(proc.stdout)["files"][0]
    assert report["path"] == "drafts/page.html" and report["format"] == "html"
    assert report["encoding"] == "gb18030"
    assert [f["rule"] for f in report["findings"]] == ["confidential-marker"]
    assert proc.returncode == 1


def test_stdin_usage_errors(cli):
    run = cli("check", "--stdin", str(FIXTURES / "markings.txt"))
    assert run.code == 2 and "--stdin reads one document" in run.err
    run = cli("check", "--stdin-filename", "x.txt", str(FIXTURES / "markings.txt"))
    assert run.code == 2 and "--stdin-filename goes with --stdin" in run.err


@pytest.fixture
def repo(tmp_path, monkeypatch):
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(tmp_path)

    def git(*args):
        subprocess.run(["git", *args], check=True, capture_output=True)

    git("init", "-q")
    for name in ("old.txt", "edited.txt"):
        (tmp_path / name).write_text("机密★\n", encoding="utf-8")
    git("add", ".")
    git("commit", "-q", "-m", "base")
    (tmp_path / "edited.txt").write_text("机密★\n秘密★\n", encoding="utf-8")
    (tmp_path / "new.txt").write_text("绝密★\n", encoding="utf-8")
    return git


def test_changed_since_checks_changed_and_untracked_files_only(cli, repo):
    run = cli("check", "--no-config", "--format", "json", "--changed-since", "HEAD", ".")
    assert sorted(f["path"] for f in run.json()["files"]) == ["edited.txt", "new.txt"]


def test_changed_since_a_bad_revision_is_one_line(cli, repo):
    run = cli("check", "--no-config", "--changed-since", "no-such-rev", ".")
    assert run.code == 2 and run.err.startswith("disclint: --changed-since no-such-rev:")
    assert len(run.err.strip().splitlines()) == 1


def test_changed_since_outside_a_repository(cli, tmp_path, monkeypatch):
    outside = tmp_path / "plain"
    outside.mkdir()
    monkeypatch.chdir(outside)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    run = cli("check", "--changed-since", "HEAD", ".")
    assert run.code == 2 and "--changed-since HEAD:" in run.err and "not a git repository" in run.err
