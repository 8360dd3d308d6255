"""Format readers: turn a decoded Source into plain text with a map back to the source.

A reader is chosen by file extension; `--format-override`-style choice comes with
the readers plugin group. Unknown extensions are read as plain text; formats that
need a converter (Word, PDF) are refused with a clear message until they have a reader.
"""

from __future__ import annotations

import os

from linter.errors import InputError

TEXT_EXTENSIONS = {".txt", ".text"}
MARKDOWN_EXTENSIONS = {".md", ".markdown"}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml"}
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS | MARKDOWN_EXTENSIONS | HTML_EXTENSIONS
_UNSUPPORTED = {
    ".docx": "Word documents are not read yet: save the report as .txt, .md or .html",
    ".doc": "old Word .doc files are not read: save the report as .txt, .md or .html",
    ".wps": "WPS files are not read: save the report as .txt, .md or .html",
    ".pdf": "PDF files are not read yet: export the text as .txt",
}


def format_for(path: str) -> str:
    """The reader name for `path`: "text", "markdown" or "html"."""
    ext = os.path.splitext(path)[1].lower()
    if ext in _UNSUPPORTED:
        raise InputError(f"unsupported format: {_UNSUPPORTED[ext]}", path)
    if ext in MARKDOWN_EXTENSIONS:
        return "markdown"
    if ext in HTML_EXTENSIONS:
        return "html"
    return "text"


def read(format_name: str, text: str):
    """Run the reader for `format_name` over decoded text; returns a Parsed."""
    if format_name == "markdown":
        from linter.formats.markdown import read_markdown

        return read_markdown(text)
    if format_name == "html":
        from linter.formats.html import read_html

        return read_html(text)
    from linter.formats.text import read_text

    return read_text(text)
