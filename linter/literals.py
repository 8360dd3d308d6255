"""Which literal strings a regular expression's matches cannot do without.

`required_literals(pattern)` reads a pattern and returns clauses: sets of
strings such that, for every clause, any text the pattern matches in contains at
least one string of the clause (its match, or what a positive lookaround
looked at). A document that lacks every string of one clause cannot contain a
match, so the pattern need not run on it (see linter.markers, which finds all
such strings of all rules in one pass).

The pattern is read with Python's own `re` parser; `regex`-only syntax that
`re` cannot read, inline flags and POSIX classes make the answer None ("nothing
is known"), which always errs on the side of running the pattern. Common
single characters (spaces, digits, most punctuation) are left out of the clauses:
they are in nearly every document and would only slow the scan down.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata

from linter import cache

try:  # the parser behind re.compile; a private module, so every failure means "unknown"
    from re import _parser as _sre
    from re import _constants as _c
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _sre  # type: ignore[no-redef]

Clauses = tuple[frozenset[str], ...]

_MAX_CLASS = 16  # a character class with more members than this is no help
_MAX_CLAUSE = 256  # nor is an alternation of more strings than this
# (patterns given to re.search / re.sub, compiled on first use through re's own cache: the
# answers are kept between runs, so a run usually never analyses a pattern)
_POSIX_CLASS = r"\[:\^?[A-Za-z]+:\]"
_UNICODE_PROPERTY = r"(?s)\\(?:[pP]\{[^}]*\}|[pP][A-Za-z])|\\."


class _Unknown(Exception):
    """The pattern uses something this analysis does not follow."""


_UNKNOWN = "unknown"
_known = cache.Store("literals", 2, sys.version_info[:2])  # answers kept between runs (start-up time)


@functools.lru_cache(maxsize=1024)
def analyse(pattern: str) -> tuple[Clauses, int] | None:
    """(clauses, shortest match length) of `pattern`, or None when it cannot be analysed."""
    return remembered(pattern, lambda: _analyse(pattern))


def remembered(entry, compute):
    """`compute()`, an answer about a pattern, kept for `entry` between runs in this module's
    store (None, "nothing is known", is kept too): one store for every reading of patterns."""
    known = _known.get(entry)
    if known is None:
        known = compute()
        _known.put(entry, _UNKNOWN if known is None else known)
    return None if known == _UNKNOWN else known


def _analyse(pattern: str) -> tuple[Clauses, int] | None:
    if re.search(_POSIX_CLASS, pattern):  # [[:alpha:]] means something else to re
        return None
    text = re.sub(_UNICODE_PROPERTY,
                  lambda m: r"\w" if m.group()[1] in "pP" and len(m.group()) > 2 else m.group(), pattern)
    try:
        parsed = _sre.parse(text)
        if parsed.state.flags & ~_c.SRE_FLAG_UNICODE:  # an inline global flag such as (?i) or (?x)
            return None
        shortest = parsed.getwidth()[0]
        clauses = _sequence(list(parsed))
    except (_Unknown, re.error, RecursionError, OverflowError, ValueError, TypeError, AttributeError):
        return None
    return tuple(c for c in dict.fromkeys(clauses) if not any(_common(s) for s in c)), shortest


def required_literals(pattern: str) -> Clauses | None:
    """The clauses of `pattern` (see the module docstring), or None when nothing is known."""
    result = analyse(pattern)
    return None if result is None else result[0]


# Punctuation that reports seldom use: worth scanning for. A statistics-table cell holding X, ×,
# *, ? or __ instead of a number (template-leftover) then needs no pattern run on the nineteen
# documents in twenty that have none of them. (In markdown `*` and `_` are common, and found.)
_SELDOM = frozenset("*?_~^`@$\\{}!？＊！")


def _common(text: str) -> bool:
    """A single character found in almost every document: no use as a marker."""
    if len(text) != 1 or text in _SELDOM:
        return False
    if text.isascii():
        return not text.isalpha()
    return text.isspace() or text.isdigit() or unicodedata.category(text)[0] in "PZC"


def _sequence(items: list) -> list[frozenset[str]]:
    """Clauses of a sequence: every item's clauses, runs of plain characters joined into strings."""
    clauses: list[frozenset[str]] = []
    run: list[str] = []
    for op, argument in items:
        if op is _c.LITERAL:
            run.append(chr(argument))
            continue
        if run:
            clauses.append(frozenset(["".join(run)]))
            run = []
        clauses.extend(_item(op, argument))
    if run:
        clauses.append(frozenset(["".join(run)]))
    return clauses


def _item(op, argument) -> list[frozenset[str]]:
    if op is _c.IN:
        members = _class_members(argument)
        return [members] if members else []
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, body = argument
        if add_flags or del_flags:
            raise _Unknown("scoped flags")
        return _sequence(list(body))
    if op is _c.ATOMIC_GROUP:
        return _sequence(list(argument))
    if op is _c.BRANCH:
        return _branch(argument[1])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, _high, body = argument
        if low == 0:
            return []
        body = list(body)
        if low >= 2 and len(body) == 1 and body[0][0] is _c.LITERAL:  # x{2,}: xx
            return [frozenset([chr(body[0][1]) * min(low, 4)])]
        if low >= 2 and len(body) == 1 and body[0][0] is _c.IN:
            members = _class_members(body[0][1])
            if members and len(members) ** 2 <= _MAX_CLASS:  # [X×]{2,}: one of XX, X×, ×X, ××
                return [frozenset(a + b for a in members for b in members)]
        return _sequence(body)
    if op is _c.ASSERT:
        _direction, body = argument
        return _sequence(list(body))  # what a positive lookaround sees is in the document too
    if op in (_c.ASSERT_NOT, _c.AT, _c.ANY, _c.NOT_LITERAL, _c.CATEGORY, _c.GROUPREF, _c.GROUPREF_EXISTS):
        return []
    raise _Unknown(str(op))


def _branch(alternatives) -> list[frozenset[str]]:
    """One clause for an alternation: the best clause of each alternative, joined."""
    joined: set[str] = set()
    for alternative in alternatives:
        clauses = [c for c in _sequence(list(alternative)) if not any(_common(s) for s in c)]
        if not clauses:
            return []
        joined |= max(clauses, key=_selectivity)
        if len(joined) > _MAX_CLAUSE:
            return []
    return [frozenset(joined)]


def _selectivity(clause: frozenset[str]) -> tuple[int, int]:
    """Longer strings and fewer of them are rarer in a document."""
    return min(len(s) for s in clause), -len(clause)


def _class_members(items) -> frozenset[str] | None:
    """The characters of a small, positive character class; None for anything else."""
    members: set[str] = set()
    for op, argument in items:
        if op is _c.LITERAL:
            members.add(chr(argument))
        elif op is _c.RANGE and argument[1] - argument[0] < _MAX_CLASS:
            members.update(chr(code) for code in range(argument[0], argument[1] + 1))
        else:  # NEGATE, CATEGORY, a large range
            return None
        if len(members) > _MAX_CLASS:
            return None
    return frozenset(members) or None
