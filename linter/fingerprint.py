"""Fingerprints: an identity for a finding that survives edits elsewhere in the file.

rule + the matched text, normalised (NFKC, whitespace folded) + the path of
headings the finding stands under. Never the line number, so inserting a
paragraph above an accepted finding keeps its fingerprint; never a timestamp, so
a baseline file does not churn. Findings about the whole document use their data
instead of matched text.
"""

from __future__ import annotations

import unicodedata

from linter import regexes
from linter.hashing import sha1
from linter.document import Document
from linter.memo import per_document

_SPACE = regexes.compile(r"\s+")


def section_path(doc: Document, source_offset: int | None) -> str:
    """Titles of the headings enclosing `source_offset`, outermost first, joined by " > "."""
    if source_offset is None:
        return ""
    headings = _headings(doc)
    stack: list[tuple[int, str]] = []
    for start, level, title in headings:
        if start > source_offset:
            break
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, title))
    return " > ".join(title for _, title in stack)


@per_document
def _headings(doc: Document) -> list[tuple[int, int, str]]:
    return [(doc.source_offset(h.start), h.level, h.title) for h in doc.headings]


def normalise(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def fingerprint(doc: Document, rule: str, start: int | None, end: int | None, data: dict) -> str:
    if start is None:
        import json

        matched = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    else:
        matched = normalise(doc.source[start:end if end is not None else start])
    key = "\x1f".join((rule, section_path(doc, start), matched))
    return sha1(key.encode("utf-8")).hexdigest()[:20]
