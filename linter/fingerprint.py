"""Fingerprints: an identity for a finding that survives edits elsewhere in the file.

rule + the matched text, normalised (NFKC, whitespace folded) + the path of
headings the finding stands under. Never the line number, so inserting a
paragraph above an accepted finding keeps its fingerprint; never a timestamp, so
a baseline file does not churn. Findings about the whole document use their data
instead of matched text.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable
from itertools import accumulate, repeat
from operator import attrgetter

from linter import regexes
from linter.hashing import sha1
from linter.document import Document
from linter.memo import per_document, per_short_text

_SPACE = regexes.compile(r"\s+")


def section_path(doc: Document, source_offset: int | None) -> str:
    """Titles of the headings enclosing `source_offset`, outermost first, joined by " > "."""
    if source_offset is None:
        return ""
    reaches, paths = _path_table(doc)
    return paths[bisect.bisect_right(reaches, source_offset)]


@per_document
def _path_table(doc: Document) -> tuple[list[int], list[str]]:
    """`path_table` of the document's headings, at their source offsets."""
    headings = doc.headings
    starts = list(map(_START, headings))
    origin = doc.view_origin
    if origin and (not starts or max(starts) < len(origin)):
        offsets = map(origin.__getitem__, starts)  # `source_offset` of each, in C (headings lie in the view)
    else:
        offsets = map(doc.source_offset, starts)
    return path_table(zip(offsets, map(_LEVEL, headings), map(_TITLE, headings)))


_START, _LEVEL, _TITLE = attrgetter("start"), attrgetter("level"), attrgetter("title")  # of a Heading


def path_table(headings: Iterable[tuple[int, int, str]]) -> tuple[list[int], list[str]]:
    """What `section_path` needs to answer with one binary search.

    The path of an offset is the heading stack after reading `headings` in order up
    to the first one that starts after the offset. `paths[k]` is the path after the
    first k headings; `reaches[k]` is the largest start among the first k + 1, so the
    number of headings read for an offset is `bisect_right(reaches, offset)` (the
    first heading starting after it is the first at which the running maximum does).
    The stack is kept as two lists, levels and titles, so that each path is one join
    of a list, in C.
    """
    starts, paths = [], [""]
    levels: list[int] = []
    titles: list[str] = []
    for start, level, title in headings:
        starts.append(start)
        while levels and levels[-1] >= level:
            levels.pop()
            titles.pop()
        levels.append(level)
        titles.append(title)
        paths.append(" > ".join(titles))
    return list(accumulate(starts, max)), paths


def _normalise(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


# the matched text, NFKC, white space folded: the same markers and annotations recur in every
# report, and a pattern substitution costs more than the rest of a fingerprint
normalise = per_short_text(_normalise, maxsize=4096)


def fingerprint(doc: Document, rule: str, start: int | None, end: int | None, data: dict) -> str:
    if start is None:
        matched = canonical_json(data)
    else:
        matched = normalise(doc.source[start:end if end is not None else start])
    return digest("\x1f".join((rule, section_path(doc, start), matched)))


def span_fingerprints(doc: Document, rule: str, starts: list[int], ends: list[int]) -> list[str]:
    """`fingerprint` of each span [start, end) of `rule` in `doc`: made by maps over all the spans,
    in C (engine.stamp_all), but for normalising a text not seen before."""
    reaches, paths = _path_table(doc)
    sections = map(paths.__getitem__, map(bisect.bisect_right, repeat(reaches), starts))
    matched = map(normalise, map(doc.source.__getitem__, map(slice, starts, ends)))
    return list(map(digest, map("\x1f".join, zip(repeat(rule), sections, matched))))


def _digest(key: str) -> str:
    """A fingerprint: the first 20 hexadecimal digits of the SHA-1 of its key."""
    return sha1(key.encode("utf-8")).hexdigest()[:20]


# the fingerprint of a key (rule, section path, matched text): the same keys recur from report to
# report (standard headings, common markers and annotations: the 6,097 keys of 1,000 corpus reports
# are 1,068 different ones), and hashing costs more than the rest of a fingerprint
digest = per_short_text(_digest, maxsize=4096)


def canonical_json(data) -> str:
    """`json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)`, without importing json.

    A finding about the whole document is fingerprinted by its data, which is made of strings,
    numbers, lists and dicts with string keys: those are written here as json writes them (the
    `json` package costs about a millisecond to import, in a run that may lint one file). Any
    other value (a float that is not finite, a non-string key, an object json passes to `str`)
    is left to json itself. tests/test_fingerprint_json.py compares the two on generated data.
    """
    try:
        return _json_value(data)
    except (_NotPlain, RecursionError):  # (a value that holds itself: json says so its own way)
        import json

        return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


class _NotPlain(Exception):
    """A value `canonical_json` leaves to json."""


# what json's encoder escapes in a string when ensure_ascii is off: the quote, the backslash
# and the control characters below U+0020 (the usual ones by letter)
_ESCAPES = {code: f"\\u{code:04x}" for code in range(0x20)}
_ESCAPES.update({ord('"'): '\\"', ord("\\"): "\\\\", ord("\n"): "\\n", ord("\r"): "\\r",
                 ord("\t"): "\\t", ord("\b"): "\\b", ord("\f"): "\\f"})


def _json_value(value) -> str:
    """One value as json writes it (the order of the tests is json's: str, None, bools, int, float …)."""
    if isinstance(value, str):
        return '"' + value.translate(_ESCAPES) + '"'
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise _NotPlain
        return float.__repr__(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(map(_json_value, value)) + "]"
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise _NotPlain
        return "{" + ", ".join(_json_value(key) + ": " + _json_value(item)
                               for key, item in sorted(value.items())) + "}"
    raise _NotPlain
