"""The values of the result cache: checked against damage, written and read back exactly."""

from __future__ import annotations

import zlib

from linter import resultcache
from linter.finding import Finding, Severity
from linter.keptlines import KeptLines
from linter.result import FileResult


def _result(findings=()) -> FileResult:
    return FileResult("a.txt", tuple(findings), "gov", "utf-8", "text", None, "默认", KeptLines([0, 3], 9, {1: "ab"}))


def test_a_value_is_the_crc32_of_its_payload_then_the_payload():
    value = resultcache.value_of(_result())
    assert int.from_bytes(value[:4], "big") == zlib.crc32(value[4:])


def test_a_value_whose_check_does_not_match_is_a_miss():
    value = resultcache.value_of(_result([Finding("a.txt", "rule-a", Severity.ERROR, "消息", 1, 1, 1, 2, {"t": "机密"})]))
    assert resultcache._result_of(b"k", value, 1 << 30) is not None
    for damaged in (value[:-1] + bytes([value[-1] ^ 1]), bytes([value[0] ^ 1]) + value[1:], value[:-1]):
        assert resultcache._result_of(b"k", damaged, 1 << 30) is None
