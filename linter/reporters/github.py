"""GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per finding.

GitHub shows them as annotations on the pull request's changed lines. Values are
escaped as the workflow-command syntax requires (%, CR, LF; and `:` `,` in properties).
"""

from __future__ import annotations

from linter.reporters import Reporter

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    def file(self, result) -> None:
        if result.error:
            self.stream.write(f"::error file={_property(result.path)},title=disclint::"
                              f"{_data(result.error)}\n")
        for finding in result.findings:
            properties = [f"file={_property(result.path)}", f"line={finding.line}", f"col={finding.column}"]
            if finding.end_line >= finding.line:
                properties.append(f"endLine={finding.end_line}")
            if finding.end_line == finding.line and finding.end_column > finding.column:
                properties.append(f"endColumn={finding.end_column}")
            properties.append(f"title={_property('disclint ' + finding.rule)}")
            self.stream.write(f"::{_COMMANDS[finding.severity.label]} {','.join(properties)}::"
                              f"{_data(finding.message)}\n")
