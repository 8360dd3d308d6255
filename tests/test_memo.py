"""linter.memo: a remembered answer is the one computed, kept as long as promised and no longer."""

from __future__ import annotations

import gc
import weakref

from linter import fingerprint, memo
from linter.engine import load_document

REPORT = ("一、总体情况\n正文。\n（一）主动公开\n机密★10年\n二、收到和处理申请情况\n正文。\n"
          "（一）自然人\n内部资料\n").encode("utf-8")


class Box:
    """A value to compute, with a weak reference to it to see when it is let go."""


def test_per_document_computes_once_for_each_living_document(tmp_path):
    calls = []

    @memo.per_document
    def titles(doc):
        calls.append(doc)
        return [heading.title for heading in doc.headings]

    (tmp_path / "a.txt").write_bytes(REPORT)
    first, second = load_document(str(tmp_path / "a.txt")), load_document(str(tmp_path / "a.txt"))
    assert titles(first) == titles(first) == titles(second) == [h.title for h in first.headings]
    assert titles(first) is titles(first) and len(calls) == 2  # one per document, not per question
    assert titles.__wrapped__(first) == titles(first)


def test_per_document_lets_a_value_go_with_its_document():
    class Doc:
        pass

    kept = []
    remember = memo.per_document(lambda doc: Box())
    doc = Doc()
    value = weakref.ref(remember(doc))
    assert value() is remember(doc)
    del doc
    gc.collect()
    assert value() is None
    # a new document (perhaps at the old one's address) gets its own value
    for _ in range(50):
        doc = Doc()
        box = remember(doc)
        assert remember(doc) is box and all(box is not old for old in kept)
        kept.append(box)
        del doc


def test_per_document_remembers_none_too():
    calls = []
    remember = memo.per_document(lambda doc: calls.append(doc))

    class Doc:
        pass

    doc = Doc()
    assert remember(doc) is None and remember(doc) is None and len(calls) == 1


def test_the_fingerprints_section_paths_equal_the_plain_table(tmp_path):
    (tmp_path / "a.txt").write_bytes(REPORT)
    doc = load_document(str(tmp_path / "a.txt"))
    headings = [(doc.source_offset(h.start), h.level, h.title) for h in doc.headings]
    assert fingerprint._path_table(doc) == fingerprint.path_table(headings)
    path = fingerprint.section_path(doc, doc.source.index("内部资料"))
    assert path.startswith("二、收到和处理申请情况 > ") and path.endswith("自然人")


def test_per_short_text_answers_as_the_plain_function():
    texts = ["（一）主动公开", "２０２１年", " 机密 ★ 10年 ", "x" * memo.SHORT_TEXT, "y" * (memo.SHORT_TEXT + 1), ""]
    remembered = memo.per_short_text(fingerprint._normalise, maxsize=8)
    for text in texts * 2:
        assert remembered(text) == fingerprint._normalise(text)


def test_per_short_text_keeps_short_texts_only_and_at_most_maxsize():
    calls = []

    def measure(text):
        calls.append(text)
        return len(text)

    remembered = memo.per_short_text(measure, maxsize=3)
    store = remembered.__self__
    long = "z" * (memo.SHORT_TEXT + 1)
    assert [remembered(t) for t in ("a", "a", long, long)] == [1, 1, len(long), len(long)]
    assert calls == ["a", long, long] and long not in store
    for text in ("b", "c", "d", "e"):
        remembered(text)
    assert len(store) <= 3 and remembered("e") == 1 and calls.count("e") == 1


def test_per_value_remembers_every_value_and_stays_bounded():
    calls = []

    def compute(value):
        calls.append(value)
        return sum(value)

    remembered = memo.per_value(compute, maxsize=3)
    long_key = tuple(range(200))  # longer than SHORT_TEXT: still kept (no length limit)
    assert remembered(long_key) == remembered(long_key) == sum(long_key)
    assert calls == [long_key]
    for value in [(1,), (2,), (3,), (4,)]:
        assert remembered(value) == sum(value)
    assert len(remembered.__self__) <= 3


def test_per_object_computes_once_for_each_object_and_stays_bounded():
    calls = []

    class Options:  # unhashable by value, like a rule's options: remembered for the object itself
        __hash__ = None

        def __init__(self, terms):
            self.terms = terms

    def compute(options):
        calls.append(options)
        return len(options.terms)

    remembered = memo.per_object(compute, maxsize=2)
    first, equal = Options(["机密"]), Options(["机密"])
    assert remembered(first) == remembered(first) == 1
    assert calls == [first]
    assert remembered(equal) == 1 and calls == [first, equal]  # another object: computed again
    third = Options(["秘密", "内部资料"])
    assert remembered(third) == 2  # past maxsize: everything is forgotten, then third is kept
    assert remembered(first) == 1 and calls == [first, equal, third, first]
