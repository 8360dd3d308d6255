"""engine.stamp's message: the arguments a message names, looked up one by one.

The engine used to merge `hit.data` and `hit.args` into one dict, every bilingual value
already in the chosen language, and format the message with it; it now looks up only the
names the message asks for. These tests hold the two to the same messages.
"""

from __future__ import annotations

import itertools

import pytest

from linter import engine
from linter.finding import Hit, Severity
from linter.ruleset import LocalText, Rule


class _Merged(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def merged_message(rule: Rule, hit: Hit, lang: str) -> str:
    """The message as the engine made it before: every argument merged and picked first."""
    arguments = _Merged()
    for key, value in {**hit.data, **hit.args}.items():
        if isinstance(value, dict) and "zh" in value and "en" in value:
            value = value["en" if lang == "en" else "zh"]
        arguments[key] = value
    try:
        return rule.message(hit.variant, lang).format_map(arguments)
    except (ValueError, IndexError, AttributeError):
        return rule.message(hit.variant, lang)


def _rule(template: str) -> Rule:
    return Rule("some-rule", "kind", None, Severity.WARNING, None,
                {"default": LocalText(template, template + " (en)")}, None, None, "test")


@pytest.fixture(scope="module")
def doc():
    return engine.load_document("page.txt", data="第一行\n第二行文字\n".encode("utf-8"))


TEMPLATES = [
    "plain text, no argument",
    "“{text}”",
    "{a} and {b}, {a} again",
    "{missing} is kept as written",
    "{count:d} characters",  # a format a str argument does not take: the template as it is
    "{text.__class__.__name__} {a.real}",  # attributes of arguments (a str has no `real`)
    "{pair[0]}",  # an item of an argument
    "{0}",  # a positional field: no mapping answers it
    "a lone } brace",
    "{{escaped}} {text}",
    "{name}",  # a bilingual value
    "{partial}",  # a dict with only one of the languages: as it is
]

HITS = [
    Hit(1, 3, {"text": "行", "a": 1, "count": "7", "pair": ("x", "y")}),
    Hit(1, 3, {"text": "data"}, {"text": "args win", "b": 2.5, "count": 7}),
    Hit(None, None, {"name": {"zh": "名称", "en": "name"}, "partial": {"zh": "只有中文"}}),
    Hit(0, 4, {}, {"name": {"zh": "参数", "en": "argument", "other": 1}, "a": None}),
    Hit(2, 2),
]


@pytest.mark.parametrize("template, hit, lang", list(itertools.product(TEMPLATES, HITS, ("zh", "en"))))
def test_a_message_names_what_the_merged_arguments_gave(doc, template, hit, lang):
    rule = _rule(template)
    assert engine.stamp(doc, rule, hit, lang).message == merged_message(rule, hit, lang)


def test_the_arguments_are_filled_in():
    """(so that the comparison above is not between two messages left as templates)"""
    doc = engine.load_document("page.txt", data=b"text\n")
    rule = _rule("{a} {name} {missing}")
    hit = Hit(0, 2, {"a": "data"}, {"a": "args", "name": {"zh": "中", "en": "en"}})
    assert engine.stamp(doc, rule, hit, "zh").message == "args 中 {missing}"
    assert engine.stamp(doc, rule, hit, "en").message == "args en {missing} (en)"
