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
    """Decorate `compute(doc)`: the value is kept as long as the document lives."""
    values: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()

    @functools.wraps(compute)
    def cached(doc):
        value = values.get(doc)
        if value is None:
            value = compute(doc)
            values[doc] = value
        return value

    return cached


SHORT_TEXT = 100  # characters: longer texts are worked out each time


def per_short_text(compute: Callable[[str], T], maxsize: int) -> Callable[[str], T]:
    """`compute(text)`, with the answers for texts up to SHORT_TEXT characters remembered.

    Labels, headings, dates and annotations recur from report to report, so their answers
    are kept across documents; a long text seldom recurs and is not kept. At most `maxsize`
    answers are kept (the least recently used go first), so no input makes the store grow.
    `compute` must depend on its text alone.
    """
    remembered = functools.lru_cache(maxsize=maxsize)(compute)

    @functools.wraps(compute)
    def lookup(text: str) -> T:
        return remembered(text) if len(text) <= SHORT_TEXT else compute(text)

    return lookup
