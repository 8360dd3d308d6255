"""Reviewdog Diagnostic Format (rdjson), for `reviewdog -f=rdjson`.

Columns are UTF-8 byte offsets, 1-based, as the format defines. Safe fixes travel
as suggestions, so reviewdog can offer them in the review.
"""

from __future__ import annotations

import json

from linter.reporters.collect import CollectingReporter

_SEVERITIES = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def _byte_column(line_text: str, column: int) -> int:
    return len(line_text[:column - 1].encode("utf-8")) + 1


class RdjsonReporter(CollectingReporter):
    def finish(self, summary) -> None:
        diagnostics = []
        for result in self.results:
            for finding in result.findings:
                start = {"line": finding.line,
                         "column": _byte_column(result.line_text(finding.line), finding.column)}
                end = {"line": finding.end_line,
                       "column": _byte_column(result.line_text(finding.end_line), finding.end_column)}
                diagnostic = {
                    "message": finding.message,
                    "location": {"path": result.path, "range": {"start": start, "end": end}},
                    "severity": _SEVERITIES[finding.severity.label],
                    "code": {"value": finding.rule},
                }
                suggestions = self._suggestions(result, finding)
                if suggestions:
                    diagnostic["suggestions"] = suggestions
                diagnostics.append(diagnostic)
        document = {"source": {"name": "disclint"}, "diagnostics": diagnostics}
        json.dump(document, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")

    @staticmethod
    def _suggestions(result, finding) -> list[dict]:
        if finding.fix is None or finding.fix.safety != "safe" or result.lines is None:
            return []
        suggestions = []
        for edit in finding.fix.edits:
            (sl, sc), (el, ec) = result.lines.position(edit.start), result.lines.position(edit.end)
            suggestions.append({
                "range": {"start": {"line": sl, "column": _byte_column(result.line_text(sl), sc)},
                          "end": {"line": el, "column": _byte_column(result.line_text(el), ec)}},
                "text": edit.text,
            })
        return suggestions
