"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.

One run; the driver lists every rule that produced a result (with its
description, help text and a help URI); results carry the rule, level, message,
a region in Unicode code points (`columnKind: unicodeCodePoints`) and the
finding's fingerprint as a partial fingerprint, so code scanning tracks a
finding across edits. Files that could not be checked are tool notifications.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from linter import __version__
from linter.reporters.collect import CollectingReporter

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    return quote(path.replace("\\", "/"), safe="/")


def help_uri(rule_id: str) -> str:
    return f"urn:disclint:rule:{rule_id}"


class SarifReporter(CollectingReporter):
    def finish(self, summary) -> None:
        rule_ids = sorted({f.rule for r in self.results for f in r.findings})
        index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
        rules = []
        for rule_id in rule_ids:
            short, longer = self.rule_text(rule_id)
            rule = self.options.rules().get(rule_id)
            level = _LEVELS[rule.severity.label] if rule is not None else "error"
            rules.append({
                "id": rule_id,
                "name": "".join(part.capitalize() for part in rule_id.split("-")),
                "shortDescription": {"text": short},
                "fullDescription": {"text": longer},
                "help": {"text": f"{longer}\n\ndisclint explain {rule_id}",
                         "markdown": f"{longer}\n\n`disclint explain {rule_id}`"},
                "helpUri": help_uri(rule_id),
                "defaultConfiguration": {"level": level},
            })
        results, notifications = [], []
        for result in self.results:
            if result.error:
                notifications.append({
                    "level": "error", "message": {"text": f"{result.path}: {result.error}"},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(result.path)}}}],
                })
            for finding in result.findings:
                region = {"startLine": finding.line, "startColumn": finding.column}
                if (finding.end_line, finding.end_column) > (finding.line, finding.column):
                    region.update(endLine=finding.end_line, endColumn=finding.end_column)
                entry = {
                    "ruleId": finding.rule,
                    "ruleIndex": index[finding.rule],
                    "level": _LEVELS[finding.severity.label],
                    "message": {"text": finding.message},
                    "locations": [{"physicalLocation": {
                        "artifactLocation": {"uri": artifact_uri(result.path)}, "region": region}}],
                }
                if finding.fingerprint:
                    entry["partialFingerprints"] = {"disclintFingerprint/v1": finding.fingerprint}
                if finding.data:
                    entry["properties"] = {"data": dict(finding.data)}
                results.append(entry)
        document = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {"name": "disclint", "version": __version__,
                                    "semanticVersion": __version__, "rules": rules}},
                "columnKind": "unicodeCodePoints",
                "invocations": [{"executionSuccessful": summary.unchecked == 0,
                                 "toolExecutionNotifications": notifications}],
                "results": results,
            }],
        }
        json.dump(document, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")
