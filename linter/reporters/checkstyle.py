"""Checkstyle XML, read by many CI dashboards and by reviewdog `-f=checkstyle`."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from linter.reporters.collect import CollectingReporter

_SEVERITIES = {"error": "error", "warning": "warning", "info": "info"}


class CheckstyleReporter(CollectingReporter):
    def finish(self, summary) -> None:
        out = self.stream
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n')
        for result in self.results:
            out.write(f"  <file name={quoteattr(result.path)}>\n")
            if result.error:
                out.write(f'    <error line="1" column="1" severity="error" message={quoteattr(result.error)} '
                          f'source="disclint.input-error"/>\n')
            for finding in result.findings:
                out.write(f'    <error line="{finding.line}" column="{finding.column}" '
                          f'severity="{_SEVERITIES[finding.severity.label]}" message={quoteattr(finding.message)} '
                          f'source={quoteattr("disclint." + finding.rule)}/>\n')
            out.write("  </file>\n")
        out.write("</checkstyle>\n")
