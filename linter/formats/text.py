"""Plain-text reader: the text is the document; offsets map one to one."""

from __future__ import annotations

from linter.document import Parsed


class TextReader:
    """Reads plain text (.txt, .text, and any extension no other reader claims) as decoded."""

    name = "text"
    extensions = (".txt", ".text")
    binary = False

    def read_text(self, text: str) -> Parsed:
        return Parsed(format="text", plain=text)
