"""One pass over a document for the literal markers of every rule of a ruleset.

Rules that match words and patterns (forbidden-terms: secrecy markings,
template leftovers, draft labels...) name, through their kind's
`markers(options)`, the literal strings their matches cannot do without (their
terms, and what linter.literals reads out of their patterns). Before the rules
run, the engine finds which of all those strings occur in the document's view
with one Aho-Corasick automaton (the ahocorasick-rs package) and records the
answer here; a kind then runs only the patterns whose required strings are
present. A clean document thus costs one scan instead of one regular-expression
pass per pattern. The scan also tells where each string occurs (`Found.where`), so a
kind that looks around its strings needs no search of its own to find them. When
nothing was recorded (a kind called outside the engine), `found` answers None and
the kind runs every pattern.

The text and the strings are scanned as UTF-16-LE code units, not UTF-8: Python copies a
report's two-byte characters into UTF-16 about twice as fast as it encodes them as UTF-8,
and there are two bytes a Chinese character to scan instead of three (the scan of a report
costs about a third less). A match at an odd byte offset straddles two code units and is
no occurrence. At an even offset, a string without surrogates (all of its characters in
the BMP) matches whole code units, each a character of the text, so the match is an
occurrence. A string with a surrogate (a character past U+FFFF, two units; or a lone
surrogate) could also match a pair of lone surrogates of the text, or half a pair: it is
looked for in the text itself once the automaton has found it.
"""

from __future__ import annotations

import weakref
from codecs import utf_16_le_encode
from collections.abc import Iterable

# id(doc) -> (a weak reference to doc, its scan): a lookup is a dict lookup and a call of the
# reference, in C (a WeakKeyDictionary's `get` runs Python code, and every such rule asks for
# every document); the reference's callback drops the entry when the document goes
_found: dict[int, tuple[weakref.ref, "Found"]] = {}


# Documents scanned with the automaton that is quick to build before the one that is quick to
# search is built: a pre-commit run of a few files never pays for the second (about 0.2 ms to
# build, a few per cent of such a run), a long run scans nearly every document with it.
QUICK_BUILD_SCANS = 8


class MarkerScan:
    """An automaton over a fixed set of literal strings; `find(text)` says which occur.

    The first QUICK_BUILD_SCANS documents are scanned by a contiguous NFA (a quarter of the DFA's
    building time), the others by the DFA (about twice as fast to search): both find the same
    matches, only the time differs. The scans of one set of strings share the automaton and the
    count of documents: the rulesets of a run (common, cn-ogi-2021, cn-ogi-2008) mostly need the
    same strings, and then build the DFA once, not once each (about 5 M instructions each).
    """

    def __init__(self, literals: Iterable[str]) -> None:
        self.literals = tuple(sorted({s for s in literals if s}))
        self.known = frozenset(self.literals)
        self._checked = frozenset(filter(_has_surrogate_unit, self.literals))  # see the module docstring
        automaton = _automata.get(self.literals)
        if automaton is None:
            if len(_automata) >= _MAX_AUTOMATA:
                _automata.clear()
            automaton = _automata[self.literals] = _Automaton(self.literals)
        self._automaton = automaton

    def find(self, text: str) -> frozenset[str]:
        """The strings that occur in `text`."""
        return self.scan(text).present

    def scan(self, text: str) -> Found:
        """Which strings occur in `text`, and where (`Found.where`)."""
        if not self.literals:
            return Found(self.known, frozenset())
        literals = self.literals
        # (the codec's function itself: `str.encode` would look the codec up each time)
        units = utf_16_le_encode(text, "surrogatepass")[0]
        matches = self._automaton.search(units)
        present = frozenset(literals[index] for index, start, _end in matches if not start & 1)
        if self._checked and not self._checked.isdisjoint(present):
            present = frozenset(s for s in present if s not in self._checked or s in text)
        # a match's unit offset is its character offset unless a character before it takes two units
        return Found(self.known, present, (self, matches) if len(units) == 2 * len(text) else None)

    def starts(self, matches: list[tuple[int, int, int]], strings: tuple[str, ...]) -> list[int] | None:
        """The character offsets, in order, where `matches` (of a text without surrogates) show
        one of `strings`; None when one of them was not scanned for or has a surrogate."""
        if not self._checked.isdisjoint(strings) or not self.known.issuperset(strings):
            return None
        wanted = frozenset(map(self._automaton.index.__getitem__, strings))
        starts = [start >> 1 for i, start, _end in matches if i in wanted and not start & 1]
        starts.sort()  # (the matches come in the order of their ends)
        return starts


