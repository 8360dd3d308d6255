"""The result of checking one file, as reporters, the result cache and worker processes see it."""

from __future__ import annotations


from linter.finding import Finding, equal_but_last, unequal_but_last
from linter.keptlines import KeptLines
from linter.records import NamedTuple
from linter.textmap import LineIndex


class FileResult(NamedTuple):
    """Everything known about one checked file; `error` is set when it could not be checked."""

    path: str
    findings: tuple[Finding, ...] = ()
    ruleset: str | None = None
    encoding: str | None = None
    format: str | None = None
    error: str | None = None
    ruleset_reason: str | None = None
    lines: LineIndex | KeptLines | None = None  # not compared: the result is the findings

    # the kept lines are not part of the result; findings hold mappings, so no hash
    __eq__, __ne__, __hash__ = equal_but_last, unequal_but_last, None

    def line_text(self, line: int) -> str:
        return self.lines.line_text(line) if self.lines is not None else ""

    def compact(self) -> "FileResult":
        """This result with only the source lines its findings point at (to cache or send back).

        A result without findings keeps no lines at all (`lines` None): nothing can ask for
        one, and half the files of a run have no finding (their cached values are then a
        quarter of the size, and quicker to make and read).
        """
        if self.lines is None or isinstance(self.lines, KeptLines):
            return self
        return self._replace(lines=KeptLines.of(self.lines, self.findings) if self.findings else None)

    def to_json(self) -> dict:
        entry = {"path": self.path, "format": self.format, "ruleset": self.ruleset,
                 "ruleset_reason": self.ruleset_reason, "encoding": self.encoding,
                 "findings": [f.to_json() for f in self.findings]}
        if self.error is not None:
            entry["error"] = self.error
        return entry
