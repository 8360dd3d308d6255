"""Per-rule case files: tests/cases/<rule>.yaml, one test per case (`pytest -k <rule>`).

Each case gives a text or a `fixture` (a path under fixtures/), optionally a file name whose extension picks the
reader, and a ruleset, default cn-ogi-2008, also settable for the whole file) and
the exact findings of that rule: line, column and data items.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, lint_text

CASES = Path(__file__).parent / "cases"


def _cases():
    for path in sorted(CASES.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, case in spec["cases"].items():
            ruleset = case.get("ruleset", spec.get("ruleset", "cn-ogi-2008"))
            yield pytest.param(spec["rule"], ruleset, case, id=f"{spec['rule']}-{name}")


@pytest.mark.parametrize("rule,ruleset,case", list(_cases()))
def test_case(rule, ruleset, case, tmp_path):
    if "fixture" in case:  # a whole document from fixtures/
        text = (FIXTURES / case["fixture"]).read_text(encoding="utf-8")
        name = Path(case["fixture"]).name
    else:
        text, name = case["text"], case.get("file", "case.txt")
    findings = lint_text(text, [rule], ruleset=ruleset, name=name, tmp_path=tmp_path)
    assert {f.rule for f in findings} <= {rule}
    expected = case["expect"]
    assert [(f.line, f.column) for f in findings] == [(e["line"], e["column"]) for e in expected], \
        [(f.line, f.column, dict(f.data)) for f in findings]
    for finding, want in zip(findings, expected):
        data = want.get("data", {})
        assert {key: finding.data.get(key) for key in data} == data


def test_every_rule_of_the_builtin_rulesets_has_a_case_file():
    from linter.ruleset import builtin_names, load_ruleset

    rules = {rule.id for name in builtin_names() for rule in load_ruleset(name).rules}
    covered = {path.stem for path in CASES.glob("*.yaml")}
    assert rules <= covered, sorted(rules - covered)
