"""Run a ruleset over a document and stamp each Hit into a Finding.

The kind yields positions and data; the engine adds the rule id, the severity
and the message in the chosen language, turns source offsets into lines and
columns, and sorts. A kind that crashes, or whose pattern times out, becomes one
`internal-error` finding naming the rule instead of ending the run.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field

from linter.document import Document
from linter.errors import InputError
from linter.finding import Finding, Hit, Severity
from linter.formats import format_for, read
from linter.ruleset import Rule, Ruleset
from linter.source import DEFAULT_MAX_BYTES, Source, decode_bytes, read_source
from linter.structure import build_document
from linter.textmap import LineIndex


@dataclass(frozen=True)
class FileResult:
    """Everything known about one checked file; `error` is set when it could not be checked."""

    path: str
    findings: tuple[Finding, ...] = ()
    ruleset: str | None = None
    encoding: str | None = None
    format: str | None = None
    error: str | None = None
    lines: LineIndex | None = field(default=None, repr=False, compare=False)

    def line_text(self, line: int) -> str:
        return self.lines.line_text(line) if self.lines is not None else ""

    def to_json(self) -> dict:
        entry = {"path": self.path, "format": self.format, "ruleset": self.ruleset,
                 "encoding": self.encoding, "findings": [f.to_json() for f in self.findings]}
        if self.error is not None:
            entry["error"] = self.error
        return entry


def load_document(path: str, display: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                  data: bytes | None = None) -> Document:
    """Source -> reader -> Document. Raises InputError for files that cannot be read."""
    shown = display or path
    format_name = format_for(shown if data is not None else path)
    declared = None
    if format_name == "html":
        from linter.formats.html import declared_charset

        if data is None:
            try:
                with open(path, "rb") as handle:
                    declared = declared_charset(handle.read(4096))
            except OSError:
                declared = None
        else:
            declared = declared_charset(data)
    if data is not None:
        if len(data) > max_bytes:
            raise InputError(f"input too large (limit {max_bytes / 1048576:.0f} MiB)", shown)
        text, encoding = decode_bytes(data, shown, declared)
        source = Source(shown, text, encoding)
    else:
        source = read_source(path, shown, max_bytes, declared)
    try:
        parsed = read(format_name, source.text)
    except (ValueError, AssertionError, RecursionError) as exc:
        raise InputError(f"cannot parse as {format_name}: {exc}", shown) from None
    return build_document(source, parsed)


def lint(doc: Document, ruleset: Ruleset, lang: str) -> list[Finding]:
    findings: list[Finding] = []
    for rule in ruleset.rules:
        try:
            for hit in rule.kind.check(doc, rule.options):
                findings.append(stamp(doc, rule, hit, lang))
        except TimeoutError:
            findings.append(_internal(doc, rule, "a pattern took too long on this file (timed out)"))
        except Exception as exc:  # noqa: BLE001 - one broken rule must not end the run
            findings.append(_internal(doc, rule, f"{type(exc).__name__}: {exc}"))
    findings.sort(key=Finding.sort_key)
    return findings


def check_file(path: str, display: str, ruleset: Ruleset, lang: str,
               max_bytes: int = DEFAULT_MAX_BYTES, data: bytes | None = None) -> FileResult:
    try:
        doc = load_document(path, display, max_bytes, data)
    except InputError as exc:
        return FileResult(display, ruleset=ruleset.name, error=exc.message)
    return FileResult(display, tuple(lint(doc, ruleset, lang)), ruleset.name, doc.encoding, doc.format,
                      lines=doc.lines)


class _Arguments(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def stamp(doc: Document, rule: Rule, hit: Hit, lang: str) -> Finding:
    arguments = _Arguments()
    for key, value in {**hit.data, **hit.args}.items():
        if isinstance(value, dict) and "zh" in value and "en" in value:
            value = value["en" if lang == "en" else "zh"]
        arguments[key] = value
    try:
        message = string.Formatter().vformat(rule.message(hit.variant, lang), (), arguments)
    except (ValueError, IndexError, AttributeError):
        message = rule.message(hit.variant, lang)
    if hit.start is None:
        line, column, end_line, end_column = 1, 1, 1, 1
    else:
        line, column = doc.lines.position(hit.start)
        end_line, end_column = doc.lines.position(hit.end if hit.end is not None else hit.start)
    return Finding(doc.path, rule.id, hit.severity or rule.severity, message,
                   line, column, end_line, end_column, dict(hit.data))


def _internal(doc: Document, rule: Rule, detail: str) -> Finding:
    return Finding(doc.path, "internal-error", Severity.ERROR,
                   f"rule '{rule.id}' ({rule.kind_name}) failed on this file: {detail}",
                   1, 1, 1, 1, {"rule": rule.id})
