"""linter.re_programs: `re` patterns made from the program kept in the start-up cache match as `re.compile`'s."""

from __future__ import annotations

import random
import re

import pytest

from linter import cache, re_programs

PATTERNS = [
    (r"(?P<year>\d{4})年(\d{1,2})月", 0),
    (r"^\s*第[一二三四五六七八九十]+条", re.M),
    (r"secret|CONFIDENTIAL", re.I),
    (r"(?<=[甲乙])丙.*?丁", re.S),
    (r"(a)|(b)(?P<c>c)?", 0),
    ("[" + "".join(chr(0x4E00 + 7 * i) for i in range(3000)) + "\U00010000-\U0010ffff]", 0),
]


def _texts() -> list[str]:
    rng = random.Random(7)
    alphabet = "甲乙丙丁年月第一二三条 \n2024ab cSECRETconfidential" + "".join(chr(0x4E00 + i) for i in range(40))
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 200))) for _ in range(300)] + \
        ["2024年12月", "  第十二条", "甲丙xx\n丁", "abc", "\U0001F600"]


def _same(made: re.Pattern, expected: re.Pattern) -> None:
    assert (made.pattern, made.flags, made.groups, made.groupindex) == \
        (expected.pattern, expected.flags, expected.groups, expected.groupindex)
    for text in _texts():
        assert [(m.span(), m.groups()) for m in made.finditer(text)] == \
            [(m.span(), m.groups()) for m in expected.finditer(text)], text


@pytest.fixture
def kept(tmp_path):
    cache.configure(tmp_path)
    yield tmp_path
    cache.configure(None)


@pytest.mark.parametrize("pattern,flags", PATTERNS)
def test_a_kept_program_makes_the_pattern_re_compile_makes(kept, monkeypatch, pattern, flags):
    expected = re.compile(pattern, flags)
    assert re_programs.compile(pattern, flags, kept_only=True) is None  # nothing kept yet
    _same(re_programs.compile(pattern, flags), expected)  # made, and its program kept
    assert len(list(kept.glob("re-program-*.bin"))) == 1
    monkeypatch.setattr(re_programs, "program", lambda *args: pytest.fail("made again"))
    _same(re_programs.compile(pattern, flags), expected)  # from the kept program
    _same(re_programs.compile(pattern, flags, kept_only=True), expected)


def test_a_program_kept_for_another_pattern_or_damaged_is_not_used(kept):
    pattern, other = r"(\d+)年", r"(\d+)月"
    entry = cache.key("re-program", cache.python_tag(), pattern, 0)
    cache.store("re-program", entry, re_programs.program(other))  # another pattern's program
    _same(re_programs.compile(pattern), re.compile(pattern))
    assert re_programs.compile(pattern).search("2024年").group() == "2024年"
    for damaged in ("not a program", (pattern, 0, [1, 2, 3], 0, {}, ()), (pattern,)):
        cache.store("re-program", entry, damaged)  # (an engine that refuses it raises: caught)
        assert re_programs.compile(pattern, kept_only=True) is None
        _same(re_programs.compile(pattern), re.compile(pattern))


def test_a_program_the_engine_refuses_is_not_kept_and_re_compile_does_it(kept, monkeypatch):
    """As with another interpreter's `re` internals: `_sre.compile` refuses what `program` made."""
    made = re_programs.program(r"(?P<n>\d+)号")
    monkeypatch.setattr(re_programs, "program", lambda *args: made[:2] + ([999_999],) + made[3:])
    _same(re_programs.compile(r"(?P<n>\d+)号"), re.compile(r"(?P<n>\d+)号"))
    assert not list(kept.glob("re-program-*.bin"))  # nothing kept that cannot be used
    monkeypatch.setattr(re_programs, "program", lambda *args: None)  # `re` built another way
    _same(re_programs.compile(r"(\d+)条"), re.compile(r"(\d+)条"))
    assert not list(kept.glob("re-program-*.bin"))


def test_without_a_cache_nothing_is_kept_and_each_call_compiles(tmp_path):
    cache.configure(tmp_path, enabled=False)
    try:
        assert re_programs.compile(r"\d+", kept_only=True) is None
        _same(re_programs.compile(r"(\d+)条"), re.compile(r"(\d+)条"))
        assert not list(tmp_path.iterdir())
    finally:
        cache.configure(None)
