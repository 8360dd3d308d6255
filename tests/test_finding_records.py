"""Severity labels and the sort key of findings, as the engine and reporters read them."""

from __future__ import annotations

import pickle
import random

from linter.finding import SORT_KEY, Finding, Severity


def test_each_severity_is_labelled_by_its_lower_case_name():
    assert [severity.label for severity in Severity] == ["info", "warning", "error"]
    assert Severity.parse("Warning").label == "warning"
    assert Severity(3).label == "error"
    assert pickle.loads(pickle.dumps(Severity.INFO)).label == "info"  # (a cached ruleset's severities)


def test_the_sort_key_in_c_is_the_sort_key_method():
    rng = random.Random(3)
    findings = [Finding("p", rng.choice(("a-rule", "b-rule", "c")), Severity.WARNING, "m",
                        rng.randint(1, 3), rng.randint(1, 3), rng.randint(1, 3), rng.randint(1, 3))
                for _ in range(300)]
    assert [SORT_KEY(f) for f in findings] == [f.sort_key() for f in findings]
    assert sorted(findings, key=SORT_KEY) == sorted(findings, key=Finding.sort_key)
