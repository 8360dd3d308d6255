"""Extracted text that remembers where each piece came from in a container file.

The Word and PDF readers build the document's text line by line; each line (or
piece of a line: a table cell, the part of a paragraph on the next page) is
marked with its place in the container, such as `{"paragraph": 12}` or
`{"page": 2}`. `locator()` turns an offset in the text into that place, which the
engine reports beside line and column.
"""

from __future__ import annotations

import bisect

from linter.document import MarkupHeading


class LocatedText:
    """Text built line by line, with the place in the container each piece starts at."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.length = 0
        self._starts: list[int] = []
        self._places: list[dict] = []
        self.headings: list[MarkupHeading] = []

    def line(self, text: str, place: dict, level: int | None = None) -> None:
        """Start a new line with `text`, found at `place`; `level` makes it a markup heading."""
        if self._parts:
            self.add("\n")
        start = self.length
        self.mark(place)
        self.add(text)
        stripped = text.strip()
        if level and stripped:
            lead = start + len(text) - len(text.lstrip())
            self.headings.append(MarkupHeading(lead, lead + len(stripped), level))

    def piece(self, text: str, place: dict, separator: str = "") -> None:
        """Continue the current line with `separator` and then `text`, found at `place`."""
        self.add(separator)
        self.mark(place)
        self.add(text)

    def mark(self, place: dict) -> None:
        """The text added from here on is at `place`."""
        if self._starts and self._starts[-1] == self.length:
            self._places[-1] = place
        elif not self._places or self._places[-1] != place:
            self._starts.append(self.length)
            self._places.append(place)

    def add(self, text: str) -> None:
        self._parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self._parts)

    def locator(self):
        """A function: offset in the text -> place (a new dict each call), None before any mark."""
        starts, places = list(self._starts), [dict(p) for p in self._places]

        def locate(offset: int) -> dict | None:
            index = bisect.bisect_right(starts, offset) - 1
            return dict(places[index]) if index >= 0 else None

        return locate


_PAGE_VARIANTS = {"first-page": ("首页", "first-page "), "even-page": ("偶数页", "even-page ")}
_PARTS = {"header": ("页眉", "header"), "footer": ("页脚", "footer")}


def describe(place: dict | None, lang: str = "zh") -> str:
    """A location for people: {"table": 1, "row": 3, "cell": 2} -> 表格1第3行第2列 / table 1, row 3, cell 2."""
    if not place:
        return ""
    zh = lang != "en"
    pieces = []
    rest = dict(place)
    if "part" in rest:
        part = rest.pop("part")
        section = rest.pop("section", None)
        variant = _PAGE_VARIANTS.get(rest.pop("page", None), ("", ""))
        name = _PARTS.get(part, (part, part))
        if zh:
            pieces.append((f"第{section}节" if section else "") + variant[0] + name[0])
        else:
            pieces.append(variant[1] + name[1] + (f" of section {section}" if section else ""))
    for key, zh_form, en_form in (("page", "第{}页", "page {}"), ("paragraph", "第{}段", "paragraph {}"),
                                  ("table", "表格{}", "table {}"), ("row", "第{}行", "row {}"),
                                  ("cell", "第{}列", "cell {}"), ("textbox", "文本框{}", "text box {}")):
        if key in rest:
            pieces.append((zh_form if zh else en_form).format(rest.pop(key)))
    pieces += [f"{key} {value}" for key, value in rest.items()]
    return "".join(pieces) if zh else ", ".join(pieces)
