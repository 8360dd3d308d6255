"""fingerprint.path_table (its stack kept as two lists, its reaches a running maximum) answers as the
heading stack read one heading at a time."""

from __future__ import annotations

import bisect
import random

from linter import fingerprint
from linter.engine import load_document


def _paths_one_by_one(headings, offset: int) -> str:
    """The path of `offset`: the stack after reading the headings up to the first that starts after it."""
    stack: list[tuple[int, str]] = []
    for start, level, title in headings:
        if start > offset:
            break
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, title))
    return " > ".join(title for _, title in stack)


def test_path_table_answers_as_the_stack_read_heading_by_heading():
    rng = random.Random(11)
    for _ in range(300):
        headings = [(rng.randint(0, 60), rng.randint(1, 4), f"t{n}") for n in range(rng.randint(0, 12))]
        if rng.random() < 0.7:
            headings.sort()
        reaches, paths = fingerprint.path_table(iter(headings))
        assert len(paths) == len(reaches) + 1
        for offset in range(-1, 64):
            assert paths[bisect.bisect_right(reaches, offset)] == _paths_one_by_one(headings, offset)


def test_a_documents_table_uses_its_headings_source_offsets(tmp_path):
    text = "一、概述\n正文\n（一）主动公开\n内容\n二、收到和处理申请情况\n末尾\n"
    for name, data in (("a.txt", text.encode("utf-8")), ("b.txt", text.replace("\n", "\r\n").encode("gb18030")),
                       ("c.txt", b""), ("d.html", f"<h1>一、概述</h1><p>正文</p><h2>（一）主动公开</h2>".encode())):
        (tmp_path / name).write_bytes(data)
        doc = load_document(str(tmp_path / name))
        headings = [(doc.source_offset(h.start), h.level, h.title) for h in doc.headings]
        assert fingerprint._path_table(doc) == fingerprint.path_table(headings)
        for offset in range(-1, len(doc.source) + 2):
            assert fingerprint.section_path(doc, offset) == _paths_one_by_one(headings, offset)
