"""Format readers: turn a file into plain text with a map back to the source.

Readers are plugins of the `disclint.readers` entry-point group, like rule kinds;
disclint's own (text, markdown, html, docx, pdf) are registered the same way. A reader is a
class with:

- `name` ("html") and `extensions` ((".html", ".htm")), used to pick it by file
  extension (`--reader NAME` overrides the choice);
- `binary`: False for text formats, which get the decoded text (`read_text`);
  True for container formats (docx, pdf), which get the raw bytes (`read_bytes`)
  and whose extracted text becomes the source that lines and columns refer to;
- optionally `declared_charset(head: bytes)`: an encoding the file declares
  (HTML `<meta charset>`), tried before detection.

Files whose extension no reader claims are read as plain text. Formats that need
a converter first are refused with a message that says how to convert.
"""

from __future__ import annotations

import os

from linter.errors import InputError, UsageError
from linter.registry import registry

READERS_GROUP = "disclint.readers"
FALLBACK = "text"
_UNSUPPORTED = {
    ".doc": "old Word .doc files are not read: open the file in Word or WPS and save it as .docx, "
            "or run `libreoffice --headless --convert-to docx FILE`",
    ".wps": "WPS .wps files are not read: save the file as .docx in WPS, "
            "or run `libreoffice --headless --convert-to docx FILE`",
}


def readers():
    return registry(READERS_GROUP)


def extensions() -> dict[str, str]:
    """Extension -> reader name, from every registered reader."""
    table: dict[str, str] = {}
    for name in readers().names():
        for extension in getattr(readers().load(name), "extensions", ()):
            table.setdefault(extension.lower(), name)
    return table


def reader_for(path: str, override: str | None = None):
    """The reader class for `path` (an instance is cheap; readers hold no state)."""
    if override:
        if override not in readers():
            raise UsageError(f"unknown reader '{override}' (available: {', '.join(readers().names())})")
        return readers().load(override)
    extension = os.path.splitext(path)[1].lower()
    if extension in _UNSUPPORTED:
        raise InputError(f"unsupported format: {_UNSUPPORTED[extension]}", path)
    name = _EXTENSION_CACHE.get(extension)
    if name is None:
        name = _builtin_extension(extension) or extensions().get(extension, FALLBACK)
        _EXTENSION_CACHE[extension] = name
    return readers().load(name)


_EXTENSION_CACHE: dict[str, str] = {}
_BUILTIN = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
            ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
            ".docx": "docx", ".pdf": "pdf"}


def _builtin_extension(extension: str) -> str | None:
    """The common extensions, known without importing every reader plugin."""
    name = _BUILTIN.get(extension)
    return name if name is not None and name in readers() else None


def parse_text(reader_name: str, text: str):
    """Run a text reader by name over already-decoded text (used by tests and `--stdin`)."""
    return readers().load(reader_name)().read_text(text)
