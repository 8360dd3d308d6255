"""`--jobs`: worker processes give exactly the output of one process, in the same order."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT

from linter.check import PARALLEL_THRESHOLD


def run(*args):
    return subprocess.run([sys.executable, "-m", "linter", "check", "--no-config", "--lang", "en", *args, "fixtures"],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8")


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_jobs_2_equals_jobs_1(fmt):
    files = len([p for p in (ROOT / "fixtures").rglob("*") if p.suffix in (".txt", ".md", ".html", ".docx", ".pdf")])
    assert files >= PARALLEL_THRESHOLD  # or the pool would not start
    one, two = run("--format", fmt, "--jobs", "1"), run("--format", fmt, "--jobs", "2")
    assert one.returncode == two.returncode == 2  # fixtures/formats holds an encrypted PDF
    assert two.stdout == one.stdout and two.stderr == one.stderr
    assert one.stdout.count("confidential-marker") >= 6


@pytest.mark.parametrize("value,message", [("0", "--jobs must be at least 1"), ("many", "--jobs takes a number")])
def test_bad_jobs_value(cli, value, message):
    result = cli("check", "--jobs", value, str(ROOT / "fixtures"))
    assert result.code == 2 and message in result.err
