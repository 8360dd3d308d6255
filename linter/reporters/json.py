"""Machine output, version 1 (documented in the README; keep it stable).

{"version": 1, "tool": {...}, "files": [{"path", "format", "ruleset", "encoding",
"findings": [{"rule", "severity", "message", "line", "column", "end_line",
"end_column", "data"}], "error"?}], "summary": {...}}

The document is written as the files come (each file's entry as soon as it is
checked), so memory stays flat however many files a run has; the bytes are those
`json.dump(document, indent=2, ensure_ascii=False)` would write in one go.
"""

from __future__ import annotations

import json

from linter import __version__
from linter.reporters import Reporter, Summary

JSON_VERSION = 1


def _dumps(value, depth: int) -> str:
    """`value` as it stands `depth` levels deep in a document indented by 2."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)


_string = json.encoder.encode_basestring  # what json.dumps writes a string as (without ensure_ascii), in C


def _indented(value, depth: int) -> str:
    """`_dumps(value, depth)`, written here for what results hold: dicts with string keys, lists,
    strings, integers, booleans, None (anything else, an empty container or a float, by `_dumps`).

    json's indented writer is Python code that yields every bracket and separator on its own
    (about 55 µs for a file's entry); this one joins a dict's or a list's items at once. The
    checks run in the order json makes them, so a value is written the same way (a plain
    string, the most common value, is written without a call of this function).
    """
    if isinstance(value, str):
        return _string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, (list, tuple)) and value:
        inner = ",\n" + "  " * (depth + 1)
        return "[" + inner[1:] + inner.join([_string(item) if type(item) is str else _indented(item, depth + 1)
                                             for item in value]) + "\n" + "  " * depth + "]"
    if isinstance(value, dict) and value and all(type(key) is str for key in value):
        inner = ",\n" + "  " * (depth + 1)
        return "{" + inner[1:] + inner.join([_string(key) + ": " + (_string(item) if type(item) is str
                                                                     else _indented(item, depth + 1))
                                             for key, item in value.items()]) + "\n" + "  " * depth + "}"
    return _dumps(value, depth)


class JsonReporter(Reporter):
    def start(self) -> None:
        self._count = 0
        head = {"version": JSON_VERSION, "tool": {"name": "disclint", "version": __version__}}
        self.stream.write(_dumps(head, 0)[:-2] + ',\n  "files": [')

    def file(self, result) -> None:
        self.stream.write(("," if self._count else "") + "\n    " + _indented(result.to_json(), 2))
        self._count += 1

    def finish(self, summary: Summary) -> None:
        self.stream.write(("\n  ]" if self._count else "]") + ',\n  "summary": ' + _dumps(summary.to_json(), 1)
                          + "\n}\n")
