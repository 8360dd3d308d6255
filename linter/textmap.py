"""Text with a map back to the file it came from, and a line index over a file.

Readers build the plain text of a document piece by piece; each character
remembers the offset in the decoded file it came from, so that a finding in the
plain text (or in the analysis view built from it) points into the original.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from itertools import accumulate, count, repeat
from operator import add

from linter.records import NamedTuple


class TextBuilder:
    """Accumulates text pieces together with their source offsets."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._origin: list[int] = []

    def copy(self, text: str, start: int) -> None:
        """Add `text`, which stands verbatim in the source at `start`."""
        if text:  # an empty part would hide the last character from last_char()
            self._parts.append(text)
            self._origin.extend(range(start, start + len(text)))

    def insert(self, text: str, at: int) -> None:
        """Add synthesized `text` (a newline for a block tag, a decoded entity) standing for `at`."""
        if text:
            self._parts.append(text)
            self._origin.extend([at] * len(text))

    def last_char(self) -> str:
        return self._parts[-1][-1] if self._parts else ""

    def drop_inserted(self, text: str) -> None:
        """Take back the last part if it is `text` added by `insert` (a space before a line break)."""
        if self._parts and self._parts[-1] == text and len(set(self._origin[-len(text):])) == 1:
            self._parts.pop()
            del self._origin[-len(text):]

    def build(self) -> tuple[str, list[int]]:
        return "".join(self._parts), self._origin


class LineIndex:
    """Offsets <-> 1-based (line, column) over one text; columns count code points."""

    def __init__(self, text: str, starts: list[int] | None = None) -> None:
        """The index of `text`; `starts`, when given, is where its lines start (as
        `split_lines_and_starts` gives them), spared finding again."""
        self.text = text
        self.starts = [0] + _line_ends(text)[1] if starts is None else starts

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of 1-based `line` without its terminator."""
        if line < 1 or line > len(self.starts):
            return ""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    @property
    def count(self) -> int:
        return len(self.starts)


class Line(NamedTuple):
    """One line of a text: its index (0-based), start and end offsets, content."""

    number: int
    start: int
    end: int
    text: str


# The offsets 0, 1, 2 ... shared by every text read: a run of characters that stands for a run of
# source (or plain) characters takes its offsets as a slice of this list, a copy of references to
# int objects that exist already, instead of a new int object for every offset (most of the cost
# of `list(range(start, end))`, and of freeing the list again). It grows as longer texts come, up
# to SHARED_OFFSETS (about 2.5 MB); offsets beyond come from `range`. The normalised view
# (linter.normalize) and the web-page writer (linter.formats.html) use it.
SHARED_OFFSETS = 1 << 16
_offsets: list[int] = []


def shared_offsets(end: int) -> list[int] | range:
    """The offsets 0, 1, 2 ... up to `end` - 1 at least, to slice: the shared list, or a `range` for
    an `end` past SHARED_OFFSETS (whose slices are ranges)."""
    if end > len(_offsets):
        if end > SHARED_OFFSETS:
            return range(end)
        _offsets.extend(range(len(_offsets), min(max(end, 2 * len(_offsets)), SHARED_OFFSETS)))
    return _offsets


def split_lines(text: str) -> list[Line]:
    """Split on \\r\\n, \\r or \\n, keeping offsets."""
    return split_lines_and_starts(text)[0]


def split_lines_and_starts(text: str) -> tuple[list[Line], list[int]]:
    """`split_lines(text)`, and `LineIndex(text).starts` (a new list), found in the same pass.

    The starts are those of the lines, and after a final terminator the end of the text
    (a LineIndex counts the empty line there).
    """
    if "\r" not in text:  # the usual text: `str.split` cuts it, and the lines' offsets add up
        texts = text.split("\n")
        ended = len(texts) > 1 and not texts[-1]
        if ended:  # a final terminator ends the last line: no line after it
            texts.pop()
        lengths = list(map(len, texts))
        starts = list(accumulate(map(add, lengths, repeat(1, len(lengths) - 1)), initial=0))
        ends = map(add, starts, lengths)  # read once, by the zip below: no list
        line_starts = starts + [len(text)] if ended else starts
    else:
        ends, after = _line_ends(text)
        starts = [0] + after
        line_starts = starts.copy()
        texts = [text[start:end] for start, end in zip(starts, ends)]
        if len(text) > starts[-1] or not ends:  # the text after the last terminator is a line too
            ends.append(len(text))
            texts.append(text[starts[-1]:])
        else:
            starts.pop()
    return list(map(_new_tuple, repeat(Line), zip(count(), starts, ends, texts))), line_starts


# builds a Line from a (number, start, end, text) tuple in C, without the Python-level __new__
# that Line(...) calls: a document has a line object for every line. `map` passes the class
# itself (from `repeat(Line)`): a `functools.partial` of it would copy its arguments into a
# new tuple for every line, about a tenth of the cost of splitting a text.
_new_tuple = tuple.__new__


def _line_ends(text: str) -> tuple[list[int], list[int]]:
    """Where each line terminator starts and where the line after it starts."""
    if "\r" in text:
        # (compiled here, through re's own cache: most texts have no \r, and a run of them
        # never pays for compiling it)
        matches = list(re.compile(r"\r\n|\r|\n").finditer(text))
        return [m.start() for m in matches], [m.end() for m in matches]
    # Only "\n" terminators: their offsets from the line lengths, at C speed (line k ends at the
    # lengths of lines 0..k plus the k terminators before it).
    lengths = map(len, text.split("\n")[:-1])
    ends = list(map(add, accumulate(lengths), count()))
    return ends, [end + 1 for end in ends]


def display_width(text: str) -> int:
    """Terminal cells taken by `text` (CJK and full-width characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
