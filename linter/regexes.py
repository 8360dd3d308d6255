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

import atexit

import regex

from linter import cache

_MAX_ENTRIES = 500  # a run loads them all: keep the store small (about 1.5 ms per 100 patterns)

_store: dict | None = None
_added: dict = {}
_used: set = set()


def compile(pattern: str, flags: int = 0):  # noqa: A001 - the regex module's own name
    """`regex.compile(pattern, flags)`, from the cache when an earlier run compiled it."""
    store = _store if _store is not None else _load()
    key = (pattern, flags)
    compiled = store.get(key)
    if compiled is None or not isinstance(compiled, regex.Pattern):
        compiled = regex.compile(pattern, flags)
        if compiled.flags & regex.LOCALE:
            return compiled
        store[key] = compiled
        if not _added:
            atexit.register(save)
        _added[key] = compiled
    _used.add(key)
    return compiled


def _forget_store() -> None:
    """Patterns compiled at import time read the default cache; `--cache-dir` names another."""
    global _store
    _store = None


cache.on_configure(_forget_store)


def _key() -> str:
    return cache.key("regexes", regex.__version__, cache.python_tag(), int(regex.DEFAULT_VERSION))


def _load() -> dict:
    global _store
    loaded = cache.load("regexes", _key())
    _store = loaded if isinstance(loaded, dict) else {}
    return _store


def save() -> None:
    """Add this run's new patterns to the stored ones (called at exit)."""
    if not _added:
        return
    current = cache.load("regexes", _key())
    merged = current if isinstance(current, dict) else {}
    merged.update(_added)
    if len(merged) > _MAX_ENTRIES:  # keep what this run used, then the others, up to the limit
        kept = {key: merged[key] for key in _used if key in merged}
        for key, value in merged.items():
            if len(kept) >= _MAX_ENTRIES:
                break
            kept.setdefault(key, value)
        merged = kept
    cache.store("regexes", _key(), merged)
    _added.clear()
