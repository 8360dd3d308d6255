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
def _headings(doc: Document) -> list[tuple[int, int, str]]:
    return [(doc.source_offset(h.start), h.level, h.title) for h in doc.headings]


@per_document
def _path_table(doc: Document) -> tuple[list[int], list[str]]:
    return path_table(_headings(doc))


def path_table(headings: list[tuple[int, int, str]]) -> tuple[list[int], list[str]]:
    """What `section_path` needs to answer with one binary search.

    The path of an offset is the heading stack after reading `headings` in order up
    to the first one that starts after the offset. `paths[k]` is the path after the
    first k headings; `reaches[k]` is the largest start among the first k + 1, so the
    number of headings read for an offset is `bisect_right(reaches, offset)` (the
    first heading starting after it is the first at which the running maximum does).
    """
    reaches: list[int] = []
    paths = [""]
    stack: list[tuple[int, str]] = []
    for start, level, title in headings:
        reaches.append(start if not reaches else max(reaches[-1], start))
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, title))
        paths.append(" > ".join(title for _, title in stack))
    return reaches, paths


def _normalise(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


# the matched text, NFKC, white space folded: the same markers and annotations recur in every
# report, and a pattern substitution costs more than the rest of a fingerprint
normalise = per_short_text(_normalise, maxsize=4096)


def fingerprint(doc: Document, rule: str, start: int | None, end: int | None, data: dict) -> str:
    if start is None:
        import json

        matched = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    else:
        matched = normalise(doc.source[start:end if end is not None else start])
    key = "\x1f".join((rule, section_path(doc, start), matched))
    return sha1(key.encode("utf-8")).hexdigest()[:20]
