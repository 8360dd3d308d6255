"""engine.stamp_all: a rule's hits stamped field by field over all of them, as `stamp` stamps each."""

from __future__ import annotations

import pytest

from linter import engine
from linter.finding import Edit, Fix, Hit, Severity
from linter.ruleset import LocalText, Rule

SOURCE = "第一行\n第二行文字 text\n\n最后一行（公開(kāi)）"


def _rule(**messages: str) -> Rule:
    texts = {variant: LocalText(template, template + " (en)") for variant, template in messages.items()}
    return Rule("some-rule", "kind", None, Severity.WARNING, None, texts, None, None, "test")


@pytest.fixture(scope="module")
def doc():
    return engine.load_document("page.txt", data=SOURCE.encode("utf-8"))


def _each(doc, rule, hits, lang):
    """What stamp_all must give: `stamp` of each hit, every field (the fix too) as plain values."""
    return [tuple(engine.stamp(doc, rule, hit, lang)) for hit in hits]


def _all(doc, rule, hits, lang):
    return [tuple(finding) for finding in engine.stamp_all(doc, rule, hits, lang)]


SPANS = [(0, 1), (3, 4), (4, 9), (len(SOURCE) - 1, len(SOURCE)), (len(SOURCE), len(SOURCE)), (7, 7),
         (SOURCE.index("(kāi)"), SOURCE.index("(kāi)") + 5), (SOURCE.index("text"), SOURCE.index("text") + 4)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_many_hits_are_stamped_as_one_by_one(doc, lang):
    rule = _rule(default="“{text}” {count} {name}", other="{text} again")
    hits = [Hit(start, end, {"text": SOURCE[start:end], "n": index},
                {"name": {"zh": "名", "en": "name"}} if index % 2 else {"count": index},
                variant="other" if index % 3 == 0 else "default",
                severity=Severity.ERROR if index == 2 else None,
                fix=Fix((Edit(start, end, ""),)) if index % 2 else None)
            for index, (start, end) in enumerate(SPANS)]
    stamped = _all(doc, rule, hits, lang)
    assert stamped == _each(doc, rule, hits, lang)
    assert [finding[4:8] for finding in stamped][:3] == [(1, 1, 1, 2), (1, 4, 2, 1), (2, 1, 2, 6)]


def test_a_template_that_does_not_format_for_one_hit_is_left_as_it_is_for_that_hit_only(doc):
    rule = _rule(default="{text.real} {text}")  # an int has `real`, a str has not
    hits = [Hit(0, 1, {"text": 5}), Hit(1, 2, {"text": "字"}), Hit(2, 3, {"text": 7})]
    stamped = _all(doc, rule, hits, "zh")
    assert [finding[3] for finding in stamped] == ["5 5", "{text.real} {text}", "7 7"]
    assert stamped == _each(doc, rule, hits, "zh")


def test_a_template_that_fails_fails_as_for_one_hit(doc):
    rule = _rule(default="{pair[0]}")
    hits = [Hit(0, 1, {"pair": "ab"}), Hit(1, 2, {"pair": 3})]  # an int is not subscriptable
    with pytest.raises(TypeError):
        engine.stamp(doc, rule, hits[1], "zh")
    with pytest.raises(TypeError):
        engine.stamp_all(doc, rule, hits, "zh")


@pytest.mark.parametrize("odd", [Hit(None, None, {"whole": ["document"]}), Hit(2, None), Hit(-3, 2),
                                 Hit(2, len(SOURCE) + 4), Hit(len(SOURCE) + 1, len(SOURCE) + 2)])
def test_hits_without_a_span_or_outside_the_text_are_stamped_as_one_by_one(doc, odd):
    rule = _rule(default="{whole}")
    hits = [Hit(0, 1), odd, Hit(4, 6)]
    assert _all(doc, rule, hits, "en") == _each(doc, rule, hits, "en")


def test_a_located_document_gives_each_finding_its_place(doc):
    located = doc.replace(locator=lambda offset: {"paragraph": offset // 4 + 1})
    rule = _rule(default="x")
    hits = [Hit(start, end) for start, end in SPANS]
    stamped = _all(located, rule, hits, "zh")
    assert stamped == _each(located, rule, hits, "zh")
    assert [finding[9] for finding in stamped][:2] == [{"paragraph": 1}, {"paragraph": 1}]


def test_a_lone_hit(doc):
    rule = _rule(default="{a}")
    hits = [Hit(1, 3, {"a": 1})]
    assert _all(doc, rule, hits, "zh") == _each(doc, rule, hits, "zh")
