"""A document's section-path table (fingerprint._path_table, made from its headings' source offsets)
answers as the heading stack read one heading at a time (`stack_path`, the oracle of
tests/test_rule_speed_paths.py, which compares fingerprint.path_table with it on random headings)."""

from __future__ import annotations

from test_rule_speed_paths import stack_path

from linter import fingerprint
from linter.engine import load_document


def test_a_documents_table_uses_its_headings_source_offsets(tmp_path):
    text = "一、概述\n正文\n（一）主动公开\n内容\n二、收到和处理申请情况\n末尾\n"
    for name, data in (("a.txt", text.encode("utf-8")), ("b.txt", text.replace("\n", "\r\n").encode("gb18030")),
                       ("c.txt", b""), ("d.html", f"<h1>一、概述</h1><p>正文</p><h2>（一）主动公开</h2>".encode())):
        (tmp_path / name).write_bytes(data)
        doc = load_document(str(tmp_path / name))
        headings = [(doc.source_offset(h.start), h.level, h.title) for h in doc.headings]
        assert fingerprint._path_table(doc) == fingerprint.path_table(headings)
        for offset in range(-1, len(doc.source) + 2):
            assert fingerprint.section_path(doc, offset) == stack_path(headings, offset)
