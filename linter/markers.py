"""One pass over a document for the literal markers of every rule of a ruleset.

Rules that match words and patterns (forbidden-terms: secrecy markings,
template leftovers, draft labels...) name, through their kind's
`markers(options)`, the literal strings their matches cannot do without (their
terms, and what linter.literals reads out of their patterns). Before the rules
run, the engine finds which of all those strings occur in the document's view
with one Aho-Corasick automaton (the ahocorasick-rs package) and records the
answer here; a kind then runs only the patterns whose required strings are
present. A clean document thus costs one scan instead of one regular-expression
pass per pattern. When nothing was recorded (a kind called outside the
engine), `found` answers None and the kind runs every pattern.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable

_found: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


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
        automaton = _automata.get(self.literals)
        if automaton is None:
            if len(_automata) >= _MAX_AUTOMATA:
                _automata.clear()
            automaton = _automata[self.literals] = _Automaton(self.literals)
        self._automaton = automaton

    def find(self, text: str) -> frozenset[str]:
        if not self.literals:
            return frozenset()
        literals = self.literals
        matches = self._automaton.search(text.encode("utf-8", "surrogatepass"))
        return frozenset(literals[index] for index, _start, _end in matches)


class _Automaton:
    """The automaton of the MarkerScans of one set of strings, and how many documents it scanned."""

    __slots__ = ("literals", "scans", "_built")

    def __init__(self, literals: tuple[str, ...]) -> None:
        self.literals = literals
        self.scans = 0
        self._built = None

    def search(self, data: bytes) -> list[tuple[int, int, int]]:
        """Every match (string index, start, end) in `data`, overlapping ones too."""
        self.scans += 1
        if self._built is None or self.scans == QUICK_BUILD_SCANS + 1:
            import ahocorasick_rs

            quick = self.scans <= QUICK_BUILD_SCANS
            self._built = ahocorasick_rs.BytesAhoCorasick(  # UTF-8 bytes: no offset mapping
                [s.encode("utf-8", "surrogatepass") for s in self.literals],
                matchkind=ahocorasick_rs.MatchKind.Standard,
                implementation=ahocorasick_rs.Implementation.ContiguousNFA if quick else None)
        return self._built.find_matches_as_indexes(data, overlapping=True)


# literals -> their automaton; a program that makes scan after scan of new strings starts again past _MAX_AUTOMATA
_automata: dict[tuple[str, ...], _Automaton] = {}
_MAX_AUTOMATA = 64


class Found:
    """The outcome of a scan: which of the scanned strings occur in the document."""

    __slots__ = ("scanned", "present")

    def __init__(self, scanned: frozenset[str], present: frozenset[str]) -> None:
        self.scanned = scanned
        self.present = present

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


def record(doc, scan: MarkerScan) -> Found:
    """Scan `doc`'s view and remember the outcome for its rules (the engine calls this)."""
    outcome = Found(scan.known, scan.find(doc.view))
    _found[doc] = outcome
    return outcome


def found(doc) -> Found | None:
    """The recorded scan of `doc`, or None when there was none."""
    return _found.get(doc)
