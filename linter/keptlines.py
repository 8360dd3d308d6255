"""The part of a file's line index that a result needs once the file is gone.

A cached result, or one sent back by a worker process, does not carry the whole
file: only where every line starts (to place a fix's edits) and the text of the
lines its findings and fixes touch (shown under a finding, measured in bytes by
rdjson). It answers `position` and `line_text` exactly as the full LineIndex.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import chain, repeat
from operator import attrgetter

_LINE, _END_LINE = attrgetter("line"), attrgetter("end_line")  # of a Finding
_START, _END = attrgetter("start"), attrgetter("end")  # of an Edit


class KeptLines:
    __slots__ = ("starts", "length", "texts")

    def __init__(self, starts: list[int], length: int, texts: dict[int, str]) -> None:
        self.starts = starts
        self.length = length
        self.texts = texts

    @classmethod
    def of(cls, lines, findings) -> "KeptLines":
        """Keep from `lines` (a LineIndex) what `findings` can ask for."""
        starts = lines.starts
        wanted = set(map(_LINE, findings))
        wanted.update(map(_END_LINE, findings))
        # the line of each end of each edit, as `position` finds it (a traditional-conversion
        # fix has an edit per character: hundreds), with every binary search in C: `position`
        # first clamps the offset into the text, which changes nothing past its end (no line
        # starts there) but puts an offset before it on line 1 where the search says 0
        edits = list(chain.from_iterable(f.fix.edits for f in findings if f.fix is not None))
        edited = set(map(bisect_right, repeat(starts), chain(map(_START, edits), map(_END, edits))))
        if 0 in edited:
            edited.discard(0)
            edited.add(1)
        wanted |= edited
        return cls(starts, len(lines.text), {n: lines.line_text(n) for n in sorted(wanted)})

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self.length))
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_text(self, line: int) -> str:
        return self.texts.get(line, "")

    @property
    def count(self) -> int:
        return len(self.starts)
