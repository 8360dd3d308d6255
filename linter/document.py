"""The read-only Document every rule kind receives.

A Document holds the decoded file (`source`), the reader's plain text, the
normalised analysis view, the offset maps between them, a line index over the
file, and the structure found in the view: headings, sections and header fields.
Rules read it and never change it; every offset they report is a *source* offset
(`Document.source_span` turns a view span into one).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from operator import itemgetter

from linter.records import NamedTuple
from linter.textmap import Line, LineIndex

# The small records are NamedTuples: read-only, and cheap to define and to build (a frozen
# dataclass costs about 1 ms of start-up each and sets every field through object.__setattr__).


class MarkupHeading(NamedTuple):
    """A heading given by the markup (markdown `#`, HTML `h1`-`h6`), in source offsets."""

    start: int
    end: int
    level: int


class Field(NamedTuple):
    """A header field such as 发布时间 or 来源: its value and where it stands in the source.

    `name` is one of "publish-date", "source", "closing-date", "title"; `label` is the
    label as written (发布时间, 信息来源, meta:PubDate...); `line` is the 0-based view
    line it was found on (-1 for metadata outside the text, such as a `<meta>` tag).
    """

    name: str
    label: str
    value: str
    start: int
    end: int
    line: int = -1


class Notice(NamedTuple):
    """A finding a reader itself makes about the file (e.g. `no-text-layer` for a scanned PDF).

    The engine turns it into a Finding with this rule id, severity and message; `start`
    is a source offset or None for the whole file.
    """

    rule: str
    severity: str
    message: dict  # {"zh": ..., "en": ...}
    start: int | None = None
    data: dict | None = None


class Parsed(NamedTuple):
    """What a format reader produces from a Source."""

    format: str
    plain: str
    origin: list[int] | None = None  # plain offset -> source offset; None means identical
    headings: tuple[MarkupHeading, ...] = ()
    fields: tuple[Field, ...] = ()
    locator: Callable[[int], dict] | None = None  # source offset -> {"page": 2} / {"paragraph": 7}
    notices: tuple[Notice, ...] = ()


class Heading(NamedTuple):
    """A heading found in the view: level (1 = top), full title text, view offsets."""

    level: int
    title: str
    line: int
    start: int
    end: int


class Section(NamedTuple):
    """A heading and the view span of its body (up to the next heading of the same or higher level)."""

    heading: Heading
    body_start: int
    body_end: int


def source_span(view_origin: list[int], start: int, end: int) -> tuple[int, int]:
    """The source span of the view span [start, end), through `view_origin` (view -> source offsets).

    A function as well as `Document.source_span`: structure finds the header fields
    before the Document that holds them is built.
    """
    if not view_origin:
        return 0, 0
    src_start = view_origin[start] if start < len(view_origin) else view_origin[-1] + 1
    src_end = view_origin[min(end, len(view_origin)) - 1] + 1 if end > start else src_start
    return src_start, max(src_start, src_end)


def sections_of(headings: tuple[Heading, ...], length: int) -> tuple[Section, ...]:
    """The sections of `headings` in a view of `length` characters: each heading's body ends
    where the first later heading of its level or higher starts.

    One pass with a stack of the headings still open (their levels rise from bottom to
    top): a heading closes every open one of its level or deeper.
    """
    ends = [length] * len(headings)
    open_: list[int] = []
    for index, heading in enumerate(headings):
        while open_ and headings[open_[-1]].level >= heading.level:
            ends[open_.pop()] = heading.start
        open_.append(index)
    return tuple(map(_new_section, zip(headings, map(_HEADING_END, headings), ends)))


# builds a Section from a (heading, body_start, body_end) tuple in C, without the Python-level
# __new__ that Section(...) calls (as textmap's lines are built)
_new_section = functools.partial(tuple.__new__, Section)
_HEADING_END = itemgetter(4)  # Heading.end, read in C

_DOCUMENT_FIELDS = ("path", "format", "encoding", "source", "plain", "plain_origin", "view", "view_origin",
                    "lines", "view_lines", "headings", "sections", "fields", "annotations", "locator", "notices")
# The slots that hold them: `sections` is a property over `_sections` (see Document.sections).
_SLOTS = tuple("_sections" if name == "sections" else name for name in _DOCUMENT_FIELDS)
_set_attribute = object.__setattr__  # past Document.__setattr__, which refuses every change


class Document:
    """A read-only document: equal only to itself (rules cache per-document values by identity)."""

    __slots__ = _SLOTS + ("__weakref__",)

    path: str
    format: str
    encoding: str | None
    source: str
    plain: str
    plain_origin: list[int] | None
    view: str
    view_origin: list[int]
    lines: LineIndex
    view_lines: tuple[Line, ...]
    headings: tuple[Heading, ...]
    fields: tuple[Field, ...]
    annotations: tuple[tuple[int, int], ...]
    locator: Callable[[int], dict] | None
    notices: tuple[Notice, ...]

    def __init__(self, path: str, format: str, encoding: str | None, source: str, plain: str,
                 plain_origin: list[int] | None, view: str, view_origin: list[int], lines: LineIndex,
                 view_lines: tuple[Line, ...], headings: tuple[Heading, ...] = (),
                 sections: tuple[Section, ...] | None = (), fields: tuple[Field, ...] = (),
                 annotations: tuple[tuple[int, int], ...] = (), locator: Callable[[int], dict] | None = None,
                 notices: tuple[Notice, ...] = ()) -> None:
        """`sections` None: those of the headings (`sections_of`), worked out when first asked for."""
        values = locals()
        for name, slot in zip(_DOCUMENT_FIELDS, _SLOTS):
            _set_attribute(self, slot, values[name])

    @property
    def sections(self) -> tuple[Section, ...]:
        """The sections of the headings. No rule reads them, so a Document built without them
        (structure builds every Document so) works them out only when asked, and keeps them."""
        sections = self._sections
        if sections is None:
            sections = sections_of(self.headings, len(self.view))
            _set_attribute(self, "_sections", sections)
        return sections

    def __setattr__(self, name: str, value) -> None:
        raise AttributeError(f"cannot set '{name}': a Document is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete '{name}': a Document is read-only")

    def __repr__(self) -> str:
        return f"Document(path={self.path!r}, format={self.format!r}, encoding={self.encoding!r})"

    def replace(self, **changes) -> "Document":
        """A copy with some fields changed."""
        values = {name: getattr(self, name) for name in _DOCUMENT_FIELDS}
        values.update(changes)
        return Document(**values)

    def locate(self, source_offset: int) -> dict | None:
        """Where a source offset is in the container (page, paragraph, table cell), if known."""
        return self.locator(source_offset) if self.locator is not None else None

    def source_offset(self, view_offset: int) -> int:
        if not self.view_origin:
            return 0
        if view_offset >= len(self.view_origin):
            return self.view_origin[-1] + 1
        return self.view_origin[view_offset]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a view span [start, end) to a source span."""
        return source_span(self.view_origin, start, end)

    def plain_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a plain-text span [start, end) to a source span."""
        if self.plain_origin is None:
            return start, end
        if not self.plain_origin:
            return 0, 0
        src_start = self.plain_origin[min(start, len(self.plain_origin) - 1)]
        src_end = self.plain_origin[min(end, len(self.plain_origin)) - 1] + 1 if end > start else src_start
        return src_start, max(src_start, src_end)

    def fields_named(self, name: str) -> list[Field]:
        return [f for f in self.fields if f.name == name]
