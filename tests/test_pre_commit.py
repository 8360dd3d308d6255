"""The real `pre-commit try-repo` against this repository, in a temporary content repo."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT

pytestmark = pytest.mark.skipif(not (ROOT / ".git").exists(),
                                reason="not a git checkout: pre-commit try-repo needs one")


@pytest.fixture(scope="module")
def content_repo(tmp_path_factory):
    repo = tmp_path_factory.mktemp("content")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
           "LANG": "en_US.UTF-8"}
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
    shutil.copy(FIXTURES / "good-report.txt", repo / "passing-draft.txt")
    shutil.copy(FIXTURES / "markings.txt", repo / "failing-draft.txt")
    shutil.copy(FIXTURES / "pinyin-corrupted.txt", repo / "corrupted-draft.txt")
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    return repo, env


def try_repo(repo, env, *files, hook="disclint"):
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--files", *files],
        cwd=repo, env=env, capture_output=True, text=True, encoding="utf-8", timeout=900)


def test_passing_draft(content_repo):
    repo, env = content_repo
    proc = try_repo(repo, env, "passing-draft.txt")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout


def test_failing_draft(content_repo):
    repo, env = content_repo
    proc = try_repo(repo, env, "failing-draft.txt")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Failed" in proc.stdout
    assert "failing-draft.txt:1:1: error confidential-marker" in proc.stdout


def test_fix_hook_repairs_the_draft(content_repo):
    repo, env = content_repo
    proc = try_repo(repo, env, "corrupted-draft.txt", hook="disclint-fix")
    assert proc.returncode == 1, proc.stdout + proc.stderr  # pre-commit fails a hook that changed files
    assert "files were modified by this hook" in proc.stdout
    assert (repo / "corrupted-draft.txt").read_bytes() == (FIXTURES / "good-report.txt").read_bytes()
