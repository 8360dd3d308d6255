"""The part of a file's line index that a result needs once the file is gone.

A cached result, or one sent back by a worker process, does not carry the whole
file: only where every line starts (to place a fix's edits) and the text of the
lines its findings and fixes touch (shown under a finding, measured in bytes by
rdjson). It answers `position` and `line_text` exactly as the full LineIndex.
"""

from __future__ import annotations

import bisect


class KeptLines:
    __slots__ = ("starts", "length", "texts")

    def __init__(self, starts: list[int], length: int, texts: dict[int, str]) -> None:
        self.starts = starts
        self.length = length
        self.texts = texts

    @classmethod
    def of(cls, lines, findings) -> "KeptLines":
        """Keep from `lines` (a LineIndex) what `findings` can ask for."""
        wanted: set[int] = set()
        starts, length = lines.starts, len(lines.text)
        for finding in findings:
            wanted.update((finding.line, finding.end_line))
            if finding.fix is not None:  # the line of each end of each edit, as `position` finds it
                # (a traditional-conversion fix has an edit per character: hundreds)
                wanted.update(bisect.bisect_right(starts, max(0, min(offset, length)))
                              for edit in finding.fix.edits for offset in (edit.start, edit.end))
        return cls(starts, length, {n: lines.line_text(n) for n in sorted(wanted)})

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self.length))
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_text(self, line: int) -> str:
        return self.texts.get(line, "")

    @property
    def count(self) -> int:
        return len(self.starts)
