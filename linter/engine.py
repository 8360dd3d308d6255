"""Run a ruleset over a document and stamp each Hit into a Finding.

The kind yields positions and data; the engine adds the rule id, the severity
and the message in the chosen language, turns source offsets into lines and
columns, and sorts. A kind that crashes, or whose pattern times out, becomes one
`internal-error` finding naming the rule instead of ending the run.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from itertools import repeat
from operator import add, attrgetter, sub

from linter.autoselect import Choice
from linter.document import Document
from linter.errors import InputError
from linter.finding import SORT_KEY, Finding, Hit, Severity
from linter.fingerprint import fingerprint, span_fingerprints
from linter.formats import reader_for
from linter import markers, suppress
from linter.memo import per_object
from linter.records import NamedTuple
from linter.result import FileResult
from linter.ruleclock import RULE_TIME_LIMIT, RuleTimeout, RuleClock, document_clock
from linter.ruleset import META_RULES, Rule, Ruleset
from linter.waiver import Waiver
from linter.source import DEFAULT_MAX_BYTES, Source, decode_bytes, read_bytes
from linter.structure import build_document


def load_document(path: str, display: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                  data: bytes | None = None, reader_name: str | None = None) -> Document:
    """Source -> reader -> Document. Raises InputError for files that cannot be read.

    `data` gives the bytes directly (standard input); `display` is the name shown
    and, with `data`, the name whose extension picks the reader.
    """
    shown = display or path
    reader = reader_for(shown if data is not None else path, reader_name)()
    if data is None:
        data = read_bytes(path, shown, max_bytes)
    elif len(data) > max_bytes:
        raise InputError(f"input too large (limit {max_bytes / 1048576:.0f} MiB)", shown)
    try:
        if reader.binary:
            parsed = reader.read_bytes(data)
            source = Source(shown, parsed.plain, None)
            parsed = parsed._replace(origin=None)
        else:
            declare = getattr(reader, "declared_charset", None)
            text, encoding = decode_bytes(data, shown, declare(data[:4096]) if declare else None)
            source = Source(shown, text, encoding)
            parsed = reader.read_text(text)
    except InputError:
        raise
    except (ValueError, AssertionError, RecursionError, LookupError, EOFError, OSError) as exc:
        raise InputError(f"cannot read as {reader.name}: {type(exc).__name__}: {exc}", shown) from None
    return build_document(source, parsed)


def lint(doc: Document, ruleset: Ruleset, lang: str, waivers: tuple[Waiver, ...] = ()) -> list[Finding]:
    """Every finding of `ruleset` on `doc`, after inline suppressions and configuration waivers."""
    findings: list[Finding] = [_notice(doc, notice, lang) for notice in doc.notices]
    if findings and not doc.plain.strip():  # e.g. a scanned PDF: nothing else can be judged
        return sorted((f for f in findings if f.rule in ruleset.meta), key=SORT_KEY)
    frame = _frame(ruleset)
    if frame.scan.literals:
        markers.record(doc, frame.scan)
    with document_clock(RULE_TIME_LIMIT) as clock:
        for rule in ruleset.rules:
            findings.extend(_run(doc, rule, lang, clock))
    findings = suppress.apply(doc, findings, frame.waivable, frame.active, lang, waivers)
    findings = [f for f in findings if f.rule not in META_RULES or f.rule in ruleset.meta]
    findings.sort(key=SORT_KEY)
    return findings


def _run(doc: Document, rule: Rule, lang: str, clock: RuleClock) -> list[Finding]:
    """One rule's findings; a crash or a time-out becomes one `internal-error` finding."""
    try:
        clock.start()
        try:
            hits = list(rule.kind.check(doc, rule.options))
            # (most rules find nothing in a file: they then return at once, without stamping)
            return stamp_all(doc, rule, hits, lang) if hits else hits
        finally:
            clock.stop()
    except RuleTimeout:
        return [_internal(doc, rule, f"it ran longer than {RULE_TIME_LIMIT:g} s on this file and was stopped")]
    except TimeoutError:
        return [_internal(doc, rule, "a pattern took too long on this file (timed out)")]
    except Exception as exc:  # noqa: BLE001 - one broken rule must not end the run
        return [_internal(doc, rule, f"{type(exc).__name__}: {exc}")]


