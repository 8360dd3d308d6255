"""Compiled regular expressions kept across runs: `compile(pattern, flags)`, and `regex` only when needed.

The `regex` module compiles in Python, and the patterns of a full ruleset (the
secrecy markers, the markup debris, the template leftovers ...) take several
milliseconds to compile in every process. A compiled `regex` pattern pickles as
its compiled program (regex's own pickle support: unpickling calls
`regex._regex.compile`, the C matcher, with the stored program; the pattern is not
parsed again), so the patterns compiled in one run are kept in the start-up cache
(linter.cache) and the next run reads them back. The store is keyed by the
interpreter and the files of the installed `regex` and holds (pattern, flags) ->
compiled pattern; patterns that depend on the locale are never stored. Patterns
compiled for the first time are added when the process ends, merged with what
other runs stored meanwhile.

Importing the `regex` package costs more than anything else a check starts with
(its pattern compiler, `regex._regex_core`, builds its tables in Python: about a
sixth of a one-file run). A run that finds all its patterns in the cache needs only
the C matcher, so `engine()` loads `regex._regex` by itself, from the installed
package's folder, and linter.cache unpickles patterns with it. The package is
imported the first time a pattern has to be compiled; it then finds and uses the
same C module. If the matcher cannot be loaded alone (another layout of the
package), the package is imported as usual.

Patterns are compiled as version 0 (the `re`-compatible behaviour, regex's
default) unless their flags say otherwise, so a change of `regex.DEFAULT_VERSION`
by other code changes nothing here. The flag values below are regex's own.
"""

from __future__ import annotations

import os
import sys

from linter import cache
from linter.installed import package_folder

IGNORECASE = I = 0x2
MULTILINE = M = 0x8
DOTALL = S = 0x10
V0 = VERSION0 = 0x2000
V1 = VERSION1 = 0x100
_VERSIONS = V0 | V1
_LOCALE = 0x4
_METACHARS = frozenset("()[]{}?*+|^$\\.-#&~")  # what regex.escape escapes (with white space)


def _matcher_path(folder: str | None) -> str | None:
    """The C matcher's file (`_regex` with this interpreter's extension suffix) in `folder`."""
    from importlib.machinery import EXTENSION_SUFFIXES

    if folder is None:
        return None
    for suffix in EXTENSION_SUFFIXES:
        path = os.path.join(folder, "_regex" + suffix)
        if os.path.isfile(path):
            return path
    return None


_FOLDER = package_folder("regex")
_MATCHER = _matcher_path(_FOLDER)
_SOURCES = [os.path.join(_FOLDER, name) for name in ("_main.py", "_regex_core.py")] if _FOLDER else []
# A run loads them all: keep the store small (about 1.5 ms per 100 patterns).
_patterns = cache.Store("regexes", cache.python_tag(), cache.file_stamps([_MATCHER or "", *_SOURCES]),
                        max_entries=500)


def engine():
    """The C matcher, `regex._regex`: loaded by itself when the package is not imported yet."""
    module = sys.modules.get("regex._regex")
    if module is None:
        module = _load_matcher_alone()
    if module is None:
        import regex._regex as module  # the usual way, with the whole package
    return module


def _load_matcher_alone():
    if _MATCHER is None:
        return None
    try:
        from importlib.machinery import ExtensionFileLoader, ModuleSpec

        loader = ExtensionFileLoader("regex._regex", _MATCHER)
        module = loader.create_module(ModuleSpec("regex._regex", loader, origin=_MATCHER))
        loader.exec_module(module)
    except Exception:  # noqa: BLE001 - any surprise: import the package as usual instead
        return None
    return sys.modules.setdefault("regex._regex", module)


def full():
    """The `regex` package itself (imported on first use)."""
    import regex

    if not hasattr(regex, "_regex"):  # the matcher was loaded alone before the package: bind it as import would
        regex._regex = sys.modules["regex._regex"]
    return regex


def compile(pattern, flags: int = 0):  # noqa: A001 - the regex module's own name
    """`regex.compile(pattern, flags)` (version 0 unless flags say otherwise), from the cache when possible."""
    key = (pattern, flags)
    compiled = _patterns.get(key)
    if compiled is None or not hasattr(compiled, "finditer"):
        compiled = full().compile(pattern, flags if flags & _VERSIONS else flags | V0)
        if compiled.flags & _LOCALE:
            return compiled
        _patterns.put(key, compiled)
    return compiled


def escape(text: str) -> str:
    """`regex.escape(text)`: a backslash before each special character and each white-space character."""
    return "".join("\\" + ch if ch in _METACHARS or ch.isspace() else ch for ch in text)
