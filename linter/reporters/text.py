"""Human output like ruff's: `path:line:col: severity rule message`, the line, a caret."""

from __future__ import annotations

from linter import i18n
from linter.reporters import Reporter, Summary
from linter.textmap import display_width

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"
_MAX_WIDTH = 100  # terminal cells


class TextReporter(Reporter):
    def _paint(self, text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if self.options.color else text

    def file(self, result) -> None:
        out = self.stream
        if self.options.verbose and result.error is None:
            out.write(i18n.text("file-info", self.options.lang, path=result.path,
                                encoding=result.encoding, format=result.format,
                                ruleset=result.ruleset, reason=result.ruleset_reason) + "\n")
        for finding in result.findings:
            severity = self._paint(finding.severity.label, _COLORS[finding.severity.label])
            location = self._paint(f"{finding.path}:{finding.line}:{finding.column}:", _BOLD)
            where = ""
            if finding.location:
                from linter.formats.located import describe

                where = f" ({describe(finding.location, self.options.lang)})"
            out.write(f"{location} {severity} {finding.rule} {finding.message}{where}\n")
            if self.options.show_source and not self.options.quiet:
                self._snippet(result, finding)

    def _snippet(self, result, finding) -> None:
        source_line = result.line_text(finding.line)
        if not source_line.strip():
            return
        line = source_line.replace("\t", " ")
        start = finding.column - 1
        if finding.end_line == finding.line:
            end = max(finding.end_column - 1, start + 1)
        else:
            end = len(line)
        if display_width(line) > _MAX_WIDTH:  # show a window of the line around the finding
            left = start
            while left > 0 and display_width(line[left - 1:start]) <= _MAX_WIDTH // 4:
                left -= 1
            right = left
            while right < len(line) and display_width(line[left:right + 1]) <= _MAX_WIDTH:
                right += 1
            line, start, end = line[left:right], start - left, min(end, right) - left
        gutter = str(finding.line)
        pad = " " * len(gutter)
        caret = " " * display_width(line[:start]) + "^" * max(1, display_width(line[start:end]))
        self.stream.write(self._paint(f"{gutter} | ", _DIM) + line.rstrip() + "\n")
        self.stream.write(self._paint(f"{pad} | ", _DIM) + self._paint(caret, _COLORS[finding.severity.label]) + "\n")

    def finish(self, summary: Summary) -> None:
        if self.options.quiet:
            return
        lang = self.options.lang
        if summary.files == 0:
            self.stream.write(i18n.text("nothing", lang) + "\n")
            return
        checked = summary.files - summary.unchecked
        if summary.fixing:
            self.stream.write(i18n.text("fixed", lang, count=summary.fixed) + "\n")
        if summary.total:
            self.stream.write(i18n.text("summary", lang, total=summary.total, files=checked,
                                        **summary.counts) + "\n")
        elif checked:
            self.stream.write(i18n.text("clean", lang, files=checked) + "\n")
        if summary.unchecked:
            self.stream.write(i18n.text("unchecked", lang, count=summary.unchecked) + "\n")
