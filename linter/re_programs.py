"""`re.compile` for the few very large patterns, with the compiled program kept between runs.

Two prefilters test text against character classes of thousands of characters (the
GB18030 mojibake cluster in text_integrity, OpenCC's t2s keys in t2s_keys). `re`
tests such a class with one bitmap lookup, where `regex` searches it range by range
(a hundred times slower on these texts), but `re` compiles in Python: 2-4 ms for
each, paid again by every process (each `--jobs` worker too) that meets a text
needing one.

`re.compile` parses the pattern (`re._parser`), writes its program (`re._compiler`,
a list of ints) and hands both to the C engine, `_sre.compile`. This module keeps the
arguments of that last call in the start-up cache (linter.cache), keyed by the
pattern, the flags and the exact interpreter, whose program format they belong to,
and makes the pattern from them in about 0.1 ms. `_sre.compile` checks a program
before accepting it. Any surprise (another interpreter's `re` internals, a damaged
entry) falls back to `re.compile`, which is also what a run without the cache uses.
"""

from __future__ import annotations

import re

from linter import cache


def compile(pattern: str, flags: int = 0, kept_only: bool = False) -> re.Pattern | None:  # noqa: A001
    """`re.compile(pattern, flags)`, from the program kept in the start-up cache when there is one
    (with `kept_only`: None when there is none)."""
    entry = cache.key("re-program", cache.python_tag(), pattern, flags) if cache.enabled() else None
    if entry is not None:
        arguments = cache.load("re-program", entry)
        compiled = _from_program(arguments, pattern, flags)
        if compiled is not None:
            return compiled
    if kept_only:
        return None
    arguments = program(pattern, flags)
    compiled = _from_program(arguments, pattern, flags)
    if compiled is None:
        return re.compile(pattern, flags)
    if entry is not None:
        cache.store("re-program", entry, arguments)
    return compiled


def program(pattern: str, flags: int = 0) -> tuple | None:
    """The arguments `re._compiler.compile` gives `_sre.compile` for the pattern (None if this
    interpreter's `re` is not built that way): the pattern, flags, program, groups and names."""
    try:
        from re import _compiler, _parser

        parsed = _parser.parse(pattern, flags)
        code = list(map(int, _compiler._code(parsed, flags)))  # (its opcodes are int subclasses)
        names = dict(parsed.state.groupdict)
        groups = [None] * parsed.state.groups
        for name, index in names.items():
            groups[index] = name
        return pattern, flags | parsed.state.flags, code, parsed.state.groups - 1, names, tuple(groups)
    except Exception:  # noqa: BLE001 - another interpreter's internals: re.compile does it
        return None


def _from_program(arguments, pattern: str, flags: int) -> re.Pattern | None:
    """The pattern `_sre.compile` makes of `program`'s arguments, if they are those of this pattern."""
    if not (isinstance(arguments, tuple) and len(arguments) == 6 and arguments[0] == pattern
            and isinstance(arguments[1], int) and arguments[1] & flags == flags):
        return None
    try:
        import _sre

        return _sre.compile(*arguments)
    except Exception:  # noqa: BLE001 - not a program this interpreter's engine takes
        return None
