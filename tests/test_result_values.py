"""The values of the result cache: checked against damage, written and read back exactly."""

from __future__ import annotations

import zlib

from linter import resultcache
from linter.finding import Finding, Severity
from linter.keptlines import KeptLines
from linter.result import FileResult


def _result(findings=()) -> FileResult:
    return FileResult("a.txt", tuple(findings), "gov", "utf-8", "text", None, "默认", KeptLines([0, 3], 9, {1: "ab"}))


def test_a_value_is_the_crc32_of_its_key_and_payload_then_the_payload():
    value = resultcache.value_of(_result(), b"key")
    assert int.from_bytes(value[:4], "big") == zlib.crc32(b"key" + value[4:])


def test_a_value_whose_check_does_not_match_is_a_miss():
    value = resultcache.value_of(_result([Finding("a.txt", "rule-a", Severity.ERROR, "消息", 1, 1, 1, 2, {"t": "机密"})]),
                                 b"k")
    assert resultcache._result_of(b"k", value, 1 << 30) is not None
    for damaged in (value[:-1] + bytes([value[-1] ^ 1]), bytes([value[0] ^ 1]) + value[1:], value[:-1]):
        assert resultcache._result_of(b"k", damaged, 1 << 30) is None


def test_a_value_read_under_another_key_is_a_miss():
    """What a database damaged by a power loss could hand back (see linter.resultcache)."""
    value = resultcache.value_of(_result(), b"key of a.txt")
    assert resultcache._result_of(b"key of a.txt", value, 1 << 30) == _result()
    assert resultcache._result_of(b"key of b.txt", value, 1 << 30) is None
    assert resultcache._result_of(bytearray(b"key of a.txt"), value, 1 << 30) == _result()


def test_results_read_back_as_written_through_the_columns_and_through_a_pickle():
    import datetime

    from linter.finding import Edit, Fix

    fix = Fix((Edit(0, 1, "甲"),), "safe", False)
    plain = [Finding("a.txt", "rule-a", Severity.ERROR, "消息", 1, 1, 1, 2, {"t": "机密"}),
             Finding("a.txt", "rule-b", Severity.INFO, "m", 2, 3, 2, 4, {}, {"page": 2}, "f" * 20, fix),
             Finding("a.txt", "rule-c", Severity.WARNING, "m", 2, 5, 2, 6, {"n": [1, 2]}, None, "e" * 20)]
    odd = plain[:1] + [plain[1]._replace(data={"when": datetime.date(2024, 1, 31)})]  # marshal cannot write a date
    for findings, kind in (((), b"f"), (plain, b"f"), (plain[:1], b"f"), (odd, b"p")):
        result = _result(findings)
        value = resultcache.value_of(result, b"k")
        assert value[4:5] == kind
        back = resultcache._result_of(b"k", value, 1 << 30)
        assert back == result and [tuple(f) for f in back.findings] == [tuple(f) for f in findings]
        assert [type(f) for f in back.findings] == [Finding] * len(findings)
        assert [f.severity for f in back.findings] == [f.severity for f in findings]
        assert resultcache.result_of_value(value) == result


def test_the_fixes_of_many_findings_read_back_each_at_its_finding():
    from linter.finding import Edit, Fix

    fixes = [Fix((Edit(0, 1, "甲"),)), None, Fix((Edit(2, 3, ""), Edit(4, 6, "乙"), Edit(7, 7, "x")), "unsafe", True),
             Fix(()), None, Fix((Edit(9, 10, ""),), "safe", True)]
    findings = [Finding("a.txt", "rule-a", Severity.ERROR, "m", 1, n + 1, 1, n + 2, {}, None, "f" * 20, fix)
                for n, fix in enumerate(fixes)]
    for chosen in (findings, findings[1:2], findings[2:4]):
        value = resultcache.value_of(_result(chosen), b"k")
        assert value[4:5] == b"f"
        back = resultcache._result_of(b"k", value, 1 << 30)
        assert [f.fix for f in back.findings] == [f.fix for f in chosen]
        assert [type(f.fix) for f in back.findings] == [type(f.fix) for f in chosen]
        assert [type(edit) for f in back.findings if f.fix for edit in f.fix.edits] == \
            [type(edit) for f in chosen if f.fix for edit in f.fix.edits]


def test_a_value_of_the_columns_before_fixes_were_columns_is_a_miss():
    import marshal

    old = b"c" + marshal.dumps(("a.txt", "gov", "utf-8", "text", None, None, None, ()))
    assert resultcache._result_of(b"k", zlib.crc32(b"k" + old).to_bytes(4, "big") + old, 1 << 30) is None


def test_a_result_without_findings_keeps_no_lines_and_one_with_findings_keeps_theirs():
    from linter.textmap import LineIndex

    lines = LineIndex("甲\n乙丙\n丁\n")
    clean = FileResult("a.txt", (), "gov", "utf-8", "text", None, "默认", lines).compact()
    assert clean.lines is None and clean == FileResult("a.txt", (), "gov", "utf-8", "text", None, "默认")
    assert resultcache.result_of_value(resultcache.value_of(clean, b"k")).lines is None
    finding = Finding("a.txt", "rule-a", Severity.ERROR, "消息", 2, 1, 2, 2, {})
    kept = FileResult("a.txt", (finding,), "gov", "utf-8", "text", None, "默认", lines).compact()
    assert kept.lines.texts == {2: "乙丙"} and kept.line_text(2) == "乙丙"
