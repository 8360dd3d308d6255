"""Compute something about a Document once, however many rules ask for it."""

from __future__ import annotations

import functools
import weakref
from typing import Callable, TypeVar

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
