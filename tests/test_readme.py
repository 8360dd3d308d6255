"""The README is the front door: it names every rule, kind and reporter, and the test command CI runs."""

from __future__ import annotations

import pytest

from conftest import ROOT

from linter.registry import kinds, reporters
from linter.ruleset import builtin_names, load_ruleset

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", builtin_names())
def test_every_builtin_rule_is_documented(name):
    for rule in load_ruleset(name).rules:
        assert f"`{rule.id}`" in README, rule.id
    assert f"`{name}`" in README


def test_every_kind_and_reporter_is_documented():
    for name in kinds().names():
        assert f"`{name}`" in README, name
    for name in reporters().names():
        assert name in README


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = ".venv/bin/python -m pytest"
    assert f"```sh\n{command}\n```" in README
    assert command in ci.splitlines()[-1]
