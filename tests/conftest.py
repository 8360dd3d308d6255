"""Shared helpers: paths, running the CLI in-process, linting a text with one rule."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import pytest

# The tests use disclint's caches, but never the user's: one fresh folder per test session
# (subprocesses inherit it).
os.environ.setdefault("DISCLINT_CACHE_DIR", tempfile.mkdtemp(prefix="disclint-test-cache-"))

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SPECIMEN_DIR = ROOT.parent / "shared" / "specimen"
sys.path.insert(0, str(Path(__file__).resolve().parent))


class Run:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err

    def json(self) -> dict:
        return json.loads(self.out)


@pytest.fixture
def cli(capsys, monkeypatch):
    """Call `main(argv)` and capture exit code, stdout and stderr."""
    from linter.cli import main

    monkeypatch.setenv("LANG", "zh_CN.UTF-8")

    def run(*argv: str) -> Run:
        code = main([str(a) for a in argv])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def lint_text(text: str, rules: list[str] | None = None, ruleset: str = "cn-ogi-2008",
              name: str = "case.txt", lang: str = "zh", tmp_path: Path | None = None,
              encoding: str = "utf-8"):
    """Lint `text` written to a file called `name`; returns the findings."""
    import tempfile

    from linter.engine import lint, load_document
    from linter.ruleset import load_ruleset

    folder = Path(tmp_path or tempfile.mkdtemp())
    path = folder / name
    path.write_bytes(text.encode(encoding))
    rs = load_ruleset(ruleset).restricted(rules, None, "test")
    return lint(load_document(str(path)), rs, lang)
