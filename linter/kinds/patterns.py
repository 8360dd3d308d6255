"""Compiled-pattern cache shared by the kinds that match regular expressions (kept across runs: linter.regexes),
and the search of a pattern in the few spans of a text that can hold its matches (`runs`, `search_in`)."""

from __future__ import annotations

import functools
import os

from linter import cache, regexes
from linter.ruleclock import bounds_this_thread

# A user pattern that runs longer than this on one document is stopped (catastrophic
# backtracking); the engine reports the rule and the file.
MATCH_TIMEOUT = 5.0


def timeout_for(pattern) -> float | None:
    """The `timeout=` to search with the compiled `pattern`: MATCH_TIMEOUT, or None when the
    rule clock bounds this thread's rules and the ruleset check does not warn about the pattern.

    The regex module's timeout costs two system calls (the process's CPU clock) at every
    search, several times a search's own cost on a short text. The rule clock
    (linter.ruleclock) stops any runaway search too, since the regex module heeds signals
    while it matches; the timeout stays where it tells more: on a pattern that may backtrack
    catastrophically (stopped after MATCH_TIMEOUT and named as timed out, as the ruleset
    check's warning says), and where no clock runs (outside the main thread, or with
    DISCLINT_RULE_TIME_LIMIT=0).
    """
    if bounds_this_thread() and not _risky(pattern.pattern):
        return None
    return MATCH_TIMEOUT


# `_risky`'s answers, kept between runs (reading a pattern costs start-up time) and worked out
# again when the check's code changes
_RISKY = cache.Store("pattern-risk", cache.file_stamps([os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "regexcheck.py")]), max_entries=500)


@functools.lru_cache(maxsize=512)
def _risky(pattern: str) -> bool:
    """Whether the ruleset check warns that `pattern` may backtrack catastrophically."""
    risky = _RISKY.get(pattern)
    if risky is None:
        from linter.regexcheck import risky_pattern

        risky = risky_pattern(pattern) is not None
        _RISKY.put(pattern, risky)
    return risky


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


# ---- searching a pattern only where its matches can be -------------------------------------
#
# A match of a pattern holds a string of each of its clauses (linter.literals: the strings its
# matches cannot do without), and it and what its lookarounds consume are made of the
# characters `reach(pattern)` names. So every match lies in one maximal run of those
# characters around an occurrence of a string of a clause (`runs`), and searching those runs
# alone (`search_in`) finds every match. The regex module scans a text character by character
# (about 20 us for (?:绝密|机密|秘密) over a 6 KB report); `str.find` finds the strings far faster.

MAX_OCCURRENCES = 32  # more places to look at than this: the whole text is searched
MAX_RUN = 256  # a run longer than this on either side of an occurrence: the whole text is searched
# Characters of different kinds that no tight reach names all of: a part whose reach takes every
# one (解密[^\s，。；]{0,20} takes nearly any character) has runs as long as sentences, which
# cost more to find than searching the whole text.
ANY_CHARACTER = "的鑫Q、"


def runs(text: str, strings, reach: str, starts=None) -> list[tuple[int, int]] | None:
    """The maximal runs of `reach` characters in `text` around the occurrences of `strings`,
    in order; None (search the whole text) when there are more than MAX_OCCURRENCES, when
    `reach` takes every character of ANY_CHARACTER, or when a run is longer than MAX_RUN either side.

    `starts`, when given, lists for each string every start of it in `text` (as the marker scan
    found them: linter.markers.Found.where), and the strings are not searched for again.
    """
    forward, backward, broad = _run_patterns(reach)
    if broad:
        return None
    if starts is None:
        if sum(text.count(s) for s in strings) > MAX_OCCURRENCES:
            return None
        starts = [_occurrences(text, s) for s in strings]
    elif sum(map(len, starts)) > MAX_OCCURRENCES:
        return None
    found = set()
    for string, places in zip(strings, starts):
        if not _made_of(reach, string):
            continue  # a character no match is made of: no match holds this string
        for at in places:
            # each side looked at up to MAX_RUN + 1 characters away: a run reaching that far is too long
            start = backward.match(text, max(0, at - MAX_RUN - 1), at).start()
            end = forward.match(text, at, at + MAX_RUN + 1).end()
            if at - start > MAX_RUN or end - at > MAX_RUN:
                return None
            found.add((start, end))
    return sorted(found)


def _occurrences(text: str, string: str):
    """Every start of `string` in `text`, overlapping ones too, in order."""
    at = text.find(string)
    while at != -1:
        yield at
        at = text.find(string, at + 1)


def search_in(pattern, text: str, spans, position: int = 0, limit: int | None = None):
    """`pattern.search(text, position, limit)` when every match lies in one of `spans` (`runs`).

    A span [start, end) is searched with the character after it in view, so that `$`, `\\b`
    and lookaheads see what they see in the whole text (and no match can take it: it is not
    a `reach` character); lookbehinds and `^` see the text before `start` as always.
    """
    limit = len(text) if limit is None else limit
    timeout = timeout_for(pattern)
    for start, end in spans:
        if end > position and start < limit:
            match = pattern.search(text, max(start, position), min(end + 1, limit), timeout=timeout)
            if match is not None:
                return match
    return None


