"""Plain-text reader: the text is the document; offsets map one to one."""

from __future__ import annotations

from linter.document import Parsed
from linter.formats import limits


class TextReader:
    """Reads plain text (.txt, .text, and any extension no other reader claims) as decoded."""

    name = "text"
    extensions = (".txt", ".text")
    binary = False

    def read_text(self, text: str) -> Parsed:
        long_line = limits.long_line(text)
        return Parsed(format="text", plain=text, notices=(long_line,) if long_line else ())
