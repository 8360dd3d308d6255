"""Spot regular expressions that can backtrack catastrophically, for a ruleset warning.

A user pattern such as `(a|aa)+$` or `(a+)+$` may try exponentially many ways to
divide a long run of matching characters before it fails, and so hang a run on one
line of text. A pattern these checks flag runs with a timeout
(`linter.kinds.patterns.MATCH_TIMEOUT`, `timeout_for`), and every rule runs under the rule
clock (linter.ruleclock), so such a pattern ends as an `internal-error` finding naming the
rule instead of a hang; these checks let a ruleset author hear about it when the ruleset is
loaded.

`nested_quantifiers(pattern)` is True when a group is repeated a varying number of
times (`*`, `+`, `{n,}`, `{n,m}` with m > n; not possessive) and one way through the
group is nothing but a varying repetition (at any depth) and parts that may match
nothing. Flagged: `(a+)+`, `(\\w*)*`, `(.+)+`, `(?:\\s*\\w+)+`, `(a+|b)*`, `((ab)*)+`,
`(\\d{1,3})+`. Not flagged: `(ab+c)+` and `(\\d{1,3},)+` (a required part divides the
iterations), `(a++)+`, `(?>a+)+` and `(a+)++` (possessive or atomic: nothing to
backtrack into), `(a+){3}` (a fixed count), `[(a+)+]` (a character class).

`overlapping_alternatives(pattern)` is True when a repeated group has two alternatives
one of which is written as the other, or the other repeated: `(a|a)+`, `(a|aa)+`,
`(\\w|\\w\\w)+`. The `regex` module defuses many nested quantifiers by itself (`(a+)+$`
fails at once on `aaaa…b`), but not these, which are the ones that really time out.

`risky_pattern(pattern)` gives the reason in words, or None.

These are heuristics for the common shapes, not a proof: overlapping character classes
(`(\\w|\\d)+`), a wildcard beside a repetition (`(([a-z])+.)+`) and adjacent overlapping
repetitions (`\\w+\\w+$`) are not reported. They never raise, also on patterns that do
not compile.
"""

from __future__ import annotations

from dataclasses import dataclass

_ZERO_WIDTH_ESCAPES = set("bBAZzG")
_DIGITS = "0123456789"


@dataclass
class _Item:
    nullable: bool      # can match the empty string
    varying: bool       # holds a backtracking repetition of varying count (itself or inside)
    group: list | None = None  # for a group: its alternatives, each a list of _Item
    atomic: bool = False
    texts: tuple[str, ...] = ()  # for a group: the source text of each alternative


def _is(ch: str, chars: str) -> bool:
    """`ch` is one of `chars` (and not the empty string, which `in` would accept)."""
    return ch != "" and ch in chars


def nested_quantifiers(pattern: str) -> bool:
    """True if `pattern` repeats a group whose body is essentially a repetition itself (see module doc)."""
    return _parse(pattern).nested


def overlapping_alternatives(pattern: str) -> bool:
    """True if `pattern` repeats a group with two alternatives where one is the other repeated.

    `(a|a)+`, `(a|aa)+$`, `(\\w|\\w\\w)+`, `(ab|abab)*`: every run of text can be divided
    between the alternatives in exponentially many ways. The `regex` module defuses many
    nested quantifiers by itself, but not these; they are compared as written, so
    `(\\w|\\d)+` (overlapping character classes) is not reported.
    """
    return _parse(pattern).overlapping


def risky_pattern(pattern: str) -> str | None:
    """Why `pattern` may backtrack catastrophically, in words, or None: for a ruleset warning."""
    parsed = _parse(pattern)
    if parsed.nested:
        return "nested quantifiers (a repeated group that is itself a repetition, like (a+)+)"
    if parsed.overlapping:
        return "a repeated group whose alternatives overlap (like (a|aa)+)"
    return None


def _parse(pattern: str) -> "_Parser":
    parser = _Parser(pattern if isinstance(pattern, str) else "")
    try:
        parser.alternatives()
    except (IndexError, ValueError, RecursionError):  # a malformed tail: judge what was read
        pass
    return parser