class _Frame(NamedTuple):
    """What `lint` needs of a ruleset besides running its rules: worked out once per ruleset."""

    scan: markers.MarkerScan  # one automaton over the literal markers of all its rules
    waivable: dict[str, bool]  # rule id -> may it be suppressed inline
    active: frozenset[str]  # the ids of its rules


def _new_frame(ruleset: Ruleset) -> _Frame:
    return _Frame(_marker_scan(ruleset), {rule.id: rule.waivable for rule in ruleset.rules},
                  frozenset(rule.id for rule in ruleset.rules))


# the ruleset's frame, made when it is first linted (a run lints file after file with it)
_frame = per_object(_new_frame, maxsize=64)


def _marker_scan(ruleset: Ruleset) -> markers.MarkerScan:
    """One automaton over the literal markers of all the ruleset's rules."""
    literals: set[str] = set()
    for rule in ruleset.rules:
        wanted = getattr(rule.kind, "markers", None)
        if wanted is not None:
            try:
                literals.update(wanted(rule.options))
            except Exception:  # noqa: BLE001 - a kind that cannot say simply runs in full
                pass
    return markers.MarkerScan(literals)


def check_file(path: str, display: str, choice: Choice, lang: str,
               max_bytes: int = DEFAULT_MAX_BYTES, data: bytes | None = None,
               reader_name: str | None = None, waivers: tuple[Waiver, ...] = ()) -> FileResult:
    """Read, choose the ruleset (`auto` looks at the document first), lint."""
    try:
        doc = load_document(path, display, max_bytes, data, reader_name)
    except InputError as exc:
        return FileResult(display, error=exc.message)
    return result_for(doc, choice, lang, waivers)


def result_for(doc: Document, choice: Choice, lang: str, waivers: tuple[Waiver, ...] = (),
               findings: list[Finding] | None = None) -> FileResult:
    ruleset, reason = choice.pick(doc)
    if findings is None:
        findings = lint(doc, ruleset, lang, waivers)
    return FileResult(doc.path, tuple(findings), ruleset.name, doc.encoding, doc.format,
                      ruleset_reason=reason.get(lang), lines=doc.lines)


class _Arguments:
    """A message's arguments: `hit.args` over `hit.data`, a bilingual value in the chosen language,
    "{name}" for a name neither holds.

    Looked up only for the names the message uses (`str.format_map` asks for each), instead of
    merging both mappings and picking every value's language first: a message names one to
    three of them.
    """

    __slots__ = ("args", "data", "lang")

    def __init__(self, args, data, lang: str) -> None:
        self.args, self.data, self.lang = args, data, lang

    def __getitem__(self, key: str):
        if key in self.args:
            value = self.args[key]
        elif key in self.data:
            value = self.data[key]
        else:
            return "{" + key + "}"
        if isinstance(value, dict) and "zh" in value and "en" in value:
            value = value["en" if self.lang == "en" else "zh"]
        return value


def stamp(doc: Document, rule: Rule, hit: Hit, lang: str) -> Finding:
    if hit.start is None:
        line, column, end_line, end_column = 1, 1, 1, 1
    else:
        line, column = doc.lines.position(hit.start)
        end_line, end_column = doc.lines.position(hit.end if hit.end is not None else hit.start)
    location = doc.locate(hit.start) if hit.start is not None else None
    data = dict(hit.data)
    return _new_finding((doc.path, rule.id, hit.severity or rule.severity, _message(rule, hit, lang),
                         line, column, end_line, end_column, data, location,
                         fingerprint(doc, rule.id, hit.start, hit.end, data), hit.fix))


def _message(rule: Rule, hit: Hit, lang: str) -> str:
    """The hit's message in `lang`: its template, as it is when the arguments do not fit it."""
    template = rule.message(hit.variant, lang)
    try:
        return template.format_map(_Arguments(hit.args, hit.data, lang))
    except (ValueError, IndexError, AttributeError):
        return template


