"""Compiled regular expressions kept across runs: `compile(pattern, flags)`.

The `regex` module compiles in Python, and the patterns of a full ruleset (the
secrecy markers, the markup debris, the template leftovers ...) take several
milliseconds to compile in every process. A compiled `regex` pattern pickles as
its compiled program (regex's own pickle support: unpickling calls
`_regex.compile` with the stored program, it does not parse the pattern again), so
the patterns compiled in one run are kept in the start-up cache (linter.cache)
and the next run reads them back. The store is keyed by the regex version and
the interpreter and holds (pattern, flags) -> compiled pattern; patterns that
depend on the locale are never stored. Patterns compiled for the first time are
added when the process ends, merged with what other runs stored meanwhile.
"""

from __future__ import annotations

import regex

from linter import cache

# A run loads them all: keep the store small (about 1.5 ms per 100 patterns).
_patterns = cache.Store("regexes", regex.__version__, cache.python_tag(), int(regex.DEFAULT_VERSION),
                        max_entries=500)


def compile(pattern: str, flags: int = 0):  # noqa: A001 - the regex module's own name
    """`regex.compile(pattern, flags)`, from the cache when an earlier run compiled it."""
    key = (pattern, flags)
    compiled = _patterns.get(key)
    if not isinstance(compiled, regex.Pattern):
        compiled = regex.compile(pattern, flags)
        if compiled.flags & regex.LOCALE:
            return compiled
        _patterns.put(key, compiled)
    return compiled
