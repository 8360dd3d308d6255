"""The ruleset warning about patterns that can backtrack catastrophically (linter.regexcheck)."""

from __future__ import annotations

import pytest

from linter.regexcheck import nested_quantifiers, overlapping_alternatives, risky_pattern

NESTED = [r"(a+)+", r"(a+)+$", r"(\w*)*", r"(.+)+", r"(?:\s*\w+)+", r"(a+|b)*", r"((ab)*)+", r"(\d{1,3})+",
          r"(?P<x>a*)*", r"(?i:a+)+", r"(\w+\s?)+$", r"(a{1,})+", r"(a+)+?", r"(a*?)*", r"x(?:(?:a+))+y",
          r"(a+){1,5}", r"([^,]+)*"]
NOT_NESTED = [r"(ab+c)+", r"(\d{1,3},)+", r"(a++)+", r"(?>a+)+", r"(a+)++", r"(a+){3}", r"[(a+)+]", r"\(a+\)+",
              r"a+b+", r"(ab)+", r"(a|b)+", r"(?=a+)+x", r"(a?)+", r"机密★\d+年", r"(?#(a+)+)x", r"\p{Han}+",
              r"(a{2})+", r"(?:发布|发文)?(?:时间|日期)\s*[:：]", r"[（(]\s*[一二三四五六七八九十]+\s*[)）]"]
OVERLAPPING = [r"(a|a)+", r"(a|aa)+$", r"(\w|\w\w)+", r"(ab|abab)*", r"(?:x|y|xx)+"]
NOT_OVERLAPPING = [r"(a|b)+", r"(a|ab)+", r"(\w|\d)+", r"(a|aa)", r"(a|aa){2}", r"(|)+", r"(a|a)++"]
MALFORMED = ["", "(", ")", "((((", "\\", "[", "{", "a{", "(?", "(?P<", "+", "*?", "a{,}", "(?<", "[[:", "\\p{",
             "(?(1", "a{99999999999999999999}", ")))(((", "(?x) # (a+)+"]


@pytest.mark.parametrize("pattern", NESTED)
def test_nested_quantifiers_are_spotted(pattern):
    assert nested_quantifiers(pattern)
    assert risky_pattern(pattern).startswith("nested quantifiers")


@pytest.mark.parametrize("pattern", NOT_NESTED)
def test_patterns_without_them_are_left_alone(pattern):
    assert not nested_quantifiers(pattern)


@pytest.mark.parametrize("pattern", OVERLAPPING)
def test_overlapping_alternatives_are_spotted(pattern):
    assert overlapping_alternatives(pattern)
    assert risky_pattern(pattern) is not None


@pytest.mark.parametrize("pattern", NOT_OVERLAPPING)
def test_distinct_alternatives_are_left_alone(pattern):
    assert not overlapping_alternatives(pattern)


@pytest.mark.parametrize("pattern", MALFORMED)
def test_malformed_patterns_never_raise(pattern):
    assert isinstance(nested_quantifiers(pattern), bool)
    assert isinstance(overlapping_alternatives(pattern), bool)


def test_the_built_in_rulesets_raise_no_warning():
    """Every pattern of the shipped rulesets is clean, so the warning costs their users nothing."""
    from pathlib import Path

    import yaml

    patterns = []

    def collect(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("patterns", "exclude", "unless", "pattern") and isinstance(value, (str, list)):
                    patterns.extend([value] if isinstance(value, str) else
                                    [v if isinstance(v, str) else v.get("pattern", "") for v in value])
                collect(value)
        elif isinstance(node, list):
            for item in node:
                collect(item)

    for path in sorted((Path(__file__).resolve().parents[2] / "rulesets").glob("*.yaml")):
        collect(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert len(patterns) > 20
    assert [p for p in patterns if isinstance(p, str) and risky_pattern(p)] == []
