"""The part of a file's line index that a result needs once the file is gone.

A cached result, or one sent back by a worker process, does not carry the whole
file: only where every line starts (to place a fix's edits) and the text of the
lines its findings and fixes touch (shown under a finding, measured in bytes by
rdjson). It answers `position` and `line_text` exactly as the full LineIndex.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import chain, compress, count, islice, repeat
from operator import attrgetter, itemgetter, lt

_LINE, _END_LINE, _FIX = attrgetter("line"), attrgetter("end_line"), attrgetter("fix")  # of a Finding
_EDITS = attrgetter("edits")  # of a Fix
_START, _END = itemgetter(0), itemgetter(1)  # of an Edit (by index: no attribute lookup, hundreds a file)


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
        wanted |= _edited_lines(starts, findings)
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


def _edited_lines(starts: list[int], findings) -> set[int]:
    """The line of each end of each edit of the findings' fixes, as `position` finds it.

    Line n holds the offsets from `starts[n - 1]` up to `starts[n]`; `position` clamps an
    offset into the text, which puts one before it on line 1 and one past its end on the
    last line. A file's lines are fewer than the ends of its edits when it has many (a
    traditional-conversion fix has an edit per character: hundreds), so instead of a binary
    search for each end, the ends are sorted and each line start looked up among them: a
    line holds an end when fewer ends lie before it than before the next line. All in C.
    """
    fixes = filter(None, map(_FIX, findings))  # (a Fix is a tuple of three fields: never false)
    edits = list(chain.from_iterable(map(_EDITS, fixes)))
    ends = sorted(chain(map(_START, edits), map(_END, edits)))
    if not ends:
        return set()
    before = [0, *map(bisect_left, repeat(ends), islice(starts, 1, None)), len(ends)]  # ends before each line
    return set(compress(count(1), map(lt, before, islice(before, 1, None))))
