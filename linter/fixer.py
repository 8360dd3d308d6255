"""Apply the fixes of findings, re-check, and write the file atomically.

A fix is a list of source edits with a safety level (safe by default, unsafe on
opt-in). The fixer applies the non-overlapping edits of the fixable findings,
re-reads the result with the same reader and lints it again: the fixed findings
must be gone (by rule and fingerprint) and the text must parse, or nothing is
written. Rounds repeat until nothing is left to fix, so a second run changes
nothing. Writing goes to a temporary file in the same folder, is flushed to disk,
given the original's permissions and renamed over it (linter/atomic.py): a crash
at any moment leaves either the old file or the new one, never a truncated mix.
The original encoding, byte-order mark and line endings are kept; a read-only
file is reported, not forced.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field

from linter.autoselect import Choice
from linter.document import Document
from linter.engine import lint, load_document
from linter.errors import InputError
from linter.finding import Edit, Finding
from linter.formats import reader_for
from linter.source import DEFAULT_MAX_BYTES, Source
from linter.structure import build_document
from linter.waiver import Waiver

MAX_ROUNDS = 5


@dataclass
class FixOutcome:
    path: str
    fixed: int = 0
    original: str | None = None
    text: str | None = None          # the fixed text, when it differs from the original
    encoding: str | None = None
    error: str | None = None          # why nothing (more) was fixed, if something went wrong
    remaining: list[Finding] = field(default_factory=list)
    initial: list[Finding] = field(default_factory=list)
    document: Document | None = None        # after the fixes
    start_document: Document | None = None  # as read

    @property
    def changed(self) -> bool:
        return self.text is not None and self.text != self.original

    def diff(self) -> str:
        if not self.changed:
            return ""
        return "".join(difflib.unified_diff(
            self.original.splitlines(keepends=True), self.text.splitlines(keepends=True),
            fromfile=f"a/{self.path}", tofile=f"b/{self.path}"))


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits (sorted by start)."""
    out, position = [], 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < position:
            continue
        out.append(text[position:edit.start])
        out.append(edit.text)
        position = edit.end
    out.append(text[position:])
    return "".join(out)


def _choose_edits(findings: list[Finding], unsafe: bool) -> tuple[list[Edit], list[Finding]]:
    """The edits of every fixable finding whose edits overlap no edit already taken."""
    taken: list[Edit] = []
    fixed: list[Finding] = []

    def clashes(edit: Edit) -> bool:
        return any(edit.start < t.end and t.start < edit.end or edit.start == edit.end == t.start for t in taken)

    for finding in findings:
        fix = finding.fix
        if fix is None or (fix.safety != "safe" and not unsafe) or not fix.edits:
            continue
        if fix.independent:
            chosen = [edit for edit in fix.edits if not clashes(edit)]
            if not chosen:
                continue
        elif any(clashes(edit) for edit in fix.edits):
            continue
        else:
            chosen = list(fix.edits)
        taken.extend(chosen)
        fixed.append(finding)
    return taken, fixed


def reparse(doc: Document, text: str, reader_name: str | None) -> Document:
    reader = reader_for(doc.path, reader_name)()
    return build_document(Source(doc.path, text, doc.encoding), reader.read_text(text))


def fix_file(path: str, display: str, choice: Choice, lang: str, unsafe: bool = False,
             max_bytes: int = DEFAULT_MAX_BYTES, reader_name: str | None = None,
             data: bytes | None = None, waivers: tuple[Waiver, ...] = ()) -> FixOutcome:
    """Fix one file in memory; `write_fixed` writes it. InputError is returned as `error`."""
    try:
        doc = load_document(path, display, max_bytes, data, reader_name)
    except InputError as exc:
        return FixOutcome(display, error=exc.message)
    outcome = FixOutcome(display, original=doc.source, encoding=doc.encoding, document=doc, start_document=doc)
    ruleset, _ = choice.pick(doc)
    findings = lint(doc, ruleset, lang, waivers)
    outcome.initial = findings
    for _ in range(MAX_ROUNDS):
        edits, fixing = _choose_edits(findings, unsafe)
        if not fixing:
            break
        if doc.encoding is None:
            outcome.error = f"cannot write {doc.format} files: fix the source document by hand"
            break
        text = apply_edits(doc.source, edits)
        try:
            new_doc = reparse(doc, text, reader_name)
        except Exception as exc:  # noqa: BLE001 - a fix that breaks parsing is refused
            outcome.error = f"fix refused: the fixed text does not parse ({type(exc).__name__})"
            break
        ruleset, _ = choice.pick(new_doc)
        new_findings = lint(new_doc, ruleset, lang, waivers)
        before = Counter((f.rule, f.fingerprint) for f in findings)
        after = Counter((f.rule, f.fingerprint) for f in new_findings)
        gone = Counter((f.rule, f.fingerprint) for f in fixing)
        if any(after[key] > before[key] - count for key, count in gone.items()):
            outcome.error = "fix refused: the fixed text still has the findings it was meant to fix"
            break
        outcome.fixed += len(fixing)
        doc, findings = new_doc, new_findings
        outcome.text, outcome.document = text, new_doc
    outcome.remaining = findings
    return outcome
