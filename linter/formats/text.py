"""Plain-text reader: the text is the document; offsets map one to one."""

from __future__ import annotations

from linter.document import Parsed


def read_text(text: str) -> Parsed:
    return Parsed(format="text", plain=text)
