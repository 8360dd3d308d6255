"""JUnit XML: one test case per file, one <failure> per finding, <error> for unreadable files.

CI systems that read test reports (GitLab, Jenkins, Azure) then list every checked
document as a test and every finding as its failure.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from linter.reporters.collect import CollectingReporter


class JunitReporter(CollectingReporter):
    def finish(self, summary) -> None:
        tests = len(self.results)
        failures = sum(1 for r in self.results if r.findings)
        errors = sum(1 for r in self.results if r.error)
        out = self.stream
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write(f'<testsuites name="disclint" tests="{tests}" failures="{failures}" errors="{errors}">\n')
        out.write(f'  <testsuite name="disclint" tests="{tests}" failures="{failures}" errors="{errors}" '
                  f'skipped="0">\n')
        for result in self.results:
            out.write(f'    <testcase classname="disclint" name={quoteattr(result.path)} '
                      f'file={quoteattr(result.path)}')
            if not result.findings and not result.error:
                out.write("/>\n")
                continue
            out.write(">\n")
            if result.error:
                out.write(f'      <error type="input-error" message={quoteattr(result.error)}/>\n')
            for finding in result.findings:
                where = f"{result.path}:{finding.line}:{finding.column}"
                out.write(f'      <failure type={quoteattr(finding.rule)} '
                          f'message={quoteattr(f"{finding.rule}: {finding.message}")}>'
                          f'{escape(f"{where}: {finding.severity.label} {finding.rule} {finding.message}")}'
                          f'</failure>\n')
            out.write("    </testcase>\n")
        out.write("  </testsuite>\n</testsuites>\n")
