"""Human output like ruff's: `path:line:col: severity rule message`, the line, a caret."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate

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
        if not result.findings:
            return
        snippets = self.options.show_source and not self.options.quiet
        lines = []
        shown = None  # (line number, `_prepared` text): findings are sorted, those on one line come together
        for finding in result.findings:
            lines.append(self._headline(finding))
            if snippets:
                if shown is None or shown[0] != finding.line:
                    shown = (finding.line, _prepared(result.line_text(finding.line)))
                if shown[1] is not None:
                    lines.extend(self._snippet(finding, *shown[1]))
        out.write("".join(lines))  # one write per file

    def _headline(self, finding) -> str:
        """`path:line:col: severity rule message (where)` and a newline."""
        label = finding.severity.label
        where = ""
        if finding.location:
            from linter.formats.located import describe

            where = f" ({describe(finding.location, self.options.lang)})"
        if self.options.color:
            return (f"{_BOLD}{finding.path}:{finding.line}:{finding.column}:{_RESET} {_COLORS[label]}{label}{_RESET} "
                    f"{finding.rule} {finding.message}{where}\n")
        return f"{finding.path}:{finding.line}:{finding.column}: {label} {finding.rule} {finding.message}{where}\n"

    def _snippet(self, finding, line: str, wide: bool, running: list[int] | None) -> list[str]:
        """The finding's source line (`_prepared`; a window of it when wide) and a caret under the finding."""
        start = finding.column - 1
        if finding.end_line == finding.line:
            end = max(finding.end_column - 1, start + 1)
        else:
            end = len(line)
        if wide:  # show a window of the line around the finding
            left, right = _window(line, start, running)
            line, start, end = line[left:right], start - left, min(end, right) - left
        gutter = str(finding.line)
        pad = " " * len(gutter)
        caret = " " * _width(line[:start]) + "^" * max(1, _width(line[start:end]))
        return [self._paint(f"{gutter} | ", _DIM) + line.rstrip() + "\n",
                self._paint(f"{pad} | ", _DIM) + self._paint(caret, _COLORS[finding.severity.label]) + "\n"]

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


def _prepared(source_line: str) -> tuple[str, bool, list[int] | None] | None:
    """A source line as snippets show it: `(line, wide, running)`, None for a blank line.

    `line` has tabs as spaces; `wide`: it is wider than the terminal; `running`, for a wide
    line of up to RUNNING_LIMIT characters, the cells taken by each of its beginnings
    (`running[i]` = `_width(line[:i])`), which cut the windows of all findings on the line.
    """
    if not source_line.strip():
        return None
    line = source_line.replace("\t", " ")
    wide = _wider_than(line, _MAX_WIDTH)
    running = None
    if wide and len(line) <= RUNNING_LIMIT:
        running = list(accumulate(map(_CELLS.__getitem__, line), initial=0))
    return line, wide, running


class _Cells(dict):
    """Terminal cells of each character, measured once by `display_width`."""

    def __missing__(self, char: str) -> int:
        cells = self[char] = display_width(char)
        return cells


_CELLS = _Cells()


def _width(text: str) -> int:
    """`display_width(text)` (a sum over its characters), from the cells of each character."""
    return sum(map(_CELLS.__getitem__, text))


def _wider_than(line: str, limit: int) -> bool:
    """`_width(line) > limit`, measuring only the first `limit + 1` characters of a long line."""
    head = line[:limit + 1]
    return _width(head) > limit or (len(head) < len(line) and _width(line) > limit)


# characters. The running widths of a wide line are summed once (in C) for all the findings on
# it, instead of measuring the line around each finding in Python (most of the text output's
# time); a longer line is still measured around each finding, as its running widths would take
# memory in proportion to the line.
RUNNING_LIMIT = 5_000


def _window(line: str, start: int, running: list[int] | None = None) -> tuple[int, int]:
    """`(left, right)`: the part of a wide line to show around column index `start`.

    Left from `start` while what lies before it takes at most a quarter of the width,
    then right from there while the part takes at most the full width. With the line's
    `running` widths (see `_prepared`), two binary searches; without, each character is
    measured once as the window grows.
    """
    if running is not None:
        stop = min(start, len(line))  # a column past the end of the line takes no cells
        left = bisect_left(running, running[stop] - _MAX_WIDTH // 4, 0, stop)
        return left, bisect_right(running, running[left] + _MAX_WIDTH, left) - 1
    cells, size = _CELLS, len(line)
    left, before = start, 0
    while left > 0:
        wider = before + (cells[line[left - 1]] if left <= size else 0)
        if wider > _MAX_WIDTH // 4:
            break
        left, before = left - 1, wider
    right, width = left, 0
    while right < size:
        width += cells[line[right]]
        if width > _MAX_WIDTH:
            break
        right += 1
    return left, right
