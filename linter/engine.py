"""Run a ruleset over a document and stamp each Hit into a Finding.

The kind yields positions and data; the engine adds the rule id, the severity
and the message in the chosen language, turns source offsets into lines and
columns, and sorts. A kind that crashes, or whose pattern times out, becomes one
`internal-error` finding naming the rule instead of ending the run.
"""

from __future__ import annotations

import functools

from linter.autoselect import Choice
from linter.document import Document
from linter.errors import InputError
from linter.finding import SORT_KEY, Finding, Hit, Severity
from linter.fingerprint import fingerprint
from linter.formats import reader_for
from linter import markers, suppress
from linter.records import NamedTuple
from linter.result import FileResult
from linter.ruleclock import RULE_TIME_LIMIT, RuleTimeout, RuleClock
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
    with RuleClock(RULE_TIME_LIMIT) as clock:
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
            # (most rules find nothing in a file: they then return at once, without a stamping loop)
            return [stamp(doc, rule, hit, lang) for hit in hits] if hits else hits
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


# id(ruleset) -> (ruleset, frame): an entry holds its ruleset, so no other object takes its id;
# a program that makes ruleset after ruleset (tests, a library user) starts again past _MAX_FRAMES
_frames: dict[int, tuple[Ruleset, _Frame]] = {}
_MAX_FRAMES = 64


def _frame(ruleset: Ruleset) -> _Frame:
    """The ruleset's frame, made when it is first linted (a run lints file after file with it)."""
    entry = _frames.get(id(ruleset))
    if entry is None:
        if len(_frames) >= _MAX_FRAMES:
            _frames.clear()
        entry = (ruleset, _Frame(_marker_scan(ruleset), {rule.id: rule.waivable for rule in ruleset.rules},
                                 frozenset(rule.id for rule in ruleset.rules)))
        _frames[id(ruleset)] = entry
    return entry[1]


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
    template = rule.message(hit.variant, lang)
    try:
        message = template.format_map(_Arguments(hit.args, hit.data, lang))
    except (ValueError, IndexError, AttributeError):
        message = template
    if hit.start is None:
        line, column, end_line, end_column = 1, 1, 1, 1
    else:
        line, column = doc.lines.position(hit.start)
        end_line, end_column = doc.lines.position(hit.end if hit.end is not None else hit.start)
    location = doc.locate(hit.start) if hit.start is not None else None
    data = dict(hit.data)
    return _new_finding((doc.path, rule.id, hit.severity or rule.severity, message,
                         line, column, end_line, end_column, data, location,
                         fingerprint(doc, rule.id, hit.start, hit.end, data), hit.fix))


# Finding._make without its Python-level call and length check (every field is given here):
# a file's findings are made one by one
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
