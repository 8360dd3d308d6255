"""Compute something once: about a Document, however many rules ask; about a short text, across documents."""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see linter.records)
if TYPE_CHECKING:
    from typing import TypeVar

    T = TypeVar("T")


def per_document(compute: Callable) -> Callable:
    """Decorate `compute(doc)`: the value is kept as long as the document lives.

    Values are kept by the document's id next to a weak reference to it, whose callback
    drops the value when the document goes: a lookup is then a dict lookup and a call of
    the reference, in C (a WeakKeyDictionary's `get` and its removal callback run Python
    code, several times for every document).
    """
    values: dict[int, tuple[weakref.ref, object]] = {}

    @functools.wraps(compute)
    def cached(doc):
        entry = values.get(id(doc))
        if entry is not None and entry[0]() is doc:
            return entry[1]
        value = compute(doc)
        key = id(doc)  # no other living object has it; the callback runs before another can
        values[key] = (weakref.ref(doc, lambda _, key=key: values.pop(key, None)), value)
        return value

    return cached


def per_object(compute: Callable, maxsize: int) -> Callable:
    """`compute(obj)`, remembered for `obj` itself: a ruleset, a rule's options (every file of a
    run is checked with the same ones).

    Kept by the object's id next to the object, so that no other object takes its id while
    the entry lives, and a lookup is a dict lookup in C (hashing a ruleset or its options would
    cost more than the work). A program that makes object after object (tests, a library user)
    starts again past `maxsize`.
    """
    values: dict[int, tuple[object, object]] = {}

    @functools.wraps(compute)
    def remembered(obj):
        entry = values.get(id(obj))
        if entry is None:
            if len(values) >= maxsize:
                values.clear()
            entry = values[id(obj)] = (obj, compute(obj))
        return entry[1]

    return remembered


SHORT_TEXT = 100  # characters: longer texts are worked out each time


def per_short_text(compute: Callable[[str], T], maxsize: int) -> Callable[[str], T]:
    """`compute(text)`, with the answers for texts up to SHORT_TEXT characters remembered.

    Labels, headings, dates and annotations recur from report to report, so their answers
    are kept across documents; a long text seldom recurs and is not kept. Once `maxsize`
    answers are kept, they are all forgotten and the store starts again, so no input makes
    it grow. `compute` must depend on its text alone.
    """
    return _Remembered(compute, maxsize, SHORT_TEXT).__getitem__


def per_value(compute: Callable, maxsize: int) -> Callable:
    """`compute(value)` for a hashable value whose answers all recur (a row's value texts), each
    remembered as `per_short_text` remembers a short text's."""
    return _Remembered(compute, maxsize, None).__getitem__


class _Remembered(dict):
    """key -> answer; a remembered answer is a dict lookup, in C (no Python call: these
    lookups run dozens of times per file, and a wrapper around `functools.lru_cache` cost
    about five times as much). Keys longer than `longest` (None: no limit) are not kept."""

    __slots__ = ("compute", "maxsize", "longest")

    def __init__(self, compute: Callable, maxsize: int, longest: int | None) -> None:
        super().__init__()
        self.compute, self.maxsize, self.longest = compute, maxsize, longest

    def __missing__(self, key):
        value = self.compute(key)
        if self.longest is None or len(key) <= self.longest:
            if len(self) >= self.maxsize:
                self.clear()
            self[key] = value
        return value

    def __repr__(self) -> str:
        return f"<answers of {self.compute!r}: {len(self)} kept>"
