"""forbidden-terms: words and patterns that must never be published.

What it checks:
    Every occurrence, in the normalised view, of the configured literal `terms`
    and regular-expression `patterns` (Python `regex` syntax; `^`/`$` match at
    line ends). A match overlapping an `exclude` match is not reported, so a
    counter-marker such as （此件公开发布） can protect its own words. With
    `header_lines` only the first N non-empty lines are searched. The matched text
    goes to `data.<data_key>`.

Why:
    Secrecy markings (绝密★/机密★/秘密★ with 保密期限, 密级：…), internal-use labels
    (内部资料, 不得外传) and English banners (CONFIDENTIAL, INTERNAL USE ONLY) mean
    the text was never cleared for release: 保守国家秘密法 forbids publishing what
    carries a mark, and a leaked mark is the classic disclosure incident. Matching
    the normalised view also catches Traditional (機密★) and full-width forms.

Fails:
    机密★10年 on the first line of a draft; 本材料仅供内部使用，不得外传。

Passes:
    严格执行保守国家秘密法；涉及国家秘密、商业秘密的信息依法不予公开。 (legal prose:
    the patterns are anchored to the marking's grammar, not to the word 秘密).

Options:
    terms: literal strings. patterns: regular expressions. exclude: regular
    expressions whose matches protect overlapping text. ignore_case: default false
    (English banners are matched in capitals on purpose). header_lines: search only
    the first N non-empty lines. data_key: the data key for the matched text
    (default "term").
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from linter import markers
from linter.document import Document
from linter.finding import Hit
from linter.kinds.base import RuleKind, options_model
from linter.kinds.patterns import compile_any, literal_patterns, reach as _reach, runs, search_in, timeout_for
from linter.memo import per_object

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see linter.records)
if TYPE_CHECKING:
    from linter.kinds.options import ForbiddenTermsOptions


class ForbiddenTerms(RuleKind):
    __doc__ = __doc__
    name = "forbidden-terms"
    Options = options_model("linter.kinds.options:ForbiddenTermsOptions")
    plain_options = True
    messages = {
        "default": {"zh": "出现不得公开发布的内容“{match}”", "en": "'{match}' must not be published"},
    }

    def markers(self, options: ForbiddenTermsOptions) -> frozenset[str]:
        """The literal strings the rule's patterns need (linter.markers scans for them once)."""
        return _plan_of(options).strings

    def check(self, doc: Document, options: ForbiddenTermsOptions) -> Iterator[Hit]:
        plan = _plan_of(options)
        scan = markers.found(doc)
        if scan is not None and plan.separable:
            kept = plan.kept(scan)
            if not kept:
                return
            matches = _alternation(tuple(pattern for pattern, _ in kept), options.ignore_case,
                                   [_windows(doc.view, scan, pattern, clauses) for pattern, clauses in kept])
        else:
            matches = None
        text = doc.view
        limit = len(text)
        if options.header_lines is not None:
            non_empty = [line for line in doc.view_lines if line.text.strip()]
            if len(non_empty) > options.header_lines:
                limit = non_empty[options.header_lines].start
        protected = None  # the spans of `exclude`, found when the first match needs them (most documents have none)
        if matches is None:
            pattern = compile_any(tuple(p for p, _ in plan.parts), options.ignore_case)
            found = pattern.finditer(text, 0, limit, overlapped=False, timeout=timeout_for(pattern))
        else:
            found = matches(text, limit)
        for match in found:
            start, end = match.span()
            if start == end:
                continue
            if protected is None:
                protected = _excluded(text, options) if options.exclude else ()
            if any(s < end and start < e for s, e in protected):
                continue
            raw = match.group()
            matched = raw.strip()
            start += len(raw) - len(raw.lstrip())
            end -= len(raw) - len(raw.rstrip())
            src_start, src_end = doc.source_span(start, end)
            yield Hit(src_start, src_end, data={options.data_key: matched}, args={"match": matched})


def _excluded(text: str, options: ForbiddenTermsOptions) -> list[tuple[int, int]]:
    """The spans of the rule's `exclude` expressions in `text`: no match overlapping one counts."""
    excluder = compile_any(tuple(options.exclude), options.ignore_case)
    return [m.span() for m in excluder.finditer(text, timeout=timeout_for(excluder))]