class _Automaton:
    """The automaton of the MarkerScans of one set of strings, and how many documents it scanned."""

    __slots__ = ("literals", "index", "scans", "_built")

    def __init__(self, literals: tuple[str, ...]) -> None:
        self.literals = literals
        self.index = {string: index for index, string in enumerate(literals)}
        self.scans = 0
        self._built = None

    def search(self, data: bytes) -> list[tuple[int, int, int]]:
        """Every match (string index, start, end) in the UTF-16-LE `data`, overlapping ones too."""
        self.scans += 1
        if self._built is None or self.scans == QUICK_BUILD_SCANS + 1:
            import ahocorasick_rs

            quick = self.scans <= QUICK_BUILD_SCANS
            self._built = ahocorasick_rs.BytesAhoCorasick(  # bytes: no offset mapping
                [utf_16_le_encode(s, "surrogatepass")[0] for s in self.literals],  # (see scan)
                matchkind=ahocorasick_rs.MatchKind.Standard,
                implementation=ahocorasick_rs.Implementation.ContiguousNFA if quick else None)
        return self._built.find_matches_as_indexes(data, overlapping=True)


# literals -> their automaton; a program that makes scan after scan of new strings starts again past _MAX_AUTOMATA
_automata: dict[tuple[str, ...], _Automaton] = {}
_MAX_AUTOMATA = 64


def _has_surrogate_unit(string: str) -> bool:
    """Whether a character of `string` is a surrogate or takes two (one past U+FFFF)."""
    return any(ch >= "\ud800" and not "\ue000" <= ch <= "\uffff" for ch in string)


class Found:
    """The outcome of a scan: which of the scanned strings occur in the document."""

    __slots__ = ("scanned", "present", "_matches", "_where")

    def __init__(self, scanned: frozenset[str], present: frozenset[str], matches=None) -> None:
        self.scanned = scanned
        self.present = present
        self._matches = matches  # (the scan, its matches) when they tell where the strings are
        self._where = None  # strings -> `where(*strings)`, once asked

    def satisfied(self, clauses) -> bool:
        """False only when the scan shows a clause none of whose strings is in the document.

        A clause with a string that was not scanned for says nothing (it counts as present).
        """
        if clauses is None:
            return True
        for clause in clauses:
            if self.present.isdisjoint(clause) and clause <= self.scanned:
                return False
        return True

    def where(self, *strings: str) -> list[int] | None:
        """Every start of one of `strings` in the text, overlapping ones too, in order (for one
        string, those `str.find` finds from each start + 1 on); None when the scan cannot tell
        (a string was not scanned for or has a surrogate, or the text has a character past U+FFFF).
        The answer is remembered and given again to whoever asks for the same strings: do not change it."""
        if self._matches is None:
            return None
        # remembered: several parts of a rule look around the same strings (绝密, 机密, 秘密)
        if self._where is None:
            self._where = {}
        starts = self._where.get(strings, False)
        if starts is False:
            scan, matches = self._matches
            starts = self._where[strings] = scan.starts(matches, strings)
        return starts


def record(doc, scan: MarkerScan) -> Found:
    """Scan `doc`'s view and remember the outcome for its rules (the engine calls this)."""
    outcome = scan.scan(doc.view)
    key = id(doc)  # no other living object has it; the callback runs before another can
    _found[key] = (weakref.ref(doc, lambda _, key=key: _found.pop(key, None)), outcome)
    return outcome


def found(doc) -> Found | None:
    """The recorded scan of `doc`, or None when there was none."""
    entry = _found.get(id(doc))
    return entry[1] if entry is not None and entry[0]() is doc else None
