"""Inline suppressions and configuration waivers.

Directives, in any format, on a line of their own or in a comment:

    <!-- disclint-disable RULE[, RULE] -->      until a matching enable (or the end)
    <!-- disclint-enable RULE[, RULE] -->
    <!-- disclint-disable-next-line RULE -->    the next line only
    <!-- disclint-disable-file RULE -->         the whole file

With no rule named, a directive covers every rule. In plain text the same
directives may stand alone on a line, or after `#` or `//`; text after ` -- ` is
a free reason. A directive that suppresses nothing is itself reported
(`unused-suppression`). Rules marked `waivable: false` in their ruleset (secrecy
markings, personal data) cannot be silenced inline: only by a waiver in the
configuration, with a reason and an expiry date; once the date has passed the
findings come back together with one `expired-waiver` finding.
"""

from __future__ import annotations

import datetime

from linter import regexes
from linter.document import Document
from linter.finding import Finding, Severity
from linter.waiver import Waiver

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see linter.records)
if TYPE_CHECKING:
    from collections.abc import Set as AbstractSet

META_RULES = ("unused-suppression", "expired-waiver")

_DIRECTIVE = regexes.compile(
    r"(?:<!--[ \t]*|^[ \t]*(?:#|//)?[ \t]*)"
    r"disclint-(?P<kind>disable-next-line|disable-file|disable|enable)\b"
    r"(?P<rules>[^\n]*?)(?:[ \t]+--[ \t][^\n]*?)?[ \t]*(?:-->|$)",
    regexes.M)
_RULE_ID = regexes.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


class Directive:
    """One `disclint-disable…`/`disclint-enable` comment; `used` and `refused` are filled in while applying."""

    __slots__ = ("kind", "rules", "line", "start", "end", "used", "refused")

    def __init__(self, kind: str, rules: tuple[str, ...], line: int, start: int, end: int) -> None:
        self.kind = kind
        self.rules = rules  # empty: every rule
        self.line = line
        self.start = start
        self.end = end
        self.used = 0
        self.refused: set[str] = set()

    def names(self, rule: str) -> bool:
        return not self.rules or rule in self.rules


def directives(doc: Document) -> list[Directive]:
    found = []
    for match in _DIRECTIVE.finditer(doc.source):
        rules = tuple(_RULE_ID.findall(match.group("rules")))
        start = match.start("kind") - len("disclint-")
        line, _ = doc.lines.position(start)
        found.append(Directive(match.group("kind"), rules, line, start, match.end()))
    return found


def apply(doc: Document, findings: list[Finding], waivable: dict[str, bool], active: AbstractSet[str],
          lang: str, waivers: tuple[Waiver, ...] = (), today: datetime.date | None = None) -> list[Finding]:
    """Drop suppressed and waived findings; add unused-suppression and expired-waiver findings."""
    found = directives(doc)
    # (most documents have no directive: then nothing is suppressed, and no finding need be asked)
    kept = [f for f in findings if not _suppressed(f, found, waivable)] if found else list(findings)
    if waivers:
        kept = _waive(doc, kept, waivers, lang, today or datetime.date.today())
    for directive in found:
        if directive.kind == "enable" or directive.used:
            continue
        if directive.rules and not all(rule in active for rule in directive.rules) and not directive.refused:
            continue  # it names a rule that did not run (--select): it cannot be judged
        kept.append(_unused(doc, directive, lang))
    return kept


def _suppressed(finding: Finding, found: list[Directive], waivable: dict[str, bool]) -> bool:
    open_ranges: dict[str | None, int] = {}
    hit = None
    for directive in found:
        if directive.kind == "disable-file" and directive.names(finding.rule):
            hit = hit or directive
        elif directive.kind == "disable-next-line" and directive.line + 1 == finding.line and \
                directive.names(finding.rule):
            hit = hit or directive
    covering = _covering_range(finding, found)
    hit = hit or covering
    if hit is None:
        return False
    if not waivable.get(finding.rule, True):
        hit.refused.add(finding.rule)
        return False
    hit.used += 1
    return True


def _covering_range(finding: Finding, found: list[Directive]) -> Directive | None:
    """The disable directive whose range (until a matching enable) holds the finding's line."""
    current = None
    for directive in found:
        if directive.line > finding.line:
            break
        if directive.kind == "disable" and directive.names(finding.rule):
            current = directive
        elif directive.kind == "enable" and directive.names(finding.rule):
            current = None
    return current


def _unused(doc: Document, directive: Directive, lang: str) -> Finding:
    line, column = doc.lines.position(directive.start)
    end_line, end_column = doc.lines.position(directive.end)
    named = ", ".join(directive.rules) or ("所有规则" if lang != "en" else "all rules")
    if directive.refused:
        refused = ", ".join(sorted(directive.refused))
        message = (f"rule {refused} cannot be suppressed inline: add a waiver with a reason and an expiry date "
                   f"to the configuration" if lang == "en" else
                   f"规则 {refused} 不能在文中豁免，只能在配置文件中设置带理由和期限的豁免（waivers）")
        reason = "not-waivable"
    else:
        message = (f"unused suppression of {named}: nothing here to suppress" if lang == "en"
                   else f"多余的豁免指令（{named}）：此处没有需要豁免的问题")
        reason = "unused"
    data = {"directive": directive.kind, "rules": list(directive.rules), "reason": reason}
    return Finding(doc.path, "unused-suppression", Severity.WARNING, message, line, column, end_line,
                   end_column, data)


def _waive(doc: Document, findings: list[Finding], waivers: tuple[Waiver, ...], lang: str,
           today: datetime.date) -> list[Finding]:
    kept, expired_used = [], []
    for finding in findings:
        waiver = next((w for w in waivers if w.rule == finding.rule and
                       (w.text is None or w.text in finding.message or w.text in str(finding.data))), None)
        if waiver is None:
            kept.append(finding)
        elif waiver.expires >= today:
            continue
        else:
            kept.append(finding)
            if waiver not in expired_used:
                expired_used.append(waiver)
    for waiver in expired_used:
        message = (f"the waiver for {waiver.rule} expired on {waiver.expires.isoformat()} ({waiver.reason}); "
                   f"its findings are reported again" if lang == "en" else
                   f"规则 {waiver.rule} 的豁免已于 {waiver.expires.isoformat()} 到期（{waiver.reason}），相关问题重新报告")
        kept.append(Finding(doc.path, "expired-waiver", Severity.ERROR, message, 1, 1, 1, 1,
                            {"rule": waiver.rule, "expires": waiver.expires.isoformat(), "reason": waiver.reason,
                             "config": waiver.origin}))
    return kept