@functools.lru_cache(maxsize=1024)
def _made_of(reach: str, string: str) -> bool:
    """Whether every character of `string` is a `reach` character: the same few strings are asked
    about in every document, and a cache lookup costs a fraction of a `regex` call."""
    return _run_patterns(reach)[0].fullmatch(string) is not None


@functools.lru_cache(maxsize=256)
def _run_patterns(reach: str):
    """Patterns for a run of `reach` characters, from a position on and back from one, and
    whether `reach` takes every character of ANY_CHARACTER."""
    forward = regexes.compile(f"(?:{reach})*")
    return forward, regexes.compile(f"(?r)(?:{reach})*"), forward.fullmatch(ANY_CHARACTER) is not None


@functools.lru_cache(maxsize=256)
def reach(pattern: str) -> str | None:
    """A regular expression for one character that `pattern` (compiled by `compile_any`, with
    MULTILINE, without IGNORECASE) can match or look at in a lookaround, as the regex module
    reads it; None when that cannot be told. (Without MULTILINE, `$` would also match before
    a newline ending a span searched by `search_in`: it is only followed with it.)

    The pattern is read with `re`'s parser, as linter.literals reads it; what it does not
    know, or what `regex` may read otherwise (scoped flags, POSIX classes, \\p, ...), gives None.
    The answer is kept between runs in linter.literals' store (start-up time: reading a
    pattern takes re's parser).
    """
    from linter.literals import remembered

    return remembered(("reach", pattern), lambda: _read_reach(pattern))


def _read_reach(pattern: str) -> str | None:
    """`reach(pattern)`, worked out."""
    import re

    from linter.literals import _POSIX_CLASS, _c, _sre

    if re.search(_POSIX_CLASS, pattern):
        return None
    try:
        parsed = _sre.parse(pattern)
        if parsed.state.flags & ~_c.SRE_FLAG_UNICODE:
            return None
        members: list[str] = []
        alternatives: list[str] = []
        _collect(list(parsed), members, alternatives)
    except (_Unknown, re.error, RecursionError, OverflowError, ValueError, TypeError):
        return None
    if members:
        alternatives.insert(0, "[" + "".join(dict.fromkeys(members)) + "]")
    return "|".join(dict.fromkeys(alternatives)) if alternatives else None


class _Unknown(Exception):
    """Something `reach` does not follow."""


_CATEGORIES = None


def _categories():
    global _CATEGORIES
    if _CATEGORIES is None:
        from linter.literals import _c

        _CATEGORIES = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D", _c.CATEGORY_SPACE: r"\s",
                       _c.CATEGORY_NOT_SPACE: r"\S", _c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W"}
    return _CATEGORIES


def _char(code: int) -> str:
    if code == 0x7B:  # `{` read as a literal by `re` may be the start of a fuzzy constraint to `regex`
        raise _Unknown("{")
    return f"\\U{code:08x}"


def _collect(items, members: list[str], alternatives: list[str]) -> None:
    from linter.literals import _c

    for op, argument in items:
        if op is _c.LITERAL:
            members.append(_char(argument))
        elif op is _c.NOT_LITERAL:
            alternatives.append("[^" + _char(argument) + "]")
        elif op is _c.ANY:
            alternatives.append(".")  # not DOTALL: scoped flags are refused below
        elif op is _c.IN:
            parts = []
            negate = False
            for kind, value in argument:
                if kind is _c.NEGATE:
                    negate = True
                elif kind is _c.LITERAL:
                    parts.append(_char(value))
                elif kind is _c.RANGE:
                    parts.append(_char(value[0]) + "-" + _char(value[1]))
                elif kind is _c.CATEGORY and value in _categories():
                    parts.append(_categories()[value])
                else:
                    raise _Unknown(str(kind))
            if negate:
                alternatives.append("[^" + "".join(parts) + "]")
            else:
                members.extend(parts)
        elif op is _c.SUBPATTERN:
            _group, add_flags, del_flags, body = argument
            if add_flags or del_flags:
                raise _Unknown("scoped flags")
            _collect(list(body), members, alternatives)
        elif op is _c.ATOMIC_GROUP:
            _collect(list(argument), members, alternatives)
        elif op is _c.BRANCH:
            for alternative in argument[1]:
                _collect(list(alternative), members, alternatives)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            _collect(list(argument[2]), members, alternatives)
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            _collect(list(argument[1]), members, alternatives)
        elif op is _c.AT and argument in (_c.AT_BEGINNING, _c.AT_END, _c.AT_BOUNDARY, _c.AT_NON_BOUNDARY):
            pass  # ^ $ \b \B look at the characters next to a position: the search sees them
        elif op is _c.GROUPREF:
            pass  # the characters a group matched
        elif op is _c.GROUPREF_EXISTS:
            _group, yes, no = argument
            _collect(list(yes), members, alternatives)
            if no is not None:
                _collect(list(no), members, alternatives)
        else:
            raise _Unknown(str(op))
