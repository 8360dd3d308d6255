"""Fingerprints are remembered by key across documents, and stay the SHA-1 of their key."""

from __future__ import annotations

import hashlib

from linter import fingerprint
from linter.engine import load_document


def _expected(doc, rule: str, start: int, end: int) -> str:
    key = "\x1f".join((rule, fingerprint.section_path(doc, start), fingerprint._normalise(doc.source[start:end])))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def test_fingerprints_are_the_sha1_of_their_keys_remembered_or_not(tmp_path):
    text = "一、概述\n机密★ 信(xìn)息\n" + "长" * 150 + "\n二、情况\n机密★ 信(xìn)息\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    doc = load_document(str(tmp_path / "a.txt"))
    spans = [(text.index("机密"), text.index("机密") + 3), (text.rindex("机密"), text.rindex("机密") + 3),
             (text.index("("), text.index(")") + 1), (text.index("长"), text.index("长") + 150)]  # (a long key)
    expected = [_expected(doc, "rule-x", start, end) for start, end in spans]
    assert len(set(expected)) == 4  # (the same marker under another heading: another fingerprint)
    starts, ends = [s for s, _ in spans], [e for _, e in spans]
    for _ in range(2):  # a first time, then with the keys remembered
        assert fingerprint.span_fingerprints(doc, "rule-x", starts, ends) == expected
        assert [fingerprint.fingerprint(doc, "rule-x", s, e, {}) for s, e in spans] == expected
    assert fingerprint.fingerprint(doc, "rule-y", spans[0][0], spans[0][1], {}) != expected[0]