class _Plan:
    """The rule's alternation, one part per term or pattern, with what each part needs.

    `separable` is true when every part can be run on its own with the same result
    as the whole alternation (linter.literals read it, no part matches the empty
    string, and no inline flag changes the other parts): only then are parts left out.
    """

    __slots__ = ("parts", "separable", "strings", "_kept")

    def __init__(self, parts: tuple[tuple[str, tuple | None], ...], separable: bool) -> None:
        self.parts = parts
        self.separable = separable
        self.strings = frozenset(s for _, clauses in parts for clause in clauses or () for s in clause)  # all needed
        self._kept: dict[tuple, list] = {}

    def kept(self, scan: markers.Found) -> list[tuple[str, tuple | None]]:
        """The parts whose clauses `scan` satisfies (`Found.satisfied`), in order.

        The answer depends only on which of the plan's strings were scanned for and found,
        and nearly every document gives one of a few such sets (most: none of them), so it
        is remembered for each (a few hundred at most).
        """
        key = (scan.present & self.strings, scan.scanned)
        kept = self._kept.get(key)
        if kept is None:
            kept = [part for part in self.parts if scan.satisfied(part[1])]
            if len(self._kept) >= 256:
                self._kept.clear()
            self._kept[key] = kept
        return kept


def _options_plan(options: ForbiddenTermsOptions) -> _Plan:
    return _plan(tuple(options.terms), tuple(options.patterns), options.ignore_case)


# `_plan` of a rule's options, remembered for the options themselves: every file is checked with
# the same ones, and copying and hashing the terms and patterns for `_plan`'s cache cost as much
# as the rest of a clean document's check
_plan_of = per_object(_options_plan, maxsize=256)


@functools.lru_cache(maxsize=256)
def _plan(terms: tuple[str, ...], patterns: tuple[str, ...], ignore_case: bool) -> _Plan:
    from linter.literals import analyse  # reads patterns with re's parser: only when a rule runs

    parts = []
    separable = not ignore_case
    for pattern in literal_patterns(terms) + patterns:
        analysis = analyse(pattern)
        if analysis is None or analysis[1] == 0:
            separable = False
        parts.append((pattern, analysis[0] if analysis is not None and not ignore_case else None))
    return _Plan(tuple(parts), separable)


def _alternation(parts: tuple[str, ...], ignore_case: bool, windows: list | None = None):
    """`finditer` of the alternation of `parts`, run part by part (none matches the empty string).

    At each step the leftmost match of any part wins, the first part on a tie, and
    the search goes on after it: exactly what the regex engine does with `a|b|c`,
    but a part that cannot occur in the document (linter.markers) is never run, and
    a part with `windows` (`_windows`: spans holding all its matches) is run in those alone.
    """
    compiled = [compile_any((part,), ignore_case) for part in parts]
    windows = windows or [None] * len(parts)

    def search(index: int, text: str, position: int, limit: int):
        if windows[index] is None:
            pattern = compiled[index]
            return pattern.search(text, position, limit, timeout=timeout_for(pattern))
        return search_in(compiled[index], text, windows[index], position, limit)

    def matches(text: str, limit: int):
        pending = [search(index, text, 0, limit) for index in range(len(compiled))]
        while True:
            best = None
            for match in pending:
                if match is not None and (best is None or match.start() < best.start()):
                    best = match
            if best is None:
                return
            yield best
            position = best.end()
            for index, match in enumerate(pending):
                if match is not None and match.start() < position:
                    pending[index] = search(index, text, position, limit)

    return matches


def _windows(text: str, scan, pattern: str, clauses) -> list[tuple[int, int]] | None:
    """Spans of `text` that hold every match of a part, in order; None for the whole text.

    The runs (linter.kinds.patterns.runs) around the occurrences of the strings of one of the
    part's clauses: the scanned clause with the fewest strings present. Most documents of a
    standard report hold 秘密 only in 属于国家秘密, the run of which is 秘密 and the row's
    numbers, so a part needing 绝密, 机密 or 秘密 is searched in a few short spans instead of
    the whole view (tests/test_forbidden_terms_windows.py compares the findings). Where the
    strings are comes from the marker scan: the view is not searched for them again (several
    parts need 秘密, each looked for it in a pass or two over the view).
    """
    characters = _reach(pattern) if clauses else None  # worked out for a part that runs (start-up time)
    if characters is None:
        return None
    best = None
    for clause in clauses:
        if clause <= scan.scanned:
            present = [s for s in clause if s in scan.present]
            if best is None or len(present) < len(best):
                best = present
    if best is None:
        return None
    starts = [scan.where(string) for string in best]  # where the marker scan saw them, when it can tell
    return runs(text, best, characters, None if None in starts else starts)