class _Parser:
    def __init__(self, pattern: str) -> None:
        self.text = pattern
        self.at = 0
        self.nested = False
        self.overlapping = False
        self.depth = 0

    def peek(self, offset: int = 0) -> str:
        index = self.at + offset
        return self.text[index] if index < len(self.text) else ""

    def alternatives(self) -> tuple[list[list[_Item]], list[str]]:
        """Alternatives up to the `)` closing the current group (not consumed) or the end,
        with the source text of each."""
        alternatives: list[list[_Item]] = [[]]
        texts: list[str] = []
        start = self.at
        while self.at < len(self.text):
            ch = self.peek()
            if ch == ")":
                if self.depth > 0:
                    break
                self.at += 1  # an unbalanced ")" at the top: skip it
                continue
            if ch == "|":
                texts.append(self.text[start:self.at])
                self.at += 1
                start = self.at
                alternatives.append([])
                continue
            item = self.atom()
            if item is None:
                continue
            alternatives[-1].append(self.quantified(item))
        texts.append(self.text[start:self.at])
        return alternatives, texts

    def atom(self) -> _Item | None:
        ch = self.peek()
        if ch == "(":
            return self.group()
        if ch == "[":
            self.char_class()
            return _Item(nullable=False, varying=False)
        if ch == "\\":
            return self.escape()
        if _is(ch, "^$"):
            self.at += 1
            return _Item(nullable=True, varying=False)
        if _is(ch, "*+?") or (ch == "{" and self.quantifier_at(self.at) is not None):
            # a quantifier with nothing to repeat (invalid); skip it
            self.at += 1 if ch != "{" else self.quantifier_at(self.at)[3] - self.at
            return None
        self.at += 1
        return _Item(nullable=False, varying=False)

    def escape(self) -> _Item:
        self.at += 1
        ch = self.peek()
        self.at += 1
        if ch in _ZERO_WIDTH_ESCAPES:
            return _Item(nullable=True, varying=False)
        if _is(ch, "pPNX") and self.peek() == "{" or _is(ch, "gk") and _is(self.peek(), "{<"):
            closing = "}" if self.peek() == "{" else ">"
            end = self.text.find(closing, self.at)
            self.at = len(self.text) if end < 0 else end + 1
        return _Item(nullable=False, varying=False)

    def char_class(self) -> None:
        self.at += 1
        if self.peek() == "^":
            self.at += 1
        if self.peek() == "]":
            self.at += 1
        while self.at < len(self.text):
            ch = self.peek()
            if ch == "\\":
                self.at += 2
            elif ch == "[" and self.peek(1) == ":":
                end = self.text.find(":]", self.at + 2)
                self.at = self.at + 1 if end < 0 else end + 2
            elif ch == "]":
                self.at += 1
                return
            else:
                self.at += 1

    def group(self) -> _Item:
        self.at += 1
        atomic = zero_width = False
        if self.peek() == "?":
            kind = self.peek(1)
            if kind == "#":  # a comment
                end = self.text.find(")", self.at)
                self.at = len(self.text) if end < 0 else end + 1
                return _Item(nullable=True, varying=False)
            if kind == "P" and _is(self.peek(2), "=>") or _is(kind, "&R") or _is(kind, _DIGITS) or \
                    _is(kind, "+-") and _is(self.peek(2), _DIGITS):
                end = self.text.find(")", self.at)  # a back-reference or a recursion: one atom
                self.at = len(self.text) if end < 0 else end + 1
                return _Item(nullable=False, varying=False)
            if kind == "P" and self.peek(2) == "<" or kind == "<" and self.peek(2) not in "=!" or kind == "'":
                closing = "'" if kind == "'" else ">"
                end = self.text.find(closing, self.at + 2)
                self.at = len(self.text) if end < 0 else end + 1
            elif _is(kind, ":|"):
                self.at += 2
            elif kind == ">":
                self.at += 2
                atomic = True
            elif _is(kind, "=!") or kind == "<" and _is(self.peek(2), "=!"):
                self.at += 3 if kind == "<" else 2
                zero_width = True
            elif kind == "(":  # a condition (?(1)yes|no): skip the condition
                end = self.text.find(")", self.at + 2)
                self.at = len(self.text) if end < 0 else end + 1
            else:  # inline flags: (?i) alone, or (?i:...) scoped
                self.at += 1
                while self.at < len(self.text) and self.peek() not in ":)":
                    self.at += 1
                if self.peek() == ")":
                    self.at += 1
                    return _Item(nullable=True, varying=False)
                self.at += 1
        self.depth += 1
        try:
            body, texts = self.alternatives()
        finally:
            self.depth -= 1
        if self.peek() == ")":
            self.at += 1
        nullable = zero_width or any(all(item.nullable for item in alternative) for alternative in body)
        varying = not atomic and not zero_width and any(item.varying for alternative in body for item in alternative)
        return _Item(nullable=nullable, varying=varying, group=body, atomic=atomic or zero_width,
                     texts=tuple(texts))

    def quantifier_at(self, index: int) -> tuple[int, int | None, bool, int] | None:
        """(min, max or None, possessive, index after it) for a quantifier starting at `index`."""
        ch = self.text[index] if index < len(self.text) else ""
        if ch in ("*", "+", "?"):
            low, high, end = {"*": (0, None), "+": (1, None), "?": (0, 1)}[ch] + (index + 1,)
        elif ch == "{":
            close = self.text.find("}", index)
            if close < 0:
                return None
            inside = self.text[index + 1:close]
            first, comma, second = inside.partition(",")
            first, second = first.strip(), second.strip()
            if not (first.isdigit() or (comma and not first)) or (second and not second.isdigit()) \
                    or not (first or second) or not first.isascii() or not second.isascii():
                return None
            low = int(first) if first else 0
            high = (int(second) if second else None) if comma else low
            end = close + 1
        else:
            return None
        following = self.text[end] if end < len(self.text) else ""
        possessive = following == "+"
        if _is(following, "?+"):
            end += 1
        return low, high, possessive, end

    def quantified(self, item: _Item) -> _Item:
        quantifier = self.quantifier_at(self.at)
        while quantifier is not None:
            low, high, possessive, self.at = quantifier
            varies = not possessive and (high is None or (high >= 2 and high > low))
            if varies and item.group is not None and not item.atomic:
                self.nested = self.nested or _splittable(item.group)
                self.overlapping = self.overlapping or _repeats_another(item.texts)
            item = _Item(nullable=item.nullable or low == 0,
                         varying=not possessive and (item.varying or varies), group=None)
            quantifier = self.quantifier_at(self.at)  # a{2}{3}: quantified again
        return item


def _repeats_another(texts: tuple[str, ...]) -> bool:
    """One alternative is written as another one, or as another one repeated (a | aa)."""
    for i, first in enumerate(texts):
        for j, second in enumerate(texts):
            if i != j and first and len(second) >= len(first) and len(second) % len(first) == 0 \
                    and second == first * (len(second) // len(first)) and (len(second) > len(first) or i < j):
                return True
    return False


def _splittable(alternatives: list[list[_Item]]) -> bool:
    """Some way through the group is a varying repetition with only optional parts around it."""
    for alternative in alternatives:
        for index, item in enumerate(alternative):
            if item.varying and all(other.nullable for j, other in enumerate(alternative) if j != index):
                return True
    return False
