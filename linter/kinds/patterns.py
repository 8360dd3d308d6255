"""Compiled-pattern cache shared by the kinds that match regular expressions (kept across runs: linter.regexes)."""

from __future__ import annotations

import functools

from linter import regexes

# A user pattern that runs longer than this on one document is stopped (catastrophic
# backtracking); the engine reports the rule and the file.
MATCH_TIMEOUT = 5.0


@functools.lru_cache(maxsize=512)
def compile_any(patterns: tuple[str, ...], ignore_case: bool = False, multiline: bool = True):
    """One alternation of `patterns` (each wrapped in a non-capturing group)."""
    flags = regexes.V0 | (regexes.IGNORECASE if ignore_case else 0) | (regexes.MULTILINE if multiline else 0)
    return regexes.compile("|".join(f"(?:{p})" for p in patterns), flags)


def literal_patterns(terms: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Escape literal terms, longest first so that the longest marker wins at a position.

    Terms of one length are sorted too (at most one of them matches at a position), so
    the pattern is the same in every process and its compiled form can be reused.
    """
    return tuple(regexes.escape(t) for t in sorted(set(terms), key=lambda term: (-len(term), term)))