_START, _END, _DATA, _ARGS, _VARIANT, _SEVERITY, _FIX = map(
    attrgetter, ("start", "end", "data", "args", "variant", "severity", "fix"))  # of a Hit, read in C


def stamp_all(doc: Document, rule: Rule, hits: list[Hit], lang: str) -> list[Finding]:
    """`stamp` of each of a rule's hits on `doc`, made field by field over all of them.

    A rule that finds something in a file often finds it again and again (a copy from a
    mirror site has a pinyin annotation every few characters: 150 in a file), so the
    lines, columns, messages and fingerprints of its hits are made by maps over all of
    them, in C, instead of several Python calls for each. A lone hit, a hit about the
    whole document (no span) and a span outside the text (which `position` clamps) are
    stamped one by one.
    """
    starts, ends = list(map(_START, hits)), list(map(_END, hits))
    if len(hits) == 1 or None in starts or None in ends or min(starts) < 0 or min(ends) < 0 \
            or max(max(starts), max(ends)) > len(doc.source):
        return [stamp(doc, rule, hit, lang) for hit in hits]
    lines, columns = _positions(doc.lines.starts, starts)
    end_lines, end_columns = _positions(doc.lines.starts, ends)
    severities = [severity or rule.severity for severity in map(_SEVERITY, hits)]
    data = list(map(dict, map(_DATA, hits)))
    locations = repeat(None) if doc.locator is None else map(doc.locator, starts)
    return list(map(_new_finding, zip(
        repeat(doc.path), repeat(rule.id), severities, _messages(rule, hits, lang), lines, columns,
        end_lines, end_columns, data, locations, span_fingerprints(doc, rule.id, starts, ends),
        map(_FIX, hits))))


def _positions(line_starts: list[int], offsets: list[int]) -> tuple[list[int], list[int]]:
    """The lines and columns of offsets into the source (none past its end, none negative: no
    clamping), as `LineIndex.position` gives them, with every binary search in C."""
    lines = list(map(bisect_right, repeat(line_starts), offsets))  # (1-based: the index of the line after)
    line_firsts = map(line_starts.__getitem__, map(sub, lines, repeat(1)))
    return lines, list(map(sub, map(add, offsets, repeat(1)), line_firsts))


def _messages(rule: Rule, hits: list[Hit], lang: str) -> list[str]:
    """`_message` of each hit: formatted by one map, or hit by hit when a template does not format."""
    variants = list(map(_VARIANT, hits))
    template_of = {variant: rule.message(variant, lang) for variant in set(variants)}  # (mostly one)
    templates = map(template_of.__getitem__, variants)
    arguments = map(_Arguments, map(_ARGS, hits), map(_DATA, hits), repeat(lang))
    try:
        return list(map(str.format_map, templates, arguments))
    except (ValueError, IndexError, AttributeError, TypeError):  # (TypeError: a template that is not a str)
        return [_message(rule, hit, lang) for hit in hits]


# Finding._make without its Python-level call and length check (every field is given here):
# every finding of every file is made by it
_new_finding = functools.partial(tuple.__new__, Finding)


def _notice(doc: Document, notice, lang: str) -> Finding:
    line, column = doc.lines.position(notice.start) if notice.start is not None else (1, 1)
    location = doc.locate(notice.start) if notice.start is not None else None
    data = dict(notice.data or {})
    return Finding(doc.path, notice.rule, Severity.parse(notice.severity),
                   notice.message["en" if lang == "en" else "zh"], line, column, line, column,
                   data, location, fingerprint(doc, notice.rule, notice.start, notice.start, data))


def _internal(doc: Document, rule: Rule, detail: str) -> Finding:
    return Finding(doc.path, "internal-error", Severity.ERROR,
                   f"rule '{rule.id}' ({rule.kind_name}) failed on this file: {detail}",
                   1, 1, 1, 1, {"rule": rule.id})
